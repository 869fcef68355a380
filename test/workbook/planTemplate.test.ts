import { parseRuleSet } from "../../src/domain/parseRuleSet";
import { SWEDISH_REGIONS } from "../../src/domain/regions";
import { getRuleSet } from "../../src/domain/rules";
import type { RuleSet } from "../../src/domain/ruleSet";
import { matchHeader } from "../../src/workbook/headers";
import { planTemplate } from "../../src/workbook/planTemplate";
import { TEXT_FORMAT } from "../../src/workbook/planWrite";
import { readRegionTable } from "../../src/workbook/readRegionTable";
import type { SheetPlan } from "../../src/app/host";
import type { CellValue, WorkbookGrid } from "../../src/workbook/types";

function rules(year: number): RuleSet {
  const r = getRuleSet(year);
  if (!r) throw new Error(`no rule set ${year}`);
  return r;
}

const headers = (plan: SheetPlan): unknown[] => plan.cells[0].map((c) => c.value);
const column = (plan: SheetPlan, header: string): unknown[] => {
  const i = headers(plan).indexOf(header);
  if (i < 0) throw new Error(`no column ${header}`);
  return plan.cells.slice(1).map((r) => r[i].value);
};

describe("planTemplate", () => {
  test("2024: code, region (the samples' order), population, AT, planned (as bilaga 2 writes it), already rewarded", () => {
    const plan = planTemplate(rules(2024), "sv");
    expect(plan.sheetName).toBe("Mall AT 2024");
    expect(headers(plan)).toEqual([
      "Länskod",
      "Region",
      "Folkmängd",
      "AT 2024",
      "Planerade AT 2024",
      "Redan ersatta AT 2023",
    ]);
    expect(plan.cells).toHaveLength(22);
    expect(column(plan, "Region")).toEqual(SWEDISH_REGIONS.map((r) => r.name));
    const planned = column(plan, "Planerade AT 2024");
    const byCode = Object.fromEntries(SWEDISH_REGIONS.map((r, i) => [r.code, planned[i]]));
    expect(byCode["01"]).toBe(280);
    expect(byCode["05"]).toBe("84–89");
    expect(byCode["12"]).toBe("I.U");
    expect(byCode["19"]).toBe("46 (ev. 48)");
    expect(column(plan, "AT 2024").every((v) => v === null)).toBe(true);
    expect(column(plan, "Folkmängd").every((v) => v === null)).toBe(true);
    expect(plan.cells[0].every((c) => c.bold)).toBe(true);
    expect(plan.columnWidths).toHaveLength(6);
  });

  test("codes are text with the text format", () => {
    const plan = planTemplate(rules(2024), "sv");
    const i = headers(plan).indexOf("Länskod");
    expect(plan.cells[1][i]).toEqual({ value: "01", numberFormat: TEXT_FORMAT });
    expect(plan.cells.slice(1).map((r) => r[i].value)).toEqual(SWEDISH_REGIONS.map((r) => r.code));
  });

  test("2025: the forecast column, no planned AT", () => {
    const plan = planTemplate(rules(2025), "sv");
    expect(headers(plan)).toEqual([
      "Länskod",
      "Region",
      "Folkmängd",
      "AT 2025",
      "Prognos 2026–2030",
    ]);
  });

  test("2022: the AT-värden and the groups as the instructions list them", () => {
    const plan = planTemplate(rules(2022), "sv");
    expect(headers(plan)).toEqual([
      "Länskod",
      "Region",
      "Folkmängd",
      "AT 2022",
      "Planerade AT 2022",
      "Grupp",
    ]);
    expect(column(plan, "Planerade AT 2022")[0]).toBe(260);
    const groups = column(plan, "Grupp");
    expect(groups[0]).toBe("Under god nivå"); // Stockholm
    expect(groups[2]).toBe("God nivå"); // Sörmland
  });

  test("English headers", () => {
    const plan = planTemplate(rules(2025), "en");
    expect(plan.sheetName).toBe("AT template 2025");
    expect(headers(plan)).toEqual([
      "Code",
      "Region",
      "Population",
      "AT posts 2025",
      "Forecast submitted",
    ]);
  });

  test.each([2022, 2024, 2025])("every header of %i is one the reader recognises", (year) => {
    const ruleSet = rules(year);
    for (const lang of ["sv", "en"] as const) {
      for (const h of headers(planTemplate(ruleSet, lang))) {
        const match = matchHeader(h as string, {
          year,
          rewardedYear: ruleSet.inputs.rewarded?.year,
        });
        expect(match).not.toBeNull();
        expect(match!.year).not.toBe("other");
      }
    }
  });

  test.each([2022, 2024, 2025])("a filled-in template of %i reads back without errors", (year) => {
    const ruleSet = rules(year);
    const plan = planTemplate(ruleSet, "sv");
    const values = plan.cells.map((r) => r.map((c) => c.value));
    const h = values[0];
    const set = (row: unknown[], header: string, value: unknown): void => {
      const i = h.indexOf(header);
      if (i >= 0) row[i] = value;
    };
    values.slice(1).forEach((row, i) => {
      set(row, "Folkmängd", 100_000 + i);
      set(row, `AT ${year}`, 60);
      set(row, "Prognos 2026–2030", "Ja");
      if (row[h.indexOf(`Planerade AT ${year}`)] === "I.U") set(row, `Planerade AT ${year}`, 199);
    });
    const grid: WorkbookGrid = {
      sheets: [
        { name: plan.sheetName, top: 0, left: 0, values: values as CellValue[][], tables: [] },
      ],
      activeSheet: plan.sheetName,
      owned: null,
    };
    const read = readRegionTable(grid, ruleSet, {});
    expect(read.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(read.inputs).toHaveLength(21);
    if (year === 2022) expect(read.inputs.find((i) => i.code === "01")?.group).toBe("underGodNiva");
  });

  test("a custom rule set's own region list", () => {
    const custom = parseRuleSet({
      format: 1,
      year: 2030,
      title: { sv: "Test", en: "Test" },
      reference: "T-1",
      sources: ["test"],
      budget: 100,
      inputs: { at: { required: true } },
      regions: [
        { code: "A", name: "Alfa", aliases: [] },
        { code: "B", name: "Beta", aliases: [] },
      ],
      blocks: [
        {
          id: "block1",
          name: { sv: "Block 1", en: "Block 1" },
          budget: 100,
          eligible: [{ reported: "at" }],
          split: { kind: "equal" },
        },
      ],
    });
    const plan = planTemplate(custom, "sv");
    expect(headers(plan)).toEqual(["Länskod", "Region", "AT 2030"]);
    expect(plan.cells.slice(1).map((r) => [r[0].value, r[1].value])).toEqual([
      ["A", "Alfa"],
      ["B", "Beta"],
    ]);
  });
});
