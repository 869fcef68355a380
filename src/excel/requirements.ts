/**
 * The ExcelApi requirement set the adapter needs, and the check at start. The manifest's
 * <Set Name="ExcelApi" MinVersion="…"/> must say the same (test/manifest.test.ts checks it).
 *
 * What each call of src/excel/excelHost.ts needs (from the API reference):
 * - 1.9: Range.getTables / TableScopedCollection (the table around the selection),
 *   Application.suspendScreenUpdatingUntilNextSync.
 * - 1.7: Worksheet.getRangeByIndexes, ChartSeries.setXAxisValues, ChartAxis.reversePlotOrder.
 * - 1.6: Application.suspendApiCalculationUntilNextSync.
 * - 1.4: WorksheetCollection.getItemOrNullObject, Worksheet.getUsedRangeOrNullObject,
 *   TableColumnCollection.add with a name.
 * - 1.2: setting Worksheet.visibility (VeryHidden), RangeFormat.columnWidth, autofitColumns,
 *   getUsedRange's valuesOnly.
 * - 1.1: everything else (values, valueTypes, numberFormat, tables, charts, add/delete/activate,
 *   getSelectedRange, select, clear).
 * - 1.7: Workbook.protection (the look refuses a write where the structure is protected).
 * - 1.2: Worksheet.protection.
 * Optional, asked only behind isSetSupported (look.ts): Worksheet.comments and
 * Comment.getLocation (1.10), Range.getMergedAreasOrNullObject (1.13), Worksheet.notes and
 * Note.getLocation (1.18); WorksheetChangedEventArgs.triggerSource (1.14) where present.
 * 1.9 leaves out Excel 2016 and 2019 (perpetual, up to 1.8); Excel 2021 and later, Microsoft 365
 * and Excel on the web have it.
 */
export const REQUIRED_EXCEL_API = "1.9";

/** Whether the running Excel has REQUIRED_EXCEL_API; false outside Office. */
export function isExcelApiSupported(): boolean {
  if (typeof Office === "undefined") return false;
  return Office.context?.requirements?.isSetSupported?.("ExcelApi", REQUIRED_EXCEL_API) === true;
}
