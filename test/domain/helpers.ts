/** Small builders for engine tests: rule sets and inputs written inline. */
import { parseRuleSet } from "../../src/domain/parseRuleSet";
import type { BlockDef, RuleSet } from "../../src/domain/ruleSet";
import type { RegionInput } from "../../src/domain/types";
import { SWEDISH_REGIONS } from "../../src/domain/regions";

export const CODES = SWEDISH_REGIONS.map((r) => r.code);

/** A one-block rule set over the Swedish regions with AT, population and baseline inputs. */
export function ruleSetWith(
  blocks: Partial<BlockDef>[],
  extra: Record<string, unknown> = {},
): RuleSet {
  const full = blocks.map((b, i) => ({
    id: `block${i + 1}`,
    name: { sv: `Block ${i + 1}`, en: `Block ${i + 1}` },
    budget: 1000,
    eligible: [{ reported: "at" }],
    ...b,
  }));
  return parseRuleSet({
    format: 1,
    year: 2099,
    title: { sv: "Test", en: "Test" },
    reference: "T-1",
    sources: ["test"],
    budget: full.reduce((s, b) => s + (b.budget as number), 0),
    inputs: {
      at: { required: true },
      population: { required: false },
      baseline: { required: false },
      forecast: { required: false },
    },
    blocks: full,
    ...extra,
  });
}

/** Inputs for the given codes; everything else absent. */
export function inputs(rows: Record<string, Partial<RegionInput>>): RegionInput[] {
  return Object.entries(rows).map(([code, r]) => ({ code, at: null, ...r }));
}
