/**
 * The bulk what-if engine (AtVariations: the engine without texts, the other regions' rows built
 * once) against `allocate` on the edited inputs: on random tables, random settings and random
 * AT counts, for every shipped year and every example rule set, the region's amounts per block,
 * its total and its ladder steps are the same to the krona.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { allocate, AtVariations, InputError } from "../../src/domain/engine";
import { interpretationsFor } from "../../src/domain/interpretations";
import { parseRuleSet } from "../../src/domain/parseRuleSet";
import { SWEDISH_REGIONS } from "../../src/domain/regions";
import { shippedRuleSets } from "../../src/domain/rules";
import type { RuleSet } from "../../src/domain/ruleSet";
import type { RegionInput, Settings } from "../../src/domain/types";
import { declaredInputs } from "../../src/domain/vocabulary/rows";
import { marginalTables } from "../../src/domain/whatif/marginal";

const DIR = path.resolve(__dirname, "../../examples/rule-sets");
const EXAMPLES = fs
  .readdirSync(DIR)
  .filter((f) => /^[a-z0-9-]+\.json$/.test(f) && !f.endsWith(".expected.json"))
  .map((f) => parseRuleSet(JSON.parse(fs.readFileSync(path.join(DIR, f), "utf8"))));

const RULE_SETS: [string, RuleSet][] = [
  ...shippedRuleSets().map((rs): [string, RuleSet] => [`shipped ${rs.year}`, rs]),
  ...EXAMPLES.map((rs): [string, RuleSet] => [`example ${rs.title.en}`, rs]),
];

const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 8 });

function regionArb(rs: RuleSet, code: string): fc.Arbitrary<RegionInput> {
  const counts: Record<string, fc.Arbitrary<number | null>> = {};
  for (const name of declaredInputs(rs)) counts[name] = orNull(fc.nat(400));
  const groups = Object.keys(rs.groups ?? {});
  return fc.record({
    code: fc.constant(code),
    at: orNull(fc.nat(150)),
    population: fc.integer({ min: 1000, max: 3_000_000 }),
    baseline: rs.inputs.baseline
      ? fc.oneof(
          fc.nat(120),
          fc.nat(120).map((n) => `${n}.5`),
          fc.constant(null),
        )
      : fc.constant(undefined),
    rewarded: rs.inputs.rewarded ? fc.nat(6) : fc.constant(undefined),
    forecast: fc.boolean(),
    group: groups.length
      ? fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, fc.constantFrom(...groups))
      : fc.constant(null),
    counts: fc.record(counts),
  });
}

/** Some of the rule set's regions (at least one), each with random figures. */
function tableArb(rs: RuleSet): fc.Arbitrary<RegionInput[]> {
  const codes = (rs.regions ?? SWEDISH_REGIONS).map((r) => r.code);
  return fc
    .subarray(codes, { minLength: 1 })
    .chain((some) => fc.tuple(...some.map((c) => regionArb(rs, c))));
}

function settingsArb(rs: RuleSet): fc.Arbitrary<Settings> {
  const parts: Record<string, fc.Arbitrary<string>> = {};
  for (const c of interpretationsFor(rs))
    parts[c.key] = fc.constantFrom(...c.options.map((o) => o.value));
  return fc.record(parts);
}

/** The engine's answer, or the class of what it threw. */
function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    return { threw: (e as Error).name };
  }
}

describe.each(RULE_SETS)("%s", (_name, rs) => {
  test("one region's AT changed: the fast path equals allocate on the edited inputs", () => {
    fc.assert(
      fc.property(
        tableArb(rs),
        settingsArb(rs),
        fc.nat(),
        fc.array(orNull(fc.nat(160)), { minLength: 1, maxLength: 4 }),
        (inputs, settings, pick, ats) => {
          const code = inputs[pick % inputs.length].code;
          const fast = outcome(() => new AtVariations(rs, inputs, settings));
          for (const at of ats) {
            const edited = inputs.map((i) => (i.code === code ? { ...i, at } : i));
            const expected = outcome(() => {
              const r = allocate(rs, edited, settings).regions.find((x) => x.code === code)!;
              return {
                code: r.code,
                region: r.region,
                blocks: r.blocks,
                total: r.total,
                steps: r.steps,
              };
            });
            const got = outcome(() => (fast as AtVariations).regionAt(code, at));
            if ("threw" in (fast as object)) {
              // Bad settings are refused up front, as allocate refuses them.
              expect((expected as { threw?: string }).threw).toBe(
                (fast as { threw: string }).threw,
              );
            } else {
              expect(got).toEqual(expected);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

test("the marginal table of every region is the engine's own, row by row", () => {
  const rs = shippedRuleSets().find((r) => r.year === 2024)!;
  const inputs: RegionInput[] = SWEDISH_REGIONS.map((r, i) => ({
    code: r.code,
    at: 30 + ((i * 11) % 40),
    population: 120000 + i * 53000,
    baseline: 28 + ((i * 7) % 30),
  }));
  for (const table of marginalTables(rs, inputs, { from: -2, to: 3 })) {
    for (const s of table.steps) {
      const edited = inputs.map((i) => (i.code === table.code ? { ...i, at: s.at } : i));
      const r = allocate(rs, edited).regions.find((x) => x.code === table.code)!;
      expect([s.blocks, s.total, s.step]).toEqual([r.blocks, r.total, r.steps]);
    }
  }
});

test("texts are back after a bulk run, also after one that threw", () => {
  const rs = shippedRuleSets().find((r) => r.year === 2024)!;
  const inputs: RegionInput[] = SWEDISH_REGIONS.map((r) => ({
    code: r.code,
    at: 50,
    population: 200000,
    baseline: 45,
  }));
  // No population for Stockholm: AT per 100 000 throws in the middle of the text-less run.
  const v = new AtVariations(
    rs,
    inputs.map((i) => (i.code === "01" ? { ...i, population: null } : i)),
  );
  expect(() => v.regionAt("01", 60)).toThrow(InputError);
  const r = allocate(rs, inputs);
  expect(r.regions[0].trace.block2.sv).toMatch(/utökning/);
  expect(r.blocks[0].explanation.sv).not.toBe("");
});
