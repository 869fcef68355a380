/** The adapter's pure parts: reading values, naming sheets, cutting a write into batches. */
import {
  excelSerialToIso,
  isDateFormat,
  locateTables,
  toCellValue,
} from "../../src/excel/readGrid";
import { safeSheetName, uniqueSheetName } from "../../src/workbook/sheetNames";
import {
  cellsStep,
  charsToPoints,
  packBatches,
  stepBytes,
  type CellsStep,
  type WriteStep,
} from "../../src/excel/writeSteps";

describe("isDateFormat", () => {
  it.each(["yyyy-mm-dd", "d/m/yyyy", "[$-41D]d mmmm yyyy", "h:mm", "[h]:mm:ss", "mmm-yy"])(
    "%s shows a date or time",
    (f) => expect(isDateFormat(f)).toBe(true),
  );
  it.each(["General", "0", "@", '#,##0 "kr"', "0.00E+00", '0 "dagar"', "[Red]#,##0", "0%"])(
    "%s does not",
    (f) => expect(isDateFormat(f)).toBe(false),
  );
});

describe("excelSerialToIso", () => {
  it.each([
    [1, "1900-01-01"],
    [59, "1900-02-28"],
    [60, "1900-02-29"],
    [61, "1900-03-01"],
    [45730, "2025-03-14"],
    [45730.75, "2025-03-14"],
  ])("%d is %s", (serial, iso) => expect(excelSerialToIso(serial)).toBe(iso));
});

describe("toCellValue", () => {
  it("keeps what the reader must judge, and marks errors and dates", () => {
    expect(toCellValue("", "Empty", "General")).toBeNull();
    expect(toCellValue("#REF!", "Error", "General")).toEqual({ error: "#REF!" });
    expect(toCellValue(45730, "Double", "yyyy-mm-dd")).toEqual({ date: "2025-03-14" });
    expect(toCellValue(42, "Double", '#,##0 "kr"')).toBe(42);
    expect(toCellValue("42", "String", "@")).toBe("42");
    expect(toCellValue(false, "Boolean", "General")).toBe(false);
  });
});

describe("locateTables", () => {
  it("needs the whole header row in order, and a table without headers is left out", () => {
    const grid = {
      top: 3,
      left: 1,
      values: [
        ["Region", "AT"],
        ["AT", "Region"],
      ],
    };
    const table = {
      name: "T",
      showHeaders: true,
      showTotals: false,
      columns: ["AT", "Region"],
      dataRows: 0,
    };
    expect(locateTables([table], grid)).toEqual([
      { name: "T", top: 4, left: 1, rows: 1, columns: 2 },
    ]);
    expect(locateTables([{ ...table, showHeaders: false }], grid)).toEqual([]);
    expect(locateTables([{ ...table, columns: ["Region", "Saknas"] }], grid)).toEqual([]);
  });
});

describe("sheet names", () => {
  it("makes names Excel accepts", () => {
    expect(safeSheetName("Mall: AT/2024?")).toBe("Mall_ AT_2024_");
    expect(safeSheetName("'citat'")).toBe("citat");
    expect(safeSheetName("   ")).toBe("Blad1");
    expect(safeSheetName("x".repeat(40))).toHaveLength(31);
  });

  it("numbers a taken name, case-insensitively, within 31 characters", () => {
    expect(uniqueSheetName("Mall", ["Blad1"])).toBe("Mall");
    expect(uniqueSheetName("Mall", ["MALL", "Mall (2)"])).toBe("Mall (3)");
    const long = "A".repeat(31);
    const name = uniqueSheetName(long, [long]);
    expect(name).toBe(`${"A".repeat(27)} (2)`);
    expect(name).toHaveLength(31);
  });
});

describe("cellsStep", () => {
  it("pads ragged rows, writes text as text and empties as empty", () => {
    const step = cellsStep(
      "S",
      2,
      1,
      [
        [
          { value: "Rubrik", bold: true },
          { value: 5, numberFormat: "0" },
          { value: "x", bold: true },
        ],
        [{ value: "01", numberFormat: "0" }],
        [{ value: null }, { value: true }],
      ],
      false,
    );
    expect(step.values).toEqual([
      ["Rubrik", 5, "x"],
      ["01", "", ""],
      ["", true, ""],
    ]);
    expect(step.formats).toEqual([
      ["@", "0", "@"],
      ["@", "General", "General"],
      ["General", "General", "General"],
    ]);
    expect(step.bold).toEqual([
      { row: 0, col: 0, length: 1 },
      { row: 0, col: 2, length: 1 },
    ]);
  });

  it("refuses a number Excel cannot hold", () => {
    expect(() => cellsStep("S", 0, 0, [[{ value: Number.NaN }]], false)).toThrow(/NaN/);
  });
});

describe("charsToPoints", () => {
  it("gives Excel's default width for its default 8.43 characters", () => {
    expect(charsToPoints(8.43)).toBeCloseTo(48, 1);
  });
});

describe("packBatches", () => {
  const rows = (n: number, text: string) =>
    Array.from({ length: n }, (_, i) => [{ value: `${i} ${text}`, bold: i % 10 === 0 }]);

  it("keeps a small plan in one batch, in order", () => {
    const steps: WriteStep[] = [
      { kind: "addSheet", sheet: "S", veryHidden: false },
      cellsStep("S", 0, 0, rows(10, "x"), false),
      { kind: "activate", sheet: "S" },
    ];
    expect(packBatches(steps)).toEqual([steps]);
  });

  it("cuts a large block by rows so that every batch fits, and loses no row or bold run", () => {
    const block = cellsStep("S", 5, 2, rows(1000, "y".repeat(200)), true);
    const steps: WriteStep[] = [{ kind: "clear", sheet: "S", address: "A1:B2" }, block];
    const budget = 50_000;
    const batches = packBatches(steps, budget);
    expect(batches.length).toBeGreaterThan(4);
    for (const batch of batches) {
      expect(batch.reduce((n, s) => n + stepBytes(s), 0)).toBeLessThanOrEqual(budget);
    }
    const pieces = batches.flat().filter((s): s is CellsStep => s.kind === "cells");
    expect(pieces.flatMap((p) => p.values)).toEqual(block.values);
    expect(pieces.map((p) => p.top)).toEqual(
      pieces.map((_, i) => 5 + pieces.slice(0, i).reduce((n, p) => n + p.values.length, 0)),
    );
    const runs = pieces.flatMap((p) => p.bold.map((b) => ({ ...b, row: b.row + p.top - 5 })));
    expect(runs).toEqual(block.bold);
    expect(batches[0][0].kind).toBe("clear");
    expect(packBatches(steps, budget)).toEqual(batches);
  });

  it("sends a single row larger than the budget alone", () => {
    const big = cellsStep("S", 0, 0, [[{ value: "z".repeat(5000) }], [{ value: "small" }]], false);
    const batches = packBatches([{ kind: "activate", sheet: "S" }, big], 1000);
    expect(
      batches.map((b) => b.map((s) => (s.kind === "cells" ? s.values.length : s.kind))),
    ).toEqual([["activate"], [1], [1]]);
  });
});
