import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { HostConflictError } from "../../src/app/host";
import { readAndAllocate } from "../../src/app/pipeline";
import { getRuleSet } from "../../src/domain/rules";
import { readWorkbookFile } from "../../src/files/readWorkbookFile";
import { readXlsxFile } from "../../src/files/readXlsx";
import { applyPlanToExcelJs, writeWorkbookCopy } from "../../src/files/writeXlsx";
import { safeSheetName } from "../../src/workbook/sheetNames";
import { KR_FORMAT, planWrite, type PlanWriteArgs } from "../../src/workbook/planWrite";
import type { Issue, WorkbookGrid } from "../../src/workbook/types";
import { OWNERSHIP_SHEET } from "../../src/workbook/types";
import { SHEET, regionGrid, regionRead, result2022, result2024 } from "../workbook/planFixtures";

const EXAMPLES = path.resolve(__dirname, "..", "..", "examples");
const NOW = new Date(2025, 2, 14, 10, 0, 0);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "atf-write-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The region table of planFixtures as an .xlsx, with a few of the user's own cells below it. */
async function makeInput(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  regionGrid().sheets[0].values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
    }),
  );
  ws.getCell("A25").value = "=1+1"; // a text that looks like a formula
  ws.getCell("B25").value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
  ws.getCell("C25").value = "anteckning";
  wb.addWorksheet("Annat").getCell("A1").value = "orörd";
  await wb.xlsx.writeFile(file);
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every non-empty cell of a sheet: address → value. */
function cellsOf(ws: ExcelJS.Worksheet): Map<string, unknown> {
  const out = new Map<string, unknown>();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      out.set(cell.address, cell.value);
    }),
  );
  return out;
}

function planArgs(workbook: WorkbookGrid, overrides: Partial<PlanWriteArgs> = {}): PlanWriteArgs {
  return {
    workbook,
    read: regionRead(),
    result: result2024(),
    issues: [],
    lang: "sv",
    now: NOW,
    sourceName: "in.xlsx",
    ...overrides,
  };
}

describe("writeWorkbookCopy on an .xlsx", () => {
  test("writes the columns and the summary, keeps every original cell, formula-like text stays text", async () => {
    const input = path.join(dir, "in.xlsx");
    const output = path.join(dir, "out.xlsx");
    await makeInput(input);
    const grid = await readXlsxFile(input);
    const issues: Issue[] = [
      {
        severity: "warning",
        code: "t",
        sheet: SHEET,
        cell: "A25",
        message: { sv: "=1+1", en: "=1+1" },
      },
    ];
    const plan = planWrite(planArgs(grid, { issues }));
    await writeWorkbookCopy({ path: input, grid }, output, plan);

    const before = await load(input);
    const after = await load(output);
    const ws = after.getWorksheet(SHEET)!;

    // The allocation columns, E:H.
    expect(ws.getCell("E1").value).toBe("Block 1 – Redovisa antal AT");
    expect(ws.getCell("E1").font?.bold).toBe(true);
    expect(ws.getCell("H1").value).toBe("Summa");
    expect(ws.getCell("E2").value).toBe(3_000_000);
    expect(ws.getCell("E2").numFmt).toBe(KR_FORMAT);
    expect(ws.getCell("F2").value).toBe(60_000_000);
    expect(ws.getCell("G5").value).toBe(4.5);
    expect(ws.getCell("H2").value).toBe(63_000_000);
    expect(ws.getCell("E23").value).toBeNull(); // the Summa row

    // Every original cell is unchanged, on every original sheet.
    for (const sheet of before.worksheets) {
      const original = cellsOf(sheet);
      const copy = cellsOf(after.getWorksheet(sheet.name)!);
      for (const [address, value] of original) expect(copy.get(address)).toEqual(value);
    }
    expect(ws.getCell("B25").formula).toBe("1+1");

    // "=1+1" is a string cell, not a formula, in the table and on the summary sheet.
    const text = ws.getCell("A25");
    expect(text.type).toBe(ExcelJS.ValueType.String);
    expect(text.value).toBe("=1+1");
    expect(text.formula).toBeUndefined();
    const summary = after.getWorksheet("AT-fördelning 2024")!;
    const message = [...cellsOf(summary)].find(([, v]) => v === "=1+1");
    expect(message).toBeDefined();
    expect(summary.getCell(message![0]).type).toBe(ExcelJS.ValueType.String);

    // The summary's content.
    expect(summary.getCell("A1").value).toBe("AT-fördelning 2024 – sammanställning");
    const values = [...cellsOf(summary).values()];
    expect(values).toContain("S2024/00586");
    expect(values).toContain(223_000_000);
    // Every check (2 blocks, the sum row, 21 regions) is a formula whose cached value is OK.
    const formulas = values.filter(
      (v): v is ExcelJS.CellFormulaValue => v !== null && typeof v === "object" && "formula" in v,
    );
    expect(formulas.filter((v) => v.result === "OK")).toHaveLength(24);
    expect(formulas.every((v) => !v.formula.startsWith("="))).toBe(true);
    const chart = plan.summary.chart!;
    // The chart: a chart part over the summary's ranges, anchored where the plan says.
    const zip = await JSZip.loadAsync(readFileSync(output));
    const chartXml = await zip.file("xl/charts/chart1.xml")!.async("string");
    const abs = (r: string) => r.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
    expect(chartXml).toContain(`'AT-fördelning 2024'!${abs(chart.categoriesRange)}`);
    expect(chartXml).toContain(`'AT-fördelning 2024'!${abs(chart.valuesRange)}`);
    expect(summary.getCell(chart.anchor).value).toBeNull();
    expect(summary.getColumn(2).width).toBe(plan.summary.columnWidths[1]);

    // The record, in a very hidden sheet.
    const meta = after.getWorksheet(OWNERSHIP_SHEET)!;
    expect(meta.state).toBe("veryHidden");
    expect(JSON.parse(String(meta.getCell("A1").value))).toEqual(plan.ownership);
  });

  test("a second run on the output replaces its own columns instead of adding more", async () => {
    const input = path.join(dir, "in.xlsx");
    const first = path.join(dir, "first.xlsx");
    const second = path.join(dir, "second.xlsx");
    await makeInput(input);
    const grid = await readXlsxFile(input);
    await writeWorkbookCopy({ path: input, grid }, first, planWrite(planArgs(grid)));

    const grid2 = await readXlsxFile(first);
    expect(grid2.owned?.columnsRange).toBe("E1:H23");
    const plan2 = planWrite(planArgs(grid2, { now: new Date(2025, 2, 15) }));
    expect(plan2.conflicts).toEqual([]);
    expect(plan2.columns.firstCol).toBe(4);
    await writeWorkbookCopy({ path: first, grid: grid2 }, second, plan2);

    const a = await load(first);
    const b = await load(second);
    expect(b.getWorksheet(SHEET)!.actualColumnCount).toBe(a.getWorksheet(SHEET)!.actualColumnCount);
    expect(b.getWorksheet(SHEET)!.getCell("I1").value).toBeNull();
    expect(b.worksheets.map((w) => w.name).sort()).toEqual(a.worksheets.map((w) => w.name).sort());
    expect(b.worksheets.filter((w) => w.name === OWNERSHIP_SHEET)).toHaveLength(1);
  });

  test("year 2022 then 2024: the columns 2024 no longer has are emptied, formats too", async () => {
    const input = path.join(dir, "in.xlsx");
    const first = path.join(dir, "first.xlsx");
    const second = path.join(dir, "second.xlsx");
    await makeInput(input);
    const grid = await readXlsxFile(input);
    await writeWorkbookCopy(
      { path: input, grid },
      first,
      planWrite(planArgs(grid, { result: result2022() })),
    );
    expect((await load(first)).getWorksheet(SHEET)!.getCell("J2").value).toBe(84_000_000);

    const grid2 = await readXlsxFile(first);
    const plan2 = planWrite(planArgs(grid2));
    expect(plan2.clear).toEqual(["Blad1!I1:J23"]);
    await writeWorkbookCopy({ path: first, grid: grid2 }, second, plan2);
    const ws = (await load(second)).getWorksheet(SHEET)!;
    expect(ws.getCell("H1").value).toBe("Summa");
    for (const a of ["I1", "J1", "I2", "J2", "J23"]) {
      expect(ws.getCell(a).value).toBeNull();
      expect(ws.getCell(a).font?.bold).toBeFalsy();
    }
    expect(ws.getCell("J2").numFmt).toBeFalsy();
    // Both years' summaries are there; the 2022 one was not ours to replace this time.
    expect((await load(second)).getWorksheet("AT-fördelning 2022")).toBeDefined();
  });

  test("conflicts: throws and writes nothing", async () => {
    const input = path.join(dir, "in.xlsx");
    const output = path.join(dir, "out.xlsx");
    await makeInput(input);
    const wb = await load(input);
    wb.getWorksheet(SHEET)!.getCell("F5").value = "mitt";
    await wb.xlsx.writeFile(input);
    const grid = await readXlsxFile(input);
    const plan = planWrite(planArgs(grid));
    expect(plan.conflicts).toEqual([{ sheet: SHEET, cell: "F5" }]);
    await expect(writeWorkbookCopy({ path: input, grid }, output, plan)).rejects.toBeInstanceOf(
      HostConflictError,
    );
    expect(existsSync(output)).toBe(false);

    // applyPlanToExcelJs refuses before touching the workbook.
    const loaded = await load(input);
    expect(() => applyPlanToExcelJs(loaded, plan)).toThrow(HostConflictError);
    expect(loaded.getWorksheet(SHEET)!.getCell("E1").value).toBeNull();
    expect(loaded.getWorksheet(OWNERSHIP_SHEET)).toBeUndefined();
  });
});

describe("the real pipeline on the examples", () => {
  async function runOnce(input: string, output: string, year: number): Promise<void> {
    const ruleSet = getRuleSet(year)!;
    const grid = await readWorkbookFile(input);
    const outcome = readAndAllocate(grid, ruleSet, {});
    expect(outcome.hasErrors).toBe(false);
    const plan = planWrite({
      workbook: grid,
      read: outcome.read!,
      result: outcome.result!,
      issues: outcome.issues,
      lang: "sv",
      now: NOW,
      sourceName: path.basename(input),
      ruleSet,
    });
    expect(plan.conflicts).toEqual([]);
    await writeWorkbookCopy({ path: input, grid }, output, plan);
  }

  test("2024, an Excel table: the table grows by the columns, once", async () => {
    const input = path.join(EXAMPLES, "regioner-2024.xlsx");
    const first = path.join(dir, "first.xlsx");
    const second = path.join(dir, "second.xlsx");
    await runOnce(input, first, 2024);
    await runOnce(first, second, 2024);

    for (const file of [first, second]) {
      const wb = await load(file);
      const ws = wb.getWorksheet("Regioner")!;
      const table = ws.getTable("Regioner2024") as unknown as {
        model: { tableRef: string; columns: { name: string }[] };
      };
      expect(table.model.tableRef).toBe("A3:I24");
      expect(table.model.columns.map((c) => c.name)).toEqual([
        "Länskod",
        "Region",
        "Folkmängd",
        "AT 2024",
        "Planerade AT 2024",
        "Block 1 – Redovisa antal AT",
        "Block 2 – Ytterligare utökning",
        "Utökning block 2 (AT)",
        "Summa",
      ]);
      // The header cells carry the column names.
      table.model.columns.forEach((c, i) => expect(ws.getCell(3, i + 1).value).toBe(c.name));
      // Stockholm (row 4): AT 290 against 280 planned, the ladder's step 10.
      expect(ws.getCell("H4").value).toBe(10);
      const total = ws.getCell("I4").value as number;
      expect(total).toBe((ws.getCell("F4").value as number) + (ws.getCell("G4").value as number));
      let sum = 0;
      for (let r = 4; r <= 24; r++) sum += ws.getCell(r, 9).value as number;
      expect(sum).toBe(223_000_000);
      expect(ws.getCell("E7").value).toBe("84–89");
    }
  });

  test("the output's original cells are the example's", async () => {
    const input = path.join(EXAMPLES, "regioner-2022.xlsx");
    const output = path.join(dir, "out.xlsx");
    await runOnce(input, output, 2022);
    const before = await load(input);
    const after = await load(output);
    for (const sheet of before.worksheets) {
      const copy = cellsOf(after.getWorksheet(sheet.name)!);
      for (const [address, value] of cellsOf(sheet)) expect(copy.get(address)).toEqual(value);
    }
    // Block columns E:G, two ladder measures H:I, the total J.
    expect(after.getWorksheet("Regioner")!.getCell("J3").value).toBe("Summa");
  });

  test("a CSV becomes a workbook with the CSV's sheet, then the columns", async () => {
    const input = path.join(EXAMPLES, "regioner-2024.csv");
    const output = path.join(dir, "out.xlsx");
    await runOnce(input, output, 2024);
    const wb = await load(output);
    const ws = wb.getWorksheet("regioner-2024")!;
    expect(ws).toBeDefined();
    expect(wb.worksheets[0].name).toBe("regioner-2024");
    expect(ws.getCell("A2").value).toBe("01");
    expect(ws.getCell("A2").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("C2").value).toBe(2454821);
    expect(ws.getCell("E5").value).toBe("84–89");
    expect(ws.getCell("F1").value).toBe("Block 1 – Redovisa antal AT");
    expect(typeof ws.getCell("I2").value).toBe("number");
    expect(wb.getWorksheet("AT-fördelning 2024")).toBeDefined();
    expect(wb.getWorksheet(OWNERSHIP_SHEET)!.state).toBe("veryHidden");
  });
});

test("safeSheetName follows Excel's rules", () => {
  expect(safeSheetName("regioner-2024")).toBe("regioner-2024");
  expect(safeSheetName("a/b:c?d*e[f]g\\h")).toBe("a_b_c_d_e_f_g_h");
  expect(safeSheetName("x".repeat(40))).toHaveLength(31);
  expect(safeSheetName("''")).toBe("Blad1");
});
