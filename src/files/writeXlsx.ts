/**
 * `--out` (IO.md, "--out writes a copy of the workbook with the allocation columns and the
 * summary sheet, exactly as the add-in would"). An .xlsx/.xlsm source is patched part by part
 * (patchXlsx.ts: everything the tool does not change keeps its bytes); a CSV source becomes a
 * new package (gridWorkbook.ts) patched the same way. applyPlanToExcelJs executes a plan on a
 * loaded exceljs workbook (kept for callers holding one; `--out` no longer uses it).
 *
 * Strings are always written as plain string values, never as { formula }: exceljs stores a
 * string as a string whatever its first character, so "=1+1" stays text.
 * exceljs cannot draw charts: the chart's data is on the summary sheet, and a note where the
 * chart would be says that the add-in draws it in Excel.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { HostConflictError } from "../app/host";
import { parseA1, splitSheetAddress } from "../workbook/a1";
import type { PlannedCell, WorkbookGrid, WritePlan } from "../workbook/types";
import { OWNERSHIP_SHEET } from "../workbook/types";
import { FileReadError } from "./fileErrors";
import { workbookFromGrid } from "./gridWorkbook";
import { PlanTargetError, patchWorkbook } from "./patchXlsx";
import { readInputFile, sniffXlsx } from "./sniff";

export { PlanTargetError, TargetCellsError } from "./patchXlsx";

/** "A1:C3" → 1-based bounds for exceljs. */
function bounds(a1: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b] = a1.split(":");
  const tl = parseA1(a);
  const br = b === undefined ? tl : parseA1(b);
  return {
    top: Math.min(tl.row, br.row) + 1,
    left: Math.min(tl.col, br.col) + 1,
    bottom: Math.max(tl.row, br.row) + 1,
    right: Math.max(tl.col, br.col) + 1,
  };
}

function encode(row: number, col: number): string {
  let n = col;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `${s}${row}`;
}

/**
 * Sets a cell's value, number format and boldness. The style is replaced by a fresh object
 * rather than mutated: exceljs may share one style object between loaded cells, and a
 * mutation would restyle cells we do not own.
 */
function setCell(cell: ExcelJS.Cell, planned: PlannedCell): void {
  cell.value = planned.formula
    ? ({ formula: planned.formula.replace(/^=/, ""), result: planned.value } as ExcelJS.CellValue)
    : planned.value;
  const style: Partial<ExcelJS.Style> = { ...cell.style };
  if (planned.numberFormat) style.numFmt = planned.numberFormat;
  else delete style.numFmt;
  const font: Partial<ExcelJS.Font> = { ...(cell.style.font ?? {}) };
  if (planned.bold) font.bold = true;
  else delete font.bold;
  style.font = font;
  cell.style = style;
}

/** Empties a cell we wrote: value, number format and boldness. */
function clearCell(cell: ExcelJS.Cell): void {
  setCell(cell, { value: null });
}

function worksheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.worksheets.find((w) => w.name === name);
  if (!ws) throw new PlanTargetError(`Sheet not found: ${name}`);
  return ws;
}

interface TableModel {
  name: string;
  tableRef: string;
  autoFilterRef?: string;
  totalsRow?: boolean;
  headerRow?: boolean;
  columns: {
    name: string;
    filterButton?: boolean;
    totalsRowFunction?: string;
    totalsRowLabel?: string;
  }[];
}

/** exceljs keeps a loaded table's model as read: ref, columns, autofilter; we edit that. */
function tableModel(ws: ExcelJS.Worksheet, name: string): TableModel | null {
  const tables = (ws as unknown as { tables?: Record<string, { model?: TableModel }> }).tables;
  const table = tables?.[name];
  return table?.model && typeof table.model.tableRef === "string" ? table.model : null;
}

/**
 * Makes a table span exactly up to the last allocation column: its own columns (left of
 * firstCol) are kept, ours replaced. Column names must equal the header cells' texts.
 */
function fitTable(ws: ExcelJS.Worksheet, plan: WritePlan): void {
  const { table, firstCol, headers } = plan.columns;
  if (!table) return;
  const model = tableModel(ws, table);
  if (!model) return;
  const b = bounds(model.tableRef);
  // Only columns that touch the table can join it: a table has no gaps.
  if (firstCol + 1 < b.left || firstCol + 1 > b.left + model.columns.length) return;
  const keep = firstCol + 1 - b.left;
  const last = model.columns[keep - 1];
  const names = new Set(model.columns.slice(0, keep).map((c) => c.name.toLowerCase()));
  const added = headers.map((h) => {
    let name = String(h.value ?? "");
    // Excel requires unique column names in a table. planWrite already numbers a header the
    // user's columns have; this only catches a table column it could not see.
    for (let n = 2; names.has(name.toLowerCase()); n++) name = `${String(h.value)} (${n})`;
    names.add(name.toLowerCase());
    return {
      name,
      filterButton: last?.filterButton ?? true,
      ...(model.totalsRow ? { totalsRowFunction: "none" } : {}),
    };
  });
  model.columns = [...model.columns.slice(0, keep), ...added];
  const right = b.left + model.columns.length - 1;
  model.tableRef = `${encode(b.top, b.left)}:${encode(b.bottom, right)}`;
  const filterBottom = model.totalsRow ? b.bottom - 1 : b.bottom;
  model.autoFilterRef = `${encode(b.top, b.left)}:${encode(filterBottom, right)}`;
  // Header cells carry the column names (a renamed clash included).
  added.forEach((c, i) => {
    ws.getCell(b.top, firstCol + 1 + i).value = c.name;
  });
}

function writeSheetCells(ws: ExcelJS.Worksheet, cells: PlannedCell[][], widths: number[]): void {
  cells.forEach((row, r) => row.forEach((cell, c) => setCell(ws.getCell(r + 1, c + 1), cell)));
  widths.forEach((w, c) => {
    ws.getColumn(c + 1).width = w;
  });
}

/**
 * Applies a plan to a loaded workbook: clears what a previous run left beyond the new
 * columns, writes the columns (extending the Excel table where there is one), replaces the
 * summary sheet and the ownership record. Throws before touching anything where the plan
 * has conflicts or its sheet is missing.
 */
export function applyPlanToExcelJs(wb: ExcelJS.Workbook, plan: WritePlan): void {
  if (plan.conflicts.length > 0) throw new HostConflictError(plan.conflicts);
  const ws = worksheet(wb, plan.columns.sheet);
  const clears = plan.clear.map((address) => {
    const { sheet, address: a1 } = splitSheetAddress(address);
    return { ws: worksheet(wb, sheet ?? plan.columns.sheet), range: bounds(a1) };
  });

  for (const { ws: target, range } of clears) {
    for (let r = range.top; r <= range.bottom; r++) {
      for (let c = range.left; c <= range.right; c++) clearCell(target.getCell(r, c));
    }
  }

  const { headerRow, firstCol, headers, rows } = plan.columns;
  headers.forEach((h, i) => setCell(ws.getCell(headerRow + 1, firstCol + 1 + i), h));
  rows.forEach((row, r) =>
    row.forEach((cell, i) => setCell(ws.getCell(headerRow + 2 + r, firstCol + 1 + i), cell)),
  );
  fitTable(ws, plan);
  headers.forEach((_, i) => {
    const column = ws.getColumn(firstCol + 1 + i);
    const text = String(headers[i].value ?? "");
    column.width = Math.min(40, Math.max(column.width ?? 0, 14, text.length + 2));
  });

  // The summary sheet is ours entirely: delete and add it again, so nothing stale remains.
  const old = wb.worksheets.find((w) => w.name === plan.summary.sheetName);
  if (old) wb.removeWorksheet(old.id);
  const summary = wb.addWorksheet(plan.summary.sheetName);
  writeSheetCells(summary, plan.summary.cells, plan.summary.columnWidths);
  const chart = plan.summary.chart;
  if (chart) {
    const anchor = summary.getCell(chart.anchor);
    setCell(anchor, {
      value: `${chart.title}: diagrammet ritas av tillägget AT-fördelning i Excel; underlaget är tabellen ovan (${chart.categoriesRange}, ${chart.valuesRange}). / The chart is drawn by the add-in in Excel; its data is the table above.`,
    });
  }

  const meta = wb.worksheets.find((w) => w.name === OWNERSHIP_SHEET);
  if (meta) wb.removeWorksheet(meta.id);
  // The record names the headers as they stand in the sheet (fitTable may have numbered one).
  const written = headers.map((_, i) => String(ws.getCell(headerRow + 1, firstCol + 1 + i).value));
  const record = wb.addWorksheet(OWNERSHIP_SHEET, { state: "veryHidden" });
  record.getCell("A1").value = JSON.stringify({ ...plan.ownership, headers: written });
}

/** A plan whose sheet name is replaced, for a CSV sheet whose name Excel would not take. */
function renameSheet(plan: WritePlan, from: string, to: string): WritePlan {
  if (from === to) return plan;
  return {
    ...plan,
    columns: { ...plan.columns, sheet: plan.columns.sheet === from ? to : plan.columns.sheet },
    ownership: {
      ...plan.ownership,
      sheet: plan.ownership.sheet === from ? to : plan.ownership.sheet,
    },
    clear: plan.clear.map((a) => {
      const { sheet, address } = splitSheetAddress(a);
      return sheet === from ? `'${to.replace(/'/g, "''")}'!${address}` : a;
    }),
  };
}

/**
 * Writes a copy of the source (.xlsx, or .csv turned into a workbook) with the plan applied.
 * Nothing is written where the plan has conflicts; the copy is written to a temporary file
 * and renamed, so a failure leaves no half-written file at outPath.
 */
export async function writeWorkbookCopy(
  source: { path: string; grid: WorkbookGrid },
  outPath: string,
  plan: WritePlan,
): Promise<void> {
  if (plan.conflicts.length > 0) throw new HostConflictError(plan.conflicts);
  let bytes: Buffer;
  if (/\.csv$/i.test(source.path)) {
    const made = workbookFromGrid(source.grid);
    bytes = patchWorkbook(made.bytes, renameSheet(plan, made.from, made.to));
  } else {
    const original = await readInputFile(source.path);
    sniffXlsx(original);
    bytes = patchWorkbook(original, plan);
  }
  const tmp = path.join(
    path.dirname(outPath),
    `.${path.basename(outPath)}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, outPath);
  } catch (error) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? "?";
    throw new FileReadError("file.write", {
      sv: `kan inte skriva ${outPath} (${code}) — kontrollera mappen och behörigheten; ingenting har skrivits`,
      en: `cannot write ${outPath} (${code}) — check the folder and the permissions; nothing was written`,
    });
  }
}
