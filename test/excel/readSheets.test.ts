/**
 * readWorkbook beyond the active sheet, against the fake Excel (which enforces load/sync and
 * counts syncs): the sheet the ownership record names, a rule sheet that is not active, the
 * other sheets up to a size limit — in three syncs whatever the number of rows or sheets.
 */
import { readAndAllocate } from "../../src/app/pipeline";
import { getRuleSet } from "../../src/domain/rules";
import { HostConflictError } from "../../src/app/host";
import { createExcelHost } from "../../src/excel/excelHost";
import { createFakeExcel, type FakeInitValue, type FakeSheetInit } from "../../src/excel/fake";
import {
  OTHER_SHEETS_CELL_BUDGET,
  sheetsToRead,
  type SheetBounds,
} from "../../src/excel/readBatch";
import { planWrite } from "../../src/workbook/planWrite";
import { TABLE_NOT_FOUND } from "../../src/workbook/readRegionTable";
import { isRuleSheet, readRuleSheet } from "../../src/workbook/ruleSheet/readRuleSheet";
import { ruleSheetRows } from "../../src/workbook/ruleSheet/writeRuleSheet";
import { OWNERSHIP_SHEET, type OwnershipRecord } from "../../src/workbook/types";
import { caseGrid } from "../taskpane/helpers";
import { handPlan, regionRows, regionSheet } from "./helpers";

const rules2024 = getRuleSet(2024)!;

function ruleSheet(name = "Regler"): FakeSheetInit {
  return { name, values: ruleSheetRows(rules2024).map((row) => row.map((c) => c.value)) };
}

function record(sheet: string, summarySheet: string): FakeSheetInit {
  const owned: OwnershipRecord = {
    version: 1,
    year: 2024,
    sheet,
    columnsRange: "E1:F22",
    headers: ["Block 1 (kr)", "Summa (kr)"],
    summarySheet,
    writtenAt: "2025-03-14T10:22:05+01:00",
  } as OwnershipRecord;
  return { name: OWNERSHIP_SHEET, visibility: "VeryHidden", values: [[JSON.stringify(owned)]] };
}

const summarySheet = (name: string): FakeSheetInit => ({
  name,
  values: [[`${name} – sammanställning`], [null], ["Regelverk", "x"]],
});

/** `cols` columns of numbers, `rows` rows: a sheet of rows × cols cells. */
function block(name: string, rows: number, cols = 4): FakeSheetInit {
  return {
    name,
    values: Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c): FakeInitValue => r * cols + c),
    ),
  };
}

describe("readWorkbook reads the sheets the run needs, not only the active one", () => {
  it("finds a rule sheet that is not active, and reads it back as the rule set written", async () => {
    const fake = createFakeExcel({
      sheets: [regionSheet(21), ruleSheet()],
      activeSheet: "Blad1",
    });
    const grid = await createExcelHost(fake.run).readWorkbook();
    expect(grid.activeSheet).toBe("Blad1");
    const sheets = grid.sheets.filter(isRuleSheet);
    expect(sheets.map((s) => s.name)).toEqual(["Regler"]);
    expect(readRuleSheet(sheets[0]).ruleSet).toEqual(rules2024);
    // The active sheet; the other sheets' bounds; the other sheets' cells.
    expect(fake.syncCount).toBe(3);
  });

  it("reads the region table the record names while the summary sheet is active (issue 13)", async () => {
    const values = caseGrid("2024-all-regions").sheets[0].values;
    const fake = createFakeExcel({
      sheets: [
        { name: "Regioner", values, tables: [{ name: "Tabell1", range: `A1:D${values.length}` }] },
        summarySheet("AT-fördelning 2024"),
        record("Regioner", "AT-fördelning 2024"),
      ],
      activeSheet: "AT-fördelning 2024",
    });
    const grid = await createExcelHost(fake.run).readWorkbook();
    expect(fake.syncCount).toBe(3);
    expect(grid.activeSheet).toBe("AT-fördelning 2024");
    const table = grid.sheets.find((s) => s.name === "Regioner")!;
    expect(table.values).toHaveLength(values.length);
    expect(table.tables).toEqual([
      { name: "Tabell1", top: 0, left: 0, rows: values.length, columns: 4 },
    ]);
    const outcome = readAndAllocate(grid, rules2024, {});
    expect(outcome.issues.filter((i) => i.code === TABLE_NOT_FOUND)).toEqual([]);
    expect(outcome.read?.sheet).toBe("Regioner");
    expect(outcome.read?.table).toBe("Tabell1");
    expect(outcome.hasErrors).toBe(false);
    // Nothing was selected or activated to read it.
    expect(fake.activeSheet()).toBe("AT-fördelning 2024");
  });

  it.each([
    [1, 21],
    [5, 21],
    [5, 5000],
    [40, 50],
  ])("takes three syncs for %i other sheets of %i rows", async (others, rows) => {
    const sheets: FakeSheetInit[] = [
      regionSheet(rows),
      ...Array.from({ length: others }, (_, i) => block(`Blad${i + 2}`, rows)),
      record(`Blad${others + 1}`, "Sammanställning"),
    ];
    const fake = createFakeExcel({ sheets, activeSheet: "Blad1" });
    const grid = await createExcelHost(fake.run).readWorkbook();
    expect(fake.syncCount).toBe(3);
    expect(fake.syncs.map((s) => s.error)).toEqual([undefined, undefined, undefined]);
    expect(grid.sheets).toHaveLength(1 + others);
    // The sheet the record names is read, whatever the budget.
    const named = grid.sheets.find((s) => s.name === `Blad${others + 1}`)!;
    expect(named.values).toHaveLength(rows);
    expect(named.values[rows - 1][3]).toBe(rows * 4 - 1);
  });

  it("reads the other sheets smallest first up to the budget, the record's sheets whatever their size", async () => {
    const over = Math.ceil(OTHER_SHEETS_CELL_BUDGET / 4) + 1; // rows of one sheet past the budget
    const fake = createFakeExcel({
      sheets: [
        summarySheet("AT-fördelning 2024"),
        block("Stor", over),
        block("Tabellen", over),
        ruleSheet(),
        block("Tom", 0),
        record("Tabellen", "AT-fördelning 2024"),
      ],
      activeSheet: "AT-fördelning 2024",
    });
    const grid = await createExcelHost(fake.run).readWorkbook();
    const rows = Object.fromEntries(grid.sheets.map((s) => [s.name, s.values.length]));
    expect(rows).toEqual({
      "AT-fördelning 2024": 3,
      Stor: 0, // past the budget, named by no record: listed, not read
      Tabellen: over,
      Regler: ruleSheetRows(rules2024).length,
      Tom: 0,
    });
    expect(fake.syncCount).toBe(3);
  });

  it("past the response limit reads the other sheets in row blocks, every response within it", async () => {
    const limit = 200_000;
    const fake = createFakeExcel({
      sheets: [
        summarySheet("AT-fördelning 2024"),
        regionSheet(5000, { name: "Regioner", tables: [{ name: "T", range: "A1:D5001" }] }),
        ruleSheet(),
        record("Regioner", "AT-fördelning 2024"),
      ],
      activeSheet: "AT-fördelning 2024",
      payloadLimitBytes: limit,
    });
    const grid = await createExcelHost(fake.run).readWorkbook();
    const table = grid.sheets.find((s) => s.name === "Regioner")!;
    expect(table.values).toEqual(regionRows(5000));
    expect(table.tables).toEqual([{ name: "T", top: 0, left: 0, rows: 5001, columns: 4 }]);
    expect(grid.sheets.find((s) => s.name === "Regler")!.values).toHaveLength(
      ruleSheetRows(rules2024).length,
    );
    const refused = fake.syncs.filter((s) => s.error === "ResponsePayloadSizeLimitExceeded");
    expect(refused.length).toBeGreaterThan(0);
    for (const s of fake.syncs.filter((s) => !s.error)) {
      expect(s.responseBytes).toBeLessThanOrEqual(limit);
    }
    // About two syncs per limit's worth of cells, never one per row.
    expect(fake.syncCount).toBeLessThan(20);
  });

  it.each([5, 30])(
    "past the response limit takes as many syncs with %i small sheets beside the record's large one",
    async (others) => {
      const sheets = (n: number): FakeSheetInit[] => [
        summarySheet("AT-fördelning 2024"),
        regionSheet(20000, { name: "Regioner" }),
        ...Array.from({ length: n }, (_, i) => block(`Liten${i + 1}`, 20)),
        record("Regioner", "AT-fördelning 2024"),
      ];
      const syncsFor = async (n: number) => {
        const fake = createFakeExcel({
          sheets: sheets(n),
          activeSheet: "AT-fördelning 2024",
          payloadLimitBytes: 1_000_000,
        });
        const grid = await createExcelHost(fake.run).readWorkbook();
        expect(grid.sheets.find((s) => s.name === "Regioner")!.values).toHaveLength(20001);
        expect(grid.sheets.find((s) => s.name === `Liten${n}`)!.values).toHaveLength(20);
        return fake.syncCount;
      };
      // The small sheets in one sync with the tables, the large one in row blocks.
      expect(await syncsFor(others)).toBe(await syncsFor(1));
    },
  );
});

describe("a write after a read made with another sheet active", () => {
  it("refuses where a target cell on the table's sheet got a value after the read", async () => {
    const fake = createFakeExcel({
      sheets: [regionSheet(21), summarySheet("AT-fördelning 2024")],
      activeSheet: "AT-fördelning 2024",
    });
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    fake.setValues("Blad1", "F7", [["skrivet sedan"]]);
    const before = fake.snapshot();
    const err = await host.writePlan(handPlan({ rows: 21 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostConflictError);
    expect((err as HostConflictError).cells).toEqual([{ sheet: "Blad1", cell: "F7" }]);
    expect(fake.snapshot()).toBe(before);
  });

  it("writes the allocation again over its own cells, compared with the table's sheet as read", async () => {
    const values = caseGrid("2024-all-regions").sheets[0].values;
    const fake = createFakeExcel({
      sheets: [
        { name: "Regioner", values, tables: [{ name: "T", range: `A1:D${values.length}` }] },
      ],
    });
    const host = createExcelHost(fake.run);
    const once = async () => {
      const workbook = await host.readWorkbook();
      const outcome = readAndAllocate(workbook, rules2024, {});
      const plan = planWrite({
        workbook,
        read: outcome.read!,
        result: outcome.result!,
        issues: outcome.issues,
        lang: "sv",
        now: new Date("2025-03-14T10:22:05+01:00"),
        sourceName: "regioner.xlsx",
      });
      expect(plan.conflicts).toEqual([]);
      await host.writePlan(plan);
    };
    await once();
    const written = fake.getValues("Regioner", "A1:H22");
    expect(written[1][7]).toBe(27349691); // Stockholm's total, as the golden case has it
    // The summary active: the table's sheet is read all the same, and the re-run goes through
    // (a look comparing those cells with the summary's as read refused every one of them).
    fake.select("AT-fördelning 2024", "A1");
    await expect(once()).resolves.toBeUndefined();
    expect(fake.getValues("Regioner", "A1:H22")).toEqual(written);
  });

  it("writes where the cells are as read", async () => {
    const fake = createFakeExcel({
      sheets: [regionSheet(21), summarySheet("AT-fördelning 2024")],
      activeSheet: "AT-fördelning 2024",
    });
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    await host.writePlan(handPlan({ rows: 21 }));
    expect(fake.getValue("Blad1", "F1")).not.toBeNull();
  });
});

describe("sheetsToRead", () => {
  const b = (name: string, rows: number, cols = 1): SheetBounds => ({
    name,
    top: 0,
    left: 0,
    rows,
    cols,
  });

  it("takes the record's sheets first (their names in any case), then the smallest, in workbook order", () => {
    const bounds = [b("A", 50), b("Tabell", 500), b("B", 10), b("C", 30), b("Summa", 400)];
    const owned = { sheet: "tabell", summarySheet: "SUMMA" } as OwnershipRecord;
    expect(sheetsToRead(bounds, owned, 40)).toEqual(["Tabell", "B", "C", "Summa"]);
    expect(sheetsToRead(bounds, owned, 39)).toEqual(["Tabell", "B", "Summa"]);
    expect(sheetsToRead(bounds, null, 0)).toEqual([]);
    expect(sheetsToRead(bounds, null, 1000)).toEqual(["A", "Tabell", "B", "C", "Summa"]);
  });

  it("stops at the first sheet past the budget, so that a larger one never jumps ahead", () => {
    expect(sheetsToRead([b("A", 30), b("B", 20), b("C", 25)], null, 50)).toEqual(["B", "C"]);
  });
});
