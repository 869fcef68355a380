/**
 * Splitting a whole-krona sum by exact shares (RULES.md, "Proportional shares and rounding to
 * whole kronor"). Default: the largest-remainder method — every region gets the floor of its
 * exact share, and the kronor left over go one each to the largest fractional parts, ties to
 * the lower county code. Alternative: each share rounded half-up on its own.
 *
 * Exactness: weights are rationals (bigint numerator/denominator). With a modest common
 * denominator the whole computation is done in integers. With thousands of unrelated
 * denominators (AT per 100 000 over 10 000 synthetic populations) a common denominator has
 * tens of thousands of digits, so shares are computed in 256-bit binary fixed point instead
 * (still integers: no floating point), and every comparison that decides a krona is checked
 * against a margin far above the truncation error; a decision inside the margin falls back to
 * the exact computation.
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
    const common = recentCommonDenominator(weights);
    if (common) return exactWith(total, weights, method, common.L, common.scale);
  }
  return fast(total, weights, method) ?? exact(total, weights, method);
}

function bitLength(n: bigint): bigint {
  return BigInt(n.toString(2).length);
}

/** lcm of the denominators, or null once it passes `limitBits`. */
function commonDenominator(weights: readonly Rational[], limitBits: bigint | null): bigint | null {
  let L = 1n;
  // An upper bound of L's bit length, kept without converting the (possibly huge) L itself.
  let bits = 1n;
  for (const w of weights) {
    if (w.den === 1n || L % w.den === 0n) continue;
    const factor = w.den / gcd(L % w.den, w.den);
    L *= factor;
    bits += bitLength(factor);
    if (limitBits !== null && bits > limitBits) return null;
  }
  return L;
}

interface Common {
  dens: bigint[];
  /** lcm of the denominators, and L / den per weight; null past EXACT_BITS. */
  common: { L: bigint; scale: bigint[] } | null;
}

/** The last few common denominators, newest first. */
const recent: Common[] = [];
const RECENT = 4;

/**
 * commonDenominator(weights, EXACT_BITS), remembered for the last few lists of denominators:
 * bulk what-if (the marginal table) splits by the same regions' populations hundreds of times
 * with only one numerator changed, and the lcm of 21 populations is the costly part.
 */
function recentCommonDenominator(weights: readonly Rational[]): Common["common"] {
  const n = weights.length;
  for (const c of recent) {
    if (c.dens.length !== n) continue;
    let same = true;
    for (let i = 0; i < n && same; i++) same = c.dens[i] === weights[i].den;
    if (same) return c.common;
  }
  const L = commonDenominator(weights, EXACT_BITS);
  const entry: Common = {
    dens: weights.map((w) => w.den),
    common: L === null ? null : { L, scale: weights.map((w) => L / w.den) },
  };
  recent.unshift(entry);
  if (recent.length > RECENT) recent.pop();
  return entry.common;
}

function exact(total: bigint, weights: readonly Rational[], method: RoundingMethod): bigint[] {
  return exactWith(total, weights, method, commonDenominator(weights, null) as bigint);
}

function exactWith(
  total: bigint,
  weights: readonly Rational[],
  method: RoundingMethod,
  L: bigint,
  scale?: readonly bigint[],
): bigint[] {
  const ints = scale
    ? weights.map((w, i) => w.num * scale[i])
    : weights.map((w) => w.num * (L / w.den));
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

/** Fixed-point bits of the fast path. */
const K = 256n;
const ONE = 1n << K;
/** Far above the fast path's error (below 2^-130 of a krona under the guards below). */
const FAST_MARGIN = 1n << (K - 64n);
const ONE_MINUS_MARGIN = ONE - FAST_MARGIN;
const FRACTION_MASK = ONE - 1n;
const LIMIT_40 = 1n << 40n;
const MIN_SCALED = 1n << (K - 40n);
const MAX_SCALED = 1n << (K + 150n);

/**
 * The fast path in binary fixed point (bigint, 256 fractional bits): exact integer arithmetic on
 * truncated weights, so its error has a known bound. Null where a decision falls within the
 * margin, or where the guards that make the bound hold do not.
 */
function fast(
  total: bigint,
  weights: readonly Rational[],
  method: RoundingMethod,
): bigint[] | null {
  if (total >= LIMIT_40 * LIMIT_40 || BigInt(weights.length) >= LIMIT_40) return null;
  const scaled: bigint[] = [];
  let sumScaled = 0n;
  for (const w of weights) {
    const x = (w.num << K) / w.den;
    // A weight below 2^-40 would make the truncation error matter, one of 2^150 or more would eat
    // the margin: do those exactly instead. (x < 2^(K-40) exactly when w < 2^-40.)
    if (x !== 0n ? x < MIN_SCALED || x >= MAX_SCALED : w.num !== 0n) return null;
    scaled.push(x);
    sumScaled += x;
  }
  // One division: y_i = s_i · F / 2^K with F = total · 2^2K / Σs; truncating F costs less
  // than w_i + 1 units of 2^-K krona per share, far below the margin.
  const F = (total << (2n * K)) / sumScaled;
  const floors: bigint[] = [];
  const fracs: bigint[] = [];
  for (let i = 0; i < scaled.length; i++) {
    const y = (scaled[i] * F) >> K;
    const f = y >> K;
    const frac = y & FRACTION_MASK;
    // A share this close to a whole krona could be on either side of it.
    if (scaled[i] !== 0n && (frac < FAST_MARGIN || frac > ONE_MINUS_MARGIN)) return null;
    floors.push(f);
    fracs.push(frac);
  }
  if (method === "half-up") {
    const half = ONE >> 1n;
    const out: bigint[] = [];
    for (let i = 0; i < floors.length; i++) {
      const d = fracs[i] - half;
      if ((d < 0n ? -d : d) < FAST_MARGIN) return null;
      out.push(fracs[i] >= half ? floors[i] + 1n : floors[i]);
    }
    return out;
  }
  let left = total;
  for (const f of floors) left -= f;
  const k = Number(left);
  if (k < 0 || k > weights.length) return null;
  const order = weights.map((_, i) => i);
  order.sort((a, b) => (fracs[a] === fracs[b] ? a - b : fracs[b] > fracs[a] ? 1 : -1));
  if (k > 0 && k < order.length) {
    // Who is in and who is out is decided at the boundary; near-ties there need exactness.
    const boundary = fracs[order[k - 1]];
    const near = (i: number) => {
      const d = fracs[i] - boundary;
      return (d < 0n ? -d : d) < FAST_MARGIN;
    };
    // Near-tied entries are contiguous in the sorted order.
    let lo = k - 1;
    while (lo > 0 && near(order[lo - 1])) lo--;
    let hi = k - 1;
    while (hi + 1 < order.length && near(order[hi + 1])) hi++;
    if (hi > lo) {
      const group = order.slice(lo, hi + 1);
      // Equal floors: the larger weight has the larger fraction, exactly; else do it all exactly.
      if (!group.every((i) => floors[i] === floors[group[0]])) return null;
      group.sort((a, b) => compareRational(weights[b], weights[a]) || a - b);
      order.splice(lo, group.length, ...group);
    }
  }
  const out = floors.slice();
  for (let i = 0; i < k; i++) out[order[i]] += 1n;
  return out;
}
