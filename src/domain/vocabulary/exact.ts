/**
 * Exact values and bilingual texts the vocabulary's kinds share: a measure as an exact ratio
 * (compared by cross-multiplication, never rounded), and texts joined language by language.
 */
import Decimal from "decimal.js";
import type { Rational } from "../apportion";
import { formatKr, formatNumber, formatRatioBoth } from "../format";
import type { Text } from "../ruleSet";

/**
 * A measure of one region as an exact ratio num/den (den > 0; num may be negative for an
 * expansion below the plan).
 */
export interface MeasureValue {
  num: bigint;
  den: bigint;
}

export function mvCompare(a: MeasureValue, b: MeasureValue): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** A decimal (as written in a rule set or a cell) as an exact ratio. */
export function mvFromDecimal(d: Decimal): MeasureValue {
  const [int, frac = ""] = d.toFixed().split(".");
  return { num: BigInt(int + frac), den: 10n ** BigInt(frac.length) };
}

const numberCache = new Map<number, MeasureValue>();
export function mvOfNumber(x: number): MeasureValue {
  let v = numberCache.get(x);
  if (!v) {
    v = mvFromDecimal(new Decimal(x));
    numberCache.set(x, v);
  }
  return v;
}

/** The measure as a plain decimal string ("4.5"), for the result's measure columns. */
export function mvString(v: MeasureValue): string {
  if (v.den === 1n) return v.num.toString();
  return new Decimal(v.num.toString()).div(v.den.toString()).toString();
}

/** The measure as a weight: what is below zero weighs nothing. */
export function mvWeight(v: MeasureValue | null): Rational {
  return v && v.num > 0n ? { num: v.num, den: v.den } : { num: 0n, den: 1n };
}

export function isWhole(v: MeasureValue): boolean {
  return v.num % v.den === 0n;
}

export const t = (sv: string, en: string): Text => ({ sv, en });

/**
 * Bulk what-if (hundreds of allocations of which only the amounts are read) runs the engine with
 * its texts left out: while `withoutTexts` runs, `cat`, `kr`, `num` and `numMV` return one empty
 * text instead of formatting numbers and joining strings. Amounts never depend on a text, so
 * they are the same either way (test/whatif/fastPath.test.ts). The engine is synchronous, so the
 * switch cannot leak into another allocation.
 */
let textsOff = false;
const NO_TEXT: Text = Object.freeze({ sv: "", en: "" });

export function withoutTexts<T>(f: () => T): T {
  const was = textsOff;
  textsOff = true;
  try {
    return f();
  } finally {
    textsOff = was;
  }
}

/** Whether texts are being left out (see withoutTexts). */
export const textsLeftOut = (): boolean => textsOff;

/** Whole kronor, each language its own way: "1 881 999 kr" / "1,881,999 kr". */
export const kr = (n: bigint | number): Text =>
  textsOff ? NO_TEXT : { sv: formatKr(n, "sv"), en: formatKr(n, "en") };

export const num = (d: Decimal.Value | bigint, decimals?: number): Text =>
  textsOff ? NO_TEXT : t(formatNumber(d, "sv", decimals), formatNumber(d, "en", decimals));

/** A measure for people: exact where it terminates (or to `decimals` places), never binary floating point. */
export const numMV = (v: MeasureValue, decimals = 6): Text => {
  if (textsOff) return NO_TEXT;
  if (v.den === 1n) return { sv: formatNumber(v.num, "sv"), en: formatNumber(v.num, "en") };
  return formatRatioBoth(v.num, v.den, decimals);
};

/** Joins texts language by language. */
export function cat(...parts: (Text | string)[]): Text {
  if (textsOff) return NO_TEXT;
  let sv = "";
  let en = "";
  for (const p of parts) {
    if (typeof p === "string") {
      sv += p;
      en += p;
    } else {
      sv += p.sv;
      en += p.en;
    }
  }
  return { sv, en };
}

export function sum(xs: Iterable<bigint>): bigint {
  let s = 0n;
  for (const x of xs) s += x;
  return s;
}
