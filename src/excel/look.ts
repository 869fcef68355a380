/**
 * The look before a write: one sync that checks the plan against the workbook as it is now.
 */
import { HostConflictError } from "../app/host";
import { parseA1, splitSheetAddress, toA1 } from "../workbook/a1";
import type { CellValue, SheetGrid, WorkbookGrid, WritePlan } from "../workbook/types";
import { hostError } from "./errors";
import { toCellValue } from "./readGrid";

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

/**
 * The look before a write, in one sync: which sheets exist, the table as it is now, and the
 * cells the write replaces or clears on the sheet last read. Any of those that holds a value
 * other than what was read (someone typed there since) stops the write: HostConflictError.
 */
export async function lookBeforeWriting(
  ctx: Excel.RequestContext,
  plan: WritePlan,
  lastRead: WorkbookGrid | null,
): Promise<Preflight> {
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name");
  const c = plan.columns;
  let table: { proxy: Excel.Table; range: Excel.Range } | null = null;
  if (c.table) {
    const proxy = ctx.workbook.tables.getItem(c.table);
    proxy.load("columns/items/name,rows/count");
    const range = proxy.getRange();
    range.load("rowIndex,columnIndex");
    table = { proxy, range };
  }
  const readSheet = lastRead?.sheets.find((s) => s.name === lastRead.activeSheet);
  const guarded: { rect: Rect; range: Excel.Range }[] = [];
  if (readSheet) {
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
    for (const rect of [target, ...cleared]) {
      if (rect.sheet !== readSheet.name || rect.cols === 0) continue;
      const range = worksheets
        .getItem(rect.sheet)
        .getRangeByIndexes(rect.top, rect.left, rect.rows, rect.cols);
      range.load("values,valueTypes,numberFormat");
      guarded.push({ rect, range });
    }
  }
  await ctx.sync();

  const changed: { sheet: string; cell: string }[] = [];
  for (const { rect, range } of guarded) {
    range.values.forEach((line, r) =>
      line.forEach((v, col) => {
        const now = toCellValue(v, range.valueTypes[r][col], range.numberFormat[r][col]);
        const then = cellAt(readSheet!, rect.top + r, rect.left + col);
        if (now !== null && !sameValue(now, then)) {
          changed.push({ sheet: rect.sheet, cell: toA1(rect.top + r, rect.left + col) });
        }
      }),
    );
  }
  if (changed.length > 0) throw new HostConflictError(changed);

  return {
    sheetNames: worksheets.items.map((ws) => ws.name),
    table: table && {
      top: table.range.rowIndex,
      left: table.range.columnIndex,
      columns: table.proxy.columns.items.map((col) => col.name),
      dataRows: table.proxy.rows.count,
    },
  };
}
