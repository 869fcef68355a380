import { compareAllocations, ComparisonError } from "../../src/domain/whatif/compare";
import type { Comparable } from "../../src/domain/whatif/compare";

const blocks = [
  { id: "b1", name: { sv: "Block 1 – Redovisa", en: "Block 1 – Report" } },
  { id: "b2", name: { sv: "Block 2 – Utökning", en: "Block 2 – Expansion" } },
];

function alloc(rows: [string, string, number, number, number | null][]): Comparable {
  return {
    year: 2024,
    blocks,
    regions: rows.map(([code, region, b1, b2, step]) => ({
      code,
      region,
      blocks: { b1, b2 },
      total: b1 + b2,
      steps: { b2: step },
    })),
  };
}

describe("compareAllocations", () => {
  // Hand-computed: Halland gains 1 500 in block 2 (step 7 → 10); the two others lose 1 000 and
  // 500 there, Gotland falls to 0 kr.
  const before = alloc([
    ["09", "Gotland", 100, 400, 3],
    ["13", "Halland", 200, 1000, 7],
    ["14", "Västra Götaland", 300, 2000, 10],
  ]);
  const after = alloc([
    ["09", "Gotland", 0, 0, null],
    ["13", "Halland", 200, 2500, 10],
    ["14", "Västra Götaland", 400, 1000, 10],
  ]);
  const c = compareAllocations(before, after);

  test("per region before → after and the difference, per block", () => {
    const halland = c.regions.find((r) => r.code === "13")!;
    expect(halland).toMatchObject({ before: 1200, after: 2700, diff: 1500, fellToZero: false });
    expect(halland.blocks.b2).toEqual({ before: 1000, after: 2500, diff: 1500 });
    expect(halland.steps).toEqual([{ block: "b2", before: 7, after: 10 }]);
    const vg = c.regions.find((r) => r.code === "14")!;
    expect(vg.blocks.b1.diff).toBe(100);
    expect(vg.diff).toBe(-900);
    expect(vg.steps).toEqual([]);
  });

  test("a region that falls to 0 kr stands out", () => {
    expect(c.regions.filter((r) => r.fellToZero).map((r) => r.region)).toEqual(["Gotland"]);
    expect(c.summary.sv).toContain("Gotland får 0\u00a0kr");
  });

  test("blocks and totals", () => {
    expect(c.blocks.map((b) => [b.id, b.before, b.after, b.diff])).toEqual([
      ["b1", 600, 600, 0],
      ["b2", 3400, 3500, 100],
    ]);
    expect(c.total).toEqual({ before: 4000, after: 4100, diff: 100 });
    expect(c.gainers.map((r) => r.code)).toEqual(["13"]);
    expect(c.losers.map((r) => r.code)).toEqual(["14", "09"]);
  });

  test("the one-line summary, in both languages", () => {
    expect(c.summary.sv).toBe(
      "Halland +1\u00a0500\u00a0kr, Västra Götaland \u2212900\u00a0kr, Gotland \u2212500\u00a0kr; " +
        "Gotland block 2 trappsteg 3 \u2192 inget, Halland block 2 trappsteg 7 \u2192 10; Gotland får 0\u00a0kr",
    );
    expect(c.summary.en).toContain("Halland +1,500\u00a0kr");
    expect(c.summary.en).toContain("Halland block 2 ladder step 7 \u2192 10");
  });

  test("many losers are counted; one region's step needs no name", () => {
    const codes = Array.from({ length: 21 }, (_, i) => String(i + 1).padStart(2, "0"));
    const rows = (gain: number, step: number) =>
      codes.map((code, i): [string, string, number, number, number | null] =>
        i === 12
          ? [code, "Halland", 0, 1000 + gain * 20, step]
          : [code, `R${code}`, 0, 1000 - gain, 1],
      );
    const s = compareAllocations(alloc(rows(0, 7)), alloc(rows(7, 10))).summary;
    expect(s.sv).toBe(
      "Halland +140\u00a0kr, 20 regioner \u2212140\u00a0kr sammanlagt; block 2 trappsteg 7 \u2192 10",
    );
    expect(s.en).toBe(
      "Halland +140\u00a0kr, 20 regions \u2212140\u00a0kr in all; block 2 ladder step 7 \u2192 10",
    );
  });

  test("nothing changed", () => {
    expect(compareAllocations(before, before).summary.sv).toBe("Ingen region får ett annat belopp");
  });

  test("different years are refused", () => {
    expect(() => compareAllocations({ ...before, year: 2025 }, after)).toThrow(ComparisonError);
  });
});
