/**
 * The marginal table as a small sheet with a chart ("what one more post is worth"): one row per
 * AT count, the amount per block and in total, the money per extra post, the ladder step with
 * new steps marked; the next step and the goal seek in words; a bar chart of the total by AT.
 */
import type { Lang } from "../domain/ruleSet";
import type { GoalSeek, MarginalTable } from "../domain/whatif/marginal";
import { shortName } from "../domain/whatif/compare";
import { rangeA1, toA1 } from "./a1";
import { KR_FORMAT, textCell } from "./plannedCells";
import { DIFF_FORMAT } from "./planComparison";
import { safeSheetName } from "./sheetNames";
import type { ChartSpec, PlannedCell, SummaryPlan } from "./types";

export interface MarginalSheetArgs {
  table: MarginalTable;
  year: number;
  /** The blocks, in the result's order. */
  blocks: readonly { id: string; name: { sv: string; en: string } }[];
  lang: Lang;
  goal?: GoalSeek;
}

const t = (lang: Lang, sv: string, en: string): string => (lang === "sv" ? sv : en);
const EMPTY: PlannedCell = { value: null };

export function marginalSheetName(region: string, year: number, lang: Lang): string {
  return safeSheetName(`${t(lang, "Marginal", "Marginal")} ${region} ${year}`);
}

export function planMarginalSheet(args: MarginalSheetArgs): SummaryPlan & { chart: ChartSpec } {
  const { table, lang } = args;
  const rows: PlannedCell[][] = [];
  rows.push([
    textCell(
      t(
        lang,
        `${table.region} ${args.year}: vad ett AT till är värt (allt annat lika)`,
        `${table.region} ${args.year}: what one more AT post is worth (all else equal)`,
      ),
      true,
    ),
  ]);
  rows.push([
    textCell(
      table.next
        ? table.next.text[lang]
        : t(lang, "Inget högre trappsteg inom tabellen", "No higher ladder step within the table"),
    ),
  ]);
  if (args.goal) rows.push([textCell(args.goal.text[lang])]);
  rows.push([]);
  const ladderIds = args.blocks
    .map((b) => b.id)
    .filter((id) => table.steps.some((s) => id in s.step));
  const nameOf = (id: string) => shortName(args.blocks.find((b) => b.id === id)!.name[lang]);
  const headerRow = rows.length;
  rows.push(
    [
      t(lang, "Ändring (AT)", "Change (AT)"),
      "AT",
      ...args.blocks.map((b) => shortName(b.name[lang])),
      t(lang, "Summa", "Total"),
      t(lang, "Per AT till", "Per extra post"),
      ...ladderIds.map((id) => `${t(lang, "Trappsteg", "Ladder step")} ${nameOf(id)}`),
      t(lang, "Nytt steg", "New step"),
    ].map((h) => textCell(h, true)),
  );
  for (const s of table.steps) {
    const now = s.delta === 0;
    rows.push([
      { value: s.delta, numberFormat: "+0;-0;0", ...(now ? { bold: true } : {}) },
      { value: s.at, ...(now ? { bold: true } : {}) },
      ...args.blocks.map((b) => ({ value: s.blocks[b.id] ?? 0, numberFormat: KR_FORMAT })),
      { value: s.total, numberFormat: KR_FORMAT, ...(now ? { bold: true } : {}) },
      s.perPost === null ? EMPTY : { value: s.perPost, numberFormat: DIFF_FORMAT },
      ...ladderIds.map((id) => (s.step[id] == null ? EMPTY : { value: s.step[id] })),
      s.newStep ? textCell(t(lang, "ja", "yes"), true) : EMPTY,
    ]);
  }
  const first = headerRow + 1;
  const last = headerRow + table.steps.length;
  const totalCol = 2 + args.blocks.length;
  const chart: ChartSpec = {
    type: "bar",
    title: t(
      lang,
      `${table.region}: summa per antal AT (kr)`,
      `${table.region}: total by AT posts (kr)`,
    ),
    categoriesRange: rangeA1(first, 1, last, 1),
    valuesRange: rangeA1(first, totalCol, last, totalCol),
    seriesName: t(lang, "Summa", "Total"),
    anchor: toA1(last + 2, 0),
    widthCols: 8,
    heightRows: 22,
  };
  const width = Math.max(...rows.map((r) => r.length));
  return {
    sheetName: marginalSheetName(table.region, args.year, lang),
    cells: rows,
    columnWidths: Array.from({ length: width }, (_, i) => (i < 2 ? 12 : 16)),
    chart,
  };
}
