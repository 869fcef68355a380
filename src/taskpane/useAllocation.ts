/**
 * The task pane's actions on a WorkbookHost: read, write, create a template, go to a cell,
 * load a rule file. State lives in allocationReducer; this hook adds the asynchronous steps and
 * derives the allocation from the grid read (readAndAllocate is pure and cheap for 21 rows).
 */
import { useCallback, useMemo, useReducer, useRef } from "react";
import type { ReadOutcome } from "../app/pipeline";
import { HostConflictError, type WorkbookHost } from "../app/host";
import type { Finding } from "../app/verify";
import { parseRuleSet } from "../domain/parseRuleSet";
import type { Lang, RuleSet, Text } from "../domain/ruleSet";
import type { Issue, WorkbookGrid } from "../workbook/types";
import { issueAddress } from "../workbook/issueText";
import { splitSheetAddress } from "../workbook/a1";
import { planTemplate } from "../workbook/planTemplate";
import { readAndAllocate, tableNotFound, withReader } from "./readerLoader";
import {
  allocationReducer,
  initialState,
  isBusy,
  selectedRuleSet,
  type AllocationState,
  type ErrorDetail,
} from "./allocationState";
import type { CellRef } from "./i18n";

/** The allocation under the current choices, or why it could not be computed. */
export type Computed = { ok: true; outcome: ReadOutcome } | { ok: false; detail: string };

export type WriteBlocker = "busy" | "beforeRead" | "errors" | null;

export interface UseAllocationOptions {
  host: WorkbookHost;
  lang: Lang;
  ruleSets: readonly RuleSet[];
  /** The workbook's name, for the summary sheet ("read from … Blad1!A1:D22"). */
  sourceName: string;
  /** The clock for the summary's "when it ran" (tests fix it). */
  now?: () => Date;
}

export interface Allocation {
  state: AllocationState;
  ruleSet: RuleSet;
  computed: Computed | null;
  busy: boolean;
  /** Why writing is not possible now, or null when it is. */
  writeBlocker: WriteBlocker;
  selectRuleSet(id: string): void;
  setInterpretation(key: string, value: string): void;
  loadRuleFile(file: File): Promise<void>;
  /** Takes a rule set read from a rule sheet of the workbook, and selects it. */
  takeSheetRuleSet(ruleSet: RuleSet, sheet: string): void;
  read(): Promise<void>;
  /**
   * Re-reads and writes. Stops before replacing the add-in's cells edited by hand, unless
   * `replacing` lists every such cell as it stands now (the user confirmed these edits).
   */
  write(replacing?: readonly Finding[]): Promise<void>;
  /** Withdraws a write held for hand edits ("Avbryt"). */
  cancelWrite(): void;
  /** Kontrollera: reads the workbook and checks it against the rule set; changes nothing. */
  verify(): Promise<void>;
  createTemplate(): Promise<void>;
  selectIssue(issue: Issue): Promise<void>;
  /** Activates a sheet (the summary after a write), at A1. */
  goToSheet(sheet: string): Promise<void>;
  /** Live mode read the table's sheet after a recompute: the preview shows that workbook. */
  takeLiveGrid(grid: WorkbookGrid): void;
}

/** An error's own words; Office.js errors carry them in `message` too. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/** An error as the pane reports it: the adapter's bilingual sentence, or the error's own text. */
export function errorDetail(error: unknown): ErrorDetail {
  const text = (error as { text?: Partial<Text> } | null)?.text;
  if (text && typeof text.sv === "string" && typeof text.en === "string") {
    return { sentence: { sv: text.sv, en: text.en } };
  }
  return { message: errorText(error) };
}

/** HostConflictError, also when it crossed a module boundary (instanceof fails across bundles). */
function conflictCells(error: unknown): CellRef[] | null {
  if (error instanceof HostConflictError) return error.cells;
  if (
    error instanceof Error &&
    error.name === "HostConflictError" &&
    Array.isArray((error as Partial<HostConflictError>).cells)
  ) {
    return (error as HostConflictError).cells;
  }
  return null;
}

/**
 * Where to go when the active sheet has no region table but the ownership record names the
 * sheet a previous run wrote beside, which the host did not read: that sheet, at the first cell
 * of the columns written there. The Office.js adapter reads the record's sheets itself now
 * (readBatch.ts), so this is a fallback for a host that reads the active sheet only.
 * Null where the read found a table, or the record names no other sheet that exists.
 */
export function ownedSheetToRead(
  grid: WorkbookGrid,
  ruleSet: RuleSet,
  settings: Record<string, string>,
): { sheet: string; cell: string } | null {
  const owned = grid.owned;
  if (!owned || owned.sheet === grid.activeSheet) return null;
  const sheet = grid.sheets.find((s) => s.name === owned.sheet);
  // Read already (a host that reads every sheet): the reader looks there itself.
  if (!sheet || sheet.values.length > 0) return null;
  let outcome: ReadOutcome;
  try {
    outcome = readAndAllocate(grid, ruleSet, settings);
  } catch {
    return null;
  }
  if (!outcome.issues.some(tableNotFound)) return null;
  const { address } = splitSheetAddress(owned.columnsRange);
  const cell = /^[A-Z]+\d+/.exec(address ?? "")?.[0] ?? "A1";
  return { sheet: sheet.name, cell };
}

export function errorCount(outcome: ReadOutcome): number {
  return outcome.issues.filter((i) => i.severity === "error").length;
}

/** FileReader rather than Blob.text(): the latter is missing in older WebViews (and jsdom). */
function readFileText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : "");
    reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
    reader.readAsText(file, "utf-8");
  });
}

function compute(grid: WorkbookGrid, ruleSet: RuleSet, settings: Record<string, string>): Computed {
  try {
    return { ok: true, outcome: readAndAllocate(grid, ruleSet, settings) };
  } catch (error) {
    return { ok: false, detail: errorText(error) };
  }
}

/** The rule sheet the rules in use were read from, for the summary ("Regler från bladet"). */
function ruleSheetOf(state: AllocationState): { rulesFrom?: string } {
  const sheet = state.options.find((o) => o.id === state.selectedId)?.sheet;
  return sheet ? { rulesFrom: sheet } : {};
}

export function useAllocation(options: UseAllocationOptions): Allocation {
  const { ruleSets } = options;
  // Every read waits for the reader's chunk, so that readAndAllocate below can run.
  const host = useMemo(() => withReader(options.host), [options.host]);
  const [state, dispatch] = useReducer(allocationReducer, ruleSets, initialState);
  const ruleSet = selectedRuleSet(state);

  // The async actions read the latest state through a ref, so a click handler created in an
  // earlier render never acts on choices the user has since changed.
  const latest = useRef({ state, ruleSet, options });
  latest.current = { state, ruleSet, options };
  // Set synchronously on the first click, so a double click never starts two host calls
  // (the state's busy flag only lands on the next render).
  const inFlight = useRef(false);
  const exclusive = useCallback(async (action: () => Promise<void>) => {
    if (inFlight.current || isBusy(latest.current.state)) return;
    inFlight.current = true;
    try {
      await action();
    } finally {
      inFlight.current = false;
    }
  }, []);

  const computed = useMemo(
    () => (state.grid ? compute(state.grid, ruleSet, state.settings) : null),
    // readCount: a new read is a new workbook, even as the same object.
    [state.grid, state.readCount, ruleSet, state.settings],
  );

  const busy = isBusy(state);
  let writeBlocker: WriteBlocker = null;
  if (busy) writeBlocker = "busy";
  else if (!computed) writeBlocker = "beforeRead";
  else if (
    !computed.ok ||
    computed.outcome.hasErrors ||
    !computed.outcome.read ||
    !computed.outcome.result
  ) {
    writeBlocker = "errors";
  }

  const selectRuleSet = useCallback((id: string) => dispatch({ type: "selectRuleSet", id }), []);
  const setInterpretation = useCallback(
    (key: string, value: string) => dispatch({ type: "setInterpretation", key, value }),
    [],
  );

  const loadRuleFile = useCallback(async (file: File) => {
    const fileName = file.name;
    let text: string;
    try {
      text = await readFileText(file);
    } catch {
      dispatch({ type: "ruleFileFailed", error: { kind: "unreadable", fileName } });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (error) {
      const detail = errorText(error);
      dispatch({ type: "ruleFileFailed", error: { kind: "notJson", fileName, detail } });
      return;
    }
    let parsed: RuleSet;
    try {
      parsed = parseRuleSet(json);
    } catch (error) {
      const detail = errorText(error);
      dispatch({ type: "ruleFileFailed", error: { kind: "invalid", fileName, detail } });
      return;
    }
    dispatch({ type: "addRuleSet", ruleSet: parsed, fileName });
  }, []);

  const takeSheetRuleSet = useCallback(
    (ruleSet: RuleSet, sheet: string) => dispatch({ type: "addSheetRuleSet", ruleSet, sheet }),
    [],
  );

  const read = useCallback(
    () =>
      exclusive(async () => {
        dispatch({ type: "readStarted" });
        try {
          let grid = await host.readWorkbook();
          const { ruleSet: rules, state: current } = latest.current;
          const elsewhere = ownedSheetToRead(grid, rules, current.settings);
          if (elsewhere) {
            const from = grid.activeSheet;
            await host.selectCell(elsewhere.sheet, elsewhere.cell);
            grid = await host.readWorkbook();
            dispatch({ type: "readSucceeded", grid, moved: { from, to: elsewhere.sheet } });
            return;
          }
          dispatch({ type: "readSucceeded", grid });
        } catch (error) {
          dispatch({ type: "readFailed", detail: errorDetail(error) });
        }
      }),
    [host, exclusive],
  );

  const writeNow = useCallback(
    async (replacing?: readonly Finding[]) => {
      const { state: current, ruleSet: rules, options: opts } = latest.current;
      const settings = current.settings;
      dispatch({ type: "writeStarted" });
      let grid: WorkbookGrid | null = null;
      try {
        // Re-read and re-plan right before writing: the user may have edited cells since the
        // preview, and the plan's conflict check must see the workbook as it is now.
        grid = await host.readWorkbook();
        const outcome = readAndAllocate(grid, rules, settings);
        if (outcome.hasErrors) {
          dispatch({
            type: "writeFailed",
            grid,
            message: { kind: "staleErrors", errors: errorCount(outcome) },
          });
          return;
        }
        if (!outcome.read || !outcome.result) {
          dispatch({ type: "writeFailed", grid, message: { kind: "noTable" } });
          return;
        }
        // A re-run replaces the add-in's own cells; hand corrections there are the user's work.
        // The checker (and the planner it uses) loads with the write, not with the pane.
        const { handEdits } = await import("../app/verify");
        const edits = handEdits(grid);
        const confirmed = (e: Finding) =>
          replacing?.some((r) => r.sheet === e.sheet && r.cell === e.cell && r.now === e.now);
        if (edits.some((e) => !confirmed(e))) {
          dispatch({ type: "writeHeld", grid, edits });
          return;
        }
        // The planner (summary, formulas, fingerprints) loads when a write is asked for: the
        // pane opens without it.
        const { planWrite } = await import("../workbook/planWrite");
        const plan = planWrite({
          workbook: grid,
          read: outcome.read,
          result: outcome.result,
          issues: outcome.issues,
          lang: opts.lang,
          now: (opts.now ?? (() => new Date()))(),
          sourceName: opts.sourceName,
          ruleSet: rules,
          // Rules read from a rule sheet: the summary names that sheet beside the results.
          ...ruleSheetOf(current),
        });
        // The host refuses such a plan too; stopping here saves a round trip and says the same.
        if (plan.conflicts.length > 0) {
          dispatch({
            type: "writeFailed",
            grid,
            message: { kind: "conflict", cells: plan.conflicts },
          });
          return;
        }
        const report = await host.writePlan(plan, (fraction) =>
          dispatch({ type: "writeProgress", fraction }),
        );
        const rows = outcome.read.dataRows.filter((r) => r.code !== null).length;
        dispatch({
          type: "writeSucceeded",
          grid,
          rows,
          sheet: plan.summary.sheetName,
          notices: report?.notices,
        });
      } catch (error) {
        const cells = conflictCells(error);
        dispatch({
          type: "writeFailed",
          grid,
          message: cells
            ? { kind: "conflict", cells }
            : { kind: "writeError", detail: errorDetail(error) },
        });
      }
    },
    [host],
  );
  const write = useCallback(
    (replacing?: readonly Finding[]) => exclusive(() => writeNow(replacing)),
    [exclusive, writeNow],
  );
  const cancelWrite = useCallback(() => dispatch({ type: "writeCancelled" }), []);

  const verify = useCallback(
    () =>
      exclusive(async () => {
        dispatch({ type: "verifyStarted" });
        try {
          let grid = await host.readWorkbook();
          // A host that reads the active sheet only (the Office.js adapter reads the record's
          // sheets itself): the record's sheet must be read to be checked, or every cell of it
          // would seem changed.
          const owned = grid.owned;
          const sheet = owned && grid.sheets.find((s) => s.name === owned.sheet);
          if (owned && sheet && owned.sheet !== grid.activeSheet && sheet.values.length === 0) {
            const { address } = splitSheetAddress(owned.columnsRange);
            await host.selectCell(owned.sheet, /^[A-Z]+\d+/.exec(address ?? "")?.[0] ?? "A1");
            grid = await host.readWorkbook();
          }
          const { verifyWorkbook } = await import("../app/verify");
          const verification = verifyWorkbook(grid, latest.current.ruleSet);
          dispatch({ type: "verifySucceeded", verification });
        } catch (error) {
          dispatch({ type: "verifyFailed", detail: errorDetail(error) });
        }
      }),
    [host, exclusive],
  );

  const createTemplate = useCallback(
    () =>
      exclusive(async () => {
        const { ruleSet: rules, options: opts } = latest.current;
        dispatch({ type: "templateStarted" });
        try {
          const sheet = await host.insertSheet(planTemplate(rules, opts.lang));
          dispatch({ type: "templateSucceeded", sheet });
        } catch (error) {
          dispatch({ type: "templateFailed", detail: errorDetail(error) });
        }
      }),
    [host, exclusive],
  );

  const selectIssue = useCallback(
    async (issue: Issue) => {
      if (!issue.sheet || !issue.cell) return;
      try {
        await host.selectCell(issue.sheet, issue.cell);
      } catch (error) {
        dispatch({
          type: "selectFailed",
          where: issueAddress(issue) ?? issue.cell,
          detail: errorDetail(error),
        });
      }
    },
    [host],
  );

  const goToSheet = useCallback(
    async (sheet: string) => {
      try {
        await host.selectCell(sheet, "A1");
      } catch (error) {
        dispatch({ type: "selectFailed", where: sheet, detail: errorDetail(error) });
      }
    },
    [host],
  );

  const takeLiveGrid = useCallback(
    (grid: WorkbookGrid) => dispatch({ type: "liveRead", grid }),
    [],
  );

  return {
    state,
    ruleSet,
    computed,
    busy,
    writeBlocker,
    selectRuleSet,
    setInterpretation,
    loadRuleFile,
    takeSheetRuleSet,
    read,
    write,
    cancelWrite,
    verify,
    createTemplate,
    selectIssue,
    goToSheet,
    takeLiveGrid,
  };
}
