/**
 * The allocation engine: a year's rule set (data) applied to the regions' figures, exactly, with
 * an explanation of every krona. Pure: no Office, no DOM, no files.
 */
import Decimal from "decimal.js";
import { apportion, rational, type Rational, type RoundingMethod } from "./apportion";
import { formatKr, formatNumber, formatRatioBoth } from "./format";
import { applyInterpretations, resolveSettings } from "./interpretations";
import { SWEDISH_REGIONS, compareCodes, type RegionDef } from "./regions";
import type {
  BlockDef,
  Condition,
  Ladder,
  LeftoverPolicy,
  MeasureName,
  RuleSet,
  Text,
} from "./ruleSet";
import type {
  AllocationResult,
  BlockResult,
  EngineNotice,
  RegionInput,
  RegionResult,
  Settings,
} from "./types";

export { SettingsError } from "./interpretations";

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

interface Row {
  def: RegionDef;
  present: boolean;
  at: bigint | null;
  population: bigint | null;
  /** Planned AT as an exact ratio (it may be x.5 from a range). */
  baseline: MeasureValue | null;
  rewarded: bigint;
  forecast: boolean;
  groups: Set<string>;
  /** Measures computed once per allocation. */
  /** Position in the rule set's region order: the index of every per-region array. */
  index: number;
  measures: Partial<Record<MeasureName, MeasureValue | null>>;
  described: Partial<Record<MeasureName, Text>>;
}

const t = (sv: string, en: string): Text => ({ sv, en });
/** Whole numbers read the same in both languages. */
const kr = (n: bigint | number): Text => {
  const s = formatKr(n, "sv");
  return { sv: s, en: s };
};
const num = (d: Decimal.Value | bigint, decimals?: number): Text =>
  t(formatNumber(d, "sv", decimals), formatNumber(d, "en", decimals));
/** A measure for people: exact where it terminates (or to `decimals` places), never binary floating point. */
const numMV = (v: MeasureValue, decimals = 6): Text => {
  if (v.den === 1n) {
    const s = formatNumber(v.num, "sv");
    return { sv: s, en: s };
  }
  return formatRatioBoth(v.num, v.den, decimals);
};
/** Joins texts language by language. */
function cat(...parts: (Text | string)[]): Text {
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

function regionsOf(ruleSet: RuleSet) {
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

function buildRows(ruleSet: RuleSet, inputs: readonly RegionInput[]): Row[] {
  const { defs, byCode: defsByCode } = regionsOf(ruleSet);
  const byCode = new Map<string, RegionInput>();
  for (const input of inputs) {
    if (!defsByCode.has(input.code)) {
      throw new InputError("region.unknown", `Unknown region code "${input.code}"`);
    }
    if (byCode.has(input.code)) {
      throw new InputError("region.duplicate", `Region ${input.code} appears twice`);
    }
    byCode.set(input.code, input);
  }
  const membership = new Map<string, Set<string>>();
  for (const [id, g] of Object.entries(ruleSet.groups ?? {})) {
    for (const code of g.members) {
      if (!membership.has(code)) membership.set(code, new Set());
      membership.get(code)!.add(id);
    }
  }
  return defs.map((def, index) => {
    const input = byCode.get(def.code);
    const row: Row = {
      def,
      present: input !== undefined,
      at: null,
      population: null,
      baseline: null,
      rewarded: BigInt(ruleSet.inputs.rewarded?.defaultValue ?? 0),
      forecast: false,
      groups: membership.get(def.code) ?? new Set(),
      index,
      measures: {},
      described: {},
    };
    if (!input) return row;
    if (input.at !== null && input.at !== undefined)
      row.at = wholeInput(input.at, "at", def.code, 0n);
    if (input.population !== null && input.population !== undefined) {
      row.population = wholeInput(input.population, "population", def.code, 1n);
    }
    if (typeof input.baseline === "number" && Number.isSafeInteger(input.baseline)) {
      if (input.baseline < 0) throw new InputError("baseline", `${def.code}: baseline must be ≥ 0`);
      row.baseline = { num: BigInt(input.baseline), den: 1n };
    } else if (input.baseline !== null && input.baseline !== undefined) {
      let b: Decimal;
      try {
        b = new Decimal(input.baseline);
      } catch {
        throw new InputError(
          "baseline",
          `${def.code}: baseline "${input.baseline}" is not a number`,
        );
      }
      if (b.isNeg() || !b.isFinite())
        throw new InputError("baseline", `${def.code}: baseline must be ≥ 0`);
      row.baseline = mvFromDecimal(b);
    }
    if (input.rewarded !== null && input.rewarded !== undefined) {
      row.rewarded = wholeInput(input.rewarded, "rewarded", def.code, 0n);
    }
    row.forecast = input.forecast === true;
    if (input.group !== null && input.group !== undefined) {
      if (!ruleSet.groups?.[input.group]) {
        throw new InputError(
          "group",
          `${def.code}: no group "${input.group}" in the ${ruleSet.year} rules`,
        );
      }
      row.groups = new Set([input.group]);
    }
    return row;
  });
}

/**
 * A measure of one region as an exact ratio num/den (den > 0; num may be negative for an
 * expansion below the plan). Compared by cross-multiplication: no rounding ever decides.
 */
interface MeasureValue {
  num: bigint;
  den: bigint;
}

function mvCompare(a: MeasureValue, b: MeasureValue): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** A decimal (as written in a rule set or a cell) as an exact ratio. */
function mvFromDecimal(d: Decimal): MeasureValue {
  const [int, frac = ""] = d.toFixed().split(".");
  return { num: BigInt(int + frac), den: 10n ** BigInt(frac.length) };
}

const thresholdCache = new Map<number, MeasureValue>();
function mvOfNumber(x: number): MeasureValue {
  let v = thresholdCache.get(x);
  if (!v) {
    v = mvFromDecimal(new Decimal(x));
    thresholdCache.set(x, v);
  }
  return v;
}

/** The measure as a plain decimal string ("4.5"), for the result's measure columns. */
function mvString(v: MeasureValue): string {
  if (v.den === 1n) return v.num.toString();
  return new Decimal(v.num.toString()).div(v.den.toString()).toString();
}

/** The measure as a weight: what is below zero weighs nothing. */
function mvWeight(v: MeasureValue | null): Rational {
  return v && v.num > 0n ? { num: v.num, den: v.den } : { num: 0n, den: 1n };
}

function measureOf(row: Row, m: MeasureName): MeasureValue | null {
  let v = row.measures[m];
  if (v === undefined) {
    v = computeMeasure(row, m);
    row.measures[m] = v;
  }
  return v;
}

function computeMeasure(row: Row, m: MeasureName): MeasureValue | null {
  if (row.at === null) return null;
  switch (m) {
    case "at":
      return { num: row.at, den: 1n };
    case "atPer100k":
      if (row.population === null) {
        throw new InputError("population", `${row.def.code}: AT per 100 000 needs the population`);
      }
      return { num: row.at * 100000n, den: row.population };
    case "expansion": {
      if (row.baseline === null) return null;
      const b = row.baseline;
      return { num: (row.at - row.rewarded) * b.den - b.num, den: b.den };
    }
  }
}

const MEASURE_LABEL: Record<MeasureName, Text> = {
  at: t("AT", "AT"),
  atPer100k: t("AT per 100 000 invånare", "AT per 100 000 inhabitants"),
  expansion: t("utökning", "expansion"),
};

/** "AT 63 − planerat 56 = utökning 7", or the plain value of another measure. */
function describeMeasure(row: Row, m: MeasureName, v: MeasureValue): Text {
  // Several blocks describe the same measure of a region: say it once.
  let text = row.described[m];
  if (!text) {
    text = describeMeasureOnce(row, m, v);
    row.described[m] = text;
  }
  return text;
}

function describeMeasureOnce(row: Row, m: MeasureName, v: MeasureValue): Text {
  if (m === "expansion") {
    const parts: (Text | string)[] = [
      t(`AT ${row.at} − planerat `, `AT ${row.at} − planned `),
      numMV(row.baseline!),
    ];
    if (row.rewarded !== 0n) {
      parts.push(t(" − redan ersatta ", " − already rewarded "), num(row.rewarded));
    }
    parts.push(t(" = utökning ", " = expansion "), numMV(v));
    return cat(...parts);
  }
  if (m === "atPer100k") return cat(numMV(v, 2), " ", MEASURE_LABEL.atPer100k);
  return cat(t("AT ", "AT "), numMV(v));
}

function checkCondition(row: Row, c: Condition, ruleSet: RuleSet): Text | null {
  if ("reported" in c) {
    if (c.reported === "at") {
      return row.at === null
        ? t(`rapporterade inte AT ${ruleSet.year}`, `did not report AT ${ruleSet.year}`)
        : null;
    }
    return row.forecast ? null : t("lämnade ingen prognos", "submitted no forecast");
  }
  if ("group" in c) {
    if (row.groups.has(c.group)) return null;
    const name = ruleSet.groups?.[c.group]?.name ?? t(c.group, c.group);
    return cat(t("ingår inte i gruppen ", "not in the group "), name);
  }
  const v = measureOf(row, c.measure);
  if (v === null) {
    return cat(t("saknar värde för ", "has no value for "), MEASURE_LABEL[c.measure]);
  }
  if (mvCompare(v, mvOfNumber(c.atLeast)) < 0) {
    return cat(
      describeMeasure(row, c.measure, v),
      t(", under kravet ", ", below the required "),
      num(c.atLeast),
    );
  }
  return null;
}

interface BlockOutcome {
  result: BlockResult;
  /** Per region, by Row.index. */
  amounts: bigint[];
  measures: (string | null)[];
  steps: (number | null)[];
  trace: Text[];
  notices: EngineNotice[];
}

function sum(xs: Iterable<bigint>): bigint {
  let s = 0n;
  for (const x of xs) s += x;
  return s;
}

function computeBlock(
  block: BlockDef,
  rows: Row[],
  ruleSet: RuleSet,
  method: RoundingMethod,
): BlockOutcome {
  // Half-up rounding may pay a few kronor more or less than the sum split: say so.
  let roundingDifference = 0n;
  const split = (total: bigint, weights: Rational[]): bigint[] | null => {
    const shares = apportion(total, weights, { method });
    if (shares) roundingDifference += total - sum(shares);
    return shares;
  };
  const n = rows.length;
  const amounts: bigint[] = new Array<bigint>(n).fill(0n);
  const trace: Text[] = new Array<Text>(n);
  const measures: (string | null)[] = new Array<string | null>(n).fill(null);
  const steps: (number | null)[] = new Array<number | null>(n).fill(null);
  const setTrace = (row: Row, text: Text) => (trace[row.index] = text);
  const setAmount = (row: Row, amount: bigint) => (amounts[row.index] = amount);
  const notices: EngineNotice[] = [];
  const eligible: Row[] = [];
  for (const row of rows) {
    if (!row.present) {
      setTrace(row, t("finns inte i tabellen: deltar inte", "not in the table: takes no part"));
      continue;
    }
    let reason: Text | null = null;
    for (const c of block.eligible) if ((reason = checkCondition(row, c, ruleSet))) break;
    if (reason) setTrace(row, cat(t("deltar inte: ", "not eligible: "), reason));
    else eligible.push(row);
  }
  const budget = BigInt(block.budget);
  let ladderPaid = 0n;
  let leftoverPaid = 0n;
  let overflow = false;
  let qualifiedCount = 0;
  let explanation: Text;

  if (block.split) {
    const splitDef = block.split;
    const weights: Rational[] = [];
    const described: Text[] = [];
    for (const row of eligible) {
      if (splitDef.kind === "equal") {
        weights.push(rational(1n));
        described.push(t("", ""));
      } else {
        const v = measureOf(row, splitDef.weight);
        weights.push(mvWeight(v));
        described.push(
          v ? describeMeasure(row, splitDef.weight, v) : MEASURE_LABEL[splitDef.weight],
        );
      }
    }
    const shares = split(budget, weights);
    // Texts every region's trace shares, made once.
    const equalHead = cat(
      t("lika delning av ", "equal split of "),
      kr(budget),
      t(` mellan ${eligible.length} regioner: `, ` between ${eligible.length} regions: `),
    );
    const shareHead = t("andel utifrån ", "share by ");
    eligible.forEach((row, i) => {
      const a = shares?.[i] ?? 0n;
      setAmount(row, a);
      setTrace(
        row,
        splitDef.kind === "equal"
          ? cat(equalHead, kr(a))
          : cat(shareHead, described[i], ": ", kr(a)),
      );
    });
    leftoverPaid = shares ? sum(shares) : 0n;
    const by =
      splitDef.kind === "equal"
        ? t("lika", "equally")
        : cat(t("utifrån ", "by "), MEASURE_LABEL[splitDef.weight]);
    explanation = cat(
      t("fördelat ", "split "),
      by,
      t(` mellan ${eligible.length} regioner`, ` between ${eligible.length} regions`),
    );
    if (!shares) {
      notices.push({
        severity: "warning",
        block: block.id,
        code: "block.nobody",
        message: cat(
          block.name,
          t(": ingen region uppfyller villkoren; ", ": no region qualifies; "),
          kr(budget),
          t(" fördelas inte", " stays undistributed"),
        ),
      });
    }
  } else {
    const ladder = block.ladder as Ladder;
    const measured: (MeasureValue | null)[] = new Array<MeasureValue | null>(n).fill(null);
    const payouts: bigint[] = [];
    const reached: (number | null)[] = [];
    for (const row of eligible) {
      const v = measureOf(row, ladder.measure);
      measured[row.index] = v;
      measures[row.index] = v ? mvString(v) : null;
      let step: (typeof ladder.steps)[number] | null = null;
      // Not cumulative: the highest step reached pays alone (seed 002: "Tilldelningen sker inte kumulativt").
      if (v) for (const s of ladder.steps) if (mvCompare(v, mvOfNumber(s.threshold)) >= 0) step = s;
      payouts.push(step ? BigInt(step.amount) : 0n);
      reached.push(step ? step.threshold : null);
      steps[row.index] = step ? step.threshold : null;
    }
    const qualified = eligible.filter((_, i) => reached[i] !== null);
    qualifiedCount = qualified.length;
    const totalSteps = sum(payouts);
    let paid = payouts;
    if (totalSteps > budget) {
      // RULES.md 2024, overflow (sources silent): scale every payout pro rata; then no leftover.
      overflow = true;
      paid =
        split(
          budget,
          payouts.map((p) => rational(p)),
        ) ?? payouts.map(() => 0n);
      notices.push({
        severity: "warning",
        block: block.id,
        code: "ladder.overflow",
        message: cat(
          block.name,
          t(": trappans belopp ", ": ladder payouts of "),
          kr(totalSteps),
          t(" överstiger budgeten ", " exceed the budget of "),
          kr(budget),
          t(" och har skalats ned i proportion", " and were scaled down pro rata"),
        ),
      });
    }
    ladderPaid = sum(paid);
    // Texts every region's trace shares, made once.
    const belowFirst = cat(
      t(" → under första steget (", " → below the first step ("),
      num(ladder.steps[0].threshold),
      t(") → 0 kr", ") → 0 kr"),
    );
    const stepText = new Map(
      ladder.steps.map((st) => [
        st.threshold,
        cat(t(" → steg ", " → step "), num(st.threshold), " → ", kr(st.amount)),
      ]),
    );
    eligible.forEach((row, i) => {
      const v = measured[row.index] ?? null;
      setAmount(row, paid[i]);
      const head = v
        ? describeMeasure(row, ladder.measure, v)
        : cat(t("saknar ", "no "), MEASURE_LABEL[ladder.measure]);
      let body: Text;
      if (reached[i] === null) {
        body = belowFirst;
      } else {
        body = stepText.get(reached[i]!)!;
        if (overflow) body = cat(body, t(", nedskalat till ", ", scaled down to "), kr(paid[i]));
      }
      setTrace(row, cat(head, body));
    });

    // Under overflow the payouts were scaled to the whole budget: there is no leftover, whatever
    // half-up rounding left over (that is a rounding difference, never shared out).
    const left = overflow ? 0n : budget - ladderPaid;
    let leftoverText: Text = t("", "");
    if (left > 0n) {
      const {
        rows: takers,
        weights,
        why,
      } = leftoverTakers(ladder.leftover, eligible, qualified, measured, ladder);
      const shares = takers.length ? split(left, weights) : null;
      takers.forEach((row, i) => {
        const a = shares?.[i] ?? 0n;
        const before = amounts[row.index];
        setAmount(row, before + a);
        const parts = [trace[row.index], "; ", why(row, i), ": ", kr(a)];
        // Ladder step and leftover share: say what they make together.
        if (before > 0n && a > 0n) parts.push(t("; summa ", "; in all "), kr(before + a));
        setTrace(row, cat(...parts));
      });
      leftoverPaid = shares ? sum(shares) : 0n;
      if (!shares) {
        notices.push({
          severity: "warning",
          block: block.id,
          code: "leftover.undistributed",
          message: cat(
            block.name,
            t(": kvarstående ", ": the leftover of "),
            kr(left),
            t(
              " kan inte fördelas (ingen kvalificerad region) och fördelas inte",
              " cannot be shared (no qualified region) and stays undistributed",
            ),
          ),
        });
      }
      leftoverText = cat(
        t("; kvarstående ", "; leftover "),
        kr(left),
        " ",
        leftoverDescription(ladder.leftover),
      );
    }
    explanation = cat(
      t(
        `trappan: ${qualifiedCount} av ${eligible.length} regioner nådde ett steg, `,
        `ladder: ${qualifiedCount} of ${eligible.length} regions reached a step, `,
      ),
      kr(ladderPaid),
      overflow ? t(" (nedskalat pro rata)", " (scaled down pro rata)") : t("", ""),
      leftoverText,
    );
  }

  const distributed = ladderPaid + leftoverPaid;
  if (roundingDifference !== 0n) {
    notices.push({
      severity: "warning",
      block: block.id,
      code: "rounding.difference",
      message: cat(
        block.name,
        t(
          ": avrundning av varje andel för sig ger en skillnad på ",
          ": rounding each share on its own gives a difference of ",
        ),
        kr(roundingDifference),
        t(" mot summan som delades", " against the sum that was split"),
      ),
    });
  }
  const toNumber = (x: bigint) => {
    const n = Number(x);
    if (!Number.isSafeInteger(n)) throw new InputError("amount", `Amount ${x} is too large`);
    return n;
  };
  return {
    amounts,
    measures,
    steps,
    trace,
    notices,
    result: {
      id: block.id,
      name: block.name,
      budget: toNumber(budget),
      ladder: toNumber(ladderPaid),
      leftover: toNumber(leftoverPaid),
      distributed: toNumber(distributed),
      undistributed: toNumber(budget - distributed - roundingDifference),
      roundingDifference: toNumber(roundingDifference),
      overflow,
      eligibleCount: eligible.length,
      qualifiedCount,
      explanation,
    },
  };
}

function leftoverDescription(p: LeftoverPolicy): Text {
  switch (p.policy) {
    case "undistributed":
      return t("fördelas inte", "is not shared");
    case "equal":
      return p.among === "qualified"
        ? t("delas lika mellan de kvalificerade", "shared equally among the qualified")
        : t("delas lika mellan de deltagande", "shared equally among the eligible");
    case "proportional":
      return cat(
        p.among === "qualified"
          ? t("delas mellan de kvalificerade utifrån ", "shared among the qualified by ")
          : t("delas mellan de deltagande utifrån ", "shared among the eligible by "),
        MEASURE_LABEL[p.weight],
      );
    case "top":
      return cat(
        p.k === 1
          ? t(
              "till den region som utökat mest (lika vid delad förstaplats)",
              "to the region that increased the most (shared on a tie)",
            )
          : t(
              `till de ${p.k} som utökat mest, och alla lika med den ${p.k}:e`,
              `to the ${p.k} that increased the most, and all tied with the ${p.k}th`,
            ),
        p.split === "equal"
          ? t(", lika delning", ", split equally")
          : t(", i proportion till utökningen", ", in proportion to the expansion"),
      );
  }
}

function leftoverTakers(
  p: LeftoverPolicy,
  eligible: Row[],
  qualified: Row[],
  measured: (MeasureValue | null)[],
  ladder: Ladder,
): { rows: Row[]; weights: Rational[]; why: (row: Row, i: number) => Text } {
  if (p.policy === "undistributed") return { rows: [], weights: [], why: () => t("", "") };
  const pool = p.among === "qualified" ? qualified : eligible;
  if (p.policy === "equal") {
    return {
      rows: pool,
      weights: pool.map(() => rational(1n)),
      why: () => t("lika andel av kvarstående medel", "equal share of the leftover"),
    };
  }
  if (p.policy === "proportional") {
    const values = pool.map((row) => measureOf(row, p.weight));
    return {
      rows: pool,
      weights: values.map(mvWeight),
      why: (row, i) =>
        cat(
          t("andel av kvarstående medel utifrån ", "share of the leftover by "),
          values[i] ? describeMeasure(row, p.weight, values[i]!) : MEASURE_LABEL[p.weight],
        ),
    };
  }
  // "top": the k largest ladder measures, and every region tied with the k-th (seed 002, block 3:
  // "de tre regioner som utökat med flest antal AT-tjänster"; block 2: "den region eller de regioner").
  const ranked = pool
    .map((row) => ({ row, v: measured[row.index] ?? null }))
    .filter(
      (x): x is { row: Row; v: MeasureValue } =>
        x.v !== null &&
        (p.minMeasure === undefined || mvCompare(x.v, mvOfNumber(p.minMeasure)) >= 0),
    )
    .sort((a, b) => mvCompare(b.v, a.v) || compareCodes(a.row.def.code, b.row.def.code));
  let chosen = ranked;
  if (ranked.length > p.k) {
    const kth = ranked[p.k - 1].v;
    chosen = ranked.filter((x) => mvCompare(x.v, kth) >= 0);
  }
  // Tie-break order of apportion is the list order: county code.
  chosen.sort((a, b) => compareCodes(a.row.def.code, b.row.def.code));
  const label = MEASURE_LABEL[ladder.measure];
  return {
    rows: chosen.map((x) => x.row),
    weights: chosen.map((x) => (p.split === "equal" ? rational(1n) : mvWeight(x.v))),
    why: (_row, i) => {
      const value = cat(label, " ", numMV(chosen[i].v));
      if (chosen.length === 1) {
        return cat(
          t("störst ", "the largest "),
          value,
          t(" → hela kvarstående medel", " → the whole leftover"),
        );
      }
      return cat(
        t(`en av de ${chosen.length} med störst `, `one of the ${chosen.length} with the largest `),
        label,
        " (",
        numMV(chosen[i].v),
        ")",
        p.split === "equal"
          ? t(", lika andel av kvarstående medel", ", an equal share of the leftover")
          : t(
              ", andel av kvarstående medel utifrån utökningen",
              ", a share of the leftover by expansion",
            ),
      );
    },
  };
}

/**
 * Allocates a year's grant. `inputs` holds the regions present in the table (any order); regions
 * absent take part in nothing but are listed with 0. Throws SettingsError for an unknown
 * interpretation and InputError for figures no reader should have let through.
 */
export function allocate(
  ruleSet: RuleSet,
  inputs: readonly RegionInput[],
  settings: Settings = {},
): AllocationResult {
  const { values, inForce } = resolveSettings(ruleSet, settings);
  const method = values.rounding as RoundingMethod;
  const rows = buildRows(ruleSet, inputs);
  const blocks = applyInterpretations(ruleSet, values);
  const outcomes = blocks.map((b) => computeBlock(b, rows, ruleSet, method));

  const regions: RegionResult[] = rows.map((row) => {
    const code = row.def.code;
    const blockAmounts: Record<string, number> = {};
    const measures: Record<string, string | null> = {};
    const steps: Record<string, number | null> = {};
    const trace: Record<string, Text> = {};
    let total = 0n;
    outcomes.forEach((o, i) => {
      const id = blocks[i].id;
      const a = o.amounts[row.index];
      total += a;
      blockAmounts[id] = Number(a);
      if (blocks[i].ladder) {
        measures[id] = o.measures[row.index];
        steps[id] = o.steps[row.index];
      }
      trace[id] = o.trace[row.index] ?? t("", "");
    });
    return {
      code,
      region: row.def.name,
      blocks: blockAmounts,
      total: Number(total),
      measures,
      steps,
      trace,
    };
  });

  return {
    year: ruleSet.year,
    title: ruleSet.title,
    reference: ruleSet.reference,
    budget: ruleSet.budget,
    regions,
    blocks: outcomes.map((o) => o.result),
    interpretations: inForce,
    notices: outcomes.flatMap((o) => o.notices),
  };
}
