/**
 * Writing and clearing live mode's "out of date" mark (workbook/planStale.ts) in Excel. Each
 * in one batch: the mark's cells are few. Clearing looks first (one sync) and clears only the
 * cells that still hold our mark's text, so a user's entry typed over it is kept.
 */
import { isMarkText, type MarkCell } from "../workbook/planStale";
import type { ExcelRun } from "./errors";

export async function writeMarks(run: ExcelRun, cells: readonly MarkCell[]): Promise<number> {
  if (cells.length === 0) return 0;
  return run(
    async (ctx) => {
      for (const c of cells) {
        const range = ctx.workbook.worksheets.getItem(c.sheet).getRange(c.cell);
        // The text format first: a mark is text, never a formula.
        range.numberFormat = [[c.value.numberFormat ?? "@"]];
        range.values = [[c.value.value]];
        if (c.value.bold) range.format.font.bold = true;
      }
      await ctx.sync();
      return 1;
    },
    { delayForCellEdit: true },
  );
}

/** Clears the cells that still hold the mark; returns the syncs taken. */
export async function clearMarks(
  run: ExcelRun,
  places: readonly { sheet: string; cell: string }[],
): Promise<number> {
  if (places.length === 0) return 0;
  return run(
    async (ctx) => {
      const ranges = places.map((p) => {
        const r = ctx.workbook.worksheets.getItem(p.sheet).getRange(p.cell);
        r.load("values");
        return r;
      });
      await ctx.sync();
      const ours = ranges.filter((r) => isMarkText(r.values[0]?.[0]));
      if (ours.length === 0) return 1;
      for (const r of ours) {
        r.clear("Contents");
        r.numberFormat = [["General"]];
        r.format.font.bold = false;
      }
      await ctx.sync();
      return 2;
    },
    { delayForCellEdit: true },
  );
}
