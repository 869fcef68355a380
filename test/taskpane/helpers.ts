/** Hand-made workbooks, hosts and results for the task pane tests. */
import * as fs from "fs";
import * as path from "path";
import type { WorkbookHost, WriteReport } from "../../src/app/host";
import type { AllocationResult } from "../../src/domain/types";
import type { CellValue, Issue, RegionTableRead, WorkbookGrid } from "../../src/workbook/types";

export type FakeHost = {
  [K in keyof WorkbookHost]: jest.Mock<ReturnType<WorkbookHost[K]>, Parameters<WorkbookHost[K]>>;
};

export function fakeHost(grid: WorkbookGrid = gridOf("Blad1", [["Region"]])): FakeHost {
  const report: WriteReport = { cellsWritten: 100, syncs: 1 };
  return {
    readWorkbook: jest.fn(async () => grid),
    writePlan: jest.fn(async (_plan, onProgress) => {
      onProgress?.(0.5);
      onProgress?.(1);
      return report;
    }),
    selectCell: jest.fn(async (_sheet: string, _a1: string) => {}),
    insertSheet: jest.fn(async (plan) => plan.sheetName),
  };
}

/** One sheet whose values start at A1. */
export function gridOf(sheet: string, values: CellValue[][]): WorkbookGrid {
  return {
    sheets: [{ name: sheet, top: 0, left: 0, values, tables: [] }],
    activeSheet: sheet,
    selection: { sheet, row: 0, col: 0 },
    owned: null,
  };
}

const CASES = process.env.AT_CASES_DIR ?? path.resolve(__dirname, "../../../shared/cases");

/**
 * A golden case's input.csv as the grid Excel would give for it: numbers as numbers, text
 * ("84–89", "femtio") as text. Deliberately simple (the CSV reader is tested elsewhere).
 */
export function caseGrid(caseName: string, sheet = "Blad1"): WorkbookGrid {
  const text = fs
    .readFileSync(path.join(CASES, caseName, "input.csv"), "utf8")
    .replace(/^\uFEFF/, "");
  const rows = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) =>
      line.split(";").map((cell): CellValue => {
        const s = cell.trim();
        if (s === "") return null;
        return /^-?\d+$/.test(s) ? Number(s) : s;
      }),
    );
  return gridOf(sheet, rows);
}

export function caseExpected(caseName: string): {
  regions: { code: string; region: string; blocks: Record<string, number>; total: number }[];
} {
  const json = JSON.parse(fs.readFileSync(path.join(CASES, caseName, "case.json"), "utf8"));
  return json.expected;
}

/** A small result of two regions and two blocks, enough for the view. */
export function smallResult(): AllocationResult {
  const text = (s: string) => ({ sv: s, en: s });
  return {
    year: 2024,
    title: text("Test 2024"),
    reference: "S2024/00586",
    sources: ["S2024/00586"],
    budget: 3000,
    regions: [
      {
        code: "01",
        region: "Stockholm",
        blocks: { block1: 600, block2: 1500 },
        total: 2100,
        measures: { block2: "12" },
        steps: { block2: 10 },
        trace: { block1: text("a"), block2: text("b") },
      },
      {
        code: "03",
        region: "Uppsala",
        blocks: { block1: 400, block2: 300 },
        total: 700,
        measures: { block2: "2" },
        steps: { block2: 2 },
        trace: { block1: text("c"), block2: text("d") },
      },
    ],
    blocks: [
      {
        id: "block1",
        name: { sv: "Block 1 – Redovisa antal AT", en: "Block 1 – Report the number of AT posts" },
        kind: "proportional",
        budget: 1000,
        ladder: 0,
        leftover: 1000,
        distributed: 1000,
        undistributed: 0,
        roundingDifference: 0,
        overflow: false,
        eligibleCount: 2,
        qualifiedCount: 2,
        explanation: text("x"),
      },
      {
        id: "block2",
        name: { sv: "Block 2 – Ytterligare utökning", en: "Block 2 – Further expansion" },
        kind: "ladder",
        budget: 2000,
        ladder: 1800,
        leftover: 0,
        distributed: 1800,
        undistributed: 200,
        roundingDifference: 0,
        overflow: true,
        eligibleCount: 2,
        qualifiedCount: 2,
        explanation: text("y"),
      },
    ],
    interpretations: [],
    notices: [],
  };
}

export function smallRead(issues: Issue[] = []): RegionTableRead {
  return {
    sheet: "Blad1",
    range: "A1:D3",
    headerRow: 0,
    left: 0,
    right: 3,
    dataRows: [
      { row: 1, code: "01" },
      { row: 2, code: "03" },
    ],
    columns: { region: 0, population: 1, at: 2, baseline: 3 },
    inputs: [
      { code: "01", at: 290, population: 2454821, baseline: 280 },
      { code: "03", at: 58, population: 404589, baseline: 55 },
    ],
    issues,
  };
}

export function issue(
  severity: Issue["severity"],
  cell: string | undefined,
  sv: string,
  en = sv,
  region?: string,
): Issue {
  return {
    severity,
    code: `test.${severity}`,
    ...(cell ? { sheet: "Blad1", cell } : {}),
    ...(region ? { region } : {}),
    message: { sv, en },
  };
}
