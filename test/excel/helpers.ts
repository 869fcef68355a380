/** Hand-made workbooks and write plans for the adapter's tests (no planner involved). */
import { rangeA1 } from "../../src/workbook/a1";
import type { FakeInitValue, FakeSheetInit } from "../../src/excel/fake";
import type { PlannedCell, WritePlan } from "../../src/workbook/types";

export const KR = '#,##0 "kr"';

/** A region table of `n` rows at (top, left): Region, Kod, Folkmängd, AT 2024. */
export function regionRows(n: number): FakeInitValue[][] {
  const rows: FakeInitValue[][] = [["Region", "Kod", "Folkmängd", "AT 2024"]];
  for (let i = 0; i < n; i++) {
    rows.push([`Region ${i + 1}`, String(i + 1).padStart(2, "0"), 100000 + i, (i * 7) % 50]);
  }
  return rows;
}

export function regionSheet(n: number, extra: Partial<FakeSheetInit> = {}): FakeSheetInit {
  return { name: "Blad1", values: regionRows(n), ...extra };
}

/** Allocation columns for `n` data rows: one amount per row, then a total; headers bold. */
export function columnCells(n: number): { headers: PlannedCell[]; rows: PlannedCell[][] } {
  return {
    headers: [
      { value: "Block 1 (kr)", bold: true, numberFormat: "@" },
      { value: "Summa (kr)", bold: true, numberFormat: "@" },
    ],
    rows: Array.from({ length: n }, (_, i) => [
      { value: 1000 * (i + 1), numberFormat: KR },
      { value: 1000 * (i + 1) + 7, numberFormat: KR },
    ]),
  };
}

export interface HandPlanOptions {
  rows: number;
  sheet?: string;
  table?: string;
  headerRow?: number;
  firstCol?: number;
  summarySheet?: string;
  chart?: boolean;
  clear?: string[];
  conflicts?: { sheet: string; cell: string }[];
  columns?: { headers: PlannedCell[]; rows: PlannedCell[][] };
  summaryCells?: PlannedCell[][];
}

export function handPlan(o: HandPlanOptions): WritePlan {
  const sheet = o.sheet ?? "Blad1";
  const headerRow = o.headerRow ?? 0;
  const firstCol = o.firstCol ?? 4;
  const cols = o.columns ?? columnCells(o.rows);
  const summarySheet = o.summarySheet ?? "AT-fördelning 2024";
  const summaryCells: PlannedCell[][] = o.summaryCells ?? [
    [{ value: "AT-fördelning 2024 – sammanställning", bold: true }],
    [],
    [
      { value: "Region", bold: true },
      { value: "Summa (kr)", bold: true },
    ],
    ...Array.from({ length: 3 }, (_, i) => [
      { value: `Region ${i + 1}` },
      { value: 1000 * (i + 1) + 7, numberFormat: KR },
    ]),
  ];
  return {
    year: 2024,
    columns: {
      sheet,
      ...(o.table ? { table: o.table } : {}),
      headerRow,
      firstCol,
      headers: cols.headers,
      rows: cols.rows,
    },
    summary: {
      sheetName: summarySheet,
      cells: summaryCells,
      columnWidths: [30, 14],
      ...(o.chart === false
        ? {}
        : {
            chart: {
              type: "bar" as const,
              title: "Summa per region 2024 (kr)",
              categoriesRange: "A4:A6",
              valuesRange: "B4:B6",
              seriesName: "Summa (kr)",
              anchor: "A9",
              widthCols: 8,
              heightRows: 22,
            },
          }),
    },
    ownership: {
      version: 1,
      year: 2024,
      sheet,
      columnsRange: rangeA1(
        headerRow,
        firstCol,
        headerRow + cols.rows.length,
        firstCol + cols.headers.length - 1,
      ),
      ...(o.table ? { table: o.table } : {}),
      headers: cols.headers.map((h) => String(h.value)),
      summarySheet,
      writtenAt: "2025-03-14T10:22:05+01:00",
    },
    clear: o.clear ?? [],
    conflicts: o.conflicts ?? [],
  };
}
