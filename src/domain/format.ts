/** Numbers and kronor in words for people: traces, messages, the summary sheet. */
import Decimal from "decimal.js";
import type { Lang } from "./ruleSet";

const NBSP = "\u00a0";

/** Thousands grouped the way each language writes them: "1 881 999" (sv), "1,881,999" (en). */
function groupThousands(digits: string, lang: Lang): string {
  const sep = lang === "sv" ? NBSP : ",";
  let out = "";
  const lead = digits.length % 3 || 3;
  out = digits.slice(0, lead);
  for (let i = lead; i < digits.length; i += 3) out += sep + digits.slice(i, i + 3);
  return out;
}

/** Digits, an optional fraction and a sign, formatted for people. */
function compose(negative: boolean, int: string, frac: string, lang: Lang): string {
  return (
    (negative ? "\u2212" : "") +
    groupThousands(int, lang) +
    (frac ? (lang === "sv" ? "," : ".") + frac : "")
  );
}

/**
 * A decimal number with grouped thousands: "10 500 000", "18,3" (sv) / "10,500,000", "18.3" (en).
 * `decimals` rounds half-up for display only; amounts themselves are never rounded here.
 */
export function formatNumber(value: Decimal.Value | bigint, lang: Lang, decimals?: number): string {
  // Whole numbers (most of what is shown) need no decimal arithmetic.
  if (typeof value === "bigint")
    return compose(value < 0n, (value < 0n ? -value : value).toString(), "", lang);
  if (typeof value === "number" && Number.isSafeInteger(value)) {
    return compose(value < 0, Math.abs(value).toString(), "", lang);
  }
  let d = new Decimal(value);
  if (decimals !== undefined) d = d.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  const [int, frac = ""] = d.abs().toFixed().split(".");
  return compose(d.isNeg() && !d.isZero(), int, frac, lang);
}

const SCALES = Array.from({ length: 19 }, (_, i) => 10n ** BigInt(i));

/**
 * An exact ratio num/den for people, rounded half-up (away from zero) to `decimals` places,
 * trailing zeros dropped: 1 830 000 / 100 000 → "18,3". Integer arithmetic only.
 */
export function formatRatio(num: bigint, den: bigint, lang: Lang, decimals: number): string {
  const { negative, int, frac } = ratioDigits(num, den, decimals);
  return compose(negative, int, frac, lang);
}

/** The same in both languages at once (the digits are computed once). */
export function formatRatioBoth(
  num: bigint,
  den: bigint,
  decimals: number,
): { sv: string; en: string } {
  const { negative, int, frac } = ratioDigits(num, den, decimals);
  return { sv: compose(negative, int, frac, "sv"), en: compose(negative, int, frac, "en") };
}

function ratioDigits(num: bigint, den: bigint, decimals: number) {
  const negative = num < 0n !== den < 0n && num !== 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const scale = SCALES[decimals] ?? 10n ** BigInt(decimals);
  const q = (2n * n * scale + d) / (2n * d);
  const s = q.toString().padStart(decimals + 1, "0");
  const int = s.slice(0, s.length - decimals);
  let end = s.length;
  while (end > int.length && s.charCodeAt(end - 1) === 48) end--;
  return { negative: negative && q !== 0n, int, frac: s.slice(int.length, end) };
}

/** Whole kronor: "10 500 000 kr". */
export function formatKr(amount: Decimal.Value | bigint, lang: Lang): string {
  return `${formatNumber(amount, lang)}${NBSP}kr`;
}
