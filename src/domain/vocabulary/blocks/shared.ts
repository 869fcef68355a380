/** What the block kinds share: the leftover step, the notices, cap marks in traces. */
import type { Rational } from "../../apportion";
import type { LeftoverPolicy, Text } from "../../ruleSet";
import type { BlockRun, Shares } from "../blockRun";
import { split } from "../blockRun";
import { cat, kr, sum, t, textsLeftOut } from "../exact";
import { describeLeftover, leftoverTakers } from "../leftovers";
import type { Measure } from "../measures";
import { measureOf } from "../measures";
import type { Row } from "../rows";
import type { Obj } from "../parse";
import type { ParseContext } from "../leftovers";

export interface BlockKind<D> {
  parse(o: Obj, path: string, ctx: ParseContext): D;
  /** Every measure the rule uses, for what the reader must read. */
  measures(d: D): string[];
  /** The block's own measure (a ladder's, a rate's): a column of its own in the output. */
  blockMeasure(d: D): string | null;
  compute(run: BlockRun, d: D): import("../blockRun").KindOutcome;
}

export const CAP_MARK: Text = t(" (taket nått)", " (cap reached)");

export function label(run: BlockRun, name: string | undefined): Text {
  return name ? measureOf(run.ruleSet, name).label : t("blockets mått", "the block's measure");
}

/** Nobody to share with: the whole sum stays undistributed, and says so. */
export function nobodyNotice(run: BlockRun, amount: bigint): void {
  run.notices.push({
    severity: "warning",
    block: run.block.id,
    code: "block.nobody",
    message: cat(
      run.block.name,
      t(": ingen region uppfyller villkoren; ", ": no region qualifies; "),
      kr(amount),
      t(" fördelas inte", " stays undistributed"),
    ),
  });
}

/** Every taker at its cap: what is left over stays undistributed, and says so. */
export function unplacedNotice(run: BlockRun, shares: Shares | null): void {
  if (!shares || shares.unplaced === 0n) return;
  run.notices.push({
    severity: "warning",
    block: run.block.id,
    code: "cap.unplaced",
    message: cat(
      run.block.name,
      t(": alla regioner har nått sitt tak; ", ": every region is at its cap; "),
      kr(shares.unplaced),
      t(" fördelas inte", " stays undistributed"),
    ),
  });
}

/** Splits within the caps and books the shares (added to what the rows have). */
export function book(
  run: BlockRun,
  total: bigint,
  takers: Row[],
  weights: Rational[],
  why: (row: Row, i: number) => Text,
): { paid: bigint; shares: Shares | null } {
  const shares = split(run, total, takers, weights);
  if (textsLeftOut()) {
    takers.forEach((row, i) => (run.amounts[row.index] += shares?.shares[i] ?? 0n));
    return { paid: shares ? sum(shares.shares) : 0n, shares };
  }
  const sep = t("; summa ", "; in all ");
  takers.forEach((row, i) => {
    const a = shares?.shares[i] ?? 0n;
    const before = run.amounts[row.index];
    run.amounts[row.index] = before + a;
    const mark = shares?.capped.has(row.index) ? CAP_MARK : "";
    const prev = run.trace[row.index];
    // A rule's payout and a leftover share: say what they make together.
    run.trace[row.index] = prev
      ? before > 0n && a > 0n
        ? cat(prev, "; ", why(row, i), ": ", kr(a), mark, sep, kr(before + a))
        : cat(prev, "; ", why(row, i), ": ", kr(a), mark)
      : cat(why(row, i), ": ", kr(a), mark);
  });
  unplacedNotice(run, shares);
  return { paid: shares ? sum(shares.shares) : 0n, shares };
}

/** The money a rule did not pay, by the block's leftover policy; the explanation's tail. */
export function shareLeftover(
  run: BlockRun,
  left: bigint,
  policy: LeftoverPolicy,
  qualified: Row[],
  blockMeasure: Measure | null,
): { paid: bigint; text: Text } {
  if (left <= 0n) return { paid: 0n, text: t("", "") };
  const takers = leftoverTakers(policy, {
    eligible: run.eligible,
    qualified,
    blockMeasure,
    measure: (n) => measureOf(run.ruleSet, n),
  });
  const text = textsLeftOut()
    ? t("", "")
    : cat(
        t("; kvarstående ", "; leftover "),
        kr(left),
        " ",
        describeLeftover(policy, (n) =>
          n ? label(run, n) : (blockMeasure?.label ?? label(run, undefined)),
        ),
      );
  if (policy.policy === "undistributed") return { paid: 0n, text };
  const { paid, shares } = book(run, left, takers.rows, takers.weights, takers.why);
  if (!shares) {
    run.notices.push({
      severity: "warning",
      block: run.block.id,
      code: "leftover.undistributed",
      message: cat(
        run.block.name,
        t(": kvarstående ", ": the leftover of "),
        kr(left),
        t(
          " kan inte fördelas (ingen kvalificerad region) och fördelas inte",
          " cannot be shared (no qualified region) and stays undistributed",
        ),
      ),
    });
  }
  return { paid, text };
}
