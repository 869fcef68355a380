/**
 * Splitting a whole-krona sum by exact shares (RULES.md, "Proportional shares and rounding to
 * whole kronor"). Default: the largest-remainder method — every region gets the floor of its
 * exact share, and the kronor left over go one each to the largest fractional parts, ties to
 * the lower county code. Alternative: each share rounded half-up on its own.
 *
 * Exactness: weights are rationals (bigint numerator/denominator). With a modest common
 * denominator the whole computation is done in integers. With thousands of unrelated
 * denominators (AT per 100 000 over 10 000 synthetic populations) a common denominator has
 * tens of thousands of digits, so shares are computed with decimal.js at 50 significant digits
 * instead, and every comparison that decides a krona is checked against a margin far above the
 * rounding error; a decision inside the margin falls back to the exact integer computation.
 */
import Decimal from "decimal.js";

export type RoundingMethod = "largest-remainder" | "half-up";

/** A non-negative rational weight. */
export interface Rational {
  num: bigint;
  den: bigint;
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den <= 0n) throw new RangeError("denominator must be positive");
  if (num < 0n) throw new RangeError("weight must not be negative");
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

export function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

export function compareRational(a: Rational, b: Rational): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Decimal value of a rational, for display (rates in traces) and the fast path. */
export function rationalToDecimal(r: Rational, D: typeof Decimal = Decimal): Decimal {
  return new D(r.num.toString()).div(r.den.toString());
}

const HP = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN });
/** Far above the fast path's error (shares below 1e15 carry errors below 1e-33). */
const MARGIN = new HP("1e-20");
/** Largest common denominator (bits) for which the exact path is used up front. */
const EXACT_BITS = 4096n;

export interface ApportionOptions {
  method?: RoundingMethod;
  /** Force a path (tests): by default exact when cheap, else fast with exact fallback. */
  path?: "auto" | "exact" | "fast";
}

/**
 * Splits `total` (whole kronor ≥ 0) by `weights`, listed in tie-break order (lowest county
 * code first). Returns one amount per weight. All-zero weights: null (nothing can be split).
 * With largest remainder the amounts add up to `total` exactly; with half-up they may differ by
 * a few kronor.
 */
export function apportion(
  total: bigint,
  weights: readonly Rational[],
  options: ApportionOptions = {},
): bigint[] | null {
  if (total < 0n) throw new RangeError("total must not be negative");
  const method = options.method ?? "largest-remainder";
  if (weights.length === 0 || weights.every((w) => w.num === 0n)) return null;
  const path = options.path ?? "auto";
  if (path === "exact") return exact(total, weights, method);
  if (path === "auto") {
    const L = commonDenominator(weights, EXACT_BITS);
    if (L !== null) return exactWith(total, weights, method, L);
  }
  return fast(total, weights, method) ?? exact(total, weights, method);
}

function bitLength(n: bigint): bigint {
  return BigInt(n.toString(2).length);
}

/** lcm of the denominators, or null once it passes `limitBits`. */
function commonDenominator(weights: readonly Rational[], limitBits: bigint | null): bigint | null {
  let L = 1n;
  for (const w of weights) {
    if (w.den === 1n || L % w.den === 0n) continue;
    L = (L / gcd(L, w.den)) * w.den;
    if (limitBits !== null && bitLength(L) > limitBits) return null;
  }
  return L;
}

function exact(total: bigint, weights: readonly Rational[], method: RoundingMethod): bigint[] {
  return exactWith(total, weights, method, commonDenominator(weights, null) as bigint);
}

function exactWith(
  total: bigint,
  weights: readonly Rational[],
  method: RoundingMethod,
  L: bigint,
): bigint[] {
  const ints = weights.map((w) => w.num * (L / w.den));
  let sum = 0n;
  for (const x of ints) sum += x;
  const floors: bigint[] = [];
  const rems: bigint[] = [];
  for (const x of ints) {
    const p = total * x;
    floors.push(p / sum);
    rems.push(p % sum);
  }
  if (method === "half-up") return floors.map((f, i) => (2n * rems[i] >= sum ? f + 1n : f));
  let left = total;
  for (const f of floors) left -= f;
  const order = ints.map((_, i) => i);
  // Largest remainder first; the list order (county code) breaks ties.
  order.sort((a, b) => (rems[a] === rems[b] ? a - b : rems[a] > rems[b] ? -1 : 1));
  const out = floors.slice();
  for (let k = 0; k < Number(left); k++) out[order[k]] += 1n;
  return out;
}

/** The decimal path; null where a decision falls within the margin. */
function fast(
  total: bigint,
  weights: readonly Rational[],
  method: RoundingMethod,
): bigint[] | null {
  const ws = weights.map((w) => rationalToDecimal(w, HP));
  let sum = new HP(0);
  for (const w of ws) sum = sum.plus(w);
  const T = new HP(total.toString());
  const floors: bigint[] = [];
  const fracs: Decimal[] = [];
  for (const w of ws) {
    const share = T.times(w).div(sum);
    const f = share.floor();
    const frac = share.minus(f);
    // A share this close to a whole krona could be on either side of it.
    if (frac.lt(MARGIN) || frac.gt(HP.sub(1, MARGIN))) {
      if (!w.isZero()) return null;
    }
    floors.push(BigInt(f.toFixed(0)));
    fracs.push(frac);
  }
  if (method === "half-up") {
    const half = new HP(0.5);
    const out: bigint[] = [];
    for (let i = 0; i < floors.length; i++) {
      if (fracs[i].minus(half).abs().lt(MARGIN)) return null;
      out.push(fracs[i].gte(half) ? floors[i] + 1n : floors[i]);
    }
    return out;
  }
  let left = total;
  for (const f of floors) left -= f;
  const k = Number(left);
  if (k < 0 || k > weights.length) return null;
  const order = ws.map((_, i) => i);
  order.sort((a, b) => {
    const c = fracs[b].comparedTo(fracs[a]);
    return c !== 0 ? c : a - b;
  });
  if (k > 0 && k < order.length) {
    // Who is in and who is out is decided at the boundary; near-ties there need exactness.
    const boundary = fracs[order[k - 1]];
    const near = order.filter((i) => fracs[i].minus(boundary).abs().lt(MARGIN));
    if (near.length > 1) {
      // Equal floors: the larger weight has the larger fraction, exactly.
      if (!near.every((i) => floors[i] === floors[near[0]])) return null;
      const exactOrder = near.slice().sort((a, b) => {
        const c = compareRational(weights[b], weights[a]);
        return c !== 0 ? c : a - b;
      });
      const firstNear = Math.min(...near.map((i) => order.indexOf(i)));
      const rest = order.filter((i) => !near.includes(i));
      const before = rest.slice(0, firstNear);
      const after = rest.slice(firstNear);
      order.splice(0, order.length, ...before, ...exactOrder, ...after);
    }
  }
  const out = floors.slice();
  for (let i = 0; i < k; i++) out[order[i]] += 1n;
  return out;
}
