/**
 * The task pane's state as a pure reducer: which rule set and interpretations are chosen, the
 * workbook as last read, and where the read → write cycle stands:
 *
 *   idle → reading → read → writing → written | failed
 *
 * The allocation shown is not stored here: it is derived from (grid, rule set, settings) by
 * readAndAllocate, which is pure, so changing the year or an interpretation after a read
 * updates the preview at once without another round trip to Excel — and can never show figures
 * computed under other choices than those on screen. Writing always re-reads the workbook first.
 * Messages are stored as data and worded at render time, in the pane's language.
 */
import type { Finding, Verification } from "../app/verify";
import type { RuleSet, Text } from "../domain/ruleSet";
import type { Settings } from "../domain/types";
import { detectYear } from "../workbook/detectYear";
import type { WorkbookGrid } from "../workbook/types";
import type { CellRef } from "./i18n";
import { settingsFor } from "./interpretations";

export interface RuleSetOption {
  id: string;
  ruleSet: RuleSet;
  /** Set for a rule set the user loaded from a file. */
  fileName?: string;
  /** Set for a rule set read from a rule sheet of the workbook ("Regler från bladet …"). */
  sheet?: string;
}

export type Phase = "idle" | "reading" | "read" | "writing" | "written" | "failed";

/**
 * Why a host call failed. The Excel adapter's errors (ExcelHostError) carry a whole sentence in
 * both languages, "Kunde inte läsa arbetsboken: Excel redigerar en cell…": shown as they are.
 * Any other error has only its own message, which the view puts in a sentence of its own.
 */
export type ErrorDetail = { sentence: Text } | { message: string };

/** The outcome of the last action, worded by the view. */
export type StatusMessage =
  | { kind: "readError"; detail: ErrorDetail }
  /** notices: what the host had to say about the write (a text rewritten as text, …). */
  | { kind: "written"; rows: number; sheet: string; notices?: Text[] }
  | { kind: "conflict"; cells: CellRef[] }
  | { kind: "writeError"; detail: ErrorDetail }
  /** The re-read right before writing found errors (the workbook changed since the read). */
  | { kind: "staleErrors"; errors: number }
  | { kind: "noTable" }
  | { kind: "templateCreated"; sheet: string }
  | { kind: "templateError"; detail: ErrorDetail }
  | { kind: "selectError"; where: string; detail: ErrorDetail }
  | { kind: "ruleFileLoaded"; year: number; fileName: string }
  | { kind: "ruleSheetLoaded"; year: number; sheet: string }
  /** Kontrollera's answer (nothing in the workbook changed). */
  | { kind: "verified"; verification: Verification }
  | { kind: "verifyError"; detail: ErrorDetail }
  /** The write stopped before replacing the add-in's cells edited by hand: the pane asks. */
  | { kind: "handEdits"; edits: Finding[] }
  | { kind: "writeCancelled" };

/**
 * What the last read's headers say of the year (detectYear): the pane switched to it (the
 * user had not chosen a year), or it differs from the year the user chose (the pane offers to
 * switch), or no rules of that year are at hand.
 */
export type YearNote =
  | { kind: "switched"; year: number; sheet: string; cell: string; header: string }
  | {
      kind: "mismatch";
      year: number;
      chosen: number;
      optionId: string;
      sheet: string;
      cell: string;
      header: string;
    }
  | { kind: "noRules"; year: number; sheet: string; cell: string; header: string };

export type RuleFileError =
  | { kind: "notJson"; fileName: string; detail: string }
  | { kind: "invalid"; fileName: string; detail: string }
  | { kind: "unreadable"; fileName: string };

export interface AllocationState {
  options: RuleSetOption[];
  selectedId: string;
  settings: Settings;
  phase: Phase;
  /** The workbook as last read (null before a read, and after a failed read). */
  grid: WorkbookGrid | null;
  /**
   * Counts the reads: the allocation is derived anew for each, even where a host hands back
   * the same grid object for a workbook that changed in between.
   */
  readCount: number;
  /** 0…1 while writing. */
  progress: number;
  templateBusy: boolean;
  /** Kontrollera is reading the workbook. */
  verifyBusy: boolean;
  message: StatusMessage | null;
  ruleFileError: RuleFileError | null;
  /** True once the user has chosen a year (or loaded a rule file): a read no longer switches it. */
  yearPinned: boolean;
  yearNote: YearNote | null;
  /**
   * Set when the last read found no table on the active sheet and went to the sheet the
   * ownership record names (a host that read the active sheet's cells only).
   */
  readMoved: { from: string; to: string } | null;
}

export type AllocationAction =
  | { type: "selectRuleSet"; id: string }
  | { type: "addRuleSet"; ruleSet: RuleSet; fileName: string }
  | { type: "addSheetRuleSet"; ruleSet: RuleSet; sheet: string }
  | { type: "ruleFileFailed"; error: RuleFileError }
  | { type: "setInterpretation"; key: string; value: string }
  | { type: "readStarted" }
  | { type: "readSucceeded"; grid: WorkbookGrid; moved?: { from: string; to: string } }
  | { type: "readFailed"; detail: ErrorDetail }
  | { type: "writeStarted" }
  | { type: "writeProgress"; fraction: number }
  | { type: "writeSucceeded"; grid: WorkbookGrid; rows: number; sheet: string; notices?: Text[] }
  /** grid: the workbook as re-read before the write, when that read got through. */
  | { type: "writeFailed"; grid: WorkbookGrid | null; message: StatusMessage }
  | { type: "templateStarted" }
  | { type: "templateSucceeded"; sheet: string }
  | { type: "templateFailed"; detail: ErrorDetail }
  | { type: "selectFailed"; where: string; detail: ErrorDetail }
  | { type: "verifyStarted" }
  | { type: "verifySucceeded"; verification: Verification }
  | { type: "verifyFailed"; detail: ErrorDetail }
  /** The re-read before a write found hand edits in the add-in's cells: nothing written yet. */
  | { type: "writeHeld"; grid: WorkbookGrid; edits: Finding[] }
  | { type: "writeCancelled" }
  /**
   * Live mode recomputed and read the table's sheet again: the preview follows the workbook;
   * the phase and the last action's message stay.
   */
  | { type: "liveRead"; grid: WorkbookGrid };

export function shippedOptionId(year: number): string {
  return `shipped:${year}`;
}

export function initialState(ruleSets: readonly RuleSet[]): AllocationState {
  if (ruleSets.length === 0) throw new Error("The task pane needs at least one rule set");
  const options = ruleSets.map((ruleSet, i) => {
    // Two rule sets of one year (possible through the prop) still need distinct ids.
    const duplicate = ruleSets.findIndex((r) => r.year === ruleSet.year) !== i;
    return { id: shippedOptionId(ruleSet.year) + (duplicate ? `:${i}` : ""), ruleSet };
  });
  // The latest year is the one an officer is most likely working on.
  const latest = options.reduce((a, b) => (b.ruleSet.year > a.ruleSet.year ? b : a));
  return {
    options,
    selectedId: latest.id,
    settings: settingsFor(latest.ruleSet),
    phase: "idle",
    grid: null,
    readCount: 0,
    progress: 0,
    templateBusy: false,
    verifyBusy: false,
    message: null,
    ruleFileError: null,
    yearPinned: false,
    yearNote: null,
    readMoved: null,
  };
}

/**
 * After a read: the year its headers name, against the year chosen. Unpinned, the pane takes
 * the headers' year where it has rules for it; pinned (the user chose), it only says so.
 */
function withDetectedYear(state: AllocationState, grid: WorkbookGrid): AllocationState {
  const found = detectYear(grid);
  const current = selectedRuleSet(state);
  if (!found || found.year === current.year) return { ...state, yearNote: null };
  const where = { sheet: found.sheet, cell: found.cell, header: found.header };
  // A rule file of that year the user loaded comes before the shipped one.
  const candidates = state.options.filter((o) => o.ruleSet.year === found.year);
  const option = candidates.find((o) => o.fileName) ?? candidates[0];
  if (!option) return { ...state, yearNote: { kind: "noRules", year: found.year, ...where } };
  if (state.yearPinned) {
    return {
      ...state,
      yearNote: {
        kind: "mismatch",
        year: found.year,
        chosen: current.year,
        optionId: option.id,
        ...where,
      },
    };
  }
  return {
    ...state,
    selectedId: option.id,
    settings: settingsFor(option.ruleSet, state.settings),
    yearNote: { kind: "switched", year: found.year, ...where },
  };
}

export function selectedRuleSet(state: AllocationState): RuleSet {
  return (state.options.find((o) => o.id === state.selectedId) ?? state.options[0]).ruleSet;
}

export function isBusy(state: AllocationState): boolean {
  return (
    state.phase === "reading" || state.phase === "writing" || state.templateBusy || state.verifyBusy
  );
}

/** After the choices change, a message about the previous choices' write no longer applies. */
function choicesChanged(state: AllocationState): Pick<AllocationState, "phase" | "message"> {
  if (state.phase === "written" || state.phase === "failed") {
    return { phase: state.grid ? "read" : "idle", message: null };
  }
  return { phase: state.phase, message: state.message };
}

export function allocationReducer(
  state: AllocationState,
  action: AllocationAction,
): AllocationState {
  switch (action.type) {
    case "selectRuleSet": {
      // A write in progress runs with the choices it started with; don't let the view drift.
      if (state.phase === "writing") return state;
      const option = state.options.find((o) => o.id === action.id);
      if (!option || option.id === state.selectedId) return state;
      return {
        ...state,
        ...choicesChanged(state),
        selectedId: option.id,
        settings: settingsFor(option.ruleSet, state.settings),
        yearPinned: true,
        yearNote: null,
      };
    }
    case "addRuleSet": {
      if (state.phase === "writing") return state;
      const id = `file:${action.fileName}:${action.ruleSet.year}`;
      const option: RuleSetOption = { id, ruleSet: action.ruleSet, fileName: action.fileName };
      // Loading the same file again replaces it (the user fixed it and loads it anew).
      const options = state.options.some((o) => o.id === id)
        ? state.options.map((o) => (o.id === id ? option : o))
        : [...state.options, option];
      return {
        ...state,
        ...choicesChanged(state),
        options,
        selectedId: id,
        settings: settingsFor(action.ruleSet, state.settings),
        ruleFileError: null,
        yearPinned: true,
        yearNote: null,
        message: { kind: "ruleFileLoaded", year: action.ruleSet.year, fileName: action.fileName },
      };
    }
    case "addSheetRuleSet": {
      if (state.phase === "writing") return state;
      const id = `sheet:${action.sheet}:${action.ruleSet.year}`;
      const option: RuleSetOption = { id, ruleSet: action.ruleSet, sheet: action.sheet };
      const options = state.options.some((o) => o.id === id)
        ? state.options.map((o) => (o.id === id ? option : o))
        : [...state.options, option];
      return {
        ...state,
        ...choicesChanged(state),
        options,
        selectedId: id,
        settings: settingsFor(action.ruleSet, state.settings),
        yearPinned: true,
        yearNote: null,
        message: { kind: "ruleSheetLoaded", year: action.ruleSet.year, sheet: action.sheet },
      };
    }
    case "ruleFileFailed":
      return { ...state, ruleFileError: action.error };
    case "setInterpretation": {
      if (state.phase === "writing" || state.settings[action.key] === action.value) return state;
      return {
        ...state,
        ...choicesChanged(state),
        settings: { ...state.settings, [action.key]: action.value },
      };
    }
    case "readStarted":
      return { ...state, phase: "reading", message: null };
    case "readSucceeded":
      return withDetectedYear(
        {
          ...state,
          phase: "read",
          grid: action.grid,
          readCount: state.readCount + 1,
          message: null,
          readMoved: action.moved ?? null,
        },
        action.grid,
      );
    case "readFailed":
      return {
        ...state,
        phase: "failed",
        grid: null,
        message: { kind: "readError", detail: action.detail },
      };
    case "writeStarted":
      return { ...state, phase: "writing", progress: 0, message: null };
    case "writeProgress":
      if (state.phase !== "writing") return state;
      return { ...state, progress: Math.min(1, Math.max(state.progress, action.fraction)) };
    case "writeSucceeded":
      return {
        ...state,
        phase: "written",
        grid: action.grid,
        readCount: state.readCount + 1,
        progress: 1,
        message: {
          kind: "written",
          rows: action.rows,
          sheet: action.sheet,
          ...(action.notices?.length ? { notices: action.notices } : {}),
        },
      };
    case "writeFailed":
      return {
        ...state,
        phase: "failed",
        grid: action.grid ?? state.grid,
        readCount: state.readCount + (action.grid ? 1 : 0),
        message: action.message,
      };
    case "templateStarted":
      return { ...state, templateBusy: true, message: null };
    case "templateSucceeded":
      return {
        ...state,
        templateBusy: false,
        message: { kind: "templateCreated", sheet: action.sheet },
      };
    case "templateFailed":
      return {
        ...state,
        templateBusy: false,
        message: { kind: "templateError", detail: action.detail },
      };
    case "selectFailed":
      return {
        ...state,
        message: { kind: "selectError", where: action.where, detail: action.detail },
      };
    case "verifyStarted":
      return { ...state, verifyBusy: true, message: null };
    case "verifySucceeded":
      return {
        ...state,
        verifyBusy: false,
        message: { kind: "verified", verification: action.verification },
      };
    case "verifyFailed":
      return {
        ...state,
        verifyBusy: false,
        message: { kind: "verifyError", detail: action.detail },
      };
    case "writeHeld":
      return {
        ...state,
        phase: "read",
        grid: action.grid,
        readCount: state.readCount + 1,
        progress: 0,
        message: { kind: "handEdits", edits: action.edits },
      };
    case "writeCancelled":
      if (state.message?.kind !== "handEdits") return state;
      return { ...state, message: { kind: "writeCancelled" } };
    case "liveRead":
      // A read or write of the pane's own is under way: its grid will be the newer one.
      if (state.phase === "reading" || state.phase === "writing") return state;
      return { ...state, grid: action.grid, readCount: state.readCount + 1 };
  }
}
