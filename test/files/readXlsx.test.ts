import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { readXlsxFile, toCellValue } from "../../src/files/readXlsx";
import { readWorkbookFile } from "../../src/files/readWorkbookFile";
import { OWNERSHIP_SHEET } from "../../src/workbook/types";

const tmp = mkdtempSync(path.join(tmpdir(), "atf-xlsx-"));

test("toCellValue: every kind of exceljs value", () => {
  expect(toCellValue(5)).toBe(5);
  expect(toCellValue("x")).toBe("x");
  expect(toCellValue("")).toBeNull();
  expect(toCellValue(true)).toBe(true);
  expect(toCellValue(null)).toBeNull();
  expect(toCellValue(new Date(Date.UTC(2024, 0, 15)))).toEqual({ date: "2024-01-15" });
  expect(toCellValue({ richText: [{ text: "Sk" }, { text: "åne" }] })).toBe("Skåne");
  expect(toCellValue({ formula: "2+3", result: 5 })).toBe(5);
  expect(toCellValue({ sharedFormula: "A1", result: "x" })).toBe("x");
  expect(toCellValue({ formula: "1/0", result: { error: "#DIV/0!" } })).toEqual({
    error: "#DIV/0!",
  });
  // No cached result: the value is unknown, not blank (the reader refuses it by cell).
  expect(toCellValue({ formula: "A1" })).toEqual({ formula: "A1" });
  expect(toCellValue({ error: "#N/A" })).toEqual({ error: "#N/A" });
  expect(toCellValue({ text: "länk", hyperlink: "https://example.org" })).toBe("länk");
});

describe("readXlsxFile", () => {
  const file = path.join(tmp, "bok.xlsx");
  const owned = {
    version: 1,
    year: 2024,
    sheet: "Blad1",
    columnsRange: "D3:F5",
    headers: ["a", "b", "c"],
    summarySheet: "AT-fördelning 2024",
    writtenAt: "2024-05-02T11:30:00",
  };

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Dold", { state: "hidden" }).getCell("A1").value = "x";
    wb.addWorksheet("Intro").getCell("A1").value = "hej";
    const ws = wb.addWorksheet("Blad1");
    ws.addTable({
      name: "Regioner",
      ref: "B3",
      headerRow: true,
      totalsRow: true,
      columns: [
        { name: "Region", totalsRowLabel: "Summa" },
        { name: "AT 2024", totalsRowFunction: "sum" },
      ],
      rows: [
        ["Skåne", 205],
        ["Kalmar", { formula: "40+7", result: 47 } as unknown as number],
      ],
    });
    ws.getCell("E8").value = new Date(Date.UTC(2024, 2, 1));
    ws.getCell("E9").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("E10").value = { richText: [{ text: "fet" }, { text: "text" }] };
    ws.mergeCells("G1:H1");
    ws.getCell("G1").value = "sammanfogad";
    ws.views = [{ state: "normal", activeCell: "C4" }];
    const meta = wb.addWorksheet(OWNERSHIP_SHEET, { state: "veryHidden" });
    meta.getCell("A1").value = JSON.stringify(owned);
    wb.views = [
      { x: 0, y: 0, width: 1, height: 1, firstSheet: 0, activeTab: 2, visibility: "visible" },
    ];
    await wb.xlsx.writeFile(file);
  });

  test("sheets, values, the active sheet, the selection, ownership", async () => {
    const grid = await readXlsxFile(file);
    expect(grid.sheets.map((s) => s.name)).toEqual(["Dold", "Intro", "Blad1"]);
    expect(grid.activeSheet).toBe("Blad1");
    expect(grid.selection).toEqual({ sheet: "Blad1", row: 3, col: 2 });
    expect(grid.owned).toEqual(owned);
    const s = grid.sheets[2];
    expect([s.top, s.left]).toEqual([0, 1]);
    const at = (a1r: number, a1c: number) => s.values[a1r - s.top][a1c - s.left];
    expect(at(2, 1)).toBe("Region");
    expect(at(3, 2)).toBe(205);
    expect(at(4, 2)).toBe(47);
    expect(at(7, 4)).toEqual({ date: "2024-03-01" });
    expect(at(8, 4)).toEqual({ error: "#N/A" });
    expect(at(9, 4)).toBe("fettext");
    expect(at(0, 6)).toBe("sammanfogad");
    // The covered half of a merge is no value (exceljs repeats the master there).
    expect(at(0, 7) ?? null).toBeNull();
  });

  test("Excel tables with their ranges and totals row", async () => {
    const grid = await readXlsxFile(file);
    expect(grid.sheets[2].tables).toEqual([
      { name: "Regioner", top: 2, left: 1, rows: 4, columns: 2, hasTotalsRow: true },
    ]);
  });

  test("a hidden active tab falls back to the first visible sheet; by extension", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Dold", { state: "hidden" });
    wb.addWorksheet("Synlig").getCell("A1").value = 1;
    wb.views = [
      { x: 0, y: 0, width: 1, height: 1, firstSheet: 0, activeTab: 0, visibility: "visible" },
    ];
    const f = path.join(tmp, "dold.xlsx");
    await wb.xlsx.writeFile(f);
    const grid = await readWorkbookFile(f);
    expect(grid.activeSheet).toBe("Synlig");
    expect(grid.owned).toBeNull();
  });

  test("a damaged ownership record reads as none", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Blad1").getCell("A1").value = 1;
    wb.addWorksheet(OWNERSHIP_SHEET, { state: "veryHidden" }).getCell("A1").value = "{trasig";
    const f = path.join(tmp, "trasig.xlsx");
    await wb.xlsx.writeFile(f);
    expect((await readXlsxFile(f)).owned).toBeNull();
  });
});
