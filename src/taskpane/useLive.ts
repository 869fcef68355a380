/**
 * The pane's Live switch and its stale preview (issue 10), on the Office.js adapter:
 *
 * - Live on: excel/liveMode.ts watches the region table, recomputes after an edit and rewrites
 *   the add-in's columns and summary — or, while an error stands, writes nothing and marks the
 *   written figures out of date in the workbook. After each recompute the table's sheet is read
 *   again (liveRead.ts, three syncs whatever the rows) so that the preview shows it.
 * - Live off: a watch on the same input cells (liveEvents.ts) says, as soon as one changes,
 *   that the preview no longer shows the workbook.
 *
 * Both stop when the table read or the rules change, and when the pane goes away. Live mode's
 * code (the planner with it) loads when the switch goes on, not with the pane.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { LiveState } from "../app/live";
import type { Lang, RuleSet } from "../domain/ruleSet";
import type { Settings } from "../domain/types";
import type { ExcelRun } from "../excel/errors";
import type { ExcelHost } from "../excel/excelHost";
import { watchChanges, type ChangeEvent, type LiveWatch } from "../excel/liveEvents";
import type { LiveMode } from "../excel/liveMode";
import type { Issue, RegionTableRead, WorkbookGrid } from "../workbook/types";
import type { ErrorDetail } from "./allocationState";
import { errorDetail } from "./useAllocation";

/**
 * Quiet time before Live recomputes after an edit. Excel raises one event per committed edit
 * (a paste, a fill: one), so the wait is for someone typing from cell to cell; liveMode's
 * 300 ms default took most of the 500 ms an edit → rewrite may take in the workbench (measured
 * median 491 ms with it, see docs/whatif.md). Requests during a recompute fold into one more.
 */
export const LIVE_DEBOUNCE_MS = 150;

/** What Live needs beyond the pane's WorkbookHost: the Office.js adapter and its Excel.run. */
export interface LiveSupport {
  run: ExcelRun;
  host: ExcelHost;
}

export type LiveView =
  | { kind: "starting" }
  | { kind: "recomputing" }
  | { kind: "current"; runs: number }
  /** An input error stands: nothing written, the workbook's figures marked out of date. */
  | { kind: "stale"; errors: Issue[] }
  /** Excel refused the read or the write (or the add-in's cells were edited by hand). */
  | { kind: "failed"; detail: ErrorDetail };

export interface UseLiveOptions {
  support?: LiveSupport;
  /** The region table as the pane last read it; null before a read or where none was found. */
  read: RegionTableRead | null;
  /** Whether the switch may go on: after a write, or a read of a table the add-in wrote. */
  eligible: boolean;
  /** No read or write of the pane's own under way (the stale preview's watch waits). */
  idle: boolean;
  /** Changes with every read: the preview is current again and its watch starts anew. */
  readCount: number;
  /**
   * A new value after each write of the pane's own (its "written" message): Live, on,
   * recomputes once, so that a pause it was in (hand edits the write then replaced) and the
   * out-of-date mark beside the columns go.
   */
  lastWrite?: object | null;
  ruleSet: RuleSet;
  settings: Settings;
  lang: Lang;
  sourceName: string;
  now?: () => Date;
  /** The table's sheet as read after a recompute. */
  onGrid(grid: WorkbookGrid): void;
  /** Timing of the watches (tests); the defaults suit Excel. */
  debounceMs?: number;
  maxWaitMs?: number;
}

export interface Live {
  /** Whether the switch is shown. */
  available: boolean;
  on: boolean;
  setOn(on: boolean): void;
  /** Live mode's state while on; null when off. */
  view: LiveView | null;
  /** Live off: the input cell(s) changed since the preview was read ("C12"), else null. */
  staleAt: string | null;
}

/** The changed cells as the first event names them, without a sheet: "C12", "C12:D13". */
export function changedAddress(events: readonly ChangeEvent[]): string {
  const address = events[0]?.address ?? "";
  return address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
}

function viewOf(state: LiveState): LiveView {
  switch (state.status) {
    case "current":
      return { kind: "current", runs: state.runs };
    case "stale":
      return { kind: "stale", errors: state.errors };
    case "failed":
      return { kind: "failed", detail: errorDetail(state.error) };
  }
}

/** Identifies the table and the choices Live runs under: another one turns Live off. */
function targetKey(read: RegionTableRead | null, settings: Settings): string | null {
  if (!read) return null;
  return JSON.stringify([read.sheet, read.table ?? null, settings]);
}

export function useLive(options: UseLiveOptions): Live {
  const { support, read, ruleSet } = options;
  const latest = useRef(options);
  latest.current = options;
  const key = targetKey(read, options.settings);
  // On for one table under one rule set: reading another or choosing other rules turns it off.
  const [onFor, setOnFor] = useState<{ key: string; ruleSet: RuleSet } | null>(null);
  const on = onFor !== null && onFor.key === key && onFor.ruleSet === ruleSet && !!support;
  useEffect(() => {
    if (onFor && !on) setOnFor(null);
  }, [onFor, on]);
  const [view, setView] = useState<LiveView | null>(null);
  const modeRef = useRef<LiveMode | null>(null);
  const [staleAt, setStaleAt] = useState<string | null>(null);

  const area = read
    ? {
        sheet: read.sheet,
        table: read.table,
        left: read.left,
        right: read.right,
        top: read.headerRow,
      }
    : null;
  // The area as of the key: a read that moves the columns restarts nothing by itself.
  const areaRef = useRef(area);
  areaRef.current = area;

  useEffect(() => {
    const where = areaRef.current;
    if (!on || !support || !where) return;
    let cancelled = false;
    let mode: LiveMode | null = null;
    modeRef.current = null;
    setView({ kind: "starting" });
    const reread = async () => {
      try {
        const { readTableSheetWith } = await import("../excel/liveRead");
        const grid = await readTableSheetWith(support.run, where.sheet);
        if (!cancelled) latest.current.onGrid(grid);
      } catch {
        // The next recompute reads again and says what Excel refused.
      }
    };
    void (async () => {
      try {
        const { startLiveMode } = await import("../excel/liveMode");
        const o = latest.current;
        const started = await startLiveMode({
          run: support.run,
          host: support.host,
          ruleSet: o.ruleSet,
          settings: o.settings,
          lang: o.lang,
          sourceName: o.sourceName,
          sheet: where.sheet,
          table: where.table,
          inputs: { left: where.left, right: where.right, headerRow: where.top },
          now: o.now,
          debounceMs: o.debounceMs ?? LIVE_DEBOUNCE_MS,
          maxWaitMs: o.maxWaitMs,
          onRecompute: () => {
            if (!cancelled) setView({ kind: "recomputing" });
          },
          onState: (state) => {
            if (cancelled) return;
            setView(viewOf(state));
            if (state.status !== "failed") void reread();
          },
        });
        if (cancelled) {
          await started.stop();
          return;
        }
        mode = started;
        modeRef.current = started;
        // The workbook may have changed while Live was off: current from the start.
        await started.recompute();
      } catch (error) {
        if (!cancelled) setView({ kind: "failed", detail: errorDetail(error) });
      }
    })();
    return () => {
      cancelled = true;
      modeRef.current = null;
      setView(null);
      if (mode) void mode.stop().catch(() => undefined);
    };
  }, [on, key, ruleSet, support]);

  // After the pane's own write: one recompute (its events are ours and start none).
  const { lastWrite } = options;
  useEffect(() => {
    if (lastWrite) void modeRef.current?.recompute().catch(() => undefined);
  }, [lastWrite]);

  const { idle, readCount } = options;
  useEffect(() => {
    setStaleAt(null);
    const where = areaRef.current;
    if (on || !support || !where || !idle) return;
    let stopped = false;
    let watch: LiveWatch | null = null;
    watchChanges({
      run: support.run,
      sheet: where.sheet,
      table: where.table,
      inputs: { left: where.left, right: where.right, headerRow: where.top },
      isWriting: () => support.host.isWriting(),
      // Said at once: the preview is out of date from the first keystroke committed.
      debounceMs: latest.current.debounceMs ?? 50,
      maxWaitMs: latest.current.maxWaitMs ?? 200,
      onChange: (events) => {
        if (!stopped) setStaleAt(changedAddress(events));
      },
    }).then(
      (w) => {
        if (stopped) void w.stop().catch(() => undefined);
        else watch = w;
      },
      () => undefined, // no events here (an older Excel): the preview says nothing, as before
    );
    return () => {
      stopped = true;
      if (watch) void watch.stop().catch(() => undefined);
    };
  }, [on, key, support, idle, readCount]);

  const setOn = useCallback((value: boolean) => {
    const k = targetKey(latest.current.read, latest.current.settings);
    setOnFor(value && k ? { key: k, ruleSet: latest.current.ruleSet } : null);
  }, []);

  return {
    available: !!support && !!read && (on || options.eligible),
    on,
    setOn,
    view: on ? view : null,
    staleAt: on ? null : staleAt,
  };
}
