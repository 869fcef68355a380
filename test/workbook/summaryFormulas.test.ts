/**
 * The summary's formulas (issue 14) evaluated by a formula engine (fast-formula-parser, as the
 * fake Excel does) over the cells as planned: every cached value is what its formula computes,
 * in every case; an edited amount or input turns exactly the right cells. And the inputs'
 * fingerprint: what it covers, what it leaves out and says so, its exactness bound.
 */
import { calculate, calcKey, type CalcValue } from "../../src/excel/fake/calc";
import { inputFingerprint } from "../../src/workbook/fingerprint";
import { parseOwnership } from "../../src/workbook/ownership";
import { parseA1, toA1 } from "../../src/workbook/a1";
import { planWrite, type PlanWriteArgs } from "../../src/workbook/planWrite";
import type { WorkbookGrid, WritePlan } from "../../src/workbook/types";
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

/** The workbook after the plan ran (values only), with `edit` applied, calculated. */
function evaluate(
  plan: WritePlan,
  workbook: WorkbookGrid,
  edit: (grid: WorkbookGrid) => void = () => {},
): (a1: string) => CalcValue {
  const grid = executeOnGrid(workbook, plan);
  edit(grid);
  const summary = plan.summary;
  const formulas = summary.cells.flatMap((row, r) =>
    row.flatMap((c, col) => (c.formula ? [{ sheet: summary.sheetName, row: r, col }] : [])),
  );
  const isSummary = (s: string) => s.toLowerCase() === summary.sheetName.toLowerCase();
  const values = calculate(formulas, {
    formula: (s, r, c) => (isSummary(s) ? summary.cells[r]?.[c]?.formula : undefined),
    value: (s, r, c) => {
      if (isSummary(s)) return summary.cells[r]?.[c]?.value ?? null;
      const sheet = grid.sheets.find((x) => x.name.toLowerCase() === s.toLowerCase());
      const v = sheet?.values[r - sheet.top]?.[c - sheet.left] ?? null;
      return v !== null && typeof v === "object" ? ("error" in v ? v : { error: "#N/A" }) : v;
    },
    bounds: (s) => {
      if (isSummary(s)) return { rows: summary.cells.length, cols: 40 };
      const sheet = grid.sheets.find((x) => x.name.toLowerCase() === s.toLowerCase());
      return sheet ? { rows: sheet.top + sheet.values.length, cols: 40 } : null;
    },
  });
  return (a1) => {
    const { row, col } = parseA1(a1);
    return values.get(calcKey(summary.sheetName, row, col)) ?? null;
  };
}

function formulaAddresses(plan: WritePlan): string[] {
  return plan.summary.cells.flatMap((row, r) =>
    row.flatMap((c, col) => (c.formula ? [toA1(r, col)] : [])),
  );
}

const cached = (plan: WritePlan, a1: string) => {
  const { row, col } = parseA1(a1);
  return plan.summary.cells[row][col].value;
};

/** A result with a half-up rounding difference on block 2: distributed + undistributed + 3 = budget. */
function withRounding() {
  const result = result2024();
  const b = result.blocks[1];
  result.blocks[1] = { ...b, budget: b.budget + 3, roundingDifference: 3 };
  result.budget += 3;
  return result;
}

/** Block 2 says it distributed 1 kr less than its regions got. */
function notAddingUp() {
  const result = result2024();
  result.blocks[1] = { ...result.blocks[1], distributed: result.blocks[1].distributed - 1 };
  return result;
}

describe("every formula's cached value is what it computes", () => {
  const cases: [string, Partial<PlanWriteArgs>][] = [
    ["2024", {}],
    ["2022, three blocks", { result: result2022() }],
    ["English", { lang: "en" }],
    ["a rounding difference", { result: withRounding() }],
    ["a result that does not add up", { result: notAddingUp() }],
  ];
  test.each(cases)("%s", (_, overrides) => {
    const a = args(overrides);
    const plan = planWrite(a);
    const value = evaluate(plan, a.workbook);
    const addresses = formulaAddresses(plan);
    expect(addresses.length).toBeGreaterThan(20);
    for (const a1 of addresses) {
      expect({ a1, value: value(a1) }).toEqual({ a1, value: cached(plan, a1) });
    }
  });

  test("the rounding difference is part of the block's check; without it the check fails", () => {
    const plan = planWrite(args({ result: withRounding() }));
    const row = plan.summary.cells.findIndex(
      (r) => r[0]?.value === "Block 2 – Ytterligare utökning",
    );
    const check = plan.summary.cells[row][7];
    const rounding = plan.summary.cells.findIndex((r) => r[0]?.value === "Avrundningsdifferens");
    expect(check.formula).toContain(`+B${rounding + 1}=B${row + 1}`);
    expect(check.value).toBe("OK");
    const value = evaluate(plan, args().workbook, () => {
      plan.summary.cells[rounding][1] = { value: 0 };
    });
    expect(value(toA1(row, 7))).toBe("FEL");
  });

  test("a result that does not add up: its block, the sum row and the verdict say so", () => {
    const plan = planWrite(args({ result: notAddingUp() }));
    expect(cached(plan, "A2")).toMatch(/^2 kontroller stämmer inte — se rad \d+$/);
  });
});

describe("an edit after the run", () => {
  test("one amount: exactly its block's check and its region's check turn FEL", () => {
    const a = args();
    const plan = planWrite(a);
    const { firstCol } = plan.columns;
    const value = evaluate(plan, a.workbook, (grid) => {
      const s = grid.sheets[0];
      setGridCell(grid, SHEET, 5, firstCol + 1, (s.values[5][firstCol + 1] as number) + 1);
    });
    const checks = formulaAddresses(plan).filter((a1) => cached(plan, a1) === "OK");
    const failing = checks.filter((a1) => value(a1) === "FEL");
    const blockRow = plan.summary.cells.findIndex(
      (r) => r[0]?.value === "Block 2 – Ytterligare utökning",
    );
    // Sheet row 6 is the fifth region's.
    const name = a.workbook.sheets[0].values[5][0];
    const regionRow = plan.summary.cells.findIndex((r) => r[1]?.value === name);
    expect(failing).toEqual([toA1(blockRow, 7), toA1(regionRow, 6)]);
    expect(value("A2")).toBe(`2 kontroller stämmer inte — se rad ${blockRow + 1}`);
    expect(value("A3")).toBe("Inga ändringar i indatans tal sedan beräkningen");
  });

  test("a text typed into an amount is FEL, not an error the verdict would miss", () => {
    const a = args();
    const plan = planWrite(a);
    const value = evaluate(plan, a.workbook, (grid) => {
      setGridCell(grid, SHEET, 1, plan.columns.firstCol + 2 + 1, "x"); // a region's total
    });
    expect(value("A2")).toMatch(/^2 kontroller stämmer inte/);
  });

  test("an input: the inputs' line turns, the checks stay", () => {
    const a = args();
    const plan = planWrite(a);
    const value = evaluate(plan, a.workbook, (grid) => setGridCell(grid, SHEET, 3, 2, 999));
    expect(value("A3")).toBe("Indata har ändrats sedan beräkningen");
    expect(value("A2")).toBe("Alla kontroller stämmer");
    // Two inputs swapped: the weights tell them apart.
    const swapped = evaluate(plan, a.workbook, (grid) => {
      const s = grid.sheets[0];
      const [x, y] = [s.values[1][1], s.values[2][1]];
      setGridCell(grid, SHEET, 1, 1, y);
      setGridCell(grid, SHEET, 2, 1, x);
    });
    expect(swapped("A3")).toBe("Indata har ändrats sedan beräkningen");
    // A number in the skipped Summa row is no input: weight 0.
    const summa = evaluate(plan, a.workbook, (grid) => setGridCell(grid, SHEET, 22, 1, 5));
    expect(summa("A3")).toBe("Inga ändringar i indatans tal sedan beräkningen");
  });
});

describe("the inputs' fingerprint", () => {
  test("covers the numeric columns read, each read cell its own weight, the skipped row 0", () => {
    const fp = inputFingerprint(regionGrid(), regionRead());
    if (fp.formula === null) throw new Error("no fingerprint");
    expect(fp.covered).toEqual(["'Blad1'!B2:B23", "'Blad1'!C2:C23", "'Blad1'!D2:D23"]);
    const weights = Array.from({ length: 21 }, (_, i) => i + 1);
    expect(fp.formula).toContain(`SUMPRODUCT('Blad1'!B2:B23,{${[...weights, 0].join(";")}})`);
    expect(fp.formula).toContain(`{${[...weights.map((w) => w + 21), 0].join(";")}}`);
    // Σ w·v, exactly.
    let want = 0;
    for (let i = 0; i < 21; i++)
      want += (i + 1) * (100000 + i) + (i + 22) * (50 + i) + (i + 43) * 48;
    expect(fp.value).toBe(want);
    expect(fp.leftOut).toEqual([]);
  });

  test("a column with a decimal or a boolean is left out, and the summary says which", () => {
    const workbook = regionGrid((v) => {
      v[4][3] = 4.5;
      v[6][2] = true;
    });
    const fp = inputFingerprint(workbook, regionRead());
    if (fp.formula === null) throw new Error("no fingerprint");
    expect(fp.covered).toEqual(["'Blad1'!B2:B23"]);
    expect(fp.leftOut.map((l) => l.range)).toEqual(["C2:C23", "D2:D23"]);
    const plan = planWrite(args({ workbook }));
    const text = plan.summary.cells
      .flat()
      .find((c) => String(c.value).startsWith("Fingeravtrycket"));
    expect(text?.value).toMatch(/C2:C23 \(sanningsvärden.*D2:D23 \(tal som inte är heltal\)/);
    expect(text?.value).toMatch(/täcker tal, inte texter/);
  });

  test("past the exactness bound, no fingerprint: the line says why", () => {
    const workbook = regionGrid((v) => {
      v[1][1] = 2 ** 50;
    });
    expect(inputFingerprint(workbook, regionRead()).formula).toBeNull();
    const plan = planWrite(args({ workbook }));
    expect(plan.summary.cells[2][0]).toEqual({
      value: "Ändrade indata kan inte visas här: talen är för stora för en exakt summa i Excel.",
    });
    expect(plan.summary.cells[2][0].formula).toBeUndefined();
  });
});

describe("the ownership record's formula cells", () => {
  test("kept as a list of A1 addresses when read back; anything else there is dropped", () => {
    const plan = planWrite(args());
    const stored = JSON.stringify(plan.ownership);
    expect(parseOwnership(stored)?.formulas).toEqual(formulaAddresses(plan));
    const damaged = parseOwnership(JSON.stringify({ ...plan.ownership, formulas: [1, {}] }));
    expect(damaged).not.toBeNull();
    expect(damaged).not.toHaveProperty("formulas");
    expect(damaged?.summarySheet).toBe(plan.ownership.summarySheet);
  });
});
