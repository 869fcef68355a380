/**
 * The example rule sets of examples/rule-sets/: shapes the AT rules may take next year (a fixed
 * amount plus a split by population, rates per unit with a top-5 leftover, caps, a new input
 * with a split by expansion). Each runs from its file and small workbook through the reader
 * and the engine — no code per shape — and matches its expected result to the krona; the key
 * numbers are also checked by hand (docs/rule-sets.md explains them).
 */
import fs from "node:fs";
import path from "node:path";
import { readAndAllocate } from "../../src/app/pipeline";
import { parseRuleSet } from "../../src/domain/parseRuleSet";
import type { AllocationResult } from "../../src/domain/types";
import { readWorkbookFile } from "../../src/files/readWorkbookFile";

const DIR = path.resolve(__dirname, "../../examples/rule-sets");
const NAMES = ["capacity-2025", "komiljarden-2025", "capped-2026", "at-2026"];

async function run(name: string): Promise<AllocationResult> {
  const ruleSet = parseRuleSet(JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), "utf8")));
  const grid = await readWorkbookFile(path.join(DIR, `${name}.csv`));
  const outcome = readAndAllocate(grid, ruleSet, {});
  expect(outcome.issues.filter((i) => i.severity === "error")).toEqual([]);
  return outcome.result!;
}

const amount = (r: AllocationResult, code: string, block: string) =>
  r.regions.find((x) => x.code === code)!.blocks[block];

describe.each(NAMES)("%s", (name) => {
  test("matches its expected result to the krona, and every block adds up", async () => {
    const r = await run(name);
    const expected = JSON.parse(fs.readFileSync(path.join(DIR, `${name}.expected.json`), "utf8"));
    const got = {
      regions: Object.fromEntries(r.regions.map((x) => [x.code, { ...x.blocks, total: x.total }])),
      blocks: Object.fromEntries(
        r.blocks.map((b) => [
          b.id,
          {
            budget: b.budget,
            ladder: b.ladder,
            leftover: b.leftover,
            distributed: b.distributed,
            undistributed: b.undistributed,
            overflow: b.overflow,
          },
        ]),
      ),
    };
    expect(got).toEqual(expected);
    for (const b of r.blocks) {
      const paid = r.regions.reduce((s, x) => s + x.blocks[b.id], 0);
      expect(paid).toBe(b.distributed);
      expect(b.distributed + b.undistributed + b.roundingDifference).toBe(b.budget);
    }
  });
});

test("capacity grant: 100 000 000 kr to every region, the rest by population", async () => {
  const r = await run("capacity-2025");
  expect(r.regions.every((x) => x.blocks.fast === 100_000_000)).toBe(true);
  // Gotland: 3 786 500 000 × 61 212 / 10 583 352 = 21 900 361,81…: the floor, and one of the kronor
  // left over for its large remainder → 21 900 362
  expect(amount(r, "09", "befolkning")).toBe(21_900_362);
});

test("kömiljarden: rates per operation, the unearned money equally to the top five per inhabitant", async () => {
  const r = await run("komiljarden-2025");
  // Stockholm: 725 × 108 000 + 225 × 39 000 + 2 450 × 19 000 = 133 625 000
  expect(amount(r, "01", "operationer")).toBe(133_625_000);
  const b = r.blocks.find((x) => x.id === "operationer")!;
  expect([b.ladder, b.leftover]).toEqual([596_906_000, 303_094_000]);
  // Five regions get 303 094 000 / 5 = 60 618 800 on top of their rates.
  const withShare = r.regions.filter((x) => x.trace.operationer.sv.includes("en av de 5"));
  expect(withShare.map((x) => x.region)).toEqual([
    "Sörmland",
    "Gotland",
    "Värmland",
    "Dalarna",
    "Gävleborg",
  ]);
  expect(amount(r, "04", "operationer")).toBe(18_028_000 + 60_618_800);
});

test("capped: Gotland gets exactly its cap; Stockholm's population share is capped and the rest shared again", async () => {
  const r = await run("capped-2026");
  expect(amount(r, "09", "okning")).toBe(5_000_000); // 40 more × 150 000 = 6 000 000 > cap
  expect(amount(r, "01", "befolkning")).toBe(60_000_000);
  for (const x of r.regions) expect(x.blocks.befolkning).toBeLessThanOrEqual(60_000_000);
  expect(amount(r, "06", "okning")).toBe(0); // no increase
  expect(r.blocks.find((x) => x.id === "okning")!.undistributed).toBe(136_000_000);
});

test("a 2026-style AT year: a new input (ST) read from its column, a split by expansion", async () => {
  const r = await run("at-2026");
  // Block 2: by expansion among those ≥ 1; Stockholm 300 − 290 = 10 of 62 in all.
  expect(amount(r, "01", "block2")).toBe(16_129_032);
  expect(amount(r, "07", "block2")).toBe(0); // Kronoberg 36 − 36 = 0: not eligible
  expect(r.blocks.find((x) => x.id === "block3")!.measure).toBeUndefined();
  expect(r.regions[0].trace.block3.sv).toContain("ST per 100 000 invånare");
});

test("the plan follows a loaded rule file: its sources and measure labels, with no rule set passed", async () => {
  const { planWrite } = await import("../../src/workbook/planWrite");
  const ruleSet = parseRuleSet(
    JSON.parse(fs.readFileSync(path.join(DIR, "capped-2026.json"), "utf8")),
  );
  const grid = await readWorkbookFile(path.join(DIR, "capped-2026.csv"));
  const outcome = readAndAllocate(grid, ruleSet, {});
  const plan = planWrite({
    workbook: grid,
    read: outcome.read!,
    result: outcome.result!,
    issues: outcome.issues,
    lang: "sv",
    now: new Date(2026, 11, 1),
    sourceName: "capped-2026.csv",
  });
  expect(plan.columns.headers.map((h) => h.value)).toContain("Ökning block 1");
  const sources = plan.summary.cells.find((r) => r[0]?.value === "Källor");
  expect(sources?.[1].value).toBe(ruleSet.sources[0]);
});
