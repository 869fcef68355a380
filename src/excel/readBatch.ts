/**
 * readWorkbook's batches: the active sheet, the selection, the tables and the ownership
 * record, then a previous run's summary sheet where one exists.
 */
import {
  OWNERSHIP_SHEET,
  type CellValue,
  type SheetGrid,
  type WorkbookGrid,
} from "../workbook/types";
import { parseOwnership } from "../workbook/ownership";
import { locateTables, toCellValues } from "./readGrid";

export async function readBatch(
  ctx: Excel.RequestContext,
  withSelection: boolean,
): Promise<WorkbookGrid> {
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name");
  const active = worksheets.getActiveWorksheet();
  active.load("name");
  const used = active.getUsedRangeOrNullObject(true);
  used.load("values,valueTypes,numberFormat,rowIndex,columnIndex");
  const tables = active.tables;
  tables.load(
    "items/name,items/showHeaders,items/showTotals,items/columns/items/name,items/rows/count",
  );
  const selected = withSelection ? ctx.workbook.getSelectedRange() : null;
  selected?.load("rowIndex,columnIndex");
  const selectedTables = selected ? selected.getTables(false) : null;
  selectedTables?.load("items/name");
  // Null objects all the way down where the record sheet does not exist or is empty.
  const record = worksheets.getItemOrNullObject(OWNERSHIP_SHEET).getUsedRangeOrNullObject(true);
  record.load("values,rowIndex,columnIndex");
  await ctx.sync();

  const grid = used.isNullObject
    ? { top: 0, left: 0, values: [] as CellValue[][] }
    : {
        top: used.rowIndex,
        left: used.columnIndex,
        values: toCellValues(used.values, used.valueTypes, used.numberFormat),
      };
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
  const ownedText =
    !record.isNullObject && record.rowIndex === 0 && record.columnIndex === 0
      ? record.values[0]?.[0]
      : null;
  return {
    sheets,
    activeSheet: active.name,
    ...(selection ? { selection } : {}),
    owned: parseOwnership(ownedText),
  };
}

/**
 * The summary sheet a previous run wrote, read too: the planner takes a sheet of that name
 * for ours only where it still carries our title, and replaces it only then. Its name is
 * known only once the record is read, so this is a second round trip, made only where the
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
