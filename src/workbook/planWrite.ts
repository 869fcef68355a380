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
import type { AllocationResult, BlockResult, RegionResult } from "../domain/types";
import { parseA1, quoteSheet, rangeA1, toA1 } from "./a1";
import { provenanceOf } from "./provenance";
import type {
  CellValue,
  ChartSpec,
  ColumnsPlan,
  Issue,
  OwnershipRecord,
  PlannedCell,
  RegionTableRead,
  SheetGrid,
  SummaryPlan,
  WorkbookGrid,
  WritePlan,
} from "./types";

/** Whole kronor. Excel stores formats locale-neutrally; a Swedish Excel shows `# ##0 kr`. */
export const KR_FORMAT = '#,##0 "kr"';
/** Text format: keeps "01" a text and "=1+1" from ever being read as a formula by a host. */
export const TEXT_FORMAT = "@";

export interface PlanWriteArgs {
  workbook: WorkbookGrid;
  read: RegionTableRead;
  result: AllocationResult;
  issues: Issue[];
  lang: Lang;
  now: Date;
  /** The file or workbook name, for "which range was read". */
  sourceName: string;
  /** Unused: the result carries its sources and measures (kept so callers need not change). */
  ruleSet?: RuleSet;
}

/** A text a host could take for a formula (`=`, `+`, `-`, `@`): always written as text. */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@]/.test(text);
}

/**
 * A text a host would turn into a number or a date when it writes values as typed (Office.js
 * does): "01", "1 000", "2025-03-14T10:22:05+01:00". Written with the text format.
 */
function isNumberLike(text: string): boolean {
  return /^\s*[+-]?[\d\s\u00a0.,]*\d[\d\s\u00a0.,]*$/.test(text) || /^\d{4}-\d\d-\d\d/.test(text);
}

const t = (lang: Lang, sv: string, en: string): string => (lang === "sv" ? sv : en);

/** A text cell. Texts that a host could read as a formula or a number get the text format. */
export function textCell(text: string, bold = false): PlannedCell {
  const cell: PlannedCell = { value: text };
  if (isFormulaLike(text) || isNumberLike(text)) cell.numberFormat = TEXT_FORMAT;
  if (bold) cell.bold = true;
  return cell;
}

function krCell(amount: number, bold = false): PlannedCell {
  const cell: PlannedCell = { value: amount, numberFormat: KR_FORMAT };
  if (bold) cell.bold = true;
  return cell;
}

const EMPTY: PlannedCell = { value: null };

/** "Block 2 – Ytterligare utökning" → "block 2": the part before the dash, for column headers. */
export function shortBlockName(name: string): string {
  const head = name.split(/\s+[\u2013\u2014-]\s+/)[0].trim();
  return head.charAt(0).toLowerCase() + head.slice(1);
}

/** Column headers of the built-in measures, as the summary has always named them. */
const MEASURE_HEADER: Record<string, { text: Text; unit: string }> = {
  expansion: { text: { sv: "Utökning", en: "Expansion" }, unit: " (AT)" },
  at: { text: { sv: "Antal AT", en: "AT posts" }, unit: "" },
  atPer100k: { text: { sv: "AT per 100 000 inv.", en: "AT per 100,000" }, unit: "" },
};

interface LadderColumn {
  block: BlockResult;
  header: string;
}

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

/** A ladder measure (a decimal string such as "4.5") as a number cell, for display only. */
function measureCell(value: string | null | undefined): PlannedCell {
  if (value == null) return EMPTY;
  const n = Number(value);
  return Number.isFinite(n) ? { value: n } : textCell(value);
}

/** ISO 8601 local time with its UTC offset: 2025-03-14T10:22:05+01:00. */
export function isoLocal(now: Date): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  const offset = -now.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return (
    `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}` +
    `T${p(now.getHours())}:${p(now.getMinutes())}:${p(now.getSeconds())}` +
    `${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`
  );
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

export function summaryTitle(year: number, lang: Lang): string {
  return lang === "sv"
    ? `AT-fördelning ${year} – sammanställning`
    : `AT allocation ${year} – summary`;
}

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

function severityText(severity: Issue["severity"], lang: Lang): string {
  switch (severity) {
    case "error":
      return t(lang, "Fel", "Error");
    case "warning":
      return t(lang, "Varning", "Warning");
    case "notice":
      return t(lang, "Notering", "Notice");
  }
}

const yesNo = (b: boolean, lang: Lang): string => (b ? t(lang, "Ja", "Yes") : t(lang, "Nej", "No"));

const whole = (n: number): boolean => Number.isSafeInteger(n);

/**
 * The block checks, computed exactly on whole kronor (safe integers add exactly):
 * ladder + leftover = distributed, distributed + undistributed = budget, and the regions'
 * amounts add up to what the block distributed.
 */
export function blockCheck(block: BlockResult, regions: readonly RegionResult[]): boolean {
  const amounts = regions.map((r) => r.blocks[block.id] ?? 0);
  const all = [
    block.budget,
    block.ladder,
    block.leftover,
    block.distributed,
    block.undistributed,
    block.roundingDifference,
    ...amounts,
  ];
  if (!all.every(whole)) return false;
  const sum = amounts.reduce((s, a) => s + a, 0);
  return (
    whole(sum) &&
    block.ladder + block.leftover === block.distributed &&
    block.undistributed >= 0 &&
    block.distributed + block.undistributed + block.roundingDifference === block.budget &&
    sum === block.distributed
  );
}

/** The whole result: the blocks' budgets make the total, and every region's total is the sum of its blocks. */
export function totalCheck(result: AllocationResult): boolean {
  const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
  const budgets = sum(result.blocks.map((b) => b.budget));
  const distributed = sum(result.blocks.map((b) => b.distributed));
  const undistributed = sum(result.blocks.map((b) => b.undistributed));
  const rounding = sum(result.blocks.map((b) => b.roundingDifference));
  const totals = sum(result.regions.map((r) => r.total));
  return (
    result.blocks.every((b) => blockCheck(b, result.regions)) &&
    [budgets, distributed, undistributed, totals, result.budget].every(whole) &&
    budgets === result.budget &&
    distributed + undistributed + rounding === result.budget &&
    totals === distributed &&
    result.regions.every(
      (r) => whole(r.total) && r.total === sum(result.blocks.map((b) => r.blocks[b.id] ?? 0)),
    )
  );
}

function buildSummary(
  args: PlanWriteArgs,
  sheetName: string,
  ladders: LadderColumn[],
  totalHeader: string,
): SummaryPlan {
  const { result, read, lang, issues } = args;
  const rows: PlannedCell[][] = [];
  /** Rows whose every cell counts for the column widths (tables); others count in column A only. */
  const tableRows = new Set<number>();
  const add = (cells: PlannedCell[], table = false): number => {
    rows.push(cells);
    if (table) tableRows.add(rows.length - 1);
    return rows.length - 1;
  };
  const label = (text: string): PlannedCell => textCell(text, true);

  add([textCell(summaryTitle(result.year, lang), true)]);
  add([]);
  add([label(t(lang, "Regelverk", "Rules")), textCell(result.title[lang])]);
  // A diarienummer looks like one (S2024/00586, SFS 2024:1252); an instructions' name is not.
  const isDnr = /^[A-ZÅÄÖ]{1,4}\s?\d{4}[/:]\d+/.test(result.reference);
  add([
    label(isDnr ? t(lang, "Diarienummer", "Reference number") : t(lang, "Beslut", "Decision")),
    textCell(result.reference),
  ]);
  const sources = result.sources;
  sources.forEach((s, i) =>
    add([i === 0 ? label(t(lang, "Källor", "Sources")) : EMPTY, textCell(s)]),
  );
  add([label(t(lang, "Beräknad", "Computed at")), textCell(isoLocal(args.now))]);
  const where = `${quoteSheet(read.sheet)}!${read.range}`;
  const tableNote = read.table ? t(lang, ` (tabell ${read.table})`, ` (table ${read.table})`) : "";
  add([
    label(t(lang, "Läst område", "Range read")),
    textCell(`${args.sourceName} – ${where}${tableNote}`),
  ]);
  add([label(t(lang, "Total budget", "Total budget")), krCell(result.budget)]);
  add([
    textCell(
      t(
        lang,
        "Kontrollerna nedan är beräknade exakt i hela kronor av AT-fördelning: trappsteg + kvarstående = fördelat, fördelat + ej fördelat = budget, summan över regionerna = fördelat. Arbetsboken innehåller inga formler.",
        "The checks below were computed exactly in whole kronor by AT-fördelning: ladder + leftover = distributed, distributed + undistributed = budget, the regions' sum = distributed. The workbook holds no formulas.",
      ),
    ),
  ]);
  add([]);

  // Block table.
  add([label(t(lang, "Block och kontroll", "Blocks and checks"))]);
  add(
    [
      t(lang, "Block", "Block"),
      t(lang, "Budget", "Budget"),
      t(lang, "Trappsteg / per enhet", "Ladder steps / per unit"),
      t(lang, "Delat (efter trappa: kvarstående medel)", "Shared (after a ladder: the leftover)"),
      t(lang, "Fördelat", "Distributed"),
      t(lang, "Ej fördelat", "Undistributed"),
      t(lang, "Överskridande (nedskalat)", "Overflow (scaled down)"),
      t(lang, "Kontroll", "Check"),
      t(lang, "Förklaring", "Explanation"),
    ].map((h) => textCell(h, true)),
    true,
  );
  const ok = (b: boolean): PlannedCell => textCell(b ? "OK" : t(lang, "FEL", "ERROR"), !b);
  for (const b of result.blocks) {
    add(
      [
        textCell(b.name[lang]),
        krCell(b.budget),
        b.kind === "equal" || b.kind === "proportional" ? EMPTY : krCell(b.ladder),
        krCell(b.leftover),
        krCell(b.distributed),
        krCell(b.undistributed),
        textCell(yesNo(b.overflow, lang)),
        ok(blockCheck(b, result.regions)),
        textCell(b.explanation[lang]),
      ],
      true,
    );
  }
  const sumOf = (f: (b: BlockResult) => number): number =>
    result.blocks.reduce((s, b) => s + f(b), 0);
  add(
    [
      textCell(t(lang, "Summa", "Total"), true),
      krCell(
        sumOf((b) => b.budget),
        true,
      ),
      krCell(
        sumOf((b) => b.ladder),
        true,
      ),
      krCell(
        sumOf((b) => b.leftover),
        true,
      ),
      krCell(
        sumOf((b) => b.distributed),
        true,
      ),
      krCell(
        sumOf((b) => b.undistributed),
        true,
      ),
      textCell(
        yesNo(
          result.blocks.some((b) => b.overflow),
          lang,
        ),
        true,
      ),
      ok(totalCheck(result)),
    ],
    true,
  );
  // Half-up rounding (RULES.md): the difference is shown as such, never as "ej fördelat".
  for (const b of result.blocks.filter((x) => x.roundingDifference !== 0)) {
    add([
      label(t(lang, "Avrundningsdifferens", "Rounding difference")),
      krCell(b.roundingDifference),
      textCell(
        t(
          lang,
          `${b.name.sv}: avrundning av varje andel för sig (tolkningen half-up) betalar ${b.roundingDifference > 0 ? "mindre" : "mer"} än budgeten; fördelat + ej fördelat + avrundningsdifferens = budget`,
          `${b.name.en}: rounding each share on its own (the half-up interpretation) pays ${b.roundingDifference > 0 ? "less" : "more"} than the budget; distributed + undistributed + rounding difference = budget`,
        ),
      ),
    ]);
  }
  add([]);

  // Per-region table.
  add([label(t(lang, "Per region", "Per region"))]);
  const regionHeader = [
    t(lang, "Länskod", "Code"),
    t(lang, "Region", "Region"),
    ...result.blocks.map((b) => `${b.name[lang]} (kr)`),
    ...ladders.map((l) => l.header),
    totalHeader,
    ...result.blocks.map((b) =>
      lang === "sv"
        ? `Förklaring ${shortBlockName(b.name.sv)}`
        : `Explanation, ${shortBlockName(b.name.en)}`,
    ),
  ];
  const regionHeaderRow = add(
    regionHeader.map((h) => textCell(h, true)),
    true,
  );
  const totalCol = 2 + result.blocks.length + ladders.length;
  for (const r of result.regions) {
    add(
      [
        textCell(r.code),
        textCell(r.region),
        ...result.blocks.map((b) => krCell(r.blocks[b.id] ?? 0)),
        ...ladders.map((l) => measureCell(r.measures[l.block.id])),
        krCell(r.total),
        ...result.blocks.map((b) => (r.trace[b.id] ? textCell(r.trace[b.id][lang]) : EMPTY)),
      ],
      true,
    );
  }
  const firstRegionRow = regionHeaderRow + 1;
  const lastRegionRow = regionHeaderRow + result.regions.length;
  add(
    [
      textCell(t(lang, "Summa", "Total"), true),
      EMPTY,
      ...result.blocks.map((b) =>
        krCell(
          result.regions.reduce((s, r) => s + (r.blocks[b.id] ?? 0), 0),
          true,
        ),
      ),
      ...ladders.map(() => EMPTY),
      krCell(
        result.regions.reduce((s, r) => s + r.total, 0),
        true,
      ),
    ],
    true,
  );
  add([]);

  // Interpretations in force.
  add([label(t(lang, "Tolkningar i kraft", "Interpretations in force"))]);
  if (result.interpretations.length === 0) {
    add([textCell(t(lang, "Inga tolkningar.", "No interpretations."))]);
  } else {
    add(
      [
        t(lang, "Nyckel", "Key"),
        t(lang, "Värde", "Value"),
        t(lang, "Beskrivning", "Description"),
        t(lang, "Standardval", "Default"),
      ].map((h) => textCell(h, true)),
      true,
    );
    for (const i of result.interpretations) {
      add(
        [
          textCell(i.key),
          textCell(i.value),
          textCell(i.description[lang]),
          textCell(yesNo(i.isDefault, lang)),
        ],
        true,
      );
    }
  }
  add([]);

  // Issues and the engine's notices.
  add([label(t(lang, "Varningar och noteringar", "Warnings and notices"))]);
  if (issues.length === 0 && result.notices.length === 0) {
    add([textCell(t(lang, "Inga.", "None."))]);
  } else {
    add(
      [
        t(lang, "Typ", "Severity"),
        t(lang, "Cell", "Cell"),
        t(lang, "Region", "Region"),
        t(lang, "Block", "Block"),
        t(lang, "Meddelande", "Message"),
      ].map((h) => textCell(h, true)),
      true,
    );
    for (const i of issues) {
      const cell = i.cell ? (i.sheet ? `${quoteSheet(i.sheet)}!${i.cell}` : i.cell) : "";
      add(
        [
          textCell(severityText(i.severity, lang)),
          textCell(cell),
          textCell(i.region ?? ""),
          EMPTY,
          textCell(i.message[lang]),
        ],
        true,
      );
    }
    // The pipeline passes the engine's notices on as issues too: list each once.
    const listed = new Set(issues.map((i) => `${i.message.sv}\u0000${i.message.en}`));
    for (const n of result.notices) {
      if (listed.has(`${n.message.sv}\u0000${n.message.en}`)) continue;
      const block = n.block ? result.blocks.find((b) => b.id === n.block) : undefined;
      add(
        [
          textCell(severityText(n.severity, lang)),
          EMPTY,
          EMPTY,
          block ? textCell(block.name[lang]) : n.block ? textCell(n.block) : EMPTY,
          textCell(n.message[lang]),
        ],
        true,
      );
    }
  }

  // The chart goes below everything, where it covers nothing.
  const chartRow = rows.length + 1;
  const chart: ChartSpec | undefined =
    result.regions.length > 0
      ? {
          type: "bar",
          title: t(
            lang,
            `Summa per region ${result.year} (kr)`,
            `Total per region ${result.year} (kr)`,
          ),
          categoriesRange: rangeA1(firstRegionRow, 1, lastRegionRow, 1),
          valuesRange: rangeA1(firstRegionRow, totalCol, lastRegionRow, totalCol),
          seriesName: totalHeader,
          anchor: toA1(chartRow, 0),
          widthCols: 8,
          heightRows: 22,
        }
      : undefined;

  const cells = rows.map((r) => r.map((c) => (c.value === "" ? EMPTY : c)));
  return {
    sheetName,
    cells,
    columnWidths: columnWidths(cells, tableRows),
    ...(chart ? { chart } : {}),
  };
}

/** Shown width of a cell in characters, roughly as Excel measures it. */
function shownLength(cell: PlannedCell): number {
  if (cell.value === null) return 0;
  if (typeof cell.value === "number") {
    const digits = String(Math.trunc(Math.abs(cell.value))).length;
    return digits + Math.floor((digits - 1) / 3) + (cell.numberFormat === KR_FORMAT ? 3 : 2);
  }
  return String(cell.value).length;
}

function columnWidths(cells: PlannedCell[][], tableRows: Set<number>): number[] {
  const widths: number[] = [];
  cells.forEach((row, i) => {
    row.forEach((cell, c) => {
      if (c > 0 && !tableRows.has(i)) return;
      // Long texts (the note line, titles) overflow into empty neighbours; they set no width.
      if (c === 0 && !tableRows.has(i) && shownLength(cell) > 30) return;
      widths[c] = Math.max(widths[c] ?? 0, shownLength(cell) + 2);
    });
  });
  return Array.from(widths, (w) => Math.min(60, Math.max(8, w ?? 8)));
}

// ---------------------------------------------------------------------------------------------
// The plan

export function planWrite(args: PlanWriteArgs): WritePlan {
  const { workbook, read, result, lang } = args;
  const ladders = ladderColumns(result, lang);
  const totalHeader = t(lang, "Summa (kr)", "Total (kr)");

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
    ...result.blocks.map((b) => `${b.name[lang]} (kr)`),
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
  const summary = buildSummary(args, sheetName, ladders, totalHeader);

  const ownership: OwnershipRecord = {
    version: 1,
    year: result.year,
    sheet: read.sheet,
    columnsRange: rangeA1(target.top, target.left, target.bottom, target.right),
    ...(read.table ? { table: read.table } : {}),
    headers,
    summarySheet: sheetName,
    writtenAt: isoLocal(args.now),
    provenance: provenanceOf(workbook, read, result, columns),
  };

  return { year: result.year, columns, summary, ownership, clear, conflicts };
}
