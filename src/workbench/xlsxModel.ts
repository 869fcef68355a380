/**
 * A workbook file's content as plain data, between exceljs (xlsxBridge.ts, which runs in a
 * worker in the browser) and the fake Excel (here, on the page). Plain data crosses to and from
 * a worker by structured clone; exceljs itself never has to load on the page's thread.
 *
 * Kept: values, number formats, bold, column widths, Excel tables (with a totals row), sheet
 * visibility (the very hidden ownership record included), the active sheet and cell. The fake
 * holds neither notes nor formulas (it does not calculate), so those ride along beside it
 * (WorkbookExtras): a formula enters the fake as its last calculated value — what Excel would
 * give the add-in — and is saved again as the formula where that value is still there.
 * Lost: other styles, merges, charts (exceljs cannot write them), row heights, freeze panes.
 */
import {
  createFakeExcel,
  type FakeCell,
  type FakeExcel,
  type SheetVisibility,
} from "../excel/fake";
import { parseA1, rangeA1, toA1 } from "../workbook/a1";
import type { Text } from "../domain/ruleSet";

/** What a cell holds, as the fake stores it. Dates are serials (with a date format). */
export type Scalar = string | number | boolean | { error: string } | null;

export interface XlsxCell {
  /** Zero-based row and column. */
  r: number;
  c: number;
  v: Scalar;
  /** Number format, absent for General. */
  fmt?: string;
  bold?: true;
  /** With the leading "="; `v` is its cached result. */
  formula?: string;
  note?: string;
}

export type XlsxSheetState = "visible" | "hidden" | "veryHidden";

export interface XlsxTable {
  name: string;
  /** The whole table, header and totals row included: "A3:E24". */
  ref: string;
  headerRow: boolean;
  totalsRow: boolean;
}

export interface XlsxSheet {
  name: string;
  state: XlsxSheetState;
  cells: XlsxCell[];
  /** Column index → width in characters (Excel's unit). */
  widths: [number, number][];
  tables: XlsxTable[];
  /** The sheet's selected cell, where saved. */
  activeCell?: string;
}

export interface XlsxModel {
  sheets: XlsxSheet[];
  /** Index into sheets of the active sheet. */
  activeTab?: number;
}

export interface SavedFormula {
  /** With the leading "=". */
  formula: string;
  /** The value the file had cached for it (what the fake holds). */
  result: Scalar;
}

/** What a saved copy should keep that the fake cannot hold, by cellKey(). */
export interface WorkbookExtras {
  notes: Map<string, string>;
  formulas: Map<string, SavedFormula>;
}

export interface LoadedWorkbook {
  fake: FakeExcel;
  extras: WorkbookExtras;
  /** What was left out, for the user (a table that could not be recreated, say). */
  warnings: Text[];
}

export function cellKey(sheet: string, row: number, col: number): string {
  return `${sheet.toLowerCase()}!${row}:${col}`;
}

export function emptyExtras(): WorkbookExtras {
  return { notes: new Map(), formulas: new Map() };
}

/** The fake's column width unit is points (Office.js); the file's is characters. */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Unrounded, so that a width goes back to the same points (charsToPoints rounds). */
export function pointsToChars(points: number): number {
  return Math.max(0, (points / 0.75 - 5) / 7);
}

const VISIBILITY: Record<XlsxSheetState, SheetVisibility> = {
  visible: "Visible",
  hidden: "Hidden",
  veryHidden: "VeryHidden",
};

const STATE: Record<SheetVisibility, XlsxSheetState> = {
  Visible: "visible",
  Hidden: "hidden",
  VeryHidden: "veryHidden",
};

function store(cell: FakeCell, value: Scalar): void {
  delete cell.value;
  delete cell.error;
  delete cell.formula;
  if (value === null) return;
  if (typeof value === "object") cell.error = value.error;
  else cell.value = value;
}

/** A file's content as a fake Excel, plus what rides beside it. */
export function modelToFake(model: XlsxModel): LoadedWorkbook {
  const warnings: Text[] = [];
  const extras = emptyExtras();
  if (!model.sheets.some((s) => s.state === "visible")) {
    throw new Error("arbetsboken har inget synligt blad / the workbook has no visible sheet");
  }
  const fake = createFakeExcel({
    sheets: model.sheets.map((s) => ({ name: s.name, visibility: VISIBILITY[s.state] })),
  });
  for (const s of model.sheets) {
    const sheet = fake.model.sheet(s.name);
    if (!sheet) continue;
    for (const cell of s.cells) {
      const target = sheet.ensure(cell.r, cell.c);
      store(target, cell.v);
      if (cell.fmt) target.numberFormat = cell.fmt;
      if (cell.bold) target.bold = true;
      if (cell.formula) {
        extras.formulas.set(cellKey(s.name, cell.r, cell.c), {
          formula: cell.formula,
          result: cell.v,
        });
      }
      if (cell.note) extras.notes.set(cellKey(s.name, cell.r, cell.c), cell.note);
      sheet.tidy(cell.r, cell.c);
    }
    for (const [col, chars] of s.widths) {
      if (chars > 0) sheet.columnWidths.set(col, charsToPoints(chars));
    }
    for (const table of s.tables) {
      if (!table.headerRow) {
        warnings.push({
          sv: `Tabellen ${table.name} saknar rubrikrad och lästes in som vanliga celler.`,
          en: `The table ${table.name} has no header row and was loaded as plain cells.`,
        });
        continue;
      }
      try {
        fake.addTable(s.name, table.ref, table.name, table.totalsRow);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        warnings.push({
          sv: `Tabellen ${table.name} (${table.ref}) kunde inte återskapas: ${detail}`,
          en: `The table ${table.name} (${table.ref}) could not be recreated: ${detail}`,
        });
      }
    }
  }
  // Excel opens on the saved active sheet and cell.
  const active = model.activeTab !== undefined ? model.sheets[model.activeTab] : undefined;
  if (active && active.state === "visible") {
    let address = "A1";
    try {
      if (active.activeCell) {
        const { row, col } = parseA1(active.activeCell.split(/[: ]/)[0]);
        address = toA1(row, col);
      }
    } catch {
      // An odd saved selection is no reason to refuse the file.
    }
    fake.select(active.name, address);
  }
  return { fake, extras, warnings };
}

function sameScalar(a: Scalar, b: Scalar): boolean {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  return a.error === b.error;
}

/** A width for a column Office.js autofitted: the longest text in it, as Excel roughly would. */
function autofitChars(longest: number): number {
  return Math.min(60, Math.max(8.43, longest + 2));
}

/** The fake's state as a file's content: formulas we remember come back where their value stands. */
export function fakeToModel(fake: FakeExcel, extras: WorkbookExtras = emptyExtras()): XlsxModel {
  const model = fake.model;
  const selection = fake.selection();
  const sheets = model.sheets.map((sheet): XlsxSheet => {
    const cells: XlsxCell[] = [];
    const longest = new Map<number, number>();
    for (const [r, c, cell] of sheet.entries()) {
      const out: XlsxCell = { r, c, v: null };
      const v: Scalar = cell.error !== undefined ? { error: cell.error } : (cell.value ?? null);
      if (cell.formula !== undefined) {
        // A formula the fake holds (it never calculates): saved as the formula it is.
        out.formula = cell.formula;
      } else {
        out.v = v;
        const saved = extras.formulas.get(cellKey(sheet.name, r, c));
        if (saved && sameScalar(saved.result, v)) out.formula = saved.formula;
      }
      if (cell.numberFormat) out.fmt = cell.numberFormat;
      if (cell.bold) out.bold = true;
      const note = extras.notes.get(cellKey(sheet.name, r, c));
      if (note) out.note = note;
      cells.push(out);
      if (sheet.autofitColumns.has(c)) {
        const text = String(cell.value ?? cell.error ?? cell.formula ?? "");
        longest.set(c, Math.max(longest.get(c) ?? 0, text.length));
      }
    }
    // Notes on cells that hold nothing (exceljs keeps them too).
    for (const [key, note] of extras.notes) {
      const m = /^(.*)!(\d+):(\d+)$/.exec(key);
      if (!m || m[1] !== sheet.name.toLowerCase()) continue;
      const r = Number(m[2]);
      const c = Number(m[3]);
      if (!sheet.cell(r, c)) cells.push({ r, c, v: null, note });
    }
    const widths = new Map<number, number>();
    for (const [c, points] of sheet.columnWidths) widths.set(c, pointsToChars(points));
    for (const [c, chars] of longest) if (!widths.has(c)) widths.set(c, autofitChars(chars));
    const tables = model.tables
      .filter((t) => t.sheet === sheet)
      .map((t) => ({
        name: t.name,
        ref: rangeA1(t.top, t.left, t.bottom, t.right),
        headerRow: true,
        totalsRow: t.showTotals,
      }));
    const out: XlsxSheet = {
      name: sheet.name,
      state: STATE[sheet.visibility],
      cells,
      widths: [...widths].sort((a, b) => a[0] - b[0]),
      tables,
    };
    if (sheet === model.active && selection && selection !== "chart") {
      out.activeCell = selection.address.split(":")[0];
    }
    return out;
  });
  return { sheets, activeTab: Math.max(0, model.sheets.indexOf(model.active)) };
}
