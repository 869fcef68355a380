import fs from "fs";
import path from "path";
import { allocate } from "../../src/domain/engine";
import { parseRuleSet, RuleSetError } from "../../src/domain/parseRuleSet";
import { SHIPPED_YEARS, getRuleSet } from "../../src/domain/rules";

const fixture = () =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "../fixtures/rules-2023-style.json"), "utf8"));

describe("a year the project has never seen, as a file", () => {
  it("loads and allocates a 2023-style ladder over 252 000 000", () => {
    const rs = parseRuleSet(fixture());
    expect(SHIPPED_YEARS).not.toContain(rs.year);
    const r = allocate(rs, [
      { code: "01", at: 290, population: 2400000, baseline: 272 }, // +18 → 25 M
      { code: "03", at: 55, population: 400000, baseline: "52.5" }, // +2.5 → 2 M
      { code: "04", at: 70, population: 300000, baseline: 60 }, // +10 → 16 M
      { code: "05", at: 80, population: 470000, baseline: 84 }, // −4 → 0
    ]);
    const b2 = r.blocks[1];
    expect(b2.ladder).toBe(43000000);
    // leftover 157 000 000 to the two largest expansions, 18 and 10, by expansion: 100 928 571.4 / 56 071 428.6
    expect(r.regions[0].blocks.block2).toBe(25000000 + 100928571);
    expect(r.regions[2].blocks.block2).toBe(16000000 + 56071429);
    expect(r.regions[1].blocks.block2).toBe(2000000);
    expect(b2).toMatchObject({ distributed: 200000000, undistributed: 0 });
    expect(r.blocks[0].distributed).toBe(52000000);
  });
});

describe("the shipped rule sets", () => {
  it("are 2022, 2024 and 2025, with the budgets of RULES.md", () => {
    expect(SHIPPED_YEARS).toEqual([2022, 2024, 2025]);
    expect(getRuleSet(2022)!.blocks.map((b) => b.budget)).toEqual([124000000, 84000000, 164000000]);
    expect(getRuleSet(2024)!.blocks.map((b) => b.budget)).toEqual([63000000, 160000000]);
    expect(getRuleSet(2025)!.blocks.map((b) => b.budget)).toEqual([44000000, 182000000]);
    expect(getRuleSet(2023)).toBeNull();
  });
});

describe("a malformed rule set is rejected with a message that says where", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests break the JSON on purpose
  type Json = any;
  const broken = (edit: (j: Json) => void) => {
    const j = fixture();
    edit(j);
    return () => parseRuleSet(j);
  };
  const cases: [string, (j: Json) => void, RegExp][] = [
    [
      "budgets that do not add up",
      (j) => (j.budget = 1),
      /^budget: is 1 but the blocks add up to 252000000/,
    ],
    [
      "a fractional amount",
      (j) => (j.blocks[1].ladder.steps[2].amount = 1.5),
      /^blocks\[1\]\.ladder\.steps\[2\]\.amount: must be a whole number/,
    ],
    [
      "thresholds that do not rise",
      (j) => (j.blocks[1].ladder.steps[1].threshold = 1),
      /^blocks\[1\]\.ladder\.steps\[1\]\.threshold: thresholds must rise/,
    ],
    ["an unknown key", (j) => (j.blocks[0].splitt = {}), /^blocks\[0\]\.splitt: unknown key/],
    [
      "both split and ladder",
      (j) => (j.blocks[0].ladder = j.blocks[1].ladder),
      /^blocks\[0\]: needs exactly one of "split" and "ladder"/,
    ],
    [
      "an unknown measure",
      (j) => (j.blocks[1].ladder.measure = "growth"),
      /^blocks\[1\]\.ladder\.measure: unknown measure "growth"/,
    ],
    [
      "a measure its inputs cannot give",
      (j) =>
        delete j.inputs.population &&
        (j.blocks[0].split = { kind: "proportional", weight: "atPer100k" }),
      /^blocks\[0\]: uses the measure "atPer100k", which needs the input "population"/,
    ],
    [
      "an unknown group",
      (j) => j.blocks[0].eligible.push({ group: "x" }),
      /^blocks\[0\]\.eligible\[1\]\.group: no group "x"/,
    ],
    ["a wrong format", (j) => (j.format = 2), /^format: must be 1/],
    [
      "a bad planning default",
      (j) => (j.inputs.baseline.defaults = { "01": "many" }),
      /^inputs\.baseline\.defaults\.01: "many" is not a planning value/,
    ],
    [
      "a default for no region",
      (j) => (j.inputs.baseline.defaults = { "02": "5" }),
      /^inputs\.baseline\.defaults\.02: no region has this code/,
    ],
    [
      "an interpretation whose default is no option",
      (j) =>
        (j.interpretations = [
          {
            key: "x",
            description: { sv: "x", en: "x" },
            default: "b",
            options: {
              a: {
                description: { sv: "a", en: "a" },
                patches: [{ block: "block1", set: { split: { kind: "equal" } } }],
              },
            },
          },
        ]),
      /^interpretations\[0\]\.default: must be one of the options/,
    ],
    [
      "an interpretation patch to no block",
      (j) =>
        (j.interpretations = [
          {
            key: "x",
            description: { sv: "x", en: "x" },
            default: "a",
            options: {
              a: {
                description: { sv: "a", en: "a" },
                patches: [{ block: "block9", set: { split: { kind: "equal" } } }],
              },
            },
          },
        ]),
      /^interpretations\[0\]\.options\.a\.patches\[0\]\.block: no block "block9"/,
    ],
  ];
  it.each(cases)("%s", (_name, edit, message) => {
    expect(broken(edit)).toThrow(RuleSetError);
    expect(broken(edit)).toThrow(message);
  });

  it.each([
    [
      "an interpretation key __proto__",
      (j: Json) =>
        (j.interpretations = [
          {
            key: "x",
            description: { sv: "x", en: "x" },
            default: "a",
            options: JSON.parse('{"__proto__": {}}'),
          },
        ]),
      /^interpretations\[0\]\.options\.__proto__: "__proto__" may not be used as a name/,
    ],
    [
      "a threshold of 0",
      (j: Json) => (j.blocks[1].ladder.steps[0].threshold = 0),
      /^blocks\[1\]\.ladder\.steps\[0\]\.threshold: the threshold must be above 0/,
    ],
    [
      "a negative threshold",
      (j: Json) => (j.blocks[1].ladder.steps[0].threshold = -2),
      /threshold must be above 0/,
    ],
    [
      "a falling step amount",
      (j: Json) => (j.blocks[1].ladder.steps[1].amount = 1),
      /^blocks\[1\]\.ladder\.steps\[1\]\.amount: amounts must not fall up the ladder/,
    ],
    [
      "a cap above the budget",
      (j: Json) => (j.blocks[0].cap = { perRegion: j.blocks[0].budget + 1 }),
      /^blocks\[0\]\.cap\.perRegion: the cap \d+ is above the block's budget/,
    ],
  ])("%s", (_name, edit, message) => {
    expect(broken(edit)).toThrow(RuleSetError);
    expect(broken(edit)).toThrow(message);
  });

  it("says it in Swedish too, with the path and the fix", () => {
    try {
      broken((j) => (j.blocks[1].ladder.steps[1].threshold = 1))();
      throw new Error("not refused");
    } catch (e) {
      expect(e).toBeInstanceOf(RuleSetError);
      expect((e as RuleSetError).text.sv).toBe(
        "blocks[1].ladder.steps[1].threshold: trösklarna måste öka steg för steg",
      );
    }
  });

  it("a custom region list is validated too", () => {
    expect(
      broken(
        (j) =>
          (j.regions = [
            { code: "A", name: "Alfa" },
            { code: "A", name: "Beta" },
          ]),
      ),
    ).toThrow(/^regions\[1\]\.code: code "A" appears twice/);
  });
});
