import { readAndAllocate } from "../../src/app/pipeline";
import { getRuleSet } from "../../src/domain/rules";
import type { RuleSet } from "../../src/domain/ruleSet";
import { formatIssueLine } from "../../src/workbook/issueText";
import { readRegionTable, TABLE_NOT_FOUND } from "../../src/workbook/readRegionTable";
import type { CellValue, Issue, WorkbookGrid } from "../../src/workbook/types";
import {
  book,
  HEADER_2022,
  HEADER_2024,
  HEADER_2025,
  placed,
  ROWS_2022,
  ROWS_2024,
  ROWS_2025,
  sheet,
  table,
  workbook,
} from "./grids";

const R2022 = getRuleSet(2022) as RuleSet;
const R2024 = getRuleSet(2024) as RuleSet;
const R2025 = getRuleSet(2025) as RuleSet;

const errors = (issues: Issue[]) => issues.filter((i) => i.severity === "error");
const withCode = (issues: Issue[], code: string) => issues.filter((i) => i.code === code);

/** The 2024 table on Blad1 from A1, with one cell changed (sheet row/col, zero-based). */
function book2024(edit?: (values: CellValue[][]) => void): WorkbookGrid {
  const values = table(HEADER_2024, ROWS_2024);
  edit?.(values);
  return book(values);
}

/** Reads through the pipeline and checks that an error blocks everything. */
function expectBlocked(wb: WorkbookGrid, ruleSet: RuleSet = R2024): Issue[] {
  const outcome = readAndAllocate(wb, ruleSet, {});
  expect(outcome.hasErrors).toBe(true);
  expect(outcome.result).toBeNull();
  return errors(outcome.issues);
}

describe("a clean table", () => {
  test("the 2024 table is read in full, ranges as notices", () => {
    const read = readRegionTable(book2024(), R2024, {});
    expect(read.sheet).toBe("Blad1");
    expect(read.range).toBe("A1:D22");
    expect(read.headerRow).toBe(0);
    expect([read.left, read.right]).toEqual([0, 3]);
    expect(read.columns).toEqual({ region: 0, population: 1, at: 2, baseline: 3 });
    expect(read.inputs).toHaveLength(21);
    expect(errors(read.issues)).toEqual([]);
    expect(read.dataRows).toHaveLength(21);
    expect(read.dataRows[9]).toEqual({ row: 10, code: "12" });
    const ost = read.inputs.find((i) => i.code === "05")!;
    expect(ost).toMatchObject({ at: 91, population: 472298, baseline: "86.5" });
    const notices = withCode(read.issues, "planning.range");
    expect(notices.map((i) => i.cell)).toEqual(["D5", "D14"]);
    expect(notices[0].message.sv).toBe('"84–89" läses som 86,5 (mittpunkten)');
  });

  test("the range setting decides how ranges are read", () => {
    const lower = readRegionTable(book2024(), R2024, { range: "lower" });
    expect(lower.inputs.find((i) => i.code === "05")!.baseline).toBe("84");
    const upper = readRegionTable(book2024(), R2024, { range: "upper" });
    expect(upper.inputs.find((i) => i.code === "17")!.baseline).toBe("50");
    expect(withCode(upper.issues, "planning.range")[0].message.en).toBe(
      '"84–89" is read as 89 (the upper bound)',
    );
  });

  test("inputs come in county-code order whatever the row order", () => {
    const values = table(HEADER_2024, [...ROWS_2024].reverse());
    const read = readRegionTable(book(values), R2024, {});
    expect(read.inputs.map((i) => i.code)).toEqual(
      "01 03 04 05 06 07 08 09 10 12 13 14 17 18 19 20 21 22 23 24 25".split(" "),
    );
    expect(read.dataRows[0]).toEqual({ row: 1, code: "25" });
  });

  test("numbers as text with spaces, no-break spaces and decimal comma", () => {
    const wb = book2024((v) => {
      v[1][1] = "2 454 821";
      v[2][1] = "404\u00a0589";
      v[3][2] = "60,0";
      v[4][3] = "84,5";
    });
    const read = readRegionTable(wb, R2024, {});
    expect(errors(read.issues)).toEqual([]);
    expect(read.inputs[0].population).toBe(2454821);
    expect(read.inputs[1].population).toBe(404589);
    expect(read.inputs[2].at).toBe(60);
    expect(read.inputs[3].baseline).toBe("84.5");
  });

  test("an annotation is read as its leading number, with a notice", () => {
    const wb = book2024((v) => (v[15][3] = "46 (ev. 48)"));
    const read = readRegionTable(wb, R2024, {});
    expect(read.inputs.find((i) => i.code === "19")!.baseline).toBe("46");
    const n = withCode(read.issues, "planning.annotation");
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ cell: "D16", region: "Västmanland", severity: "notice" });
  });

  test("region names are matched with aliases, case and diacritics", () => {
    const wb = book2024((v) => {
      v[1][0] = "Region Stockholm";
      v[3][0] = "SODERMANLAND";
      v[12][0] = "VGR";
      v[19][0] = "Jämtland-Härjedalen";
    });
    const read = readRegionTable(wb, R2024, {});
    expect(errors(read.issues)).toEqual([]);
    expect(read.inputs).toHaveLength(21);
  });
});

describe("finding the table", () => {
  test("a block not at A1, below a title, is found by its header", () => {
    const values = placed(
      [["AT-underlag 2024, region för region"], [], ...table(HEADER_2024, ROWS_2024)],
      1,
      2,
      { rows: 30, cols: 10 },
    );
    values[1][2] = "AT-underlag 2024, region för region";
    values[2][2] = null;
    const read = readRegionTable(book(values), R2024, {});
    expect(read.range).toBe("C4:F25");
    expect(read.headerRow).toBe(3);
    expect(errors(read.issues)).toEqual([]);
    expect(read.inputs).toHaveLength(21);
  });

  test("a sheet grid that starts below and right of A1", () => {
    const wb = workbook([sheet("Blad1", table(HEADER_2024, ROWS_2024), { top: 4, left: 2 })]);
    const read = readRegionTable(wb, R2024, {});
    expect(read.range).toBe("C5:F26");
    expect(read.columns.at).toBe(4);
    expect(withCode(read.issues, "planning.range")[0].cell).toBe("F9");
  });

  test("a title directly above the header is not part of the table", () => {
    const values = [["AT 2024 per region"], ...table(HEADER_2024, ROWS_2024)];
    const read = readRegionTable(book(values), R2024, {});
    expect(read.headerRow).toBe(1);
    expect(read.range).toBe("A2:D23");
  });

  test("the only Excel table on the active sheet", () => {
    const values = placed(table(HEADER_2024, ROWS_2024), 5, 1, { rows: 30, cols: 8 });
    values[0][0] = "Region"; // a stray word the header scan would find first
    values[0][1] = "AT 2024";
    const t = { name: "Underlag", top: 5, left: 1, rows: 22, columns: 4 };
    const read = readRegionTable(book(values, {}), R2024, {});
    expect(read.headerRow).toBe(0); // without the table: the first header cell
    const wb = workbook([sheet("Blad1", values, { tables: [t] })]);
    const inTable = readRegionTable(wb, R2024, {});
    expect(inTable.table).toBe("Underlag");
    expect(inTable.range).toBe("B6:E27");
    expect(inTable.inputs).toHaveLength(21);
  });

  test("the table holding the selection wins over the others", () => {
    const a = table(HEADER_2024, ROWS_2024.slice(0, 10));
    const b = table(HEADER_2024, ROWS_2024);
    const values = placed(a, 0, 0, { rows: 40, cols: 12 });
    b.forEach((line, r) => line.forEach((v, c) => (values[r + 2][c + 6] = v)));
    const tables = [
      { name: "Gammal", top: 0, left: 0, rows: 11, columns: 4 },
      { name: "Ny", top: 2, left: 6, rows: 22, columns: 4 },
    ];
    const sel = { sheet: "Blad1", row: 10, col: 7 };
    const wb = workbook([sheet("Blad1", values, { tables })], { selection: sel });
    const read = readRegionTable(wb, R2024, {});
    expect(read.table).toBe("Ny");
    expect(read.inputs).toHaveLength(21);
    // Without a selection two tables are no "only table": the first header cell decides.
    const first = readRegionTable(workbook([sheet("Blad1", values, { tables })]), R2024, {});
    expect(first.table).toBe("Gammal");
  });

  test("the block holding the selection wins over the first header on the sheet", () => {
    const values = placed(table(HEADER_2024, ROWS_2024.slice(0, 3)), 0, 0, { rows: 30, cols: 10 });
    table(HEADER_2024, ROWS_2024).forEach((line, r) =>
      line.forEach((v, c) => (values[r + 5][c + 5] = v)),
    );
    const wb = book(values, { selection: { sheet: "Blad1", row: 8, col: 6 } });
    const read = readRegionTable(wb, R2024, {});
    expect(read.range).toBe("F6:I27");
  });

  test("a note beside the table, without a header above it, is not part of the table", () => {
    const values = table(HEADER_2024, ROWS_2024).map((r) => [...r, null]);
    values[5][4] = "min anteckning";
    const read = readRegionTable(book(values), R2024, {});
    expect(read.right).toBe(3);
    expect(read.range).toBe("A1:D22");
    // A blank header inside the table keeps its column (the AT column here).
    const gap = table(HEADER_2024, ROWS_2024);
    gap[0][1] = null;
    const inner = readRegionTable(book(gap), R2024, {});
    expect(inner.right).toBe(3);
    expect(inner.columns.at).toBe(2);
  });

  test("a selection on an empty cell falls back to the header scan", () => {
    const values = placed(table(HEADER_2024, ROWS_2024), 0, 0, { rows: 30, cols: 10 });
    const wb = book(values, { selection: { sheet: "Blad1", row: 28, col: 9 } });
    expect(readRegionTable(wb, R2024, {}).range).toBe("A1:D22");
  });

  test("a total row is skipped and said so; a wrong total is a warning", () => {
    const values = table(HEADER_2024, ROWS_2024);
    const sumAt = ROWS_2024.reduce((s, r) => s + (r[2] as number), 0);
    values.push(["Summa", null, sumAt + 1, null]);
    const read = readRegionTable(book(values), R2024, {});
    expect(read.range).toBe("A1:D23");
    expect(read.dataRows[21]).toEqual({ row: 22, code: null });
    const skipped = withCode(read.issues, "row.totalSkipped");
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ cell: "A23", severity: "notice" });
    const mismatch = withCode(read.issues, "total.mismatch");
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0].cell).toBe("C23");
    expect(errors(read.issues)).toEqual([]);
  });

  test.each(["Totalt", "Riket", "Total", "Summa riket"])("%s is a total row", (label) => {
    const values = table(HEADER_2024, ROWS_2024);
    values.push([label, null, null, null]);
    const read = readRegionTable(book(values), R2024, {});
    expect(withCode(read.issues, "row.totalSkipped")).toHaveLength(1);
    expect(errors(read.issues)).toEqual([]);
  });

  test("a blank row between groups does not end the table; a row without region is said so", () => {
    const values = table(HEADER_2024, ROWS_2024.slice(0, 10));
    values.push([null, null, null, null]);
    values.push(...ROWS_2024.slice(10).map((r) => r.slice()));
    values.push([null, 5, null, null]);
    const read = readRegionTable(book(values), R2024, {});
    expect(read.inputs).toHaveLength(21);
    expect(read.dataRows[10]).toEqual({ row: 11, code: null });
    expect(withCode(read.issues, "row.blankRegion").map((i) => i.cell)).toEqual(["A24"]);
  });

  test("an Excel table's totals row is not read", () => {
    const values = table(HEADER_2024, ROWS_2024);
    values.push(["Summa", 1, 2, 3]);
    const t = { name: "T", top: 0, left: 0, rows: 23, columns: 4, hasTotalsRow: true };
    const read = readRegionTable(workbook([sheet("Blad1", values, { tables: [t] })]), R2024, {});
    expect(read.dataRows).toHaveLength(21);
    expect(withCode(read.issues, "row.totalSkipped")[0].cell).toBe("A23");
    expect(errors(read.issues)).toEqual([]);
  });

  test("options.sheet reads that sheet; an unknown sheet is an error", () => {
    const wb = workbook([
      sheet("Översikt", [["Se bladet Data"]]),
      sheet("Data", table(HEADER_2024, ROWS_2024)),
    ]);
    const read = readRegionTable(wb, R2024, {}, { sheet: "Data" });
    expect(read.sheet).toBe("Data");
    expect(errors(read.issues)).toEqual([]);
    const none = readRegionTable(wb, R2024, {}, { sheet: "Saknas" });
    expect(none.headerRow).toBe(-1);
    expect(none.issues[0].code).toBe(TABLE_NOT_FOUND);
    const empty = readRegionTable(wb, R2024, {}, { sheet: "Översikt" });
    expect(empty.issues[0].code).toBe(TABLE_NOT_FOUND);
  });

  test("an active sheet without a table: the sheet that has one, with a notice", () => {
    const wb = workbook([
      sheet("Översikt", [["Se bladet Data"]]),
      sheet("Data", table(HEADER_2024, ROWS_2024)),
    ]);
    const read = readRegionTable(wb, R2024, {});
    expect(read.sheet).toBe("Data");
    expect(withCode(read.issues, "table.otherSheet")).toHaveLength(1);
  });

  test("no region table anywhere is an error, and the pipeline returns no read", () => {
    const wb = book([["Hej"], ["då"]]);
    const outcome = readAndAllocate(wb, R2024, {});
    expect(outcome.read).toBeNull();
    expect(outcome.result).toBeNull();
    expect(outcome.hasErrors).toBe(true);
    expect(outcome.issues[0].code).toBe(TABLE_NOT_FOUND);
  });
});

describe("columns a previous run wrote", () => {
  const ours = ["Block 1 – Redovisa antal AT (kr)", "Utökning block 2 (AT)", "Summa (kr)"];

  function withOurColumns(): CellValue[][] {
    const values = table(HEADER_2024, ROWS_2024);
    values[0].push(...ours);
    for (let r = 1; r < values.length; r++) values[r].push(1000, 3, 1000);
    return values;
  }

  const owned = {
    version: 1 as const,
    year: 2024,
    sheet: "Blad1",
    columnsRange: "E1:G22",
    headers: ours,
    summarySheet: "AT-fördelning 2024",
    writtenAt: "2024-05-01T10:00:00",
  };

  test("the block's right edge stops before them", () => {
    const read = readRegionTable(book(withOurColumns(), { owned }), R2024, {});
    expect(read.right).toBe(3);
    expect(read.range).toBe("A1:D22");
    expect(errors(read.issues)).toEqual([]);
  });

  test("also inside an Excel table they were added to", () => {
    const t = { name: "Regioner", top: 0, left: 0, rows: 22, columns: 7 };
    const wb = workbook([sheet("Blad1", withOurColumns(), { tables: [t] })], { owned });
    const read = readRegionTable(wb, R2024, {});
    expect(read.table).toBe("Regioner");
    expect(read.right).toBe(3);
  });

  test("their headers are recognised even where the record's range is stale", () => {
    const read = readRegionTable(
      book(withOurColumns(), { owned: { ...owned, columnsRange: "H1:J22" } }),
      R2024,
      {},
    );
    expect(read.right).toBe(3);
  });

  test("a record for another sheet changes nothing", () => {
    const values = table(HEADER_2024, ROWS_2024);
    values[0].push("Kommentar");
    const read = readRegionTable(book(values, { owned: { ...owned, sheet: "Annat" } }), R2024, {});
    expect(read.right).toBe(4);
  });

  test("our own summary sheet and the bookkeeping sheet are never read as data", () => {
    const wb = workbook(
      [
        sheet("AT-fördelning 2024", table(["Region", "AT 2024"], [["Skåne", 1]])),
        sheet("Blad1", withOurColumns()),
      ],
      { owned, activeSheet: "AT-fördelning 2024" },
    );
    const read = readRegionTable(wb, R2024, {});
    expect(read.sheet).toBe("Blad1");
  });
});

describe("bad input: every kind names its cell and blocks the result", () => {
  test("text where a count belongs (IO.md's example, word for word)", () => {
    const errs = expectBlocked(book2024((v) => (v[7][2] = "femtio")));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({
      code: "count.text",
      sheet: "Blad1",
      cell: "C8",
      region: "Kalmar",
    });
    expect(formatIssueLine(errs[0], "sv")).toBe(
      'Blad1!C8 (Kalmar): "femtio" är inget antal — ange antal AT 2024 som ett heltal',
    );
    expect(errs[0].message.en).toBe(
      '"femtio" is not a number — enter the number of AT posts 2024 as a whole number',
    );
  });

  test("an error value", () => {
    const errs = expectBlocked(book2024((v) => (v[3][2] = { error: "#N/A" })));
    expect(errs[0]).toMatchObject({ code: "count.error", cell: "C4", region: "Sörmland" });
    expect(errs[0].message.sv).toContain("#N/A");
  });

  test("a date", () => {
    const errs = expectBlocked(book2024((v) => (v[3][2] = { date: "2024-03-01" })));
    expect(errs[0]).toMatchObject({ code: "count.date", cell: "C4" });
    expect(errs[0].message.sv).toContain("datum");
  });

  test("a negative count", () => {
    const errs = expectBlocked(book2024((v) => (v[3][2] = -3)));
    expect(errs[0]).toMatchObject({ code: "count.negative", cell: "C4" });
  });

  test.each<[CellValue]>([[52.5], ["52,5"]])("a non-whole count %p", (value) => {
    const errs = expectBlocked(book2024((v) => (v[3][2] = value)));
    expect(errs[0]).toMatchObject({ code: "count.fraction", cell: "C4" });
    expect(errs[0].message.sv).toBe("52,5 är inget heltal — ange antal AT 2024 som ett heltal");
  });

  test.each<[CellValue, string]>([
    [0, "population.zero"],
    [null, "population.blank"],
    [-5, "count.negative"],
    ["många", "count.text"],
  ])("population %p where it is needed", (value, code) => {
    const errs = expectBlocked(book2024((v) => (v[11][1] = value)));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ code, cell: "B12", region: "Halland" });
  });

  test("an unknown region suggests the closest", () => {
    const errs = expectBlocked(book2024((v) => (v[10][0] = "Skåme")));
    expect(errs[0]).toMatchObject({ code: "region.unknown", cell: "A11" });
    expect(errs[0].message.sv).toBe('"Skåme" är ingen känd region — menade du Skåne?');
    expect(errs[0].message.en).toContain("did you mean Skåne?");
  });

  test("a duplicated region names both rows", () => {
    const errs = expectBlocked(book2024((v) => (v[11][0] = "Region Skåne")));
    const dup = errs.find((e) => e.code === "region.duplicate")!;
    expect(dup).toMatchObject({ cell: "A12", region: "Skåne" });
    expect(dup.message.sv).toContain("A11");
  });

  test("a code that contradicts the name; an unknown code is an error", () => {
    const values = table(
      ["Länskod", ...HEADER_2024],
      ROWS_2024.map((r, i) => [i === 9 ? "13" : null, ...r]),
    );
    const errs = expectBlocked(book(values));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ code: "code.mismatch", cell: "A11", region: "Skåne" });
    expect(errs[0].message.sv).toContain("Halland");

    values[10][0] = 12; // a number code matches "12" too
    values[1][0] = "99";
    const read = readRegionTable(book(values), R2024, {});
    expect(errors(read.issues)).toHaveLength(1);
    expect(withCode(read.issues, "code.unknown")[0]).toMatchObject({
      cell: "A2",
      severity: "error",
    });
    values[1][0] = "02"; // no county has 02
    expect(withCode(readRegionTable(book(values), R2024, {}).issues, "code.unknown")[0].cell).toBe(
      "A2",
    );
  });

  test("leading-zero and plain codes both match", () => {
    const values = table(
      ["Kod", ...HEADER_2024],
      ROWS_2024.map((r, i) => [i === 0 ? "01" : i === 1 ? 3 : null, ...r]),
    );
    expect(errors(readRegionTable(book(values), R2024, {}).issues)).toEqual([]);
  });

  test("a missing required column names the header expected", () => {
    const values = table(HEADER_2024, ROWS_2024).map((r) => [r[0], r[1], r[3]]);
    const errs = expectBlocked(book(values));
    expect(errs).toHaveLength(1);
    expect(errs[0].code).toBe("column.missing");
    expect(errs[0].cell).toBe("D1"); // where the column was expected: right of the table
    expect(errs[0].message.sv).toContain('"AT 2024"');
    // No "region missing" noise while the columns are wrong.
    const read = readRegionTable(book(values), R2024, {});
    expect(withCode(read.issues, "region.missing")).toEqual([]);
  });

  test("a column for another year is no match, and the message says so", () => {
    const values = table(["Region", "Folkmängd", "AT 2023", "Planerade AT 2024"], ROWS_2024);
    const errs = expectBlocked(book(values));
    expect(errs[0].code).toBe("column.missing");
    expect(errs[0].message.sv).toContain('"AT 2023" i C1 gäller ett annat år');
  });

  test("a header without a year is taken where only one column fits", () => {
    const values = table(["Region", "Befolkning", "AT", "Planerade AT"], ROWS_2024);
    const read = readRegionTable(book(values), R2024, {});
    expect(errors(read.issues)).toEqual([]);
    expect(read.columns).toMatchObject({ at: 2, baseline: 3, population: 1 });
  });

  test("a column with the year beats one without", () => {
    const values = table(
      [...HEADER_2024, "AT"],
      ROWS_2024.map((r) => [...r, 1]),
    );
    const read = readRegionTable(book(values), R2024, {});
    expect(read.columns.at).toBe(2);
    expect(errors(read.issues)).toEqual([]);
  });

  test("two columns that both fit one field", () => {
    const values = table(
      [...HEADER_2024, "Antal AT 2024"],
      ROWS_2024.map((r) => [...r, 1]),
    );
    const errs = expectBlocked(book(values));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ code: "column.ambiguous", cell: "E1" });
    expect(errs[0].message.sv).toContain('"AT 2024" (C1)');
    expect(errs[0].message.sv).toContain('"Antal AT 2024" (E1)');
  });

  test("two region columns", () => {
    const values = table(
      [...HEADER_2024, "Län"],
      ROWS_2024.map((r) => [...r, r[0]]),
    );
    const errs = expectBlocked(book(values));
    expect(errs[0]).toMatchObject({ code: "column.ambiguous", cell: "E1" });
  });

  test("I.U suggests the region's previous planned value", () => {
    const errs = expectBlocked(book2024((v) => (v[10][3] = "I.U")));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ code: "baseline.noData", cell: "D11", region: "Skåne" });
    expect(formatIssueLine(errs[0], "sv")).toBe(
      'Blad1!D11 (Skåne): "I.U" är inget antal — ange planerat antal AT 2024 (förslag: 199, planerat 2023)',
    );
  });

  test("a blank baseline where the decision says I.U is an error", () => {
    const errs = expectBlocked(book2024((v) => (v[10][3] = null)));
    expect(errs[0]).toMatchObject({ code: "baseline.noData", cell: "D11", region: "Skåne" });
    expect(errs[0].message.sv).toContain("förslag: 199");
  });

  test("text that is no planning value", () => {
    const errs = expectBlocked(book2024((v) => (v[2][3] = "ungefär 55")));
    expect(errs[0]).toMatchObject({ code: "count.text", cell: "D3" });
  });

  test("a negative baseline", () => {
    const errs = expectBlocked(book2024((v) => (v[2][3] = -1)));
    expect(errs[0]).toMatchObject({ code: "count.negative", cell: "D3" });
  });

  test("a forecast cell that is no yes/no", () => {
    const values = table(HEADER_2025, ROWS_2025);
    values[5][3] = "kanske";
    const errs = expectBlocked(book(values), R2025);
    expect(errs[0]).toMatchObject({ code: "forecast.invalid", cell: "D6", region: "Jönköping" });
  });

  test("an unknown group (2022)", () => {
    const values = table(
      [...HEADER_2022, "Grupp"],
      ROWS_2022.map((r) => [...r, null]),
    );
    values[3][3] = "Mellannivå";
    const errs = expectBlocked(book(values), R2022);
    expect(errs[0]).toMatchObject({ code: "group.unknown", cell: "D4", region: "Sörmland" });
  });

  test("a bad rewarded count", () => {
    const values = table(
      [...HEADER_2024, "Redan ersatta AT 2023"],
      ROWS_2024.map((r) => [...r, 0]),
    );
    values[2][4] = "två";
    const errs = expectBlocked(book(values));
    expect(errs[0]).toMatchObject({ code: "count.text", cell: "E3", region: "Uppsala" });
  });

  test("every error of a sheet is reported at once", () => {
    const errs = expectBlocked(
      book2024((v) => {
        v[7][2] = "femtio";
        v[11][1] = -5;
        v[15][0] = "Västmanlnd";
      }),
    );
    expect(errs.map((e) => e.cell).sort()).toEqual(["A16", "B12", "C8"]);
  });
});

describe("warnings and notices that do not block", () => {
  function allocates(wb: WorkbookGrid, ruleSet: RuleSet): Issue[] {
    // The engine may still be unfinished; the reader's verdict is what this checks.
    const read = readRegionTable(wb, ruleSet, {});
    expect(errors(read.issues)).toEqual([]);
    return read.issues;
  }

  test("a blank AT cell means the region did not report (a notice)", () => {
    const values = table(HEADER_2025, ROWS_2025);
    const issues = allocates(book(values), R2025);
    const n = withCode(issues, "at.notReported");
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ cell: "C9", region: "Gotland", severity: "notice" });
    const read = readRegionTable(book(values), R2025, {});
    expect(read.inputs.find((i) => i.code === "09")).toMatchObject({ at: null, forecast: true });
    expect(read.inputs.find((i) => i.code === "08")!.forecast).toBe(false);
  });

  test("a reported 0 is a warning, kept apart from blank", () => {
    const issues = allocates(
      book2024((v) => (v[8][2] = 0)),
      R2024,
    );
    expect(withCode(issues, "at.zero")[0]).toMatchObject({ cell: "C9", severity: "warning" });
  });

  test("a population that looks like thousands", () => {
    const issues = allocates(
      book2024((v) => (v[8][1] = 61)),
      R2024,
    );
    expect(withCode(issues, "population.small")[0]).toMatchObject({
      cell: "B9",
      region: "Gotland",
    });
  });

  test("a region missing from the table takes part in nothing (a warning)", () => {
    const values = table(
      HEADER_2024,
      ROWS_2024.filter((r) => r[0] !== "Gotland"),
    );
    const issues = allocates(book(values), R2024);
    const w = withCode(issues, "region.missing");
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ region: "Gotland", severity: "warning" });
    expect(w[0].message.sv).toBe("Gotland finns inte i tabellen och deltar inte i något block");
  });

  test("a blank baseline uses the decision's value, with a warning", () => {
    const wb = book2024((v) => (v[2][3] = null));
    const issues = allocates(wb, R2024);
    expect(withCode(issues, "baseline.default")[0]).toMatchObject({
      cell: "D3",
      region: "Uppsala",
    });
    const read = readRegionTable(wb, R2024, {});
    expect(read.inputs.find((i) => i.code === "03")!.baseline).toBe("55");
  });

  test("2022 without a baseline column: the decision's AT-värden, one warning", () => {
    const values = table(HEADER_2022, ROWS_2022).map((r) => r.slice(0, 2));
    const read = readRegionTable(book(values), R2022, {});
    expect(errors(read.issues)).toEqual([]);
    expect(withCode(read.issues, "baseline.columnMissing")).toHaveLength(1);
    const full = readRegionTable(book(table(HEADER_2022, ROWS_2022)), R2022, {});
    expect(read.inputs.map((i) => i.baseline)).toEqual(full.inputs.map((i) => i.baseline));
  });

  test("2024 without a baseline column: defaults, but Skåne's I.U stands as an error", () => {
    const values = table(HEADER_2024, ROWS_2024).map((r) => r.slice(0, 3));
    const errs = expectBlocked(book(values));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ code: "baseline.noData", region: "Skåne", cell: "A11" });
    expect(errs[0].message.sv).toContain("Planerade AT 2024");
  });

  test("a group column overrides the decision's lists, said in a notice", () => {
    const values = table(
      [...HEADER_2022, "Grupp"],
      ROWS_2022.map((r) => [...r, null]),
    );
    values[1][3] = "God nivå"; // Stockholm is officially below
    values[3][3] = "god niva"; // Sörmland as listed: no notice
    const read = readRegionTable(book(values), R2022, {});
    expect(errors(read.issues)).toEqual([]);
    expect(read.inputs[0].group).toBe("godNiva");
    expect(withCode(read.issues, "group.override").map((i) => i.cell)).toEqual(["D2"]);
  });

  test("2022 population is optional, but needed for the rate interpretation", () => {
    const values = table(HEADER_2022, ROWS_2022);
    expect(errors(readRegionTable(book(values), R2022, {}).issues)).toEqual([]);
    const rate = readRegionTable(book(values), R2022, { "block1-2022": "rate" });
    expect(withCode(rate.issues, "column.missing")).toHaveLength(1);
    expect(withCode(rate.issues, "column.missing")[0].message.sv).toContain("Folkmängd");
  });

  test("a population header dated otherwise than the rules is a warning", () => {
    const values = table(["Region", "Folkmängd 2019", "AT 2024", "Planerade AT 2024"], ROWS_2024);
    const issues = allocates(book(values), R2024);
    expect(withCode(issues, "population.date")[0]).toMatchObject({ cell: "B1" });
    const ok = table(
      ["Region", "Befolkning 1 nov 2023", "AT 2024", "Planerade AT 2024"],
      ROWS_2024,
    );
    expect(withCode(allocates(book(ok), R2024), "population.date")).toEqual([]);
  });

  test("the rewarded column is read", () => {
    const values = table(
      [...HEADER_2024, "Redan ersatta AT 2023"],
      ROWS_2024.map((r) => [...r, null]),
    );
    values[1][4] = 4;
    const read = readRegionTable(book(values), R2024, {});
    expect(read.columns.rewarded).toBe(4);
    expect(read.inputs[0].rewarded).toBe(4);
    expect(read.inputs[1].rewarded).toBeNull();
  });
});

describe("the pipeline", () => {
  test("a clean table allocates and keeps the reader's notices", () => {
    const outcome = readAndAllocate(book2024(), R2024, {});
    expect(outcome.hasErrors).toBe(false);
    expect(outcome.result).not.toBeNull();
    expect(outcome.result!.regions.find((r) => r.code === "01")!.total).toBe(27349691);
    expect(withCode(outcome.issues, "planning.range")).toHaveLength(2);
  });

  test("bad settings are an error issue, never a crash", () => {
    const outcome = readAndAllocate(book2024(), R2024, { rounding: "banker" });
    expect(outcome.hasErrors).toBe(true);
    expect(outcome.result).toBeNull();
    expect(outcome.issues[0].code).toBe("settings.invalid");
    expect(outcome.issues[0].message.sv).toContain("half-up");
    const unknown = readAndAllocate(book2024(), R2024, { "block1-2022": "rate" });
    expect(unknown.issues[0].message.en).toContain('unknown interpretation "block1-2022"');
  });
});
