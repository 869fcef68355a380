/** `npm run rules`: export a rule sheet, read it back as --rules, and the diff of two years. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getRuleSet } from "../../src/domain/rules";
import { main } from "../../src/cli/rules";
import { CASES_DIR, runCli } from "./cases";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "atf-rules-"));
const CSV_2024 = path.join(CASES_DIR, "2024-all-regions", "input.csv");

async function rules(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(
    argv,
    (s) => (stdout += s),
    (s) => (stderr += s),
  );
  return { code, stdout, stderr };
}

test("export --json is the shipped rule set", async () => {
  const r = await rules(["export", "--year", "2024", "--json"]);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(getRuleSet(2024))));
});

test("export --out writes a rule sheet that --rules reads: the same amounts to the krona", async () => {
  const file = path.join(tmp, "regler-2024.xlsx");
  expect((await rules(["export", "--year", "2024", "--out", file])).code).toBe(0);
  expect((await rules(["export", "--year", "2024", "--out", file])).code).toBe(2); // exists: --force
  const fromSheet = await runCli(["--rules", file, "--in", CSV_2024, "--json"]);
  const shipped = await runCli(["--year", "2024", "--in", CSV_2024, "--json"]);
  expect(fromSheet.code).toBe(0);
  expect(JSON.parse(fromSheet.stdout).regions).toEqual(JSON.parse(shipped.stdout).regions);
  expect((await rules(["diff", "--year", "2024", "--rules", file])).stdout).toContain(
    "inga skillnader",
  );
});

test("a rule sheet with a mistake is refused by cell, exit 2", async () => {
  const ExcelJS = (await import("exceljs")).default;
  const file = path.join(tmp, "trasig.xlsx");
  await rules(["export", "--year", "2024", "--out", file]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("Regler")!;
  let cell = "";
  ws.eachRow((row, n) => {
    if (row.getCell(1).value === "block2") {
      row.getCell(4).value = "mycket";
      cell = `D${n}`;
    }
  });
  await wb.xlsx.writeFile(file);
  const r = await runCli(["--rules", file, "--in", CSV_2024]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`Regler!${cell}: budgeten för block block2 är inget tal`);
});

test("diff 2024 against 2025", async () => {
  const file = path.join(tmp, "2025.json");
  fs.writeFileSync(file, JSON.stringify(getRuleSet(2025)));
  const r = await rules(["diff", "--year", "2024", "--rules", file]);
  expect(r.code).toBe(0);
  expect(r.stdout.replace(/\u00a0/g, " ")).toContain(
    "block 2: budgeten är 182 000 000 kr (var 160 000 000 kr), delas nu efter AT per 100 000 invånare, trappan borttagen",
  );
  const en = await rules(["diff", "--year", "2024", "--rules", file, "--lang", "en"]);
  expect(en.stdout.replace(/\u00a0/g, " ")).toContain(
    "block 2: the budget is 182,000,000 kr (was 160,000,000 kr), is now split by AT per 100 000 inhabitants, the ladder removed",
  );
});

test("a run with rules from a sheet names that sheet on the summary", async () => {
  const file = path.join(tmp, "regler-namn.xlsx");
  await rules(["export", "--year", "2024", "--out", file]);
  const out = path.join(tmp, "resultat.xlsx");
  expect((await runCli(["--rules", file, "--in", CSV_2024, "--out", out])).code).toBe(0);
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet("AT-fördelning 2024")!;
  let named = "";
  ws.eachRow((row) => {
    if (row.getCell(1).value === "Regler från bladet") named = String(row.getCell(2).value);
  });
  expect(named).toBe("regler-namn.xlsx – Regler");
});
