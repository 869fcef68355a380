/**
 * .xlsx bytes ↔ a workbook's content as plain data (xlsxModel.ts), through exceljs. In the
 * browser this runs in a worker (xlsxWorker.ts) with exceljs's self-contained build; in node
 * (tests, scripts) it runs as it is. loadXlsx/saveXlsx go all the way to and from the fake.
 */
import ExcelJS from "exceljs";
import type { FakeExcel } from "../excel/fake";
import { parseA1, toA1 } from "../workbook/a1";
import {
  fakeToModel,
  modelToFake,
  type LoadedWorkbook,
  type Scalar,
  type WorkbookExtras,
  type XlsxCell,
  type XlsxModel,
  type XlsxSheet,
  type XlsxSheetState,
} from "./xlsxModel";

/** Excel's day 0 for serials after February 1900; exceljs makes dates of serials this way too. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** An exceljs value as what the fake stores; a formula gives its cached result. */
export function scalarOf(value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : { error: "#NUM!" };
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? { error: "#VALUE!" } : (ms - EXCEL_EPOCH_MS) / DAY_MS;
  }
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (typeof v.error === "string") return { error: v.error };
    if (Array.isArray(v.richText)) {
      const text = v.richText.map((r: { text?: string }) => r.text ?? "").join("");
      return text === "" ? null : text;
    }
    if ("formula" in v || "sharedFormula" in v) return scalarOf(v.result);
    if ("text" in v) return scalarOf(v.text);
  }
  return { error: "#VALUE!" };
}

function noteText(note: unknown): string | null {
  if (typeof note === "string") return note;
  const texts = (note as { texts?: { text?: string }[] } | null)?.texts;
  return Array.isArray(texts) ? texts.map((t) => t.text ?? "").join("") : null;
}

interface TableModelLike {
  name?: string;
  displayName?: string;
  tableRef?: string;
  ref?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
}

function readSheet(ws: ExcelJS.Worksheet): XlsxSheet {
  const cells: XlsxCell[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // The covered cells of a merge repeat the master's value in exceljs; Excel shows them empty.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const out: XlsxCell = { r: rowNumber - 1, c: colNumber - 1, v: scalarOf(cell.value) };
      if (cell.numFmt && cell.numFmt !== "General") out.fmt = cell.numFmt;
      // exceljs gives a Date for a date-formatted serial: it keeps showing as a date.
      else if (cell.value instanceof Date) out.fmt = "yyyy-mm-dd";
      if (cell.font?.bold) out.bold = true;
      if (cell.type === ExcelJS.ValueType.Formula) {
        const formula = cell.formula as string | undefined;
        if (formula) out.formula = formula.startsWith("=") ? formula : `=${formula}`;
      }
      const note = noteText(cell.note);
      if (note) out.note = note;
      if (out.v !== null || out.fmt || out.bold || out.formula || out.note) cells.push(out);
    });
  });
  const widths: [number, number][] = [];
  ws.columns?.forEach((column, i) => {
    if (column.width !== undefined && column.width > 0) widths.push([i, column.width]);
  });
  const tables = (ws.getTables() as unknown as { table?: TableModelLike }[])
    .map((t) => (t.table ?? t) as TableModelLike)
    .filter((t) => (t.tableRef ?? t.ref) && (t.name ?? t.displayName))
    .map((t) => ({
      name: (t.name ?? t.displayName) as string,
      ref: (t.tableRef ?? t.ref) as string,
      headerRow: t.headerRow !== false,
      totalsRow: t.totalsRow === true,
    }));
  const sheet: XlsxSheet = {
    name: ws.name,
    state: (ws.state === "hidden" || ws.state === "veryHidden"
      ? ws.state
      : "visible") as XlsxSheetState,
    cells,
    widths,
    tables,
  };
  const activeCell = (ws.views?.[0] as { activeCell?: string } | undefined)?.activeCell;
  if (activeCell) sheet.activeCell = activeCell.replace(/\$/g, "");
  return sheet;
}

/** .xlsx bytes as plain data. */
export async function readXlsxModel(bytes: ArrayBuffer | Uint8Array): Promise<XlsxModel> {
  const wb = new ExcelJS.Workbook();
  const data =
    bytes instanceof Uint8Array
      ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
      : bytes;
  await wb.xlsx.load(data as Parameters<typeof wb.xlsx.load>[0]);
  const model: XlsxModel = { sheets: wb.worksheets.map(readSheet) };
  const activeTab = wb.views?.[0]?.activeTab;
  if (activeTab !== undefined) model.activeTab = activeTab;
  return model;
}

function excelValue(cell: XlsxCell): ExcelJS.CellValue {
  if (cell.formula !== undefined) {
    const result = cell.v === null ? undefined : cell.v;
    return { formula: cell.formula.replace(/^=/, ""), result } as ExcelJS.CellFormulaValue;
  }
  const v = cell.v;
  if (v === null) return null;
  if (typeof v === "object") return { error: v.error as ExcelJS.CellErrorValue["error"] };
  return v;
}

/** Plain data as an exceljs workbook. */
export function modelToWorkbook(model: XlsxModel): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "AT-fördelning (arbetsbänk / workbench)";
  for (const sheet of model.sheets) {
    const ws = wb.addWorksheet(sheet.name, { state: sheet.state });
    const byAddress = new Map(sheet.cells.map((c) => [`${c.r}:${c.c}`, c]));
    // Tables first: exceljs writes a table's header and rows into the cells; the cells below
    // then set every value and format exactly as the fake has them.
    for (const table of sheet.tables) {
      const [a, b] = table.ref.split(":");
      const tl = parseA1(a);
      const br = parseA1(b ?? a);
      const columns = [];
      for (let c = tl.col; c <= br.col; c++) {
        const header = byAddress.get(`${tl.row}:${c}`);
        columns.push({ name: String(header?.v ?? `Column${c - tl.col + 1}`), filterButton: true });
      }
      const rows: ExcelJS.CellValue[][] = [];
      const lastData = br.row - (table.totalsRow ? 1 : 0);
      for (let r = tl.row + 1; r <= Math.max(lastData, tl.row + 1); r++) {
        const row: ExcelJS.CellValue[] = [];
        for (let c = tl.col; c <= br.col; c++) {
          const cell = byAddress.get(`${r}:${c}`);
          row.push(cell ? excelValue(cell) : null);
        }
        rows.push(row);
      }
      ws.addTable({
        name: table.name,
        ref: toA1(tl.row, tl.col),
        headerRow: true,
        totalsRow: table.totalsRow,
        style: { theme: "TableStyleMedium2", showRowStripes: true },
        columns,
        rows,
      });
    }
    for (const cell of sheet.cells) {
      const target = ws.getCell(cell.r + 1, cell.c + 1);
      target.value = excelValue(cell);
      const style: Partial<ExcelJS.Style> = {};
      if (cell.fmt) style.numFmt = cell.fmt;
      if (cell.bold) style.font = { bold: true };
      target.style = style;
      if (cell.note) target.note = cell.note;
    }
    for (const [c, chars] of sheet.widths) ws.getColumn(c + 1).width = chars;
    if (sheet.activeCell) ws.views = [{ state: "normal", activeCell: sheet.activeCell }];
  }
  wb.views = [
    {
      x: 0,
      y: 0,
      width: 20000,
      height: 12000,
      firstSheet: 0,
      activeTab: model.activeTab ?? 0,
      visibility: "visible",
    },
  ];
  return wb;
}

/** Plain data as .xlsx bytes. */
export async function writeXlsxModel(model: XlsxModel): Promise<Uint8Array> {
  const buffer = await modelToWorkbook(model).xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** .xlsx bytes as a fake Excel. */
export async function loadXlsx(bytes: ArrayBuffer | Uint8Array): Promise<LoadedWorkbook> {
  return modelToFake(await readXlsxModel(bytes));
}

/** The fake's state as .xlsx bytes. */
export function saveXlsx(fake: FakeExcel, extras?: WorkbookExtras): Promise<Uint8Array> {
  return writeXlsxModel(fakeToModel(fake, extras));
}
