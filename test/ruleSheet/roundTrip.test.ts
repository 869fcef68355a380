/**
 * The rule sheet: every shipped year and every example rule set written as a sheet and read
 * back gives the identical rule set; each kind of mistake is named by its cell.
 */
import fs from "node:fs";
import path from "node:path";
import { parseRuleSet } from "../../src/domain/parseRuleSet";
import { shippedRuleSets } from "../../src/domain/rules";
import type { RuleSet } from "../../src/domain/ruleSet";
import { readRuleSheet } from "../../src/workbook/ruleSheet/readRuleSheet";
import { ruleSheetRows } from "../../src/workbook/ruleSheet/writeRuleSheet";
import type { CellValue, SheetGrid } from "../../src/workbook/types";

const EXAMPLES = path.resolve(__dirname, "../../examples/rule-sets");
const examples = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json"))
  .map((f) => parseRuleSet(JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), "utf8"))));
const fixture = parseRuleSet(
  JSON.parse(fs.readFileSync(path.resolve(__dirname, "../fixtures/rules-2023-style.json"), "utf8")),
);

function sheetOf(rs: RuleSet, lang: "sv" | "en" = "sv"): SheetGrid {
  const rows = ruleSheetRows(rs, lang);
  const width = Math.max(...rows.map((r) => r.length));
  const values: CellValue[][] = rows.map((r) => [
    ...r.map((c) => c.value),
    ...new Array<CellValue>(width - r.length).fill(null),
  ]);
  return { name: "Regler", top: 0, left: 0, values, tables: [] };
}

const all: [string, RuleSet][] = [
  ...shippedRuleSets().map((rs) => [`${rs.year}`, rs] as [string, RuleSet]),
  ...examples.map((rs) => [rs.reference, rs] as [string, RuleSet]),
  ["rules-2023-style", fixture],
];

describe.each(all)("round trip %s", (_name, rs) => {
  test.each(["sv", "en"] as const)("JSON → sheet (%s labels) → JSON is identical", (lang) => {
    const read = readRuleSheet(sheetOf(rs, lang));
    expect(read.issues).toEqual([]);
    expect(read.ruleSet).toEqual(rs);
  });
});

function findCell(
  sheet: SheetGrid,
  pred: (v: CellValue, row: number, col: number) => boolean,
): [number, number] {
  for (let r = 0; r < sheet.values.length; r++)
    for (let c = 0; c < sheet.values[r].length; c++)
      if (pred(sheet.values[r][c], r, c)) return [r, c];
  throw new Error("not found");
}

describe("mistakes are named by cell", () => {
  const rs2024 = shippedRuleSets().find((r) => r.year === 2024)!;
  const blockRow = (s: SheetGrid, id: string) => findCell(s, (v, _r, c) => c === 0 && v === id)[0];

  test("a budget that is no amount", () => {
    const s = sheetOf(rs2024);
    const r = blockRow(s, "block2");
    s.values[r][3] = "mycket";
    const read = readRuleSheet(s);
    expect(read.ruleSet).toBeNull();
    expect(read.issues[0]).toMatchObject({ sheet: "Regler", cell: `D${r + 1}` });
    expect(read.issues[0].message.sv).toBe('budgeten för block block2 är inget tal ("mycket")');
  });

  test("budgets that do not add up: named at the total budget", () => {
    const s = sheetOf(rs2024);
    const r = blockRow(s, "block2");
    s.values[r][3] = 150_000_000;
    const read = readRuleSheet(s);
    const [br] = findCell(s, (v) => v === "Total budget");
    expect(read.issues[0]).toMatchObject({ cell: `B${br + 1}` });
    expect(read.issues[0].message.sv).toContain("blocken summerar till 213000000");
  });

  test("a ladder out of order: named at the step", () => {
    const s = sheetOf(rs2024);
    const [tr] = findCell(s, (v) => v === "Trappa block2");
    s.values[tr + 3][0] = 1; // the second step's threshold below the first
    const read = readRuleSheet(s);
    expect(read.issues[0]).toMatchObject({ cell: `A${tr + 4}` });
    expect(read.issues[0].message.sv).toContain("trösklarna måste öka steg för steg");
  });

  test("an unknown measure: named at the measure cell", () => {
    const s = sheetOf(rs2024);
    const r = blockRow(s, "block1");
    s.values[r][6] = "tillväxt";
    const read = readRuleSheet(s);
    expect(read.issues[0]).toMatchObject({ cell: `G${r + 1}` });
    expect(read.issues[0].message.sv).toContain('okänt mått "tillväxt"');
  });

  test("a missing ladder table", () => {
    const s = sheetOf(rs2024);
    const [tr] = findCell(s, (v) => v === "Trappa block2");
    s.values[tr][0] = "Anteckningar";
    const read = readRuleSheet(s);
    const r = blockRow(s, "block2");
    expect(
      read.issues.some(
        (i) => i.cell === `F${r + 1}` && i.message.sv.includes('ingen tabell "Trappa block2"'),
      ),
    ).toBe(true);
  });

  test("a sheet that is no rule sheet", () => {
    const read = readRuleSheet({
      name: "Blad1",
      top: 0,
      left: 0,
      values: [["Region"]],
      tables: [],
    });
    expect(read.issues[0].message.sv).toContain("är inget regelblad");
  });
});
