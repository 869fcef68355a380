/**
 * The golden cases of ../shared/cases through the engine's API (the command-line test runs them
 * through the CLI too). The CSV is turned into inputs with a few lines here on purpose: this
 * test checks the engine, not the reader.
 */
import fs from "fs";
import path from "path";
import { allocate } from "../../src/domain/engine";
import { parsePlanningValue } from "../../src/domain/planningValue";
import { SWEDISH_REGION_INDEX } from "../../src/domain/regions";
import { getRuleSet } from "../../src/domain/rules";
import type { RegionInput } from "../../src/domain/types";

export const CASES_DIR =
  process.env.AT_CASES_DIR ?? path.resolve(__dirname, "../../../shared/cases");

const cases = fs.existsSync(CASES_DIR)
  ? fs
      .readdirSync(CASES_DIR)
      .filter((d) => fs.existsSync(path.join(CASES_DIR, d, "case.json")))
      .map((d) => ({
        name: d,
        spec: JSON.parse(fs.readFileSync(path.join(CASES_DIR, d, "case.json"), "utf8")),
      }))
      .filter((c) => c.spec.expected)
  : [];

function inputsFromCsv(file: string): RegionInput[] {
  const [head, ...lines] = fs
    .readFileSync(file, "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  const headers = head.split(";");
  const col = (re: RegExp) => headers.findIndex((h) => re.test(h));
  const at = col(/^AT \d{4}$/);
  const pop = col(/^Folkmängd$/);
  const base = col(/^(Planerade AT|AT-värde) \d{4}$/);
  const forecast = col(/^Prognos/);
  return lines.map((line) => {
    const cells = line.split(";");
    const match = SWEDISH_REGION_INDEX.match(cells[0]);
    if (!match.ok) throw new Error(`unknown region ${cells[0]}`);
    const reading = base >= 0 ? parsePlanningValue(cells[base]) : null;
    return {
      code: match.region.code,
      at: cells[at] === "" ? null : Number(cells[at]),
      population: pop >= 0 ? Number(cells[pop]) : undefined,
      baseline: reading && "value" in reading ? reading.value : undefined,
      forecast: forecast >= 0 ? cells[forecast] === "Ja" : undefined,
    };
  });
}

describe("golden cases through the engine", () => {
  it("finds the golden cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s matches to the krona", (_name, c) => {
    const ruleSet = getRuleSet(c.spec.year)!;
    const result = allocate(ruleSet, inputsFromCsv(path.join(CASES_DIR, c.name, "input.csv")));
    for (const expected of c.spec.expected.regions) {
      const got = result.regions.find((r) => r.code === expected.code)!;
      expect({ code: got.code, region: got.region, blocks: got.blocks, total: got.total }).toEqual(
        expected,
      );
    }
    for (const expected of c.spec.expected.blocks) {
      const got = result.blocks.find((b) => b.id === expected.id)!;
      const picked = Object.fromEntries(
        Object.keys(expected).map((k) => [k, got[k as keyof typeof got]]),
      );
      expect(picked).toEqual(expected);
    }
  });
});
