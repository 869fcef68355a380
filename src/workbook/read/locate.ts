/**
 * Where the region table is (IO.md, "The region table"): every block or Excel table on the data
 * sheets whose header row names a region column is a candidate; the one holding the selection
 * wins, then one whose headers name the chosen year, then the active sheet, then the sheet a
 * previous run read, then the first. Linear in the number of cells: no region growing.
 */
import type { RegionIndex } from "../../domain/regions";
import { isBlank } from "../cellValues";
import { toA1 } from "../a1";
import { matchHeader } from "../headers";
import type { HeaderYears } from "../headers";
import type { SheetGrid, TableInfo, WorkbookGrid } from "../types";
import { cellAt, contains, rowHasValue, sheetExtent, tableRect } from "./grid";
import type { Rect } from "./grid";
import { isTotalLabel } from "./messages";

export interface Located {
  sheet: SheetGrid;
  table?: TableInfo;
  headerRow: number;
  /** Column of the region header cell. */
  regionCol: number;
  /** Header row to the last row of the table; the user's columns only (ours left out). */
  rect: Rect;
  how: "selection" | "year" | "active" | "otherSheet";
  /** Rows under an Excel table that name regions but are outside it. */
  orphanRows: number[];
  /** Other tables that would fit too, for a notice. */
  others: { sheet: string; cell: string }[];
}

interface Candidate {
  sheet: SheetGrid;
  table?: TableInfo;
  headerRow: number;
  regionCol: number;
  rect: Rect;
  orphanRows: number[];
  exactYear: boolean;
}

/** Header texts a previous run wrote on this sheet: never part of the user's table. */
function ownedHeaders(workbook: WorkbookGrid, sheet: string): Set<string> {
  const owned = workbook.owned;
  if (!owned || owned.sheet !== sheet) return new Set();
  return new Set(owned.headers.map((h) => h.trim()));
}

/**
 * A region header: a text the headers accept for the region column that is not itself the name
 * of a region of the rule set (a rule set's region "Region 1950" reads like "Region" with a year,
 * and a row of data must never end the table as if a new one began).
 */
function isRegionHeader(value: unknown, years: HeaderYears, index: RegionIndex): boolean {
  return (
    typeof value === "string" &&
    value.length <= 60 &&
    matchHeader(value, years)?.field === "region" &&
    !index.match(value).ok
  );
}

/** Every region header cell of a sheet, in reading order. */
function regionHeaders(
  sheet: SheetGrid,
  years: HeaderYears,
  index: RegionIndex,
): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  sheet.values.forEach((r, i) => {
    r.forEach((v, j) => {
      if (isRegionHeader(v, years, index)) out.push({ row: sheet.top + i, col: sheet.left + j });
    });
  });
  return out;
}

/**
 * The header row's columns around the region header: contiguous headed cells, ours excluded. A
 * single blank header between headed columns is kept where its column holds data (a header
 * cell someone cleared), never where it is only a gap before another block.
 */
function headedColumns(
  sheet: SheetGrid,
  row: number,
  col: number,
  owned: Set<string>,
  limit: { left: number; right: number },
): { left: number; right: number } {
  const usable = (c: number): boolean => {
    if (c < limit.left || c > limit.right) return false;
    const v = cellAt(sheet, row, c);
    return !isBlank(v) && !(typeof v === "string" && owned.has(v.trim()));
  };
  const hasData = (c: number): boolean => {
    for (let r = row + 1; r <= row + 30; r++) if (!isBlank(cellAt(sheet, r, c))) return true;
    return false;
  };
  let left = col;
  for (;;) {
    if (usable(left - 1)) left--;
    else if (isBlank(cellAt(sheet, row, left - 1)) && usable(left - 2) && hasData(left - 1))
      left -= 2;
    else break;
  }
  let right = col;
  for (;;) {
    if (usable(right + 1)) right++;
    else if (isBlank(cellAt(sheet, row, right + 1)) && usable(right + 2) && hasData(right + 1))
      right += 2;
    else break;
  }
  return { left, right };
}

/** Whether a row belongs to the table: a region, a total, or a row with data beside its label. */
function meaningfulRow(
  sheet: SheetGrid,
  row: number,
  regionCol: number,
  cols: { left: number; right: number },
  index: RegionIndex,
): boolean {
  const v = cellAt(sheet, row, regionCol);
  if (isBlank(v)) return false;
  if (typeof v === "string" && (index.match(v).ok || isTotalLabel(v))) return true;
  return (
    rowHasValue(sheet, row, cols.left, regionCol - 1) ||
    rowHasValue(sheet, row, regionCol + 1, cols.right)
  );
}

function plainCandidate(
  workbook: WorkbookGrid,
  sheet: SheetGrid,
  header: { row: number; col: number },
  nextHeaderRow: number,
  years: HeaderYears,
  index: RegionIndex,
): Candidate {
  const ext = sheetExtent(sheet);
  const cols = headedColumns(
    sheet,
    header.row,
    header.col,
    ownedHeaders(workbook, sheet.name),
    ext,
  );
  let bottom = header.row;
  for (let r = header.row + 1; r < nextHeaderRow && r <= ext.bottom; r++) {
    if (meaningfulRow(sheet, r, header.col, cols, index)) bottom = r;
  }
  // Rows joined to the last one (a figure without a label under the table) are said so.
  while (bottom + 1 < nextHeaderRow && rowHasValue(sheet, bottom + 1, cols.left, cols.right))
    bottom++;
  const rect = { top: header.row, bottom, ...cols };
  return {
    sheet,
    headerRow: header.row,
    regionCol: header.col,
    rect,
    orphanRows: [],
    exactYear: namesYear(sheet, header.row, cols, years),
  };
}

function tableCandidate(
  workbook: WorkbookGrid,
  sheet: SheetGrid,
  table: TableInfo,
  header: { row: number; col: number },
  nextHeaderRow: number,
  years: HeaderYears,
  index: RegionIndex,
): Candidate {
  const t = tableRect(table);
  const owned = ownedHeaders(workbook, sheet.name);
  // Our own columns, added to the table by a previous run, are not the user's.
  let right = t.right;
  for (let c = header.col + 1; c <= t.right; c++) {
    const v = cellAt(sheet, t.top, c);
    if (typeof v === "string" && owned.has(v.trim())) {
      right = c - 1;
      break;
    }
  }
  const rect = { ...t, right };
  const orphanRows: number[] = [];
  const ext = sheetExtent(sheet);
  const firstBelow = table.top + table.rows; // past a totals row too
  for (let r = firstBelow; r < nextHeaderRow && r <= ext.bottom; r++) {
    const v = cellAt(sheet, r, header.col);
    if (typeof v === "string" && index.match(v).ok) orphanRows.push(r);
  }
  return {
    sheet,
    table,
    headerRow: t.top,
    regionCol: header.col,
    rect,
    orphanRows,
    exactYear: namesYear(sheet, t.top, rect, years),
  };
}

/** Whether the header row names the AT count of the chosen year. */
function namesYear(
  sheet: SheetGrid,
  row: number,
  cols: { left: number; right: number },
  years: HeaderYears,
): boolean {
  for (let c = cols.left; c <= cols.right; c++) {
    const m = matchHeader(cellAt(sheet, row, c), years);
    if (m?.field === "at" && m.year === "exact") return true;
  }
  return false;
}

function candidatesOf(
  workbook: WorkbookGrid,
  sheet: SheetGrid,
  years: HeaderYears,
  index: RegionIndex,
): Candidate[] {
  const headers = regionHeaders(sheet, years, index);
  const out: Candidate[] = [];
  const tablesDone = new Set<string>();
  // The next header in the same column ends a table (another table claims the rows): found
  // walking up from the bottom once, not searched for per header.
  const nextRows: number[] = new Array<number>(headers.length);
  const below = new Map<number, number>();
  for (let i = headers.length - 1; i >= 0; i--) {
    const h = headers[i];
    nextRows[i] = below.get(h.col) ?? Infinity;
    below.set(h.col, h.row);
  }
  headers.forEach((h, i) => {
    const nextRow = nextRows[i];
    const table = sheet.tables.find((t) =>
      contains({ ...tableRect(t), bottom: t.top }, h.row, h.col),
    );
    if (table) {
      if (tablesDone.has(table.name)) return;
      tablesDone.add(table.name);
      out.push(tableCandidate(workbook, sheet, table, h, nextRow, years, index));
      return;
    }
    // A region header inside a table's data rows is data, not a header.
    if (sheet.tables.some((t) => contains(tableRect(t), h.row, h.col))) return;
    out.push(plainCandidate(workbook, sheet, h, nextRow, years, index));
  });
  return out;
}

/** Finds the region table on the data sheets (or only `sheetName`); null where none fits. */
export function locateTable(
  workbook: WorkbookGrid,
  dataSheets: SheetGrid[],
  years: HeaderYears,
  index: RegionIndex,
  sheetName?: string,
): Located | null {
  const sheets =
    sheetName !== undefined ? dataSheets.filter((s) => s.name === sheetName) : dataSheets;
  const all: { c: Candidate; order: number }[] = [];
  for (const s of sheets)
    for (const c of candidatesOf(workbook, s, years, index)) all.push({ c, order: all.length });
  if (all.length === 0) return null;
  const sel = workbook.selection;
  const holdsSelection = (c: Candidate): boolean =>
    !!sel && sel.sheet === c.sheet.name && contains(c.rect, sel.row, sel.col);
  const rank = (c: Candidate): number[] => [
    holdsSelection(c) ? 0 : 1,
    c.exactYear ? 0 : 1,
    c.sheet.name === workbook.activeSheet ? 0 : 1,
    // IO.md: the only Excel table on the sheet before the first header cell.
    c.table && c.sheet.tables.length === 1 ? 0 : 1,
    c.sheet.name === workbook.owned?.sheet ? 0 : 1,
  ];
  const sorted = [...all].sort((a, b) => {
    const ra = rank(a.c);
    const rb = rank(b.c);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
    return a.order - b.order;
  });
  const best = sorted[0].c;
  const how: Located["how"] = holdsSelection(best)
    ? "selection"
    : best.sheet.name !== workbook.activeSheet
      ? "otherSheet"
      : sorted.length > 1 && best.exactYear && !sorted[1].c.exactYear
        ? "year"
        : "active";
  const others = sorted
    .slice(1)
    .map(({ c }) => ({ sheet: c.sheet.name, cell: toA1(c.headerRow, c.regionCol) }));
  return { ...best, how, others };
}
