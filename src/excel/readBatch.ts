/**
 * readWorkbook's batches, each one context.sync, three at most whatever the number of rows or
 * sheets (more only on the retries below):
 *
 * 1. The active sheet's used range (values, types, formats), the sheet names, the active
 *    sheet's tables, the selection. Where a chart is selected, getSelectedRange fails the
 *    batch (InvalidSelection, by design) and it runs again without the selection. Where the
 *    used range is past Excel on the web's 5 MB response limit (ResponsePayloadSizeLimitExceeded),
 *    it runs again with the range's bounds only, and the cells come in row blocks, halved until
 *    each block fits: about two syncs per 5 MB, never one per row.
 * 2. Only where the workbook has other sheets or ATF_meta: the ownership record (where ATF_meta
 *    is among the loaded names: Office.js does not say what a method of a null object does, so
 *    none is called on one), and the bounds of every other sheet's used range. A worksheet's
 *    ranges can be asked for only by its name, known after batch 1; which sheets batch 3 reads
 *    depends on the record, known after this one.
 * 3. Only where some are chosen (sheetsToRead): the cells and tables of the other sheets the
 *    run needs — the sheet the record names (the region table a previous run wrote beside, read
 *    whatever the active sheet), the summary sheet it names, and every other sheet, smallest
 *    first, up to OTHER_SHEETS_CELL_BUDGET cells, so that a rule sheet and a table on a sheet
 *    not active are found. Past the response limit: the tables in one sync, then each sheet
 *    in row blocks.
 */
import {
  OWNERSHIP_SHEET,
  type CellValue,
  type SheetGrid,
  type WorkbookGrid,
} from "../workbook/types";
import { parseOwnership } from "../workbook/ownership";
import { locateTables, toCellValues, type LoadedTable } from "./readGrid";
import { inRowBlocks, isResponseTooLarge } from "./rowBlocks";

const codeOf = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;

interface UsedBlock {
  top: number;
  left: number;
  values: CellValue[][];
}

/** A sheet's tables as locateTables needs them, loaded in the batch that reads its cells. */
const TABLE_PROPERTIES =
  "items/name,items/showHeaders,items/showTotals,items/columns/items/name,items/rows/count";

function loadedTables(tables: Excel.TableCollection): LoadedTable[] {
  return tables.items.map((t) => ({
    name: t.name,
    showHeaders: t.showHeaders,
    showTotals: t.showTotals,
    columns: t.columns.items.map((col) => col.name),
    dataRows: t.rows.count,
  }));
}

/** Rows of the used range, cols wide, in row blocks (rowBlocks.ts). */
async function readRowBlocks(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  top: number,
  left: number,
  rows: number,
  cols: number,
): Promise<CellValue[][]> {
  const blocks = await inRowBlocks(context, top, rows, (from, n) => {
    const range = sheet.getRangeByIndexes(from, left, n, cols);
    range.load("values,valueTypes,numberFormat");
    // Read once inRowBlocks has synced this block (the rules do not follow the callback).
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
    return () => toCellValues(range.values, range.valueTypes, range.numberFormat);
  });
  return blocks.flat();
}

/** What the first batch read, and whether the record's sheet exists. */
export interface FirstRead {
  grid: WorkbookGrid;
  hasRecord: boolean;
}

/** The first batch: everything but the record, the used range's cells or only its bounds. */
async function readActive(
  context: Excel.RequestContext,
  withSelection: boolean,
  inBlocks: boolean,
): Promise<FirstRead> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  const active = worksheets.getActiveWorksheet();
  active.load("name");
  const used = active.getUsedRangeOrNullObject(true);
  if (inBlocks) used.load("rowIndex,columnIndex,rowCount,columnCount");
  else used.load("values,valueTypes,numberFormat,rowIndex,columnIndex");
  const tables = worksheets.getActiveWorksheet().tables;
  tables.load(TABLE_PROPERTIES);
  const selected = withSelection ? context.workbook.getSelectedRange() : null;
  selected?.load("rowIndex,columnIndex");
  const selectedTables = selected ? selected.getTables(false) : null;
  selectedTables?.load("items/name");
  await context.sync();

  let grid: UsedBlock = { top: 0, left: 0, values: [] };
  if (!used.isNullObject) {
    grid = {
      top: used.rowIndex,
      left: used.columnIndex,
      values: inBlocks
        ? await readRowBlocks(
            context,
            active,
            used.rowIndex,
            used.columnIndex,
            used.rowCount,
            used.columnCount,
          )
        : toCellValues(used.values, used.valueTypes, used.numberFormat),
    };
  }
  const selection = selected
    ? { sheet: active.name, row: selected.rowIndex, col: selected.columnIndex }
    : undefined;
  const located = locateTables(
    loadedTables(tables),
    grid,
    selection && selectedTables
      ? { row: selection.row, col: selection.col, tables: selectedTables.items.map((t) => t.name) }
      : undefined,
  );
  const sheets: SheetGrid[] = worksheets.items
    .filter((ws) => ws.name !== OWNERSHIP_SHEET)
    .map((ws) =>
      ws.name === active.name
        ? { name: ws.name, ...grid, tables: located }
        : { name: ws.name, top: 0, left: 0, values: [], tables: [] },
    );
  return {
    grid: {
      sheets,
      activeSheet: active.name,
      ...(selection ? { selection } : {}),
      owned: null,
    },
    hasRecord: worksheets.items.some((ws) => ws.name === OWNERSHIP_SHEET),
  };
}

/**
 * The first batch with its retries: without the selection where a chart is selected, in row
 * blocks where the used range is too large for one response.
 */
export async function readBatch(context: Excel.RequestContext): Promise<FirstRead> {
  let withSelection = true;
  let inBlocks = false;
  for (;;) {
    try {
      return await readActive(context, withSelection, inBlocks);
    } catch (err) {
      if (codeOf(err) === "InvalidSelection" && withSelection) withSelection = false;
      else if (isResponseTooLarge(err) && !inBlocks) inBlocks = true;
      else throw err;
    }
  }
}

/** The record's text, from ATF_meta's used range as loaded: A1, or nothing. */
function recordText(record: Excel.Range): unknown {
  return !record.isNullObject && record.rowIndex === 0 && record.columnIndex === 0
    ? record.values[0]?.[0]
    : null;
}

/** The ownership record, where readBatch found its sheet: one sync (live mode's read). */
export async function readRecord(context: Excel.RequestContext, first: FirstRead): Promise<void> {
  if (!first.hasRecord) return;
  const record = context.workbook.worksheets
    .getItem(OWNERSHIP_SHEET)
    .getUsedRangeOrNullObject(true);
  record.load("values,rowIndex,columnIndex");
  await context.sync();
  first.grid.owned = parseOwnership(recordText(record));
}

/** Where a sheet's used range is (zero-based), as batch 2 loaded it. */
export interface SheetBounds {
  name: string;
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/**
 * Cells of the other sheets read besides those the record names, smallest sheet first: about
 * 28 bytes a cell on the wire (values, types, formats), so 100 000 cells are about 2.8 MB, well
 * under Excel on the web's 5 MB response limit. A rule sheet has 200 to 1 000 cells (2024's:
 * 54 rows × 11 columns).
 */
export const OTHER_SHEETS_CELL_BUDGET = 100_000;

/** The sheets of `chosen`, smallest first (in workbook order among equals: the sort is stable), whose cells together fit in `budget`. */
function fitting(chosen: readonly SheetBounds[], budget: number): Set<string> {
  const out = new Set<string>();
  let left = budget;
  for (const b of [...chosen].sort((x, y) => x.rows * x.cols - y.rows * y.cols)) {
    if (b.rows * b.cols > left) break;
    left -= b.rows * b.cols;
    out.add(b.name);
  }
  return out;
}

/**
 * The other sheets batch 3 reads, in workbook order: those the record names (its table's sheet
 * and its summary sheet, whatever their size), then the rest, smallest first, while their
 * cells fit in `budget`. Empty sheets are never read.
 */
export function sheetsToRead(
  bounds: readonly SheetBounds[],
  owned: WorkbookGrid["owned"],
  budget = OTHER_SHEETS_CELL_BUDGET,
): string[] {
  const named = new Set(owned ? [owned.sheet.toLowerCase(), owned.summarySheet.toLowerCase()] : []);
  const chosen = new Set(bounds.filter((b) => named.has(b.name.toLowerCase())).map((b) => b.name));
  const rest = bounds.filter((b) => !chosen.has(b.name));
  for (const name of fitting(rest, budget)) chosen.add(name);
  return bounds.filter((b) => chosen.has(b.name)).map((b) => b.name);
}

/**
 * Batch 2: the record and the bounds of every sheet but the active one and ATF_meta. None
 * where there is nothing to ask.
 */
export async function readAround(
  context: Excel.RequestContext,
  first: FirstRead,
): Promise<SheetBounds[]> {
  const grid = first.grid;
  const others = grid.sheets.filter((s) => s.name !== grid.activeSheet).map((s) => s.name);
  if (others.length === 0 && !first.hasRecord) return [];
  const worksheets = context.workbook.worksheets;
  const record = first.hasRecord
    ? worksheets.getItem(OWNERSHIP_SHEET).getUsedRangeOrNullObject(true)
    : null;
  record?.load("values,rowIndex,columnIndex");
  const used = others.map((name) => {
    const range = worksheets.getItem(name).getUsedRangeOrNullObject(true);
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    return { name, range };
  });
  await context.sync();
  if (record) grid.owned = parseOwnership(recordText(record));
  return used
    .filter(({ range }) => !range.isNullObject)
    .map(({ name, range }) => ({
      name,
      top: range.rowIndex,
      left: range.columnIndex,
      rows: range.rowCount,
      cols: range.columnCount,
    }));
}

/** Puts a sheet read into the grid, its tables located by their header rows. */
function place(grid: WorkbookGrid, name: string, block: UsedBlock, tables: LoadedTable[]): void {
  const index = grid.sheets.findIndex((s) => s.name === name);
  if (index < 0) return;
  grid.sheets[index] = { name, ...block, tables: locateTables(tables, block) };
}

/** Batch 3 in one sync: the chosen sheets' used ranges (as they are now) and tables. */
async function readChosen(
  context: Excel.RequestContext,
  grid: WorkbookGrid,
  names: readonly string[],
): Promise<void> {
  const loads = names.map((name) => {
    const sheet = context.workbook.worksheets.getItem(name);
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("values,valueTypes,numberFormat,rowIndex,columnIndex");
    const tables = context.workbook.worksheets.getItem(name).tables;
    tables.load(TABLE_PROPERTIES);
    return { name, used, tables };
  });
  await context.sync();
  for (const { name, used, tables } of loads) {
    if (used.isNullObject) continue;
    place(
      grid,
      name,
      {
        top: used.rowIndex,
        left: used.columnIndex,
        values: toCellValues(used.values, used.valueTypes, used.numberFormat),
      },
      loadedTables(tables),
    );
  }
}

/**
 * Sheets in row blocks: their tables in one sync, then each sheet's cells in row blocks within
 * the bounds batch 2 found (about two syncs per 5 MB, never one per row).
 */
async function readApart(
  context: Excel.RequestContext,
  grid: WorkbookGrid,
  apart: readonly SheetBounds[],
): Promise<void> {
  if (apart.length === 0) return;
  const tables = apart.map((b) => {
    const t = context.workbook.worksheets.getItem(b.name).tables;
    t.load(TABLE_PROPERTIES);
    return t;
  });
  await context.sync();
  for (const [i, b] of apart.entries()) {
    const sheet = context.workbook.worksheets.getItem(b.name);
    const values = await readRowBlocks(context, sheet, b.top, b.left, b.rows, b.cols);
    place(grid, b.name, { top: b.top, left: b.left, values }, loadedTables(tables[i]));
  }
}

/**
 * Batch 3 past the response limit: the largest sheet in row blocks, every other sheet still in
 * one sync, so that the number of sheets does not add syncs. Where even that one sync is
 * refused (two large sheets, or a host with a far smaller limit), every sheet goes in row
 * blocks.
 */
async function readChosenInBlocks(
  context: Excel.RequestContext,
  grid: WorkbookGrid,
  chosen: readonly SheetBounds[],
): Promise<void> {
  const largest = chosen.reduce((a, b) => (b.rows * b.cols > a.rows * a.cols ? b : a));
  let apart: readonly SheetBounds[] = [largest];
  const together = chosen.filter((b) => b !== largest).map((b) => b.name);
  if (together.length > 0) {
    try {
      await readChosen(context, grid, together);
    } catch (err) {
      if (!isResponseTooLarge(err)) throw err;
      apart = chosen;
    }
  }
  await readApart(context, grid, apart);
}

/** Batches 2 and 3: the record, then the other sheets the run needs (see the file comment). */
export async function readOtherSheets(
  context: Excel.RequestContext,
  first: FirstRead,
): Promise<void> {
  const bounds = await readAround(context, first);
  const names = sheetsToRead(bounds, first.grid.owned);
  if (names.length === 0) return;
  try {
    await readChosen(context, first.grid, names);
  } catch (err) {
    if (!isResponseTooLarge(err)) throw err;
    await readChosenInBlocks(
      context,
      first.grid,
      bounds.filter((b) => names.includes(b.name)),
    );
  }
}

/** The whole read: batch 1 with its retries, then batches 2 and 3. */
export async function readWorkbookGrid(context: Excel.RequestContext): Promise<WorkbookGrid> {
  const first = await readBatch(context);
  await readOtherSheets(context, first);
  return first.grid;
}

/**
 * Live mode's read of the summary sheet a previous run wrote: the planner takes a sheet of
 * that name for ours only where it still carries our title, and replaces it only then. Its name
 * is known only once the record is read, so this is a round trip of its own, made only where
 * the record names a sheet that exists (and is not the sheet read already).
 */
export async function readSummarySheet(
  context: Excel.RequestContext,
  grid: WorkbookGrid,
): Promise<void> {
  const name = grid.owned?.summarySheet.toLowerCase();
  const index = grid.sheets.findIndex(
    (s) => s.name.toLowerCase() === name && s.name !== grid.activeSheet,
  );
  if (index < 0) return;
  const sheetName = grid.sheets[index].name;
  const used = context.workbook.worksheets.getItem(sheetName).getUsedRangeOrNullObject(true);
  used.load("values,valueTypes,numberFormat,rowIndex,columnIndex");
  await context.sync();
  if (used.isNullObject) return;
  grid.sheets[index] = {
    name: sheetName,
    top: used.rowIndex,
    left: used.columnIndex,
    values: toCellValues(used.values, used.valueTypes, used.numberFormat),
    tables: [],
  };
}
