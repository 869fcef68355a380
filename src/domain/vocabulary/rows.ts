/**
 * The engine's view of one region: its figures as exact integers (counts, population), the
 * planned value as an exact ratio, its groups, and a cache of the measures computed from them.
 */
import Decimal from "decimal.js";
import { SWEDISH_REGIONS, compareCodes, type RegionDef } from "../regions";
import type { RuleSet, Text } from "../ruleSet";
import type { RegionInput } from "../types";
import type { MeasureValue } from "./exact";
import { mvFromDecimal } from "./exact";

/** Inputs the engine cannot work with (the workbook reader catches these first, by cell). */
export class InputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "InputError";
  }
}

export interface Row {
  def: RegionDef;
  present: boolean;
  /** Position in the rule set's region order: the index of every per-region array. */
  index: number;
  /** Whole counts by input name ("at", "population", "rewarded", declared ones); null = blank. */
  counts: Record<string, bigint | null | undefined>;
  /** Planned AT as an exact ratio (it may be x.5 from a range). */
  baseline: MeasureValue | null;
  forecast: boolean;
  groups: Set<string>;
  /** Measures computed once per allocation, and their descriptions. */
  measures: Record<string, MeasureValue | null | undefined>;
  described: Record<string, Text | undefined>;
}

/** Input names of the rule set that are counts the rule set declares itself. */
export function declaredInputs(ruleSet: RuleSet): string[] {
  return Object.entries(ruleSet.inputs)
    .filter(([, spec]) => spec?.headers !== undefined)
    .map(([name]) => name);
}

function wholeInput(v: unknown, what: string, code: string, min: bigint): bigint {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || BigInt(v) < min) {
    throw new InputError(
      what,
      `${code}: ${what} must be a whole number ≥ ${min} (got ${String(v)})`,
    );
  }
  return BigInt(v);
}

/** The rule set's regions in code order, sorted once per rule set. */
const sortedRegions = new WeakMap<RuleSet, { defs: RegionDef[]; byCode: Map<string, RegionDef> }>();

export function regionsOf(ruleSet: RuleSet) {
  let hit = sortedRegions.get(ruleSet);
  if (!hit) {
    const defs = (ruleSet.regions ?? SWEDISH_REGIONS)
      .slice()
      .sort((a, b) => compareCodes(a.code, b.code));
    hit = { defs, byCode: new Map(defs.map((d) => [d.code, d])) };
    sortedRegions.set(ruleSet, hit);
  }
  return hit;
}

function baselineOf(input: RegionInput, code: string): MeasureValue | null {
  const b = input.baseline;
  if (b === null || b === undefined) return null;
  if (typeof b === "number" && Number.isSafeInteger(b)) {
    if (b < 0) throw new InputError("baseline", `${code}: baseline must be ≥ 0`);
    return { num: BigInt(b), den: 1n };
  }
  // Whole and half values (most planning values) need no decimal arithmetic.
  if (typeof b === "string" && /^\d+$/.test(b)) return { num: BigInt(b), den: 1n };
  if (typeof b === "string" && /^\d+\.5$/.test(b))
    return { num: BigInt(b.slice(0, -2)) * 2n + 1n, den: 2n };
  let d: Decimal;
  try {
    d = new Decimal(b);
  } catch {
    throw new InputError("baseline", `${code}: baseline "${b}" is not a number`);
  }
  if (d.isNeg() || !d.isFinite()) throw new InputError("baseline", `${code}: baseline must be ≥ 0`);
  return mvFromDecimal(d);
}

function membershipOf(ruleSet: RuleSet): Map<string, Set<string>> {
  const membership = new Map<string, Set<string>>();
  for (const [id, g] of Object.entries(ruleSet.groups ?? {})) {
    for (const code of g.members) {
      if (!membership.has(code)) membership.set(code, new Set());
      membership.get(code)!.add(id);
    }
  }
  return membership;
}

function rowOf(
  ruleSet: RuleSet,
  def: RegionDef,
  index: number,
  input: RegionInput | undefined,
  groups: Set<string>,
  declared: string[],
): Row {
  const counts: Row["counts"] = {
    at: null,
    population: null,
    rewarded: BigInt(ruleSet.inputs.rewarded?.defaultValue ?? 0),
  };
  for (const name of declared) counts[name] = null;
  const row: Row = {
    def,
    present: input !== undefined,
    index,
    counts,
    baseline: null,
    forecast: false,
    groups,
    measures: {},
    described: {},
  };
  if (!input) return row;
  const code = def.code;
  if (input.at !== null && input.at !== undefined) counts.at = wholeInput(input.at, "at", code, 0n);
  if (input.population !== null && input.population !== undefined) {
    counts.population = wholeInput(input.population, "population", code, 1n);
  }
  if (input.rewarded !== null && input.rewarded !== undefined) {
    counts.rewarded = wholeInput(input.rewarded, "rewarded", code, 0n);
  }
  for (const name of declared) {
    const v = input.counts?.[name];
    if (v !== null && v !== undefined) counts[name] = wholeInput(v, name, code, 0n);
  }
  row.baseline = baselineOf(input, code);
  row.forecast = input.forecast === true;
  if (input.group !== null && input.group !== undefined) {
    if (!ruleSet.groups?.[input.group]) {
      throw new InputError(
        "group",
        `${code}: no group "${input.group}" in the ${ruleSet.year} rules`,
      );
    }
    row.groups = new Set([input.group]);
  }
  return row;
}

/**
 * The same region with another AT count (null: not reported) and nothing else changed: what
 * rowOf gives for the edited input. Its measures are computed afresh; the row it came from is
 * left as it was.
 */
export function rowWithAt(row: Row, at: number | null): Row {
  const counts = {
    ...row.counts,
    at: at === null ? null : wholeInput(at, "at", row.def.code, 0n),
  };
  return { ...row, counts, measures: {}, described: {} };
}

export function buildRows(ruleSet: RuleSet, inputs: readonly RegionInput[]): Row[] {
  const { defs, byCode: defsByCode } = regionsOf(ruleSet);
  const byCode = new Map<string, RegionInput>();
  for (const input of inputs) {
    if (!defsByCode.has(input.code))
      throw new InputError("region.unknown", `Unknown region code "${input.code}"`);
    if (byCode.has(input.code))
      throw new InputError("region.duplicate", `Region ${input.code} appears twice`);
    byCode.set(input.code, input);
  }
  const membership = membershipOf(ruleSet);
  const declared = declaredInputs(ruleSet);
  return defs.map((def, index) =>
    rowOf(
      ruleSet,
      def,
      index,
      byCode.get(def.code),
      membership.get(def.code) ?? new Set(),
      declared,
    ),
  );
}
