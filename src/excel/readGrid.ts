/**
 * Turning what Office.js loads into the host-neutral grid: cell values with their types and
 * number formats, the tables of the active sheet, the ownership record. Pure functions.
 */
import type { CellValue, TableInfo } from "../workbook/types";

/**
 * Whether an Excel number format shows a date or a time: a date/time code (y, m, d, h, s)
 * outside quoted text, escapes and [brackets] (colours, locales, conditions). "[h]:mm" is a
 * time too. A count typed as a date is stored as a serial number; its format is what tells.
 */
export function isDateFormat(format: string | null | undefined): boolean {
  if (!format || /^general$/i.test(format.trim())) return false;
  if (/\[(h+|m+|s+)\]/i.test(format)) return true;
  const codes = format
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "")
    .replace(/\[[^\]]*\]/g, "");
  return /[ymdhs]/i.test(codes.replace(/e[+-]/gi, ""));
}

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01, and 60 the 29 February 1900 that never
 * was (kept from Lotus 1-2-3); from 61 on, the serial counts days from 1899-12-30.
 */
export function excelSerialToIso(serial: number): string {
  const days = Math.floor(serial);
  if (days === 60) return "1900-02-29";
  const base = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + days * 86400000).toISOString().slice(0, 10);
}

/** One loaded cell: Range.values with Range.valueTypes and Range.numberFormat. */
export function toCellValue(
  value: unknown,
  type: string | undefined,
  format: string | undefined,
): CellValue {
  if (type === "Error") return { error: String(value) };
  if (value === null || value === undefined || value === "" || type === "Empty") return null;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { error: "#NUM!" };
    return isDateFormat(format) ? { date: excelSerialToIso(value) } : value;
  }
  if (typeof value === "boolean") return value;
  return String(value);
}

export function toCellValues(
  values: unknown[][],
  types: string[][] | undefined,
  formats: string[][] | undefined,
): CellValue[][] {
  return values.map((row, r) =>
    row.map((v, c) => toCellValue(v, types?.[r]?.[c], formats?.[r]?.[c])),
  );
}

/** A table of the active sheet as loaded: names and sizes, but not where it is. */
export interface LoadedTable {
  name: string;
  showHeaders: boolean;
  showTotals: boolean;
  columns: string[];
  /** Data rows (TableRowCollection.count). */
  dataRows: number;
}

function headerText(v: CellValue): string | null {
  if (v === null) return null;
  if (typeof v === "object") return "error" in v ? v.error : "formula" in v ? null : v.date;
  return String(v);
}

/**
 * Where each table is. One round trip cannot ask a table for its range (the names are known
 * only after the sync, and TableScopedCollection has no getFirstOrNullObject), so a table is
 * found by its header row in the used range: its column names, left to right, in one row.
 * Several matches are told apart by the selection when the selection lies in that table;
 * a table still ambiguous, or without headers, is left out (then it reads as a plain block).
 */
export function locateTables(
  tables: LoadedTable[],
  grid: { top: number; left: number; values: CellValue[][] },
  selection?: { row: number; col: number; tables: string[] },
): TableInfo[] {
  const out: TableInfo[] = [];
  for (const t of tables) {
    if (!t.showHeaders || t.columns.length === 0) continue;
    const rows = 1 + t.dataRows + (t.showTotals ? 1 : 0);
    const found: { top: number; left: number }[] = [];
    grid.values.forEach((line, r) => {
      for (let c = 0; c + t.columns.length <= line.length; c++) {
        if (t.columns.every((name, i) => headerText(line[c + i]) === name)) {
          found.push({ top: grid.top + r, left: grid.left + c });
        }
      }
    });
    let at = found.length === 1 ? found[0] : undefined;
    if (found.length > 1 && selection && selection.tables.includes(t.name)) {
      const holding = found.filter(
        (f) =>
          selection.row >= f.top &&
          selection.row < f.top + rows &&
          selection.col >= f.left &&
          selection.col < f.left + t.columns.length,
      );
      if (holding.length === 1) at = holding[0];
    }
    if (!at) continue;
    const info: TableInfo = {
      name: t.name,
      top: at.top,
      left: at.left,
      rows,
      columns: t.columns.length,
    };
    if (t.showTotals) info.hasTotalsRow = true;
    out.push(info);
  }
  return out;
}
