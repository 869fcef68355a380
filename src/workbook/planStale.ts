/**
 * The "out of date" mark of live mode: while an error stands nothing is rewritten, so the
 * figures the workbook shows are those of the last good inputs. A banner on the summary sheet
 * (A4, the empty row under the verdict and the inputs line) and a note on the columns' header row, one empty column
 * right of them, say so; both go when the figures are current again. Pure: where the mark goes,
 * what it says, and which cells hold it now (only a cell holding our exact text is ever
 * cleared — the user's cells are never touched).
 */
import type { Lang, Text } from "../domain/ruleSet";
import { parseA1, toA1 } from "./a1";
import { TEXT_FORMAT } from "./plannedCells";
import type { CellValue, PlannedCell, WorkbookGrid } from "./types";

export interface MarkCell {
  sheet: string;
  /** A1 within the sheet. */
  cell: string;
  value: PlannedCell;
}

const BANNER: Text = {
  sv: "INAKTUELLT: indata har ändrats och har fel — beloppen nedan gäller de senast godkända indata. Rätta felen (se AT-fördelning) så skrivs de om.",
  en: "OUT OF DATE: the inputs have changed and have errors — the amounts below are those of the last valid inputs. Correct the errors (see AT-fördelning) and they are rewritten.",
};
const NOTE: Text = {
  sv: "\u2190 INAKTUELLT: kolumnerna gäller inte nuvarande indata (fel i indata)",
  en: "\u2190 OUT OF DATE: the columns do not follow the current inputs (input errors)",
};

const MARK_TEXTS = new Set([BANNER.sv, BANNER.en, NOTE.sv, NOTE.en]);

/** Whether a cell's value is one of the mark's own texts. */
export function isMarkText(value: unknown): boolean {
  return typeof value === "string" && MARK_TEXTS.has(value);
}

function valueAt(grid: WorkbookGrid, sheet: string, a1: string): CellValue | undefined {
  const s = grid.sheets.find((x) => x.name.toLowerCase() === sheet.toLowerCase());
  if (!s) return undefined;
  const { row, col } = parseA1(a1);
  return s.values[row - s.top]?.[col - s.left] ?? null;
}

/** Where the mark goes: the banner cell and the note cell, from the ownership record. */
export function markPlaces(
  grid: WorkbookGrid,
): { sheet: string; cell: string; kind: "banner" | "note" }[] {
  const owned = grid.owned;
  if (!owned) return [];
  const out: { sheet: string; cell: string; kind: "banner" | "note" }[] = [];
  if (grid.sheets.some((s) => s.name.toLowerCase() === owned.summarySheet.toLowerCase())) {
    out.push({ sheet: owned.summarySheet, cell: "A4", kind: "banner" });
  }
  const [, end = owned.columnsRange.split(":")[0]] = owned.columnsRange.split(":");
  const first = parseA1(owned.columnsRange.split(":")[0]);
  const last = parseA1(end);
  out.push({ sheet: owned.sheet, cell: toA1(first.row, last.col + 2), kind: "note" });
  return out;
}

/**
 * The cells that mark the written figures as out of date. A place that holds anything but our
 * own mark is left alone (the mark is then shown in the task pane only).
 */
export function planStaleMark(grid: WorkbookGrid, lang: Lang): MarkCell[] {
  return markPlaces(grid)
    .filter((p) => {
      const v = valueAt(grid, p.sheet, p.cell);
      return v !== undefined && (v === null || isMarkText(v));
    })
    .map((p) => ({
      sheet: p.sheet,
      cell: p.cell,
      value: {
        value: (p.kind === "banner" ? BANNER : NOTE)[lang],
        bold: true,
        numberFormat: TEXT_FORMAT,
      },
    }));
}

/** The cells that hold the mark now (to clear once the figures are current again). */
export function staleMarkCells(grid: WorkbookGrid): { sheet: string; cell: string }[] {
  return markPlaces(grid)
    .filter((p) => isMarkText(valueAt(grid, p.sheet, p.cell)))
    .map(({ sheet, cell }) => ({ sheet, cell }));
}
