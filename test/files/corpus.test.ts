/**
 * The file corpus (issue 8, "Files" and "Size and hostility"): every file either reads to the
 * same amounts as the plain 2024 table, or is refused with exit 2 and a sentence (the cell or
 * line named where there is one) — never exit 1, never a library's text.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as zlib from "node:zlib";
import { readPackage } from "../../src/files/readOoxml";
import { readWorkbookFile } from "../../src/files/readWorkbookFile";
import { readInputFile } from "../../src/files/sniff";
import fc from "fast-check";
import { FileReadError, FileReadErrors } from "../../src/files/fileErrors";
import { parseCsv } from "../../src/files/readCsv";
import { decodeCsv } from "../../src/files/readWorkbookFile";
import { openZip, writeZip, ZIP_LIMITS } from "../../src/files/zip";
import { CASES_DIR, runCli } from "../cli/cases";
import { case2024Rows, openpyxlParts, fidelityParts, zipParts } from "../corpus/ooxml";
import type { Cell } from "../corpus/ooxml";

const tmp = mkdtempSync(path.join(tmpdir(), "atf-corpus-"));
const CSV_2024 = path.join(CASES_DIR, "2024-all-regions", "input.csv");

async function json(file: string, extra: string[] = []) {
  const run = await runCli(["--year", "2024", "--in", file, "--json", ...extra]);
  return { ...run, out: run.stdout ? JSON.parse(run.stdout) : null };
}

let plain: { code: string; total: number }[];
beforeAll(async () => {
  const run = await json(CSV_2024);
  expect(run.code).toBe(0);
  plain = run.out.regions.map((r: { code: string; total: number }) => ({
    code: r.code,
    total: r.total,
  }));
});

function amounts(out: { regions: { code: string; total: number }[] }) {
  return out.regions.map((r) => ({ code: r.code, total: r.total }));
}

async function write(name: string, data: Buffer | string): Promise<string> {
  const file = path.join(tmp, name);
  writeFileSync(file, data);
  return file;
}

/** Exit 2, no amounts, an error issue whose message has the words; nothing on stdout but JSON. */
async function refused(file: string, words: RegExp, cell?: string) {
  const run = await json(file);
  expect(run.code).toBe(2);
  expect(run.out.ok).toBe(false);
  const errors = run.out.issues.filter((i: { severity: string }) => i.severity === "error");
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.map((e: { message: string }) => e.message).join(" ")).toMatch(words);
  if (cell) expect(errors.map((e: { cell: string }) => e.cell)).toContain(cell);
  // Never a library's own English: the Swedish default speaks Swedish.
  expect(run.stderr).not.toMatch(/Error:|TypeError|at Object|Cannot read properties/);
  return run;
}

describe("files that cannot be read: exit 2 and a sentence", () => {
  test("an empty file", async () => {
    await refused(await write("tom.xlsx", ""), /tom \(0 byte\)/);
    await refused(await write("tom.csv", ""), /tom \(0 byte\)/);
  });

  test("a truncated zip", async () => {
    const whole = await zipParts(openpyxlParts());
    await refused(
      await write("avkortad.xlsx", whole.subarray(0, Math.floor(whole.length / 2))),
      /skadad eller ofullständig/,
    );
  });

  test("a password-protected workbook (an OLE file with EncryptionInfo)", async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from("EncryptionInfo", "utf16le").copy(ole, 1024);
    Buffer.from("EncryptedPackage", "utf16le").copy(ole, 1152);
    await refused(await write("lösen.xlsx", ole), /lösenordsskyddad/);
    const en = await runCli([
      "--year",
      "2024",
      "--in",
      path.join(tmp, "lösen.xlsx"),
      "--json",
      "--lang",
      "en",
    ]);
    expect(en.code).toBe(2);
    expect(JSON.parse(en.stdout).issues[0].message).toMatch(/password-protected/);
  });

  test("an old .xls (an OLE file without encryption)", async () => {
    const ole = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    await refused(await write("gammal.xlsx", ole), /\.xls, Excel 97–2003/);
  });

  test("corrupt XML inside", async () => {
    const parts = openpyxlParts();
    parts["xl/worksheets/sheet1.xml"] = String(parts["xl/worksheets/sheet1.xml"]).replace(
      "</sheetData>",
      "<row></sheetData>",
    );
    await refused(
      await write("trasig-xml.xlsx", await zipParts(parts)),
      /xl\/worksheets\/sheet1\.xml.*inte giltig XML/,
    );
  });

  test("a zip that is no workbook", async () => {
    await refused(
      await write("zip.xlsx", await zipParts({ "a.txt": "hej" })),
      /ingen Excel-arbetsbok/,
    );
  });

  test("a CSV renamed .xlsx, and an .xlsx renamed .csv", async () => {
    await refused(await write("csv.xlsx", readFileSync(CSV_2024)), /CSV-fil med fel filändelse/);
    await refused(
      await write("xlsx.csv", await zipParts(openpyxlParts())),
      /Excel-arbetsbok \(zip\)/,
    );
  });

  test("a missing file, a folder, an unsupported type", async () => {
    await refused(path.join(tmp, "saknas.xlsx"), /filen finns inte/);
    await refused(path.join(tmp, "saknas.csv"), /filen finns inte/);
    const dir = path.join(tmp, "mapp.xlsx");
    mkdirSync(dir);
    await refused(dir, /är en mapp/);
    await refused(path.join(CASES_DIR, "README.md"), /filtypen läses inte/);
  });

  test("UTF-16 CSV with a BOM (LE and BE) reads as UTF-8 does; without a BOM it is refused", async () => {
    const text = readFileSync(CSV_2024, "utf8").replace(/^\uFEFF/, "");
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes] of [
      ["le.csv", le],
      ["be.csv", be],
    ] as const) {
      const run = await json(await write(name, bytes));
      expect(run.code).toBe(0);
      expect(amounts(run.out)).toEqual(plain);
    }
    await refused(await write("utf16-utan-bom.csv", Buffer.from(text, "utf16le")), /nollbyte/);
  });
});

describe("workbooks written by other tools are read", () => {
  test.each<[string, Parameters<typeof openpyxlParts>[1]]>([
    ["openpyxl: shared strings, no styles part, no calcChain", {}],
    ["inline strings with a styles part", { strings: "inline", styles: true }],
    ["<c> and <row> without r", { omitRefs: true }],
    ["prefixed element names (x:c)", { prefix: "x:", strings: "inline" }],
  ])("%s", async (_what, o) => {
    const file = await write(
      `andra-${_what.length}.xlsx`,
      await zipParts(openpyxlParts(case2024Rows(), o)),
    );
    const run = await json(file);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(amounts(run.out)).toEqual(plain);
  });

  test("with a chart, an image, notes and their VML, protection, a pivot (the fidelity workbook)", async () => {
    const run = await json(await write("allt.xlsx", await zipParts(fidelityParts())));
    expect(run.code).toBe(0);
    expect(amounts(run.out)).toEqual(plain);
    const xlsm = await json(
      await write("allt.xlsm", await zipParts(fidelityParts({ xlsm: true }))),
    );
    expect(xlsm.code).toBe(0);
    expect(amounts(xlsm.out)).toEqual(plain);
  });

  test("a shared-string cell without its index is empty (not the first string); a bad index is refused by cell", async () => {
    const parts = openpyxlParts([["Region", "AT 2024"]]);
    const sheet = String(parts["xl/worksheets/sheet1.xml"]);
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("</row>", '<c r="C1" t="s"/></row>');
    const grid = await readWorkbookFile(await write("utan-index.xlsx", await zipParts(parts)));
    expect(grid.sheets[0].values).toEqual([["Region", "AT 2024"]]);
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
      "</row>",
      '<c r="C1" t="s"><v>7</v></c></row>',
    );
    await expect(
      readWorkbookFile(await write("fel-index.xlsx", await zipParts(parts))),
    ).rejects.toMatchObject({
      code: "file.cell",
      where: { sheet: "Underlag", cell: "C1" },
    });
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("</row>", '<c r="D1"><v>12,5</v></c></row>');
    const run = await json(await write("inget-tal.xlsx", await zipParts(parts)));
    expect(run.code).toBe(2);
    expect(run.out.issues[0]).toMatchObject({ cell: "Underlag!D1", code: "file.cell" });
  });

  test("a date-formatted number reads as a date; covered merge cells are empty", async () => {
    const parts = openpyxlParts(
      [
        ["a", "b"],
        [45292, 7],
      ],
      { styles: true, after: '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>' },
    );
    parts["xl/worksheets/sheet1.xml"] = String(parts["xl/worksheets/sheet1.xml"]).replace(
      '<c r="A2">',
      '<c r="A2" s="1">',
    );
    const grid = await readWorkbookFile(await write("datum.xlsx", await zipParts(parts)));
    expect(grid.sheets[0].values).toEqual([
      ["a", null],
      [{ date: "2024-01-01" }, 7],
    ]);
  });
});

describe("formulas", () => {
  const withFormula = (cell: Cell) => {
    const rows = case2024Rows();
    rows[5][2] = cell; // C6: AT 2024 of the fifth region
    return rows;
  };

  test("without a cached value: { formula } in the grid, and exit 2 naming the cell", async () => {
    const file = await write(
      "formel-utan-värde.xlsx",
      await zipParts(openpyxlParts(withFormula({ f: "SUM(X1:X3)" }))),
    );
    const grid = await readWorkbookFile(file);
    expect(grid.sheets[0].values[5][2]).toEqual({ formula: "SUM(X1:X3)" });
    const run = await json(file);
    expect(run.code).toBe(2);
    expect(run.out.issues.map((i: { cell: string }) => i.cell)).toContain("Underlag!C6");
  });

  test("with a cached value: that value", async () => {
    const rows = case2024Rows();
    const value = rows[5][2] as number;
    const file = await write(
      "formel-med-värde.xlsx",
      await zipParts(openpyxlParts(withFormula({ f: `${value - 1}+1`, v: value }))),
    );
    const run = await json(file);
    expect(run.code).toBe(0);
    expect(amounts(run.out)).toEqual(plain);
  });
});

describe("CSV lines that do not fit: exit 2 naming the line", () => {
  const lines = () =>
    readFileSync(CSV_2024, "utf8")
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split(/\r?\n/);

  test("an unbalanced quote does not swallow the rows after it", async () => {
    const l = lines();
    l[3] = `"${l[3]}`; // line 4 opens a quote that never closes
    const run = await refused(
      await write("citat.csv", l.join("\n") + "\n"),
      /rad 4.*citattecken/,
      "citat!A4",
    );
    expect(run.out.regions).toEqual([]);
    // Two stray quotes: the rows between them are not silently one field.
    const m = lines();
    m[3] = `"${m[3]}`;
    m[8] = `${m[8]}"`;
    await refused(await write("citat2.csv", m.join("\n") + "\n"), /citattecken/);
  });

  test("a comma-separated row inside a semicolon file", async () => {
    const l = lines();
    l[6] = l[6].replace(/;/g, ",");
    await refused(
      await write("komma-rad.csv", l.join("\n") + "\n"),
      /rad 7.*komma/,
      "'komma-rad'!A7",
    );
  });

  test("52,5 unquoted in a comma-separated file", async () => {
    const l = lines().map((x) => x.replace(/;/g, ","));
    l[2] = `${l[2].split(",").slice(0, 3).join(",")},52,5`;
    await refused(
      await write("decimalkomma.csv", l.join("\n") + "\n"),
      /rad 3.*decimalkomma/,
      "decimalkomma!E3",
    );
  });

  test("rows that are merely short (trailing empty fields left out) are fine", async () => {
    const l = lines().map((x, i) => (i === 0 ? `${x};Anteckning` : i === 2 ? `${x};se bilaga` : x));
    const run = await json(await write("kort.csv", l.join("\n") + "\n"));
    expect(run.code).toBe(0);
    expect(amounts(run.out)).toEqual(plain);
  });
});

describe("size and hostility", () => {
  test("the file size limit, checked before reading", async () => {
    const file = await write("stor.csv", "x".repeat(2048));
    await expect(readInputFile(file, 1024)).rejects.toThrow(FileReadError);
    await expect(readInputFile(file, 1024)).rejects.toMatchObject({
      text: { sv: expect.stringMatching(/filen är 2 kB, gränsen är 1 kB/) },
    });
  });

  /** A zip of one stored part whose central directory claims `declared` bytes. */
  function lyingZip(declared: number, part = "xl/worksheets/sheet1.xml"): Buffer {
    const name = Buffer.from(part);
    const data = zlib.deflateRawSync(Buffer.alloc(1000));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(46 + name.length, 12);
    eocd.writeUInt32LE(30 + name.length + data.length, 16);
    return Buffer.concat([local, name, data, cd, name, eocd]);
  }

  test("a zip bomb is refused from its directory, before anything is inflated", async () => {
    // 4.6 GB is more than a zip's 32-bit field: 4 000 000 000 bytes declared in one part.
    const bomb = lyingZip(4_000_000_000);
    expect(() => openZip(bomb)).toThrow(/unpacked is 3\.7 GB, the limit is 256\.0 MB/);
    const run = await refused(await write("bomb.xlsx", bomb), /gränsen/);
    expect(run.out.issues[0].code).toBe("file.tooLarge");
  });

  test("the total and the ratio limits", async () => {
    const parts: Record<string, Buffer> = {};
    for (let i = 0; i < 3; i++) parts[`p${i}.xml`] = Buffer.alloc(600 * 1024, 32);
    const three = await zipParts(parts);
    expect(() => openZip(three, { ...ZIP_LIMITS, totalBytes: 1024 * 1024, ratio: 1e9 })).toThrow(
      /parts unpacked is 1\.8 MB, the limit is 1\.0 MB/,
    );
    const zeros = await zipParts({ "xl/worksheets/sheet1.xml": Buffer.alloc(4 * 1024 * 1024) });
    expect(() => openZip(zeros)).toThrow(/zip bomb/);
  });

  test("a part that unpacks to more than it declares is cut at what it declares, and refused", async () => {
    const liar = lyingZip(100, "xl/workbook.xml");
    const file = await write("lögn.xlsx", liar);
    await refused(file, /skadad/);
    expect(() => readPackage(liar)).toThrow(FileReadError);
  });
});

describe("damaged files, at random: read, or refused with a sentence — never another error", () => {
  const isRefusal = (e: unknown) => e instanceof FileReadError || e instanceof FileReadErrors;

  test("mutated XML parts of the fidelity workbook", () => {
    const base = fidelityParts();
    const names = Object.keys(base).filter((n) => /\.(xml|rels)$/.test(n));
    const pieces = [
      '"',
      "<",
      ">",
      'r="ZZ9"',
      't="s"',
      "<v>999</v>",
      "-1",
      ' ref="A1:B"',
      "&bogus;",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.array(fc.tuple(fc.nat(), fc.nat(40), fc.constantFrom(...pieces)), {
          minLength: 1,
          maxLength: 3,
        }),
        (name, edits) => {
          let s = String(base[name]);
          for (const [at, cut, piece] of edits) {
            const i = at % (s.length + 1);
            s = s.slice(0, i) + piece + s.slice(i + cut);
          }
          const parts = { ...base, [name]: s };
          const bytes = writeZip(
            null,
            Object.entries(parts).map(([n, d]) => ({ name: n, data: Buffer.from(d) })),
          );
          try {
            readPackage(bytes);
          } catch (e) {
            if (!isRefusal(e)) throw e;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test("bytes of a workbook cut or flipped", async () => {
    const whole = await zipParts(openpyxlParts());
    fc.assert(
      fc.property(fc.nat(whole.length - 1), fc.nat(255), fc.boolean(), (at, byte, cut) => {
        const bytes = cut ? whole.subarray(0, at) : Buffer.from(whole);
        if (!cut) bytes[at] = byte;
        try {
          readPackage(bytes);
        } catch (e) {
          if (!isRefusal(e)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });

  test("CSV text with stray quotes, separators and line breaks", () => {
    const base = readFileSync(CSV_2024, "utf8");
    const pieces = ['"', ";", ",", "\n", "\r", "\t", '""', "\u0000"];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 4 }),
        (edits) => {
          let s = base;
          for (const [at, piece] of edits) {
            const i = at % (s.length + 1);
            s = s.slice(0, i) + piece + s.slice(i);
          }
          try {
            parseCsv(decodeCsv(Buffer.from(s)), "x");
          } catch (e) {
            if (!isRefusal(e)) throw e;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
