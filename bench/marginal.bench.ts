/**
 * `npm run bench`: the marginal table ("what one more post is worth") for all 21 regions at
 * once, −5 … +20 posts each (21 × 26 allocations), on each shipped year's rules. Target: median
 * under 100 ms. The table runs the engine without texts, the other regions' rows built once
 * (AtVariations); its figures are checked against a plain allocate on the edited inputs, and
 * one plain allocation (traces included) is timed beside it for scale.
 */
import { allocate } from "../src/domain/engine";
import { shippedRuleSets } from "../src/domain/rules";
import type { RuleSet } from "../src/domain/ruleSet";
import type { RegionInput } from "../src/domain/types";
import { SWEDISH_REGIONS } from "../src/domain/regions";
import { marginalTables } from "../src/domain/whatif/marginal";

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function inputsFor(rs: RuleSet): RegionInput[] {
  let seed = 20261201;
  const rnd = (n: number) => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed % n;
  };
  return SWEDISH_REGIONS.map((r) => {
    const baseline = Number(rs.inputs.baseline?.defaults?.[r.code]?.match(/^\d+/)?.[0] ?? 50);
    return {
      code: r.code,
      at: baseline + rnd(20) - 5,
      population: 60000 + rnd(2400000),
      baseline: rs.inputs.baseline ? baseline : undefined,
      forecast: true,
      group: null,
    };
  });
}

/** One row of the table against the engine run on its own. */
function check(rs: RuleSet, inputs: RegionInput[]): void {
  const tables = marginalTables(rs, inputs);
  const t = tables[7];
  const row = t.steps[t.steps.length - 3];
  const edited = inputs.map((i) => (i.code === t.code ? { ...i, at: row.at } : i));
  const r = allocate(rs, edited).regions.find((x) => x.code === t.code)!;
  if (r.total !== row.total) throw new Error(`${rs.year}: ${t.region} +${row.delta} differs`);
}

let worst = 0;
for (const rs of shippedRuleSets()) {
  const inputs = inputsFor(rs);
  check(rs, inputs);
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    marginalTables(rs, inputs);
    times.push(performance.now() - t0);
  }
  const m = median(times);
  worst = Math.max(worst, m);
  // One allocation on the same inputs, measured between the same runs: the table is 526 of them.
  const one: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    allocate(rs, inputs);
    one.push(performance.now() - t0);
  }
  console.log(
    `marginal ${rs.year}: 21 regions × 26 steps`.padEnd(44) +
      ` median ${m.toFixed(2).padStart(9)} ms  (21 runs, checked against allocate;` +
      ` one allocation ${median(one).toFixed(3)} ms)`,
  );
}
console.log(
  `\ntarget: all 21 regions −5 … +20 < 100 ms (${worst < 100 ? "met" : "MISSED"}); 526 allocations` +
    ` (row 0 shared) without texts, one region's row rebuilt each`,
);
