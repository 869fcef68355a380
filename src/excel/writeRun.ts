/**
 * Sending the batches of a write, and checking what came back:
 *
 * - one sync per batch (writeSteps.ts packs them under the 5 MB request limit, by its own
 *   estimate); a batch Excel still refuses as too large (RequestPayloadSizeLimitExceeded:
 *   refused whole, nothing of it ran) is packed again at half the budget and sent again;
 * - a batch that adds or deletes a sheet failing with GeneralException or InvalidSelection:
 *   another workbook had focus (SHEET_FOCUS), not "Excel reported an error";
 * - where the plan writes a formula, calculation is not suspended and the last batch ends
 *   with application.calculate, so the formulas show their values;
 * - every text written that starts with = + - @ is loaded back (valueTypes) in the batch that
 *   wrote it. Office.js does not document that the text format "@" keeps such a text a text;
 *   where it did not, the cells are written again with the leading apostrophe Excel takes for
 *   "this is text" (one more sync, only then), and a notice says which cells;
 * - the columns written beside the user's table are loaded back in the batch that wrote them
 *   and compared: a value Excel did not keep (swallowed by a merge the look could not see,
 *   before ExcelApi 1.13) is an error naming the cells, never a silent gap;
 * - a cells batch failing with a bare InvalidOperation names the two causes seen: a cell
 *   being edited, merged cells in the way.
 */
import type { Text } from "../domain/ruleSet";
import { quoteSheet, toA1 } from "../workbook/a1";
import { errorCode, hostError, SHEET_FOCUS, type HostOperation } from "./errors";
import { queueBatch, type TextProbe, type ValuesProbe } from "./queueSteps";
import {
  BATCH_BUDGET_BYTES,
  hasFormulas,
  looksLikeFormula,
  packBatches,
  type WriteStep,
} from "./writeSteps";

/** Below this, a batch Excel refuses as too large is not cut further. */
const MIN_BUDGET_BYTES = 50_000;

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

const cellName = (p: { sheet: string; row: number; col: number }): string =>
  `${quoteSheet(p.sheet)}!${toA1(p.row, p.col)}`;

/** A bare InvalidOperation on writing cells: an open cell edit, or merged cells in the way. */
function cellsRefused(err: unknown, batch: WriteStep[], operation: HostOperation): unknown {
  if (errorCode(err) !== "InvalidOperation" || !batch.some((s) => s.kind === "cells")) return err;
  return hostError(
    "InvalidOperation",
    operation,
    {
      sv: "Excel kunde inte skriva cellerna. Avsluta redigeringen av cellen först om du skriver i en (Enter eller Esc); ligger sammanfogade celler där resultatet ska skrivas, dela upp dem. Försök sedan igen.",
      en: "Excel could not write the cells. Finish editing the cell first if you are typing in one (Enter or Esc); if merged cells lie where the result goes, unmerge them. Then try again.",
    },
    err,
  );
}

/** The cells whose value read back is not the one written (formula-like texts aside). */
function valuesNotKept(probes: ValuesProbe[]): { sheet: string; row: number; col: number }[] {
  const lost: { sheet: string; row: number; col: number }[] = [];
  for (const { step, range } of probes) {
    step.values.forEach((line, r) =>
      line.forEach((wrote, c) => {
        // An apostrophe first is Excel's text prefix, not part of the value read back.
        if (wrote === null || looksLikeFormula(wrote)) return;
        if (typeof wrote === "string" && wrote.startsWith("'")) return;
        if (range.values[r]?.[c] !== wrote) {
          lost.push({ sheet: step.sheet, row: step.top + r, col: step.left + c });
        }
      }),
    );
  }
  return lost;
}

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
  const still = again.filter((p) => p.range.valueTypes[0][0] !== "String");
  // A host that keeps the apostrophe in the value (cf. office-js#6687) still has a text.
  const prefixed = again.filter((p) => !still.includes(p) && p.range.values[0][0] !== p.text);
  if (still.length > 0) {
    throw hostError("TextNotKept", operation, {
      sv: `Excel gjorde text som börjar med = + - @ till något annat i ${still.map(cellName).join(", ")}. Kontrollera cellerna.`,
      en: `Excel turned text starting with = + - @ into something else in ${still.map(cellName).join(", ")}. Check the cells.`,
    });
  }
  const kept =
    prefixed.length === 0
      ? { sv: "", en: "" }
      : {
          sv: ` Excel visar apostrofen i värdet i ${prefixed.map(cellName).join(", ")}.`,
          en: ` Excel shows the apostrophe in the value in ${prefixed.map(cellName).join(", ")}.`,
        };
  return {
    sv: `Excel tog text som började med = + - @ för en formel i ${names}; den skrevs om med en inledande apostrof och är nu text.${kept.sv}`,
    en: `Excel took text starting with = + - @ for a formula in ${names}; it was rewritten with a leading apostrophe and is text now.${kept.en}`,
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
  const written: ValuesProbe[] = [];
  // Batches still to send, each with the budget it was packed for.
  const todo = batches.map((batch) => ({ batch, budget: BATCH_BUDGET_BYTES }));
  let done = 0;
  let syncs = 0;
  while (todo.length > 0) {
    const { batch, budget } = todo.shift()!;
    // Sheet proxies made in a refused request are not to be used again.
    const known = new Map(sheets);
    const queued = queueBatch(ctx, batch, sheets, {
      suspendCalculation: !formulas,
      calculate: formulas && todo.length === 0,
    });
    try {
      syncs++;
      await ctx.sync();
    } catch (err) {
      const half = Math.floor(budget / 2);
      if (errorCode(err) === "RequestPayloadSizeLimitExceeded" && half >= MIN_BUDGET_BYTES) {
        sheets.clear();
        for (const [k, v] of known) sheets.set(k, v);
        todo.unshift(...packBatches(batch, half).map((b) => ({ batch: b, budget: half })));
        continue;
      }
      throw cellsRefused(sheetFocusError(err, batch, operation), batch, operation);
    }
    probes.push(...queued.texts);
    written.push(...queued.values);
    done++;
    onProgress?.(done / (done + todo.length));
  }
  const lost = valuesNotKept(written);
  if (lost.length > 0) {
    const names = lost.slice(0, 10).map(cellName).join(", ");
    const more = lost.length > 10 ? ` (+${lost.length - 10})` : "";
    throw hostError("ValuesNotKept", operation, {
      sv: `Excel behöll inte värdet som skrevs i ${names}${more}: troligen sammanfogade celler. Dela upp dem och skriv igen.`,
      en: `Excel did not keep the value written in ${names}${more}: merged cells, most likely. Unmerge them and write again.`,
    });
  }
  const notice = await keepTexts(ctx, probes, sheets, operation);
  return { syncs: syncs + (notice ? 1 : 0), notices: notice ? [notice] : [] };
}
