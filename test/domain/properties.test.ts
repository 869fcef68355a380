import fc from "fast-check";
import { allocate } from "../../src/domain/engine";
import { getRuleSet, shippedRuleSets } from "../../src/domain/rules";
import type { RuleSet } from "../../src/domain/ruleSet";
import type { RegionInput } from "../../src/domain/types";
import { CODES } from "./helpers";

/** Random but plausible inputs for a rule set: some regions absent, some not reporting. */
function inputsArb(rs: RuleSet): fc.Arbitrary<RegionInput[]> {
  const row = (code: string) =>
    fc
      .record({
        present: fc.boolean(),
        at: fc.option(fc.integer({ min: 0, max: 400 }), { freq: 6 }),
        population: fc.integer({ min: 50_000, max: 2_500_000 }),
        baselineHalves: fc.integer({ min: 0, max: 800 }),
        rewarded: fc.integer({ min: 0, max: 5 }),
        forecast: fc.boolean(),
        group: fc.option(fc.constantFrom(...Object.keys(rs.groups ?? { none: 0 })), { freq: 8 }),
      })
      .map((r) => {
        const input: RegionInput = {
          code,
          at: r.at,
          population: r.population,
          forecast: r.forecast,
        };
        if (rs.inputs.baseline) input.baseline = (r.baselineHalves / 2).toString();
        if (rs.inputs.rewarded) input.rewarded = r.rewarded;
        if (rs.groups && r.group !== null) input.group = r.group;
        return r.present ? input : null;
      });
  return fc
    .tuple(...CODES.map(row))
    .map((rows) => rows.filter((r): r is RegionInput => r !== null));
}

const years = shippedRuleSets().map((rs) => [rs.year, rs] as const);

describe.each(years)("properties of %i", (_year, rs) => {
  it("each block pays exactly its budget minus what it reports undistributed, in whole kronor ≥ 0", () => {
    fc.assert(
      fc.property(inputsArb(rs), (inputs) => {
        const r = allocate(rs, inputs);
        for (const b of r.blocks) {
          const paid = r.regions.reduce((s, x) => s + x.blocks[b.id], 0);
          expect(paid).toBe(b.distributed);
          expect(b.ladder + b.leftover).toBe(b.distributed);
          expect(b.distributed + b.undistributed).toBe(b.budget);
          expect(b.undistributed).toBeGreaterThanOrEqual(0);
        }
        for (const x of r.regions) {
          for (const a of Object.values(x.blocks)) {
            expect(Number.isSafeInteger(a) && a >= 0).toBe(true);
          }
          expect(x.total).toBe(Object.values(x.blocks).reduce((s, a) => s + a, 0));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("does not depend on row order, and the same input gives the same output", () => {
    fc.assert(
      fc.property(
        inputsArb(rs).chain((inputs) =>
          fc.tuple(
            fc.constant(inputs),
            fc.shuffledSubarray(inputs, { minLength: inputs.length, maxLength: inputs.length }),
          ),
        ),
        ([inputs, shuffled]) => {
          const a = allocate(rs, inputs);
          expect(allocate(rs, shuffled)).toEqual(a);
          expect(allocate(rs, inputs)).toEqual(a);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("raising only one region's count never lowers its share of a proportional block", () => {
  const proportional = [
    [2024, "block1"],
    [2025, "block2"],
  ] as const;
  it.each(proportional)("%i %s", (year, blockId) => {
    const rs = getRuleSet(year)!;
    fc.assert(
      fc.property(
        inputsArb(rs),
        fc.nat(),
        fc.integer({ min: 1, max: 50 }),
        (inputs, pick, plus) => {
          const reporting = inputs.filter((i) => i.at !== null);
          if (reporting.length === 0) return;
          const target = reporting[pick % reporting.length];
          const before = allocate(rs, inputs).regions.find((x) => x.code === target.code)!.blocks[
            blockId
          ];
          const raised = inputs.map((i) =>
            i === target ? { ...i, at: (i.at as number) + plus } : i,
          );
          const after = allocate(rs, raised).regions.find((x) => x.code === target.code)!.blocks[
            blockId
          ];
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
      { numRuns: 150 },
    );
  });
});
