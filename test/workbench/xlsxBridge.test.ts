/**
 * .xlsx ↔ fake Excel: what the workbench loads is what the file holds (values, formats, tables,
 * hidden sheets, notes, the active cell), and what it saves opens again as the same workbook.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { createFakeExcel } from "../../src/excel/fake";
import { loadXlsx, readXlsxModel, saveXlsx, writeXlsxModel } from "../../src/workbench/xlsxBridge";
import {
  cellKey,
  charsToPoints,
  fakeToModel,
  modelToFake,
  pointsToChars,
} from "../../src/workbench/xlsxModel";
import { workbookToGrid } from "../../src/files/readXlsx";

const EXAMPLES = path.resolve(__dirname, "../../examples");
const example = (year: number) => fs.readFileSync(path.join(EXAMPLES, `regioner-${year}.xlsx`));

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("loading an .xlsx into the fake Excel", () => {
  it("gives the 2024 sample's table, text codes, numbers, note and sheets", async () => {
    const { fake, extras, warnings } = await loadXlsx(example(2024));
    expect(warnings).toEqual([]);
    expect(fake.sheetNames()).toEqual(["Regioner", "Om exemplet"]);
    expect(fake.getTable("Regioner2024")).toEqual({
      name: "Regioner2024",
      sheet: "Regioner",
      range: "A3:E24",
      columns: ["Länskod", "Region", "Folkmängd", "AT 2024", "Planerade AT 2024"],
      showTotals: false,
    });
    expect(fake.getCell("Regioner", "A4")).toEqual({ value: "01", numberFormat: "@" });
    expect(fake.getValues("Regioner", "B4:E4")).toEqual([["Stockholm", 2454821, 290, 280]]);
    expect(fake.getValue("Regioner", "E7")).toBe("84–89");
    expect(extras.notes.get(cellKey("Regioner", 12, 4))).toMatch(/I\.U/);
    expect(fake.activeSheet()).toBe("Regioner");
  });

  it("reads the same grid as the command line's reader, for every sample", async () => {
    for (const year of [2022, 2024, 2025]) {
      const { fake } = await loadXlsx(example(year));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(example(year) as unknown as ArrayBuffer);
      const cli = workbookToGrid(wb);
      const grid = fake.toGrid();
      for (const sheet of cli.sheets) {
        const mine = grid.sheets.find((s) => s.name === sheet.name)!;
        expect({ year, ...mine, tables: mine.tables.map((t) => t.name) }).toEqual({
          year,
          ...sheet,
          tables: sheet.tables.map((t) => t.name),
        });
      }
    }
  });

  it("keeps a very hidden sheet, a totals row, dates, errors, bold, widths and the selection", async () => {
    const wb = new ExcelJS.Workbook();
    const data = wb.addWorksheet("Data");
    data.addTable({
      name: "T1",
      ref: "B2",
      headerRow: true,
      totalsRow: true,
      columns: [
        { name: "Region", totalsRowLabel: "Summa" },
        { name: "AT", totalsRowFunction: "sum" },
      ],
      rows: [
        ["Skåne", 10],
        ["Halland", 5],
      ],
    });
    data.getCell("E2").value = new Date(Date.UTC(2025, 2, 14));
    data.getCell("E2").numFmt = "yyyy-mm-dd";
    data.getCell("E3").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    data.getCell("E4").value = "fet";
    data.getCell("E4").font = { bold: true };
    data.getColumn(5).width = 20;
    data.views = [{ state: "normal", activeCell: "C3" }];
    const meta = wb.addWorksheet("ATF_meta", { state: "veryHidden" });
    meta.getCell("A1").value = '{"version":1}';
    wb.views = [
      { x: 0, y: 0, width: 100, height: 100, firstSheet: 0, activeTab: 0, visibility: "visible" },
    ];

    const { fake } = await loadXlsx(await bytesOf(wb));
    expect(fake.getSheet("ATF_meta")!.visibility).toBe("VeryHidden");
    expect(fake.getValue("ATF_meta", "A1")).toBe('{"version":1}');
    expect(fake.getTable("T1")).toMatchObject({ range: "B2:C5", showTotals: true });
    // 2025-03-14 is Excel's serial 45730.
    expect(fake.getCell("Data", "E2")).toEqual({ value: 45730, numberFormat: "yyyy-mm-dd" });
    expect(fake.getValue("Data", "E3")).toEqual({ error: "#N/A" });
    expect(fake.getCell("Data", "E4")).toEqual({ value: "fet", bold: true });
    expect(fake.getSheet("Data")!.columnWidths.E).toBe(charsToPoints(20));
    expect(fake.selection()).toEqual({ sheet: "Data", address: "C3" });
  });

  it("enters a formula as its last value and saves it as the formula while that value stands", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Blad1");
    ws.getCell("A1").value = 2;
    ws.getCell("A2").value = 3;
    ws.getCell("A3").value = { formula: "SUM(A1:A2)", result: 5 } as ExcelJS.CellFormulaValue;
    ws.getCell("B3").value = { formula: "A3*2", result: 10 } as ExcelJS.CellFormulaValue;
    const loaded = await loadXlsx(await bytesOf(wb));
    // What Excel gives the add-in: the value; the fake never calculates.
    expect(loaded.fake.getValue("Blad1", "A3")).toBe(5);
    // A user's edit replaces B3: it is saved as the value typed.
    loaded.fake.model.enter(loaded.fake.model.sheet("Blad1")!, 2, 1, "11");

    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await saveXlsx(loaded.fake, loaded.extras)) as unknown as ArrayBuffer);
    const a3 = again.getWorksheet("Blad1")!.getCell("A3");
    expect(a3.formula).toBe("SUM(A1:A2)");
    expect(a3.result).toBe(5);
    expect(again.getWorksheet("Blad1")!.getCell("B3").value).toBe(11);
  });

  it("skips the covered cells of a merge, as Excel shows them", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Blad1");
    ws.getCell("A1").value = "Rubrik";
    ws.mergeCells("A1:C1");
    const { fake } = await loadXlsx(await bytesOf(wb));
    expect(fake.getValues("Blad1", "A1:C1")).toEqual([["Rubrik", null, null]]);
  });

  it("says which table it could not recreate, and loads the cells anyway", () => {
    const { fake, warnings } = modelToFake({
      sheets: [
        {
          name: "Blad1",
          state: "visible",
          cells: [{ r: 0, c: 0, v: "Region" }],
          widths: [],
          tables: [
            { name: "A", ref: "A1:B3", headerRow: true, totalsRow: false },
            { name: "B", ref: "B2:C4", headerRow: true, totalsRow: false },
          ],
        },
      ],
    });
    expect(fake.getTable("A")).toBeDefined();
    expect(fake.getTable("B")).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0].sv).toMatch(/Tabellen B \(B2:C4\)/);
    expect(warnings[0].en).toMatch(/The table B \(B2:C4\)/);
  });

  it("refuses a workbook without a visible sheet", () => {
    expect(() =>
      modelToFake({
        sheets: [{ name: "X", state: "hidden", cells: [], widths: [], tables: [] }],
      }),
    ).toThrow(/synligt blad.*visible sheet/);
  });
});

describe("saving the fake Excel as .xlsx", () => {
  it("opens again as the same workbook, after the adapter-style changes a write makes", async () => {
    const loaded = await loadXlsx(example(2024));
    const { fake } = loaded;
    // What a write leaves: table columns appended, a text-formatted "=1+1", a very hidden record.
    fake.model.addTableColumn(fake.model.table("Regioner2024")!, null, null, "Summa (kr)");
    const sheet = fake.model.sheet("Regioner")!;
    sheet.ensure(3, 6).numberFormat = "@";
    fake.model.enter(sheet, 3, 6, "=1+1");
    const meta = fake.model.addSheet("ATF_meta");
    fake.model.enter(meta, 0, 0, '{"version":1,"sheet":"Regioner"}');
    fake.model.setVisibility(meta, "VeryHidden");
    fake.model.setColumnWidth({ sheet, top: 0, left: 5, rows: 1, cols: 1 }, 96);
    fake.select("Regioner", "E13");

    const again = await loadXlsx(await saveXlsx(fake, loaded.extras));
    expect(again.fake.snapshot()).toBe(fake.snapshot());
    expect(again.fake.selection()).toEqual({ sheet: "Regioner", address: "E13" });
    expect(again.fake.getCell("Regioner", "G4")).toEqual({ value: "=1+1", numberFormat: "@" });
    expect([...again.extras.notes]).toEqual([...loaded.extras.notes]);
  });

  it("writes widths in characters and keeps them through a round trip to the point", () => {
    for (const chars of [8.43, 14, 30.5]) {
      expect(pointsToChars(charsToPoints(chars))).toBeCloseTo(chars, 1);
    }
  });

  it("gives the model of a fresh workbook: one sheet, Blad1, active", async () => {
    const model = fakeToModel(createFakeExcel());
    expect(model).toEqual({
      sheets: [
        { name: "Blad1", state: "visible", cells: [], widths: [], tables: [], activeCell: "A1" },
      ],
      activeTab: 0,
    });
    const back = await readXlsxModel(await writeXlsxModel(model));
    expect(back.sheets.map((s) => [s.name, s.state, s.cells])).toEqual([["Blad1", "visible", []]]);
  });
});
