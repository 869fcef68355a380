/**
 * An .xlsx/.xlsm package read straight from its parts into the workbook grid: the cell values
 * of every worksheet (shared strings, inline strings, cached formula results, dates by their
 * number format), its merges, tables and selection; the workbook's active sheet; the
 * ownership record. Any tool's OOXML is read alike (Excel, openpyxl, exceljs, LibreOffice):
 * `<c>` without `r`, prefixed names, no styles, no calcChain, charts and drawings beside.
 *
 * A formula cell without a cached value is `{ formula }` (its value is unknown, not blank).
 */
import { columnName, parseA1 } from "../workbook/a1";
import { parseOwnership } from "../workbook/ownership";
import { OWNERSHIP_SHEET } from "../workbook/types";
import type { CellValue, SheetGrid, TableInfo, WorkbookGrid } from "../workbook/types";
import { FileReadError } from "./fileErrors";
import { openPackage, partString, readRels } from "./ooxml";
import type { SheetEntry, WorkbookPackage } from "./ooxml";
import type { ZipLimits } from "./zip";
import { child, children, parseXml, scanXml } from "./xml";

/** Shared strings, in order; rich text runs joined, phonetic runs left out. */
export function readSharedStrings(part: string, xml: string): string[] {
  const out: string[] = [];
  let text = "";
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  scanXml(part, xml, {
    open: (name, _a, selfClosing) => {
      if (name === "si") {
        inSi = true;
        text = "";
      } else if (name === "rPh") phonetic++;
      else if (name === "t" && inSi && phonetic === 0 && !selfClosing) inT = true;
    },
    close: (name) => {
      if (name === "si") {
        if (inSi) out.push(text);
        inSi = false;
      } else if (name === "rPh") phonetic--;
      else if (name === "t") inT = false;
    },
    text: (t) => {
      if (inT) text += t;
    },
  });
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** A number format that shows a date or time (the same test exceljs makes). */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]+/.test(bare);
}

/** Per cell style index (`s`), whether it is a date format. */
export function readDateStyles(part: string, xml: string): boolean[] {
  const root = parseXml(part, xml);
  const custom = new Map<number, string>();
  for (const f of children(child(root, "numFmts"), "numFmt")) {
    custom.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? "");
  }
  return children(child(root, "cellXfs"), "xf").map((xf) => {
    const id = Number(xf.attrs.numFmtId ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

/** An Excel serial day as an ISO date, as exceljs converts it. */
export function serialToIsoDate(serial: number, date1904: boolean): string | null {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

/** "BC" → 54 (zero-based column). */
function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

/** "AB12" → zero-based { row, col }, or null. */
export function cellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1].toUpperCase()) };
}

export interface SheetContext {
  part: string;
  sheet: string;
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

function badCell(ctx: SheetContext, row: number, col: number, sv: string, en: string) {
  const cell = `${columnName(col)}${row + 1}`;
  return new FileReadError(
    "file.cell",
    {
      sv: `cellen kan inte läsas: ${sv} — filen är skadad; öppna den i Excel och spara den igen`,
      en: `the cell cannot be read: ${en} — the file is damaged; open it in Excel and save it again`,
    },
    { sheet: ctx.sheet, cell },
  );
}

interface RawCell {
  row: number;
  col: number;
  t: string;
  s: number;
  v: string | null;
  f: string | null;
  is: string | null;
}

function cellValue(ctx: SheetContext, c: RawCell): CellValue {
  if (c.f !== null && (c.v === null || (c.v === "" && c.t !== "str"))) {
    return { formula: c.f };
  }
  switch (c.t) {
    case "s": {
      if (c.v === null || c.v.trim() === "") return null;
      const i = Number(c.v);
      if (!Number.isInteger(i) || i < 0 || i >= ctx.strings.length) {
        throw badCell(
          ctx,
          c.row,
          c.col,
          `den hänvisar till text nr ${c.v} som filen inte har`,
          `it refers to shared string ${c.v}, which the file does not have`,
        );
      }
      return ctx.strings[i] === "" ? null : ctx.strings[i];
    }
    case "inlineStr":
      return c.is === null || c.is === "" ? (c.v ? c.v : null) : c.is;
    case "str":
      return c.v === null || c.v === "" ? null : c.v;
    case "b":
      return c.v === null || c.v === "" ? null : c.v.trim() === "1" || c.v.trim() === "true";
    case "e":
      return c.v === null || c.v === "" ? null : { error: c.v };
    case "d": {
      if (c.v === null || c.v === "") return null;
      const m = /^\d{4}-\d{2}-\d{2}/.exec(c.v);
      return m ? { date: m[0] } : { error: "#VALUE!" };
    }
    default: {
      if (c.v === null || c.v.trim() === "") return null;
      const n = Number(c.v);
      if (!Number.isFinite(n)) {
        throw badCell(ctx, c.row, c.col, `"${c.v}" är inget tal`, `"${c.v}" is not a number`);
      }
      if (ctx.dateStyles[c.s]) {
        const iso = serialToIsoDate(n, ctx.date1904);
        return iso ? { date: iso } : { error: "#VALUE!" };
      }
      return Object.is(n, -0) ? 0 : n;
    }
  }
}

export interface SheetRead {
  grid: SheetGrid;
  merges: string[];
  tableRids: string[];
  activeCell?: string;
}

/** One worksheet's XML, streamed: values, merges, table parts, the active cell. */
export function readSheetXml(ctx: SheetContext, xml: string): SheetRead {
  const cells: { row: number; col: number; value: CellValue }[] = [];
  const merges: string[] = [];
  const tableRids: string[] = [];
  let row = -1;
  let col = -1;
  let cell: RawCell | null = null;
  let capture: "v" | "f" | "t" | null = null;
  let inIs = false;
  let phonetic = 0;
  let views = 0;
  let activePane: string | undefined;
  const selections: { pane?: string; activeCell?: string }[] = [];
  scanXml(ctx.part, xml, {
    open: (name, a, selfClosing) => {
      switch (name) {
        case "row":
          row = a.r !== undefined ? Number(a.r) - 1 : row + 1;
          if (!Number.isInteger(row) || row < 0) row = 0;
          col = -1;
          return;
        case "c": {
          const ref = a.r !== undefined ? cellRef(a.r) : null;
          if (ref) {
            row = ref.row;
            col = ref.col;
          } else col++;
          // A self-closing <c/> gets its closetag event too: the value is taken there.
          cell = { row, col, t: a.t ?? "n", s: Number(a.s ?? 0), v: null, f: null, is: null };
          return;
        }
        case "v":
          if (cell) {
            cell.v = "";
            capture = selfClosing ? null : "v";
          }
          return;
        case "f":
          if (cell) {
            cell.f = a.t === "shared" && selfClosing ? `(delad formel ${a.si ?? ""})` : "";
            capture = selfClosing ? null : "f";
          }
          return;
        case "is":
          if (cell) {
            inIs = true;
            cell.is = "";
          }
          return;
        case "rPh":
          phonetic++;
          return;
        case "t":
          if (inIs && phonetic === 0 && !selfClosing) capture = "t";
          return;
        case "mergeCell":
          if (a.ref) merges.push(a.ref);
          return;
        case "tablePart":
          if (a.id) tableRids.push(a.id);
          return;
        case "sheetView":
          views++;
          return;
        case "pane":
          if (views === 1) activePane = a.activePane ?? "bottomRight";
          return;
        case "selection":
          if (views === 1) selections.push({ pane: a.pane, activeCell: a.activeCell });
          return;
      }
    },
    close: (name) => {
      if (name === "c" && cell) {
        const value = cellValue(ctx, cell);
        if (value !== null) cells.push({ row: cell.row, col: cell.col, value });
        cell = null;
      } else if (name === "is") inIs = false;
      else if (name === "rPh") phonetic--;
      else if (name === "v" || name === "f" || name === "t") capture = null;
    },
    text: (t) => {
      if (!cell || capture === null) return;
      if (capture === "v") cell.v += t;
      else if (capture === "f") cell.f += t;
      else cell.is += t;
    },
  });
  const grid = toGrid(ctx.sheet, cells, merges);
  const chosen =
    selections.find((s) => s.pane === activePane) ??
    selections.find((s) => s.pane === undefined) ??
    selections[0];
  return { grid, merges, tableRids, activeCell: chosen?.activeCell };
}

/** The covered cells of a merge show nothing in Excel, whatever the file holds there. */
function toGrid(
  name: string,
  all: { row: number; col: number; value: CellValue }[],
  merges: string[],
): SheetGrid {
  let cells = all.filter((c) => c.value !== null);
  if (merges.length > 0) {
    const boxes = merges.map(rangeBox).filter((b): b is Box => b !== null);
    cells = cells.filter(
      (c) =>
        !boxes.some(
          (b) =>
            c.row >= b.top &&
            c.row <= b.bottom &&
            c.col >= b.left &&
            c.col <= b.right &&
            !(c.row === b.top && c.col === b.left),
        ),
    );
  }
  if (cells.length === 0) return { name, top: 0, left: 0, values: [], tables: [] };
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  for (const c of cells) {
    if (c.row < top) top = c.row;
    if (c.row > bottom) bottom = c.row;
    if (c.col < left) left = c.col;
    if (c.col > right) right = c.col;
  }
  const width = right - left + 1;
  const values: CellValue[][] = [];
  for (let r = top; r <= bottom; r++) values.push(new Array<CellValue>(width).fill(null));
  for (const c of cells) values[c.row - top][c.col - left] = c.value;
  return { name, top, left, values, tables: [] };
}

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B2:D4" (or "B2") → zero-based bounds. */
export function rangeBox(ref: string): Box | null {
  const [a, b] = ref.split(":");
  const tl = cellRef(a);
  const br = b === undefined ? tl : cellRef(b);
  if (!tl || !br) return null;
  return {
    top: Math.min(tl.row, br.row),
    left: Math.min(tl.col, br.col),
    bottom: Math.max(tl.row, br.row),
    right: Math.max(tl.col, br.col),
  };
}

function readTable(pkg: WorkbookPackage, path: string): TableInfo | null {
  const xml = partString(pkg.zip, path);
  if (xml === undefined) return null;
  const t = parseXml(path, xml);
  const box = t.attrs.ref ? rangeBox(t.attrs.ref) : null;
  // A table without a header row has no column names to match: not a region table.
  if (!box || t.attrs.headerRowCount === "0") return null;
  const info: TableInfo = {
    name: t.attrs.displayName ?? t.attrs.name ?? "",
    top: box.top,
    left: box.left,
    rows: box.bottom - box.top + 1,
    columns: box.right - box.left + 1,
  };
  if (Number(t.attrs.totalsRowCount ?? 0) > 0) info.hasTotalsRow = true;
  return info;
}

function sheetContext(pkg: WorkbookPackage) {
  const sst = pkg.rels.find((r) => r.type === "sharedStrings");
  const sstXml = sst ? partString(pkg.zip, sst.target) : undefined;
  const styles = pkg.rels.find((r) => r.type === "styles");
  const stylesXml = styles ? partString(pkg.zip, styles.target) : undefined;
  const pr = child(pkg.workbook, "workbookPr");
  return {
    strings: sst && sstXml !== undefined ? readSharedStrings(sst.target, sstXml) : [],
    dateStyles: styles && stylesXml !== undefined ? readDateStyles(styles.target, stylesXml) : [],
    date1904: pr?.attrs.date1904 === "1" || pr?.attrs.date1904 === "true",
  };
}

export interface PackageRead {
  grid: WorkbookGrid;
  pkg: WorkbookPackage;
  /** Per worksheet name, its merges (A1 ranges) as the file has them. */
  merges: Map<string, string[]>;
}

/** A package's worksheets as the grid (chart sheets and macro sheets are no grids). */
export function readPackage(bytes: Buffer, limits?: ZipLimits): PackageRead {
  const pkg = openPackage(bytes, limits);
  const base = sheetContext(pkg);
  const worksheets = pkg.sheets.filter((s) => s.kind === "worksheet");
  const reads = new Map<string, SheetRead>();
  const merges = new Map<string, string[]>();
  for (const s of worksheets) {
    const xml = partString(pkg.zip, s.path);
    if (xml === undefined) {
      throw new FileReadError("file.damaged", {
        sv: `bladet ${s.name} saknas i filen (${s.path}) — filen är skadad; öppna den i Excel och spara den igen`,
        en: `the sheet ${s.name} is missing from the file (${s.path}) — the file is damaged; open it in Excel and save it again`,
      });
    }
    const read = readSheetXml({ ...base, part: s.path, sheet: s.name }, xml);
    const rels = read.tableRids.length > 0 ? readRels(pkg.zip, s.path) : [];
    for (const rid of read.tableRids) {
      const rel = rels.find((r) => r.id === rid && r.type === "table");
      const table = rel ? readTable(pkg, rel.target) : null;
      if (table) read.grid.tables.push(table);
    }
    reads.set(s.name, read);
    merges.set(s.name, read.merges);
  }
  return { grid: toWorkbookGrid(pkg, worksheets, reads), pkg, merges };
}

function toWorkbookGrid(
  pkg: WorkbookPackage,
  worksheets: SheetEntry[],
  reads: Map<string, SheetRead>,
): WorkbookGrid {
  const data = worksheets.filter((s) => s.name !== OWNERSHIP_SHEET);
  const view = child(child(pkg.workbook, "bookViews"), "workbookView");
  const activeTab = Number(view?.attrs.activeTab ?? 0);
  let active: SheetEntry | undefined = pkg.sheets[Number.isInteger(activeTab) ? activeTab : 0];
  if (
    !active ||
    active.kind !== "worksheet" ||
    active.name === OWNERSHIP_SHEET ||
    active.state !== "visible"
  ) {
    active = data.find((s) => s.state === "visible") ?? data[0];
  }
  const meta = reads.get(OWNERSHIP_SHEET);
  const metaA1 = meta?.grid.top === 0 && meta.grid.left === 0 ? meta.grid.values[0]?.[0] : null;
  const grid: WorkbookGrid = {
    sheets: data.map((s) => reads.get(s.name)!.grid),
    activeSheet: active?.name ?? "",
    owned: meta ? parseOwnership(metaA1 ?? null) : null,
  };
  const activeCell = active ? reads.get(active.name)?.activeCell : undefined;
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
