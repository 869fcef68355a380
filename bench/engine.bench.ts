/**
 * `npm run bench`: median time of one full allocation — the 21 regions of each shipped year,
 * and 10 000 synthetic regions under a custom rule set — with the sums checked exactly.
 */
import { allocate } from "../src/domain/engine";
import { parseRuleSet } from "../src/domain/parseRuleSet";
import { getRuleSet, shippedRuleSets } from "../src/domain/rules";
import type { RuleSet } from "../src/domain/ruleSet";
import type { AllocationResult, RegionInput } from "../src/domain/types";
import { SWEDISH_REGIONS } from "../src/domain/regions";
import { syntheticRuleSetJson } from "./syntheticRuleSet";

/** A deterministic pseudo-random sequence, so every run measures the same inputs. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function checkExact(r: AllocationResult): void {
  for (const b of r.blocks) {
    let paid = 0n;
    for (const x of r.regions) paid += BigInt(x.blocks[b.id]);
    if (
      paid !== BigInt(b.distributed) ||
      b.distributed + b.undistributed + b.roundingDifference !== b.budget
    ) {
      throw new Error(`block ${b.id} does not add up`);
    }
  }
}

function measure(label: string, rs: RuleSet, inputs: RegionInput[], runs: number): number {
  checkExact(allocate(rs, inputs)); // warm-up, and the sums checked
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    allocate(rs, inputs);
    times.push(performance.now() - t0);
  }
  const m = median(times);
  console.log(
    `${label.padEnd(44)} median ${m.toFixed(3).padStart(9)} ms  (${runs} runs, sums exact)`,
  );
  return m;
}

function swedishInputs(year: number, rnd: (n: number) => number): RegionInput[] {
  const rs = getRuleSet(year)!;
  return SWEDISH_REGIONS.map((r) => {
    const baseline = Number(rs.inputs.baseline?.defaults?.[r.code]?.match(/^\d+/)?.[0] ?? 50);
    return {
      code: r.code,
      at: baseline + rnd(20) - 5,
      population: 60000 + rnd(2400000),
      baseline: rs.inputs.baseline ? baseline : undefined,
      forecast: rnd(10) > 0,
    };
  });
}

function syntheticRuleSet(n: number): RuleSet {
  return parseRuleSet(
    syntheticRuleSetJson({
      regions: n,
      year: 2090,
      budget: 10_000_000_000,
      title: { sv: "Syntetisk", en: "Synthetic" },
      source: "bench/engine.bench.ts",
    }),
  );
}

const rnd = lcg(20241101);
const results: Record<string, number> = {};
for (const rs of shippedRuleSets()) {
  results[`${rs.year}`] = measure(`${rs.year}: 21 regions`, rs, swedishInputs(rs.year, rnd), 500);
}
const big = syntheticRuleSet(10_000);
const bigInputs: RegionInput[] = big.regions!.map((r) => {
  const baseline = 20 + rnd(300);
  return {
    code: r.code,
    at: rnd(50) === 0 ? null : baseline + rnd(16) - 4,
    population: 20000 + rnd(2_000_000),
    baseline,
  };
});
results.big = measure("custom: 10 000 synthetic regions", big, bigInputs, 15);

/** The open vocabulary at size: a capped proportional block and a per-unit block with a top-k leftover. */
function vocabularyRuleSet(regions: { code: string; name: string }[]): RuleSet {
  const T = (s: string) => ({ sv: s, en: s });
  return parseRuleSet({
    format: 1,
    year: 2091,
    title: T("Syntetisk, tak och per enhet"),
    reference: "bench",
    sources: ["bench/engine.bench.ts"],
    budget: 10_000_000_000,
    regions,
    inputs: {
      at: { required: false },
      population: { required: true },
      ops: { required: true, label: T("ops {Y}"), headers: ["Ops {Y}"] },
    },
    measures: { opsPer100k: { per100k: "ops" } },
    blocks: [
      {
        id: "capped",
        name: T("Tak"),
        budget: 5_000_000_000,
        eligible: [],
        split: { kind: "proportional", weight: "ops" },
        cap: { perRegion: 900_000 },
      },
      {
        id: "perUnit",
        name: T("Per enhet"),
        budget: 5_000_000_000,
        eligible: [{ reported: "ops" }],
        split: {
          kind: "perUnit",
          measure: "ops",
          amount: 1_000,
          leftover: { policy: "top", among: "eligible", k: 5, by: "opsPer100k", split: "equal" },
        },
      },
    ],
  });
}
const vocab = vocabularyRuleSet(big.regions!.map((r) => ({ code: r.code, name: r.name })));
const vocabInputs: RegionInput[] = big.regions!.map((r) => ({
  code: r.code,
  at: null,
  population: 20000 + rnd(2_000_000),
  counts: { ops: rnd(40) === 0 ? null : rnd(2000) },
}));
results.vocab = measure("capped + per-unit: 10 000 synthetic regions", vocab, vocabInputs, 15);

const worst21 = Math.max(...shippedRuleSets().map((rs) => results[`${rs.year}`]));
console.log(
  `\ntargets: 21 regions < 1 ms (${worst21 < 1 ? "met" : "MISSED"}), 10 000 regions < 250 ms (${results.big < 250 && results.vocab < 250 ? "met" : "MISSED"})`,
);
