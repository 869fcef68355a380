/**
 * The block kinds, as one table: a block is either a split (equal, proportional, per unit) or a
 * ladder. The engine and the parser dispatch here; nothing else switches on the kind. Adding a
 * split kind is adding a file beside these and a line in SPLIT_KINDS (and its type in ruleSet.ts).
 */
import type { BlockDef, Split } from "../../ruleSet";
import type { BlockRun, KindOutcome } from "../blockRun";
import type { ParseContext } from "../leftovers";
import { join, obj, oneOf } from "../parse";
import { equalSplit } from "./equal";
import { ladderKind } from "./ladder";
import { perUnitSplit } from "./perUnit";
import { proportionalSplit } from "./proportional";

const SPLIT_KINDS = ["equal", "proportional", "perUnit"] as const;

export function parseSplit(v: unknown, path: string, ctx: ParseContext): Split {
  const o = obj(v, path);
  const kind = oneOf(o.kind, join(path, "kind"), SPLIT_KINDS);
  switch (kind) {
    case "equal":
      return equalSplit.parse(o, path, ctx);
    case "proportional":
      return proportionalSplit.parse(o, path, ctx);
    case "perUnit":
      return perUnitSplit.parse(o, path, ctx);
  }
}

export { ladderKind };

function splitKind<R>(
  s: Split,
  f: (k: {
    measures(): string[];
    blockMeasure(): string | null;
    compute(run: BlockRun): KindOutcome;
  }) => R,
): R {
  switch (s.kind) {
    case "equal":
      return f({
        measures: () => equalSplit.measures(s),
        blockMeasure: () => null,
        compute: (run) => equalSplit.compute(run, s),
      });
    case "proportional":
      return f({
        measures: () => proportionalSplit.measures(s),
        blockMeasure: () => null,
        compute: (run) => proportionalSplit.compute(run, s),
      });
    case "perUnit":
      return f({
        measures: () => perUnitSplit.measures(s),
        blockMeasure: () => perUnitSplit.blockMeasure(s),
        compute: (run) => perUnitSplit.compute(run, s),
      });
  }
}

export function computeRule(run: BlockRun, block: BlockDef): KindOutcome {
  if (block.ladder) return ladderKind.compute(run, block.ladder);
  return splitKind(block.split, (k) => k.compute(run));
}

/** Every measure a block's rule uses. */
export function ruleMeasures(block: BlockDef): string[] {
  if (block.ladder) return ladderKind.measures(block.ladder);
  return splitKind(block.split, (k) => k.measures());
}

/** The block's own measure (a ladder's, a rate's), or null. */
export function blockMeasure(block: BlockDef): string | null {
  if (block.ladder) return ladderKind.blockMeasure(block.ladder);
  return splitKind(block.split, (k) => k.blockMeasure());
}
