/**
 * A rule set of its own for n synthetic regions (codes R0001…), shared by the benchmarks: a
 * block by AT per 100 000 (30 % of the budget) and a ladder on the expansion whose leftover is
 * shared by AT per 100 000 among the qualified (70 %).
 */
export function syntheticRuleSetJson(options: {
  regions: number;
  year: number;
  budget: number;
  title: { sv: string; en: string };
  source: string;
}): Record<string, unknown> {
  const width = String(options.regions).length;
  const regions = Array.from({ length: options.regions }, (_, i) => {
    const n = String(i + 1).padStart(width, "0");
    return { code: `R${n}`, name: `Region ${n}`, aliases: [] };
  });
  const block1 = (options.budget / 10) * 3;
  return {
    format: 1,
    year: options.year,
    title: options.title,
    reference: `BENCH-${options.regions}`,
    sources: [options.source],
    budget: options.budget,
    inputs: {
      at: { required: true },
      population: { required: true },
      baseline: { required: true },
    },
    regions,
    blocks: [
      {
        id: "block1",
        name: { sv: "Block 1 – Redovisa antal AT", en: "Block 1 – Report" },
        budget: block1,
        eligible: [{ reported: "at" }],
        split: { kind: "proportional", weight: "atPer100k" },
      },
      {
        id: "block2",
        name: { sv: "Block 2 – Utökning", en: "Block 2 – Expansion" },
        budget: options.budget - block1,
        eligible: [{ reported: "at" }],
        ladder: {
          measure: "expansion",
          steps: [
            { threshold: 2, amount: 300_000 },
            { threshold: 5, amount: 750_000 },
            { threshold: 10, amount: 2_000_000 },
          ],
          leftover: { policy: "proportional", among: "qualified", weight: "atPer100k" },
        },
      },
    ],
  };
}
