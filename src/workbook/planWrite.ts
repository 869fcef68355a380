/**
 * Plans what one run writes (IO.md, "What is written"): the allocation columns beside the
 * region table, the summary sheet with its chart, and the ownership record. Pure data: the
 * Office.js adapter and the exceljs writer execute the plan; neither decides anything.
 *
 * Ownership (IO.md: "The add-in owns exactly what it wrote, and re-running replaces it. It
 * never overwrites a cell it did not write"): a target cell that holds anything is a conflict
 * unless it lies in the range the previous run recorded AND still looks like ours (the header
 * texts we wrote, numbers or blanks below them). The record is kept in the workbook, and Excel
 * does not update it when the user inserts or deletes rows or columns, so it is verified
 * against the cells before it is trusted.
 */
import type { Lang, RuleSet, Text } from "../domain/ruleSet";
import type { AllocationResult, RegionResult } from "../domain/types";
import { parseA1, quoteSheet, rangeA1, toA1 } from "./a1";
import { planAnnex } from "./annexSheet";
import { blockHeader, totalHeaderText } from "./allocationHeaders";
import { EMPTY, isoLocal, krCell, measureCell, shortBlockName, t, textCell } from "./plannedCells";
import { buildSummary, formulaCells, summaryTitle, type LadderColumn } from "./summarySheet";
import { documentPropertyOf, provenanceOf } from "./provenance";
import type {
  CellValue,
  ColumnsPlan,
  Issue,
  OwnershipRecord,
  PlannedCell,
  RegionTableRead,
  SheetGrid,
  WorkbookGrid,
  WritePlan,
} from "./types";

export {
  KR_FORMAT,
  TEXT_FORMAT,
  isFormulaLike,
  isoLocal,
  shortBlockName,
  textCell,
} from "./plannedCells";
export { blockCheck, summaryTitle, totalCheck } from "./summarySheet";

export interface PlanWriteArgs {
  workbook: WorkbookGrid;
  read: RegionTableRead;
  result: AllocationResult;
  issues: Issue[];
  lang: Lang;
  now: Date;
  /** The file or workbook name, for "which range was read". */
  sourceName: string;
  /**
   * The rule set the result came from, for its fingerprint in the record (verify compares it).
   * Sources and measure labels come with the result itself.
   */
  ruleSet?: RuleSet;
  /** Where the rules were read from when they came from a rule sheet: "regler-2026.xlsx – Regler". */
  rulesFrom?: string;
}

/** Column headers of the built-in measures, as the summary has always named them. */
const MEASURE_HEADER: Record<string, { text: Text; unit: string }> = {
  expansion: { text: { sv: "Utökning", en: "Expansion" }, unit: " (AT)" },
  at: { text: { sv: "Antal AT", en: "AT posts" }, unit: "" },
  atPer100k: { text: { sv: "AT per 100 000 inv.", en: "AT per 100,000" }, unit: "" },
};

const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The blocks that get a measure column: every block with a measure of its own (a ladder's, a
 * rate's), named by the label the result carries — so a rule set loaded from a file gets its
 * own headers without the planner knowing it.
 */
function ladderColumns(result: AllocationResult, lang: Lang): LadderColumn[] {
  const out: LadderColumn[] = [];
  for (const block of result.blocks) {
    const reported = result.regions.some((r) => r.measures[block.id] != null);
    if (!block.measure && !reported) continue;
    const name = block.measure?.name ?? "expansion";
    const measure = MEASURE_HEADER[name] ?? {
      text: { sv: capitalized(block.measure!.label.sv), en: capitalized(block.measure!.label.en) },
      unit: "",
    };
    const short = shortBlockName(block.name[lang]);
    const header =
      lang === "sv"
        ? `${measure.text.sv} ${short}${measure.unit}`
        : `${measure.text.en}, ${short}${measure.unit}`;
    out.push({ block, header });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Grid access and ownership

interface Rect {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function sheetOf(workbook: WorkbookGrid, name: string): SheetGrid | undefined {
  return workbook.sheets.find((s) => s.name === name);
}

function cellAt(sheet: SheetGrid | undefined, row: number, col: number): CellValue {
  if (!sheet) return null;
  return sheet.values[row - sheet.top]?.[col - sheet.left] ?? null;
}

/** Empty means nothing at all: a cell holding even a space is someone's. */
function isEmpty(value: CellValue): boolean {
  return value === null || value === "";
}

function parseRange(a1: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b] = a1.split(":");
  const tl = parseA1(a);
  const br = b === undefined ? tl : parseA1(b);
  return {
    top: Math.min(tl.row, br.row),
    left: Math.min(tl.col, br.col),
    bottom: Math.max(tl.row, br.row),
    right: Math.max(tl.col, br.col),
  };
}

function headersAt(
  sheet: SheetGrid | undefined,
  row: number,
  left: number,
  headers: string[],
): boolean {
  return headers.every((h, i) => cellAt(sheet, row, left + i) === h);
}

/**
 * Where the previous run's columns are now. First where the record says; else, since rows
 * or columns may have been inserted or deleted since, the record's header texts in the
 * region table's header row. Null where neither holds: the record is not trusted.
 */
function locateOwned(workbook: WorkbookGrid, read: RegionTableRead): Rect | null {
  const owned = workbook.owned;
  if (!owned || owned.headers.length === 0) return null;
  let recorded: ReturnType<typeof parseRange>;
  try {
    recorded = parseRange(owned.columnsRange);
  } catch {
    return null;
  }
  if (recorded.right - recorded.left + 1 !== owned.headers.length) return null;
  // Rows inserted into the table since push our cells down past the recorded range: beside
  // the table being read, the columns reach as far as its rows do.
  const lastRow = read.dataRows.reduce((m, d) => Math.max(m, d.row), read.headerRow);
  const sheet = sheetOf(workbook, owned.sheet);
  if (sheet && headersAt(sheet, recorded.top, recorded.left, owned.headers)) {
    const beside = owned.sheet === read.sheet && recorded.top === read.headerRow;
    return {
      sheet: owned.sheet,
      ...recorded,
      bottom: beside ? Math.max(recorded.bottom, lastRow) : recorded.bottom,
    };
  }
  const readSheet = sheetOf(workbook, read.sheet);
  if (!readSheet) return null;
  const height = recorded.bottom - recorded.top;
  const lastCol = readSheet.left + (readSheet.values[read.headerRow - readSheet.top]?.length ?? 0);
  for (let c = readSheet.left; c + owned.headers.length <= lastCol; c++) {
    if (headersAt(readSheet, read.headerRow, c, owned.headers)) {
      return {
        sheet: read.sheet,
        top: read.headerRow,
        left: c,
        bottom: Math.max(read.headerRow + height, lastRow),
        right: c + owned.headers.length - 1,
      };
    }
  }
  return null;
}

/**
 * A cell of the owned range counts as ours only while it looks like what we write: our
 * header texts in its top row, numbers or blanks below. A text typed into our columns since
 * is the user's, and is neither overwritten nor cleared.
 */
function isOursAt(
  workbook: WorkbookGrid,
  owned: Rect | null,
  sheetName: string,
  row: number,
  col: number,
): boolean {
  if (!owned || owned.sheet !== sheetName) return false;
  if (row < owned.top || row > owned.bottom || col < owned.left || col > owned.right) return false;
  const value = cellAt(sheetOf(workbook, sheetName), row, col);
  if (row === owned.top) return value === workbook.owned?.headers[col - owned.left];
  return isEmpty(value) || typeof value === "number";
}

/** The cells of `from` outside `minus`, as A1 ranges (column runs of cells that are ours). */
function leftoverRanges(workbook: WorkbookGrid, from: Rect, minus: Rect | null): string[] {
  const out: string[] = [];
  const inside = (r: number, c: number): boolean =>
    minus !== null &&
    minus.sheet === from.sheet &&
    r >= minus.top &&
    r <= minus.bottom &&
    c >= minus.left &&
    c <= minus.right;
  for (let c = from.left; c <= from.right; c++) {
    let start = -1;
    for (let r = from.top; r <= from.bottom + 1; r++) {
      const clear = r <= from.bottom && !inside(r, c) && isOursAt(workbook, from, from.sheet, r, c);
      if (clear && start < 0) start = r;
      if (!clear && start >= 0) {
        out.push(`${quoteSheet(from.sheet)}!${rangeA1(start, c, r - 1, c)}`);
        start = -1;
      }
    }
  }
  return mergeColumnRuns(out);
}

/** Adjacent single-column runs with the same rows become one rectangle ("H1:H22","I1:I22" → "H1:I22"). */
function mergeColumnRuns(ranges: string[]): string[] {
  const parsed = ranges.map((r) => {
    const i = r.lastIndexOf("!");
    return { prefix: r.slice(0, i), ...parseRange(r.slice(i + 1)) };
  });
  const merged: typeof parsed = [];
  for (const p of parsed) {
    const last = merged.find(
      (m) =>
        m.prefix === p.prefix && m.top === p.top && m.bottom === p.bottom && m.right + 1 === p.left,
    );
    if (last) last.right = p.right;
    else merged.push({ ...p });
  }
  return merged.map((m) => `${m.prefix}!${rangeA1(m.top, m.left, m.bottom, m.right)}`);
}

// ---------------------------------------------------------------------------------------------
// The summary sheet

/**
 * The summary sheet's name: "AT-fördelning 2024", unless a sheet of that name exists that is
 * not ours: then "… (2)", "… (3)". Hosts replace the summary sheet whole, so a sheet counts as
 * ours only while its A1 holds our title, whatever the record says.
 */
function summarySheetName(workbook: WorkbookGrid, year: number, lang: Lang): string {
  const base = `${t(lang, "AT-fördelning", "AT allocation")} ${year}`;
  const ours = (sheet: SheetGrid): boolean => {
    const a1 = cellAt(sheet, 0, 0);
    return a1 === summaryTitle(year, "sv") || a1 === summaryTitle(year, "en");
  };
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base} (${n})`;
    const existing = workbook.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!existing || ours(existing)) return name;
  }
}

// ---------------------------------------------------------------------------------------------
// The plan

export function planWrite(args: PlanWriteArgs): WritePlan {
  const { workbook, read, result, lang } = args;
  const ladders = ladderColumns(result, lang);
  // The cells say kr (KR_FORMAT): the headers do not repeat it (allocationHeaders.ts).
  const totalHeader = totalHeaderText(lang);

  // Where: exactly over the previous run's columns when they are beside this table, otherwise
  // right of the user's table.
  const owned = locateOwned(workbook, read);
  const firstCol =
    owned && owned.sheet === read.sheet && owned.top === read.headerRow && owned.left > read.left
      ? owned.left
      : read.right + 1;

  // Column headers: one per block in kronor, one measure per ladder block, the total. A name
  // the user's table already has gets a number: Excel tables need unique column names, and
  // the reader must not see one field twice.
  const taken = new Set<string>();
  const readSheet = sheetOf(workbook, read.sheet);
  for (let c = read.left; c <= Math.min(read.right, firstCol - 1); c++) {
    const v = cellAt(readSheet, read.headerRow, c);
    if (typeof v === "string") taken.add(v.trim().toLowerCase());
  }
  const headers = [
    ...result.blocks.map((b) => blockHeader(b.name[lang])),
    ...ladders.map((l) => l.header),
    totalHeader,
  ].map((h) => {
    let name = h;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${h} (${n})`;
    taken.add(name.toLowerCase());
    return name;
  });
  const byCode = new Map(result.regions.map((r) => [r.code, r]));
  const rowCells = (region: RegionResult | undefined): PlannedCell[] =>
    region
      ? [
          ...result.blocks.map((b) => krCell(region.blocks[b.id] ?? 0)),
          ...ladders.map((l) => measureCell(region.measures[l.block.id])),
          krCell(region.total),
        ]
      : headers.map(() => EMPTY);

  // Rows are written from the row under the header down, so every sheet row of the table gets
  // one, skipped rows (code null) empty.
  const codeByRow = new Map(read.dataRows.map((d) => [d.row, d.code]));
  const lastRow = read.dataRows.reduce((m, d) => Math.max(m, d.row), read.headerRow);
  const rows: PlannedCell[][] = [];
  for (let r = read.headerRow + 1; r <= lastRow; r++) {
    const code = codeByRow.get(r);
    rows.push(rowCells(code ? byCode.get(code) : undefined));
  }

  const target: Rect = {
    sheet: read.sheet,
    top: read.headerRow,
    left: firstCol,
    bottom: lastRow,
    right: firstCol + headers.length - 1,
  };

  const conflicts: { sheet: string; cell: string }[] = [];
  for (let r = target.top; r <= target.bottom; r++) {
    for (let c = target.left; c <= target.right; c++) {
      if (!isEmpty(cellAt(readSheet, r, c)) && !isOursAt(workbook, owned, read.sheet, r, c)) {
        conflicts.push({ sheet: read.sheet, cell: toA1(r, c) });
      }
    }
  }
  // A table's totals row is not a data row, but a new table column reaches into it too.
  const table = read.table ? readSheet?.tables.find((tb) => tb.name === read.table) : undefined;
  if (table?.hasTotalsRow) {
    const totalsRow = table.top + table.rows - 1;
    if (totalsRow > target.bottom) {
      for (let c = target.left; c <= target.right; c++) {
        if (
          !isEmpty(cellAt(readSheet, totalsRow, c)) &&
          !isOursAt(workbook, owned, read.sheet, totalsRow, c)
        ) {
          conflicts.push({ sheet: read.sheet, cell: toA1(totalsRow, c) });
        }
      }
    }
  }

  const clear = owned ? leftoverRanges(workbook, owned, target) : [];

  const columns: ColumnsPlan = {
    sheet: read.sheet,
    ...(read.table ? { table: read.table } : {}),
    headerRow: read.headerRow,
    firstCol,
    headers: headers.map((h) => textCell(h, true)),
    rows,
  };

  const sheetName = summarySheetName(workbook, result.year, lang);
  // Computed once: the record keeps it, the summary shows its fingerprints.
  const provenance = provenanceOf(workbook, read, result, columns, args.ruleSet);
  const summary = buildSummary({
    ...args,
    sheetName,
    ladders,
    totalHeader,
    columns,
    provenance,
  });

  // The decision annex; a sheet of its name that is not ours stops the write, named.
  const annexOutcome = planAnnex({ ...args, provenance });
  if (!annexOutcome.ok) conflicts.push(annexOutcome.conflict);
  const annex = annexOutcome.ok ? annexOutcome.annex : undefined;

  const ownership: OwnershipRecord = {
    version: 1,
    year: result.year,
    sheet: read.sheet,
    columnsRange: rangeA1(target.top, target.left, target.bottom, target.right),
    ...(read.table ? { table: read.table } : {}),
    headers,
    summarySheet: sheetName,
    ...(annex ? { annexSheet: annex.sheetName } : {}),
    formulas: formulaCells(summary),
    writtenAt: isoLocal(args.now),
    provenance,
  };

  return {
    year: result.year,
    columns,
    summary,
    ...(annex ? { annex } : {}),
    ownership,
    clear,
    conflicts,
    documentProperty: documentPropertyOf(result.year, provenance, ownership.writtenAt),
  };
}
