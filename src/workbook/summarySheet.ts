/**
 * The summary sheet (IO.md, "What is written"), built part by part: the head with the
 * verdict, the run's facts and the inputs' fingerprint; the block table; the per-region
 * table; the interpretations; the issues; the chart.
 *
 * The checks are Excel formulas over the cells the add-in wrote (issue 14), so that any
 * Excel or LibreOffice keeps them honest without the add-in: per block, the regions' sum of
 * the block's allocation column = distributed, ladder + leftover = distributed, distributed +
 * undistributed (+ the rounding difference) = budget; the blocks add up to the total budget;
 * per region, the total = the sum of its block cells (in the allocation columns and in the
 * summary's own table, and the two agree). Each says OK or FEL; the verdict at the top counts
 * them. Every formula carries, as its value, what it computes on the cells as written
 * (whole kronor: exact in JS numbers and in Excel's doubles alike), so a file shows the right
 * state before any recalculation.
 */
import { formatNumber } from "../domain/format";
import type { Lang } from "../domain/ruleSet";
import type { AllocationResult, BlockResult, RegionResult } from "../domain/types";
import { columnName, quoteSheet, rangeA1, toA1 } from "./a1";
import { blockHeader } from "./allocationHeaders";
import { formulaSheet, inputFingerprint } from "./fingerprint";
import {
  EMPTY,
  KR_FORMAT,
  formulaCell,
  krCell,
  measureCell,
  shortBlockName,
  t,
  textCell,
} from "./plannedCells";
import type {
  ChartSpec,
  ColumnsPlan,
  ConditionalFormat,
  Issue,
  PlannedCell,
  Provenance,
  RegionTableRead,
  SummaryPlan,
  WorkbookGrid,
} from "./types";

export interface LadderColumn {
  block: BlockResult;
  header: string;
}

export interface SummaryArgs {
  workbook: WorkbookGrid;
  read: RegionTableRead;
  result: AllocationResult;
  issues: Issue[];
  lang: Lang;
  now: Date;
  sourceName: string;
  sheetName: string;
  ladders: LadderColumn[];
  totalHeader: string;
  /** The allocation columns as planned: the checks point at them. */
  columns: ColumnsPlan;
  /** What the run records about itself (program, fingerprints), shown on the sheet. */
  provenance: Provenance;
  /** The rule sheet the rules were read from, if they were. */
  rulesFrom?: string;
}

/** Font colour of a failing check (Excel's "Bad" red). */
export const FAIL_COLOR = "#C00000";

export function summaryTitle(year: number, lang: Lang): string {
  return lang === "sv"
    ? `AT-fördelning ${year} – sammanställning`
    : `AT allocation ${year} – summary`;
}

export const failText = (lang: Lang): string => t(lang, "FEL", "ERROR");
export const changedText = (lang: Lang): string =>
  t(lang, "Indata har ändrats sedan beräkningen", "The inputs have changed since the run");
export const unchangedText = (lang: Lang): string =>
  t(
    lang,
    "Inga ändringar i indatans tal sedan beräkningen",
    "No change in the input numbers since the run",
  );

const yesNo = (b: boolean, lang: Lang): string => (b ? t(lang, "Ja", "Yes") : t(lang, "Nej", "No"));

const whole = (n: number): boolean => Number.isSafeInteger(n);

/** A text as an Excel string literal. */
const str = (s: string): string => `"${s.replace(/"/g, '""')}"`;

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

// ---------------------------------------------------------------------------------------------
// The sheet being built

/** Rows of planned cells from A1, with which rows are tables (for the column widths). */
class SheetRows {
  readonly rows: PlannedCell[][] = [];
  readonly tableRows = new Set<number>();

  /** Appends a row; returns its zero-based index. */
  add(cells: PlannedCell[], table = false): number {
    this.rows.push(cells);
    if (table) this.tableRows.add(this.rows.length - 1);
    return this.rows.length - 1;
  }

  /** A number the sheet holds at (row, col), as a formula over it sees it: empty is 0. */
  num(row: number, col: number): number {
    const v = this.rows[row]?.[col]?.value;
    return typeof v === "number" ? v : 0;
  }
}

const label = (text: string): PlannedCell => textCell(text, true);

/** "OK"/"FEL" as a formula: an error anywhere in it (a text typed into an amount) is FEL. */
export function checkCell(condition: string, holds: boolean, lang: Lang): PlannedCell {
  return formulaCell(
    `=IFERROR(IF(${condition},"OK",${str(failText(lang))}),${str(failText(lang))})`,
    holds ? "OK" : failText(lang),
  );
}

export const and = (terms: string[]): string =>
  terms.length === 1 ? terms[0] : `AND(${terms.join(",")})`;

/** Where the allocation columns are, and what they hold as planned. */
class Allocation {
  constructor(
    private readonly columns: ColumnsPlan,
    private readonly read: RegionTableRead,
    private readonly blocks: number,
    private readonly ladders: number,
  ) {}
  private get sheet(): string {
    return formulaSheet(this.columns.sheet);
  }
  private get first(): number {
    return this.columns.headerRow + 1;
  }
  private get last(): number {
    return this.columns.headerRow + this.columns.rows.length;
  }
  get totalCol(): number {
    return this.columns.firstCol + this.blocks + this.ladders;
  }
  blockCol(i: number): number {
    return this.columns.firstCol + i;
  }
  /** A column over the table's rows, e.g. 'Blad1'!E2:E22. */
  column(col: number): string {
    return `${this.sheet}!${rangeA1(this.first, col, this.last, col)}`;
  }
  cell(row: number, col: number): string {
    return `${this.sheet}!${toA1(row, col)}`;
  }
  /** The sheet row the region's amounts were written to. */
  rowOf(code: string): number | undefined {
    // Built once: asked for every region (a find per region was quadratic at 5 000 rows).
    this.rowsByCode ??= new Map(
      [...this.read.dataRows].reverse().flatMap((d) => (d.code === null ? [] : [[d.code, d.row]])),
    );
    return this.rowsByCode.get(code);
  }
  private rowsByCode?: Map<string, number>;
  value(row: number, col: number): number {
    const v = this.columns.rows[row - this.first]?.[col - this.columns.firstCol]?.value;
    return typeof v === "number" ? v : 0;
  }
  columnSum(col: number): number {
    let s = 0;
    for (let r = this.first; r <= this.last; r++) s += this.value(r, col);
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// Sections

/** Rows 1–3: the title, the verdict (filled in at the end), the inputs' line (filled in too). */
function titleSection(s: SheetRows, a: SummaryArgs): { verdict: number; inputs: number } {
  s.add([textCell(summaryTitle(a.result.year, a.lang), true)]);
  const verdict = s.add([EMPTY]);
  const inputs = s.add([EMPTY]);
  s.add([]);
  return { verdict, inputs };
}

/**
 * When it ran, as a reviewer in Sweden reads it: "1 december 2026 kl. 20.14" (Europe/Stockholm,
 * whatever the machine's zone); the record keeps the ISO time with its offset.
 */
export function localTime(now: Date, lang: Lang): string {
  const parts = new Intl.DateTimeFormat(lang === "sv" ? "sv-SE" : "en-GB", {
    timeZone: "Europe/Stockholm",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? "";
  return lang === "sv"
    ? `${p("day")} ${p("month")} ${p("year")} kl. ${p("hour")}.${p("minute")}`
    : `${p("day")} ${p("month")} ${p("year")} at ${p("hour")}:${p("minute")} (Stockholm time)`;
}

/** A diarienummer looks like one (S2024/00586, SFS 2024:1252); an instructions' name is not. */
export function referenceLabel(reference: string, lang: Lang): string {
  const isDnr = /^[A-ZÅÄÖ]{1,4}\s?\d{4}[/:]\d+/.test(reference);
  return isDnr ? t(lang, "Diarienummer", "Reference number") : t(lang, "Beslut", "Decision");
}

/** The run's facts: rule set, decision, sources, time, program, fingerprints, range read, total budget. Returns the budget's row. */
function factsSection(s: SheetRows, a: SummaryArgs): number {
  const { result, read, lang } = a;
  s.add([label(t(lang, "Regelverk", "Rules")), textCell(result.title[lang])]);
  if (a.rulesFrom) {
    s.add([label(t(lang, "Regler från bladet", "Rules from the sheet")), textCell(a.rulesFrom)]);
  }
  s.add([label(referenceLabel(result.reference, lang)), textCell(result.reference)]);
  result.sources.forEach((src, i) =>
    s.add([i === 0 ? label(t(lang, "Källor", "Sources")) : EMPTY, textCell(src)]),
  );
  s.add([label(t(lang, "Beräknad", "Computed at")), textCell(localTime(a.now, lang))]);
  const prov = a.provenance;
  s.add([label(t(lang, "Program", "Program")), textCell(prov.program)]);
  if (prov.ruleSet.fingerprint) {
    s.add([
      label(t(lang, "Regelverkets fingeravtryck (SHA-256)", "Rule set fingerprint (SHA-256)")),
      textCell(prov.ruleSet.fingerprint),
    ]);
  }
  s.add([
    label(t(lang, "Indatas fingeravtryck (SHA-256)", "Input fingerprint (SHA-256)")),
    textCell(prov.inputs.fingerprint),
  ]);
  const where = `${quoteSheet(read.sheet)}!${read.range}`;
  const tableNote = read.table ? t(lang, ` (tabell ${read.table})`, ` (table ${read.table})`) : "";
  s.add([
    label(t(lang, "Läst område", "Range read")),
    textCell(`${a.sourceName} – ${where}${tableNote}`),
  ]);
  return s.add([label(t(lang, "Total budget", "Total budget")), krCell(result.budget)]);
}

/**
 * The inputs' fingerprint now (a formula) and at the run (a number), what it covers, and the
 * line at the top that says whether they differ.
 */
function fingerprintSection(s: SheetRows, a: SummaryArgs, inputsRow: number): void {
  const { lang } = a;
  const fp = inputFingerprint(a.workbook, a.read);
  const leftOut = fp.leftOut.map((l) => `${l.range} (${l.reason[lang]})`).join(", ");
  if (fp.formula === null) {
    s.rows[inputsRow] = [
      textCell(
        t(
          lang,
          `Ändrade indata kan inte visas här: ${fp.reason.sv}.`,
          `Changed inputs cannot be shown here: ${fp.reason.en}.`,
        ),
      ),
    ];
    return;
  }
  const now = s.add([
    label(t(lang, "Fingeravtryck av indata, nu", "Fingerprint of the inputs, now")),
    formulaCell(fp.formula, fp.value, "0"),
  ]);
  const then = s.add([
    label(t(lang, "Fingeravtryck vid beräkningen", "Fingerprint at the run")),
    { value: fp.value, numberFormat: "0" },
  ]);
  const covered = fp.covered.join(", ");
  s.add([
    textCell(
      t(
        lang,
        `Fingeravtrycket är en formel (SUMPRODUCT med fasta vikter) över talen i ${covered}. Det täcker tal, inte texter: regionnamn, koder och text i en talcell ingår inte, inte heller celler utanför områdena${leftOut ? ` eller ${leftOut}` : ""}. En sällsynt ändring som tar ut en annan under vikterna syns inte.`,
        `The fingerprint is a formula (SUMPRODUCT by fixed weights) over the numbers in ${covered}. It covers numbers, not texts: region names, codes and text in a number cell are not in it, nor are cells outside those ranges${leftOut ? ` or ${leftOut}` : ""}. A rare change that cancels another under the weights is not seen.`,
      ),
    ),
  ]);
  const changed = changedText(lang);
  s.rows[inputsRow] = [
    formulaCell(
      `=IFERROR(IF(B${now + 1}=B${then + 1},${str(unchangedText(lang))},${str(changed)}),${str(changed)})`,
      unchangedText(lang),
      undefined,
      true,
    ),
  ];
}

interface Check {
  row: number;
  col: number;
  holds: boolean;
}

const BLOCK_HEADERS: [string, string][] = [
  ["Block", "Block"],
  ["Budget", "Budget"],
  ["Trappsteg / per enhet", "Ladder steps / per unit"],
  ["Delat (efter trappa: kvarstående medel)", "Shared (after a ladder: the leftover)"],
  ["Fördelat", "Distributed"],
  ["Ej fördelat", "Undistributed"],
  ["Överskridande (nedskalat)", "Overflow (scaled down)"],
  ["Kontroll", "Check"],
  ["Förklaring", "Explanation"],
];
/** Columns of the block table. */
const B = { budget: 1, ladder: 2, leftover: 3, distributed: 4, undistributed: 5, check: 7 };

/** The block table: one row per block, the sum row, the rounding differences. */
function blockSection(s: SheetRows, a: SummaryArgs, budgetRow: number, alloc: Allocation): Check[] {
  const { result, lang } = a;
  const n = result.blocks.length;
  s.add([label(t(lang, "Block och kontroll", "Blocks and checks"))]);
  s.add(
    BLOCK_HEADERS.map(([sv, en]) => textCell(t(lang, sv, en), true)),
    true,
  );
  const firstRow = s.rows.length;
  const sumRow = firstRow + n;
  // Half-up rounding (RULES.md): the difference is shown as such, never as "ej fördelat".
  const rounded = result.blocks.filter((x) => x.roundingDifference !== 0);
  const roundingRow = new Map(rounded.map((b, i) => [b.id, sumRow + 1 + i]));
  const col = (c: number, row: number): string => `${columnName(c)}${row + 1}`;
  const checks: Check[] = [];

  result.blocks.forEach((b, i) => {
    const r = firstRow + i;
    const ladder = b.kind === "equal" || b.kind === "proportional" ? EMPTY : krCell(b.ladder);
    const rd = roundingRow.get(b.id);
    const allocCol = alloc.blockCol(i);
    const ladderValue = typeof ladder.value === "number" ? ladder.value : 0;
    const holds =
      alloc.columnSum(allocCol) === b.distributed &&
      ladderValue + b.leftover === b.distributed &&
      b.undistributed >= 0 &&
      b.distributed + b.undistributed + (rd !== undefined ? b.roundingDifference : 0) === b.budget;
    const condition = and([
      `SUM(${alloc.column(allocCol)})=${col(B.distributed, r)}`,
      `${col(B.ladder, r)}+${col(B.leftover, r)}=${col(B.distributed, r)}`,
      `${col(B.undistributed, r)}>=0`,
      `${col(B.distributed, r)}+${col(B.undistributed, r)}${rd !== undefined ? `+${col(1, rd)}` : ""}=${col(B.budget, r)}`,
    ]);
    s.add(
      [
        textCell(b.name[lang]),
        krCell(b.budget),
        ladder,
        krCell(b.leftover),
        krCell(b.distributed),
        krCell(b.undistributed),
        textCell(yesNo(b.overflow, lang)),
        checkCell(condition, holds, lang),
        textCell(b.explanation[lang]),
      ],
      true,
    );
    checks.push({ row: r, col: B.check, holds });
  });

  // The sum row: SUMs of the block rows; its check: the blocks make the total budget.
  const sumOf = (c: number): PlannedCell => {
    let v = 0;
    for (let r = firstRow; r < sumRow; r++) v += s.num(r, c);
    return formulaCell(`=SUM(${rangeA1(firstRow, c, sumRow - 1, c)})`, v, KR_FORMAT, true);
  };
  const sums = [B.budget, B.ladder, B.leftover, B.distributed, B.undistributed].map(sumOf);
  const value = (c: number): number => sums[c - 1].value as number;
  const rounding = rounded.reduce((t, b) => t + b.roundingDifference, 0);
  const totalHolds =
    value(B.budget) === result.budget &&
    value(B.distributed) + value(B.undistributed) + rounding === result.budget &&
    alloc.columnSum(alloc.totalCol) === value(B.distributed);
  const budget = `B${budgetRow + 1}`;
  const roundingTerms = rounded.map((b) => `+${col(1, roundingRow.get(b.id)!)}`).join("");
  const totalCondition = and([
    `${col(B.budget, sumRow)}=${budget}`,
    `${col(B.distributed, sumRow)}+${col(B.undistributed, sumRow)}${roundingTerms}=${budget}`,
    `SUM(${alloc.column(alloc.totalCol)})=${col(B.distributed, sumRow)}`,
  ]);
  s.add(
    [
      textCell(t(lang, "Summa", "Total"), true),
      ...sums,
      textCell(
        yesNo(
          result.blocks.some((b) => b.overflow),
          lang,
        ),
        true,
      ),
      checkCell(totalCondition, totalHolds, lang),
    ],
    true,
  );
  checks.push({ row: sumRow, col: B.check, holds: totalHolds });

  for (const b of rounded) {
    s.add([
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
  s.add([]);
  return checks;
}

/** The per-region table, with a check per region and a sum row. */
function regionSection(
  s: SheetRows,
  a: SummaryArgs,
  alloc: Allocation,
): { checks: Check[]; first: number; last: number; totalCol: number } {
  const { result, lang, ladders, totalHeader } = a;
  const nb = result.blocks.length;
  const totalCol = 2 + nb + ladders.length;
  const checkCol = totalCol + 1;
  s.add([label(t(lang, "Per region", "Per region"))]);
  const header = [
    t(lang, "Länskod", "Code"),
    t(lang, "Region", "Region"),
    ...result.blocks.map((b) => blockHeader(b.name[lang])),
    ...ladders.map((l) => l.header),
    totalHeader,
    t(lang, "Kontroll", "Check"),
    ...result.blocks.map((b) =>
      lang === "sv"
        ? `Förklaring ${shortBlockName(b.name.sv)}`
        : `Explanation, ${shortBlockName(b.name.en)}`,
    ),
  ];
  const headerRow = s.add(
    header.map((h) => textCell(h, true)),
    true,
  );
  const checks: Check[] = [];
  for (const r of result.regions) {
    const row = s.rows.length;
    const amounts = result.blocks.map((b) => r.blocks[b.id] ?? 0);
    const here = (c: number): string => toA1(row, c);
    const terms = [`SUM(${rangeA1(row, 2, row, 1 + nb)})=${here(totalCol)}`];
    let holds = amounts.reduce((x, y) => x + y, 0) === r.total;
    const at = alloc.rowOf(r.code);
    if (at !== undefined) {
      const blocks = result.blocks.map((_, i) => alloc.blockCol(i));
      const allocSum = blocks.reduce((x, c) => x + alloc.value(at, c), 0);
      const allocTotal = alloc.value(at, alloc.totalCol);
      terms.unshift(
        `SUM(${alloc.cell(at, blocks[0])}:${toA1(at, blocks[nb - 1])})=${alloc.cell(at, alloc.totalCol)}`,
      );
      blocks.forEach((c, i) => terms.push(`${here(2 + i)}=${alloc.cell(at, c)}`));
      terms.push(`${here(totalCol)}=${alloc.cell(at, alloc.totalCol)}`);
      holds =
        holds &&
        allocSum === allocTotal &&
        blocks.every((c, i) => alloc.value(at, c) === amounts[i]) &&
        r.total === allocTotal;
    }
    s.add(
      [
        textCell(r.code),
        textCell(r.region),
        ...amounts.map((v) => krCell(v)),
        ...ladders.map((l) => measureCell(r.measures[l.block.id])),
        krCell(r.total),
        checkCell(and(terms), holds, lang),
        ...result.blocks.map((b) => (r.trace[b.id] ? textCell(r.trace[b.id][lang]) : EMPTY)),
      ],
      true,
    );
    checks.push({ row, col: checkCol, holds });
  }
  const first = headerRow + 1;
  const last = headerRow + result.regions.length;
  const sumOf = (c: number): PlannedCell => {
    let v = 0;
    for (let r = first; r <= last; r++) v += s.num(r, c);
    return result.regions.length > 0
      ? formulaCell(`=SUM(${rangeA1(first, c, last, c)})`, v, KR_FORMAT, true)
      : krCell(0, true);
  };
  s.add(
    [
      textCell(t(lang, "Summa", "Total"), true),
      EMPTY,
      ...result.blocks.map((_, i) => sumOf(2 + i)),
      ...ladders.map(() => EMPTY),
      sumOf(totalCol),
    ],
    true,
  );
  s.add([]);
  return { checks, first, last, totalCol };
}

function interpretationSection(s: SheetRows, a: SummaryArgs): void {
  const { result, lang } = a;
  s.add([label(t(lang, "Tolkningar i kraft", "Interpretations in force"))]);
  if (result.interpretations.length === 0) {
    s.add([textCell(t(lang, "Inga tolkningar.", "No interpretations."))]);
  } else {
    s.add(
      [
        t(lang, "Nyckel", "Key"),
        t(lang, "Värde", "Value"),
        t(lang, "Beskrivning", "Description"),
        t(lang, "Standardval", "Default"),
      ].map((h) => textCell(h, true)),
      true,
    );
    for (const i of result.interpretations) {
      s.add(
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
  s.add([]);
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

/** Issues and the engine's notices. */
function issueSection(s: SheetRows, a: SummaryArgs): void {
  const { result, lang, issues } = a;
  s.add([label(t(lang, "Varningar och noteringar", "Warnings and notices"))]);
  if (issues.length === 0 && result.notices.length === 0) {
    s.add([textCell(t(lang, "Inga.", "None."))]);
    return;
  }
  s.add(
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
    s.add(
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
    s.add(
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

/** Excel nests IF to 64 levels: the verdict names the first failing row up to this many checks. */
const MAX_NAMED_CHECKS = 60;

/**
 * The verdict at the top: "Alla kontroller stämmer", or "3 kontroller stämmer inte — se rad
 * 14" (the first failing row), counted by COUNTIF over the check columns.
 */
function verdictCell(checks: Check[], lang: Lang): PlannedCell {
  const fail = str(failText(lang));
  // Check cells of one column are contiguous in each table, and the two tables use different
  // columns (H for the blocks, after the total for the regions) unless a rule set has exactly
  // four blocks and no ladder; count by table then, not by column.
  const tables: { col: number; top: number; bottom: number }[] = [];
  for (const c of [...checks].sort((x, y) => x.col - y.col || x.row - y.row)) {
    const last = tables[tables.length - 1];
    if (last && last.col === c.col && last.bottom === c.row - 1) last.bottom = c.row;
    else tables.push({ col: c.col, top: c.row, bottom: c.row });
  }
  const count = tables
    .map((tb) => `COUNTIF(${rangeA1(tb.top, tb.col, tb.bottom, tb.col)},${fail})`)
    .join("+");
  const ordered = [...checks].sort((x, y) => x.row - y.row);
  const firstFail = ordered.find((c) => !c.holds);
  const failing = checks.filter((c) => !c.holds).length;
  const where =
    checks.length <= MAX_NAMED_CHECKS
      ? ordered.reduceRight(
          (inner, c) => `IF(${toA1(c.row, c.col)}=${fail},${c.row + 1},${inner})`,
          "0",
        )
      : null;
  const pass = t(lang, "Alla kontroller stämmer", "All checks pass");
  const one = t(lang, "1 kontroll stämmer inte", "1 check fails");
  const many = t(lang, " kontroller stämmer inte", " checks fail");
  const see = t(lang, " — se rad ", " — see row ");
  const seeColumn = t(lang, " — se kolumnen Kontroll", " — see the Check column");
  const formula =
    `=IF(${count}=0,${str(pass)},IF(${count}=1,${str(one)},${count}&${str(many)})` +
    (where ? `&${str(see)}&${where})` : `&${str(seeColumn)})`);
  const value =
    failing === 0
      ? pass
      : (failing === 1 ? one : `${failing}${many}`) +
        (where ? `${see}${firstFail!.row + 1}` : seeColumn);
  return formulaCell(formula, value, undefined, true);
}

/** The note under the facts: what the checks are, over which cells. */
function checksNote(s: SheetRows, a: SummaryArgs): void {
  const where = quoteSheet(a.columns.sheet);
  s.add([
    textCell(
      t(
        a.lang,
        `Kontrollerna är formler över cellerna AT-fördelning skrev, och räknas om i Excel och LibreOffice utan tillägget: regionernas summa i varje blockkolumn på ${where} = fördelat, trappsteg + kvarstående = fördelat, fördelat + ej fördelat (+ avrundningsdifferens) = budget, blockens budgetar = total budget; per region är summan blockens belopp, här och på ${where}, och de stämmer överens. FEL: ett belopp har ändrats sedan beräkningen.`,
        `The checks are formulas over the cells AT-fördelning wrote, recalculated in Excel and LibreOffice without the add-in: the regions' sum of each block column on ${where} = distributed, ladder + leftover = distributed, distributed + undistributed (+ rounding difference) = budget, the blocks' budgets = total budget; per region the total is the sum of its blocks, here and on ${where}, and the two agree. ERROR: an amount has changed since the run.`,
      ),
    ),
  ]);
  s.add([]);
}

/** Up to this many regions the chart shows each; above it, the largest CHART_TOP only. */
export const CHART_ALL_UP_TO = 30;
export const CHART_TOP = 25;

/**
 * The chart: one bar per region where they fit (the 21 regions, any table up to
 * CHART_ALL_UP_TO rows), straight over the per-region table. A larger table (5 000 rows of a
 * synthetic or a municipal split) would make a chart of hair-thin, unlabelled bars in Excel as
 * in the workbench: it shows the CHART_TOP largest totals instead, from a small table of their
 * own below the sheet ("Diagrammets underlag"), each cell a formula over its row of the
 * per-region table so the chart follows that table, with a line saying so ("Diagrammet visar de
 * 25 största av 5 000 regionerna"). Ties keep the table's order.
 */
function chartSection(
  s: SheetRows,
  a: SummaryArgs,
  regions: { first: number; last: number; totalCol: number },
): ChartSpec | undefined {
  const { result, lang } = a;
  const n = result.regions.length;
  if (n === 0) return undefined;
  const title = t(
    lang,
    `Summa per region ${result.year} (kr)`,
    `Total per region ${result.year} (kr)`,
  );
  let categoriesRange = rangeA1(regions.first, 1, regions.last, 1);
  let valuesRange = rangeA1(regions.first, regions.totalCol, regions.last, regions.totalCol);
  let chartTitle = title;
  if (n > CHART_ALL_UP_TO) {
    const top = result.regions
      .map((r, i) => ({ r, i }))
      .sort((x, y) => y.r.total - x.r.total || x.i - y.i)
      .slice(0, CHART_TOP);
    const shown = formatNumber(CHART_TOP, lang);
    const all = formatNumber(n, lang);
    s.add([]);
    s.add([label(t(lang, "Diagrammets underlag", "The chart's data"))]);
    s.add([
      textCell(
        t(
          lang,
          `Diagrammet visar de ${shown} största av ${all} regionerna (högst summa); alla står i tabellen Per region ovan.`,
          `The chart shows the ${shown} largest of the ${all} regions (highest total); every region is in the Per region table above.`,
        ),
      ),
    ]);
    s.add(
      [t(lang, "Region", "Region"), a.totalHeader].map((h) => textCell(h, true)),
      true,
    );
    const first = s.rows.length;
    for (const { r, i } of top) {
      const row = regions.first + i;
      s.add(
        [
          formulaCell(`=${toA1(row, 1)}`, r.region),
          formulaCell(`=${toA1(row, regions.totalCol)}`, r.total, KR_FORMAT),
        ],
        true,
      );
    }
    const last = s.rows.length - 1;
    s.add([]);
    categoriesRange = rangeA1(first, 0, last, 0);
    valuesRange = rangeA1(first, 1, last, 1);
    chartTitle = t(
      lang,
      `${title}, de ${shown} största av ${all}`,
      `${title}, the ${shown} largest of ${all}`,
    );
  }
  return {
    type: "bar",
    title: chartTitle,
    categoriesRange,
    valuesRange,
    seriesName: a.totalHeader,
    // Below everything, where it covers nothing.
    anchor: toA1(s.rows.length + 1, 0),
    widthCols: 8,
    heightRows: 22,
  };
}

/** Each check column's range, and the inputs' line: red where they say FEL / changed. */
function conditionalFormats(checks: Check[], inputsRow: number, lang: Lang): ConditionalFormat[] {
  const byCol = new Map<number, { top: number; bottom: number }>();
  for (const c of checks) {
    const r = byCol.get(c.col) ?? { top: c.row, bottom: c.row };
    r.top = Math.min(r.top, c.row);
    r.bottom = Math.max(r.bottom, c.row);
    byCol.set(c.col, r);
  }
  return [
    ...[...byCol].map(([col, r]) => ({
      range: rangeA1(r.top, col, r.bottom, col),
      equals: failText(lang),
      fontColor: FAIL_COLOR,
    })),
    { range: toA1(inputsRow, 0), equals: changedText(lang), fontColor: FAIL_COLOR },
  ];
}

export function buildSummary(a: SummaryArgs): SummaryPlan {
  const s = new SheetRows();
  const alloc = new Allocation(a.columns, a.read, a.result.blocks.length, a.ladders.length);
  const top = titleSection(s, a);
  const budgetRow = factsSection(s, a);
  fingerprintSection(s, a, top.inputs);
  checksNote(s, a);
  const blockChecks = blockSection(s, a, budgetRow, alloc);
  const regions = regionSection(s, a, alloc);
  interpretationSection(s, a);
  issueSection(s, a);
  const checks = [...blockChecks, ...regions.checks];
  s.rows[top.verdict] = [verdictCell(checks, a.lang)];

  const chart = chartSection(s, a, regions);
  const cells = s.rows.map((r) => r.map((c) => (c.value === "" && !c.formula ? EMPTY : c)));
  return {
    sheetName: a.sheetName,
    cells,
    columnWidths: columnWidths(cells, s.tableRows),
    conditionalFormats: conditionalFormats(checks, top.inputs, a.lang),
    ...(chart ? { chart } : {}),
  };
}

/** The summary's cells holding formulas, as A1 addresses (for the ownership record). */
export function formulaCells(summary: SummaryPlan): string[] {
  const out: string[] = [];
  summary.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell.formula) out.push(toA1(r, c));
    }),
  );
  return out;
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
