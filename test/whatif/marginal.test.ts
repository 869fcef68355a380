import { allocate } from "../../src/domain/engine";
import { getRuleSet } from "../../src/domain/rules";
import type { RegionInput } from "../../src/domain/types";
import {
  goalSeek,
  marginalTable,
  marginalTables,
  MarginalError,
  nextStep,
  RegionVariations,
} from "../../src/domain/whatif/marginal";
import { SWEDISH_REGIONS } from "../../src/domain/regions";

const rs = getRuleSet(2024)!;
const inputs: RegionInput[] = SWEDISH_REGIONS.map((r, i) => ({
  code: r.code,
  at: 40 + ((i * 7) % 30),
  population: 150000 + i * 37000,
  baseline: 38 + ((i * 5) % 25),
}));
const HALLAND = "13";

function engineAt(code: string, at: number) {
  const edited = inputs.map((i) => (i.code === code ? { ...i, at } : i));
  return allocate(rs, edited).regions.find((r) => r.code === code)!;
}

describe("marginalTable", () => {
  const table = marginalTable(rs, inputs, HALLAND);
  const base = inputs.find((i) => i.code === HALLAND)!.at!;

  test("−5 … +20 by default, each row the engine's own on the edited inputs", () => {
    expect(table.steps.map((s) => s.delta)).toEqual(Array.from({ length: 26 }, (_, i) => i - 5));
    for (const s of [table.steps[0], table.steps[5], table.steps[17], table.steps[25]]) {
      const r = engineAt(HALLAND, base + s.delta);
      expect(s.at).toBe(base + s.delta);
      expect(s.blocks).toEqual(r.blocks);
      expect(s.total).toBe(r.total);
      expect(s.step).toEqual(r.steps);
    }
    expect(table.region).toBe("Halland");
  });

  test("money per extra post and the step marks follow the rows", () => {
    for (let i = 1; i < table.steps.length; i++) {
      const [a, b] = [table.steps[i - 1], table.steps[i]];
      expect(b.perPost).toBe(b.total - a.total);
      expect(b.newStep).toBe(a.step.block2 !== b.step.block2);
    }
    expect(table.steps[0].perPost).toBeNull();
  });

  test("the next step: the fewest posts more to a higher step, and what it brings", () => {
    const now = engineAt(HALLAND, base);
    const next = table.next!;
    expect(next).not.toBeNull();
    const there = engineAt(HALLAND, base + next.posts);
    expect(there.steps.block2).toBeGreaterThan(now.steps.block2 ?? -Infinity);
    for (let p = 1; p < next.posts; p++)
      expect(engineAt(HALLAND, base + p).steps.block2).toBe(now.steps.block2);
    expect(next.gain).toBe(there.total - now.total);
    expect(next.text.sv).toMatch(
      new RegExp(`^nästa steg \\(block 2\\) kräver ${next.posts} AT till \\(\\+`),
    );
  });

  test("a region without AT reported starts from 0; no negative counts", () => {
    const none = inputs.map((i) => (i.code === HALLAND ? { ...i, at: null } : i));
    const t = marginalTable(rs, none, HALLAND, { from: -3, to: 2 });
    expect(t.at).toBeNull();
    expect(t.steps.map((s) => s.at)).toEqual([0, 1, 2]);
  });

  test("unknown region and an empty range are refused", () => {
    expect(() => marginalTable(rs, inputs, "99")).toThrow(MarginalError);
    expect(() => marginalTable(rs, inputs, HALLAND, { from: 3, to: 1 })).toThrow(MarginalError);
  });

  test("all regions at once", () => {
    const all = marginalTables(rs, inputs, { from: 0, to: 1 });
    expect(all).toHaveLength(21);
    expect(all[3].steps[1].total).toBe(engineAt(all[3].code, inputs[3].at! + 1).total);
  });
});

describe("goalSeek", () => {
  const v = new RegionVariations(rs, inputs, HALLAND);
  const base = v.base;

  test("the smallest count reaching at least the amount", () => {
    const target = engineAt(HALLAND, base + 6).total;
    const g = goalSeek(v, target);
    expect(g.at).not.toBeNull();
    expect(engineAt(HALLAND, g.at!).total).toBeGreaterThanOrEqual(target);
    for (let at = 0; at < g.at!; at++) expect(v.resultAt(at).total).toBeLessThan(target);
    expect(g.delta).toBe(g.at! - base);
    expect(g.text.sv).toContain("kräver minst");
  });

  test("none within the bound", () => {
    const g = goalSeek(v, rs.budget + 1, 10);
    expect(g.at).toBeNull();
    expect(g.text.en).toContain("is not reached");
  });

  test("nextStep looks beyond a table when asked", () => {
    expect(nextStep(rs, v, 0)).toBeNull();
  });
});
