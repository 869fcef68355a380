/**
 * `npm run bench:files` (part of `npm run bench`): the file layer on 200 000 rows — reading a
 * CSV and an .xlsx into the grid, patching 4 allocation columns into the .xlsx (`--out` of an
 * .xlsx), and a CSV turned into a new .xlsx through exceljs — with time and peak memory.
 *
 * Each measurement runs in a child process of its own, so that its peak resident memory
 * (process.resourceUsage().maxRSS) is its own; the input files are made once beforehand.
 * Reads are also timed at 50 000 and 100 000 rows: time per row should stay flat (linear).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseCsv } from "../src/files/readCsv";
import { decodeCsv } from "../src/files/readWorkbookFile";
import { readPackage } from "../src/files/readOoxml";
import { patchWorkbook } from "../src/files/patchXlsx";
import { writeWorkbookCopy } from "../src/files/writeXlsx";
import { writeZip } from "../src/files/zip";
import { KR_FORMAT } from "../src/workbook/planWrite";
import type { PlannedCell, WritePlan } from "../src/workbook/types";
import { openpyxlParts } from "../test/corpus/ooxml";
import type { Cell } from "../test/corpus/ooxml";

const SIZES = [50_000, 100_000, 200_000];
const NAMES = [
  "Stockholm",
  "Uppsala",
  "Sörmland",
  "Östergötland",
  "Jönköping",
  "Kronoberg",
  "Kalmar",
];

function rows(n: number): Cell[][] {
  const out: Cell[][] = [["Region", "Kod", "Folkmängd", "AT 2024", "Anteckning"]];
  for (let i = 0; i < n; i++) {
    out.push([
      `${NAMES[i % NAMES.length]} ${i}`,
      `${i % 21}`,
      100_000 + i,
      i % 300,
      i % 5 === 0 ? "se bilaga" : null,
    ]);
  }
  return out;
}

function plan(n: number): WritePlan {
  const header = (value: string): PlannedCell => ({ value, bold: true });
  const data: PlannedCell[][] = [];
  for (let i = 0; i < n; i++) {
    data.push([
      { value: 1000 + i, numberFormat: KR_FORMAT },
      { value: 2000 + i, numberFormat: KR_FORMAT },
      { value: i % 7 },
      { value: 3000 + 2 * i, numberFormat: KR_FORMAT },
    ]);
  }
  return {
    year: 2024,
    columns: {
      sheet: "Underlag",
      headerRow: 0,
      firstCol: 5,
      headers: [
        header("Block 1 (kr)"),
        header("Block 2 (kr)"),
        header("Utökning (AT)"),
        header("Summa (kr)"),
      ],
      rows: data,
    },
    summary: {
      sheetName: "AT-fördelning 2024",
      cells: [[header("Sammanställning")]],
      columnWidths: [30],
    },
    ownership: {
      version: 1,
      year: 2024,
      sheet: "Underlag",
      columnsRange: `F1:I${n + 1}`,
      headers: ["Block 1 (kr)", "Block 2 (kr)", "Utökning (AT)", "Summa (kr)"],
      summarySheet: "AT-fördelning 2024",
      writtenAt: "2024-05-02T09:30:00+02:00",
    },
    clear: [],
    conflicts: [],
  };
}

function csvText(n: number): string {
  return rows(n)
    .map((r) => r.map((v) => (v === null ? "" : String(v))).join(";"))
    .join("\r\n");
}

/** Runs in the child: one operation on one prepared file; prints its time and memory. */
async function child(kind: string, file: string, n: number): Promise<void> {
  const bytes = readFileSync(file);
  const baseline = process.memoryUsage().rss;
  const t0 = process.hrtime.bigint();
  let check = 0;
  if (kind === "read-csv") {
    check = parseCsv(decodeCsv(bytes), "Underlag").sheets[0].values.length;
  } else if (kind === "read-xlsx") {
    check = readPackage(bytes).grid.sheets[0].values.length;
  } else if (kind === "write-xlsx") {
    check = patchWorkbook(bytes, plan(n)).length;
  } else if (kind === "write-csv-to-xlsx") {
    const grid = parseCsv(decodeCsv(bytes), "Underlag");
    const out = `${file}.out.xlsx`;
    await writeWorkbookCopy({ path: file, grid }, out, plan(n));
    check = readFileSync(out).length;
    rmSync(out);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ ms, peak, baseline, check }));
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(0)} MB`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "atf-bench-files-"));
  try {
    const files = new Map<number, { csv: string; xlsx: string }>();
    for (const n of SIZES) {
      const csv = path.join(dir, `rader-${n}.csv`);
      writeFileSync(csv, csvText(n));
      const parts = openpyxlParts(rows(n), { styles: true });
      const xlsx = path.join(dir, `rader-${n}.xlsx`);
      writeFileSync(
        xlsx,
        writeZip(
          null,
          Object.entries(parts).map(([name, data]) => ({ name, data: Buffer.from(data) })),
        ),
      );
      files.set(n, { csv, xlsx });
    }
    const runs: [string, number, string][] = [];
    for (const n of SIZES) {
      runs.push(["read-csv", n, files.get(n)!.csv], ["read-xlsx", n, files.get(n)!.xlsx]);
    }
    const big = files.get(200_000)!;
    runs.push(["write-xlsx", 200_000, big.xlsx], ["write-csv-to-xlsx", 200_000, big.csv]);
    console.log(
      "File layer (one child process per line; peak = max resident memory of that process)",
    );
    console.log("operation            rows      file     time     µs/row   peak RSS  (RSS before)");
    for (const [kind, n, file] of runs) {
      const outText = execFileSync(
        process.execPath,
        [...process.execArgv, __filename, "--child", kind, file, String(n)],
        { encoding: "utf8", maxBuffer: 1 << 20 },
      );
      const r = JSON.parse(outText) as { ms: number; peak: number; baseline: number };
      const size = readFileSync(file).length;
      console.log(
        `${kind.padEnd(20)} ${String(n).padStart(7)}  ${mb(size).padStart(7)}  ${`${(r.ms / 1000).toFixed(2)} s`.padStart(7)}  ${((r.ms * 1000) / n).toFixed(2).padStart(7)}  ${mb(r.peak).padStart(8)}  (${mb(r.baseline)})`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const i = process.argv.indexOf("--child");
if (i >= 0) {
  void child(process.argv[i + 1], process.argv[i + 2], Number(process.argv[i + 3]));
} else {
  void main();
}
