/**
 * Hand-made inputs for the write planner's tests: a region table grid, what the reader would
 * make of it, and allocation results whose numbers add up (written out, not computed by the
 * engine, so the planner is tested on its own).
 */
import { SWEDISH_REGIONS } from "../../src/domain/regions";
import { getRuleSet } from "../../src/domain/rules";
import type { AllocationResult, BlockResult, RegionResult } from "../../src/domain/types";
import type {
  CellValue,
  RegionTableRead,
  SheetGrid,
  WorkbookGrid,
  WritePlan,
} from "../../src/workbook/types";

export const SHEET = "Blad1";

/** A 2024-style table: header row 1, the 21 regions on rows 2–22, a "Summa" row 23 (A1:D23). */
export function regionGrid(extra?: (values: CellValue[][]) => void): WorkbookGrid {
  const values: CellValue[][] = [
    ["Region", "Folkmängd", "AT 2024", "Planerade AT 2024"],
    ...SWEDISH_REGIONS.map((r, i): CellValue[] => [r.name, 100000 + i, 50 + i, 48]),
    ["Summa", null, null, null],
  ];
  extra?.(values);
  return {
    sheets: [{ name: SHEET, top: 0, left: 0, values, tables: [] }],
    activeSheet: SHEET,
    owned: null,
  };
}

/** What the reader makes of regionGrid(): columns A–D, the Summa row skipped. */
export function regionRead(overrides: Partial<RegionTableRead> = {}): RegionTableRead {
  return {
    sheet: SHEET,
    range: "A1:D23",
    headerRow: 0,
    left: 0,
    right: 3,
    dataRows: [
      ...SWEDISH_REGIONS.map((r, i) => ({ row: i + 1, code: r.code })),
      { row: 22, code: null },
    ],
    columns: { region: 0, population: 1, at: 2, baseline: 3 },
    inputs: [],
    issues: [],
    ...overrides,
  };
}

interface BlockSpec {
  id: string;
  sv: string;
  en: string;
  budget: number;
  ladder: number;
  /** Amount per region code (others 0). */
  amounts: Record<string, number>;
  /** Ladder measure per region code, for ladder blocks. */
  measures?: Record<string, string>;
  undistributed?: number;
}

function build(
  year: number,
  title: string,
  reference: string,
  specs: BlockSpec[],
): AllocationResult {
  const blocks: BlockResult[] = specs.map((s) => {
    const distributed = Object.values(s.amounts).reduce((a, b) => a + b, 0);
    return {
      id: s.id,
      name: { sv: s.sv, en: s.en },
      kind: s.ladder > 0 || s.measures ? "ladder" : "proportional",
      budget: s.budget,
      ladder: s.ladder,
      leftover: distributed - s.ladder,
      distributed,
      undistributed: s.budget - distributed,
      roundingDifference: 0,
      overflow: false,
      eligibleCount: Object.keys(s.amounts).length,
      qualifiedCount: s.measures ? Object.keys(s.amounts).length : 0,
      explanation: { sv: `förklaring ${s.id}`, en: `explanation ${s.id}` },
    };
  });
  const regions: RegionResult[] = SWEDISH_REGIONS.map((r) => {
    const amounts = Object.fromEntries(specs.map((s) => [s.id, s.amounts[r.code] ?? 0]));
    const measures: Record<string, string | null> = {};
    const steps: Record<string, number | null> = {};
    for (const s of specs) {
      if (!s.measures) continue;
      measures[s.id] = s.measures[r.code] ?? "0";
      steps[s.id] = null;
    }
    return {
      code: r.code,
      region: r.name,
      blocks: amounts,
      total: Object.values(amounts).reduce((a, b) => a + b, 0),
      measures,
      steps,
      trace: Object.fromEntries(
        specs.map((s) => [s.id, { sv: `spår ${s.id} ${r.code}`, en: `trace ${s.id} ${r.code}` }]),
      ),
    };
  });
  return {
    year,
    title: { sv: title, en: title },
    reference,
    sources: getRuleSet(year)?.reference === reference ? getRuleSet(year)!.sources : [],
    budget: specs.reduce((a, s) => a + s.budget, 0),
    regions,
    blocks,
    interpretations: [
      {
        key: "range",
        value: "midpoint",
        isDefault: true,
        description: { sv: "intervall: mittpunkten", en: "ranges: the midpoint" },
      },
      {
        key: "rounding",
        value: "half-up",
        isDefault: false,
        description: { sv: "avrundning: halvt uppåt", en: "rounding: half up" },
      },
    ],
    notices: [],
  };
}

/** 2024: block 1 3 000 000 kr to each of 21; block 2 (ladder) to 01, 05 and 14. */
export function result2024(): AllocationResult {
  const all = Object.fromEntries(SWEDISH_REGIONS.map((r) => [r.code, 3_000_000]));
  return build(2024, "Prestationsbaserade medel 2024", "S2024/00586", [
    {
      id: "block1",
      sv: "Block 1 – Redovisa antal AT",
      en: "Block 1 – Report the number of AT posts",
      budget: 63_000_000,
      ladder: 0,
      amounts: all,
    },
    {
      id: "block2",
      sv: "Block 2 – Ytterligare utökning",
      en: "Block 2 – Further expansion",
      budget: 160_000_000,
      ladder: 54_500_000,
      amounts: { "01": 60_000_000, "05": 44_500_000, "14": 55_500_000 },
      measures: { "01": "10", "05": "4.5", "14": "16" },
    },
  ]);
}

/** 2022: three blocks, two of them ladders; 10 000 000 kr of block 3 undistributed. */
export function result2022(): AllocationResult {
  return build(2022, "Statsbidrag 2022", "S2022/00882", [
    {
      id: "block1",
      sv: "Block 1 – God nivå",
      en: "Block 1 – Good level",
      budget: 124_000_000,
      ladder: 0,
      amounts: { "04": 31_000_000, "05": 31_000_000, "06": 31_000_000, "07": 31_000_000 },
    },
    {
      id: "block2",
      sv: "Block 2 – Vidta tydlig förbättring",
      en: "Block 2 – Clear improvement",
      budget: 84_000_000,
      ladder: 10_000_000,
      amounts: { "01": 84_000_000 },
      measures: { "01": "13" },
    },
    {
      id: "block3",
      sv: "Block 3 – Ytterligare utökning",
      en: "Block 3 – Further expansion",
      budget: 164_000_000,
      ladder: 7_000_000,
      amounts: { "05": 90_000_000, "06": 64_000_000 },
      measures: { "05": "2", "06": "5" },
    },
  ]);
}

function sheetOf(grid: WorkbookGrid, name: string): SheetGrid {
  const s = grid.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** Sets one cell of a grid sheet (top/left 0), growing the block as needed. */
export function setGridCell(
  grid: WorkbookGrid,
  sheet: string,
  row: number,
  col: number,
  value: CellValue,
): void {
  const s = sheetOf(grid, sheet);
  while (s.values.length <= row) s.values.push([]);
  for (const r of s.values) while (r.length <= col) r.push(null);
  const width = Math.max(...s.values.map((r) => r.length));
  for (const r of s.values) while (r.length < width) r.push(null);
  s.values[row][col] = value;
}

/**
 * What a host does with a plan, on a grid (values only): clear, write the columns, keep the
 * record. Enough to plan the next run against.
 */
export function executeOnGrid(grid: WorkbookGrid, plan: WritePlan): WorkbookGrid {
  const next: WorkbookGrid = structuredClone(grid);
  for (const address of plan.clear) {
    const [sheetPart, a1] = address.split("!");
    const sheet = sheetPart.replace(/^'|'$/g, "");
    const [from, to] = a1.split(":");
    const cell = (a: string): [number, number] => {
      const m = /^([A-Z]+)(\d+)$/.exec(a)!;
      let col = 0;
      for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
      return [Number(m[2]) - 1, col - 1];
    };
    const [r0, c0] = cell(from);
    const [r1, c1] = cell(to ?? from);
    for (let r = r0; r <= r1; r++)
      for (let c = c0; c <= c1; c++) setGridCell(next, sheet, r, c, null);
  }
  const { sheet, headerRow, firstCol, headers, rows } = plan.columns;
  headers.forEach((h, i) => setGridCell(next, sheet, headerRow, firstCol + i, h.value));
  rows.forEach((row, r) =>
    row.forEach((cell, i) => setGridCell(next, sheet, headerRow + 1 + r, firstCol + i, cell.value)),
  );
  next.owned = plan.ownership;
  return next;
}
