/**
 * The decision annex (beslutsbilaga, issue 11): one sheet laid out to be printed on A4 and put
 * with the decision. What it holds, top to bottom: the title; the rule set and its diarienummer
 * (or the source it cites); when it ran and by which program; the per-region table with one
 * kronor column per block and the total, and its sum row; the block checks (each block's
 * column adds up to what it distributed, distributed + undistributed (+ the rounding
 * difference) = its budget, the blocks make the total budget); the rule set's blocks and the
 * interpretations in words; the fingerprints. Its page layout is part of the plan: A4,
 * portrait up to three block columns and landscape beyond, the table's header row repeated on
 * every page, one page wide, a header with the diarienummer and the footer "Sida &P av &N".
 *
 * The amounts are the run's, as values; the checks are formulas over the annex's own cells
 * (the summary's checks watch the allocation columns), so a hand edit in the annex shows FEL.
 * Owned like the summary sheet: the record names it, re-running replaces it, and a sheet of
 * that name the tool did not write is never overwritten — the write is refused, naming it.
 */
import { formatNumber } from "../domain/format";
import type { Lang } from "../domain/ruleSet";
import type { AllocationResult } from "../domain/types";
import { quoteSheet, rangeA1, toA1 } from "./a1";
import { blockHeader, totalHeaderText } from "./allocationHeaders";
import { EMPTY, KR_FORMAT, formulaCell, krCell, t, textCell } from "./plannedCells";
import { FAIL_COLOR, and, checkCell, failText, localTime, referenceLabel } from "./summarySheet";
import type {
  AnnexPlan,
  ConditionalFormat,
  PageLayoutPlan,
  PlannedCell,
  Provenance,
  RegionTableRead,
  SheetGrid,
  WorkbookGrid,
} from "./types";

/** The annex sheet's name: "Beslutsbilaga", in English "Decision annex". */
export function annexSheetName(lang: Lang): string {
  return t(lang, "Beslutsbilaga", "Decision annex");
}

export function annexTitle(year: number, lang: Lang): string {
  return lang === "sv"
    ? `Beslutsbilaga – AT-fördelning ${year}`
    : `Decision annex – AT allocation ${year}`;
}

/** Whether a cell holds the title of an annex of ours, any year, either language. */
export function isAnnexTitle(value: unknown): boolean {
  return (
    typeof value === "string" &&
    /^(Beslutsbilaga – AT-fördelning|Decision annex – AT allocation) \d{4}$/.test(value)
  );
}

/** Up to this many block columns the annex prints portrait; beyond, landscape. */
export const PORTRAIT_MAX_BLOCKS = 3;

/** Excel's header and footer codes: a literal & is written &&. */
const headerText = (s: string): string => s.replace(/&/g, "&&");

export interface AnnexArgs {
  workbook: WorkbookGrid;
  read: RegionTableRead;
  result: AllocationResult;
  lang: Lang;
  now: Date;
  sourceName: string;
  provenance: Provenance;
  rulesFrom?: string;
}

export type AnnexOutcome =
  | { ok: true; annex: AnnexPlan }
  /** A sheet of the annex's name that the tool did not write: refused, naming it. */
  | { ok: false; conflict: { sheet: string; cell: string } };

class Rows {
  readonly rows: PlannedCell[][] = [];
  /** The printed width, in characters of column width (the sum of the columns' widths). */
  constructor(readonly widths: number[]) {}
  add(cells: PlannedCell[]): number {
    this.rows.push(cells);
    return this.rows.length - 1;
  }
  /**
   * A long text in column `col`, cut at spaces into lines that fit the printed width from
   * there: a text overflowing the last column would be cut off on paper (the page is fitted to
   * the used columns). `lead` goes before the first line (a label in column A).
   */
  addText(text: string, col = 0, lead: PlannedCell[] = []): void {
    const room = Math.max(20, this.widths.slice(col).reduce((a, b) => a + b, 0) - 2);
    wrapWords(text, room).forEach((line, i) => {
      const before = i === 0 ? lead : [];
      this.add([...before, ...Array(Math.max(0, col - before.length)).fill(EMPTY), textCell(line)]);
    });
  }
}

/** Words into lines of at most `width` characters (a longer word stands alone). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/ +/)) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}

const label = (text: string): PlannedCell => textCell(text, true);

/** Where the annex goes, and whether an existing sheet of that name is ours to replace. */
function placement(
  workbook: WorkbookGrid,
  lang: Lang,
): { name: string; replaces: boolean } | { conflict: { sheet: string; cell: string } } {
  const name = annexSheetName(lang);
  const existing = workbook.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!existing) return { name, replaces: false };
  const recorded = workbook.owned?.annexSheet?.toLowerCase() === existing.name.toLowerCase();
  // The read saw the sheet's cells (the command line reads every sheet; the add-in the active
  // one): its A1 must be our title. Where it did not, the add-in checks A1 before writing.
  const a1 = cellA1(existing);
  const seen = existing.values.some((row) => row.some((v) => v !== null && v !== ""));
  if (recorded && (!seen || isAnnexTitle(a1))) return { name: existing.name, replaces: true };
  return { conflict: { sheet: existing.name, cell: "A1" } };
}

function cellA1(sheet: SheetGrid): unknown {
  return sheet.top === 0 && sheet.left === 0 ? (sheet.values[0]?.[0] ?? null) : null;
}

/** The head: title, rule set, reference, sources, time, program, range read. */
function headSection(r: Rows, a: AnnexArgs): void {
  const { result, lang } = a;
  r.add([textCell(annexTitle(result.year, lang), true)]);
  r.add([]);
  r.addText(result.title[lang], 1, [label(t(lang, "Regelverk", "Rules"))]);
  r.add([label(referenceLabel(result.reference, lang)), textCell(result.reference)]);
  if (a.rulesFrom) {
    r.add([label(t(lang, "Regler från bladet", "Rules from the sheet")), textCell(a.rulesFrom)]);
  }
  result.sources.forEach((src, i) =>
    r.addText(src, 1, i === 0 ? [label(t(lang, "Källor", "Sources"))] : []),
  );
  r.add([label(t(lang, "Beräknad", "Computed at")), textCell(localTime(a.now, lang))]);
  r.add([label(t(lang, "Program", "Program")), textCell(a.provenance.program)]);
  const where = `${quoteSheet(a.read.sheet)}!${a.read.range}`;
  r.add([label(t(lang, "Läst område", "Range read")), textCell(`${a.sourceName} – ${where}`)]);
  r.add([label(t(lang, "Total budget", "Total budget")), krCell(result.budget)]);
  r.add([]);
}

interface RegionTable {
  header: number;
  first: number;
  last: number;
  sum: number;
  totalCol: number;
}

/** The per-region table: code, region, one kronor column per block, the total; its sum row. */
function regionSection(r: Rows, a: AnnexArgs): RegionTable {
  const { result, lang } = a;
  const nb = result.blocks.length;
  const totalCol = 2 + nb;
  r.add([label(t(lang, "Fördelning per region", "Allocation per region"))]);
  const header = r.add(
    [
      t(lang, "Länskod", "Code"),
      t(lang, "Region", "Region"),
      ...result.blocks.map((b) => blockHeader(b.name[lang])),
      totalHeaderText(lang),
    ].map((h) => textCell(h, true)),
  );
  for (const region of result.regions) {
    r.add([
      textCell(region.code),
      textCell(region.region),
      ...result.blocks.map((b) => krCell(region.blocks[b.id] ?? 0)),
      krCell(region.total),
    ]);
  }
  const first = header + 1;
  const last = header + result.regions.length;
  const sumOf = (col: number, value: number): PlannedCell =>
    result.regions.length > 0
      ? formulaCell(`=SUM(${rangeA1(first, col, last, col)})`, value, KR_FORMAT, true)
      : krCell(0, true);
  const sum = r.add([
    textCell(t(lang, "Summa", "Total"), true),
    EMPTY,
    ...result.blocks.map((b, i) => sumOf(2 + i, b.distributed)),
    sumOf(
      totalCol,
      result.regions.reduce((s, x) => s + x.total, 0),
    ),
  ]);
  r.add([]);
  return { header, first, last, sum, totalCol };
}

/**
 * One row per block: budget, distributed, undistributed, rounding difference, and the check
 * that the annex's column adds up and the block adds up to its budget; the total row checks
 * that the blocks make the total budget. Returns the check cells.
 */
function checkSection(r: Rows, a: AnnexArgs, table: RegionTable): { row: number; col: number }[] {
  const { result, lang } = a;
  r.add([label(t(lang, "Kontroll per block", "Checks per block"))]);
  r.add(
    [
      t(lang, "Block", "Block"),
      t(lang, "Budget", "Budget"),
      t(lang, "Fördelat", "Distributed"),
      t(lang, "Ej fördelat", "Undistributed"),
      t(lang, "Avrundningsdifferens", "Rounding difference"),
      t(lang, "Kontroll", "Check"),
    ].map((h) => textCell(h, true)),
  );
  const checks: { row: number; col: number }[] = [];
  const cell = (row: number, col: number) => toA1(row, col);
  const first = r.rows.length;
  result.blocks.forEach((b, i) => {
    const row = r.rows.length;
    const col = 2 + i;
    const column = rangeA1(table.first, col, table.last, col);
    const sum = result.regions.reduce((s, x) => s + (x.blocks[b.id] ?? 0), 0);
    const holds =
      sum === b.distributed &&
      b.undistributed >= 0 &&
      b.distributed + b.undistributed + b.roundingDifference === b.budget;
    const condition = and([
      ...(result.regions.length > 0 ? [`SUM(${column})=${cell(row, 2)}`] : []),
      `${cell(row, 3)}>=0`,
      `${cell(row, 2)}+${cell(row, 3)}+${cell(row, 4)}=${cell(row, 1)}`,
    ]);
    r.add([
      textCell(b.name[lang]),
      krCell(b.budget),
      krCell(b.distributed),
      krCell(b.undistributed),
      krCell(b.roundingDifference),
      checkCell(condition, holds, lang),
    ]);
    checks.push({ row, col: 5 });
  });
  const last = r.rows.length - 1;
  const row = r.rows.length;
  const sumOf = (col: number, value: number): PlannedCell =>
    result.blocks.length > 0
      ? formulaCell(`=SUM(${rangeA1(first, col, last, col)})`, value, KR_FORMAT, true)
      : krCell(0, true);
  const sum = (f: (b: (typeof result.blocks)[number]) => number) =>
    result.blocks.reduce((s, b) => s + f(b), 0);
  const budget = sum((b) => b.budget);
  const distributed = sum((b) => b.distributed);
  const holds =
    budget === result.budget &&
    distributed + sum((b) => b.undistributed) + sum((b) => b.roundingDifference) === budget &&
    result.regions.reduce((s, x) => s + x.total, 0) === distributed;
  r.add([
    textCell(t(lang, "Summa", "Total"), true),
    sumOf(1, budget),
    sumOf(2, distributed),
    sumOf(
      3,
      sum((b) => b.undistributed),
    ),
    sumOf(
      4,
      sum((b) => b.roundingDifference),
    ),
    checkCell(
      and([
        `${cell(row, 1)}=${result.budget}`,
        `${cell(row, 2)}+${cell(row, 3)}+${cell(row, 4)}=${cell(row, 1)}`,
        `${cell(table.sum, table.totalCol)}=${cell(row, 2)}`,
      ]),
      holds,
      lang,
    ),
  ]);
  checks.push({ row, col: 5 });
  r.addText(
    t(
      lang,
      `Kontrollen är en formel över bilagans egna celler: blockets kolumn i tabellen ovan summerar till det fördelade, fördelat + ej fördelat + avrundningsdifferens = budget, och blocken tillsammans = total budget (${formatNumber(result.budget, "sv")} kr). FEL: ett belopp i bilagan har ändrats.`,
      `The check is a formula over the annex's own cells: the block's column in the table above adds up to what it distributed, distributed + undistributed + rounding difference = budget, and the blocks together = the total budget (${formatNumber(result.budget, "en")} kr). ERROR: an amount in the annex has been changed.`,
    ),
  );
  r.add([]);
  return checks;
}

/** The rule set's blocks and the interpretations in force, in words. */
function rulesSection(r: Rows, a: AnnexArgs): void {
  const { result, lang } = a;
  r.add([label(t(lang, "Regelverket i ord", "The rules in words"))]);
  // The block's name on a line of its own, its rule below it, indented by a column.
  for (const b of result.blocks) {
    r.add([textCell(b.name[lang], true)]);
    r.addText(b.explanation[lang], 1);
  }
  r.add([]);
  r.add([label(t(lang, "Tolkningar i kraft", "Interpretations in force"))]);
  if (result.interpretations.length === 0) {
    r.add([textCell(t(lang, "Inga tolkningar.", "No interpretations."))]);
  }
  for (const i of result.interpretations) {
    const chosen = i.isDefault
      ? t(lang, "standardval", "the default")
      : t(lang, "valt för den här beräkningen", "chosen for this run");
    r.addText(`${i.description[lang]} (${chosen})`);
  }
  r.add([]);
}

/** The fingerprints, for comparing this print with the workbook (npm run verify). */
function fingerprintSection(r: Rows, a: AnnexArgs): void {
  const { lang, provenance: p } = a;
  r.add([label(t(lang, "Fingeravtryck (SHA-256)", "Fingerprints (SHA-256)"))]);
  if (p.ruleSet.fingerprint) {
    r.add([label(t(lang, "Regelverket", "The rule set")), textCell(p.ruleSet.fingerprint)]);
  }
  r.add([label(t(lang, "Indata", "The inputs")), textCell(p.inputs.fingerprint)]);
  r.add([label(t(lang, "Skrivna belopp", "The amounts written")), textCell(p.written.fingerprint)]);
}

function widths(nb: number): number[] {
  return [16, 22, ...Array.from({ length: nb }, () => 18), 18, 10];
}

function layout(a: AnnexArgs, table: RegionTable): PageLayoutPlan {
  const { result, lang } = a;
  return {
    paperSize: "A4",
    orientation: result.blocks.length <= PORTRAIT_MAX_BLOCKS ? "portrait" : "landscape",
    titleRows: { first: table.header, last: table.header },
    fitToPagesWide: 1,
    fitToPagesTall: 0,
    centerHeader: headerText(
      `${t(lang, "AT-fördelning", "AT allocation")} ${result.year} – ${referenceLabel(result.reference, lang)} ${result.reference}`,
    ),
    centerFooter: t(lang, "Sida &P av &N", "Page &P of &N"),
  };
}

export function planAnnex(a: AnnexArgs): AnnexOutcome {
  const where = placement(a.workbook, a.lang);
  if ("conflict" in where) return { ok: false, conflict: where.conflict };
  const r = new Rows(widths(a.result.blocks.length));
  headSection(r, a);
  const table = regionSection(r, a);
  const checks = checkSection(r, a, table);
  rulesSection(r, a);
  fingerprintSection(r, a);
  const conditionalFormats: ConditionalFormat[] = [
    {
      range: rangeA1(checks[0].row, 5, checks[checks.length - 1].row, 5),
      equals: failText(a.lang),
      fontColor: FAIL_COLOR,
    },
  ];
  return {
    ok: true,
    annex: {
      sheetName: where.name,
      cells: r.rows,
      columnWidths: r.widths,
      conditionalFormats,
      pageLayout: layout(a, table),
      replaces: where.replaces,
    },
  };
}
