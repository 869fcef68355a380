import { allocate, InputError, SettingsError } from "../../src/domain/engine";
import type { LeftoverPolicy } from "../../src/domain/ruleSet";
import { getRuleSet } from "../../src/domain/rules";
import { inputs, ruleSetWith } from "./helpers";

const rules2022 = getRuleSet(2022)!;
const rules2024 = getRuleSet(2024)!;
const rules2025 = getRuleSet(2025)!;

function amount(result: ReturnType<typeof allocate>, code: string, block: string) {
  return result.regions.find((r) => r.code === code)!.blocks[block];
}
function block(result: ReturnType<typeof allocate>, id: string) {
  return result.blocks.find((b) => b.id === id)!;
}

describe("equal split", () => {
  it("splits among the eligible only, leftover kronor to the lowest codes", () => {
    const rs = ruleSetWith([{ budget: 100, split: { kind: "equal" } }]);
    const r = allocate(
      rs,
      inputs({ "01": { at: 5 }, "03": { at: 0 }, "04": { at: null }, "05": { at: 9 } }),
    );
    // 04 did not report: 100 / 3 = 33 r 1 → 01 gets 34.
    expect([
      amount(r, "01", "block1"),
      amount(r, "03", "block1"),
      amount(r, "04", "block1"),
      amount(r, "05", "block1"),
    ]).toEqual([34, 33, 0, 33]);
    expect(block(r, "block1")).toMatchObject({
      distributed: 100,
      undistributed: 0,
      ladder: 0,
      leftover: 100,
      eligibleCount: 3,
    });
  });

  it("leaves the budget undistributed when nobody is eligible, and says so", () => {
    const rs = ruleSetWith([{ budget: 100, split: { kind: "equal" } }]);
    const r = allocate(rs, inputs({ "01": { at: null } }));
    expect(block(r, "block1")).toMatchObject({ distributed: 0, undistributed: 100 });
    expect(r.notices.map((n) => n.code)).toContain("block.nobody");
    expect(r.regions.every((x) => x.total === 0)).toBe(true);
  });
});

describe("proportional split", () => {
  it("by count", () => {
    const rs = ruleSetWith([{ budget: 1000, split: { kind: "proportional", weight: "at" } }]);
    const r = allocate(
      rs,
      inputs({ "01": { at: 1 }, "03": { at: 2 }, "04": { at: 3 }, "05": { at: 0 } }),
    );
    // 166.67, 333.33, 500, 0 → floors 166, 333, 500 (999); the krona to .67 (01)
    expect(["01", "03", "04", "05"].map((c) => amount(r, c, "block1"))).toEqual([167, 333, 500, 0]);
  });

  it("by AT per 100 000 inhabitants, exactly", () => {
    const rs = ruleSetWith([
      { budget: 1000, split: { kind: "proportional", weight: "atPer100k" } },
    ]);
    // rates 10/100000 and 10/300000 → 3:1 → 750 / 250
    const r = allocate(
      rs,
      inputs({ "01": { at: 10, population: 100000 }, "03": { at: 10, population: 300000 } }),
    );
    expect(amount(r, "01", "block1")).toBe(750);
    expect(amount(r, "03", "block1")).toBe(250);
    expect(r.regions[0].trace.block1.sv).toContain("10 AT per 100 000 invånare");
  });

  it("a region reporting 0 takes part (and gets 0); one not reporting does not", () => {
    const r = allocate(rules2024, [
      { code: "01", at: 0, population: 100000, baseline: 0 },
      { code: "03", at: 10, population: 100000, baseline: 10 },
      { code: "04", at: null, population: 100000, baseline: 10 },
    ]);
    expect(block(r, "block1").eligibleCount).toBe(2);
    expect(amount(r, "01", "block1")).toBe(0);
    expect(amount(r, "03", "block1")).toBe(63000000);
    expect(r.regions.find((x) => x.code === "04")!.trace.block1.en).toContain(
      "did not report AT 2024",
    );
  });

  it("needs the population where it weighs by AT per 100 000", () => {
    expect(() => allocate(rules2025, [{ code: "01", at: 5, forecast: true }])).toThrow(InputError);
  });
});

describe("ladder", () => {
  const ladder = (leftover: LeftoverPolicy) =>
    ruleSetWith([
      {
        budget: 100,
        eligible: [{ reported: "at" }],
        ladder: {
          measure: "expansion",
          steps: [
            { threshold: 2, amount: 10 },
            { threshold: 5, amount: 30 },
          ],
          leftover,
        },
      },
    ]);

  it("pays the highest step reached only, exactly on a threshold, nothing one below", () => {
    const rs = ladder({ policy: "undistributed" });
    const r = allocate(
      rs,
      inputs({
        "01": { at: 12, baseline: 10 }, // exactly 2
        "03": { at: 11, baseline: 10 }, // 1: below the first step
        "04": { at: 15, baseline: 10 }, // exactly 5: 30, not 10 + 30
        "05": { at: 14, baseline: 10 }, // 4: step 2
        "06": { at: 14, baseline: "9.5" }, // 4.5: step 2
      }),
    );
    expect(["01", "03", "04", "05", "06"].map((c) => amount(r, c, "block1"))).toEqual([
      10, 0, 30, 10, 10,
    ]);
    expect(block(r, "block1")).toMatchObject({
      ladder: 60,
      leftover: 0,
      distributed: 60,
      undistributed: 40,
      qualifiedCount: 4,
    });
    expect(r.regions.find((x) => x.code === "03")!.steps.block1).toBeNull();
    expect(r.regions.find((x) => x.code === "06")!.measures.block1).toBe("4.5");
  });

  it("subtracts already rewarded posts from the expansion", () => {
    const r = allocate(rules2024, [
      { code: "01", at: 300, population: 2000000, baseline: 280, rewarded: 6 },
    ]);
    // 300 − 280 − 6 = 14 → step 10 → 20 000 000, and the whole leftover
    expect(r.regions[0].measures.block2).toBe("14");
    expect(r.regions[0].steps.block2).toBe(10);
    expect(amount(r, "01", "block2")).toBe(160000000);
    expect(r.regions[0].trace.block2.sv).toContain("redan ersatta 6");
  });

  it("shares the leftover proportionally among the qualified only", () => {
    const rs = ladder({ policy: "proportional", among: "qualified", weight: "at" });
    const r = allocate(
      rs,
      inputs({
        "01": { at: 12, baseline: 10 },
        "03": { at: 36, baseline: 30 },
        "04": { at: 10, baseline: 10 },
      }),
    );
    // ladder 10 + 30 = 40; leftover 60 by AT 12 : 36 → 15 / 45
    expect(["01", "03", "04"].map((c) => amount(r, c, "block1"))).toEqual([25, 75, 0]);
    expect(block(r, "block1")).toMatchObject({
      ladder: 40,
      leftover: 60,
      distributed: 100,
      undistributed: 0,
    });
  });

  it("leaves the leftover undistributed when nobody qualified", () => {
    const rs = ladder({ policy: "proportional", among: "qualified", weight: "at" });
    const r = allocate(rs, inputs({ "01": { at: 10, baseline: 10 } }));
    expect(block(r, "block1")).toMatchObject({
      ladder: 0,
      leftover: 0,
      distributed: 0,
      undistributed: 100,
    });
    expect(r.notices.map((n) => n.code)).toContain("leftover.undistributed");
  });

  it("scales the ladder down pro rata on overflow and flags it", () => {
    const rs = ladder({ policy: "proportional", among: "qualified", weight: "at" });
    const r = allocate(
      rs,
      inputs({
        "01": { at: 15, baseline: 10 }, // 30
        "03": { at: 15, baseline: 10 }, // 30
        "04": { at: 15, baseline: 10 }, // 30
        "05": { at: 12, baseline: 10 }, // 10 → 100 total = budget: no overflow yet
      }),
    );
    expect(block(r, "block1").overflow).toBe(false);
    const over = allocate(
      rs,
      inputs({
        "01": { at: 15, baseline: 10 },
        "03": { at: 15, baseline: 10 },
        "04": { at: 15, baseline: 10 },
        "05": { at: 15, baseline: 10 }, // 120 > 100 → 25 each
        "06": { at: 12, baseline: 10 }, // 10 → 130: 23.08, … 7.69
      }),
    );
    const b = block(over, "block1");
    expect(b).toMatchObject({
      overflow: true,
      ladder: 100,
      leftover: 0,
      distributed: 100,
      undistributed: 0,
    });
    // 100 * 30/130 = 23.077 (×4), 100 * 10/130 = 7.692 → floors 92 + 7 = 99; the krona to 06 (.692 > .077)
    expect(["01", "03", "04", "05", "06"].map((c) => amount(over, c, "block1"))).toEqual([
      23, 23, 23, 23, 8,
    ]);
    expect(over.notices.map((n) => n.code)).toContain("ladder.overflow");
  });
});

describe("2022 leftovers: the regions that increased the most", () => {
  const base = (at: Record<string, number>) =>
    Object.entries(at).map(([code, a]) => ({ code, at: a, baseline: 0 }));

  it("block 3: the top three, and every region tied with the third, share equally", () => {
    // god-nivå regions 04..08: expansions 9, 7, 5, 5, 2 → top three by expansion: 9, 7 and both 5s
    const r = allocate(rules2022, base({ "04": 9, "05": 7, "06": 5, "07": 5, "08": 2 }));
    const b3 = block(r, "block3");
    expect(b3.ladder).toBe(9e6 + 7e6 + 5e6 + 5e6 + 2e6);
    const left = 164000000 - b3.ladder; // 136 000 000 / 4 = 34 000 000
    expect(amount(r, "04", "block3")).toBe(9e6 + left / 4);
    expect(amount(r, "07", "block3")).toBe(5e6 + left / 4);
    expect(amount(r, "08", "block3")).toBe(2e6);
    expect(b3).toMatchObject({ distributed: 164000000, undistributed: 0 });
  });

  it("block 3 by expansion on request (top3-2022=expansion)", () => {
    const r = allocate(rules2022, base({ "04": 9, "05": 7, "06": 5 }), {
      "top3-2022": "expansion",
    });
    const left = 164000000 - 21000000; // 143 000 000 by 9 : 7 : 5
    expect(amount(r, "04", "block3")).toBe(9e6 + Math.round((left * 9) / 21));
    expect(r.interpretations.find((i) => i.key === "top3-2022")).toMatchObject({
      value: "expansion",
      isDefault: false,
    });
  });

  it("block 3: fewer than three qualified share it; none → undistributed", () => {
    const one = allocate(rules2022, base({ "04": 2 }));
    expect(amount(one, "04", "block3")).toBe(164000000);
    const none = allocate(rules2022, base({ "04": 1 }));
    expect(block(none, "block3")).toMatchObject({ distributed: 0, undistributed: 164000000 });
  });

  it("block 2: a tie for the largest expansion splits the leftover equally", () => {
    const r = allocate(rules2022, base({ "01": 12, "03": 12, "12": 3 }));
    // ladder 10 M + 10 M; leftover 64 M split by 01 and 03
    expect(amount(r, "01", "block2")).toBe(42000000);
    expect(amount(r, "03", "block2")).toBe(42000000);
    expect(amount(r, "12", "block2")).toBe(0);
  });

  it("block 2: no region expanded → the leftover stays undistributed", () => {
    const r = allocate(rules2022, base({ "01": 0, "03": 0 }));
    expect(block(r, "block2")).toMatchObject({ distributed: 0, undistributed: 84000000 });
  });

  it("block 1 needs AT ≥ the AT value and the god-nivå group; a workbook may override the group", () => {
    const r = allocate(rules2022, [
      { code: "04", at: 60, baseline: 60 },
      { code: "05", at: 83, baseline: 84 },
      { code: "01", at: 300, baseline: 260, group: "godNiva" },
    ]);
    expect(amount(r, "04", "block1")).toBe(62000000);
    expect(amount(r, "05", "block1")).toBe(0);
    expect(amount(r, "01", "block1")).toBe(62000000);
    expect(amount(r, "01", "block2")).toBe(0); // no longer in block 2's group
  });

  it("block 1 by rate needs population (block1-2022=rate)", () => {
    const r = allocate(
      rules2022,
      [
        { code: "04", at: 60, baseline: 60, population: 300000 },
        { code: "05", at: 90, baseline: 84, population: 150000 },
      ],
      { "block1-2022": "rate" },
    );
    // rates 20 and 60 → 31 M and 93 M
    expect(amount(r, "04", "block1")).toBe(31000000);
    expect(amount(r, "05", "block1")).toBe(93000000);
  });
});

describe("interpretations and settings", () => {
  it("lists the interpretations in force with their defaults", () => {
    const r = allocate(rules2022, []);
    expect(r.interpretations.map((i) => [i.key, i.value, i.isDefault])).toEqual([
      ["rounding", "largest-remainder", true],
      ["range", "midpoint", true],
      ["overflow", "pro-rata", true],
      ["block1-2022", "equal", true],
      ["top3-2022", "equal", true],
    ]);
    expect(allocate(rules2025, []).interpretations.map((i) => i.key)).toEqual(["rounding"]);
  });

  it("rejects an unknown key or value", () => {
    expect(() => allocate(rules2024, [], { "block1-2022": "at" })).toThrow(SettingsError);
    expect(() => allocate(rules2024, [], { rounding: "banker" })).toThrow(
      /largest-remainder, half-up/,
    );
  });

  it("half-up rounding reports the difference", () => {
    const codes = [
      "01",
      "03",
      "04",
      "05",
      "06",
      "07",
      "08",
      "09",
      "10",
      "12",
      "13",
      "14",
      "17",
      "18",
      "19",
      "20",
      "21",
      "22",
      "23",
      "24",
      "25",
    ];
    const r = allocate(
      rules2025,
      codes.map((code) => ({ code, at: 10, population: 100000, forecast: true })),
      { rounding: "half-up" },
    );
    // RULES.md: the 2 kr are a rounding difference, not "ej fördelat".
    expect(block(r, "block1")).toMatchObject({
      distributed: 43999998,
      undistributed: 0,
      roundingDifference: 2,
    });
    expect(r.regions.every((x) => x.blocks.block1 === 2095238)).toBe(true);
    const notice = r.notices.find((n) => n.code === "rounding.difference");
    expect(notice?.severity).toBe("warning");
  });

  it("half-up that over-pays shows a negative rounding difference, never a negative undistributed", () => {
    // 3 kr equally between 2: 1.5 each rounds to 2 + 2 = 4.
    const rs = ruleSetWith([{ budget: 3, split: { kind: "equal" } }]);
    const r = allocate(rs, inputs({ "01": { at: 1 }, "03": { at: 1 } }), { rounding: "half-up" });
    expect(block(r, "block1")).toMatchObject({
      distributed: 4,
      undistributed: 0,
      roundingDifference: -1,
    });
  });

  it("half-up under overflow: no residue is handed on as leftover", () => {
    const rs = ruleSetWith([
      {
        budget: 100,
        ladder: {
          measure: "expansion",
          steps: [
            { threshold: 2, amount: 10 },
            { threshold: 5, amount: 40 },
          ],
          leftover: { policy: "proportional", among: "qualified", weight: "at" },
        },
      },
    ]);
    const r = allocate(
      rs,
      inputs({
        "01": { at: 15, baseline: 10 },
        "03": { at: 15, baseline: 10 },
        "04": { at: 15, baseline: 10 },
      }),
      { rounding: "half-up" },
    );
    // 120 asked of 100: 33.33 each, rounded 33 × 3 = 99; the krona is a rounding difference.
    expect(block(r, "block1")).toMatchObject({
      overflow: true,
      ladder: 99,
      leftover: 0,
      distributed: 99,
      undistributed: 0,
      roundingDifference: 1,
    });
    expect(["01", "03", "04"].map((c) => amount(r, c, "block1"))).toEqual([33, 33, 33]);
  });
});

describe("inputs the engine refuses", () => {
  it("unknown and duplicated regions, fractional counts", () => {
    expect(() => allocate(rules2025, [{ code: "99", at: 1 }])).toThrow(/Unknown region/);
    expect(() =>
      allocate(rules2025, [
        { code: "01", at: 1 },
        { code: "01", at: 2 },
      ]),
    ).toThrow(/twice/);
    expect(() => allocate(rules2025, [{ code: "01", at: 1.5, population: 10 }])).toThrow(
      InputError,
    );
    expect(() => allocate(rules2025, [{ code: "01", at: -1, population: 10 }])).toThrow(InputError);
  });
});
