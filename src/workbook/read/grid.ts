/** Reading cells of a host-neutral sheet grid: the small helpers every part of the reader uses. */
import { isBlank } from "../cellValues";
import type { CellValue, SheetGrid, TableInfo, WorkbookGrid } from "../types";

/** A rectangle of one sheet, zero-based and inclusive. */
export interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function cellAt(sheet: SheetGrid, row: number, col: number): CellValue {
  const r = sheet.values[row - sheet.top];
  if (!r) return null;
  const v = r[col - sheet.left];
  return v === undefined ? null : v;
}

/** A cell of a whole workbook grid, by sheet name; null where the sheet or the cell is not there. */
export function workbookCell(
  grid: WorkbookGrid,
  sheet: string,
  row: number,
  col: number,
): CellValue {
  const s = grid.sheets.find((x) => x.name === sheet);
  return s ? cellAt(s, row, col) : null;
}

export function sheetExtent(sheet: SheetGrid): Rect {
  let width = 0;
  for (const r of sheet.values) width = Math.max(width, r.length);
  return {
    top: sheet.top,
    left: sheet.left,
    bottom: sheet.top + sheet.values.length - 1,
    right: sheet.left + width - 1,
  };
}

export function rowHasValue(sheet: SheetGrid, row: number, left: number, right: number): boolean {
  const r = sheet.values[row - sheet.top];
  if (!r) return false;
  const from = Math.max(0, left - sheet.left);
  const to = Math.min(r.length - 1, right - sheet.left);
  for (let c = from; c <= to; c++) if (!isBlank(r[c] ?? null)) return true;
  return false;
}

/** Whether any of the given columns holds a value on this row. */
export function anyValueIn(sheet: SheetGrid, row: number, cols: readonly number[]): boolean {
  for (const c of cols) if (!isBlank(cellAt(sheet, row, c))) return true;
  return false;
}

/** The data rectangle of an Excel table: header row to the last data row (no totals row). */
export function tableRect(t: TableInfo): Rect {
  return {
    top: t.top,
    left: t.left,
    bottom: t.top + t.rows - 1 - (t.hasTotalsRow ? 1 : 0),
    right: t.left + t.columns - 1,
  };
}

export function contains(r: Rect, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

/** "rad 8", "raderna 8–10" (one-based sheet rows), for messages. */
export function rowsText(rows: number[]): { sv: string; en: string } {
  const runs: string[] = [];
  let start = -1;
  let prev = -2;
  const flush = (): void => {
    if (start < 0) return;
    runs.push(start === prev ? `${start + 1}` : `${start + 1}–${prev + 1}`);
  };
  for (const r of rows) {
    if (r !== prev + 1) {
      flush();
      start = r;
    }
    prev = r;
  }
  flush();
  const shown = runs.slice(0, 6).join(", ") + (runs.length > 6 ? " …" : "");
  const many = rows.length > 1;
  return {
    sv: `${many ? "raderna" : "rad"} ${shown}`,
    en: `${many ? "rows" : "row"} ${shown}`,
  };
}
