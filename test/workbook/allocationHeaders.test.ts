/**
 * The allocation columns' headers without "(kr)" (issue 13): written without it, read back in
 * both forms (workbooks of earlier versions say "(kr)"), and never taken for an input column
 * by the region table's reader, even where a block's name reads like one ("Efter folkmängd").
 */
import fs from "node:fs";
import path from "node:path";
import { readAndAllocate } from "../../src/app/pipeline";
import { parseRuleSet } from "../../src/domain/parseRuleSet";
import { getRuleSet } from "../../src/domain/rules";
import type { RuleSet } from "../../src/domain/ruleSet";
import {
  isAllocationHeader,
  isBlockHeader,
  isTotalHeader,
} from "../../src/workbook/allocationHeaders";
import { planWrite } from "../../src/workbook/planWrite";
import { readWrittenAllocation } from "../../src/workbook/readWritten";
import type { CellValue, WorkbookGrid } from "../../src/workbook/types";
import { book, HEADER_2024, ROWS_2024, table } from "./grids";
import { executeOnGrid } from "./planFixtures";

const R2024 = getRuleSet(2024) as RuleSet;
const capacity = (): RuleSet =>
  parseRuleSet(
    JSON.parse(
      fs.readFileSync(
        path.resolve(__dirname, "../../examples/rule-sets/capacity-2025.json"),
        "utf8",
      ),
    ),
  );

function written(lang: "sv" | "en" = "sv"): WorkbookGrid {
  const grid = book(table(HEADER_2024, ROWS_2024));
  const outcome = readAndAllocate(grid, R2024, {});
  const plan = planWrite({
    workbook: grid,
    read: outcome.read!,
    result: outcome.result!,
    issues: outcome.issues,
    lang,
    now: new Date("2026-12-01T20:14:00+01:00"),
    sourceName: "regioner.xlsx",
  });
  return executeOnGrid(grid, plan);
}

test("the headers say no (kr): the cells below carry the kronor format", () => {
  const grid = written();
  expect(grid.owned!.headers).toEqual([
    "Block 1 – Redovisa antal AT",
    "Block 2 – Ytterligare utökning",
    "Utökning block 2 (AT)",
    "Summa",
  ]);
  const outcome = readAndAllocate(grid, R2024, {});
  const plan = planWrite({
    workbook: grid,
    read: outcome.read!,
    result: outcome.result!,
    issues: [],
    lang: "sv",
    now: new Date(),
    sourceName: "x",
  });
  // Every kronor column's cells say kr themselves.
  for (const i of [0, 1, 3]) {
    for (const row of plan.columns.rows) expect(row[i].numberFormat).toBe('#,##0 "kr"');
  }
  const summaryHeaders = plan.summary.cells
    .flat()
    .filter((c) => c.bold && typeof c.value === "string")
    .map((c) => c.value as string);
  expect(summaryHeaders.filter((h) => h.includes("(kr)"))).toEqual([]);
});

test("a workbook written by an earlier version, headers with (kr), is still read back", () => {
  const grid = written();
  const old = ["Block 1 – Redovisa antal AT (kr)", "Block 2 – Ytterligare utökning (kr)"];
  const headers = [...old, "Utökning block 2 (AT)", "Summa (kr)"];
  const sheet = grid.sheets[0];
  headers.forEach((h, i) => (sheet.values[0][4 + i] = h));
  grid.owned = { ...grid.owned!, headers };
  const now = readAndAllocate(grid, R2024, {});
  expect(now.result).not.toBeNull();
  const base = readWrittenAllocation(grid, now.read!, now.result!, R2024);
  if (!base.ok) throw new Error(JSON.stringify(base.issues));
  const halland = base.allocation.regions.find((r) => r.region === "Halland")!;
  const computed = now.result!.regions.find((r) => r.region === "Halland")!;
  expect(halland.total).toBe(computed.total);
  expect(halland.steps).toEqual(computed.steps);
  // A re-run over the old columns replaces them with the new headers, conflict-free.
  const plan = planWrite({
    workbook: grid,
    read: now.read!,
    result: now.result!,
    issues: [],
    lang: "sv",
    now: new Date(),
    sourceName: "x",
  });
  expect(plan.conflicts).toEqual([]);
  expect(plan.columns.firstCol).toBe(4);
  expect(plan.ownership.headers[0]).toBe("Block 1 – Redovisa antal AT");
});

test("the new headers are read back too, in English as well", () => {
  for (const lang of ["sv", "en"] as const) {
    const grid = written(lang);
    const now = readAndAllocate(grid, R2024, {});
    const base = readWrittenAllocation(grid, now.read!, now.result!, R2024);
    expect(base.ok).toBe(true);
  }
});

test("header recognition: both forms, numbered, either language", () => {
  const name = { sv: "Efter folkmängd", en: "By population" };
  for (const h of [
    "Efter folkmängd",
    "Efter folkmängd (kr)",
    "By population (2)",
    "By population (kr) (3)",
  ])
    expect(isBlockHeader(h, name)).toBe(true);
  expect(isBlockHeader("Folkmängd", name)).toBe(false);
  for (const h of ["Summa", "Total", "Summa (kr)", "Total (kr)", "Summa (2)"])
    expect(isTotalHeader(h)).toBe(true);
  expect(isTotalHeader("Summa AT")).toBe(false);
  expect(isAllocationHeader(42, [{ name }])).toBe(false);
});

describe("a block's name that reads like an input is never read as one", () => {
  const rows = (extra: (r: CellValue[], i: number) => CellValue[]) =>
    ROWS_2024.map((r, i) => extra([r[0]], i));

  test("the only population-like column is the tool's own 'Efter folkmängd': refused, not read", () => {
    // The record lost (the sheet copied to another workbook): only the header is left to tell.
    const values = table(
      ["Region", "Efter folkmängd"],
      rows((r, i) => [...r, 1000000 + i]),
    );
    const outcome = readAndAllocate(book(values), capacity(), {});
    expect(outcome.result).toBeNull();
    expect(outcome.issues.some((i) => i.severity === "error")).toBe(true);
    expect(outcome.read?.columns.population).toBeUndefined();
  });

  test("beside the user's Folkmängd, the tool's column is left alone", () => {
    const values = table(
      ["Region", "Folkmängd", "Efter folkmängd (kr)", "Efter folkmängd"],
      rows((r, i) => [...r, 100000 + i, 5, 6]),
    );
    const outcome = readAndAllocate(book(values), capacity(), {});
    expect(outcome.result).not.toBeNull();
    expect(outcome.read!.columns.population).toBe(1);
  });
});

test("one way of writing numbers per language on the summary sheet", () => {
  for (const lang of ["sv", "en"] as const) {
    const grid = book(table(HEADER_2024, ROWS_2024));
    const outcome = readAndAllocate(grid, R2024, {});
    const plan = planWrite({
      workbook: grid,
      read: outcome.read!,
      result: outcome.result!,
      issues: outcome.issues,
      lang,
      now: new Date("2026-12-01T20:14:00+01:00"),
      sourceName: "regioner.xlsx",
    });
    const texts = plan.summary.cells
      .flat()
      .filter((c) => typeof c.value === "string" && !c.formula)
      .map((c) => c.value as string);
    // An amount in words: Swedish groups thousands with a (no-break) space, English with a
    // comma; never the other way. (A rule set's own label, "AT per 100 000 inhabitants", is
    // quoted as the rule set has it.)
    const other =
      lang === "sv"
        ? /\d,\d{3}(,\d{3})*[\u00a0 ]kr/
        : /\d[\u00a0 ]\d{3}([\u00a0 ]\d{3})*[\u00a0 ]kr/;
    expect(texts.filter((s) => other.test(s))).toEqual([]);
    // The amounts are numbers in one format; Excel groups them by the user's locale.
    const formats = new Set(
      plan.summary.cells
        .flat()
        .filter((c) => typeof c.value === "number" && c.numberFormat?.includes("kr"))
        .map((c) => c.numberFormat),
    );
    expect([...formats]).toEqual(['#,##0 "kr"']);
  }
});
