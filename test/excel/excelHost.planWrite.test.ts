/**
 * The whole path in the fake Excel: read → readAndAllocate → planWrite → writePlan, twice.
 * The workbook is the 2024 golden case's region table, as an Excel table.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readAndAllocate } from "../../src/app/pipeline";
import { getRuleSet } from "../../src/domain/rules";
import { createExcelHost } from "../../src/excel/excelHost";
import { createFakeExcel } from "../../src/excel/fake";
import { planWrite } from "../../src/workbook/planWrite";
import { OWNERSHIP_SHEET, type WorkbookGrid } from "../../src/workbook/types";
import { caseRows } from "./caseSetup";

const CASE = "/work/shared/cases/2024-all-regions";

const expected = JSON.parse(readFileSync(join(CASE, "case.json"), "utf8")).expected as {
  regions: { region: string; total: number }[];
};

const haveCase = (() => {
  try {
    readFileSync(join(CASE, "input.csv"));
    return true;
  } catch {
    return false;
  }
})();

(haveCase ? describe : describe.skip)("read, plan and write through the fake Excel", () => {
  const now = new Date("2025-03-14T10:22:05+01:00");
  const ruleSet = getRuleSet(2024)!;

  const once = async (host: ReturnType<typeof createExcelHost>): Promise<WorkbookGrid> => {
    const workbook = await host.readWorkbook();
    const outcome = readAndAllocate(workbook, ruleSet, {});
    expect(outcome.hasErrors).toBe(false);
    const plan = planWrite({
      workbook,
      read: outcome.read!,
      result: outcome.result!,
      issues: outcome.issues,
      lang: "sv",
      now,
      sourceName: "regioner.xlsx",
    });
    expect(plan.conflicts).toEqual([]);
    const report = await host.writePlan(plan);
    expect(report.syncs).toBe(2);
    return workbook;
  };

  it("writes the allocation into the table, and writes the same again on a re-run", async () => {
    const rows = caseRows();
    const fake = createFakeExcel({
      sheets: [
        {
          name: "Blad1",
          values: rows,
          tables: [{ name: "Regioner", range: `A1:D${rows.length}` }],
        },
      ],
      selection: "B5",
    });
    const host = createExcelHost(fake.run);
    const first = await once(host);
    expect(first.sheets[0].tables).toHaveLength(1);

    const table = fake.getTable("Regioner")!;
    const totalCol = table.columns.length - 1;
    expect(table.columns.slice(0, 4)).toEqual([
      "Region",
      "Folkmängd",
      "AT 2024",
      "Planerade AT 2024",
    ]);
    expect(table.columns[totalCol]).toBe("Summa");
    // Every region's total where its row is, as the golden case has it.
    const totalLetter = String.fromCharCode(65 + totalCol);
    for (let r = 1; r < rows.length; r++) {
      const region = rows[r][0] as string;
      const want = expected.regions.find((x) => x.region === region)!.total;
      expect(fake.getValue("Blad1", `${totalLetter}${r + 1}`)).toBe(want);
    }
    expect(fake.getSheet(OWNERSHIP_SHEET)!.visibility).toBe("VeryHidden");
    expect(fake.getSheet("AT-fördelning 2024")!.charts).toHaveLength(1);

    const snapshot = fake.snapshot();
    const second = await once(host);
    expect(second.owned).not.toBeNull();
    expect(fake.snapshot()).toBe(snapshot);
    expect(fake.getTable("Regioner")!.columns).toHaveLength(table.columns.length);
  });
});
