/** The committed example workbooks (scripts/make-examples.ts): they run, and say what they are. */
import * as path from "node:path";
import ExcelJS from "exceljs";
import { readAndAllocate } from "../../src/app/pipeline";
import { getRuleSet } from "../../src/domain/rules";
import { readWorkbookFile } from "../../src/files/readWorkbookFile";

const EXAMPLES = path.resolve(__dirname, "..", "..", "examples");

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(EXAMPLES, file));
  return wb;
}

describe.each([
  ["regioner-2022.xlsx", 2022],
  ["regioner-2024.xlsx", 2024],
  ["regioner-2025.xlsx", 2025],
  ["regioner-2024.csv", 2024],
])("%s", (file, year) => {
  test("reads and allocates without errors, all 21 regions", async () => {
    const grid = await readWorkbookFile(path.join(EXAMPLES, file));
    const outcome = readAndAllocate(grid, getRuleSet(year)!, {});
    expect(outcome.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(outcome.read!.dataRows.filter((r) => r.code !== null)).toHaveLength(21);
    expect(outcome.result!.regions.reduce((s, r) => s + r.total, 0)).toBeGreaterThan(0);
  });
});

describe.each(["regioner-2022.xlsx", "regioner-2024.xlsx", "regioner-2025.xlsx"])("%s", (file) => {
  test("is marked as example data, above the table and on its own sheet", async () => {
    const wb = await load(file);
    expect(String(wb.getWorksheet("Regioner")!.getCell("A1").value)).toMatch(
      /^EXEMPELDATA – inte officiell statistik/,
    );
    const about = wb.getWorksheet("Om exemplet")!;
    expect(about).toBeDefined();
    const text = about.getColumn(1).values.join("\n");
    expect(text).toMatch(/inte officiell statistik/);
    expect(text).toMatch(/påhittade/);
  });

  test("codes are text", async () => {
    const cell = (await load(file)).getWorksheet("Regioner")!.getCell("A4");
    expect(cell.value).toBe("01");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
  });
});

test("2024 is an Excel table, with the planning values as bilaga 2 writes them", async () => {
  const ws = (await load("regioner-2024.xlsx")).getWorksheet("Regioner")!;
  expect(ws.getTables()).toHaveLength(1);
  const values = new Map<string, unknown>();
  for (let r = 4; r <= 24; r++) values.set(String(ws.getCell(r, 2).value), ws.getCell(r, 5).value);
  expect(values.get("Östergötland")).toBe("84–89");
  expect(values.get("Västmanland")).toBe("46 (ev. 48)");
  expect(values.get("Gävleborg")).toBe("46 (ev. +)");
  expect(values.get("Skåne")).toBe(199);
  const skane = ws.getCell(4 + [...values.keys()].indexOf("Skåne"), 5);
  expect(JSON.stringify(skane.note)).toMatch(/I\.U/);
});

test("2022 and 2025 are plain blocks of cells", async () => {
  for (const file of ["regioner-2022.xlsx", "regioner-2025.xlsx"]) {
    expect((await load(file)).getWorksheet("Regioner")!.getTables()).toHaveLength(0);
  }
});
