/**
 * readWorkbook's batches, each one context.sync:
 *
 * 1. The active sheet's used range (values, types, formats), the sheet names, the tables, the
 *    selection. Where a chart is selected, getSelectedRange fails the batch (InvalidSelection,
 *    by design) and it runs again without the selection. Where the used range is past Excel
 *    on the web's 5 MB response limit (ResponsePayloadSizeLimitExceeded), it runs again with
 *    the range's bounds only, and the cells come in row blocks, halved until each block fits:
 *    about two syncs per 5 MB, never one per row.
 * 2. Only where ATF_meta is among the loaded names: the ownership record. Office.js does not
 *    say what a method of a null object does, so none is called on one.
 * 3. Only where the record names a summary sheet that exists (and is not the active one):
 *    that sheet, which the planner takes for ours only where it still carries our title.
 */
import {
  OWNERSHIP_SHEET,
  type CellValue,
  type SheetGrid,
  type WorkbookGrid,
} from "../workbook/types";
import { parseOwnership } from "../workbook/ownership";
import { locateTables, toCellValues } from "./readGrid";
import { inRowBlocks, isResponseTooLarge } from "./rowBlocks";

const codeOf = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;

interface UsedBlock {
  top: number;
  left: number;
  values: CellValue[][];
}

/** Rows of the used range, cols wide, in row blocks (rowBlocks.ts). */
async function readRowBlocks(
  ctx: Excel.RequestContext,
  sheet: Excel.Worksheet,
  top: number,
  left: number,
  rows: number,
  cols: number,
): Promise<CellValue[][]> {
  const blocks = await inRowBlocks(ctx, top, rows, (from, n) => {
    const range = sheet.getRangeByIndexes(from, left, n, cols);
    range.load("values,valueTypes,numberFormat");
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
  ctx: Excel.RequestContext,
  withSelection: boolean,
  inBlocks: boolean,
): Promise<FirstRead> {
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name");
  const active = worksheets.getActiveWorksheet();
  active.load("name");
  const used = active.getUsedRangeOrNullObject(true);
  used.load(
    inBlocks
      ? "rowIndex,columnIndex,rowCount,columnCount"
      : "values,valueTypes,numberFormat,rowIndex,columnIndex",
  );
  const tables = active.tables;
  tables.load(
    "items/name,items/showHeaders,items/showTotals,items/columns/items/name,items/rows/count",
  );
  const selected = withSelection ? ctx.workbook.getSelectedRange() : null;
  selected?.load("rowIndex,columnIndex");
  const selectedTables = selected ? selected.getTables(false) : null;
  selectedTables?.load("items/name");
  await ctx.sync();

  let grid: UsedBlock = { top: 0, left: 0, values: [] };
  if (!used.isNullObject) {
    grid = {
      top: used.rowIndex,
      left: used.columnIndex,
      values: inBlocks
        ? await readRowBlocks(
            ctx,
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
    tables.items.map((t) => ({
      name: t.name,
      showHeaders: t.showHeaders,
      showTotals: t.showTotals,
      columns: t.columns.items.map((col) => col.name),
      dataRows: t.rows.count,
    })),
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
export async function readBatch(ctx: Excel.RequestContext): Promise<FirstRead> {
  let withSelection = true;
  let inBlocks = false;
  for (;;) {
    try {
      return await readActive(ctx, withSelection, inBlocks);
    } catch (err) {
      if (codeOf(err) === "InvalidSelection" && withSelection) withSelection = false;
      else if (isResponseTooLarge(err) && !inBlocks) inBlocks = true;
      else throw err;
    }
  }
}

/** The ownership record, where readBatch found its sheet: one sync. */
export async function readRecord(ctx: Excel.RequestContext, first: FirstRead): Promise<void> {
  if (!first.hasRecord) return;
  const grid = first.grid;
  const record = ctx.workbook.worksheets.getItem(OWNERSHIP_SHEET).getUsedRangeOrNullObject(true);
  record.load("values,rowIndex,columnIndex");
  await ctx.sync();
  const ownedText =
    !record.isNullObject && record.rowIndex === 0 && record.columnIndex === 0
      ? record.values[0]?.[0]
      : null;
  grid.owned = parseOwnership(ownedText);
}

/**
 * The summary sheet a previous run wrote, read too: the planner takes a sheet of that name
 * for ours only where it still carries our title, and replaces it only then. Its name is
 * known only once the record is read, so this is a round trip of its own, made only where the
 * record names a sheet that exists (and is not the active one, read already).
 */
export async function readSummarySheet(
  ctx: Excel.RequestContext,
  grid: WorkbookGrid,
): Promise<void> {
  const name = grid.owned?.summarySheet.toLowerCase();
  const index = grid.sheets.findIndex(
    (s) => s.name.toLowerCase() === name && s.name !== grid.activeSheet,
  );
  if (index < 0) return;
  const sheetName = grid.sheets[index].name;
  const used = ctx.workbook.worksheets.getItem(sheetName).getUsedRangeOrNullObject(true);
  used.load("values,valueTypes,numberFormat,rowIndex,columnIndex");
  await ctx.sync();
  if (used.isNullObject) return;
  grid.sheets[index] = {
    name: sheetName,
    top: used.rowIndex,
    left: used.columnIndex,
    values: toCellValues(used.values, used.valueTypes, used.numberFormat),
    tables: [],
  };
}
