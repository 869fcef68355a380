/**
 * Reading one cell as a count, a decimal, or a yes/no answer. Strings from CSV files or
 * cells formatted as text carry numbers as people write them: "2 454 821", "52,5". Whether
 * such a string is whole is decided on its decimal digits (decimal.js), never on a binary
 * floating-point approximation of it.
 */
import Decimal from "decimal.js";
import { formatNumber } from "../domain/format";
import type { Lang } from "../domain/ruleSet";
import type { CellValue } from "./types";

export type CountReading =
  | { kind: "blank" }
  | { kind: "value"; value: number }
  | {
      kind: "bad";
      reason:
        | "text"
        | "error"
        | "date"
        | "boolean"
        | "negative"
        | "fraction"
        | "tooLarge"
        | "uncalculated";
      /** The value as the user sees it, for messages. */
      shown: { sv: string; en: string };
    };

/** True for an empty cell or one holding only spaces. */
export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === "string" && value.replace(/\s/g, "") === "");
}

const SPACES = /[\s\u00a0\u202f\u2007]/g;

/**
 * A number written as text, as a Decimal, or null where the text is not one. Accepts
 * thousands grouped by spaces ("2 454 821", also with no-break spaces), a decimal comma or
 * point ("52,5"), a leading sign including the minus sign U+2212, and thousands grouped by
 * commas or points only where there are at least two groups ("2,454,821"), since "2,454"
 * is a decimal comma in Swedish.
 */
export function parseNumberText(text: string): Decimal | null {
  let t = text.trim().replace(/^\u2212/, "-");
  let sign = "";
  const m = /^([+-])\s*/.exec(t);
  if (m) {
    sign = m[1] === "-" ? "-" : "";
    t = t.slice(m[0].length);
  }
  let digits: string;
  if (/^\d{1,3}([\s\u00a0\u202f\u2007]\d{3})+([.,]\d+)?$/.test(t)) {
    digits = t.replace(SPACES, "").replace(",", ".");
  } else if (/^\d{1,3}(,\d{3}){2,}(\.\d+)?$/.test(t)) {
    digits = t.replace(/,/g, "");
  } else if (/^\d{1,3}(\.\d{3}){2,}(,\d+)?$/.test(t)) {
    digits = t.replace(/\./g, "").replace(",", ".");
  } else if (/^\d+([.,]\d+)?$/.test(t) || /^\d*[.,]\d+$/.test(t)) {
    digits = t.replace(",", ".");
  } else {
    return null;
  }
  return new Decimal(sign + digits);
}

/** A cell value as the user sees it, for messages: "femtio", "−5", "52,5", "#N/A". */
export function showCell(value: CellValue): { sv: string; en: string } {
  if (value === null) return { sv: "", en: "" };
  if (typeof value === "number") {
    return { sv: formatNumber(value, "sv"), en: formatNumber(value, "en") };
  }
  if (typeof value === "boolean") {
    return value ? { sv: "SANT", en: "TRUE" } : { sv: "FALSKT", en: "FALSE" };
  }
  if (typeof value === "string") return { sv: `"${value.trim()}"`, en: `"${value.trim()}"` };
  if ("error" in value) return { sv: value.error, en: value.error };
  if ("formula" in value) return { sv: `=${value.formula}`, en: `=${value.formula}` };
  return { sv: value.date, en: value.date };
}

function showDecimal(d: Decimal): { sv: string; en: string } {
  return { sv: formatNumber(d, "sv"), en: formatNumber(d, "en") };
}

/** A whole number ≥ 0 (an AT count, a population), or why the cell is not one. */
export function readCount(value: CellValue): CountReading {
  if (isBlank(value)) return { kind: "blank" };
  const shown = showCell(value);
  if (typeof value === "boolean") return { kind: "bad", reason: "boolean", shown };
  if (typeof value === "object" && value !== null) {
    const reason = "error" in value ? "error" : "formula" in value ? "uncalculated" : "date";
    return { kind: "bad", reason, shown };
  }
  let d: Decimal;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { kind: "bad", reason: "text", shown };
    d = new Decimal(value);
  } else {
    const parsed = parseNumberText(value as string);
    if (!parsed) return { kind: "bad", reason: "text", shown };
    d = parsed;
  }
  if (d.isNeg() && !d.isZero()) return { kind: "bad", reason: "negative", shown: showDecimal(d) };
  if (!d.isInteger()) return { kind: "bad", reason: "fraction", shown: showDecimal(d) };
  if (d.gt(Number.MAX_SAFE_INTEGER))
    return { kind: "bad", reason: "tooLarge", shown: showDecimal(d) };
  return { kind: "value", value: d.isZero() ? 0 : d.toNumber() };
}

export type YesNoReading =
  { kind: "value"; value: boolean } | { kind: "bad"; shown: { sv: string; en: string } };

const YES = new Set(["ja", "j", "yes", "y", "x", "1", "sant", "true"]);
const NO = new Set(["nej", "n", "no", "0", "falskt", "false"]);

/** A yes/no answer (IO.md: Ja/Nej, Yes/No, x, 1/0); blank is no. */
export function readYesNo(value: CellValue): YesNoReading {
  if (isBlank(value)) return { kind: "value", value: false };
  if (typeof value === "boolean") return { kind: "value", value };
  if (typeof value === "number") {
    if (value === 1) return { kind: "value", value: true };
    if (value === 0) return { kind: "value", value: false };
    return { kind: "bad", shown: showCell(value) };
  }
  if (typeof value === "string") {
    const t = value.trim().toLowerCase().replace(/\.$/, "");
    if (YES.has(t)) return { kind: "value", value: true };
    if (NO.has(t)) return { kind: "value", value: false };
  }
  return { kind: "bad", shown: showCell(value) };
}

/** A decimal number in the user's language: "52,5" (sv), "52.5" (en). */
export function showNumber(value: Decimal.Value, lang: Lang): string {
  return formatNumber(value, lang);
}
