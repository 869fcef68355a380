/**
 * The state behind the fake Excel: sheets of cells, tables, charts, the selection. It applies
 * what Excel applies when a batch runs, including the parts that bite: a string written into a
 * cell that is not formatted as text is parsed the way Excel parses typed input ("=1+1" becomes
 * a formula, "01" the number 1, "2025-03-14" a date), and `null` in an input array leaves the
 * cell as it is (Office.js: "null input in a 2-D array is ignored").
 */
import { parseA1, quoteSheet, toA1 } from "../../workbook/a1";
import { calcKey, calculate, type CalcValue } from "./calc";

/** What Office.js throws (OfficeExtension.Error): a code such as "ItemNotFound" and a message. */
export class FakeExcelError extends Error {
  readonly debugInfo: { code: string; message: string };
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message };
  }
}

export type SheetVisibility = "Visible" | "Hidden" | "VeryHidden";

export interface FakeCell {
  value?: string | number | boolean;
  /** An error value such as "#N/A". */
  error?: string;
  /**
   * Set when the cell holds a formula. The fake calculates only when asked
   * (application.calculate, like Excel in manual mode): until then the formula reads as its
   * `value` where a test or a calculation gave one (a formula yielding "" is still a
   * formula), or its `error`, else as #NAME?.
   */
  formula?: string;
  /** Undefined means "General". */
  numberFormat?: string;
  bold?: boolean;
}

/** A conditional format of type CellValue: where the rule holds, the font colour. */
export interface FakeConditionalFormat {
  type: string;
  /** A1 on its sheet. */
  range: string;
  rule: { formula1: string; operator: string } | null;
  fontColor: string | null;
}

/** A rectangle of one sheet, zero-based. */
export interface RangeRef {
  sheet: FakeSheet;
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export interface FakeChartSeries {
  name: string | null;
  /** A1 range on the chart's sheet. */
  values: string;
  xValues: string | null;
}

export interface FakeChart {
  id: string;
  name: string;
  type: string;
  seriesBy: string;
  title: string | null;
  legendVisible: boolean;
  categoryAxisReversed: boolean;
  series: FakeChartSeries[];
  /** Top-left and bottom-right cells, once setPosition ran. */
  position: { start: string; end: string | null } | null;
}

/** A document custom property (Workbook.properties.custom, ExcelApi 1.7). */
export interface FakeCustomProperty {
  key: string;
  value: string | number | boolean;
  type: "String" | "Number" | "Boolean";
}

/**
 * Worksheet.pageLayout (ExcelApi 1.9) as set: what a printed sheet would be. Only what has
 * been set is present; Excel's defaults are not guessed.
 */
export interface FakePageLayout {
  paperSize?: string;
  orientation?: string;
  /** The rows repeated at the top of every printed page, as an address ("$5:$5"). */
  printTitleRows?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  centerHeader?: string;
  centerFooter?: string;
}

/** A rectangle of a sheet without the sheet: a merged area. */
export interface Area {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/** A comment (threaded, ExcelApi 1.10) or a note (ExcelApi 1.18) on one cell. */
export interface FakeAnnotation {
  id: string;
  content: string;
}

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

const key = (row: number, col: number): number => row * MAX_COLS + col;
/** The key of a cell in FakeSheet.cells, comments and notes. */
export const cellKey = key;

export class FakeSheet {
  readonly cells = new Map<number, FakeCell>();
  /** Column widths in points, where set. */
  readonly columnWidths = new Map<number, number>();
  readonly autofitColumns = new Set<number>();
  charts: FakeChart[] = [];
  /** Range.conditionalFormats added (cellValue rules with a font colour). */
  readonly conditionalFormats: FakeConditionalFormat[] = [];
  /** Worksheet.protection.protected: writes to the sheet fail with AccessDenied. */
  protected = false;
  readonly merges: Area[] = [];
  /** Cell key → comment / note. */
  readonly comments = new Map<number, FakeAnnotation>();
  readonly notes = new Map<number, FakeAnnotation>();
  /** Worksheet.pageLayout, as set (ExcelApi 1.9). */
  readonly pageLayout: FakePageLayout = {};

  constructor(
    readonly id: string,
    public name: string,
    public visibility: SheetVisibility = "Visible",
  ) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(key(row, col));
  }

  ensure(row: number, col: number): FakeCell {
    let cell = this.cells.get(key(row, col));
    if (!cell) {
      cell = {};
      this.cells.set(key(row, col), cell);
    }
    return cell;
  }

  /** Drops a cell that holds nothing at all, so the used range stays honest. */
  tidy(row: number, col: number): void {
    const cell = this.cells.get(key(row, col));
    if (cell && Object.values(cell).every((v) => v === undefined)) this.cells.delete(key(row, col));
  }

  /** The merged areas that share a cell with the rectangle. */
  mergesIn(area: Area): Area[] {
    return this.merges.filter(
      (m) =>
        m.top < area.top + area.rows &&
        area.top < m.top + m.rows &&
        m.left < area.left + area.cols &&
        area.left < m.left + m.cols,
    );
  }

  *entries(): Iterable<[number, number, FakeCell]> {
    for (const [k, cell] of this.cells) yield [Math.floor(k / MAX_COLS), k % MAX_COLS, cell];
  }
}

export class FakeTable {
  constructor(
    readonly id: string,
    public name: string,
    public sheet: FakeSheet,
    /** The header row. */
    public top: number,
    public left: number,
    public dataRows: number,
    public columns: number,
    public showTotals = false,
  ) {}

  get right(): number {
    return this.left + this.columns - 1;
  }

  /** The last row, totals row included. */
  get bottom(): number {
    return this.top + this.dataRows + (this.showTotals ? 1 : 0);
  }

  get rowsWithHeader(): number {
    return this.bottom - this.top + 1;
  }

  columnNames(): string[] {
    return Array.from({ length: this.columns }, (_, i) =>
      String(readValue(this.sheet.cell(this.top, this.left + i))),
    );
  }
}

export function hasContent(cell: FakeCell | undefined): boolean {
  return (
    !!cell && (cell.value !== undefined || cell.error !== undefined || cell.formula !== undefined)
  );
}

/** Range.values of one cell: errors as their text, an uncalculated formula as #NAME?, empty as "". */
export function readValue(cell: FakeCell | undefined): string | number | boolean {
  if (!cell) return "";
  if (cell.formula !== undefined) return cell.value ?? cell.error ?? "#NAME?";
  if (cell.error !== undefined) return cell.error;
  return cell.value ?? "";
}

export function readValueType(cell: FakeCell | undefined): string {
  if (!cell || !hasContent(cell)) return "Empty";
  if (cell.formula !== undefined && cell.value === undefined) return "Error";
  if (cell.formula !== undefined && typeof cell.value === "string") return "String";
  if (cell.error !== undefined) return "Error";
  switch (typeof cell.value) {
    case "number":
      return "Double";
    case "boolean":
      return "Boolean";
    default:
      return "String";
  }
}

export function readFormula(cell: FakeCell | undefined): string | number | boolean {
  if (!cell) return "";
  if (cell.formula !== undefined) return cell.formula;
  if (cell.error !== undefined) return cell.error;
  return cell.value ?? "";
}

const ERROR_VALUES = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
]);

/** Days since 1899-12-30, Excel's serial for dates after February 1900. */
function isoToSerial(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCMonth() !== Number(m[2]) - 1) return null;
  return Math.round((ms - Date.UTC(1899, 11, 30)) / 86400000);
}

/**
 * What Excel makes of a string entered into a cell formatted `format`: the text verbatim under
 * "@", otherwise parsed like typed input. Office.js documents the formula part ("If the value
 * starts with a plus, minus, or equal sign, Excel interprets this value as a formula") and that
 * ISO dates are stored as dates; "@" starts a formula as in Lotus-style input ("@SUM(A1:A2)").
 */
export function enterText(
  text: string,
  format: string | undefined,
  honoursTextFormat = true,
): Partial<FakeCell> {
  if (text === "") return {};
  // The apostrophe Excel keeps as a prefix, not as part of the value: the rest is text.
  if (text.startsWith("'")) return text.length > 1 ? { value: text.slice(1) } : {};
  if (format === "@" && (honoursTextFormat || !/^[=+\-@]/.test(text))) return { value: text };
  if (text.startsWith("=")) return { formula: text };
  const numeric = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  if (numeric.test(text)) return { value: Number(text) };
  if (/^[+\-@]/.test(text)) return { formula: "=" + text.replace(/^@/, "") };
  const percent = /^([+-]?(\d+\.?\d*|\.\d+))%$/.exec(text);
  if (percent) return { value: Number(percent[1]) / 100 };
  if (/^(true|false)$/i.test(text)) return { value: text.toLowerCase() === "true" };
  if (ERROR_VALUES.has(text.toUpperCase())) return { error: text.toUpperCase() };
  const serial = isoToSerial(text);
  if (serial !== null) return { value: serial, numberFormat: format ?? "yyyy-mm-dd" };
  return { value: text };
}

function assertMatrix(what: string, input: unknown, rows: number, cols: number): unknown[][] {
  if (
    !Array.isArray(input) ||
    input.length !== rows ||
    input.some((row) => !Array.isArray(row) || row.length !== cols)
  ) {
    throw new FakeExcelError(
      "InvalidArgument",
      `The number of rows or columns in the input array for ${what} doesn't match the size or dimensions of the range (${rows}×${cols}).`,
    );
  }
  return input as unknown[][];
}

function cellsOf(range: RangeRef): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let r = 0; r < range.rows; r++) {
    for (let c = 0; c < range.cols; c++) out.push([range.top + r, range.left + c]);
  }
  return out;
}

export function rangeAddress(range: RangeRef): string {
  return `${quoteSheet(range.sheet.name)}!${localAddress(range)}`;
}

/** The address without the sheet: "B2:D9". */
export function localAddress(range: RangeRef): string {
  const tl = toA1(range.top, range.left);
  if (range.rows === 1 && range.cols === 1) return tl;
  return `${tl}:${toA1(range.top + range.rows - 1, range.left + range.cols - 1)}`;
}

/** "B2", "B2:D9", "$B$2:$D$9" on a sheet. */
export function parseRangeAddress(sheet: FakeSheet, address: string): RangeRef {
  const parts = address.split(":");
  if (parts.length > 2 || parts[0] === "") {
    throw new FakeExcelError("InvalidArgument", `The argument is invalid: "${address}".`);
  }
  let a: { row: number; col: number };
  let b: { row: number; col: number };
  try {
    a = parseA1(parts[0]);
    b = parts.length === 2 ? parseA1(parts[1]) : a;
  } catch {
    throw new FakeExcelError("InvalidArgument", `The argument is invalid: "${address}".`);
  }
  const top = Math.min(a.row, b.row);
  const left = Math.min(a.col, b.col);
  const ref = {
    sheet,
    top,
    left,
    rows: Math.abs(a.row - b.row) + 1,
    cols: Math.abs(a.col - b.col) + 1,
  };
  checkBounds(ref);
  return ref;
}

export function checkBounds(range: RangeRef): void {
  if (
    range.top < 0 ||
    range.left < 0 ||
    range.rows < 1 ||
    range.cols < 1 ||
    range.top + range.rows > MAX_ROWS ||
    range.left + range.cols > MAX_COLS
  ) {
    throw new FakeExcelError("InvalidArgument", "The range is outside the worksheet.");
  }
}

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/;

export class FakeWorkbookModel {
  sheets: FakeSheet[] = [];
  tables: FakeTable[] = [];
  active!: FakeSheet;
  /** The selected range, or "chart" when a chart is selected (getSelectedRange then throws). */
  selection: RangeRef | "chart" | null = null;
  /** Workbook.protection.protected (structure): adding, deleting, hiding sheets fails. */
  structureProtected = false;
  /** Workbook.properties.custom, in the order added; keys compare without case, as in Excel. */
  customProperties: FakeCustomProperty[] = [];
  /**
   * Whether a string entered into a cell formatted "@" stays text even where it starts with
   * = + - @. Office.js does not document it either way; a test can switch it off.
   */
  honoursTextFormat = true;
  /** Called after a batch changed cells' contents (events.ts raises onChanged from it). */
  onEdited?: (range: RangeRef) => void;
  private nextId = 1;

  newId(): string {
    return `{00000000-0000-0000-0000-${String(this.nextId++).padStart(12, "0")}}`;
  }

  sheet(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetOrThrow(name: string): FakeSheet {
    const sheet = this.sheet(name);
    if (!sheet) throw new FakeExcelError("ItemNotFound", `The worksheet "${name}" doesn't exist.`);
    return sheet;
  }

  checkSheetName(name: string): void {
    if (
      name.length === 0 ||
      name.length > 31 ||
      INVALID_SHEET_CHARS.test(name) ||
      name.startsWith("'") ||
      name.endsWith("'")
    ) {
      throw new FakeExcelError("InvalidArgument", `"${name}" is not a valid worksheet name.`);
    }
    if (this.sheet(name)) {
      throw new FakeExcelError("ItemAlreadyExists", `A worksheet named "${name}" already exists.`);
    }
  }

  addSheet(name?: string): FakeSheet {
    let chosen = name;
    if (chosen === undefined || chosen === null) {
      let n = this.sheets.length + 1;
      while (this.sheet(`Sheet${n}`)) n++;
      chosen = `Sheet${n}`;
    }
    this.checkSheetName(chosen);
    const sheet = new FakeSheet(this.newId(), chosen);
    this.sheets.push(sheet);
    if (!this.active) this.active = sheet;
    return sheet;
  }

  private otherVisible(sheet: FakeSheet): FakeSheet | undefined {
    const i = this.sheets.indexOf(sheet);
    const visible = (s: FakeSheet): boolean => s !== sheet && s.visibility === "Visible";
    return (
      this.sheets.slice(i + 1).find(visible) ?? this.sheets.slice(0, i).reverse().find(visible)
    );
  }

  deleteSheet(sheet: FakeSheet): void {
    this.assertLive(sheet);
    // Documented: deleting a very hidden sheet fails with InvalidOperation.
    if (sheet.visibility === "VeryHidden") {
      throw new FakeExcelError("InvalidOperation", "A very hidden worksheet cannot be deleted.");
    }
    const next = this.otherVisible(sheet);
    if (!next) {
      throw new FakeExcelError(
        "InvalidOperation",
        "A workbook must contain at least one visible worksheet.",
      );
    }
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.tables = this.tables.filter((t) => t.sheet !== sheet);
    if (this.active === sheet) this.active = next;
    if (this.selection !== null && this.selection !== "chart" && this.selection.sheet === sheet) {
      this.selection = { sheet: this.active, top: 0, left: 0, rows: 1, cols: 1 };
    }
  }

  assertLive(sheet: FakeSheet): void {
    if (!this.sheets.includes(sheet)) {
      throw new FakeExcelError("InvalidReference", "The worksheet has been deleted.");
    }
  }

  activate(sheet: FakeSheet): void {
    this.assertLive(sheet);
    if (sheet.visibility !== "Visible") {
      throw new FakeExcelError("InvalidOperation", "A hidden worksheet cannot be activated.");
    }
    if (this.active !== sheet) {
      this.active = sheet;
      this.selection = { sheet, top: 0, left: 0, rows: 1, cols: 1 };
    }
  }

  setVisibility(sheet: FakeSheet, visibility: SheetVisibility): void {
    this.assertLive(sheet);
    if (visibility !== "Visible") {
      const next = this.otherVisible(sheet);
      if (!next) {
        throw new FakeExcelError(
          "InvalidOperation",
          "A workbook must contain at least one visible worksheet.",
        );
      }
      if (this.active === sheet) this.activate(next);
    }
    sheet.visibility = visibility;
  }

  select(range: RangeRef): void {
    this.activate(range.sheet);
    this.selection = range;
  }

  /**
   * application.calculate: every formula of the workbook gets its value (fast-formula-parser,
   * see calc.ts), formulas they refer to first.
   */
  calculate(): void {
    const formulas: { sheet: string; row: number; col: number }[] = [];
    for (const sheet of this.sheets) {
      for (const [row, col, cell] of sheet.entries()) {
        if (cell.formula !== undefined) formulas.push({ sheet: sheet.name, row, col });
      }
    }
    const bounds = new Map<string, { rows: number; cols: number } | null>();
    const values = calculate(formulas, {
      formula: (name, row, col) => this.sheet(name)?.cell(row, col)?.formula,
      value: (name, row, col): CalcValue => {
        const cell = this.sheet(name)?.cell(row, col);
        if (!cell || !hasContent(cell)) return null;
        if (cell.error !== undefined) return { error: cell.error };
        return cell.value ?? null;
      },
      // Asked for per reference to a whole column or row: computed once per sheet and
      // calculation (nothing changes while it runs), not once per formula.
      bounds: (name) => {
        if (bounds.has(name)) return bounds.get(name)!;
        const sheet = this.sheet(name);
        const used = sheet ? this.usedRange(sheet, true) : null;
        const b = !sheet
          ? null
          : used
            ? { rows: used.top + used.rows, cols: used.left + used.cols }
            : { rows: 0, cols: 0 };
        bounds.set(name, b);
        return b;
      },
    });
    for (const f of formulas) {
      const cell = this.sheet(f.sheet)!.ensure(f.row, f.col);
      const v = values.get(calcKey(f.sheet, f.row, f.col));
      delete cell.value;
      delete cell.error;
      if (v !== null && typeof v === "object") cell.error = v.error;
      else if (v !== null && v !== undefined) cell.value = v;
    }
  }

  /** Bounding box of the cells with content (and, unless valuesOnly, with formats). */
  usedRange(sheet: FakeSheet, valuesOnly: boolean): RangeRef | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [r, c, cell] of sheet.entries()) {
      if (valuesOnly ? !hasContent(cell) : false) continue;
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    if (!valuesOnly) {
      for (const t of this.tables.filter((tb) => tb.sheet === sheet)) {
        top = Math.min(top, t.top);
        left = Math.min(left, t.left);
        bottom = Math.max(bottom, t.bottom);
        right = Math.max(right, t.right);
      }
    }
    if (bottom < 0) return null;
    return { sheet, top, left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  // --- cells -----------------------------------------------------------------------------

  /** Changing a protected sheet fails, as in Excel, when the operation reaches it. */
  assertWritable(sheet: FakeSheet): void {
    this.assertLive(sheet);
    if (sheet.protected) {
      throw new FakeExcelError(
        "AccessDenied",
        "The cell or chart you're trying to change is on a protected sheet.",
      );
    }
  }

  /**
   * CustomPropertyCollection.add: "creates a new or sets an existing custom property". Keys
   * compare without case. Outside Excel on the web a key and a text value are cut at 255
   * characters without an error (as documented); the fake cuts them as those do.
   */
  setCustomProperty(rawKey: string, value: unknown): FakeCustomProperty {
    if (rawKey.length === 0) throw new FakeExcelError("InvalidArgument", "The key is empty.");
    const key = rawKey.slice(0, 255);
    const type =
      typeof value === "number" ? "Number" : typeof value === "boolean" ? "Boolean" : "String";
    const v = type === "String" ? String(value).slice(0, 255) : (value as number | boolean);
    const existing = this.customProperties.find((p) => p.key.toLowerCase() === key.toLowerCase());
    if (existing) {
      existing.value = v;
      existing.type = type;
      return existing;
    }
    const made: FakeCustomProperty = { key, value: v, type };
    this.customProperties.push(made);
    return made;
  }

  /** Adding, deleting or hiding a sheet fails where the workbook's structure is protected. */
  assertStructureWritable(): void {
    if (this.structureProtected) {
      throw new FakeExcelError("AccessDenied", "The workbook's structure is protected.");
    }
  }

  /**
   * Cells of `range` a value cannot go into: a merged area wholly inside takes its top-left
   * cell's value only (the rest is dropped, as Excel writes through a merge); one the range
   * cuts through fails the operation.
   */
  private mergeCovered(range: RangeRef): Set<number> {
    const covered = new Set<number>();
    for (const m of range.sheet.mergesIn(range)) {
      const inside =
        m.top >= range.top &&
        m.left >= range.left &&
        m.top + m.rows <= range.top + range.rows &&
        m.left + m.cols <= range.left + range.cols;
      if (!inside) {
        throw new FakeExcelError("InvalidOperation", "Cannot change part of a merged cell.");
      }
      for (let r = m.top; r < m.top + m.rows; r++) {
        for (let c = m.left; c < m.left + m.cols; c++) {
          if (r !== m.top || c !== m.left) covered.add(key(r, c));
        }
      }
    }
    return covered;
  }

  writeValues(range: RangeRef, input: unknown): void {
    this.assertWritable(range.sheet);
    const values = assertMatrix("values", input, range.rows, range.cols);
    const covered = this.mergeCovered(range);
    for (let r = 0; r < range.rows; r++) {
      for (let c = 0; c < range.cols; c++) {
        if (covered.has(key(range.top + r, range.left + c))) continue;
        this.enter(range.sheet, range.top + r, range.left + c, values[r][c]);
      }
    }
    this.onEdited?.(range);
  }

  /** Range.formulas set: a string starting with "=" is a formula (not calculated until asked). */
  writeFormulas(range: RangeRef, input: unknown): void {
    this.assertWritable(range.sheet);
    const formulas = assertMatrix("formulas", input, range.rows, range.cols);
    const covered = this.mergeCovered(range);
    for (let r = 0; r < range.rows; r++) {
      for (let c = 0; c < range.cols; c++) {
        const row = range.top + r;
        const col = range.left + c;
        const f = formulas[r][c];
        if (covered.has(key(row, col))) continue;
        if (typeof f === "string" && f.startsWith("=")) {
          const cell = range.sheet.ensure(row, col);
          delete cell.value;
          delete cell.error;
          cell.formula = f;
        } else {
          this.enter(range.sheet, row, col, f);
        }
      }
    }
    this.onEdited?.(range);
  }

  /** One cell typed in: null leaves it alone, a string is parsed unless the cell is text-formatted. */
  enter(sheet: FakeSheet, row: number, col: number, v: unknown): void {
    if (v === null || v === undefined) return;
    const cell = sheet.ensure(row, col);
    delete cell.value;
    delete cell.error;
    delete cell.formula;
    if (typeof v === "string") {
      Object.assign(cell, enterText(v, cell.numberFormat, this.honoursTextFormat));
    } else if (typeof v === "number") {
      if (!Number.isFinite(v)) {
        throw new FakeExcelError("InvalidArgument", `${v} cannot be written to a cell.`);
      }
      cell.value = v;
    } else if (typeof v === "boolean") {
      cell.value = v;
    } else {
      throw new FakeExcelError("InvalidArgument", `Unsupported value type: ${typeof v}.`);
    }
    sheet.tidy(row, col);
  }

  writeNumberFormats(range: RangeRef, input: unknown): void {
    this.assertWritable(range.sheet);
    const formats = assertMatrix("numberFormat", input, range.rows, range.cols);
    for (let r = 0; r < range.rows; r++) {
      for (let c = 0; c < range.cols; c++) {
        const f = formats[r][c];
        if (f === null || f === undefined) continue;
        if (typeof f !== "string")
          throw new FakeExcelError("InvalidArgument", "A number format is a string.");
        const cell = range.sheet.ensure(range.top + r, range.left + c);
        cell.numberFormat = f === "General" ? undefined : f;
        range.sheet.tidy(range.top + r, range.left + c);
      }
    }
  }

  setBold(range: RangeRef, bold: boolean): void {
    this.assertWritable(range.sheet);
    for (const [r, c] of cellsOf(range)) {
      range.sheet.ensure(r, c).bold = bold ? true : undefined;
      range.sheet.tidy(r, c);
    }
  }

  setColumnWidth(range: RangeRef, points: number): void {
    this.assertWritable(range.sheet);
    if (!(points >= 0 && points <= 255 * 7.5)) {
      throw new FakeExcelError("InvalidArgument", `Column width ${points} is out of range.`);
    }
    for (let c = range.left; c < range.left + range.cols; c++)
      range.sheet.columnWidths.set(c, points);
  }

  autofit(range: RangeRef): void {
    this.assertWritable(range.sheet);
    for (let c = range.left; c < range.left + range.cols; c++) range.sheet.autofitColumns.add(c);
  }

  clear(range: RangeRef, applyTo: string): void {
    this.assertWritable(range.sheet);
    for (const [r, c] of cellsOf(range)) {
      const cell = range.sheet.cell(r, c);
      if (!cell) continue;
      if (applyTo === "All" || applyTo === "Contents") {
        delete cell.value;
        delete cell.error;
        delete cell.formula;
      }
      if (applyTo === "All" || applyTo === "Formats") {
        delete cell.numberFormat;
        delete cell.bold;
      }
      range.sheet.tidy(r, c);
    }
    if (applyTo === "All" || applyTo === "Contents") this.onEdited?.(range);
    const sheet = range.sheet;
    if (applyTo === "All") {
      // Clearing everything takes the cells' comments and notes with it, as in Excel.
      for (const [r, c] of cellsOf(range)) {
        sheet.comments.delete(key(r, c));
        sheet.notes.delete(key(r, c));
      }
    }
    if (applyTo === "All" || applyTo === "Formats") {
      // A merge is a format: one wholly inside the range is undone.
      const gone = sheet
        .mergesIn(range)
        .filter(
          (m) =>
            m.top >= range.top &&
            m.left >= range.left &&
            m.top + m.rows <= range.top + range.rows &&
            m.left + m.cols <= range.left + range.cols,
        );
      for (const m of gone) sheet.merges.splice(sheet.merges.indexOf(m), 1);
    }
  }

  matrix<T>(range: RangeRef, read: (cell: FakeCell | undefined) => T): T[][] {
    this.assertLive(range.sheet);
    return Array.from({ length: range.rows }, (_, r) =>
      Array.from({ length: range.cols }, (_, c) =>
        read(range.sheet.cell(range.top + r, range.left + c)),
      ),
    );
  }

  // --- tables ----------------------------------------------------------------------------

  table(nameOrId: string): FakeTable | undefined {
    const lower = nameOrId.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === lower || t.id === nameOrId);
  }

  addTable(range: RangeRef, hasHeaders: boolean, name?: string): FakeTable {
    this.assertLive(range.sheet);
    if (!hasHeaders)
      throw new FakeExcelError("NotImplemented", "The fake adds tables with headers only.");
    if (range.rows < 1) throw new FakeExcelError("InvalidArgument", "A table needs a header row.");
    for (const t of this.tables) {
      if (
        t.sheet === range.sheet &&
        t.top <= range.top + range.rows - 1 &&
        range.top <= t.bottom &&
        t.left <= range.left + range.cols - 1 &&
        range.left <= t.right
      ) {
        throw new FakeExcelError("InvalidOperation", "A table cannot overlap another table.");
      }
    }
    let chosen = name;
    if (!chosen) {
      let n = 1;
      while (this.table(`Table${n}`)) n++;
      chosen = `Table${n}`;
    } else if (this.table(chosen)) {
      throw new FakeExcelError("ItemAlreadyExists", `A table named "${chosen}" already exists.`);
    }
    const table = new FakeTable(
      this.newId(),
      chosen,
      range.sheet,
      range.top,
      range.left,
      range.rows - 1,
      range.cols,
    );
    // Excel makes header texts unique and non-empty.
    const seen = new Set<string>();
    for (let c = 0; c < range.cols; c++) {
      let header = String(readValue(range.sheet.cell(range.top, range.left + c)));
      if (header === "") header = `Column${c + 1}`;
      let unique = header;
      for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${header}${n}`;
      seen.add(unique.toLowerCase());
      const cell = range.sheet.ensure(range.top, range.left + c);
      delete cell.formula;
      delete cell.error;
      cell.value = unique;
    }
    this.tables.push(table);
    return table;
  }

  /**
   * Appends a column (index null or -1) as Excel does: where the cells right of the table are
   * taken, they are shifted right within the table's rows. `values` (header row first) are
   * entered like typed input; `name` is the header text.
   */
  addTableColumn(table: FakeTable, index: unknown, values: unknown, name: unknown): number {
    this.assertWritable(table.sheet);
    if (index !== undefined && index !== null && index !== -1 && index !== table.columns) {
      throw new FakeExcelError("NotImplemented", "The fake appends table columns only.");
    }
    const col = table.right + 1;
    if (col >= MAX_COLS)
      throw new FakeExcelError("InvalidOperation", "No room right of the table.");
    const sheet = table.sheet;
    let taken = false;
    for (let r = table.top; r <= table.bottom; r++)
      if (hasContent(sheet.cell(r, col))) taken = true;
    if (taken) {
      for (let r = table.top; r <= table.bottom; r++) {
        const row: Array<[number, FakeCell]> = [];
        for (const [rr, c, cell] of sheet.entries()) if (rr === r && c >= col) row.push([c, cell]);
        row.sort((a, b) => b[0] - a[0]);
        for (const [c, cell] of row) {
          sheet.cells.delete(key(r, c));
          sheet.cells.set(key(r, c + 1), cell);
        }
      }
    }
    table.columns += 1;
    let rows: unknown[][] | null = null;
    if (values !== undefined && values !== null) {
      rows = assertMatrix("values", values, table.rowsWithHeader, 1);
      for (let r = 0; r < rows.length; r++) this.enter(sheet, table.top + r, col, rows[r][0]);
    }
    const existing = new Set(
      table
        .columnNames()
        .slice(0, -1)
        .map((n) => n.toLowerCase()),
    );
    let header =
      typeof name === "string" && name !== ""
        ? name
        : rows && rows[0][0] !== null && rows[0][0] !== ""
          ? String(readValue(sheet.cell(table.top, col)))
          : `Column${table.columns}`;
    const base = header;
    for (let n = 2; existing.has(header.toLowerCase()); n++) header = `${base}${n}`;
    const cell = sheet.ensure(table.top, col);
    delete cell.formula;
    delete cell.error;
    cell.value = header;
    return table.columns - 1;
  }

  tablesIn(range: RangeRef, fullyContained: boolean): FakeTable[] {
    const bottom = range.top + range.rows - 1;
    const right = range.left + range.cols - 1;
    return this.tables
      .filter((t) => t.sheet === range.sheet)
      .filter((t) =>
        fullyContained
          ? t.top >= range.top && t.bottom <= bottom && t.left >= range.left && t.right <= right
          : t.top <= bottom && range.top <= t.bottom && t.left <= right && range.left <= t.right,
      )
      .sort((a, b) => a.top - b.top || a.left - b.left);
  }

  // --- charts ----------------------------------------------------------------------------

  addChart(sheet: FakeSheet, type: string, source: RangeRef, seriesBy: string): FakeChart {
    this.assertWritable(sheet);
    if (source.sheet !== sheet) {
      throw new FakeExcelError(
        "InvalidArgument",
        "The fake charts data on the chart's own sheet only.",
      );
    }
    const byRows = seriesBy === "Rows";
    const count = byRows ? source.rows : source.cols;
    const series: FakeChartSeries[] = Array.from({ length: count }, (_, i) => ({
      name: null,
      values: localAddress(
        byRows
          ? { sheet, top: source.top + i, left: source.left, rows: 1, cols: source.cols }
          : { sheet, top: source.top, left: source.left + i, rows: source.rows, cols: 1 },
      ),
      xValues: null,
    }));
    let n = sheet.charts.length + 1;
    while (sheet.charts.some((c) => c.name === `Chart ${n}`)) n++;
    const chart: FakeChart = {
      id: this.newId(),
      name: `Chart ${n}`,
      type,
      seriesBy: byRows ? "Rows" : "Columns",
      title: null,
      legendVisible: true,
      categoryAxisReversed: false,
      series,
      position: null,
    };
    sheet.charts.push(chart);
    return chart;
  }
}
