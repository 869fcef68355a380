/**
 * The summary's chart for a large table (issue 13: "the chart of a 5 000-row table stays
 * readable"): every region up to CHART_ALL_UP_TO, above that the CHART_TOP largest, from a
 * small table of formulas over the per-region table, with a line saying what is shown.
 */
import { parseA1, toA1 } from "../../src/workbook/a1";
import { planWrite } from "../../src/workbook/planWrite";
import { CHART_ALL_UP_TO, CHART_TOP } from "../../src/workbook/summarySheet";
import type {
  CellValue,
  RegionTableRead,
  SummaryPlan,
  WorkbookGrid,
} from "../../src/workbook/types";
import type { AllocationResult } from "../../src/domain/types";
import { result2024 } from "./planFixtures";

/** A result of n regions, one block, the totals scrambled so the largest are spread out. */
function big(n: number): {
  workbook: WorkbookGrid;
  read: RegionTableRead;
  result: AllocationResult;
} {
  const base = result2024();
  const block = { ...base.blocks[0], kind: "proportional" as const, ladder: 0 };
  const totals = Array.from({ length: n }, (_, i) => 1000 + ((i * 7919) % n) * 10);
  // Two regions tie for the top: the table's order decides.
  totals[n - 1] = totals[3] = 1_000_000;
  const distributed = totals.reduce((a, b) => a + b, 0);
  const result: AllocationResult = {
    ...base,
    budget: distributed,
    blocks: [
      { ...block, budget: distributed, leftover: distributed, distributed, undistributed: 0 },
    ],
    regions: totals.map((t, i) => ({
      code: `R${i}`,
      region: `Område ${i}`,
      blocks: { [block.id]: t },
      total: t,
      measures: {},
      steps: {},
      trace: {},
    })),
  };
  const values: CellValue[][] = [
    ["Region", "Folkmängd"],
    ...totals.map((_, i): CellValue[] => [`Område ${i}`, 1000 + i]),
  ];
  const workbook: WorkbookGrid = {
    sheets: [{ name: "Blad1", top: 0, left: 0, values, tables: [] }],
    activeSheet: "Blad1",
    owned: null,
  };
  const read: RegionTableRead = {
    sheet: "Blad1",
    range: `A1:B${n + 1}`,
    headerRow: 0,
    left: 0,
    right: 1,
    dataRows: totals.map((_, i) => ({ row: i + 1, code: `R${i}` })),
    columns: { region: 0, population: 1 },
    inputs: [],
    issues: [],
  };
  return { workbook, read, result };
}

function plan(n: number, lang: "sv" | "en" = "sv"): SummaryPlan {
  const { workbook, read, result } = big(n);
  return planWrite({
    workbook,
    read,
    result,
    issues: [],
    lang,
    now: new Date("2026-12-01T20:14:00+01:00"),
    sourceName: "stor.xlsx",
  }).summary;
}

const cellsOf = (s: SummaryPlan, range: string) => {
  const [a, b] = range.split(":").map(parseA1);
  const out = [];
  for (let r = a.row; r <= b.row; r++) out.push(s.cells[r][a.col]);
  return out;
};

test(`up to ${CHART_ALL_UP_TO} regions the chart shows each, straight over the per-region table`, () => {
  const s = plan(CHART_ALL_UP_TO);
  expect(cellsOf(s, s.chart!.categoriesRange).map((c) => c.value)).toEqual(
    Array.from({ length: CHART_ALL_UP_TO }, (_, i) => `Område ${i}`),
  );
  expect(s.cells.some((r) => r[0]?.value === "Diagrammets underlag")).toBe(false);
});

test("5 000 regions: the chart shows the 25 largest, says so, and follows the per-region table", () => {
  const n = 5000;
  const s = plan(n);
  const chart = s.chart!;
  const names = cellsOf(s, chart.categoriesRange);
  const totals = cellsOf(s, chart.valuesRange);
  expect(names).toHaveLength(CHART_TOP);
  expect(totals).toHaveLength(CHART_TOP);
  // The largest, in descending order; the tie in the table's order.
  const { result } = big(n);
  const expected = [...result.regions]
    .map((r, i) => ({ r, i }))
    .sort((x, y) => y.r.total - x.r.total || x.i - y.i)
    .slice(0, CHART_TOP);
  expect(names.map((c) => c.value)).toEqual(expected.map((e) => e.r.region));
  expect(totals.map((c) => c.value)).toEqual(expected.map((e) => e.r.total));
  expect(names.slice(0, 2).map((c) => c.value)).toEqual(["Område 3", "Område 4999"]);
  // Each a formula over its region's row of the per-region table.
  const regionHeader = s.cells.findIndex((r) => r[0]?.value === "Länskod");
  expected.forEach((e, k) => {
    const row = regionHeader + 1 + e.i;
    expect(s.cells[row][1].value).toBe(e.r.region);
    expect(names[k].formula).toBe(`=${toA1(row, 1)}`);
    expect(totals[k].formula).toMatch(new RegExp(`^=[A-Z]+${row + 1}$`));
    expect(totals[k].numberFormat).toBe('#,##0 "kr"');
  });
  // A line says what is shown, with the thousands grouped the Swedish way.
  const texts = s.cells.flat().map((c) => c.value);
  expect(texts).toContain(
    "Diagrammet visar de 25 största av 5\u00a0000 regionerna (högst summa); alla står i tabellen Per region ovan.",
  );
  expect(chart.title).toBe("Summa per region 2024 (kr), de 25 största av 5\u00a0000");
  expect(parseA1(chart.anchor).row).toBeGreaterThanOrEqual(s.cells.length);
});

test("in English the line and the title say the same", () => {
  const s = plan(5000, "en");
  expect(s.chart!.title).toBe("Total per region 2024 (kr), the 25 largest of 5,000");
  expect(s.cells.flat().map((c) => c.value)).toContain(
    "The chart shows the 25 largest of the 5,000 regions (highest total); every region is in the Per region table above.",
  );
});
