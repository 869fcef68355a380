/**
 * Planning values as bilaga 2 writes them (RULES.md, "Planning values as written in bilaga 2").
 */
import Decimal from "decimal.js";

export type RangePolicy = "midpoint" | "lower" | "upper";
export const RANGE_POLICIES: readonly RangePolicy[] = ["midpoint", "lower", "upper"];

export type PlanningReading =
  /** A plain number. */
  | { kind: "number"; value: string }
  /** A range "50–55": read by the range policy. */
  | { kind: "range"; value: string; low: string; high: string; policy: RangePolicy }
  /** "46 (ev. 48)", "28 (EV.+)": the leading number; "ev." is a possibility, not a plan. */
  | { kind: "annotation"; value: string; annotation: string }
  /** "I.U" (inga uppgifter): no value. */
  | { kind: "noData" }
  | { kind: "invalid" };

const NUMBER = String.raw`\d+(?:[.,]\d+)?`;
const RANGE_RE = new RegExp(
  String.raw`^(${NUMBER})\s*(?:[-\u2010-\u2015]|till|to)\s*(${NUMBER})$`,
  "i",
);
const ANNOTATION_RE = new RegExp(String.raw`^(${NUMBER})\s*(\(.*\))$`);
const NUMBER_RE = new RegExp(String.raw`^${NUMBER}$`);

function num(s: string): Decimal {
  return new Decimal(s.replace(",", "."));
}

export function parsePlanningValue(
  text: string,
  policy: RangePolicy = "midpoint",
): PlanningReading {
  const t = text.replace(/\u00a0/g, " ").trim();
  if (/^i\.?\s*u\.?$/i.test(t)) return { kind: "noData" };
  if (NUMBER_RE.test(t)) return { kind: "number", value: num(t).toString() };
  const range = RANGE_RE.exec(t);
  if (range) {
    const low = num(range[1]);
    const high = num(range[2]);
    if (high.lt(low)) return { kind: "invalid" };
    const value = policy === "lower" ? low : policy === "upper" ? high : low.plus(high).div(2);
    return {
      kind: "range",
      value: value.toString(),
      low: low.toString(),
      high: high.toString(),
      policy,
    };
  }
  const annotated = ANNOTATION_RE.exec(t);
  if (annotated && /^\(\s*ev\b/i.test(annotated[2])) {
    return { kind: "annotation", value: num(annotated[1]).toString(), annotation: annotated[2] };
  }
  return { kind: "invalid" };
}
