/**
 * One block being computed: the regions taking part, the amounts and traces so far, and the
 * split every kind uses — exact shares within the block's caps (capped regions get exactly
 * their cap, the rest is shared again by the same weights until nobody exceeds one), then whole
 * kronor by the rounding in force.
 */
import { apportion, gcd, type Rational, type RoundingMethod } from "../apportion";
import type { BlockDef, RuleSet, Text } from "../ruleSet";
import type { EngineNotice } from "../types";
import { cat, sum } from "./exact";
import type { Row } from "./rows";

export interface BlockRun {
  block: BlockDef;
  ruleSet: RuleSet;
  rows: Row[];
  eligible: Row[];
  budget: bigint;
  amounts: bigint[];
  trace: Text[];
  /** The block's measure per region (decimal string), and the ladder step reached. */
  measures: (string | null)[];
  steps: (number | null)[];
  notices: EngineNotice[];
  /** Half-up only: what the splits paid less (+) or more (−) than the sums they split. */
  roundingDifference: bigint;
  method: RoundingMethod;
}

/** What a kind reports back for the block's result. */
export interface KindOutcome {
  /** What the rule itself paid before any leftover: ladder steps, or rates per unit. */
  rulePaid: bigint;
  leftoverPaid: bigint;
  overflow: boolean;
  qualifiedCount: number;
  explanation: Text;
}

export function newRun(
  block: BlockDef,
  ruleSet: RuleSet,
  rows: Row[],
  method: RoundingMethod,
): BlockRun {
  const n = rows.length;
  return {
    block,
    ruleSet,
    rows,
    eligible: [],
    budget: BigInt(block.budget),
    amounts: new Array<bigint>(n).fill(0n),
    trace: new Array<Text>(n),
    measures: new Array<string | null>(n).fill(null),
    steps: new Array<number | null>(n).fill(null),
    notices: [],
    roundingDifference: 0n,
    method,
  };
}

export function setTrace(run: BlockRun, row: Row, text: Text): void {
  run.trace[row.index] = text;
}

export function appendTrace(run: BlockRun, row: Row, ...parts: (Text | string)[]): void {
  run.trace[row.index] = cat(run.trace[row.index] ?? { sv: "", en: "" }, ...parts);
}

/** What a region may still receive from the block under its cap; null where it has none. */
export function room(run: BlockRun, row: Row): bigint | null {
  const cap = run.block.cap;
  if (!cap) return null;
  const limit = "perRegion" in cap ? cap.perRegion : cap.byRegion[row.def.code];
  if (limit === undefined) return null;
  const left = BigInt(limit) - run.amounts[row.index];
  return left > 0n ? left : 0n;
}

function addRational(a: Rational, b: Rational): Rational {
  const num = a.num * b.den + b.num * a.den;
  const den = a.den * b.den;
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

/** The sum of weights, exact; whole weights (counts, equal shares) without any gcd. */
function sumWeights(ws: Rational[]): Rational {
  if (ws.every((w) => w.den === 1n)) {
    let n = 0n;
    for (const w of ws) n += w.num;
    return { num: n, den: 1n };
  }
  return ws.reduce((acc, w) => addRational(acc, w), { num: 0n, den: 1n });
}

export interface Shares {
  shares: bigint[];
  /** Regions that got exactly their cap. */
  capped: Set<number>;
  /** What nobody could take: every taker at its cap. */
  unplaced: bigint;
}

/**
 * Splits `total` among `takers` (in tie-break order) by `weights`, within their caps. Null
 * where no weight is above zero (nobody to share with).
 */
export function split(
  run: BlockRun,
  total: bigint,
  takers: Row[],
  weights: Rational[],
): Shares | null {
  if (!weights.some((w) => w.num > 0n)) return null;
  const rooms = takers.map((r) => room(run, r));
  const shares = new Array<bigint>(takers.length).fill(0n);
  const capped = new Set<number>();
  let active = takers.map((_, i) => i).filter((i) => weights[i].num > 0n);
  let rest = total;
  if (rooms.some((r) => r !== null)) {
    for (;;) {
      if (active.length === 0) break;
      const W = sumWeights(active.map((i) => weights[i]));
      // share_i = rest × w_i / W exceeds the room: rest·w.num·W.den > room·w.den·W.num.
      const over = active.filter((i) => {
        const r = rooms[i];
        const w = weights[i];
        return r !== null && rest * w.num * W.den > r * w.den * W.num;
      });
      if (over.length === 0) break;
      for (const i of over) {
        shares[i] = rooms[i]!;
        capped.add(takers[i].index);
        rest -= rooms[i]!;
      }
      active = active.filter((i) => !over.includes(i));
    }
  }
  if (active.length === 0) return { shares, capped, unplaced: rest };
  const part = apportion(
    rest,
    active.map((i) => weights[i]),
    { method: run.method },
  );
  if (!part) return { shares, capped, unplaced: rest };
  active.forEach((i, k) => (shares[i] = part[k]));
  run.roundingDifference += rest - sum(part);
  return { shares, capped, unplaced: 0n };
}
