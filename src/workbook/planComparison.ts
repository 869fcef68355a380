/**
 * The comparison as a sheet a reviewer reads without the add-in ("Skriv jämförelse"): what is
 * compared with what, the one-line summary, per region before → after and the difference in
 * total and per block with the ladder step change, regions at 0 kr marked, the blocks' totals.
 * Plain values (no formulas), texts always texts, like the summary sheet.
 */
import type { Lang } from "../domain/ruleSet";
import { formatNumber } from "../domain/format";
import type { Comparison } from "../domain/whatif/compare";
import { shortName } from "../domain/whatif/compare";
import { KR_FORMAT, textCell } from "./plannedCells";
import { safeSheetName } from "./sheetNames";
import type { PlannedCell, SummaryPlan } from "./types";

/** A difference: signed, "+9 436 999 kr" / "−1 200 kr" / "0 kr". */
export const DIFF_FORMAT = '+#,##0 "kr";-#,##0 "kr";0 "kr"';

export interface ComparisonSheetArgs {
  comparison: Comparison;
  lang: Lang;
  /** What the baseline is: "Senast skriven 2025-03-14T10:22:05+01:00", "Fäst 10:41". */
  before: string;
  /** What the current allocation is, e.g. the time it was computed and the range read. */
  after: string;
}

const t = (lang: Lang, sv: string, en: string): string => (lang === "sv" ? sv : en);
const kr = (n: number, bold = false): PlannedCell => ({
  value: n,
  numberFormat: KR_FORMAT,
  ...(bold ? { bold } : {}),
});
const diff = (n: number, bold = false): PlannedCell => ({
  value: n,
  numberFormat: DIFF_FORMAT,
  ...(bold ? { bold } : {}),
});
const EMPTY: PlannedCell = { value: null };

export function comparisonSheetName(year: number, lang: Lang): string {
  return safeSheetName(`${t(lang, "Jämförelse", "Comparison")} ${year}`);
}

export function planComparisonSheet(args: ComparisonSheetArgs): SummaryPlan {
  const { comparison: c, lang } = args;
  const rows: PlannedCell[][] = [];
  const label = (s: string) => textCell(s, true);
  rows.push([
    textCell(
      t(
        lang,
        `AT-fördelning ${c.year} – vem vinner och vem förlorar`,
        `AT allocation ${c.year} – who gains and who loses`,
      ),
      true,
    ),
  ]);
  rows.push([]);
  rows.push([label(t(lang, "Före", "Before")), textCell(args.before)]);
  rows.push([label(t(lang, "Efter", "After")), textCell(args.after)]);
  rows.push([label(t(lang, "Sammanfattning", "Summary")), textCell(c.summary[lang])]);
  rows.push([]);

  const blocks = c.blocks;
  const stepBlocks = blocks.filter((b) =>
    c.regions.some((r) => r.steps.some((s) => s.block === b.id)),
  );
  rows.push(
    [
      t(lang, "Kod", "Code"),
      "Region",
      t(lang, "Före", "Before"),
      t(lang, "Efter", "After"),
      t(lang, "Skillnad", "Difference"),
      ...blocks.map((b) => `${t(lang, "Skillnad", "Difference")} ${shortName(b.name[lang])}`),
      ...stepBlocks.map((b) => `${t(lang, "Trappsteg", "Ladder step")} ${shortName(b.name[lang])}`),
      t(lang, "Anmärkning", "Remark"),
    ].map((h) => textCell(h, true)),
  );
  const none = t(lang, "inget", "none");
  const step = (x: number | null) => (x === null ? none : formatNumber(x, lang));
  for (const r of c.regions) {
    rows.push([
      textCell(r.code),
      textCell(r.region),
      kr(r.before),
      kr(r.after, r.fellToZero),
      diff(r.diff),
      ...blocks.map((b) => diff(r.blocks[b.id].diff)),
      ...stepBlocks.map((b) => {
        const s = r.steps.find((x) => x.block === b.id);
        return s ? textCell(`${step(s.before)} \u2192 ${step(s.after)}`) : EMPTY;
      }),
      r.fellToZero ? textCell(t(lang, "Får 0 kr", "Receives 0 kr"), true) : EMPTY,
    ]);
  }
  rows.push([
    EMPTY,
    label(t(lang, "Summa", "Total")),
    kr(c.total.before, true),
    kr(c.total.after, true),
    diff(c.total.diff, true),
    ...blocks.map((b) => diff(b.diff, true)),
  ]);
  rows.push([]);
  rows.push(
    [
      t(lang, "Block", "Block"),
      t(lang, "Före", "Before"),
      t(lang, "Efter", "After"),
      t(lang, "Skillnad", "Difference"),
    ].map((h) => textCell(h, true)),
  );
  for (const b of blocks)
    rows.push([textCell(b.name[lang]), kr(b.before), kr(b.after), diff(b.diff)]);
  rows.push([]);
  rows.push([
    textCell(
      t(
        lang,
        "Beräknat exakt i hela kronor av AT-fördelning. Bladet innehåller inga formler; skillnad = efter − före.",
        "Computed exactly in whole kronor by AT-fördelning. The sheet holds no formulas; difference = after − before.",
      ),
    ),
  ]);
  const width = Math.max(...rows.map((r) => r.length));
  const columnWidths = Array.from({ length: width }, (_, i) => (i === 0 ? 16 : i === 1 ? 20 : 16));
  return { sheetName: comparisonSheetName(c.year, lang), cells: rows, columnWidths };
}
