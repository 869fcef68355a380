/** readWorkbook against the fake Excel: one round trip, values as the reader expects them. */
import { createExcelHost } from "../../src/excel/excelHost";
import { ExcelHostError } from "../../src/excel/errors";
import { createFakeExcel } from "../../src/excel/fake";
import { OWNERSHIP_SHEET } from "../../src/workbook/types";
import { regionRows, regionSheet } from "./helpers";

describe("readWorkbook", () => {
  it.each([21, 5000])("takes exactly one sync for %i rows", async (n) => {
    const fake = createFakeExcel({
      sheets: [regionSheet(n, { tables: [{ name: "Regioner", range: `A1:D${n + 1}` }] })],
      selection: "B3",
    });
    const grid = await createExcelHost(fake.run).readWorkbook();
    expect(fake.syncCount).toBe(1);
    expect(grid.sheets[0].values).toHaveLength(n + 1);
    expect(grid.sheets[0].values[n]).toEqual([
      `Region ${n}`,
      String(n).padStart(2, "0"),
      100000 + n - 1,
      ((n - 1) * 7) % 50,
    ]);
    expect(grid.sheets[0].tables).toEqual([
      { name: "Regioner", top: 0, left: 0, rows: n + 1, columns: 4 },
    ]);
  });

  it("reads the active sheet's used range where it is, with types, errors, dates and blanks", async () => {
    const fake = createFakeExcel({
      sheets: [
        { name: "Annat", values: [["inte läst"]] },
        {
          name: "Regioner",
          top: 2,
          left: 1,
          values: [
            ["Region", "AT 2024", "Kod", "Prognos"],
            ["Skåne", { error: "#N/A" }, "12", true],
            ["Halland", 45730, null, "Ja"],
            ["Blekinge", 4.5, "", false],
          ],
          // C5 holds a serial number formatted as a date: a date typed where a count belongs.
          numberFormats: [
            [null, null, null, null],
            [null, null, "@", null],
            [null, "yyyy-mm-dd", null, null],
            [null, "0.0", null, null],
          ],
        },
      ],
      activeSheet: "Regioner",
      selection: "C4",
    });
    const grid = await createExcelHost(fake.run).readWorkbook();
    expect(grid.activeSheet).toBe("Regioner");
    expect(grid.selection).toEqual({ sheet: "Regioner", row: 3, col: 2 });
    const sheet = grid.sheets.find((s) => s.name === "Regioner")!;
    expect(sheet.top).toBe(2);
    expect(sheet.left).toBe(1);
    expect(sheet.values).toEqual([
      ["Region", "AT 2024", "Kod", "Prognos"],
      ["Skåne", { error: "#N/A" }, "12", true],
      ["Halland", { date: "2025-03-14" }, null, "Ja"],
      ["Blekinge", 4.5, null, false],
    ]);
    // The other sheet, small, is read too (readSheets.test.ts): in two more syncs.
    expect(grid.sheets.find((s) => s.name === "Annat")).toEqual({
      name: "Annat",
      top: 0,
      left: 0,
      values: [["inte läst"]],
      tables: [],
    });
    expect(fake.syncCount).toBe(3);
  });

  it("reads an empty active sheet as no values", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Tom" }] });
    const grid = await createExcelHost(fake.run).readWorkbook();
    expect(grid.sheets).toEqual([{ name: "Tom", top: 0, left: 0, values: [], tables: [] }]);
    expect(grid.owned).toBeNull();
    expect(fake.syncCount).toBe(1);
  });

  it("reads the ownership record from the very hidden sheet, and leaves that sheet out", async () => {
    const record = {
      version: 1,
      year: 2024,
      sheet: "Blad1",
      columnsRange: "E1:F22",
      headers: ["Block 1 (kr)", "Summa (kr)"],
      summarySheet: "AT-fördelning 2024",
      writtenAt: "2025-03-14T10:22:05+01:00",
    };
    const fake = createFakeExcel({
      sheets: [
        regionSheet(21),
        { name: OWNERSHIP_SHEET, visibility: "VeryHidden", values: [[JSON.stringify(record)]] },
      ],
    });
    const grid = await createExcelHost(fake.run).readWorkbook();
    expect(grid.owned).toEqual(record);
    expect(grid.sheets.map((s) => s.name)).toEqual(["Blad1"]);
    // The record in a sync of its own, once its sheet is known to exist: no method is called
    // on a null object (the fake fails the batch where one is).
    expect(fake.syncCount).toBe(2);
  });

  it("reads the summary sheet the record names too, in a third sync; nothing fails where it is gone", async () => {
    const record = (summarySheet: string) =>
      JSON.stringify({
        version: 1,
        year: 2024,
        sheet: "Blad1",
        columnsRange: "E1:F4",
        headers: ["Block 1 (kr)", "Summa (kr)"],
        summarySheet,
        writtenAt: "2025-03-14T10:22:05+01:00",
      });
    const fake = createFakeExcel({
      sheets: [
        regionSheet(3),
        {
          name: "AT-fördelning 2024",
          values: [["AT-fördelning 2024 – sammanställning"], [null], ["Regelverk", "x"]],
        },
        {
          name: OWNERSHIP_SHEET,
          visibility: "VeryHidden",
          values: [[record("at-fördelning 2024")]],
        },
      ],
    });
    const grid = await createExcelHost(fake.run).readWorkbook();
    expect(fake.syncCount).toBe(3);
    expect(grid.sheets[1]).toEqual({
      name: "AT-fördelning 2024",
      top: 0,
      left: 0,
      values: [
        ["AT-fördelning 2024 – sammanställning", null],
        [null, null],
        ["Regelverk", "x"],
      ],
      tables: [],
    });

    // The record naming a sheet that is gone: nothing fails, the sheets there are read.
    fake.setValues(OWNERSHIP_SHEET, "A1", [[record("Borttagen")]]);
    const again = await createExcelHost(fake.run).readWorkbook();
    expect(again.owned?.summarySheet).toBe("Borttagen");
    expect(again.sheets.map((s) => s.name)).toEqual(["Blad1", "AT-fördelning 2024"]);
    expect(fake.syncCount).toBe(3 + 3);
  });

  it("takes a damaged record for none", async () => {
    const fake = createFakeExcel({
      sheets: [
        regionSheet(3),
        { name: OWNERSHIP_SHEET, visibility: "VeryHidden", values: [["{inte json"]] },
      ],
    });
    expect((await createExcelHost(fake.run).readWorkbook()).owned).toBeNull();
  });

  it("finds each table of the active sheet by its header row, a totals row included", async () => {
    const values = regionRows(3);
    values.push(["Summa", null, 300003, 21]);
    const fake = createFakeExcel({
      sheets: [
        {
          name: "Blad1",
          top: 1,
          left: 2,
          values: [...values, [], ["Annat", "Värde"], ["x", 1]],
          tables: [
            { name: "Regioner", range: "C2:F6", showTotals: true },
            { name: "Övrigt", range: "C8:D9" },
          ],
        },
      ],
    });
    const grid = await createExcelHost(fake.run).readWorkbook();
    expect(grid.sheets[0].tables).toEqual([
      { name: "Regioner", top: 1, left: 2, rows: 5, columns: 4, hasTotalsRow: true },
      { name: "Övrigt", top: 7, left: 2, rows: 2, columns: 2 },
    ]);
  });

  it("tells two tables with the same headers apart by the selection", async () => {
    const block = regionRows(2);
    const fake = createFakeExcel({
      sheets: [
        {
          name: "Blad1",
          // A plain copy of the table's cells at F1 (the same header row), the table at A1.
          values: block.map((row) => [...row, null, ...row]),
          tables: [{ name: "Regioner", range: "A1:D3" }],
        },
      ],
      selection: "B2",
    });
    const grid = await createExcelHost(fake.run).readWorkbook();
    expect(grid.sheets[0].tables).toEqual([
      { name: "Regioner", top: 0, left: 0, rows: 3, columns: 4 },
    ]);

    // Selected elsewhere, the table cannot be told from its copy: left out, not guessed.
    fake.select("Blad1", "H9");
    const again = await createExcelHost(fake.run).readWorkbook();
    expect(again.sheets[0].tables).toEqual([]);
  });

  it("reads on, without the selection, where a chart is selected", async () => {
    const fake = createFakeExcel({ sheets: [regionSheet(3)], selection: "chart" });
    const grid = await createExcelHost(fake.run).readWorkbook();
    expect(grid.selection).toBeUndefined();
    expect(grid.sheets[0].values).toHaveLength(4);
    expect(fake.syncCount).toBe(2);
    expect(fake.syncs[0].error).toBe("InvalidSelection");
  });

  it("turns an Office.js failure into an error in both languages", async () => {
    const failing = async () => {
      throw Object.assign(new Error("cell edit"), { code: "InvalidOperationInCellEditMode" });
    };
    const host = createExcelHost(failing as never);
    const err = await host.readWorkbook().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExcelHostError);
    expect(err).toMatchObject({
      code: "InvalidOperationInCellEditMode",
      operation: "read",
      text: {
        sv: "Kunde inte läsa arbetsboken: Excel redigerar en cell. Tryck Enter eller Esc och försök igen.",
        en: "Could not read the workbook: Excel is editing a cell. Press Enter or Esc and try again.",
      },
    });
  });
});
