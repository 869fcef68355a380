/** A rule set's parts in words, for people reading or comparing rule sets. */
import type { BlockDef, RuleSet, Text } from "../ruleSet";
import { describeLeftover } from "./leftovers";
import { measureOf } from "./measures";

/** How a block's leftover goes, in words; null for a block without one (a plain split). */
export function leftoverTextOf(rs: RuleSet, b: BlockDef): Text | null {
  const policy = b.ladder
    ? b.ladder.leftover
    : b.split.kind === "perUnit"
      ? b.split.leftover
      : null;
  if (!policy) return null;
  const own = b.ladder
    ? b.ladder.measure
    : b.split.kind === "perUnit" && b.split.rates.length === 1
      ? b.split.rates[0].measure
      : undefined;
  return describeLeftover(policy, (name) => {
    const m = name ?? own;
    return m ? measureOf(rs, m).label : { sv: "blockets mått", en: "the block's measure" };
  });
}
