/**
 * The Office.js adapter: the only code that talks to Excel (besides Office.onReady in the
 * task pane's entry). It reads the workbook into a grid and executes a write plan, in as few
 * round trips as Office.js allows, whatever the number of rows:
 *
 * - readWorkbook (readBatch.ts): one context.sync for the active sheet, the selection and the
 *   tables; where there are other sheets or a record, one for the record and the other sheets'
 *   bounds, and one for the other sheets the run needs (the record's table and summary sheets,
 *   the rest up to a size limit: a rule sheet, a table on a sheet not active) — three whatever
 *   the number of rows or sheets; retries where a chart is selected or a response passes the
 *   5 MB limit.
 * - writePlan: one sync to look before writing (look.ts: which sheets exist and are
 *   protected, the table's columns, whether the target cells are still as read and free of
 *   formulas, merges, comments and notes; a second only to locate comments or notes), then
 *   one sync for the whole plan; more only where the plan passes Excel on the web's 5 MB
 *   request limit (writeSteps.ts), or where a text had to be rewritten (writeRun.ts).
 *   Office.js cannot branch inside a batch, and whether to add or delete a sheet or a table
 *   column depends on what is there, so the look comes first.
 * - selectCell: one sync. insertSheet: two (the names taken, then the new sheet).
 *
 * Every call goes through excelCall (errors.ts), with delayForCellEdit and a timeout on its
 * first sync: a failure reaches the task pane as an ExcelHostError in Swedish and English.
 */
import {
  HostConflictError,
  type SheetPlan,
  type WorkbookHost,
  type WriteReport,
} from "../app/host";
import { isAnnexTitle } from "../workbook/annexSheet";
import type { WorkbookGrid, WritePlan } from "../workbook/types";
import { uniqueSheetName } from "../workbook/sheetNames";
import { excelCall, hostError, unwrap, type CallOptions, type ExcelRun } from "./errors";
import { checkTable, lookBeforeWriting, type ApiSupport } from "./look";
import { planSteps, unsupportedNotices } from "./planSteps";
import { readWorkbookGrid } from "./readBatch";
import { readTableSheet } from "./liveRead";
import { sendBatches } from "./writeRun";
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
  /**
   * Live mode's read (liveRead.ts): the named sheet (the region table's), the record and the
   * summary — not the active sheet. A write after it checks its cells against this read.
   */
  readSheet(sheetName: string): Promise<WorkbookGrid>;
}

export interface ExcelHostOptions {
  /** Milliseconds after a write during which change events count as ours. Default 1000. */
  settleMs?: number;
  /** The clock, for tests. */
  now?: () => number;
  /** Give up on a call whose first sync has not returned after this long. Default 30 000. */
  firstSyncTimeoutMs?: number;
  /**
   * Whether the running Excel has an ExcelApi version. Default: Office's own
   * isSetSupported inside Office; outside it (the fake Excel) every version, as the fake
   * says with its own isSetSupported where a test gives it an older one.
   */
  isSetSupported?: ApiSupport;
}

function officeSupport(version: string): boolean {
  if (typeof Office === "undefined" || !Office.context?.requirements?.isSetSupported) return true;
  return Office.context.requirements.isSetSupported("ExcelApi", version);
}

const STRUCTURE_PROTECTED = {
  sv: "arbetsbokens struktur är skyddad. Ta bort skyddet (Granska → Skydda arbetsbok) och försök igen.",
  en: "the workbook's structure is protected. Remove the protection (Review → Protect Workbook) and try again.",
};

/** Loads the A1 of the sheet the annex would replace, to be checked after the next sync. */
function queueAnnexCheck(ctx: Excel.RequestContext, plan: WritePlan): Excel.Range | null {
  if (!plan.annex?.replaces) return null;
  const a1 = ctx.workbook.worksheets.getItem(plan.annex.sheetName).getRange("A1");
  a1.load("values");
  return a1;
}

/**
 * A sheet of the annex's name whose A1 is not our title is the user's: refused, named. So is
 * one that appeared since the read (the plan did not mean to replace anything).
 */
async function checkAnnex(
  ctx: Excel.RequestContext,
  plan: WritePlan,
  a1: Excel.Range | null,
  sheetNames: readonly string[],
): Promise<void> {
  const annex = plan.annex;
  if (!annex) return;
  const exists = sheetNames.some((n) => n.toLowerCase() === annex.sheetName.toLowerCase());
  if (exists && !annex.replaces) {
    throw new HostConflictError([{ sheet: annex.sheetName, cell: "A1" }]);
  }
  if (!a1) return;
  let value: unknown;
  try {
    value = a1.values[0][0];
  } catch {
    // The look's first sync was one Excel refused (too large) and sent again without it.
    a1.load("values");
    await ctx.sync();
    value = a1.values[0][0];
  }
  if (!isAnnexTitle(value)) {
    throw new HostConflictError([{ sheet: annex.sheetName, cell: "A1" }]);
  }
}

export function createExcelHost(run: ExcelRun, options: ExcelHostOptions = {}): ExcelHost {
  const now = options.now ?? (() => Date.now());
  const settleMs = options.settleMs ?? 1000;
  const supports = options.isSetSupported ?? officeSupport;
  const call: CallOptions = { firstSyncTimeoutMs: options.firstSyncTimeoutMs };
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
      const grid = unwrap(await excelCall(run, "read", readWorkbookGrid, call));
      lastRead = grid;
      return grid;
    },

    async readSheet(sheetName: string): Promise<WorkbookGrid> {
      const grid = unwrap(
        await excelCall(run, "read", (ctx) => readTableSheet(ctx, sheetName), call),
      );
      lastRead = grid;
      return grid;
    },

    async writePlan(plan, onProgress): Promise<WriteReport> {
      if (plan.conflicts.length > 0) throw new HostConflictError(plan.conflicts);
      return writing(async () =>
        unwrap(
          await excelCall(
            run,
            "write",
            async (ctx) => {
              // The annex replaces a sheet only while its A1 is an annex title of ours: loaded
              // in the look's own sync (the read did not see that sheet's cells).
              const annexA1 = queueAnnexCheck(ctx, plan);
              const pre = await lookBeforeWriting(ctx, plan, lastRead, supports);
              if (pre.table) checkTable(plan, pre.table);
              await checkAnnex(ctx, plan, annexA1, pre.sheetNames);

              const batches = packBatches(planSteps(plan, pre, supports));
              const sent = await sendBatches(ctx, batches, "write", onProgress);
              const report: WriteReport = {
                cellsWritten: cellsWritten(batches),
                syncs: pre.syncs + sent.syncs,
              };
              const notices = [...unsupportedNotices(plan, supports), ...sent.notices];
              if (notices.length > 0) report.notices = notices;
              return report;
            },
            call,
          ),
        ),
      );
    },

    async selectCell(sheet, a1): Promise<void> {
      unwrap(
        await excelCall(
          run,
          "select",
          async (ctx) => {
            const ws = ctx.workbook.worksheets.getItem(sheet);
            ws.activate();
            ws.getRange(a1).select();
            await ctx.sync();
          },
          call,
        ),
      );
    },

    async insertSheet(plan: SheetPlan): Promise<string> {
      return writing(async () =>
        unwrap(
          await excelCall(
            run,
            "insertSheet",
            async (ctx) => {
              const worksheets = ctx.workbook.worksheets;
              worksheets.load("items/name");
              const protection = ctx.workbook.protection;
              protection.load("protected");
              await ctx.sync();
              if (protection.protected) {
                throw hostError("WorkbookProtected", "insertSheet", STRUCTURE_PROTECTED);
              }
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
              if (plan.chart) steps.push({ kind: "chart", sheet: name, chart: plan.chart });
              steps.push({ kind: "activate", sheet: name });
              await sendBatches(ctx, packBatches(steps), "insertSheet");
              return name;
            },
            call,
          ),
        ),
      );
    },
  };
}
