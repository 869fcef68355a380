/**
 * A workbook edited between two runs: columns and rows inserted around and inside the table
 * after a first write. The second run must read every input column (never cut the table at a
 * stale address from the record), find its own columns by what it wrote, and replace them
 * without a false conflict.
 */
import fc from "fast-check";
import { readAndAllocate } from "../../src/app/pipeline";
import { getRuleSet } from "../../src/domain/rules";
import type { RuleSet } from "../../src/domain/ruleSet";
import { planWrite } from "../../src/workbook/planWrite";
import type { CellValue, WorkbookGrid } from "../../src/workbook/types";
import { book, HEADER_2024, ROWS_2024, table } from "./grids";
import { executeOnGrid } from "./planFixtures";

const R2024 = getRuleSet(2024) as RuleSet;

function run(wb: WorkbookGrid) {
  const outcome = readAndAllocate(wb, R2024, {});
  expect(outcome.issues.filter((i) => i.severity === "error")).toEqual([]);
  const plan = planWrite({
    workbook: wb,
    read: outcome.read!,
    result: outcome.result!,
    issues: outcome.issues,
    lang: "sv",
    now: new Date(2026, 11, 1),
    sourceName: "test.xlsx",
    ruleSet: R2024,
  });
  const totals = Object.fromEntries(outcome.result!.regions.map((r) => [r.region, r.total]));
  return { outcome, plan, totals };
}

const insertColumn = (
  wb: WorkbookGrid,
  at: number,
  header: CellValue,
  fill: (row: number) => CellValue,
) => {
  wb.sheets[0].values.forEach((r, i) => r.splice(at, 0, i === 0 ? header : fill(i)));
};
const insertRow = (wb: WorkbookGrid, at: number) => {
  const width = wb.sheets[0].values[0].length;
  wb.sheets[0].values.splice(at, 0, new Array<CellValue>(width).fill(null));
};

describe("edited between runs", () => {
  test("a column inserted left of the table", () => {
    const first = run(book(table(HEADER_2024, ROWS_2024)));
    const after = executeOnGrid(book(table(HEADER_2024, ROWS_2024)), first.plan);
    insertColumn(after, 0, "Anteckning", () => null);
    const second = run(after);
    expect(second.totals).toEqual(first.totals);
    expect(second.outcome.read!.columns.at).toBe(3);
    expect(second.plan.conflicts).toEqual([]);
    expect(second.plan.columns.firstCol).toBe(5);
  });

  test('a "Redan ersatta AT 2023" column inserted inside the table is read', () => {
    const rewarded = (row: number) => (row === 1 ? 10 : 0); // Stockholm
    const first = run(book(table(HEADER_2024, ROWS_2024)));
    const after = executeOnGrid(book(table(HEADER_2024, ROWS_2024)), first.plan);
    insertColumn(after, 4, "Redan ersatta AT 2023", rewarded);
    const second = run(after);
    // The same as the plain table with that column.
    const plain = table(
      [...HEADER_2024, "Redan ersatta AT 2023"],
      ROWS_2024.map((r, i) => [...r, rewarded(i + 1)]),
    );
    const expected = run(book(plain));
    expect(second.totals).toEqual(expected.totals);
    expect(second.totals.Stockholm).not.toBe(first.totals.Stockholm);
    expect(second.outcome.read!.columns.rewarded).toBe(4);
    expect(second.plan.conflicts).toEqual([]);
    expect(second.plan.columns.firstCol).toBe(5);
  });

  test("a row inserted inside the table after a run is no conflict", () => {
    const first = run(book(table(HEADER_2024, ROWS_2024)));
    const after = executeOnGrid(book(table(HEADER_2024, ROWS_2024)), first.plan);
    insertRow(after, 8);
    const second = run(after);
    expect(second.totals).toEqual(first.totals);
    expect(second.plan.conflicts).toEqual([]);
    // Every region's amount lands on its own row.
    const totalCol = second.plan.columns.headers.length - 1;
    const stockholm = second.plan.columns.rows[0][totalCol].value;
    expect(stockholm).toBe(first.totals.Stockholm);
  });

  test("a row inserted above the table moves everything: still ours", () => {
    const first = run(book(table(HEADER_2024, ROWS_2024)));
    const after = executeOnGrid(book(table(HEADER_2024, ROWS_2024)), first.plan);
    insertRow(after, 0);
    const second = run(after);
    expect(second.totals).toEqual(first.totals);
    expect(second.plan.conflicts).toEqual([]);
    expect(second.plan.columns.headerRow).toBe(1);
  });
});

describe("property: what is put around a table never changes an amount", () => {
  const base = run(book(table(HEADER_2024, ROWS_2024))).totals;
  const edit = fc.oneof(
    fc.record({ kind: fc.constant("blankRow" as const), at: fc.integer({ min: 1, max: 22 }) }),
    fc.record({ kind: fc.constant("subheading" as const), at: fc.integer({ min: 1, max: 22 }) }),
    fc.record({ kind: fc.constant("column" as const), at: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ kind: fc.constant("rowAbove" as const), at: fc.constant(0) }),
  );
  test("blank rows, subheadings and unrelated columns: read the same, or refused", () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const wb = book(table(HEADER_2024, ROWS_2024));
        let headerRow = 0;
        for (const e of edits) {
          const width = wb.sheets[0].values[0].length;
          if (e.kind === "column") {
            insertColumn(wb, e.at, null, () => null);
            wb.sheets[0].values[headerRow][e.at] = `Anteckning ${e.at}`;
          } else if (e.kind === "rowAbove") {
            insertRow(wb, 0);
            headerRow++;
          } else {
            const at = Math.min(headerRow + e.at, wb.sheets[0].values.length);
            const row = new Array<CellValue>(width).fill(null);
            if (e.kind === "subheading") {
              const regionCol = wb.sheets[0].values[headerRow].indexOf("Region");
              row[regionCol] = "Norra sjukvårdsregionen";
            }
            wb.sheets[0].values.splice(at, 0, row);
          }
        }
        const outcome = readAndAllocate(wb, R2024, {});
        if (outcome.hasErrors) {
          expect(outcome.issues.some((i) => i.severity === "error" && i.cell)).toBe(true);
          return;
        }
        const totals = Object.fromEntries(outcome.result!.regions.map((r) => [r.region, r.total]));
        expect(totals).toEqual(base);
      }),
      { numRuns: 150 },
    );
  });
});
