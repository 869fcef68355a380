import { localTime } from "../../src/workbook/summarySheet";
import { parseA1 } from "../../src/workbook/a1";
import {
  KR_FORMAT,
  TEXT_FORMAT,
  blockCheck,
  isoLocal,
  planWrite,
  shortBlockName,
  summaryTitle,
  type PlanWriteArgs,
} from "../../src/workbook/planWrite";
import type { Issue, PlannedCell, SummaryPlan, WorkbookGrid } from "../../src/workbook/types";
import {
  SHEET,
  executeOnGrid,
  regionGrid,
  regionRead,
  result2022,
  result2024,
  setGridCell,
} from "./planFixtures";

const NOW = new Date(2025, 2, 14, 10, 22, 5);

function args(overrides: Partial<PlanWriteArgs> = {}): PlanWriteArgs {
  return {
    workbook: regionGrid(),
    read: regionRead(),
    result: result2024(),
    issues: [],
    lang: "sv",
    now: NOW,
    sourceName: "regioner.xlsx",
    ...overrides,
  };
}

/** The summary cell at an A1 address. */
function at(summary: SummaryPlan, a1: string): PlannedCell | undefined {
  const { row, col } = parseA1(a1);
  return summary.cells[row]?.[col];
}

/** The summary row whose first cell holds the given text. */
function rowStarting(summary: SummaryPlan, text: string): PlannedCell[] {
  const row = summary.cells.find((r) => r[0]?.value === text);
  if (!row) throw new Error(`no row starting with ${text}`);
  return row;
}

describe("planWrite: the allocation columns", () => {
  test("go right of the user's table: one per block, the ladder measure, the total", () => {
    const plan = planWrite(args());
    expect(plan.columns.sheet).toBe(SHEET);
    expect(plan.columns.headerRow).toBe(0);
    expect(plan.columns.firstCol).toBe(4); // column E, right of A:D
    expect(plan.columns.headers.map((h) => h.value)).toEqual([
      "Block 1 – Redovisa antal AT",
      "Block 2 – Ytterligare utökning",
      "Utökning block 2 (AT)",
      "Summa",
    ]);
    expect(plan.columns.headers.every((h) => h.bold)).toBe(true);
    expect(plan.conflicts).toEqual([]);
    expect(plan.clear).toEqual([]);
  });

  test("rows follow the sheet rows: amounts in whole kronor with the kr format, skipped rows empty", () => {
    const plan = planWrite(args());
    expect(plan.columns.rows).toHaveLength(22);
    const stockholm = plan.columns.rows[0];
    expect(stockholm.map((c) => c.value)).toEqual([3_000_000, 60_000_000, 10, 63_000_000]);
    expect(stockholm[0].numberFormat).toBe(KR_FORMAT);
    expect(stockholm[1].numberFormat).toBe(KR_FORMAT);
    expect(stockholm[3].numberFormat).toBe(KR_FORMAT);
    expect(stockholm[2].numberFormat).toBeUndefined();
    // Östergötland (row 5): the measure 4.5 as a number.
    expect(plan.columns.rows[3][2].value).toBe(4.5);
    // The Summa row (code null) gets empty cells.
    expect(plan.columns.rows[21].every((c) => c.value === null)).toBe(true);
  });

  test("rows are placed by sheet row even when the table's rows are in another order", () => {
    const read = regionRead();
    read.dataRows = [...read.dataRows].reverse();
    const plan = planWrite(args({ read }));
    expect(plan.columns.rows[0][3].value).toBe(63_000_000); // row 2 is still Stockholm
  });

  test("English headers", () => {
    const plan = planWrite(args({ lang: "en" }));
    expect(plan.columns.headers.map((h) => h.value)).toEqual([
      "Block 1 – Report the number of AT posts",
      "Block 2 – Further expansion",
      "Expansion, block 2 (AT)",
      "Total",
    ]);
    expect(plan.summary.sheetName).toBe("AT allocation 2024");
  });

  test("a header the user's table already has gets a number", () => {
    const workbook = regionGrid((values) => {
      values[0][3] = "SUMMA";
    });
    const plan = planWrite(args({ workbook }));
    expect(plan.columns.headers[3].value).toBe("Summa (2)");
    expect(plan.ownership.headers[3]).toBe("Summa (2)");
    // A re-run finds its own columns by that name, and keeps it.
    const second = planWrite(args({ workbook: executeOnGrid(workbook, plan) }));
    expect(second.columns.headers[3].value).toBe("Summa (2)");
    expect(second.conflicts).toEqual([]);
  });

  test("an Excel table: the columns are planned as table columns", () => {
    const plan = planWrite(args({ read: regionRead({ table: "Tabell1" }) }));
    expect(plan.columns.table).toBe("Tabell1");
    expect(plan.ownership.table).toBe("Tabell1");
  });

  test("the ownership record says what was written", () => {
    const plan = planWrite(args());
    const { provenance, ...rest } = plan.ownership;
    expect(rest).toEqual({
      version: 1,
      year: 2024,
      sheet: SHEET,
      columnsRange: "E1:H23",
      headers: plan.columns.headers.map((h) => h.value),
      summarySheet: "AT-fördelning 2024",
      annexSheet: "Beslutsbilaga",
      formulas: expect.arrayContaining(["A2", "A3", "B13", "H20", "G26"]),
      writtenAt: isoLocal(NOW),
    });
    // What the run read and wrote, for verify: every region row's input cells and our cells.
    expect(provenance?.program).toMatch(/^AT-fördelning \d+\.\d+\.\d+$/);
    expect(Object.keys(provenance!.written.cells!)).toHaveLength(22 * 4);
    expect(provenance!.written.cells!.H2).toBe(plan.columns.rows[0][3].value);
    // Exactly the summary's formula cells, each of them the add-in's.
    const formulas = plan.summary.cells.flatMap((row, r) =>
      row.flatMap((c, col) => (c.formula ? [`${String.fromCharCode(65 + col)}${r + 1}`] : [])),
    );
    expect(plan.ownership.formulas).toEqual(formulas);
  });
});

describe("planWrite: conflicts and re-runs", () => {
  test("a user's value in a target cell is a conflict, named by sheet and cell", () => {
    const workbook = regionGrid();
    setGridCell(workbook, SHEET, 4, 5, "min anteckning"); // F5
    setGridCell(workbook, SHEET, 0, 7, 0); // H1: a zero is a value too
    setGridCell(workbook, SHEET, 9, 4, ""); // E10: an empty string is empty
    const plan = planWrite(args({ workbook }));
    expect(plan.conflicts).toEqual([
      { sheet: SHEET, cell: "H1" },
      { sheet: SHEET, cell: "F5" },
    ]);
  });

  test("a cell right of the target columns is no conflict", () => {
    const workbook = regionGrid();
    setGridCell(workbook, SHEET, 4, 8, "utanför"); // I5
    expect(planWrite(args({ workbook })).conflicts).toEqual([]);
  });

  test("a re-run with the ownership record plans the same columns, without conflicts", () => {
    const first = planWrite(args());
    const after = executeOnGrid(regionGrid(), first);
    const second = planWrite(args({ workbook: after, now: new Date(2025, 2, 15) }));
    expect(second.columns.firstCol).toBe(first.columns.firstCol);
    expect(second.ownership.columnsRange).toBe(first.ownership.columnsRange);
    expect(second.conflicts).toEqual([]);
    expect(second.clear).toEqual([]);
  });

  test("the previous columns are found even where the reader counted them as the table's", () => {
    const first = planWrite(args());
    const after = executeOnGrid(regionGrid(), first);
    const second = planWrite(args({ workbook: after, read: regionRead({ right: 7 }) }));
    expect(second.columns.firstCol).toBe(4);
    expect(second.conflicts).toEqual([]);
  });

  test("without a record, the previous run's cells are someone else's: conflicts", () => {
    const after = executeOnGrid(regionGrid(), planWrite(args()));
    after.owned = null;
    const plan = planWrite(args({ workbook: after }));
    expect(plan.conflicts.length).toBe(4 + 21 * 4);
  });

  test("a text typed into our columns since is the user's: a conflict, not overwritten", () => {
    const after = executeOnGrid(regionGrid(), planWrite(args()));
    setGridCell(after, SHEET, 2, 5, "kolla!"); // F3
    const plan = planWrite(args({ workbook: after }));
    expect(plan.conflicts).toEqual([{ sheet: SHEET, cell: "F3" }]);
  });

  test("year 2022 (6 columns) then 2024 (4 columns): the 2 left over are cleared", () => {
    const first = planWrite(args({ result: result2022() }));
    expect(first.columns.headers).toHaveLength(6);
    expect(first.ownership.columnsRange).toBe("E1:J23");
    const after = executeOnGrid(regionGrid(), first);
    const second = planWrite(args({ workbook: after }));
    expect(second.columns.firstCol).toBe(4);
    expect(second.conflicts).toEqual([]);
    expect(second.clear).toEqual(["Blad1!I1:J23"]);
  });

  test("a column inserted in the table moves our columns: the record is re-anchored by its headers", () => {
    const first = planWrite(args());
    const after = executeOnGrid(regionGrid(), first);
    // The user inserts a column B: every cell from B rightwards moves one column right.
    for (const row of after.sheets[0].values) row.splice(1, 0, null);
    after.sheets[0].values[0][1] = "Kommentar";
    const second = planWrite(
      args({ workbook: after, read: regionRead({ right: 4, range: "A1:E23" }) }),
    );
    expect(second.columns.firstCol).toBe(5); // F, where our columns now are
    expect(second.conflicts).toEqual([]);
    expect(second.clear).toEqual([]);
  });

  test("a table moved to another sheet: the old columns are cleared there", () => {
    const first = planWrite(args());
    const after = executeOnGrid(regionGrid(), first);
    after.sheets.push({ ...structuredClone(regionGrid().sheets[0]), name: "Ny" });
    const second = planWrite(args({ workbook: after, read: regionRead({ sheet: "Ny" }) }));
    expect(second.columns.sheet).toBe("Ny");
    expect(second.conflicts).toEqual([]);
    expect(second.clear).toEqual(["Blad1!E1:H23"]);
  });

  test("a totals row of an Excel table is checked too", () => {
    const workbook = regionGrid();
    workbook.sheets[0].tables = [
      { name: "T", top: 0, left: 0, rows: 24, columns: 4, hasTotalsRow: true },
    ];
    setGridCell(workbook, SHEET, 23, 4, "x"); // E24, in the table's totals row
    const plan = planWrite(args({ workbook, read: regionRead({ table: "T" }) }));
    expect(plan.conflicts).toEqual([{ sheet: SHEET, cell: "E24" }]);
  });
});

describe("planWrite: the summary sheet", () => {
  test("says what ran on what", () => {
    const { summary } = planWrite(args({ read: regionRead({ table: "Tabell1" }) }));
    expect(summary.sheetName).toBe("AT-fördelning 2024");
    expect(at(summary, "A1")?.value).toBe(summaryTitle(2024, "sv"));
    expect(rowStarting(summary, "Diarienummer")[1].value).toBe("S2024/00586");
    expect(rowStarting(summary, "Läst område")[1].value).toBe(
      "regioner.xlsx – Blad1!A1:D23 (tabell Tabell1)",
    );
    // Local time in Stockholm, in words; the record keeps the ISO time.
    expect(rowStarting(summary, "Beräknad")[1].value).toBe(localTime(NOW, "sv"));
    expect(localTime(new Date("2026-12-01T19:14:00Z"), "sv")).toBe("1 december 2026 kl. 20.14");
    expect(localTime(new Date("2026-07-01T08:05:00Z"), "en")).toBe(
      "1 July 2026 at 10:05 (Stockholm time)",
    );
    expect(rowStarting(summary, "Program")[1].value).toMatch(/^AT-fördelning \d/);
    expect(String(rowStarting(summary, "Indatas fingeravtryck (SHA-256)")[1].value)).toMatch(
      /^[0-9a-f]{64}$/,
    );
    const budget = rowStarting(summary, "Total budget")[1];
    expect(budget).toEqual({ value: 223_000_000, numberFormat: KR_FORMAT });
  });

  test("sources come from the rule set (the shipped one when none is given)", () => {
    const { summary } = planWrite(args({ result: { ...result2024(), reference: "S2024/00586" } }));
    expect(rowStarting(summary, "Källor")[1].value).toMatch(/S2024\/00586/);
  });

  test("a result without sources: no sources row, the rest as usual", () => {
    const { summary } = planWrite(
      args({ result: { ...result2024(), reference: "X-1", sources: [] } }),
    );
    expect(summary.cells.some((r) => r[0]?.value === "Källor")).toBe(false);
    // "X-1" is no diarienummer: it is named for what it is.
    expect(rowStarting(summary, "Beslut")[1].value).toBe("X-1");
    const dnr = planWrite(args({ result: result2024() })).summary;
    expect(rowStarting(dnr, "Diarienummer")[1].value).toBe("S2024/00586");
  });

  test("the block table: every check row adds up, and says OK", () => {
    const result = result2022();
    const { summary } = planWrite(args({ result }));
    const header = summary.cells.findIndex((r) => r[1]?.value === "Budget");
    expect(header).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) {
      const row = summary.cells[header + 1 + i].map((c) => c.value);
      const [name, budget, ladder, leftover, distributed, undistributed, overflow, check] = row;
      expect(name).toBe(result.blocks[i].name.sv);
      expect((ladder as number) + (leftover as number)).toBe(distributed);
      expect((distributed as number) + (undistributed as number)).toBe(budget);
      expect(overflow).toBe("Nej");
      expect(check).toBe("OK");
    }
    const sum = summary.cells[header + 4].map((c) => c.value);
    expect(sum[0]).toBe("Summa");
    expect(sum[1]).toBe(372_000_000);
    expect(sum[5]).toBe(10_000_000);
    expect(sum[7]).toBe("OK");
    expect(summary.cells[header + 1][1].numberFormat).toBe(KR_FORMAT);
  });

  test("a result that does not add up is flagged FEL", () => {
    const result = result2024();
    result.blocks[1] = { ...result.blocks[1], distributed: result.blocks[1].distributed - 1 };
    expect(blockCheck(result.blocks[1], result.regions)).toBe(false);
    const { summary } = planWrite(args({ result }));
    const row = summary.cells.find((r) => r[0]?.value === "Block 2 – Ytterligare utökning")!;
    expect(row[7].value).toBe("FEL");
    expect(rowStarting(summary, "Summa")[7].value).toBe("FEL");
  });

  test("the per-region table, its sum row and the chart ranges point at the right cells", () => {
    const result = result2024();
    const { summary } = planWrite(args({ result }));
    const chart = summary.chart!;
    expect(chart.type).toBe("bar");
    const [catFrom, catTo] = chart.categoriesRange.split(":").map(parseA1);
    const [valFrom, valTo] = chart.valuesRange.split(":").map(parseA1);
    expect(catTo.row - catFrom.row + 1).toBe(21);
    expect([valFrom.row, valTo.row]).toEqual([catFrom.row, catTo.row]);
    for (let i = 0; i < 21; i++) {
      expect(summary.cells[catFrom.row + i][catFrom.col].value).toBe(result.regions[i].region);
      expect(summary.cells[valFrom.row + i][valFrom.col].value).toBe(result.regions[i].total);
      expect(summary.cells[catFrom.row + i][0].value).toBe(result.regions[i].code);
    }
    const header = summary.cells[catFrom.row - 1].map((c) => c.value);
    expect(header[valFrom.col]).toBe("Summa");
    expect(chart.seriesName).toBe("Summa");
    expect(header.slice(0, 5)).toEqual([
      "Länskod",
      "Region",
      "Block 1 – Redovisa antal AT",
      "Block 2 – Ytterligare utökning",
      "Utökning block 2 (AT)",
    ]);
    // Traces, one column per block.
    expect(summary.cells[catFrom.row][header.indexOf("Förklaring block 2")].value).toBe(
      "spår block2 01",
    );
    // Sum row under the table.
    const sum = summary.cells[catTo.row + 1];
    expect(sum[0].value).toBe("Summa");
    expect(sum[valFrom.col].value).toBe(223_000_000);
    expect(sum[3].value).toBe(160_000_000);
    // The chart sits below everything written.
    expect(parseA1(chart.anchor).row).toBeGreaterThanOrEqual(summary.cells.length);
  });

  test("codes stay text", () => {
    const { summary } = planWrite(args());
    const code = summary.cells.find((r) => r[1]?.value === "Stockholm")![0];
    expect(code).toEqual({ value: "01", numberFormat: TEXT_FORMAT });
  });

  test("interpretations in force, default or not", () => {
    const { summary } = planWrite(args());
    const rounding = rowStarting(summary, "rounding").map((c) => c.value);
    expect(rounding).toEqual(["rounding", "half-up", "avrundning: halvt uppåt", "Nej"]);
    expect(rowStarting(summary, "range")[3].value).toBe("Ja");
  });

  test("issues are listed with cell and region; the engine's notices once", () => {
    const issues: Issue[] = [
      {
        severity: "warning",
        code: "x",
        sheet: SHEET,
        cell: "D7",
        region: "Skåne",
        message: { sv: "varning om Skåne", en: "warning on Skåne" },
      },
      {
        severity: "notice",
        code: "engine.block2",
        message: { sv: "motornotis", en: "engine notice" },
      },
    ];
    const result = result2024();
    result.notices = [
      { severity: "notice", block: "block2", message: { sv: "motornotis", en: "engine notice" } },
      { severity: "warning", block: "block1", message: { sv: "annan notis", en: "other notice" } },
    ];
    const { summary } = planWrite(args({ issues, result }));
    const warning = rowStarting(summary, "Varning").map((c) => c.value);
    expect(warning).toEqual(["Varning", "Blad1!D7", "Skåne", null, "varning om Skåne"]);
    const messages = summary.cells.map((r) => r[4]?.value);
    expect(messages.filter((m) => m === "motornotis")).toHaveLength(1);
    const other = summary.cells.find((r) => r[4]?.value === "annan notis")!;
    expect(other[3].value).toBe("Block 1 – Redovisa antal AT");
  });

  test("formula-looking texts stay string values, with the text format; no text is a formula", () => {
    const result = result2024();
    result.regions[0] = { ...result.regions[0], region: '=HYPERLINK("http://x")' };
    const issues: Issue[] = [
      { severity: "warning", code: "x", message: { sv: "=1+1", en: "=1+1" } },
      { severity: "notice", code: "y", region: "+46", message: { sv: "-2", en: "-2" } },
    ];
    const plan = planWrite(args({ result, issues, sourceName: "@fil.xlsx" }));
    const all = [
      ...plan.summary.cells.flat(),
      ...plan.columns.headers,
      ...plan.columns.rows.flat(),
    ];
    for (const cell of all) {
      const keys = cell.formula
        ? ["value", "formula", "numberFormat", "bold"]
        : ["value", "numberFormat", "bold"];
      expect(Object.keys(cell).every((k) => keys.includes(k))).toBe(true);
      // The only formulas are the planner's checks and sums: none carries a text of the user's.
      if (cell.formula) expect(cell.formula).not.toMatch(/HYPERLINK|=1\+1|\+46|@fil/);
      expect(
        ["string", "number", "boolean"].includes(typeof cell.value) || cell.value === null,
      ).toBe(true);
    }
    const texts = plan.summary.cells
      .flat()
      .filter((c) => typeof c.value === "string" && !c.formula);
    for (const value of ['=HYPERLINK("http://x")', "=1+1", "+46", "-2"]) {
      const cell = texts.find((c) => c.value === value);
      expect(cell).toEqual({ value, numberFormat: TEXT_FORMAT });
    }
    const source = rowStarting(plan.summary, "Läst område")[1];
    expect(source.value).toBe("@fil.xlsx – Blad1!A1:D23");
  });

  test("a sheet of the summary's name that is not ours gets a numbered name; ours is reused", () => {
    const workbook: WorkbookGrid = regionGrid();
    workbook.sheets.push({
      name: "AT-fördelning 2024",
      top: 0,
      left: 0,
      values: [["mina siffror"]],
      tables: [],
    });
    expect(planWrite(args({ workbook })).summary.sheetName).toBe("AT-fördelning 2024 (2)");
    workbook.sheets[1].values[0][0] = summaryTitle(2024, "en");
    expect(planWrite(args({ workbook })).summary.sheetName).toBe("AT-fördelning 2024");
    // The record alone does not make a sheet ours: it is replaced whole.
    workbook.sheets[1].values[0][0] = "mina siffror";
    workbook.owned = { ...planWrite(args()).ownership };
    expect(planWrite(args({ workbook })).summary.sheetName).toBe("AT-fördelning 2024 (2)");
  });

  test("column widths for every column used, within bounds", () => {
    const { summary } = planWrite(args());
    const used = Math.max(...summary.cells.map((r) => r.length));
    expect(summary.columnWidths).toHaveLength(used);
    expect(summary.columnWidths.every((w) => w >= 8 && w <= 60)).toBe(true);
    // Block names (column A of the block table) and region names (column B) fit.
    expect(summary.columnWidths[0]).toBeGreaterThanOrEqual("Block 2 – Ytterligare utökning".length);
    expect(summary.columnWidths[1]).toBeGreaterThanOrEqual("Jämtland Härjedalen".length);
  });
});

describe("helpers", () => {
  test("shortBlockName", () => {
    expect(shortBlockName("Block 2 – Ytterligare utökning")).toBe("block 2");
    expect(shortBlockName("Prognos")).toBe("prognos");
  });

  test("isoLocal has the local offset", () => {
    expect(isoLocal(NOW)).toMatch(/^2025-03-14T10:22:05[+-]\d\d:\d\d$/);
  });
});
