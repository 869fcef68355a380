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
import type { WorkbookGrid } from "../workbook/types";
import { uniqueSheetName } from "../workbook/sheetNames";
import { excelCall, unwrap, type ExcelRun } from "./errors";
import { checkTable, lookBeforeWriting } from "./look";
import { planSteps } from "./planSteps";
import { queueBatch } from "./queueSteps";
import { readBatch, readRecord, readSummarySheet } from "./readBatch";
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
          const first = await readBatch(ctx);
          await readRecord(ctx, first);
          const grid = first.grid;
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
