/**
 * The summary's checks as live formulas in the fake Excel (issue 14): written through
 * Range.formulas, calculated at the end of the write (application.calculate), and flipping to
 * FEL when an amount is edited and the workbook recalculated; FEL red by conditional format.
 */
import { readAndAllocate } from "../../src/app/pipeline";
import { getRuleSet } from "../../src/domain/rules";
import { createExcelHost } from "../../src/excel/excelHost";
import { createFakeExcel, type FakeExcel } from "../../src/excel/fake";
import { toA1 } from "../../src/workbook/a1";
import { planWrite } from "../../src/workbook/planWrite";
import type { WritePlan } from "../../src/workbook/types";
import { caseRows } from "./caseSetup";

const SUMMARY = "AT-fördelning 2024";

async function written(): Promise<{ fake: FakeExcel; plan: WritePlan }> {
  const fake = createFakeExcel({ sheets: [{ name: "Min flik", values: caseRows() }] });
  const host = createExcelHost(fake.run);
  const workbook = await host.readWorkbook();
  const outcome = readAndAllocate(workbook, getRuleSet(2024)!, {});
  expect(outcome.hasErrors).toBe(false);
  const plan = planWrite({
    workbook,
    read: outcome.read!,
    result: outcome.result!,
    issues: outcome.issues,
    lang: "sv",
    now: new Date("2025-03-14T10:22:05+01:00"),
    sourceName: "regioner.xlsx",
  });
  await host.writePlan(plan);
  return { fake, plan };
}

/** The summary's check cells (formulas yielding OK/FEL), by address. */
function checkCells(plan: WritePlan): string[] {
  return plan.summary.cells.flatMap((row, r) =>
    row.flatMap((c, col) => (c.formula?.includes(',"OK",') ? [toA1(r, col)] : [])),
  );
}

const value = (fake: FakeExcel, sheet: string, a1: string): unknown =>
  fake.getCell(sheet, a1)?.value ?? fake.getCell(sheet, a1)?.error;

test("written as formulas, calculated by the write: every check OK, the verdict and the inputs' line", async () => {
  const { fake, plan } = await written();
  const checks = checkCells(plan);
  expect(checks).toHaveLength(2 + 1 + 21); // the blocks, the sum row, the regions
  for (const a1 of checks) {
    expect(fake.getCell(SUMMARY, a1)?.formula).toMatch(/^=IFERROR\(IF\(/);
    expect({ a1, v: value(fake, SUMMARY, a1) }).toEqual({ a1, v: "OK" });
  }
  expect(value(fake, SUMMARY, "A2")).toBe("Alla kontroller stämmer");
  expect(value(fake, SUMMARY, "A3")).toBe("Inga ändringar i indatans tal sedan beräkningen");
  expect(fake.calculations).toHaveLength(1);
  // FEL in red, and the changed line, by conditional format on the summary.
  const formats = fake.model.sheet(SUMMARY)!.conditionalFormats;
  expect(formats.map((f) => [f.range, f.rule, f.fontColor])).toEqual(
    plan.summary.conditionalFormats!.map((f) => [
      f.range,
      { formula1: `="${f.equals}"`, operator: "EqualTo" },
      f.fontColor,
    ]),
  );
});

test("an amount edited: after recalculation exactly its block's and its region's checks are FEL", async () => {
  const { fake, plan } = await written();
  const checks = checkCells(plan);
  const { firstCol, headerRow } = plan.columns;
  // The first region's amount of block 1, beside the user's table.
  const cell = toA1(headerRow + 1, firstCol);
  const before = fake.getCell("Min flik", cell)!.value as number;
  fake.model.enter(fake.model.sheet("Min flik")!, headerRow + 1, firstCol, before + 1);
  expect(value(fake, SUMMARY, "A2")).toBe("Alla kontroller stämmer"); // manual mode: not yet
  fake.calculate();
  const failing = checks.filter((a1) => value(fake, SUMMARY, a1) === "FEL");
  const blockRow = plan.summary.cells.findIndex(
    (r) => r[0]?.value === "Block 1 – Redovisa antal AT",
  );
  const region = caseRows()[1][0];
  const regionRow = plan.summary.cells.findIndex((r) => r[1]?.value === region);
  expect(blockRow).toBeGreaterThan(0);
  expect(regionRow).toBeGreaterThan(blockRow);
  expect(failing.map((a1) => Number(a1.replace(/\D/g, "")) - 1)).toEqual([blockRow, regionRow]);
  expect(value(fake, SUMMARY, "A2")).toBe(`2 kontroller stämmer inte — se rad ${blockRow + 1}`);

  // Back as it was: OK again.
  fake.model.enter(fake.model.sheet("Min flik")!, headerRow + 1, firstCol, before);
  fake.calculate();
  expect(checks.filter((a1) => value(fake, SUMMARY, a1) !== "OK")).toEqual([]);
});

test("an input edited: the inputs' line says so after recalculation", async () => {
  const { fake } = await written();
  const v = fake.getCell("Min flik", "C2")!.value as number;
  fake.model.enter(fake.model.sheet("Min flik")!, 1, 2, v + 1);
  fake.calculate();
  expect(value(fake, SUMMARY, "A3")).toBe("Indata har ändrats sedan beräkningen");
  expect(value(fake, SUMMARY, "A2")).toBe("Alla kontroller stämmer");
});
