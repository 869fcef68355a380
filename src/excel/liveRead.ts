/**
 * Live mode's read: the region table's own sheet (not the active one, not every sheet), the
 * ownership record and our summary sheet — three syncs whatever the number of rows (more only
 * past the 5 MB response limit, in row blocks: about two per 5 MB, never one per row).
 */
import {
  OWNERSHIP_SHEET,
  type CellValue,
  type SheetGrid,
  type WorkbookGrid,
} from "../workbook/types";
import type { ExcelRun } from "./errors";
import { readRecord, readSummarySheet } from "./readBatch";
import { locateTables, toCellValues } from "./readGrid";
import { inRowBlocks, isResponseTooLarge } from "./rowBlocks";

async function readSheet(
  ctx: Excel.RequestContext,
  sheetName: string,
  inBlocks: boolean,
): Promise<{ grid: WorkbookGrid; hasRecord: boolean }> {
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name");
  const sheet = worksheets.getItem(sheetName);
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load(
    inBlocks
      ? "rowIndex,columnIndex,rowCount,columnCount"
      : "values,valueTypes,numberFormat,rowIndex,columnIndex",
  );
  const tables = sheet.tables;
  tables.load(
    "items/name,items/showHeaders,items/showTotals,items/columns/items/name,items/rows/count",
  );
  await ctx.sync();
  let block: { top: number; left: number; values: CellValue[][] } = { top: 0, left: 0, values: [] };
  if (!used.isNullObject) {
    let values: CellValue[][];
    if (inBlocks) {
      const left = used.columnIndex;
      const cols = used.columnCount;
      const parts = await inRowBlocks(ctx, used.rowIndex, used.rowCount, (from, n) => {
        const range = sheet.getRangeByIndexes(from, left, n, cols);
        range.load("values,valueTypes,numberFormat");
        return () => toCellValues(range.values, range.valueTypes, range.numberFormat);
      });
      values = parts.flat();
    } else values = toCellValues(used.values, used.valueTypes, used.numberFormat);
    block = { top: used.rowIndex, left: used.columnIndex, values };
  }
  const located = locateTables(
    tables.items.map((t) => ({
      name: t.name,
      showHeaders: t.showHeaders,
      showTotals: t.showTotals,
      columns: t.columns.items.map((c) => c.name),
      dataRows: t.rows.count,
    })),
    block,
  );
  const sheets: SheetGrid[] = worksheets.items
    .filter((ws) => ws.name !== OWNERSHIP_SHEET)
    .map((ws) =>
      ws.name === sheetName
        ? { name: ws.name, ...block, tables: located }
        : { name: ws.name, top: 0, left: 0, values: [], tables: [] },
    );
  return {
    grid: { sheets, activeSheet: sheetName, owned: null },
    hasRecord: worksheets.items.some((ws) => ws.name === OWNERSHIP_SHEET),
  };
}

/** The region table's sheet as a grid (other sheets listed, empty), the record, the summary. */
export async function readTableSheet(
  ctx: Excel.RequestContext,
  sheetName: string,
): Promise<WorkbookGrid> {
  let first;
  try {
    first = await readSheet(ctx, sheetName, false);
  } catch (err) {
    if (!isResponseTooLarge(err)) throw err;
    first = await readSheet(ctx, sheetName, true);
  }
  await readRecord(ctx, first);
  await readSummarySheet(ctx, first.grid);
  return first.grid;
}

/** readTableSheet in a batch of its own, waiting while a cell is being edited. */
export function readTableSheetWith(run: ExcelRun, sheetName: string): Promise<WorkbookGrid> {
  return run((ctx) => readTableSheet(ctx, sheetName), { delayForCellEdit: true });
}
