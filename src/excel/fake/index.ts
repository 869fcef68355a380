/**
 * An in-memory Excel for tests and the browser workbench: `run` stands in for `Excel.run`, and
 * the helpers set up and inspect sheets, cells, tables and charts without going through it.
 * Implements what the adapter (src/excel/excelHost.ts) uses, faithfully: load/sync, null
 * objects, queued writes, Excel's parsing of typed strings, the 5 MB payload limit of Excel on
 * the web — and what real Excel does to a batch: cell-edit mode (Excel.run's
 * delayForCellEdit), protected sheets and workbook structure, merged cells, comments and
 * notes, ExcelApi versions (a later member fails with ApiNotFound), a sync that does not
 * return. It calculates formulas when asked (application.calculate, or `calculate()` here:
 * like Excel in manual mode, through fast-formula-parser, see calc.ts); it does not
 * auto-expand tables or move ranges on insertions.
 */
import type { CellValue, SheetGrid, WorkbookGrid } from "../../workbook/types";
import { columnName, parseA1 } from "../../workbook/a1";
import {
  cellKey,
  FakeWorkbookModel,
  hasContent,
  localAddress,
  parseRangeAddress,
  type FakeCell,
  type FakeChart,
  type FakeCustomProperty,
  type FakePageLayout,
  type FakeSheet,
  type SheetVisibility,
} from "./model";
import { FakeEvents, type FakeChangedEvent } from "./events";
import {
  apiAtLeast,
  FakeContext,
  type FakeRunOptions,
  type FakeState,
  type SyncRecord,
} from "./proxies";

export { FakeExcelError } from "./model";
export type {
  FakeCell,
  FakeChart,
  FakeCustomProperty,
  FakePageLayout,
  SheetVisibility,
} from "./model";
export type { FakeRunOptions, SyncRecord } from "./proxies";
export type { FakeChangedEvent } from "./events";

/**
 * A cell as a test sets it up: stored as given (a user's typing is not re-parsed here). A
 * formula may come with the value Excel last calculated for it (e.g. "" for =IF(A1;"";"")).
 */
export type FakeInitValue = CellValue | { formula: string; value?: string | number | boolean };

/** A cell as a test reads it back: a formula shows as such, so a text that became one is caught. */
export type FakeValue = null | string | number | boolean | { error: string } | { formula: string };

export interface FakeSheetInit {
  name: string;
  visibility?: SheetVisibility;
  /** Zero-based sheet coordinates of values[0][0] (default 0, 0), as in SheetGrid. */
  top?: number;
  left?: number;
  values?: FakeInitValue[][];
  /** Number formats, aligned with `values`; null leaves "General". */
  numberFormats?: (string | null)[][];
  tables?: { name: string; range: string; showTotals?: boolean }[];
  /** Worksheet protection on. */
  protected?: boolean;
  /** Merged areas, e.g. ["E20:F22"]. */
  merges?: string[];
  /** A1 → text. */
  comments?: Record<string, string>;
  notes?: Record<string, string>;
}

export interface FakeWorkbookInit {
  /** Default: one empty sheet "Blad1". */
  sheets?: FakeSheetInit[];
  /** Default: the first visible sheet. */
  activeSheet?: string;
  /** An address on the active sheet (default A1), or "chart" for a selected chart. */
  selection?: string;
  /** Default 5 000 000 bytes (Excel on the web's 5 MB, counted strictly). */
  payloadLimitBytes?: number;
  /** The ExcelApi version this Excel has (default "1.18"). */
  apiVersion?: string;
  /** Workbook structure protection on. */
  structureProtected?: boolean;
  /** Whether "@" keeps =1+1 a text when written (default true); see FakeWorkbookModel. */
  honoursTextFormat?: boolean;
}

export interface FakeSheetInfo {
  name: string;
  visibility: SheetVisibility;
  /** Column letter → width in points, where set. */
  columnWidths: Record<string, number>;
  /** Column letters autofitted. */
  autofitColumns: string[];
  charts: FakeChart[];
  /** Worksheet.pageLayout as set (ExcelApi 1.9). */
  pageLayout: FakePageLayout;
}

export interface FakeExcel {
  /** Excel.run: with { delayForCellEdit: true } a batch waits while a cell is being edited. */
  run<T>(
    batch: (context: Excel.RequestContext) => Promise<T>,
    options?: FakeRunOptions,
  ): Promise<T>;
  /** Office.context.requirements.isSetSupported("ExcelApi", version) for this Excel. */
  isSetSupported(version: string): boolean;
  /**
   * The user starts or stops editing a cell. While editing, a sync fails with `code`
   * (InvalidOperationInCellEditMode, or a bare InvalidOperation as some hosts say), or with
   * delayForCellEdit waits until the edit ends.
   */
  setCellEditMode(editing: boolean, code?: string): void;
  /** Another workbook has focus: adding or deleting a sheet fails with `code` (null: no more). */
  setFocusElsewhere(code: string | null): void;
  /** While stalled, syncs do not return (they continue once unstalled). */
  stall(stalled: boolean): void;
  /** application.calculate requests, with the index of the sync that carried each. */
  readonly calculations: readonly { type: string; sync: number }[];
  /** Recalculates every formula now (what the user's F9 does in manual mode). */
  calculate(): void;
  protectSheet(sheet: string, on: boolean): void;
  protectStructure(on: boolean): void;
  /** Whether "@" keeps =1+1 a text (see FakeWorkbookInit.honoursTextFormat). */
  setHonoursTextFormat(on: boolean): void;
  merge(sheet: string, address: string): void;
  addComment(sheet: string, a1: string, content: string): void;
  addNote(sheet: string, a1: string, content: string): void;
  /** context.sync() calls so far, failed ones included, in every run. */
  readonly syncCount: number;
  readonly syncs: readonly SyncRecord[];
  readonly model: FakeWorkbookModel;
  getValue(sheet: string, a1: string): FakeValue;
  getValues(sheet: string, range: string): FakeValue[][];
  getCell(sheet: string, a1: string): Readonly<FakeCell> | undefined;
  getSheet(name: string): FakeSheetInfo | undefined;
  sheetNames(): string[];
  activeSheet(): string;
  selection(): { sheet: string; address: string } | "chart" | null;
  getTable(
    name: string,
  ):
    | { name: string; sheet: string; range: string; columns: string[]; showTotals: boolean }
    | undefined;
  /** Every sheet's used range (values only) as a WorkbookGrid, for comparisons. */
  toGrid(): WorkbookGrid;
  /** A user's edit outside any batch: values stored as given; raises onChanged (source Local). */
  setValues(sheet: string, topLeft: string, values: FakeInitValue[][]): void;
  /** A co-author's edit: as setValues, with source "Remote". */
  remoteEdit(sheet: string, topLeft: string, values: FakeInitValue[][]): void;
  /**
   * A user's typing into one cell (zero-based row and column), parsed like Excel's typed input
   * ("199" a number, "=1+1" a formula, "" empties it); raises onChanged (source Local).
   */
  typeInto(sheet: string, row: number, col: number, text: string): void;
  /** Change events raised so far (events.ts), and the handlers registered. */
  readonly events: {
    log: readonly FakeChangedEvent[];
    handlerCount: number;
    errors: readonly unknown[];
  };
  /** Resolves once every change event raised so far has been handled. */
  settleEvents(): Promise<void>;
  addSheet(init: FakeSheetInit): void;
  addTable(sheet: string, range: string, name: string, showTotals?: boolean): void;
  select(sheet: string, address: string): void;
  selectChart(): void;
  /** Workbook.properties.custom (ExcelApi 1.7), in the order added. */
  customProperties(): FakeCustomProperty[];
  /** The whole workbook as a string, to assert that nothing changed. */
  snapshot(): string;
}

function storeInit(cell: FakeCell, v: FakeInitValue): void {
  delete cell.value;
  delete cell.error;
  delete cell.formula;
  if (v === null || v === "") return;
  if (typeof v !== "object") {
    cell.value = v;
  } else if ("error" in v) {
    cell.error = v.error;
  } else if ("formula" in v) {
    cell.formula = v.formula;
    if ("value" in v && v.value !== undefined) cell.value = v.value;
  } else {
    const [y, m, d] = v.date.split("-").map(Number);
    cell.value = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
    cell.numberFormat ??= "yyyy-mm-dd";
  }
}

function fakeValue(cell: FakeCell | undefined): FakeValue {
  if (!cell || !hasContent(cell)) return null;
  if (cell.formula !== undefined) return { formula: cell.formula };
  if (cell.error !== undefined) return { error: cell.error };
  return cell.value ?? null;
}

function gridValue(cell: FakeCell | undefined): CellValue {
  const v = fakeValue(cell);
  if (v !== null && typeof v === "object" && "formula" in v) {
    const value = cell?.value;
    return value === undefined ? { error: "#NAME?" } : value === "" ? null : value;
  }
  return v;
}

export function createFakeExcel(init: FakeWorkbookInit = {}): FakeExcel {
  const model = new FakeWorkbookModel();
  const state: FakeState = {
    model,
    syncs: [],
    payloadLimitBytes: init.payloadLimitBytes ?? 5_000_000,
    apiVersion: init.apiVersion ?? "1.18",
    calculations: [],
    editing: null,
    stalled: false,
    waiters: [],
    focusElsewhere: null,
  };
  const events = new FakeEvents(() => apiAtLeast(state.apiVersion, "1.14"));
  state.events = events;
  model.onEdited = (range) => events.edited(range, "addin");
  const wake = (): void => {
    const waiters = state.waiters.splice(0);
    for (const w of waiters) w();
  };

  const sheetOf = (name: string): FakeSheet => {
    const s = model.sheet(name);
    if (!s) throw new Error(`fake: no sheet "${name}"`);
    return s;
  };

  const edit = (
    origin: "user" | "remote",
    sheet: string,
    topLeft: string,
    values: FakeInitValue[][],
  ): void => {
    const s = sheetOf(sheet);
    const { row, col } = parseA1(topLeft);
    values.forEach((line, r) =>
      line.forEach((v, c) => {
        storeInit(s.ensure(row + r, col + c), v);
        s.tidy(row + r, col + c);
      }),
    );
    const cols = Math.max(0, ...values.map((l) => l.length));
    if (values.length > 0 && cols > 0) {
      events.edited({ sheet: s, top: row, left: col, rows: values.length, cols }, origin);
    }
  };
  const setValues = (sheet: string, topLeft: string, values: FakeInitValue[][]): void =>
    edit("user", sheet, topLeft, values);

  const addSheet = (def: FakeSheetInit): void => {
    const sheet = model.addSheet(def.name);
    if (def.visibility) sheet.visibility = def.visibility;
    const top = def.top ?? 0;
    const left = def.left ?? 0;
    def.numberFormats?.forEach((line, r) =>
      line.forEach((f, c) => {
        if (f !== null && f !== "General") sheet.ensure(top + r, left + c).numberFormat = f;
      }),
    );
    def.values?.forEach((line, r) =>
      line.forEach((v, c) => {
        storeInit(sheet.ensure(top + r, left + c), v);
        sheet.tidy(top + r, left + c);
      }),
    );
    for (const t of def.tables ?? []) addTable(def.name, t.range, t.name, t.showTotals);
    for (const m of def.merges ?? []) merge(def.name, m);
    for (const [a1, text] of Object.entries(def.comments ?? {}))
      annotate("comments", def.name, a1, text);
    for (const [a1, text] of Object.entries(def.notes ?? {})) annotate("notes", def.name, a1, text);
    if (def.protected) sheet.protected = true;
  };

  const merge = (sheet: string, address: string): void => {
    const s = sheetOf(sheet);
    const ref = parseRangeAddress(s, address);
    if (s.mergesIn(ref).length > 0) throw new Error(`fake: ${address} overlaps a merge`);
    s.merges.push({ top: ref.top, left: ref.left, rows: ref.rows, cols: ref.cols });
  };

  const annotate = (kind: "comments" | "notes", sheet: string, a1: string, text: string): void => {
    const { row, col } = parseA1(a1);
    sheetOf(sheet)[kind].set(cellKey(row, col), { id: model.newId(), content: text });
  };

  const addTable = (sheet: string, range: string, name: string, showTotals = false): void => {
    const table = model.addTable(parseRangeAddress(sheetOf(sheet), range), true, name);
    if (showTotals) {
      // The last row of the range is the totals row.
      table.dataRows -= 1;
      table.showTotals = true;
    }
  };

  for (const def of init.sheets ?? [{ name: "Blad1" }]) addSheet(def);
  const first = model.sheets.find((s) => s.visibility === "Visible");
  if (!first) throw new Error("fake: a workbook needs a visible sheet");
  model.active = init.activeSheet ? sheetOf(init.activeSheet) : first;
  model.selection =
    init.selection === "chart" ? "chart" : parseRangeAddress(model.active, init.selection ?? "A1");
  model.structureProtected = init.structureProtected ?? false;
  model.honoursTextFormat = init.honoursTextFormat ?? true;

  const letters = (cols: Iterable<number>): string[] =>
    [...cols].sort((a, b) => a - b).map(columnName);

  return {
    async run<T>(
      batch: (context: Excel.RequestContext) => Promise<T>,
      options?: FakeRunOptions,
    ): Promise<T> {
      const ctx = new FakeContext(state, options);
      const result = await batch(ctx as unknown as Excel.RequestContext);
      // Excel.run sends what is still queued when the batch function returns.
      if (ctx.pending > 0) await ctx.sync();
      return result;
    },
    isSetSupported: (version) => apiAtLeast(state.apiVersion, version),
    setCellEditMode(editing, code = "InvalidOperationInCellEditMode") {
      state.editing = editing ? code : null;
      if (!editing) wake();
    },
    setFocusElsewhere(code) {
      state.focusElsewhere = code;
    },
    stall(stalled) {
      state.stalled = stalled;
      if (!stalled) wake();
    },
    get calculations() {
      return state.calculations;
    },
    calculate() {
      model.calculate();
    },
    protectSheet(sheet, on) {
      sheetOf(sheet).protected = on;
    },
    protectStructure(on) {
      model.structureProtected = on;
    },
    setHonoursTextFormat(on) {
      model.honoursTextFormat = on;
    },
    merge,
    addComment: (sheet, a1, content) => annotate("comments", sheet, a1, content),
    addNote: (sheet, a1, content) => annotate("notes", sheet, a1, content),
    get syncCount() {
      return state.syncs.length;
    },
    get syncs() {
      return state.syncs;
    },
    model,
    getValue: (sheet, a1) => fakeValue(model.sheet(sheet)?.cell(parseA1(a1).row, parseA1(a1).col)),
    getValues(sheet, range) {
      const ref = parseRangeAddress(sheetOf(sheet), range);
      return model.matrix(ref, fakeValue);
    },
    getCell: (sheet, a1) => model.sheet(sheet)?.cell(parseA1(a1).row, parseA1(a1).col),
    getSheet(name) {
      const s = model.sheet(name);
      if (!s) return undefined;
      const widths: Record<string, number> = {};
      for (const [c, w] of s.columnWidths) widths[letters([c])[0]] = w;
      return {
        name: s.name,
        visibility: s.visibility,
        columnWidths: widths,
        autofitColumns: letters(s.autofitColumns),
        charts: s.charts,
        pageLayout: structuredClone(s.pageLayout),
      };
    },
    sheetNames: () => model.sheets.map((s) => s.name),
    activeSheet: () => model.active.name,
    selection: () =>
      model.selection === null || model.selection === "chart"
        ? model.selection
        : { sheet: model.selection.sheet.name, address: localAddress(model.selection) },
    getTable(name) {
      const t = model.table(name);
      if (!t) return undefined;
      return {
        name: t.name,
        sheet: t.sheet.name,
        range: localAddress({
          sheet: t.sheet,
          top: t.top,
          left: t.left,
          rows: t.rowsWithHeader,
          cols: t.columns,
        }),
        columns: t.columnNames(),
        showTotals: t.showTotals,
      };
    },
    toGrid(): WorkbookGrid {
      const sheets: SheetGrid[] = model.sheets.map((s) => {
        const used = model.usedRange(s, true);
        return {
          name: s.name,
          top: used?.top ?? 0,
          left: used?.left ?? 0,
          values: used ? model.matrix(used, gridValue) : [],
          tables: model.tables
            .filter((t) => t.sheet === s)
            .map((t) => ({
              name: t.name,
              top: t.top,
              left: t.left,
              rows: t.rowsWithHeader,
              columns: t.columns,
              ...(t.showTotals ? { hasTotalsRow: true } : {}),
            })),
        };
      });
      return { sheets, activeSheet: model.active.name };
    },
    setValues,
    remoteEdit: (sheet, topLeft, values) => edit("remote", sheet, topLeft, values),
    typeInto(sheet, row, col, text) {
      const s = sheetOf(sheet);
      model.enter(s, row, col, text);
      events.edited({ sheet: s, top: row, left: col, rows: 1, cols: 1 }, "user");
    },
    events,
    settleEvents: () => events.settle(),
    addSheet,
    addTable,
    select(sheet, address) {
      const s = sheetOf(sheet);
      model.active = s;
      model.selection = parseRangeAddress(s, address);
    },
    selectChart() {
      model.selection = "chart";
    },
    customProperties: () => model.customProperties.map((p) => ({ ...p })),
    snapshot() {
      return JSON.stringify({
        active: model.active.name,
        properties: model.customProperties,
        sheets: model.sheets.map((s) => ({
          name: s.name,
          visibility: s.visibility,
          cells: [...s.entries()]
            .sort((a, b) => a[0] - b[0] || a[1] - b[1])
            .map(([r, c, cell]) => [
              r,
              c,
              cell.value,
              cell.error,
              cell.formula,
              cell.numberFormat,
              cell.bold,
            ]),
          widths: [...s.columnWidths].sort((a, b) => a[0] - b[0]),
          autofit: [...s.autofitColumns].sort((a, b) => a - b),
          // Ids are fresh on every add; what a chart shows is what counts.
          charts: s.charts.map(({ id: _id, ...chart }) => chart),
          pageLayout: s.pageLayout,
        })),
        tables: model.tables.map((t) => ({
          name: t.name,
          sheet: t.sheet.name,
          top: t.top,
          left: t.left,
          dataRows: t.dataRows,
          columns: t.columns,
          showTotals: t.showTotals,
        })),
      });
    },
  };
}
