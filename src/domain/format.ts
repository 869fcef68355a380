/** Numbers and kronor in words for people: traces, messages, the summary sheet. */
import Decimal from "decimal.js";
import type { Lang } from "./ruleSet";

const NBSP = "\u00a0";

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/**
 * A decimal number with grouped thousands: "10 500 000", "18,3" (sv) / "18.3" (en).
 * `decimals` rounds half-up for display only; amounts themselves are never rounded here.
 */
export function formatNumber(value: Decimal.Value | bigint, lang: Lang, decimals?: number): string {
  // Whole numbers (most of what is shown) need no decimal arithmetic.
  if (typeof value === "bigint" || (typeof value === "number" && Number.isSafeInteger(value))) {
    value = value.toString();
  } else if (Decimal.isDecimal(value) && value.isInteger() && value.abs().lt(1e15)) {
    value = value.toFixed(0);
  }
  if (typeof value === "string" && /^-?\d+$/.test(value)) {
    const neg = value.startsWith("-") && !/^-0+$/.test(value);
    return (neg ? "\u2212" : "") + groupThousands(value.replace(/^-/, ""));
  }
  let d = new Decimal(value);
  if (decimals !== undefined) d = d.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  const negative = d.isNeg() && !d.isZero();
  const [int, frac] = d.abs().toFixed().split(".");
  const sep = lang === "sv" ? "," : ".";
  return (negative ? "\u2212" : "") + groupThousands(int) + (frac ? sep + frac : "");
}

/** Whole kronor: "10 500 000 kr". */
export function formatKr(amount: Decimal.Value | bigint, lang: Lang): string {
  return `${formatNumber(amount, lang)}${NBSP}kr`;
}
