/**
 * What one more post is worth: a region's allocation with −5 … +20 AT posts, all else equal —
 * per block, in total, the ladder step reached and the money per extra post; the next ladder
 * step ("nästa steg kräver 3 AT till (+10 500 000 kr)"); and goal seek ("hur många AT krävs för
 * X kr"). Every figure is the engine's own (allocate) on the edited inputs.
 */
import { allocate, AtVariations, type RegionAmounts } from "../engine";
import { formatKr, formatNumber } from "../format";
import type { Lang, RuleSet, Text } from "../ruleSet";
import type { AllocationResult, RegionInput, Settings } from "../types";
import { shortName, signedKr } from "./compare";

export interface MarginalStep {
  /** Posts added (negative: removed) to the region's AT. */
  delta: number;
  /** The region's AT with the delta. */
  at: number;
  /** Whole kronor per block id. */
  blocks: Record<string, number>;
  total: number;
  /** The ladder step (threshold) reached per ladder block; null where none. */
  step: Record<string, number | null>;
  /** total − the total with one post fewer; null for the first row. */
  perPost: number | null;
  /** A ladder block's step differs from the row before. */
  newStep: boolean;
}

export interface NextStep {
  /** Posts more than today that reach a higher step in some ladder block. */
  posts: number;
  /** What the region receives more then, in total. */
  gain: number;
  /** The ladder blocks whose step rises, with their new step. */
  blocks: { block: string; step: number | null }[];
  text: Text;
}

export interface MarginalTable {
  code: string;
  region: string;
  /** The region's AT as read (null = not reported; the table then starts from 0). */
  at: number | null;
  steps: MarginalStep[];
  /** Null where no higher step is reached within the table (nextStep looks further). */
  next: NextStep | null;
}

export interface MarginalOptions {
  from?: number;
  to?: number;
  settings?: Settings;
}

/** How far beyond the table "next step" and goal seek look, in posts. */
export const SEARCH_BOUND = 200;

export class MarginalError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
    this.name = "MarginalError";
  }
}

/**
 * Runs the engine for one region's AT changed, all else equal (AtVariations: the engine without
 * texts, the other regions' rows built once). Results are cached per AT so that a table, its
 * next step and a goal seek never compute the same allocation twice.
 */
export class RegionVariations {
  private readonly cache = new Map<number, RegionAmounts>();
  private readonly index: number;
  readonly base: number;

  constructor(
    private readonly ruleSet: RuleSet,
    private readonly inputs: readonly RegionInput[],
    readonly code: string,
    private readonly settings: Settings = {},
    /** The result for the inputs as they are, where the caller already has it. */
    current?: AllocationResult,
    /** The engine for this table and settings, shared by the regions of marginalTables. */
    private readonly engine = new AtVariations(ruleSet, inputs, settings),
  ) {
    this.index = inputs.findIndex((i) => i.code === code);
    if (this.index < 0) {
      throw new MarginalError({
        sv: `regionen ${code} finns inte i tabellen`,
        en: `the region ${code} is not in the table`,
      });
    }
    const at = inputs[this.index].at;
    this.base = at ?? 0;
    if (current && at !== null) {
      const r = current.regions.find((x) => x.code === code);
      if (r) this.cache.set(this.base, r);
    }
  }

  /** The region's result with `at` AT posts (at ≥ 0). */
  resultAt(at: number): RegionAmounts {
    let r = this.cache.get(at);
    if (!r) {
      r = this.engine.regionAt(this.code, at);
      this.cache.set(at, r);
    }
    return r;
  }
}

function sameSteps(a: Record<string, number | null>, b: Record<string, number | null>): boolean {
  return Object.keys(a).every((k) => a[k] === b[k]);
}

/** Steps higher than before in some ladder block (null counts as below every step). */
function rises(from: Record<string, number | null>, to: Record<string, number | null>): string[] {
  return Object.keys(to).filter((k) => to[k] !== null && (from[k] === null || to[k]! > from[k]!));
}

export function marginalTable(
  ruleSet: RuleSet,
  inputs: readonly RegionInput[],
  code: string,
  options: MarginalOptions = {},
  variations = new RegionVariations(ruleSet, inputs, code, options.settings),
): MarginalTable {
  const from = options.from ?? -5;
  const to = options.to ?? 20;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from > to) {
    throw new MarginalError({
      sv: `intervallet ${from} … ${to} är inget intervall av hela AT`,
      en: `${from} … ${to} is no range of whole posts`,
    });
  }
  const base = variations.base;
  const steps: MarginalStep[] = [];
  let prev: RegionAmounts | null = null;
  for (let delta = from; delta <= to; delta++) {
    const at = base + delta;
    if (at < 0) continue; // fewer than no posts is no what-if
    const r = variations.resultAt(at);
    steps.push({
      delta,
      at,
      blocks: { ...r.blocks },
      total: r.total,
      step: { ...r.steps },
      perPost: prev ? r.total - prev.total : null,
      newStep: prev ? !sameSteps(prev.steps, r.steps) : false,
    });
    prev = r;
  }
  const region = variations.resultAt(base).region;
  const at = inputs.find((i) => i.code === code)!.at;
  return { code, region, at, steps, next: nextStep(ruleSet, variations, Math.max(0, to)) };
}

/** The fewest posts more (at most `bound`) that reach a higher ladder step. */
export function nextStep(
  ruleSet: RuleSet,
  variations: RegionVariations,
  bound = SEARCH_BOUND,
): NextStep | null {
  const now = variations.resultAt(variations.base);
  for (let posts = 1; posts <= bound; posts++) {
    const r = variations.resultAt(variations.base + posts);
    const up = rises(now.steps, r.steps);
    if (up.length === 0) continue;
    const gain = r.total - now.total;
    const names = ruleSet.blocks.filter((b) => up.includes(b.id)).map((b) => b.name);
    const text = (lang: Lang) => {
      const which = names.map((n) => shortName(n[lang])).join(lang === "sv" ? " och " : " and ");
      const n = formatNumber(posts, lang);
      return lang === "sv"
        ? `nästa steg (${which}) kräver ${n} AT till (${signedKr(gain, lang)})`
        : `the next step (${which}) takes ${n} more AT post${posts === 1 ? "" : "s"} (${signedKr(gain, lang)})`;
    };
    return {
      posts,
      gain,
      blocks: up.map((block) => ({ block, step: r.steps[block] })),
      text: { sv: text("sv"), en: text("en") },
    };
  }
  return null;
}

export interface GoalSeek {
  /** The fewest AT posts that give at least the amount; null where none within the bound. */
  at: number | null;
  delta: number | null;
  total: number | null;
  text: Text;
}

/**
 * "Hur många AT krävs för X kr": the smallest AT (0 … today + bound) at which the region's
 * total is at least `amount`. The engine is run for each count in turn, not assumed monotone.
 */
export function goalSeek(
  variations: RegionVariations,
  amount: number,
  bound = SEARCH_BOUND,
): GoalSeek {
  if (!Number.isSafeInteger(amount)) {
    throw new MarginalError({
      sv: "beloppet ska vara hela kronor",
      en: "the amount must be whole kronor",
    });
  }
  const top = variations.base + bound;
  for (let at = 0; at <= top; at++) {
    const r = variations.resultAt(at);
    if (r.total < amount) continue;
    const delta = at - variations.base;
    const text = (lang: Lang) => {
      const d = delta > 0 ? `+${formatNumber(delta, lang)}` : formatNumber(delta, lang);
      return lang === "sv"
        ? `${formatKr(amount, lang)} kräver minst ${formatNumber(at, lang)} AT (${d}), som ger ${formatKr(r.total, lang)}`
        : `${formatKr(amount, lang)} takes at least ${formatNumber(at, lang)} AT posts (${d}), which give ${formatKr(r.total, lang)}`;
    };
    return { at, delta, total: r.total, text: { sv: text("sv"), en: text("en") } };
  }
  const text = (lang: Lang) =>
    lang === "sv"
      ? `${formatKr(amount, lang)} nås inte med upp till ${formatNumber(top, lang)} AT`
      : `${formatKr(amount, lang)} is not reached with up to ${formatNumber(top, lang)} AT posts`;
  return { at: null, delta: null, total: null, text: { sv: text("sv"), en: text("en") } };
}

/** The marginal table of every region of the table, −5 … +20 by default. */
export function marginalTables(
  ruleSet: RuleSet,
  inputs: readonly RegionInput[],
  options: MarginalOptions = {},
): MarginalTable[] {
  // The inputs as they are: one allocation shared by every region's row 0.
  const current = allocate(ruleSet, inputs, options.settings);
  const engine = new AtVariations(ruleSet, inputs, options.settings);
  return inputs.map((i) =>
    marginalTable(
      ruleSet,
      inputs,
      i.code,
      options,
      new RegionVariations(ruleSet, inputs, i.code, options.settings, current, engine),
    ),
  );
}
