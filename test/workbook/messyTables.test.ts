/**
 * Messy region tables as officers keep them (issue: real workbooks). Each item ends either
 * "read right" — the same amounts as the plain table — or "refused by cell": an error that
 * names the cell, and no result.
 */
import fs from "node:fs";
import path from "node:path";
import { readAndAllocate } from "../../src/app/pipeline";
import { parseRuleSet } from "../../src/domain/parseRuleSet";
import { getRuleSet } from "../../src/domain/rules";
import type { RuleSet } from "../../src/domain/ruleSet";
import type { AllocationResult } from "../../src/domain/types";
import type { CellValue, Issue, WorkbookGrid } from "../../src/workbook/types";
import {
  book,
  HEADER_2024,
  HEADER_2025,
  ROWS_2024,
  ROWS_2025,
  sheet,
  table,
  workbook,
} from "./grids";

const R2024 = getRuleSet(2024) as RuleSet;

function amounts(result: AllocationResult | null): Record<string, number> {
  expect(result).not.toBeNull();
  return Object.fromEntries(result!.regions.map((r) => [r.code, r.total]));
}

const PLAIN = amounts(readAndAllocate(book(table(HEADER_2024, ROWS_2024)), R2024, {}).result);

/** Read right: no error, the plain table's amounts. */
function readsRight(wb: WorkbookGrid, ruleSet: RuleSet = R2024, expected = PLAIN): Issue[] {
  const outcome = readAndAllocate(wb, ruleSet, {});
  const errs = outcome.issues.filter((i) => i.severity === "error");
  expect(errs).toEqual([]);
  expect(amounts(outcome.result)).toEqual(expected);
  return outcome.issues;
}

/** Refused by cell: an error naming one of the cells, nothing allocated. */
function refused(wb: WorkbookGrid, cells: string[], code?: string): Issue[] {
  const outcome = readAndAllocate(wb, R2024, {});
  expect(outcome.result).toBeNull();
  const errs = outcome.issues.filter((i) => i.severity === "error");
  expect(errs.length).toBeGreaterThan(0);
  expect(errs.some((e) => e.cell !== undefined && cells.includes(e.cell))).toBe(true);
  if (code) expect(errs.map((e) => e.code)).toContain(code);
  return errs;
}

const rows = (): CellValue[][] => ROWS_2024.map((r) => r.slice());

describe("tables grouped by sjukvårdsregion", () => {
  const GROUPS: [string, string[]][] = [
    [
      "Norra sjukvårdsregionen",
      ["Västernorrland", "Jämtland Härjedalen", "Västerbotten", "Norrbotten"],
    ],
    [
      "Mellansverige",
      ["Uppsala", "Sörmland", "Värmland", "Örebro", "Västmanland", "Dalarna", "Gävleborg"],
    ],
    ["Stockholm–Gotland", ["Stockholm", "Gotland"]],
    ["Sydöstra", ["Östergötland", "Jönköping", "Kalmar"]],
    ["Södra", ["Kronoberg", "Blekinge", "Skåne", "Halland"]],
    ["Västra", ["Västra Götaland"]],
  ];
  const byName = new Map(ROWS_2024.map((r) => [r[0] as string, r]));

  test("a blank row and a subheading before each group", () => {
    const values: CellValue[][] = [HEADER_2024.slice()];
    for (const [heading, names] of GROUPS) {
      values.push([null, null, null, null], [heading, null, null, null]);
      for (const n of names) values.push(byName.get(n)!.slice());
    }
    const issues = readsRight(book(values));
    expect(issues.filter((i) => i.code === "row.subheading")).toHaveLength(6);
  });

  test("several blank rows between groups", () => {
    const values: CellValue[][] = [HEADER_2024.slice()];
    for (const [, names] of GROUPS) {
      values.push([null, null, null, null], [null, null, null, null], [null, null, null, null]);
      for (const n of names) values.push(byName.get(n)!.slice());
    }
    readsRight(book(values));
  });

  test("a subheading with a sum of its group is a total, not a region", () => {
    const values: CellValue[][] = [HEADER_2024.slice()];
    for (const [heading, names] of GROUPS) {
      for (const n of names) values.push(byName.get(n)!.slice());
      values.push([`Summa ${heading}`, null, 1, null], [null, null, null, null]);
    }
    readsRight(book(values));
  });

  test("a second table below with its own header row claims its rows", () => {
    const values: CellValue[][] = table(HEADER_2024, ROWS_2024);
    values.push([null, null, null, null], ["Region", "Folkmängd", "AT 2023", "Planerade AT 2023"]);
    for (const r of ROWS_2024) values.push([r[0], r[1], 1, 1]);
    readsRight(book(values));
  });

  test("region rows below an Excel table are refused with their rows", () => {
    const values: CellValue[][] = table(HEADER_2024, ROWS_2024.slice(0, 15));
    values.push([null, null, null, null]);
    values.push(...ROWS_2024.slice(15).map((r) => r.slice()));
    const t = { name: "Underlag", top: 0, left: 0, rows: 16, columns: 4 };
    refused(workbook([sheet("Blad1", values, { tables: [t] })]), ["A18"], "table.rowsOutside");
  });
});

describe("headers", () => {
  test('"AT 2023–2024" is not the AT of 2024', () => {
    const values = table(["Region", "Folkmängd", "AT 2023–2024", "Planerade AT 2024"], rows());
    refused(book(values), ["C1"], "column.yearSpan");
  });

  test("a two-row header (years under a merged heading) is refused", () => {
    const values: CellValue[][] = [
      ["Region", "Folkmängd", "AT 2024", "Planerade AT", null],
      [null, null, null, 2023, 2024],
      ...ROWS_2024.map((r) => [r[0], r[1], r[2], 1, r[3]]),
    ];
    refused(book(values), ["D2", "E2"], "header.twoRows");
  });

  test("a two-row header with the years in the region's row is refused", () => {
    const values: CellValue[][] = [
      [null, null, null, "Planerade AT", null],
      ["Region", "Folkmängd", "AT 2024", "2023", "2024"],
      ...ROWS_2024.map((r) => [r[0], r[1], r[2], 1, r[3]]),
    ];
    refused(book(values), ["D1"], "header.twoRows");
  });

  test('"Redan ersatta AT 2022" for the 2024 rules (which want 2023) is named, not ignored', () => {
    const values = table(
      [...HEADER_2024, "Redan ersatta AT 2022"],
      rows().map((r) => [...r, 2]),
    );
    refused(book(values), ["E1"], "column.otherYear");
  });

  test("an unknown wording of the rewarded column is named, not ignored", () => {
    const values = table(
      [...HEADER_2024, "Tidigare belönade AT"],
      rows().map((r) => [...r, 2]),
    );
    refused(book(values), ["E1"], "column.uncertain");
  });

  test("a planned column of another year is no reason to use the decision's values", () => {
    const values = table(["Region", "Folkmängd", "AT 2024", "Planerade AT 2023"], rows());
    refused(book(values), ["D1"], "column.otherYear");
  });

  test("the right rewarded column is read and moves the money", () => {
    const values = table(
      [...HEADER_2024, "Redan ersatta AT 2023"],
      rows().map((r) => [...r, r[0] === "Halland" ? 3 : 0]),
    );
    const outcome = readAndAllocate(book(values), R2024, {});
    expect(outcome.hasErrors).toBe(false);
    expect(amounts(outcome.result)["13"]).toBeLessThan(PLAIN["13"]);
  });
});

describe("cells", () => {
  test("a formula without a calculated value is an error, not a blank", () => {
    const values = table(HEADER_2024, rows());
    values[5][2] = { formula: "SUM(X1:X3)" };
    const [err] = refused(book(values), ["C6"], "count.uncalculated");
    expect(err.message.sv).toContain("inte beräknad");
  });

  test("a zero-width space in a name says so", () => {
    const values = table(HEADER_2024, rows());
    values[2][0] = "Upp\u200bsala";
    const [err] = refused(book(values), ["A3"], "region.invisibleChar");
    expect(err.message.sv).toContain("osynligt tecken");
    expect(err.message.sv).not.toContain("menade du");
  });

  test("a Cyrillic look-alike letter in a name says so", () => {
    const values = table(HEADER_2024, rows());
    values[11][0] = "H\u0430lland"; // Cyrillic а
    const [err] = refused(book(values), ["A12"], "region.lookalikeChar");
    expect(err.message.sv).toContain("U+0430");
  });

  test("a table without region rows is an error", () => {
    refused(book([HEADER_2024.slice(), [null, null, null, null]]), ["A1"], "table.noRegions");
  });

  test("more AT than inhabitants is refused", () => {
    const values = table(HEADER_2024, rows());
    values[8][1] = 16; // Gotland: 16 inhabitants, 16 AT… then 17
    values[8][2] = 17;
    refused(book(values), ["C9"], "at.abovePopulation");
  });

  test("a population above 10 million and a planned value with decimals are warnings that move money", () => {
    const values = table(HEADER_2024, rows());
    values[1][1] = 24548210;
    values[2][3] = 55.5;
    const outcome = readAndAllocate(book(values), R2024, {});
    const w = outcome.issues.filter((i) => i.affectsAmounts);
    expect(w.map((i) => [i.code, i.cell])).toEqual(
      expect.arrayContaining([
        ["population.large", "B2"],
        ["baseline.decimals", "D3"],
      ]),
    );
  });

  test("a row with figures but no region is a warning that moves money", () => {
    const values = table(HEADER_2024, rows());
    values[4][0] = null;
    const outcome = readAndAllocate(book(values), R2024, {});
    const w = outcome.issues.find((i) => i.code === "row.blankRegion");
    expect(w).toMatchObject({ severity: "warning", cell: "A5", affectsAmounts: true });
  });
});

describe("two tables or sheets that both fit", () => {
  test("the one whose headers name the year is read, and the other is named", () => {
    const old = table(["Region", "Folkmängd", "AT 2023", "Planerade AT 2023"], rows());
    const wb = workbook([sheet("2023", old), sheet("2024", table(HEADER_2024, ROWS_2024))]);
    const issues = readsRight(wb);
    const notice = issues.find((i) => i.code === "table.others" || i.code === "table.otherSheet");
    expect(notice).toBeDefined();
  });

  test("two sheets with the year: the active one, and the other is named", () => {
    const wb = workbook(
      [sheet("A", table(HEADER_2024, ROWS_2024)), sheet("B", table(HEADER_2024, ROWS_2024))],
      {
        activeSheet: "B",
      },
    );
    const outcome = readAndAllocate(wb, R2024, {});
    expect(outcome.read?.sheet).toBe("B");
    const notice = outcome.issues.find((i) => i.code === "table.others")!;
    expect(notice.message.sv).toContain("A!A1");
    // Which table is read decides every amount: the pane's status line says it, and why.
    expect(notice).toMatchObject({ affectsAmounts: true, sheet: "B", cell: "A1" });
    expect(notice.message.sv).toContain("eftersom den ligger på det aktiva bladet");
  });

  test("the active sheet is the summary: the sheet the record names is read", () => {
    const wb = workbook(
      [
        sheet("Data", table(HEADER_2024, ROWS_2024)),
        sheet("AT-fördelning 2024", [["AT-fördelning 2024 – sammanställning"]]),
      ],
      {
        activeSheet: "AT-fördelning 2024",
        owned: {
          version: 1,
          year: 2024,
          sheet: "Data",
          columnsRange: "E1:H22",
          headers: ["x"],
          summarySheet: "AT-fördelning 2024",
          writtenAt: "",
        },
      },
    );
    expect(readAndAllocate(wb, R2024, {}).read?.sheet).toBe("Data");
  });
});

describe("quiet zeros", () => {
  test("a blank AT cell: the region takes no part, said as a warning that moves money", () => {
    const values = table(HEADER_2024, rows());
    values[11][2] = null; // Halland's AT 2024, C12
    const outcome = readAndAllocate(book(values), R2024, {});
    expect(outcome.hasErrors).toBe(false);
    const w = outcome.issues.filter((i) => i.code === "region.quietZero");
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({
      region: "Halland",
      cell: "C12",
      affectsAmounts: true,
      severity: "warning",
    });
    expect(w[0].message.sv).toBe("Halland deltar inte i block 1 och 2: AT 2024 saknas i C12");
  });

  test("a region below every ladder step gets no quiet-zero warning", () => {
    const outcome = readAndAllocate(book(table(HEADER_2024, ROWS_2024)), R2024, {});
    expect(outcome.issues.filter((i) => i.code === "region.quietZero")).toEqual([]);
  });

  test("a blank forecast cell (2025) is named", () => {
    const R2025 = getRuleSet(2025) as RuleSet;
    const values = table(
      HEADER_2025,
      ROWS_2025.map((r) => r.slice()),
    );
    values[3][3] = null; // Sörmland's forecast, D4
    const outcome = readAndAllocate(book(values), R2025, {});
    const w = outcome.issues.find((i) => i.code === "region.quietZero");
    expect(w).toMatchObject({ region: "Sörmland", cell: "D4" });
  });

  test("an interpretation for a year it does not apply to is said", () => {
    const R2025 = getRuleSet(2025) as RuleSet;
    const outcome = readAndAllocate(book(table(HEADER_2025, ROWS_2025)), R2025, { range: "upper" });
    expect(outcome.issues.find((i) => i.code === "settings.unused")?.message.sv).toContain(
      "range=upper",
    );
  });
});

describe("inputs a rule set declares", () => {
  const at2026 = () =>
    parseRuleSet(
      JSON.parse(
        fs.readFileSync(path.resolve(__dirname, "../../examples/rule-sets/at-2026.json"), "utf8"),
      ),
    );
  const header = ["Region", "Folkmängd", "AT 2026", "Planerade AT 2026", "ST 2026"];
  const rows26 = () => ROWS_2024.map((r) => [r[0], r[1], r[2], r[3], 100] as CellValue[]);

  test("a declared column for another year is refused at its header, not read as blank", () => {
    const values = table([...header.slice(0, 4), "ST 2025"], rows26());
    const outcome = readAndAllocate(book(values), at2026(), {});
    expect(outcome.result).toBeNull();
    const err = outcome.issues.find((i) => i.severity === "error" && i.cell === "E1");
    expect(err?.message.sv).toContain("annat år");
  });

  test("a text in a declared count is refused by cell", () => {
    const values = table(header, rows26());
    values[3][4] = "många";
    const outcome = readAndAllocate(book(values), at2026(), {});
    expect(outcome.result).toBeNull();
    expect(outcome.issues.some((i) => i.severity === "error" && i.cell === "E4")).toBe(true);
  });
});

test("a row with no figures whose name is close to a region is a warning, and the region is missing", () => {
  const values = table(HEADER_2024, rows());
  values[2] = ["Upsala", null, null, null];
  const outcome = readAndAllocate(book(values), R2024, {});
  const heading = outcome.issues.find((i) => i.code === "row.subheading");
  expect(heading).toMatchObject({ severity: "warning", cell: "A3" });
  expect(heading?.message.sv).toContain("Uppsala");
  expect(
    outcome.issues.find((i) => i.code === "region.missing" && i.region === "Uppsala"),
  ).toMatchObject({
    affectsAmounts: true,
  });
});

test("region names that read like a header with a year ('Region 1950') are rows, not new tables", () => {
  // A rule set of its own whose regions are named "Region 1948" … "Region 1952": every name
  // matches the region header "Region" with a year. The table must still be one table.
  const names = [1948, 1949, 1950, 1951, 1952].map((n) => `Region ${n}`);
  const ruleSet = parseRuleSet({
    format: 1,
    year: 2031,
    title: { sv: "Prov", en: "Test" },
    reference: "TEST",
    sources: ["test"],
    budget: 1_000_000,
    inputs: { at: { required: true }, population: { required: true } },
    regions: names.map((name, i) => ({ code: `R${i + 1}`, name, aliases: [] })),
    blocks: [
      {
        id: "block1",
        name: { sv: "Block 1", en: "Block 1" },
        budget: 1_000_000,
        eligible: [{ reported: "at" }],
        split: { kind: "proportional", weight: "atPer100k" },
      },
    ],
  });
  const values = table(
    ["Region", "Folkmängd", "AT 2031"],
    names.map((n, i) => [n, 100_000, 10 + i]),
  );
  const outcome = readAndAllocate(book(values), ruleSet, {});
  expect(outcome.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(outcome.issues.map((i) => i.code)).not.toContain("region.missing");
  expect(outcome.issues.map((i) => i.code)).not.toContain("table.others");
  expect(outcome.read?.inputs).toHaveLength(5);
  expect(outcome.result?.regions.reduce((s, r) => s + r.total, 0)).toBe(1_000_000);
});
