/**
 * The Office.js adapter: the only code that talks to Excel (besides Office.onReady in the
 * task pane's entry). It reads the workbook into a grid and executes a write plan, in as few
 * round trips as Office.js allows, whatever the number of rows:
 *
 * - readWorkbook: one context.sync for the active sheet, the selection, the tables and the
 *   ownership record. A second where a previous run's summary sheet exists (its name is in the
 *   record), to read it too; and where a chart is selected, since getSelectedRange then fails
 *   the batch with InvalidSelection (by design) and the batch runs again without it.
 * - writePlan: one sync to look before writing (which sheets exist, the table's columns, and
 *   whether the target cells are still as read), then one sync for the whole plan; more only
 *   where the plan passes Excel on the web's 5 MB request limit (writeSteps.ts). Office.js
 *   cannot branch inside a batch, and whether to add or delete a sheet or a table column
 *   depends on what is there, so the look comes first.
 * - selectCell: one sync. insertSheet: two (the names taken, then the new sheet).
 *
 * Every call goes through excelCall (errors.ts): a failure reaches the task pane as an
 * ExcelHostError with a message in Swedish and English.
 */
import {
  HostConflictError,
  type SheetPlan,
  type WorkbookHost,
  type WriteReport,
} from "../app/host";
import { parseA1, splitSheetAddress, toA1 } from "../workbook/a1";
import {
  OWNERSHIP_SHEET,
  type CellValue,
  type SheetGrid,
  type WorkbookGrid,
  type WritePlan,
} from "../workbook/types";
import { excelCall, hostError, unwrap, type ExcelRun } from "./errors";
import { locateTables, toCellValue, toCellValues } from "./readGrid";
import { parseOwnership } from "../workbook/ownership";
import { uniqueSheetName } from "../workbook/sheetNames";
import { cellsStep, cellsWritten, charsToPoints, packBatches, type WriteStep } from "./writeSteps";

export interface ExcelHost extends WorkbookHost {
  /**
   * True while writePlan or insertSheet runs, and for `settleMs` after, since Excel delivers
   * the change events of a write after the write's sync has returned. A worksheet onChanged
   * handler in the task pane ignores the events we caused with isOwnChange (below).
   */
  isWriting(): boolean;
  /**
   * Whether a WorksheetChangedEventArgs comes from this add-in: Excel says so itself from
   * ExcelApi 1.14 (triggerSource "ThisLocalAddin"); before that, by isWriting().
   */
  isOwnChange(event: { triggerSource?: string }): boolean;
}

export interface ExcelHostOptions {
  /** Milliseconds after a write during which change events count as ours. Default 1000. */
  settleMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

const CHART_TYPE = "BarClustered";

function cellAt(sheet: SheetGrid, row: number, col: number): CellValue {
  return sheet.values[row - sheet.top]?.[col - sheet.left] ?? null;
}

function sameValue(a: CellValue, b: CellValue): boolean {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if ("error" in a) return "error" in b && a.error === b.error;
  if ("formula" in a) return "formula" in b && a.formula === b.formula;
  return "date" in b && a.date === b.date;
}

/** A rectangle of one sheet, zero-based. */
interface Rect {
  sheet: string;
  top: number;
  left: number;
  rows: number;
  cols: number;
}

function rectOf(sheet: string, address: string): Rect {
  const [a, b] = address.split(":");
  const tl = parseA1(a);
  const br = parseA1(b ?? a);
  return {
    sheet,
    top: Math.min(tl.row, br.row),
    left: Math.min(tl.col, br.col),
    rows: Math.abs(br.row - tl.row) + 1,
    cols: Math.abs(br.col - tl.col) + 1,
  };
}

/** What the look before a write found. */
interface Preflight {
  sheetNames: string[];
  table: {
    top: number;
    left: number;
    columns: string[];
    dataRows: number;
  } | null;
}

/**
 * The steps of a plan, in the order they run. The ownership record goes first: a write cut
 * short between batches then still names the cells it wrote, which are then ours to redo.
 */
function planSteps(plan: WritePlan, pre: Preflight): WriteStep[] {
  const steps: WriteStep[] = [];
  const has = (name: string): boolean =>
    pre.sheetNames.some((n) => n.toLowerCase() === name.toLowerCase());

  if (!has(OWNERSHIP_SHEET))
    steps.push({ kind: "addSheet", sheet: OWNERSHIP_SHEET, veryHidden: true });
  steps.push(
    cellsStep(OWNERSHIP_SHEET, 0, 0, [[{ value: JSON.stringify(plan.ownership) }]], false),
  );

  for (const range of plan.clear) {
    const { sheet, address } = splitSheetAddress(range);
    steps.push({ kind: "clear", sheet: sheet ?? plan.columns.sheet, address });
  }

  const c = plan.columns;
  if (c.table && pre.table) {
    const right = pre.table.left + pre.table.columns.length - 1;
    const names = c.headers
      .map((h, i) => ({ name: String(h.value ?? ""), col: c.firstCol + i }))
      .filter((h) => h.col > right)
      .map((h) => h.name);
    if (names.length > 0) steps.push({ kind: "addTableColumns", table: c.table, names });
  }
  if (c.headers.length > 0) {
    steps.push(cellsStep(c.sheet, c.headerRow, c.firstCol, [c.headers, ...c.rows], true));
    steps.push({
      kind: "autofit",
      sheet: c.sheet,
      top: c.headerRow,
      left: c.firstCol,
      rows: c.rows.length + 1,
      cols: c.headers.length,
    });
  }

  const s = plan.summary;
  if (has(s.sheetName)) steps.push({ kind: "deleteSheet", sheet: s.sheetName });
  steps.push({ kind: "addSheet", sheet: s.sheetName, veryHidden: false });
  if (s.cells.length > 0) steps.push(cellsStep(s.sheetName, 0, 0, s.cells, false));
  if (s.columnWidths.length > 0) {
    steps.push({ kind: "widths", sheet: s.sheetName, points: s.columnWidths.map(charsToPoints) });
  }
  if (s.chart) steps.push({ kind: "chart", sheet: s.sheetName, chart: s.chart });
  return steps;
}

/**
 * Checks the plan against the table as it is now: the header row and data rows where the
 * plan put them, our columns either already in the table under our header texts or to be
 * appended right of it. Cells written since the read are conflicts; a changed shape is stale.
 */
function checkTable(plan: WritePlan, table: NonNullable<Preflight["table"]>): void {
  const c = plan.columns;
  const stale = (): never => {
    throw hostError("TableChanged", "write", {
      sv: `tabellen ${c.table} har ändrats sedan den lästes. Läs in arbetsboken igen.`,
      en: `the table ${c.table} has changed since it was read. Read the workbook again.`,
    });
  };
  const right = table.left + table.columns.length - 1;
  // Our columns are contiguous from firstCol: those inside the table are ours from before,
  // the rest are appended right after it (a gap would make Excel add empty columns).
  if (
    table.top !== c.headerRow ||
    table.dataRows !== c.rows.length ||
    c.firstCol < table.left ||
    c.firstCol > right + 1
  ) {
    stale();
  }
  const conflicts: { sheet: string; cell: string }[] = [];
  const ours = new Set<string>();
  c.headers.forEach((h, i) => {
    const col = c.firstCol + i;
    const header = String(h.value ?? "");
    ours.add(header.toLowerCase());
    if (col <= right && table.columns[col - table.left].toLowerCase() !== header.toLowerCase()) {
      conflicts.push({ sheet: c.sheet, cell: toA1(c.headerRow, col) });
    }
  });
  if (conflicts.length > 0) throw new HostConflictError(conflicts);
  // Excel keeps a table's column names unique; one of ours taken by a column of the user's
  // would be renamed on the way in and no longer match the ownership record.
  const theirs = table.columns.filter((_, i) => {
    const col = table.left + i;
    return col < c.firstCol || col >= c.firstCol + c.headers.length;
  });
  const clash = theirs.find((name) => ours.has(name.toLowerCase()));
  if (clash !== undefined) {
    throw hostError("DuplicateColumnName", "write", {
      sv: `tabellen ${c.table} har redan en kolumn som heter "${clash}". Byt namn på den och försök igen.`,
      en: `the table ${c.table} already has a column named "${clash}". Rename it and try again.`,
    });
  }
}

/** Queues one batch of steps on a context; sheet objects are kept for the run. */
function queueBatch(
  ctx: Excel.RequestContext,
  batch: WriteStep[],
  sheets: Map<string, Excel.Worksheet>,
): void {
  const app = ctx.workbook.application;
  // Both last until the next sync only, so every batch asks again.
  app.suspendApiCalculationUntilNextSync();
  app.suspendScreenUpdatingUntilNextSync();
  const sheet = (name: string): Excel.Worksheet => {
    const key = name.toLowerCase();
    let ws = sheets.get(key);
    if (!ws) {
      ws = ctx.workbook.worksheets.getItem(name);
      sheets.set(key, ws);
    }
    return ws;
  };
  for (const step of batch) {
    switch (step.kind) {
      case "clear":
        sheet(step.sheet).getRange(step.address).clear("All");
        break;
      case "addTableColumns": {
        const columns = ctx.workbook.tables.getItem(step.table).columns;
        for (const name of step.names) columns.add(undefined, undefined, name);
        break;
      }
      case "cells": {
        const ws = sheet(step.sheet);
        const rows = step.values.length;
        const cols = step.values[0]?.length ?? 0;
        if (rows === 0 || cols === 0) break;
        const range = ws.getRangeByIndexes(step.top, step.left, rows, cols);
        // The format first: a string entered into a cell formatted "@" stays the text it is.
        range.numberFormat = step.formats;
        range.values = step.values;
        if (step.resetBold) range.format.font.bold = false;
        for (const b of step.bold) {
          ws.getRangeByIndexes(step.top + b.row, step.left + b.col, 1, b.length).format.font.bold =
            true;
        }
        break;
      }
      case "autofit":
        sheet(step.sheet)
          .getRangeByIndexes(step.top, step.left, step.rows, step.cols)
          .format.autofitColumns();
        break;
      case "deleteSheet":
        sheet(step.sheet).delete();
        sheets.delete(step.sheet.toLowerCase());
        break;
      case "addSheet": {
        const ws = ctx.workbook.worksheets.add(step.sheet);
        if (step.veryHidden) ws.visibility = "VeryHidden";
        sheets.set(step.sheet.toLowerCase(), ws);
        break;
      }
      case "widths": {
        const ws = sheet(step.sheet);
        // Neighbouring columns of one width in one call.
        for (let c = 0; c < step.points.length;) {
          let n = 1;
          while (c + n < step.points.length && step.points[c + n] === step.points[c]) n++;
          ws.getRangeByIndexes(0, c, 1, n).format.columnWidth = step.points[c];
          c += n;
        }
        break;
      }
      case "chart": {
        const ws = sheet(step.sheet);
        const spec = step.chart;
        const chart = ws.charts.add(CHART_TYPE, ws.getRange(spec.valuesRange), "Columns");
        chart.title.text = spec.title;
        chart.legend.visible = false;
        const series = chart.series.getItemAt(0);
        series.name = spec.seriesName;
        series.setXAxisValues(ws.getRange(spec.categoriesRange));
        // Bars run bottom-up by default; reversed, the regions read top-down in code order.
        chart.axes.categoryAxis.reversePlotOrder = true;
        const at = parseA1(spec.anchor);
        const end = toA1(
          at.row + Math.max(1, spec.heightRows) - 1,
          at.col + Math.max(1, spec.widthCols) - 1,
        );
        chart.setPosition(spec.anchor, end);
        break;
      }
      case "activate":
        sheet(step.sheet).activate();
        break;
    }
  }
}

/**
 * The look before a write, in one sync: which sheets exist, the table as it is now, and the
 * cells the write replaces or clears on the sheet last read. Any of those that holds a value
 * other than what was read (someone typed there since) stops the write: HostConflictError.
 */
async function lookBeforeWriting(
  ctx: Excel.RequestContext,
  plan: WritePlan,
  lastRead: WorkbookGrid | null,
): Promise<Preflight> {
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name");
  const c = plan.columns;
  let table: { proxy: Excel.Table; range: Excel.Range } | null = null;
  if (c.table) {
    const proxy = ctx.workbook.tables.getItem(c.table);
    proxy.load("columns/items/name,rows/count");
    const range = proxy.getRange();
    range.load("rowIndex,columnIndex");
    table = { proxy, range };
  }
  const readSheet = lastRead?.sheets.find((s) => s.name === lastRead.activeSheet);
  const guarded: { rect: Rect; range: Excel.Range }[] = [];
  if (readSheet) {
    const target: Rect = {
      sheet: c.sheet,
      top: c.headerRow,
      left: c.firstCol,
      rows: c.rows.length + 1,
      cols: c.headers.length,
    };
    const cleared = plan.clear.map((r) => {
      const { sheet, address } = splitSheetAddress(r);
      return rectOf(sheet ?? c.sheet, address);
    });
    for (const rect of [target, ...cleared]) {
      if (rect.sheet !== readSheet.name || rect.cols === 0) continue;
      const range = worksheets
        .getItem(rect.sheet)
        .getRangeByIndexes(rect.top, rect.left, rect.rows, rect.cols);
      range.load("values,valueTypes,numberFormat");
      guarded.push({ rect, range });
    }
  }
  await ctx.sync();

  const changed: { sheet: string; cell: string }[] = [];
  for (const { rect, range } of guarded) {
    range.values.forEach((line, r) =>
      line.forEach((v, col) => {
        const now = toCellValue(v, range.valueTypes[r][col], range.numberFormat[r][col]);
        const then = cellAt(readSheet!, rect.top + r, rect.left + col);
        if (now !== null && !sameValue(now, then)) {
          changed.push({ sheet: rect.sheet, cell: toA1(rect.top + r, rect.left + col) });
        }
      }),
    );
  }
  if (changed.length > 0) throw new HostConflictError(changed);

  return {
    sheetNames: worksheets.items.map((ws) => ws.name),
    table: table && {
      top: table.range.rowIndex,
      left: table.range.columnIndex,
      columns: table.proxy.columns.items.map((col) => col.name),
      dataRows: table.proxy.rows.count,
    },
  };
}

async function readBatch(ctx: Excel.RequestContext, withSelection: boolean): Promise<WorkbookGrid> {
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name");
  const active = worksheets.getActiveWorksheet();
  active.load("name");
  const used = active.getUsedRangeOrNullObject(true);
  used.load("values,valueTypes,numberFormat,rowIndex,columnIndex");
  const tables = active.tables;
  tables.load(
    "items/name,items/showHeaders,items/showTotals,items/columns/items/name,items/rows/count",
  );
  const selected = withSelection ? ctx.workbook.getSelectedRange() : null;
  selected?.load("rowIndex,columnIndex");
  const selectedTables = selected ? selected.getTables(false) : null;
  selectedTables?.load("items/name");
  // Null objects all the way down where the record sheet does not exist or is empty.
  const record = worksheets.getItemOrNullObject(OWNERSHIP_SHEET).getUsedRangeOrNullObject(true);
  record.load("values,rowIndex,columnIndex");
  await ctx.sync();

  const grid = used.isNullObject
    ? { top: 0, left: 0, values: [] as CellValue[][] }
    : {
        top: used.rowIndex,
        left: used.columnIndex,
        values: toCellValues(used.values, used.valueTypes, used.numberFormat),
      };
  const selection = selected
    ? { sheet: active.name, row: selected.rowIndex, col: selected.columnIndex }
    : undefined;
  const located = locateTables(
    tables.items.map((t) => ({
      name: t.name,
      showHeaders: t.showHeaders,
      showTotals: t.showTotals,
      columns: t.columns.items.map((col) => col.name),
      dataRows: t.rows.count,
    })),
    grid,
    selection && selectedTables
      ? { row: selection.row, col: selection.col, tables: selectedTables.items.map((t) => t.name) }
      : undefined,
  );
  const sheets: SheetGrid[] = worksheets.items
    .filter((ws) => ws.name !== OWNERSHIP_SHEET)
    .map((ws) =>
      ws.name === active.name
        ? { name: ws.name, ...grid, tables: located }
        : { name: ws.name, top: 0, left: 0, values: [], tables: [] },
    );
  const ownedText =
    !record.isNullObject && record.rowIndex === 0 && record.columnIndex === 0
      ? record.values[0]?.[0]
      : null;
  return {
    sheets,
    activeSheet: active.name,
    ...(selection ? { selection } : {}),
    owned: parseOwnership(ownedText),
  };
}

/**
 * The summary sheet a previous run wrote, read too: the planner takes a sheet of that name
 * for ours only where it still carries our title, and replaces it only then. Its name is
 * known only once the record is read, so this is a second round trip, made only where the
 * record names a sheet that exists (and is not the active one, read already).
 */
async function readSummarySheet(ctx: Excel.RequestContext, grid: WorkbookGrid): Promise<void> {
  const name = grid.owned?.summarySheet.toLowerCase();
  const index = grid.sheets.findIndex(
    (s) => s.name.toLowerCase() === name && s.name !== grid.activeSheet,
  );
  if (index < 0) return;
  const sheetName = grid.sheets[index].name;
  const used = ctx.workbook.worksheets.getItem(sheetName).getUsedRangeOrNullObject(true);
  used.load("values,valueTypes,numberFormat,rowIndex,columnIndex");
  await ctx.sync();
  if (used.isNullObject) return;
  grid.sheets[index] = {
    name: sheetName,
    top: used.rowIndex,
    left: used.columnIndex,
    values: toCellValues(used.values, used.valueTypes, used.numberFormat),
    tables: [],
  };
}

export function createExcelHost(run: ExcelRun, options: ExcelHostOptions = {}): ExcelHost {
  const now = options.now ?? (() => Date.now());
  const settleMs = options.settleMs ?? 1000;
  let running = 0;
  let settledAt = -Infinity;
  /** The last grid read: a write checks that the cells it replaces are still as read. */
  let lastRead: WorkbookGrid | null = null;

  const writing = async <T>(work: () => Promise<T>): Promise<T> => {
    running++;
    try {
      return await work();
    } finally {
      running--;
      settledAt = now() + settleMs;
    }
  };

  const isWriting = (): boolean => running > 0 || now() < settledAt;

  return {
    isWriting,

    isOwnChange: (event) => event.triggerSource === "ThisLocalAddin" || isWriting(),

    async readWorkbook(): Promise<WorkbookGrid> {
      const grid = unwrap(
        await excelCall(run, "read", async (ctx) => {
          let grid: WorkbookGrid;
          try {
            grid = await readBatch(ctx, true);
          } catch (err) {
            if ((err as { code?: unknown } | null)?.code !== "InvalidSelection") throw err;
            grid = await readBatch(ctx, false);
          }
          await readSummarySheet(ctx, grid);
          return grid;
        }),
      );
      lastRead = grid;
      return grid;
    },

    async writePlan(plan, onProgress): Promise<WriteReport> {
      if (plan.conflicts.length > 0) throw new HostConflictError(plan.conflicts);
      return writing(async () =>
        unwrap(
          await excelCall(run, "write", async (ctx) => {
            const pre = await lookBeforeWriting(ctx, plan, lastRead);
            if (pre.table) checkTable(plan, pre.table);

            const batches = packBatches(planSteps(plan, pre));
            const sheets = new Map<string, Excel.Worksheet>();
            for (let i = 0; i < batches.length; i++) {
              queueBatch(ctx, batches[i], sheets);
              await ctx.sync();
              onProgress?.((i + 1) / batches.length);
            }
            return { cellsWritten: cellsWritten(batches), syncs: 1 + batches.length };
          }),
        ),
      );
    },

    async selectCell(sheet, a1): Promise<void> {
      unwrap(
        await excelCall(run, "select", async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem(sheet);
          ws.activate();
          ws.getRange(a1).select();
          await ctx.sync();
        }),
      );
    },

    async insertSheet(plan: SheetPlan): Promise<string> {
      return writing(async () =>
        unwrap(
          await excelCall(run, "insertSheet", async (ctx) => {
            const worksheets = ctx.workbook.worksheets;
            worksheets.load("items/name");
            await ctx.sync();
            const name = uniqueSheetName(
              plan.sheetName,
              worksheets.items.map((ws) => ws.name),
            );
            const steps: WriteStep[] = [{ kind: "addSheet", sheet: name, veryHidden: false }];
            if (plan.cells.length > 0) steps.push(cellsStep(name, 0, 0, plan.cells, false));
            if (plan.columnWidths.length > 0) {
              steps.push({
                kind: "widths",
                sheet: name,
                points: plan.columnWidths.map(charsToPoints),
              });
            }
            steps.push({ kind: "activate", sheet: name });
            const sheets = new Map<string, Excel.Worksheet>();
            for (const batch of packBatches(steps)) {
              queueBatch(ctx, batch, sheets);
              await ctx.sync();
            }
            return name;
          }),
        ),
      );
    },
  };
}
