/**
 * What a write sends to Excel, as data: steps with an estimate of their request size, packed
 * into as few batches (one context.sync each) as Excel on the web's 5 MB request limit allows.
 * Pure and deterministic: the same plan always makes the same batches.
 */
import type { ChartSpec, PageLayoutPlan, PlannedCell } from "../workbook/types";

/**
 * Bytes per batch. Excel on the web refuses requests above 5 MB; the estimate below counts
 * the JSON of the values and formats sent, and Office.js adds object paths and action records
 * around them, so a fifth is kept in reserve.
 */
export const BATCH_BUDGET_BYTES = 4_000_000;
/** What one queued action costs besides its arguments (its record and object path). */
export const ACTION_BYTES = 200;

/** A value for Range.values; null leaves the cell as it is (a formula goes in separately). */
export type CellInput = string | number | boolean | null;

/** A rectangle of cells written as text where they are text (numberFormat "@" first). */
export interface CellsStep {
  kind: "cells";
  sheet: string;
  top: number;
  left: number;
  values: CellInput[][];
  formats: string[][];
  /** Bold runs per row, relative to top/left. */
  bold: { row: number; col: number; length: number }[];
  /** Clear bold in the rectangle first (cells we wrote before may have been bold). */
  resetBold: boolean;
  /** Formulas, relative to top/left, set through Range.formulas after the values. */
  formulas: { row: number; col: number; formula: string }[];
  /**
   * Read the values back in the same batch and compare: for cells on a sheet of the user's,
   * where something the look cannot see (a merge before ExcelApi 1.13) may swallow a value.
   */
  verify: boolean;
}

/**
 * A planned cell's formula (the summary's checks, e.g. "=SUM(B4:B24)"): written through
 * Range.formulas, and the write then ends with a recalculation.
 */
function formulaOf(cell: PlannedCell | undefined): string | null {
  const f = cell?.formula;
  return typeof f === "string" && f.startsWith("=") ? f : null;
}

/** Whether any step writes a formula. */
export function hasFormulas(steps: readonly WriteStep[]): boolean {
  return steps.some((s) => s.kind === "cells" && s.formulas.length > 0);
}

/** Text Excel could take for a formula (Office.js: values starting with = + - are formulas). */
export function looksLikeFormula(value: CellInput): boolean {
  return typeof value === "string" && /^[=+\-@]/.test(value);
}

export interface ChartStep {
  kind: "chart";
  sheet: string;
  chart: ChartSpec;
}

export type WriteStep =
  | { kind: "clear"; sheet: string; address: string }
  | { kind: "addTableColumns"; table: string; names: string[] }
  | CellsStep
  | { kind: "autofit"; sheet: string; top: number; left: number; rows: number; cols: number }
  | { kind: "deleteSheet"; sheet: string }
  | { kind: "addSheet"; sheet: string; veryHidden: boolean }
  | { kind: "widths"; sheet: string; points: number[] }
  | ChartStep
  /** Font colour where a cell equals a text (the summary's FEL in red); ExcelApi 1.6. */
  | { kind: "conditionalFormat"; sheet: string; range: string; equals: string; fontColor: string }
  | { kind: "activate"; sheet: string }
  /** A document custom property, added or replaced (Workbook.properties.custom, ExcelApi 1.7). */
  | { kind: "customProperty"; name: string; value: string }
  /** How a sheet prints (Worksheet.pageLayout, ExcelApi 1.9). */
  | { kind: "pageLayout"; sheet: string; layout: PageLayoutPlan };

/** UTF-8 length of a value's JSON (what Office.js puts on the wire for it). */
export function jsonBytes(value: unknown): number {
  const s = JSON.stringify(value) ?? "";
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // 2 bytes below U+0800, 4 for a surrogate pair (2 code units), 3 otherwise.
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

/**
 * Column width in characters (Excel's unit, what the planner and exceljs use) as points
 * (what Office.js takes): a character of the default font is 7 px wide plus 5 px padding,
 * and a point is 4/3 px; 8.43 characters make Excel's default 48 points.
 */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Text is always text: "@" keeps "01" a text and "=1+1" from becoming a formula. */
function cellInput(cell: PlannedCell | undefined): { value: CellInput; format: string } {
  if (formulaOf(cell) !== null) return { value: null, format: cell?.numberFormat ?? "General" };
  const value = cell?.value ?? null;
  if (value === null) return { value: "", format: cell?.numberFormat ?? "General" };
  if (typeof value === "string") return { value, format: "@" };
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new Error(`Cannot write ${value} to a cell`);
  }
  return { value, format: cell?.numberFormat ?? "General" };
}

/** A block of planned cells (rows may be ragged) as one cells step. */
export function cellsStep(
  sheet: string,
  top: number,
  left: number,
  cells: PlannedCell[][],
  resetBold: boolean,
  verify = false,
): CellsStep {
  const width = cells.reduce((w, row) => Math.max(w, row.length), 0);
  const values: CellInput[][] = [];
  const formats: string[][] = [];
  const bold: CellsStep["bold"] = [];
  const formulas: CellsStep["formulas"] = [];
  cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      const formula = formulaOf(cell);
      if (formula !== null) formulas.push({ row: r, col: c, formula });
    });
    const v: CellInput[] = [];
    const f: string[] = [];
    let run = -1;
    for (let c = 0; c <= width; c++) {
      const cell = c < width ? row[c] : undefined;
      if (c < width) {
        const input = cellInput(cell);
        v.push(input.value);
        f.push(input.format);
      }
      const isBold = c < width && cell?.bold === true;
      if (isBold && run < 0) run = c;
      if (!isBold && run >= 0) {
        bold.push({ row: r, col: run, length: c - run });
        run = -1;
      }
    }
    values.push(v);
    formats.push(f);
  });
  return { kind: "cells", sheet, top, left, values, formats, bold, resetBold, formulas, verify };
}

/** Per row of a step, the bytes of its bold runs and formulas: counted once per step. */
const extraBytesByStep = new WeakMap<CellsStep, Map<number, number>>();

function extraBytes(step: CellsStep, r: number): number {
  let perRow = extraBytesByStep.get(step);
  if (!perRow) {
    perRow = new Map();
    for (const b of step.bold) perRow.set(b.row, (perRow.get(b.row) ?? 0) + ACTION_BYTES);
    for (const f of step.formulas)
      perRow.set(f.row, (perRow.get(f.row) ?? 0) + ACTION_BYTES + jsonBytes(f.formula));
    extraBytesByStep.set(step, perRow);
  }
  return perRow.get(r) ?? 0;
}

function rowBytes(step: CellsStep, r: number): number {
  return jsonBytes(step.values[r]) + jsonBytes(step.formats[r]) + extraBytes(step, r);
}

/** Fixed cost of a cells step: its range, two property sets, the bold reset. */
const CELLS_OVERHEAD = 4 * ACTION_BYTES;

export function stepBytes(step: WriteStep): number {
  switch (step.kind) {
    case "cells": {
      let n = CELLS_OVERHEAD;
      for (let r = 0; r < step.values.length; r++) n += rowBytes(step, r);
      return n;
    }
    case "addTableColumns":
      return step.names.reduce((n, name) => n + ACTION_BYTES + jsonBytes(name), ACTION_BYTES);
    case "widths":
      return ACTION_BYTES * (step.points.length + 1);
    case "chart":
      return ACTION_BYTES * 10 + jsonBytes(step.chart);
    default:
      return ACTION_BYTES * 2 + jsonBytes(step);
  }
}

/** Rows [from, to) of a cells step, as a step of their own. */
function sliceRows(step: CellsStep, from: number, to: number): CellsStep {
  return {
    ...step,
    top: step.top + from,
    values: step.values.slice(from, to),
    formats: step.formats.slice(from, to),
    bold: step.bold
      .filter((b) => b.row >= from && b.row < to)
      .map((b) => ({ ...b, row: b.row - from })),
    formulas: step.formulas
      .filter((f) => f.row >= from && f.row < to)
      .map((f) => ({ ...f, row: f.row - from })),
  };
}

/**
 * Steps in order, packed greedily: a batch takes steps while they fit; a cells step that does
 * not fit is cut by rows, as many as fit going into the current batch. A single row larger
 * than the budget goes alone (Excel will refuse it; nothing smaller can be sent).
 */
export function packBatches(steps: WriteStep[], budget = BATCH_BUDGET_BYTES): WriteStep[][] {
  const batches: WriteStep[][] = [];
  let batch: WriteStep[] = [];
  let used = 0;
  const flush = (): void => {
    if (batch.length > 0) batches.push(batch);
    batch = [];
    used = 0;
  };
  for (const step of steps) {
    const bytes = stepBytes(step);
    if (used + bytes <= budget) {
      batch.push(step);
      used += bytes;
      continue;
    }
    if (step.kind !== "cells") {
      flush();
      batch.push(step);
      used = bytes;
      continue;
    }
    let from = 0;
    while (from < step.values.length) {
      let to = from;
      let size = CELLS_OVERHEAD;
      while (to < step.values.length && used + size + rowBytes(step, to) <= budget) {
        size += rowBytes(step, to);
        to++;
      }
      if (to === from) {
        if (batch.length > 0) {
          flush();
          continue;
        }
        size += rowBytes(step, to);
        to++;
      }
      batch.push(sliceRows(step, from, to));
      used += size;
      from = to;
      if (from < step.values.length) flush();
    }
  }
  flush();
  return batches;
}

/** Cells a batch list writes values to, for the report. */
export function cellsWritten(batches: WriteStep[][]): number {
  let n = 0;
  for (const batch of batches) {
    for (const step of batch) {
      if (step.kind === "cells") n += step.values.reduce((s, row) => s + row.length, 0);
    }
  }
  return n;
}
