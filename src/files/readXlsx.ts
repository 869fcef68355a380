/**
 * An .xlsx file as a workbook grid: what the Office.js adapter reads from a live Excel, read
 * from a file for the command line. Files are read from their parts (readOoxml.ts), not
 * through exceljs, which crashes on workbooks other tools write; `workbookToGrid` still maps
 * an exceljs workbook already loaded (the workbench's bridge and tests use it).
 */
import ExcelJS from "exceljs";
import { parseA1 } from "../workbook/a1";
import { OWNERSHIP_SHEET } from "../workbook/types";
import { parseOwnership } from "../workbook/ownership";
import { readPackage } from "./readOoxml";
import { readInputFile, sniffXlsx } from "./sniff";
import type {
  CellValue,
  OwnershipRecord,
  SheetGrid,
  TableInfo,
  WorkbookGrid,
} from "../workbook/types";

/** One exceljs cell value as the host-neutral CellValue. */
export function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : { error: "#NUM!" };
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) {
    // exceljs turns a date-formatted serial into a UTC Date: the calendar day is its ISO date.
    return Number.isNaN(value.getTime())
      ? { error: "#VALUE!" }
      : { date: value.toISOString().slice(0, 10) };
  }
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (typeof v.error === "string") return { error: v.error };
    if (Array.isArray(v.richText)) {
      const text = v.richText.map((r: { text?: string }) => r.text ?? "").join("");
      return text === "" ? null : text;
    }
    // A formula: its cached result (what Excel last showed); none cached is no blank but
    // a formula whose value is unknown.
    if ("formula" in v || "sharedFormula" in v) {
      if (v.result === undefined || v.result === null) {
        return { formula: String(v.formula ?? v.sharedFormula ?? "") };
      }
      return toCellValue(v.result);
    }
    // A hyperlink: its text.
    if ("text" in v) return toCellValue(v.text);
  }
  return { error: "#VALUE!" };
}

function readTables(ws: ExcelJS.Worksheet): TableInfo[] {
  const tables: TableInfo[] = [];
  for (const t of ws.getTables() as unknown as { table?: Record<string, unknown> }[]) {
    const model = (t.table ?? t) as Record<string, unknown>;
    const ref = (model.tableRef ?? model.ref) as string | undefined;
    // A table without a header row has no column names to match: not a region table.
    if (!ref || model.headerRow === false) continue;
    const [a, b] = ref.split(":");
    const tl = parseA1(a);
    const br = parseA1(b ?? a);
    const info: TableInfo = {
      name: String(model.name ?? model.displayName ?? ""),
      top: tl.row,
      left: tl.col,
      rows: br.row - tl.row + 1,
      columns: br.col - tl.col + 1,
    };
    if (model.totalsRow) info.hasTotalsRow = true;
    tables.push(info);
  }
  return tables;
}

function readSheet(ws: ExcelJS.Worksheet): SheetGrid {
  const cells: { row: number; col: number; value: CellValue }[] = [];
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // The covered cells of a merge repeat the master's value in exceljs; Excel shows them empty.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const value = toCellValue(cell.value);
      if (value === null) return;
      const r = rowNumber - 1;
      const c = colNumber - 1;
      cells.push({ row: r, col: c, value });
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    });
  });
  const tables = readTables(ws);
  if (cells.length === 0) return { name: ws.name, top: 0, left: 0, values: [], tables };
  const values: CellValue[][] = [];
  for (let r = top; r <= bottom; r++)
    values.push(new Array<CellValue>(right - left + 1).fill(null));
  for (const c of cells) values[c.row - top][c.col - left] = c.value;
  return { name: ws.name, top, left, values, tables };
}

function readOwnership(ws: ExcelJS.Worksheet | undefined): OwnershipRecord | null {
  return ws ? parseOwnership(toCellValue(ws.getCell("A1").value)) : null;
}

/** The grid of an exceljs workbook already loaded (also used on buffers). */
export function workbookToGrid(wb: ExcelJS.Workbook): WorkbookGrid {
  const all = wb.worksheets;
  const data = all.filter((ws) => ws.name !== OWNERSHIP_SHEET);
  const sheets = data.map(readSheet);
  const activeTab = wb.views?.[0]?.activeTab;
  let active = activeTab !== undefined ? all[activeTab] : undefined;
  if (!active || active.name === OWNERSHIP_SHEET || active.state !== "visible") {
    active = data.find((ws) => ws.state === "visible") ?? data[0];
  }
  const grid: WorkbookGrid = {
    sheets,
    activeSheet: active?.name ?? "",
    owned: readOwnership(wb.getWorksheet(OWNERSHIP_SHEET)),
  };
  const activeCell = (active?.views?.[0] as { activeCell?: string } | undefined)?.activeCell;
  if (active && activeCell) {
    try {
      const { row, col } = parseA1(activeCell.split(":")[0].split(" ")[0]);
      grid.selection = { sheet: active.name, row, col };
    } catch {
      // An odd saved selection is no reason to refuse the file.
    }
  }
  return grid;
}

/** An .xlsx/.xlsm file as the grid; FileReadError where it cannot be read (a sentence). */
export async function readXlsxFile(path: string): Promise<WorkbookGrid> {
  const bytes = await readInputFile(path);
  sniffXlsx(bytes);
  return readPackage(bytes).grid;
}
