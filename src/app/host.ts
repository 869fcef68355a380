/**
 * What the task pane needs from a workbook host. The Office.js adapter implements it for
 * Excel; the workbench implements it over the fake Excel. Components get it through props.
 */
import type { Text } from "../domain/ruleSet";
import type { ChartSpec, PlannedCell, WorkbookGrid, WritePlan } from "../workbook/types";

export interface WriteReport {
  /** Cells written (values), for the status line. */
  cellsWritten: number;
  /** Office.js round trips (context.sync calls) the write took. */
  syncs: number;
  /** What the user should know about a write that succeeded (e.g. a text rewritten). */
  notices?: Text[];
}

/** A new sheet to insert ("Skapa mall"): cells from A1. */
export interface SheetPlan {
  sheetName: string;
  cells: PlannedCell[][];
  columnWidths: number[];
  /** A chart on the new sheet (the marginal sheet's), ranges on that sheet. */
  chart?: ChartSpec;
}

export interface WorkbookHost {
  /** Every sheet's used range, the active sheet, the selection and the ownership record: one round trip. */
  readWorkbook(): Promise<WorkbookGrid>;
  /** Executes a plan: refuses (throws HostConflictError) where plan.conflicts is not empty. */
  writePlan(plan: WritePlan, onProgress?: (fraction: number) => void): Promise<WriteReport>;
  /** Selects a cell, e.g. to show where an issue is. */
  selectCell(sheet: string, a1: string): Promise<void>;
  /** Inserts a new sheet and activates it; the name is made unique if taken. Returns the name used. */
  insertSheet(plan: SheetPlan): Promise<string>;
}

export class HostConflictError extends Error {
  constructor(readonly cells: { sheet: string; cell: string }[]) {
    super(`Target cells hold other values: ${cells.map((c) => `${c.sheet}!${c.cell}`).join(", ")}`);
    this.name = "HostConflictError";
  }
}
