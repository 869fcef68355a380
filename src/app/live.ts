/**
 * Live mode's decisions, host-neutral: after an input edit (coalesced by the adapter), read,
 * allocate, and either rewrite the add-in's own columns and summary through the usual write
 * path, or — while an error stands — write nothing of the allocation, mark the written figures
 * as out of date in the workbook (workbook/planStale.ts) and say so; the mark goes once the
 * figures are current again. One recompute at a time: edits that come during one make one
 * more, not one each.
 */
import type { Lang } from "../domain/ruleSet";
import { planStaleMark, staleMarkCells, type MarkCell } from "../workbook/planStale";
import type { Issue, WorkbookGrid } from "../workbook/types";
import type { ReadOutcome } from "./pipeline";

export interface LiveDeps {
  /** The region table's sheet, the record and the summary (excel/liveRead.ts). */
  read(): Promise<WorkbookGrid>;
  /** readAndAllocate with the pane's rule set and settings. */
  compute(grid: WorkbookGrid): ReadOutcome;
  /** The pane's own write path: planWrite + host.writePlan. Throws where it refuses. */
  write(grid: WorkbookGrid, outcome: ReadOutcome): Promise<void>;
  writeMark(cells: MarkCell[]): Promise<unknown>;
  clearMark(cells: { sheet: string; cell: string }[]): Promise<unknown>;
  lang: Lang;
  /** Told after every recompute (the pane's status line, the preview). */
  onState?(state: LiveState): void;
}

export type LiveStatus =
  /** Rewritten: the workbook shows the current inputs' figures. */
  | "current"
  /** An input error stands: nothing written, the written figures marked out of date. */
  | "stale"
  /** Reading or writing failed (Excel said no): the message says why. */
  | "failed";

export interface LiveState {
  status: LiveStatus;
  outcome: ReadOutcome | null;
  /** The errors that keep the figures from being written (status "stale"). */
  errors: Issue[];
  /** Whether the workbook carries the out-of-date mark now. */
  marked: boolean;
  /** Recomputes run so far. */
  runs: number;
  error?: unknown;
}

export class LiveController {
  private running: Promise<LiveState> | null = null;
  private again = false;
  private marked = false;
  private runs = 0;
  private last: LiveState | null = null;

  constructor(private readonly deps: LiveDeps) {}

  /** Whether a recompute is running (or about to run again). */
  get busy(): boolean {
    return this.running !== null;
  }

  get state(): LiveState | null {
    return this.last;
  }

  /**
   * Asks for a recompute. While one runs, the request is folded into one more run after it;
   * the promise resolves with the state after the last run.
   */
  request(): Promise<LiveState> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(): Promise<LiveState> {
    let state: LiveState;
    do {
      this.again = false;
      state = await this.once();
    } while (this.again);
    return state;
  }

  private async markQuietly(grid: WorkbookGrid): Promise<void> {
    if (!grid.owned) return;
    const cells = planStaleMark(grid, this.deps.lang);
    if (cells.length === 0) return;
    try {
      await this.deps.writeMark(cells);
      this.marked = true;
    } catch {
      // Excel refuses this too: the pane's status line is all that can say it.
    }
  }

  private async once(): Promise<LiveState> {
    this.runs++;
    let state: LiveState;
    try {
      const grid = await this.deps.read();
      const outcome = this.deps.compute(grid);
      if (outcome.hasErrors || !outcome.result || !outcome.read) {
        const errors = outcome.issues.filter((i) => i.severity === "error");
        if (grid.owned) {
          const cells = planStaleMark(grid, this.deps.lang);
          if (cells.length > 0) {
            await this.deps.writeMark(cells);
            this.marked = true;
          }
        }
        state = { status: "stale", outcome, errors, marked: this.marked, runs: this.runs };
      } else {
        try {
          await this.deps.write(grid, outcome);
        } catch (error) {
          // Refused (a user's value in our columns) or failed: the workbook still shows the
          // old figures, so they are marked out of date too, where the mark can be written.
          await this.markQuietly(grid);
          throw error;
        }
        if (this.marked || staleMarkCells(grid).length > 0) {
          // The summary is rewritten (its banner gone with it); the note beside the columns is not.
          await this.deps.clearMark(staleMarkCells(grid));
          this.marked = false;
        }
        state = { status: "current", outcome, errors: [], marked: false, runs: this.runs };
      }
    } catch (error) {
      state = {
        status: "failed",
        outcome: null,
        errors: [],
        marked: this.marked,
        runs: this.runs,
        error,
      };
    }
    this.last = state;
    this.deps.onState?.(state);
    return state;
  }
}
