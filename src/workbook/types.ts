/**
 * The host-neutral workbook model: what the Office.js adapter and the file readers
 * (exceljs, CSV) produce, and what the planner hands back to them to execute.
 */
import type { Text } from "../domain/ruleSet";

/** One cell's value, as both Office.js and exceljs can produce it. */
export type CellValue =
  | null /* empty */
  | number
  | string
  | boolean
  | { error: string } /* #N/A, #REF!, #DIV/0! … */
  | { date: string } /* a date (ISO yyyy-mm-dd) where the host knows the cell is one */
  /**
   * A formula whose value the file does not hold (never calculated: written by a tool that
   * does not compute, or saved with calculation off). Its value is unknown, never blank.
   */
  | { formula: string };

/** An Excel table (ListObject) on a sheet; positions are zero-based sheet coordinates. */
export interface TableInfo {
  name: string;
  /** Header row and first column of the table. */
  top: number;
  left: number;
  /** Rows including the header row (and a totals row, if any). */
  rows: number;
  columns: number;
  hasTotalsRow?: boolean;
}

/** A rectangular block of one sheet's cells (its used range). */
export interface SheetGrid {
  name: string;
  /** Zero-based sheet coordinates of values[0][0]. */
  top: number;
  left: number;
  values: CellValue[][];
  tables: TableInfo[];
}

/** A whole workbook as read: every sheet's used range, which one is active, the selection. */
export interface WorkbookGrid {
  sheets: SheetGrid[];
  activeSheet: string;
  /** The selected cell (top-left of the selection), zero-based, if known. */
  selection?: { sheet: string; row: number; col: number };
  /** What a previous run wrote, read back from the workbook (see OwnershipRecord). */
  owned?: OwnershipRecord | null;
}

export type Severity = "error" | "warning" | "notice";

/** A problem or a reading, tied to a cell where there is one. */
export interface Issue {
  severity: Severity;
  /** Stable machine key, e.g. "count.text", "region.unknown", "planning.range". */
  code: string;
  sheet?: string;
  /** A1 address within the sheet, e.g. "D7". */
  cell?: string;
  /** Canonical region name, where the issue concerns one region. */
  region?: string;
  message: Text;
  /**
   * A warning that moves money (a region that takes part in nothing, a quiet zero, the
   * decision's values used in place of the workbook's): the task pane states it in its status
   * line, not only among routine notices.
   */
  affectsAmounts?: boolean;
}

/** A value to write, with how to write it. Text is always written as text, never as a formula. */
export interface PlannedCell {
  /** The value; for a formula, the value it has on the cells as planned (cached in a file). */
  value: string | number | boolean | null;
  /**
   * A formula of the planner's own making, in Excel's invariant form ("=SUM(B4:B24)",
   * English function names, comma separators) as Office.js `formulas` and OOXML `<f>` take
   * it. Never set from a text of the workbook: text is written as text.
   */
  formula?: string;
  /** Excel number format, e.g. '# ##0 "kr"'. */
  numberFormat?: string;
  bold?: boolean;
}

/**
 * What the add-in (or the command line) wrote, kept in the workbook itself so that a re-run
 * replaces exactly that and never touches anything else. Stored as JSON in a very hidden
 * sheet named OWNERSHIP_SHEET (both Office.js and exceljs can read and write that).
 */
export interface OwnershipRecord {
  version: 1;
  year: number;
  /** The sheet of the region table and the A1 range of the columns written there (header included). */
  sheet: string;
  columnsRange: string;
  /** The table the columns were added to, if the region table is an Excel table. */
  table?: string;
  /** Header texts written, left to right. */
  headers: string[];
  summarySheet: string;
  /** The decision annex sheet written (annexSheet.ts), replaced whole on a re-run like the summary. */
  annexSheet?: string;
  /** The summary's cells holding the add-in's formulas (the checks), A1; ours like the rest. */
  formulas?: string[];
  writtenAt: string;
  /** What the run was and read (provenance.ts): for `verify`, and for a reviewer. */
  provenance?: Provenance;
}

export interface Provenance {
  /** "AT-fördelning 0.1.0". */
  program: string;
  ruleSet: { fingerprint: string; reference: string; title: string };
  /** The interpretations in force, key → value. */
  settings: Record<string, string>;
  /** The input cells read: SHA-256 over them, and each cell's value where the table is small. */
  inputs: { fingerprint: string; cells?: Record<string, string> };
  /** The values written into the add-in's own cells (data rows), likewise. */
  written: { fingerprint: string; cells?: Record<string, number | null> };
}

export const OWNERSHIP_SHEET = "ATF_meta";

export interface ChartSpec {
  type: "bar";
  title: string;
  /** A1 ranges on the summary sheet. */
  categoriesRange: string;
  valuesRange: string;
  seriesName: string;
  /** Where to put it: top-left cell on the summary sheet, and size in cells. */
  anchor: string;
  widthCols: number;
  heightRows: number;
}

/** Allocation columns beside the region table. */
export interface ColumnsPlan {
  sheet: string;
  /** Present when the region table is an Excel table: add the columns to it. */
  table?: string;
  /** Zero-based sheet row of the header row, and of the first data row. */
  headerRow: number;
  /** Zero-based sheet column of the first allocation column. */
  firstCol: number;
  headers: PlannedCell[];
  /** One row per data row of the region table (same order); each with one cell per header. */
  rows: PlannedCell[][];
}

/** Font colour for the cells of a range whose value equals a text (e.g. "FEL" in red). */
export interface ConditionalFormat {
  /** A1 range on the summary sheet. */
  range: string;
  equals: string;
  /** "#C00000". */
  fontColor: string;
}

export interface SummaryPlan {
  sheetName: string;
  /** Cells from A1, row by row. */
  cells: PlannedCell[][];
  columnWidths: number[];
  conditionalFormats?: ConditionalFormat[];
  chart?: ChartSpec;
}

/**
 * How a sheet prints: what both hosts set (Office.js Worksheet.pageLayout, OOXML pageSetup,
 * headerFooter and the _xlnm.Print_Titles name).
 */
export interface PageLayoutPlan {
  paperSize: "A4";
  orientation: "portrait" | "landscape";
  /** Zero-based sheet rows repeated at the top of every printed page (the table's header). */
  titleRows: { first: number; last: number };
  /** Fit to this many pages wide, as many tall as it takes (0: automatic). */
  fitToPagesWide: 1;
  fitToPagesTall: 0;
  /** Header and footer, centre section, in Excel's codes ("Sida &P av &N"; a literal & is &&). */
  centerHeader: string;
  centerFooter: string;
}

/** The print-ready decision annex (beslutsbilaga): a sheet of ours with its page layout. */
export interface AnnexPlan extends SummaryPlan {
  pageLayout: PageLayoutPlan;
  /**
   * A sheet of that name exists and is the tool's own (the record names it, and its A1 holds an
   * annex title where the read saw it): it is replaced. A host that did not read the sheet
   * checks its A1 before writing.
   */
  replaces: boolean;
}

/** Everything one write does. A host executes it, and refuses where `conflicts` is not empty. */
export interface WritePlan {
  year: number;
  columns: ColumnsPlan;
  summary: SummaryPlan;
  /** The decision annex; absent in plans made by hand (tests) and before this version. */
  annex?: AnnexPlan;
  /** The record to store after writing. */
  ownership: OwnershipRecord;
  /**
   * Ranges a previous run wrote that this run no longer covers and must clear
   * (e.g. the region table moved); A1 with sheet, e.g. "Blad1!H1:K22".
   */
  clear: string[];
  /** Cells the plan would overwrite that hold a user's value: writing must stop. */
  conflicts: { sheet: string; cell: string }[];
  /**
   * The run's fingerprint as a document custom property (File → Info → Properties, without
   * the add-in): ours replaced on a re-run, the user's own properties kept.
   */
  documentProperty?: { name: string; value: string };
}

/** Which sheet column holds each field of the region table. */
export type ColumnField =
  "region" | "code" | "population" | "at" | "baseline" | "rewarded" | "forecast" | "group";

/** The region table found in a workbook, read into the engine's inputs. */
export interface RegionTableRead {
  sheet: string;
  /** The Excel table (ListObject) it is, if it is one. */
  table?: string;
  /** A1 range read, header row included, e.g. "A1:D22". */
  range: string;
  /** Zero-based sheet row of the header row. */
  headerRow: number;
  /** Zero-based sheet columns, inclusive, of the table as the user made it (our own columns excluded). */
  left: number;
  right: number;
  /** Every row below the header within the table, in sheet order; code null where the row was skipped. */
  dataRows: { row: number; code: string | null }[];
  /** Zero-based sheet column per field found (built-in fields and inputs the rule set declares). */
  columns: Partial<Record<string, number>>;
  inputs: import("../domain/types").RegionInput[];
  issues: Issue[];
}
