/**
 * The 2024 golden case's region table in the fake Excel, and the whole path to a write plan
 * (read → readAndAllocate → planWrite) through the real adapter, for the adapter's tests that
 * need real plans.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readAndAllocate } from "../../src/app/pipeline";
import { getRuleSet } from "../../src/domain/rules";
import { createExcelHost } from "../../src/excel/excelHost";
import { createFakeExcel, type FakeInitValue } from "../../src/excel/fake";
import { planWrite } from "../../src/workbook/planWrite";
import type { WritePlan } from "../../src/workbook/types";

const CASES = join(__dirname, "../../../shared/cases");

/** A golden case's input.csv as sheet rows: whole numbers as numbers, the rest as text. */
export function caseRows(name = "2024-all-regions"): FakeInitValue[][] {
  return readFileSync(join(CASES, name, "input.csv"), "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(";").map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell)));
}

/**
 * The 2024 case on "Blad1" (and an extra sheet where given) in a fake Excel of that API
 * version, its host, and `plan()`: a fresh read and the write plan for it, in Swedish, at a
 * fixed time.
 */
export function plannedCase(
  opts: { apiVersion?: string; extra?: { name: string; values: FakeInitValue[][] } } = {},
) {
  const ruleSet = getRuleSet(2024)!;
  const sheets = [{ name: "Blad1", values: caseRows() }, ...(opts.extra ? [opts.extra] : [])];
  const fake = createFakeExcel({ sheets, apiVersion: opts.apiVersion });
  const host = createExcelHost(fake.run, { isSetSupported: fake.isSetSupported });
  const plan = async (): Promise<WritePlan> => {
    const grid = await host.readWorkbook();
    const outcome = readAndAllocate(grid, ruleSet, {});
    return planWrite({
      workbook: grid,
      read: outcome.read!,
      result: outcome.result!,
      issues: outcome.issues,
      lang: "sv",
      now: new Date("2026-12-01T20:14:00+01:00"),
      sourceName: "regioner.xlsx",
      ruleSet,
    });
  };
  return { fake, host, plan };
}
