/**
 * Sending the batches of a write, and checking what came back:
 *
 * - one sync per batch (writeSteps.ts packs them under the 5 MB request limit);
 * - a batch that adds or deletes a sheet failing with GeneralException or InvalidSelection:
 *   another workbook had focus (SHEET_FOCUS), not "Excel reported an error";
 * - where the plan writes a formula, calculation is not suspended and the last batch ends
 *   with application.calculate, so the formulas show their values;
 * - every text written that starts with = + - @ is loaded back (valueTypes) in the batch that
 *   wrote it. Office.js does not document that the text format "@" keeps such a text a text;
 *   where it did not, the cells are written again with the leading apostrophe Excel takes for
 *   "this is text" (one more sync, only then), and a notice says which cells.
 */
import type { Text } from "../domain/ruleSet";
import { quoteSheet, toA1 } from "../workbook/a1";
import { errorCode, hostError, SHEET_FOCUS, type HostOperation } from "./errors";
import { queueBatch, type TextProbe } from "./queueSteps";
import { hasFormulas, type WriteStep } from "./writeSteps";

export interface BatchesResult {
  syncs: number;
  notices: Text[];
}

const changesSheets = (batch: WriteStep[]): boolean =>
  batch.some((s) => s.kind === "addSheet" || s.kind === "deleteSheet");

/** A sheet add/delete failing with these codes means another workbook had focus. */
function sheetFocusError(err: unknown, batch: WriteStep[], operation: HostOperation): unknown {
  const code = errorCode(err);
  if (!changesSheets(batch) || (code !== "GeneralException" && code !== "InvalidSelection")) {
    return err;
  }
  return hostError("SheetFocus", operation, SHEET_FOCUS, err);
}

const cellName = (p: TextProbe): string => `${quoteSheet(p.sheet)}!${toA1(p.row, p.col)}`;

/**
 * Rewrites, with the leading apostrophe, the texts Excel did not keep as text, in one sync,
 * and checks them again. A text still not a text after that is an error naming the cells.
 */
async function keepTexts(
  ctx: Excel.RequestContext,
  probes: TextProbe[],
  sheets: Map<string, Excel.Worksheet>,
  operation: HostOperation,
): Promise<Text | null> {
  const lost = probes.filter((p) => p.range.valueTypes[0][0] !== "String");
  if (lost.length === 0) return null;
  const again = lost.map((p) => {
    const ws = sheets.get(p.sheet.toLowerCase()) ?? ctx.workbook.worksheets.getItem(p.sheet);
    const cell = ws.getRangeByIndexes(p.row, p.col, 1, 1);
    cell.values = [["'" + p.text]];
    cell.load("values,valueTypes");
    return { ...p, range: cell };
  });
  await ctx.sync();
  const names = lost.map(cellName).join(", ");
  const still = again.filter(
    (p) => p.range.valueTypes[0][0] !== "String" || p.range.values[0][0] !== p.text,
  );
  if (still.length > 0) {
    throw hostError("TextNotKept", operation, {
      sv: `Excel gjorde text som börjar med = + - @ till något annat i ${still.map(cellName).join(", ")}. Kontrollera cellerna.`,
      en: `Excel turned text starting with = + - @ into something else in ${still.map(cellName).join(", ")}. Check the cells.`,
    });
  }
  return {
    sv: `Excel tog text som började med = + - @ för en formel i ${names}; den skrevs om med en inledande apostrof och är nu text.`,
    en: `Excel took text starting with = + - @ for a formula in ${names}; it was rewritten with a leading apostrophe and is text now.`,
  };
}

/** Sends the batches, one sync each, then keeps texts as texts. */
export async function sendBatches(
  ctx: Excel.RequestContext,
  batches: WriteStep[][],
  operation: HostOperation,
  onProgress?: (fraction: number) => void,
): Promise<BatchesResult> {
  const formulas = hasFormulas(batches.flat());
  const sheets = new Map<string, Excel.Worksheet>();
  const probes: TextProbe[] = [];
  let syncs = 0;
  for (let i = 0; i < batches.length; i++) {
    const last = i === batches.length - 1;
    probes.push(
      ...queueBatch(ctx, batches[i], sheets, {
        suspendCalculation: !formulas,
        calculate: formulas && last,
      }),
    );
    try {
      await ctx.sync();
    } catch (err) {
      throw sheetFocusError(err, batches[i], operation);
    }
    syncs++;
    onProgress?.((i + 1) / batches.length);
  }
  const notice = await keepTexts(ctx, probes, sheets, operation);
  return { syncs: syncs + (notice ? 1 : 0), notices: notice ? [notice] : [] };
}
