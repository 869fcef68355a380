import fc from "fast-check";
import { apportion, rational, type Rational } from "../../src/domain/apportion";

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

describe("apportion (largest remainder)", () => {
  it("splits equally and gives the leftover kronor to the first in order", () => {
    // RULES.md 2025: 44 000 000 / 21 = 2 095 238 each, the 2 kr left go to codes 01 and 03.
    const out = apportion(
      44000000n,
      Array.from({ length: 21 }, () => rational(1n)),
    )!;
    expect(out[0]).toBe(2095239n);
    expect(out[1]).toBe(2095239n);
    expect(out.slice(2).every((x) => x === 2095238n)).toBe(true);
    expect(sum(out)).toBe(44000000n);
  });

  it("gives the krona to the largest fractional part, not to list order", () => {
    // shares 10 * (1/6, 2/6, 3/6) = 1.67, 3.33, 5 → floors 1, 3, 5; one krona left → first (.67)
    expect(apportion(10n, [rational(1n), rational(2n), rational(3n)])).toEqual([2n, 3n, 5n]);
    // 10 * (3/6, 2/6, 1/6): the .67 is now last
    expect(apportion(10n, [rational(3n), rational(2n), rational(1n)])).toEqual([5n, 3n, 2n]);
  });

  it("breaks an exact tie of fractions across different amounts by list order", () => {
    // 2 kr by weights 1 and 3 of 4: 0.5 and 1.5 — equal fractions; one krona left → first.
    expect(apportion(2n, [rational(1n), rational(3n)])).toEqual([1n, 1n]);
    expect(apportion(2n, [rational(3n), rational(1n)])).toEqual([2n, 0n]);
  });

  it("returns null when nothing can be weighed", () => {
    expect(apportion(100n, [])).toBeNull();
    expect(apportion(100n, [rational(0n), rational(0n)])).toBeNull();
  });

  it("gives nothing to a zero weight", () => {
    expect(apportion(7n, [rational(0n), rational(1n), rational(1n)])).toEqual([0n, 4n, 3n]);
  });

  it("rounds half-up on request, where the sum may differ", () => {
    const out = apportion(
      44000000n,
      Array.from({ length: 21 }, () => rational(1n)),
      { method: "half-up" },
    )!;
    expect(out.every((x) => x === 2095238n)).toBe(true);
    expect(sum(out)).toBe(43999998n);
    expect(apportion(3n, [rational(1n), rational(1n)], { method: "half-up" })).toEqual([2n, 2n]);
  });

  const weightArb = fc
    .tuple(fc.bigInt({ min: 0n, max: 400n }), fc.bigInt({ min: 1n, max: 3_000_000n }))
    .map(([n, d]) => rational(n * 100000n, d));
  const casesArb = fc.record({
    total: fc.bigInt({ min: 0n, max: 500_000_000n }),
    weights: fc.array(weightArb, { minLength: 1, maxLength: 25 }),
  });

  it("always adds up exactly and never pays a negative amount", () => {
    fc.assert(
      fc.property(casesArb, ({ total, weights }) => {
        const out = apportion(total, weights);
        if (weights.every((w) => w.num === 0n)) return out === null;
        return out !== null && sum(out) === total && out.every((x) => x >= 0n);
      }),
    );
  });

  it("the decimal fast path agrees with exact integer arithmetic", () => {
    fc.assert(
      fc.property(casesArb, ({ total, weights }) => {
        const a = apportion(total, weights, { path: "exact" });
        const b = apportion(total, weights, { path: "fast" });
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it("the fast path resolves structured ties exactly (equal fractions, different amounts)", () => {
    // Equal populations make rates plain counts: shares like 10 1/3 and 1/3 tie on the fraction.
    const weights: Rational[] = [rational(1n), rational(31n), rational(1n), rational(31n)].map(
      (w) => rational(w.num * 100000n, 50000n),
    );
    for (const total of [64n, 65n, 66n, 100n, 1001n]) {
      expect(apportion(total, weights, { path: "fast" })).toEqual(
        apportion(total, weights, { path: "exact" }),
      );
    }
  });

  it("a larger weight never gets less (monotone in each weight)", () => {
    fc.assert(
      fc.property(
        casesArb,
        fc.nat(24),
        fc.bigInt({ min: 1n, max: 1000n }),
        ({ total, weights }, i, plus) => {
          const j = i % weights.length;
          const before = apportion(total, weights);
          const raised = weights.slice();
          raised[j] = rational(weights[j].num + plus * weights[j].den, weights[j].den);
          const after = apportion(total, raised)!;
          return before === null || after[j] >= before[j];
        },
      ),
    );
  });
});

describe("the remembered common denominator", () => {
  test("the same denominators with other numerators, one call after another, split as exactly", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3_000_000 }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.array(fc.nat(200), { minLength: 25, maxLength: 25 }), {
          minLength: 2,
          maxLength: 6,
        }),
        fc.bigInt({ min: 0n, max: 10_000_000_000n }),
        (dens, numerators, total) => {
          for (const nums of numerators) {
            // Unreduced, as the engine's weights are (AT · 100 000 / population).
            const weights = dens.map((d, i) => ({
              num: BigInt(nums[i]) * 100000n,
              den: BigInt(d),
            }));
            expect(apportion(total, weights)).toEqual(apportion(total, weights, { path: "exact" }));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
