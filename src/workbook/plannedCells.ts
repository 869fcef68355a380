/**
 * Planned cells: how a value, a text, an amount or a formula of the add-in's own is written.
 * Text is always written as text, never as a formula; a formula is only ever one the planner
 * made, in Excel's invariant (English, comma-separated) form, with its value as computed when
 * planning, so a file shows the right state before any recalculation.
 */
import type { Lang } from "../domain/ruleSet";
import type { PlannedCell } from "./types";

/** Whole kronor. Excel stores formats locale-neutrally; a Swedish Excel shows `# ##0 kr`. */
export const KR_FORMAT = '#,##0 "kr"';
/** Text format: keeps "01" a text and "=1+1" from ever being read as a formula by a host. */
export const TEXT_FORMAT = "@";

/** A text a host could take for a formula (`=`, `+`, `-`, `@`): always written as text. */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@]/.test(text);
}

/**
 * A text a host would turn into a number or a date when it writes values as typed (Office.js
 * does): "01", "1 000", "2025-03-14T10:22:05+01:00". Written with the text format.
 */
export function isNumberLike(text: string): boolean {
  return /^\s*[+-]?[\d\s\u00a0.,]*\d[\d\s\u00a0.,]*$/.test(text) || /^\d{4}-\d\d-\d\d/.test(text);
}

export const t = (lang: Lang, sv: string, en: string): string => (lang === "sv" ? sv : en);

/** A text cell. Texts that a host could read as a formula or a number get the text format. */
export function textCell(text: string, bold = false): PlannedCell {
  const cell: PlannedCell = { value: text };
  if (isFormulaLike(text) || isNumberLike(text)) cell.numberFormat = TEXT_FORMAT;
  if (bold) cell.bold = true;
  return cell;
}

export function krCell(amount: number, bold = false): PlannedCell {
  const cell: PlannedCell = { value: amount, numberFormat: KR_FORMAT };
  if (bold) cell.bold = true;
  return cell;
}

export const EMPTY: PlannedCell = { value: null };

/** "Block 2 – Ytterligare utökning" → "block 2": the part before the dash, for column headers. */
export function shortBlockName(name: string): string {
  const head = name.split(/\s+[\u2013\u2014-]\s+/)[0].trim();
  return head.charAt(0).toLowerCase() + head.slice(1);
}

/** ISO 8601 local time with its UTC offset: 2025-03-14T10:22:05+01:00. */
export function isoLocal(now: Date): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  const offset = -now.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return (
    `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}` +
    `T${p(now.getHours())}:${p(now.getMinutes())}:${p(now.getSeconds())}` +
    `${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`
  );
}

/** A formula of the add-in's own, with the value it has on the cells as written. */
export function formulaCell(
  formula: string,
  value: string | number | boolean,
  format?: string,
  bold = false,
): PlannedCell {
  if (!formula.startsWith("=")) throw new Error(`not a formula: ${formula}`);
  const cell: PlannedCell = { value, formula };
  if (format) cell.numberFormat = format;
  if (bold) cell.bold = true;
  return cell;
}

/** A ladder measure (a decimal string such as "4.5") as a number cell, for display only. */
export function measureCell(value: string | null | undefined): PlannedCell {
  if (value == null) return EMPTY;
  const n = Number(value);
  return Number.isFinite(n) ? { value: n } : textCell(value);
}
