/**
 * The look before a write: one sync (one more where the table's sheet has comments or notes;
 * past the 5 MB response limit, the cells in row blocks) that checks the plan against the
 * workbook as it is now, and refuses before anything is written:
 *
 * - protection: the workbook's structure (the write adds a sheet) and every sheet it writes
 *   cells on (worksheet.protection.protected, workbook.protection.protected);
 * - the target cells and the ranges to clear, on the sheet last read: a value other than the
 *   one read, a formula (also one whose value is empty), a merged area (ExcelApi 1.13,
 *   getMergedAreasOrNullObject; it lists only merges whose top-left cell is in the range, so
 *   it is asked over A1 to the target's far corner), a comment (1.10) or a note (1.18).
 *   Those cells are the user's: HostConflictError names them. The add-in's own previous
 *   cells are plain values and are replaced as before.
 */
import { HostConflictError } from "../app/host";
import { parseA1, splitSheetAddress, toA1 } from "../workbook/a1";
import {
  OWNERSHIP_SHEET,
  type CellValue,
  type SheetGrid,
  type WorkbookGrid,
  type WritePlan,
} from "../workbook/types";
import { hostError } from "./errors";
import { toCellValue } from "./readGrid";
import { inRowBlocks, isResponseTooLarge } from "./rowBlocks";

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
export interface Preflight {
  sheetNames: string[];
  /** Syncs the look took: 1, or 2 where comments or notes had to be located. */
  syncs: number;
  table: {
    top: number;
    left: number;
    columns: string[];
    dataRows: number;
  } | null;
}

/**
 * Checks the plan against the table as it is now: the header row and data rows where the
 * plan put them, our columns either already in the table under our header texts or to be
 * appended right of it. Cells written since the read are conflicts; a changed shape is stale.
 */
export function checkTable(plan: WritePlan, table: NonNullable<Preflight["table"]>): void {
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

/** Whether the running Excel has an ExcelApi version (Office.context.requirements). */
export type ApiSupport = (version: string) => boolean;

/** The loaded proxies of one guarded rectangle. */
interface Guard {
  rect: Rect;
  range: Excel.Range;
  /** Compare with the read: only on the sheet last read. */
  compare: boolean;
}

interface Look {
  worksheets: Excel.WorksheetCollection;
  workbookProtection: Excel.WorkbookProtection;
  table: { proxy: Excel.Table; range: Excel.Range } | null;
  guards: Guard[];
  merges: Excel.RangeAreas | null;
  annotations: (Excel.CommentCollection | Excel.NoteCollection)[];
  /** The sheet and rectangles whose cells are looked at, loaded or not (see queueLook). */
  cells: { sheet: Excel.Worksheet; rects: Rect[]; compare: boolean } | null;
}

/** The columns' target rectangle and the ranges to clear, on their sheets. */
function targetRects(plan: WritePlan): Rect[] {
  const c = plan.columns;
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
  return [target, ...cleared].filter((r) => r.cols > 0 && r.rows > 0);
}

function queueGuard(sheet: Excel.Worksheet, rect: Rect, compare: boolean): Guard {
  const range = sheet.getRangeByIndexes(rect.top, rect.left, rect.rows, rect.cols);
  range.load("values,valueTypes,numberFormat,formulas");
  return { rect, range, compare };
}

/** The look's cells in row blocks (rowBlocks.ts); returns the syncs it took. */
async function guardsInBlocks(context: Excel.RequestContext, look: Look): Promise<number> {
  if (!look.cells) return 0;
  const { sheet, rects, compare } = look.cells;
  let syncs = 0;
  for (const rect of rects) {
    const blocks = await inRowBlocks(context, rect.top, rect.rows, (top, rows) => {
      syncs++;
      const guard = queueGuard(sheet, { ...rect, top, rows }, compare);
      return () => guard;
    });
    look.guards.push(...blocks);
  }
  return syncs;
}

function queueLook(
  context: Excel.RequestContext,
  plan: WritePlan,
  lastRead: WorkbookGrid | null,
  supports: ApiSupport,
  withCells: boolean,
): Look {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/protection/protected");
  const workbookProtection = context.workbook.protection;
  workbookProtection.load("protected");
  const c = plan.columns;
  let table: Look["table"] = null;
  if (c.table) {
    const proxy = context.workbook.tables.getItem(c.table);
    proxy.load("columns/items/name,rows/count");
    const range = proxy.getRange();
    range.load("rowIndex,columnIndex");
    table = { proxy, range };
  }
  const look: Look = {
    worksheets,
    workbookProtection,
    table,
    guards: [],
    merges: null,
    annotations: [],
    cells: null,
  };
  // Cells are looked at on the table's sheet, and only where the last read saw that sheet:
  // a sheet deleted since fails the look (ItemNotFound), nothing is written.
  if (!lastRead?.sheets.some((s) => s.name === c.sheet)) return look;
  const sheet = worksheets.getItem(c.sheet);
  const rects = targetRects(plan).filter((r) => r.sheet === c.sheet);
  // Compared with the last read where it read the sheet's cells: the active sheet's, or (since
  // readWorkbook reads the sheets the run needs) another sheet whose cells came with the read.
  const readSheet = lastRead.sheets.find((s) => s.name === c.sheet);
  const compare = lastRead.activeSheet === c.sheet || (readSheet?.values.length ?? 0) > 0;
  look.cells = { sheet, rects, compare };
  // Without cells: the look past the response limit, its cells read in row blocks after.
  for (const rect of withCells ? rects : []) look.guards.push(queueGuard(sheet, rect, compare));
  if (rects.length > 0 && supports("1.13")) {
    const bottom = Math.max(...rects.map((r) => r.top + r.rows));
    const right = Math.max(...rects.map((r) => r.left + r.cols));
    look.merges = sheet.getRangeByIndexes(0, 0, bottom, right).getMergedAreasOrNullObject();
    look.merges.load("areas/items/address");
  }
  if (rects.length > 0 && supports("1.10")) {
    const comments = worksheets.getItem(c.sheet).comments;
    comments.load("items/content");
    look.annotations.push(comments);
  }
  if (rects.length > 0 && supports("1.18")) {
    const notes = worksheets.getItem(c.sheet).notes;
    notes.load("items/content");
    look.annotations.push(notes);
  }
  return look;
}

/** The cells of the sheet's comments and notes: a sync of its own, only where there are any. */
async function locateAnnotations(
  context: Excel.RequestContext,
  look: Look,
): Promise<Rect[] | null> {
  const locations: Excel.Range[] = [];
  for (const collection of look.annotations) {
    for (const item of collection.items) {
      const at = item.getLocation();
      at.load("address");
      locations.push(at);
    }
  }
  if (locations.length === 0) return null;
  await context.sync();
  return locations.map((r) => {
    const { sheet, address } = splitSheetAddress(r.address);
    return rectOf(sheet ?? "", address);
  });
}

/** Refuses, naming it, where the workbook's structure or a sheet written to is protected. */
function refuseProtected(plan: WritePlan, look: Look): void {
  if (look.workbookProtection.protected) {
    throw hostError("WorkbookProtected", "write", {
      sv: "arbetsbokens struktur är skyddad, och tillägget behöver lägga till ett blad. Ta bort skyddet (Granska → Skydda arbetsbok) och försök igen.",
      en: "the workbook's structure is protected, and the add-in needs to add a sheet. Remove the protection (Review → Protect Workbook) and try again.",
    });
  }
  const written = new Set(
    [plan.columns.sheet, OWNERSHIP_SHEET, ...targetRects(plan).map((r) => r.sheet)].map((n) =>
      n.toLowerCase(),
    ),
  );
  const locked = look.worksheets.items.find(
    (ws) => written.has(ws.name.toLowerCase()) && ws.protection.protected,
  );
  if (locked) {
    throw hostError("SheetProtected", "write", {
      sv: `bladet "${locked.name}" är skyddat. Ta bort skyddet (Granska → Ta bort bladskydd) och försök igen.`,
      en: `the sheet "${locked.name}" is protected. Remove the protection (Review → Unprotect Sheet) and try again.`,
    });
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.top < b.top + b.rows &&
    b.top < a.top + a.rows &&
    a.left < b.left + b.cols &&
    b.left < a.left + a.cols
  );
}

/**
 * The merged areas as rectangles. A one-cell "area" is no merge: a host that reports only a
 * merge's top-left cell (as getMergedAreas once did, office-js#1590) leaves its extent
 * unknown, so it is taken to reach as far as the target does.
 */
function mergedRects(look: Look, sheet: string, guards: Guard[]): Rect[] {
  if (!look.merges || look.merges.isNullObject) return [];
  const bottom = Math.max(...guards.map((g) => g.rect.top + g.rect.rows));
  const right = Math.max(...guards.map((g) => g.rect.left + g.rect.cols));
  return look.merges.areas.items.map((area) => {
    const rect = rectOf(sheet, splitSheetAddress(area.address).address);
    if (rect.rows > 1 || rect.cols > 1) return rect;
    return { ...rect, rows: bottom - rect.top, cols: right - rect.left };
  });
}

/** Every guarded cell that is not ours to write: changed, a formula, merged, annotated. */
function conflictsOf(
  look: Look,
  readSheet: SheetGrid | undefined,
  annotated: Rect[] | null,
): { sheet: string; cell: string }[] {
  const out: { sheet: string; cell: string }[] = [];
  const seen = new Set<string>();
  const add = (sheet: string, row: number, col: number): void => {
    const cell = toA1(row, col);
    if (seen.has(`${sheet}!${cell}`)) return;
    seen.add(`${sheet}!${cell}`);
    out.push({ sheet, cell });
  };
  const sheet = look.guards[0]?.rect.sheet ?? "";
  const merged = mergedRects(look, sheet, look.guards);
  const notes = (annotated ?? []).filter((r) => r.sheet === "" || r.sheet === sheet);
  for (const { rect, range, compare } of look.guards) {
    range.values.forEach((line, r) =>
      line.forEach((v, col) => {
        const row = rect.top + r;
        const column = rect.left + col;
        const here: Rect = { sheet, top: row, left: column, rows: 1, cols: 1 };
        const formula = range.formulas[r][col];
        const now = toCellValue(v, range.valueTypes[r][col], range.numberFormat[r][col]);
        const changed =
          compare && readSheet && now !== null && !sameValue(now, cellAt(readSheet, row, column));
        if (
          changed ||
          (typeof formula === "string" && formula.startsWith("=")) ||
          merged.some((m) => overlaps(m, here)) ||
          notes.some((n) => overlaps(n, here))
        ) {
          add(sheet, row, column);
        }
      }),
    );
  }
  return out;
}

/**
 * The look before a write: which sheets exist and which are protected, the table as it is
 * now, and the cells the write replaces or clears. Refuses (hostError, HostConflictError)
 * before anything is written.
 */
export async function lookBeforeWriting(
  context: Excel.RequestContext,
  plan: WritePlan,
  lastRead: WorkbookGrid | null,
  supports: ApiSupport,
): Promise<Preflight> {
  let look = queueLook(context, plan, lastRead, supports, true);
  let syncs = 1;
  try {
    await context.sync();
  } catch (err) {
    // Past the response limit: the look again without the cells, then the cells in blocks.
    if (!isResponseTooLarge(err)) throw err;
    look = queueLook(context, plan, lastRead, supports, false);
    await context.sync();
    syncs += 1 + (await guardsInBlocks(context, look));
  }
  const annotated = await locateAnnotations(context, look);
  refuseProtected(plan, look);
  // The cells are compared with the table's sheet as read (only where it was read: compare).
  const readSheet = lastRead?.sheets.find((s) => s.name === plan.columns.sheet);
  const conflicts = conflictsOf(look, readSheet, annotated);
  if (conflicts.length > 0) throw new HostConflictError(conflicts);

  const table = look.table;
  return {
    sheetNames: look.worksheets.items.map((ws) => ws.name),
    syncs: syncs + (annotated ? 1 : 0),
    table: table && {
      top: table.range.rowIndex,
      left: table.range.columnIndex,
      columns: table.proxy.columns.items.map((col) => col.name),
      dataRows: table.proxy.rows.count,
    },
  };
}
