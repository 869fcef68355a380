/**
 * Live mode wired for the task pane: the watch (liveEvents.ts) feeds the controller
 * (app/live.ts), which reads the table's sheet (liveRead.ts), allocates, and writes through the
 * host's own writePlan — or marks the figures out of date (liveMarks.ts). The pane calls
 * startLiveMode when the Live switch goes on and stop() when it goes off.
 */
import { LiveController, type LiveState } from "../app/live";
import { readAndAllocate, type ReadOutcome } from "../app/pipeline";
import type { Lang, RuleSet } from "../domain/ruleSet";
import type { Settings } from "../domain/types";
import { handEdits } from "../app/verify";
import { planWrite } from "../workbook/planWrite";
import { quoteSheet } from "../workbook/a1";
import type { WorkbookGrid } from "../workbook/types";
import type { ExcelRun } from "./errors";
import type { ExcelHost } from "./excelHost";
import { clearMarks, writeMarks } from "./liveMarks";
import { watchChanges, type InputArea, type LiveWatch, type Timers } from "./liveEvents";

export interface LiveModeOptions {
  run: ExcelRun;
  host: ExcelHost;
  ruleSet: RuleSet;
  settings: Settings;
  lang: Lang;
  /** The workbook's name, for the summary's "range read". */
  sourceName: string;
  /** The region table as the pane last read it: which sheet (and table) to watch. */
  sheet: string;
  table?: string;
  /**
   * The table as the pane last read it (RegionTableRead has these), so that from the first event
   * on only edits of the user's input columns count. Absent: read once at the start.
   */
  inputs?: InputArea;
  debounceMs?: number;
  maxWaitMs?: number;
  timers?: Timers;
  /** How long after writing the mark its events count as ours (default 1000 ms). */
  markSettleMs?: number;
  now?: () => Date;
  /** Told when a recompute starts (a burst of edits came, or recompute() was called). */
  onRecompute?: () => void;
  onState?: (state: LiveState) => void;
}

export interface LiveMode {
  controller: LiveController;
  watch: LiveWatch;
  /** Recompute now (e.g. when the switch goes on), without waiting for an edit. */
  recompute(): Promise<LiveState>;
  stop(): Promise<void>;
}

/**
 * Live mode does not replace the add-in's cells edited by hand: the pane's write lists such
 * edits and asks first (issue 11), and a recompute after every keystroke cannot ask. It stops
 * instead and names the cells; a write from the pane, confirmed, replaces them.
 */
export class LiveHandEditsError extends Error {
  readonly text: { sv: string; en: string };
  constructor(readonly cells: { sheet: string; cell: string }[]) {
    const where = cells
      .slice(0, 5)
      .map((c) => `${quoteSheet(c.sheet)}!${c.cell}`)
      .join(", ");
    const more = cells.length > 5 ? ` (+${cells.length - 5})` : "";
    const text = {
      sv: `Tilläggets celler är ändrade för hand (${where}${more}). Live skriver inte över dem: ångra ändringen, eller skriv till arbetsboken och bekräfta att de ersätts.`,
      en: `The add-in's cells were edited by hand (${where}${more}). Live does not overwrite them: undo the edit, or write to the workbook and confirm that they are replaced.`,
    };
    super(text.en);
    this.name = "LiveHandEditsError";
    this.text = text;
  }
}

export async function startLiveMode(options: LiveModeOptions): Promise<LiveMode> {
  let inputs: InputArea | undefined = options.inputs;
  // The mark is written outside the host: its own write flag, kept up as the host's is.
  let marking = 0;
  let markSettledAt = -Infinity;
  const settleMs = options.markSettleMs ?? 1000;
  const ownWrite = async <T>(work: () => Promise<T>): Promise<T> => {
    marking++;
    try {
      return await work();
    } finally {
      marking--;
      markSettledAt = Date.now() + settleMs;
    }
  };
  const isWriting = (): boolean =>
    options.host.isWriting() || marking > 0 || Date.now() < markSettledAt;
  const remember = (outcome: ReadOutcome): void => {
    if (outcome.read) {
      inputs = {
        left: outcome.read.left,
        right: outcome.read.right,
        headerRow: outcome.read.headerRow,
      };
    }
  };
  const controller = new LiveController({
    read: () => options.host.readSheet(options.sheet),
    compute: (grid: WorkbookGrid) => {
      const outcome = readAndAllocate(grid, options.ruleSet, options.settings, {
        sheet: options.sheet,
      });
      remember(outcome);
      return outcome;
    },
    write: async (grid, outcome) => {
      const edits = handEdits(grid);
      if (edits.length > 0) {
        throw new LiveHandEditsError(edits.map((e) => ({ sheet: e.sheet!, cell: e.cell! })));
      }
      const plan = planWrite({
        workbook: grid,
        read: outcome.read!,
        result: outcome.result!,
        issues: outcome.issues,
        lang: options.lang,
        now: (options.now ?? (() => new Date()))(),
        sourceName: options.sourceName,
        ruleSet: options.ruleSet,
      });
      await options.host.writePlan(plan);
    },
    writeMark: (cells) => ownWrite(() => writeMarks(options.run, cells)),
    clearMark: (cells) => ownWrite(() => clearMarks(options.run, cells)),
    lang: options.lang,
    onState: options.onState,
  });
  if (!inputs) {
    // Where the inputs are, before the first event: without it, an edit that comes while the
    // write flag is up (before ExcelApi 1.14) could not be told from our own writes.
    const grid = await options.host.readSheet(options.sheet);
    remember(readAndAllocate(grid, options.ruleSet, options.settings, { sheet: options.sheet }));
  }
  const watch = await watchChanges({
    run: options.run,
    sheet: options.sheet,
    table: options.table,
    inputs: () => inputs,
    isWriting,
    debounceMs: options.debounceMs,
    maxWaitMs: options.maxWaitMs,
    timers: options.timers,
    onChange: () => {
      options.onRecompute?.();
      void controller.request();
    },
  });
  return {
    controller,
    watch,
    recompute: () => {
      options.onRecompute?.();
      return controller.request();
    },
    stop: () => watch.stop(),
  };
}
