/**
 * What a cell of the simulated workbook shows: its value through its number format, roughly as
 * a Swedish (or English) Excel shows it. For the eye only — the tests read the cells' values,
 * never these texts — so only the formats this project and common workbooks use are handled:
 * General, text (@), 0, 0.00, #,##0, #,##0 "kr", percentages and ISO-style dates.
 */
import Decimal from "decimal.js";
import type { FakeCell } from "../excel/fake";
import type { Lang } from "../domain/ruleSet";

const NBSP = "\u00a0";

/** Excel's day 0 is 1899-12-30 for serials after February 1900 (every date this project sees). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export interface FormatPart {
  prefix: string;
  suffix: string;
  decimals: number;
  grouping: boolean;
  percent: boolean;
}

/** The literal text of a format section: quoted strings as they are, backslash escapes, no placeholders. */
function literal(text: string): string {
  return text
    .replace(/"([^"]*)"/g, "$1")
    .replace(/\\(.)/g, "$1")
    .replace(/[_*]./g, "")
    .replace(/\[[^\]]*\]/g, "");
}

/** Splits the first section of a number format into literal prefix, digits and literal suffix. */
export function parseNumberFormat(format: string): FormatPart | null {
  const section = splitSections(format)[0];
  // Quoted strings may hold 0, # or %: mask them before looking for placeholders.
  const masked = section.replace(/"[^"]*"/g, (m) => "\u0001".repeat(m.length));
  const first = masked.search(/[0#?]/);
  if (first < 0) return null;
  let last = first;
  for (let i = first; i < masked.length; i++) if (/[0#?.,]/.test(masked[i])) last = i;
  const digits = masked.slice(first, last + 1);
  const dot = digits.indexOf(".");
  const decimals = dot < 0 ? 0 : (digits.slice(dot + 1).match(/[0#?]/g) ?? []).length;
  return {
    prefix: literal(section.slice(0, first)),
    suffix: literal(section.slice(last + 1)),
    decimals,
    grouping: (dot < 0 ? digits : digits.slice(0, dot)).includes(","),
    percent: masked.includes("%"),
  };
}

/** Sections separated by unquoted semicolons. */
function splitSections(format: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of format) {
    if (ch === '"') quoted = !quoted;
    if (ch === ";" && !quoted) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}

function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "");
  return /[yd]/i.test(bare);
}

function group(int: string, lang: Lang): string {
  const sep = lang === "sv" ? NBSP : ",";
  let out = "";
  const lead = int.length % 3 || 3;
  out = int.slice(0, lead);
  for (let i = lead; i < int.length; i += 3) out += sep + int.slice(i, i + 3);
  return out;
}

/** A number in a number format part: exact decimal rounding (half away from zero, as Excel). */
function formatWithPart(value: number, part: FormatPart, lang: Lang): string {
  let d = new Decimal(value);
  if (part.percent) d = d.times(100);
  const fixed = d.abs().toFixed(part.decimals, Decimal.ROUND_HALF_UP);
  const [int, frac] = fixed.split(".");
  const negative = d.isNeg() && !new Decimal(fixed).isZero();
  const body =
    (part.grouping ? group(int, lang) : int) + (frac ? (lang === "sv" ? "," : ".") + frac : "");
  return `${negative ? "-" : ""}${part.prefix}${body}${part.suffix}`;
}

/** Excel's "General": integers as they are, fractions to at most 10 significant digits. */
export function formatGeneral(value: number, lang: Lang): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
  const d = new Decimal(value).toSignificantDigits(10);
  const text =
    Math.abs(value) >= 1e11 || (value !== 0 && Math.abs(value) < 1e-9)
      ? d.toExponential()
      : d.toFixed();
  return lang === "sv" ? text.replace(".", ",") : text;
}

/** A serial as yyyy-mm-dd: the date formats are shown the ISO way whatever their pattern. */
export function serialToIso(serial: number): string {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial) * 86400000).toISOString().slice(0, 10);
}

export function formatNumberAs(value: number, format: string | undefined, lang: Lang): string {
  if (!format || format === "General" || format === "@") return formatGeneral(value, lang);
  if (isDateFormat(format)) return serialToIso(value);
  const part = parseNumberFormat(format);
  return part ? formatWithPart(value, part, lang) : formatGeneral(value, lang);
}

/** What a cell shows. A formula shows as its text: the fake does not calculate. */
export function displayText(cell: Readonly<FakeCell> | undefined, lang: Lang): string {
  if (!cell) return "";
  if (cell.formula !== undefined) return cell.formula;
  if (cell.error !== undefined) return cell.error;
  const v = cell.value;
  if (v === undefined) return "";
  if (typeof v === "boolean") return lang === "sv" ? (v ? "SANT" : "FALSKT") : v ? "TRUE" : "FALSE";
  if (typeof v === "number") return formatNumberAs(v, cell.numberFormat, lang);
  return v;
}

/** What the formula bar shows: the content as typed (a formula as such, a number unformatted). */
export function contentText(cell: Readonly<FakeCell> | undefined, lang: Lang): string {
  if (!cell) return "";
  if (cell.formula !== undefined) return cell.formula;
  if (cell.error !== undefined) return cell.error;
  const v = cell.value;
  if (v === undefined) return "";
  if (typeof v === "number") {
    if (cell.numberFormat && isDateFormat(cell.numberFormat)) return serialToIso(v);
    // As the fake parses typed input (a decimal point), so that re-entering it gives the same.
    return String(v);
  }
  if (typeof v === "boolean") return displayText(cell, lang);
  return v;
}

/** How a cell's content sits: numbers right, text left, errors and booleans centred (Excel's "General"). */
export function alignment(cell: Readonly<FakeCell> | undefined): "start" | "end" | "center" {
  if (!cell) return "start";
  if (cell.formula !== undefined) return "start";
  if (cell.error !== undefined || typeof cell.value === "boolean") return "center";
  return typeof cell.value === "number" ? "end" : "start";
}
