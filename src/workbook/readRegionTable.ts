/**
 * Finds the region table in a workbook grid and reads it into the engine's inputs, with an
 * issue for every problem and every reading (IO.md, "The region table" and "Bad input").
 * Pure: works on the host-neutral grid that both the Office.js adapter and the file readers
 * produce.
 */
import Decimal from "decimal.js";
import { foldRegionName, RegionIndex, SWEDISH_REGION_INDEX, compareCodes } from "../domain/regions";
import type { RegionDef } from "../domain/regions";
import { parsePlanningValue, RANGE_POLICIES } from "../domain/planningValue";
import type { PlanningReading, RangePolicy } from "../domain/planningValue";
import { applyInterpretations } from "../domain/interpretations";
import type { RuleSet, Text } from "../domain/ruleSet";
import type { RegionInput, Settings } from "../domain/types";
import { formatNumber } from "../domain/format";
import { parseA1, rangeA1, splitSheetAddress, toA1 } from "./a1";
import { isBlank, parseNumberText, readCount, readYesNo, showCell } from "./cellValues";
import { expectedHeader, fieldLabel, matchHeader } from "./headers";
import type { HeaderMatch, HeaderYears } from "./headers";
import { OWNERSHIP_SHEET } from "./types";
import type {
  CellValue,
  ColumnField,
  Issue,
  RegionTableRead,
  Severity,
  SheetGrid,
  TableInfo,
  WorkbookGrid,
} from "./types";

export interface ReadRegionTableOptions {
  /** Read this sheet instead of the active one (the command line's --sheet). */
  sheet?: string;
}

/** Issue codes a caller may want to tell apart. */
export const TABLE_NOT_FOUND = "table.notFound";

// ───────────────────────────── grid helpers ─────────────────────────────

interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

function cellAt(sheet: SheetGrid, row: number, col: number): CellValue {
  const r = sheet.values[row - sheet.top];
  if (!r) return null;
  const v = r[col - sheet.left];
  return v === undefined ? null : v;
}

function sheetExtent(sheet: SheetGrid): Rect {
  let width = 0;
  for (const r of sheet.values) width = Math.max(width, r.length);
  return {
    top: sheet.top,
    left: sheet.left,
    bottom: sheet.top + sheet.values.length - 1,
    right: sheet.left + width - 1,
  };
}

function rowHasValue(sheet: SheetGrid, row: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) if (!isBlank(cellAt(sheet, row, c))) return true;
  return false;
}

function colHasValue(sheet: SheetGrid, col: number, top: number, bottom: number): boolean {
  for (let r = top; r <= bottom; r++) if (!isBlank(cellAt(sheet, r, col))) return true;
  return false;
}

/** Excel's "current region": the block of cells joined to this one by non-blank neighbours. */
function currentRegion(sheet: SheetGrid, row: number, col: number): Rect {
  const ext = sheetExtent(sheet);
  const rect: Rect = { top: row, bottom: row, left: col, right: col };
  let grew = true;
  while (grew) {
    grew = false;
    if (rect.top > ext.top && rowHasValue(sheet, rect.top - 1, rect.left - 1, rect.right + 1)) {
      rect.top--;
      grew = true;
    }
    if (
      rect.bottom < ext.bottom &&
      rowHasValue(sheet, rect.bottom + 1, rect.left - 1, rect.right + 1)
    ) {
      rect.bottom++;
      grew = true;
    }
    if (rect.left > ext.left && colHasValue(sheet, rect.left - 1, rect.top - 1, rect.bottom + 1)) {
      rect.left--;
      grew = true;
    }
    if (
      rect.right < ext.right &&
      colHasValue(sheet, rect.right + 1, rect.top - 1, rect.bottom + 1)
    ) {
      rect.right++;
      grew = true;
    }
  }
  return rect;
}

function tableRect(t: TableInfo): Rect {
  return {
    top: t.top,
    left: t.left,
    bottom: t.top + t.rows - 1 - (t.hasTotalsRow ? 1 : 0),
    right: t.left + t.columns - 1,
  };
}

function contains(r: Rect, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

// ───────────────────────────── locating the table ─────────────────────────────

interface Located {
  sheet: SheetGrid;
  table?: TableInfo;
  headerRow: number;
  /** Column of the region header cell. */
  regionCol: number;
  rect: Rect;
  how: "selection" | "onlyTable" | "header" | "otherSheet";
}

/** Columns a previous run of ours wrote on this sheet (never part of the user's table). */
function ownedColumns(
  workbook: WorkbookGrid,
  sheet: string,
): { left: number; right: number } | null {
  const owned = workbook.owned;
  if (!owned || owned.sheet !== sheet || !owned.columnsRange) return null;
  try {
    const { address } = splitSheetAddress(owned.columnsRange);
    const [a, b] = address.split(":");
    const l = parseA1(a).col;
    const r = parseA1(b ?? a).col;
    return { left: Math.min(l, r), right: Math.max(l, r) };
  } catch {
    return null;
  }
}

function isOwnedHeader(workbook: WorkbookGrid, sheet: string, value: CellValue): boolean {
  const owned = workbook.owned;
  return (
    !!owned &&
    owned.sheet === sheet &&
    typeof value === "string" &&
    owned.headers.some((h) => h.trim() === value.trim())
  );
}

function isRegionHeader(value: CellValue, years: HeaderYears): boolean {
  return matchHeader(value, years)?.field === "region";
}

function findRegionHeader(
  sheet: SheetGrid,
  rect: Rect,
  years: HeaderYears,
): { row: number; col: number } | null {
  for (let r = rect.top; r <= rect.bottom; r++) {
    for (let c = rect.left; c <= rect.right; c++) {
      if (isRegionHeader(cellAt(sheet, r, c), years)) return { row: r, col: c };
    }
  }
  return null;
}

/**
 * The user's table as the block below a header row: the header row and every row under it
 * joined to it, and a row or two further where they carry a known region or a total (a blank
 * row between groups of regions does not end the table).
 */
function blockAroundHeader(
  sheet: SheetGrid,
  headerRow: number,
  regionCol: number,
  index: RegionIndex,
): Rect {
  const region = currentRegion(sheet, headerRow, regionCol);
  const rect: Rect = { ...region, top: headerRow };
  // Only what lies at or below the header row decides the width (a title above may be wider).
  let left = Infinity;
  let right = -Infinity;
  for (let c = region.left; c <= region.right; c++) {
    if (colHasValue(sheet, c, headerRow, region.bottom)) {
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
  }
  rect.left = Math.min(left, regionCol);
  rect.right = Math.max(right, regionCol);
  // A plain block's columns are those with a header: a note typed beside the table (no header
  // above it) is not part of it, so the allocation columns stop at it rather than pass it by.
  while (rect.right > regionCol && isBlank(cellAt(sheet, headerRow, rect.right))) rect.right--;
  while (rect.left < regionCol && isBlank(cellAt(sheet, headerRow, rect.left))) rect.left++;
  const ext = sheetExtent(sheet);
  for (;;) {
    let next = rect.bottom + 1;
    let gap = 0;
    while (next <= ext.bottom && !rowHasValue(sheet, next, rect.left, rect.right) && gap < 2) {
      next++;
      gap++;
    }
    if (gap === 0 || next > ext.bottom) break;
    const v = cellAt(sheet, next, regionCol);
    if (typeof v !== "string" || !(index.match(v).ok || isTotalLabel(v))) break;
    const more = currentRegion(sheet, next, regionCol);
    rect.bottom = Math.max(more.bottom, next);
  }
  return rect;
}

function locateInSheet(
  workbook: WorkbookGrid,
  sheet: SheetGrid,
  years: HeaderYears,
  index: RegionIndex,
): Located | null {
  // 1. The table or block holding the current selection.
  const sel = workbook.selection;
  if (sel && sel.sheet === sheet.name) {
    const table = sheet.tables.find((t) => contains(tableRect(t), sel.row, sel.col));
    if (table) {
      const found = locateTable(sheet, table, years);
      if (found) return { ...found, how: "selection" };
    } else if (!isBlank(cellAt(sheet, sel.row, sel.col))) {
      const block = currentRegion(sheet, sel.row, sel.col);
      const header = findRegionHeader(sheet, block, years);
      if (header) {
        const inTable = sheet.tables.find((t) => contains(tableRect(t), header.row, header.col));
        if (inTable) {
          const found = locateTable(sheet, inTable, years);
          if (found) return { ...found, how: "selection" };
        }
        return {
          sheet,
          headerRow: header.row,
          regionCol: header.col,
          rect: blockAroundHeader(sheet, header.row, header.col, index),
          how: "selection",
        };
      }
    }
  }
  // 2. The only Excel table on the sheet.
  if (sheet.tables.length === 1) {
    const found = locateTable(sheet, sheet.tables[0], years);
    if (found) return { ...found, how: "onlyTable" };
  }
  // 3. The block around the first header cell that names a region column.
  const header = findRegionHeader(sheet, sheetExtent(sheet), years);
  if (!header) return null;
  const inTable = sheet.tables.find((t) => contains(tableRect(t), header.row, header.col));
  if (inTable) {
    const found = locateTable(sheet, inTable, years);
    if (found) return { ...found, how: "header" };
  }
  return {
    sheet,
    headerRow: header.row,
    regionCol: header.col,
    rect: blockAroundHeader(sheet, header.row, header.col, index),
    how: "header",
  };
}

function locateTable(
  sheet: SheetGrid,
  table: TableInfo,
  years: HeaderYears,
): Omit<Located, "how"> | null {
  const rect = tableRect(table);
  for (let c = rect.left; c <= rect.right; c++) {
    if (isRegionHeader(cellAt(sheet, rect.top, c), years)) {
      return { sheet, table, headerRow: rect.top, regionCol: c, rect };
    }
  }
  return null;
}

// ───────────────────────────── messages ─────────────────────────────

const POLICY_WORDS: Record<RangePolicy, Text> = {
  midpoint: { sv: "mittpunkten", en: "the midpoint" },
  lower: { sv: "nedre gränsen", en: "the lower bound" },
  upper: { sv: "övre gränsen", en: "the upper bound" },
};

const TOTAL_LABEL =
  /^(summa|totalt?|totals|riket|hela riket|sverige|sum|grand total|samtliga( regioner)?|alla regioner|rikstotal)\b/;

function isTotalLabel(text: string): boolean {
  return TOTAL_LABEL.test(foldRegionName(text));
}

function num(value: Decimal.Value): Text {
  return { sv: formatNumber(value, "sv"), en: formatNumber(value, "en") };
}

/** Why a cell is not a count, in both languages. */
function badCountText(reason: string, shown: Text, label: Text, mustBePositive: boolean): Text {
  const ask: Text = mustBePositive
    ? {
        sv: `ange ${label.sv} som ett heltal större än 0`,
        en: `enter ${label.en} as a whole number above 0`,
      }
    : { sv: `ange ${label.sv} som ett heltal`, en: `enter ${label.en} as a whole number` };
  switch (reason) {
    case "error":
      return {
        sv: `cellen visar felvärdet ${shown.sv} — ${ask.sv}`,
        en: `the cell shows the error value ${shown.en} — ${ask.en}`,
      };
    case "date":
      return {
        sv: `cellen innehåller ett datum (${shown.sv}), inget antal — ${ask.sv}`,
        en: `the cell holds a date (${shown.en}), not a number — ${ask.en}`,
      };
    case "negative":
      return {
        sv: `${shown.sv} är negativt — ${ask.sv}`,
        en: `${shown.en} is negative — ${ask.en}`,
      };
    case "fraction":
      return {
        sv: `${shown.sv} är inget heltal — ${ask.sv}`,
        en: `${shown.en} is not a whole number — ${ask.en}`,
      };
    case "uncalculated":
      return {
        sv: `formeln ${shown.sv} är inte beräknad i filen — öppna och spara arbetsboken i Excel`,
        en: `the formula ${shown.en} has no calculated value in the file — open and save the workbook in Excel`,
      };
    case "tooLarge":
      return {
        sv: `${shown.sv} är orimligt stort — ${ask.sv}`,
        en: `${shown.en} is unreasonably large — ${ask.en}`,
      };
    default:
      return {
        sv: `${shown.sv} är inget antal — ${ask.sv}`,
        en: `${shown.en} is not a number — ${ask.en}`,
      };
  }
}

// ───────────────────────────── interpretation-aware needs ─────────────────────────────

/** Whether some block, under the chosen interpretations, needs AT per 100 000 inhabitants. */
export function populationNeeded(ruleSet: RuleSet, settings: Settings): boolean {
  if (ruleSet.inputs.population?.required) return true;
  // Only valid choices: bad settings are reported by the pipeline, not here.
  const values: Record<string, string> = {};
  for (const def of ruleSet.interpretations ?? []) {
    const v = settings[def.key];
    values[def.key] = v !== undefined && def.options[v] ? v : def.default;
  }
  return applyInterpretations(ruleSet, values).some((b) => {
    if (b.split?.kind === "proportional" && b.split.weight === "atPer100k") return true;
    if (b.eligible.some((c) => "measure" in c && c.measure === "atPer100k")) return true;
    const l = b.ladder;
    if (!l) return false;
    if (l.measure === "atPer100k") return true;
    return l.leftover.policy === "proportional" && l.leftover.weight === "atPer100k";
  });
}

// ───────────────────────────── reading ─────────────────────────────

/**
 * Reads the region table of a workbook. Always returns a read; where no table is found,
 * `headerRow` is −1, `inputs` is empty and an error issue (code TABLE_NOT_FOUND) says why.
 */
export function readRegionTable(
  workbook: WorkbookGrid,
  ruleSet: RuleSet,
  settings: Settings,
  options: ReadRegionTableOptions = {},
): RegionTableRead {
  const index = ruleSet.regions ? new RegionIndex(ruleSet.regions) : SWEDISH_REGION_INDEX;
  const years: HeaderYears = {
    year: ruleSet.year,
    rewardedYear: ruleSet.inputs.rewarded?.year,
  };
  const policy: RangePolicy = (RANGE_POLICIES as readonly string[]).includes(settings.range ?? "")
    ? (settings.range as RangePolicy)
    : "midpoint";

  // Sheets a person may have put the table on: never our own bookkeeping or summary sheets.
  const dataSheets = workbook.sheets.filter(
    (s) => s.name !== OWNERSHIP_SHEET && s.name !== workbook.owned?.summarySheet,
  );
  const notFound = (sheetName: string, message: Text): RegionTableRead => ({
    sheet: sheetName,
    range: "",
    headerRow: -1,
    left: -1,
    right: -1,
    dataRows: [],
    columns: {},
    inputs: [],
    issues: [{ severity: "error", code: TABLE_NOT_FOUND, sheet: sheetName, message }],
  });
  const regionHeaderHint: Text = {
    sv: `en rubrikrad med en kolumn "Region" (eller "Län") och en kolumn "${expectedHeader("at", years).sv}"`,
    en: `a header row with a column "Region" (or "County") and a column "${expectedHeader("at", years).en}"`,
  };

  let located: Located | null = null;
  if (options.sheet !== undefined) {
    const sheet = workbook.sheets.find((s) => s.name === options.sheet);
    if (!sheet) {
      const names = dataSheets.map((s) => `"${s.name}"`).join(", ");
      return notFound(options.sheet, {
        sv: `bladet "${options.sheet}" finns inte i arbetsboken (blad: ${names})`,
        en: `the workbook has no sheet "${options.sheet}" (sheets: ${names})`,
      });
    }
    located = locateInSheet(workbook, sheet, years, index);
    if (!located) {
      return notFound(sheet.name, {
        sv: `hittar ingen regiontabell på bladet "${sheet.name}" — det behövs ${regionHeaderHint.sv}`,
        en: `no region table found on sheet "${sheet.name}" — it needs ${regionHeaderHint.en}`,
      });
    }
  } else {
    const active = dataSheets.find((s) => s.name === workbook.activeSheet);
    if (active) located = locateInSheet(workbook, active, years, index);
    if (!located) {
      // The active sheet may be a cover page or our summary: the one other sheet with a
      // region table is what the user means (said so in a notice below).
      for (const s of dataSheets) {
        if (s === active) continue;
        const found = locateInSheet({ ...workbook, selection: undefined }, s, years, index);
        if (found) {
          located = { ...found, how: "otherSheet" };
          break;
        }
      }
    }
    if (!located) {
      return notFound(workbook.activeSheet, {
        sv: `hittar ingen regiontabell — det behövs ${regionHeaderHint.sv}`,
        en: `no region table found — it needs ${regionHeaderHint.en}`,
      });
    }
  }
  return readLocated(workbook, ruleSet, settings, located, index, years, policy);
}

interface Candidate {
  col: number;
  header: string;
  match: HeaderMatch;
}

function readLocated(
  workbook: WorkbookGrid,
  ruleSet: RuleSet,
  settings: Settings,
  located: Located,
  index: RegionIndex,
  years: HeaderYears,
  policy: RangePolicy,
): RegionTableRead {
  const { sheet, headerRow } = located;
  const issues: Issue[] = [];
  const add = (
    severity: Severity,
    code: string,
    message: Text,
    at?: { row: number; col: number },
    region?: string,
  ): void => {
    const issue: Issue = { severity, code, sheet: sheet.name, message };
    if (at) issue.cell = toA1(at.row, at.col);
    if (region !== undefined) issue.region = region;
    issues.push(issue);
  };

  // The user's columns: never the ones a previous run of ours wrote.
  let { left, right } = located.rect;
  const owned = ownedColumns(workbook, sheet.name);
  if (owned && owned.left > located.regionCol && owned.left <= right) right = owned.left - 1;
  for (let c = located.regionCol + 1; c <= right; c++) {
    if (isOwnedHeader(workbook, sheet.name, cellAt(sheet, headerRow, c))) {
      right = c - 1;
      break;
    }
  }
  if (owned && owned.right < located.regionCol && owned.right >= left) left = owned.right + 1;
  const bottom = located.rect.bottom;

  if (located.how === "otherSheet") {
    add("notice", "table.otherSheet", {
      sv: `det aktiva bladet "${workbook.activeSheet}" har ingen regiontabell — läser bladet "${sheet.name}"`,
      en: `the active sheet "${workbook.activeSheet}" has no region table — reading sheet "${sheet.name}"`,
    });
  }
  if (located.table?.hasTotalsRow) {
    const t = located.table;
    add(
      "notice",
      "row.totalSkipped",
      {
        sv: `tabellens summarad hoppas över`,
        en: `the table's totals row is skipped`,
      },
      { row: t.top + t.rows - 1, col: located.regionCol },
    );
  }

  // ── Columns: which header names which field.
  const wanted = new Set<ColumnField>(["region", "code", "at"]);
  for (const f of Object.keys(ruleSet.inputs) as ColumnField[]) wanted.add(f);
  if (ruleSet.groups && Object.keys(ruleSet.groups).length > 0) wanted.add("group");
  wanted.add("population"); // read where present: an interpretation may need it (2022 "rate")

  const candidates = new Map<ColumnField, Candidate[]>();
  const otherYear = new Map<ColumnField, Candidate[]>();
  for (let c = left; c <= right; c++) {
    const v = cellAt(sheet, headerRow, c);
    const match = matchHeader(v, years);
    if (!match || !wanted.has(match.field)) continue;
    const cand: Candidate = { col: c, header: String(v).trim(), match };
    const bucket = match.year === "other" ? otherYear : candidates;
    bucket.set(match.field, [...(bucket.get(match.field) ?? []), cand]);
  }
  const columns: RegionTableRead["columns"] = {};
  let columnsBad = false;
  for (const [field, list] of candidates) {
    if (field === "region") {
      // The header cell that located the table is the region column; another is a clash.
      const others = list.filter((c) => c.col !== located.regionCol);
      columns.region = located.regionCol;
      if (others.length > 0) {
        const first = list.find((c) => c.col === located.regionCol);
        columnsBad = true;
        add(
          "error",
          "column.ambiguous",
          ambiguousText([first ?? others[0], ...others], headerRow, fieldLabel("region", years)),
          { row: headerRow, col: others[0].col },
        );
      }
      continue;
    }
    const exact = list.filter((c) => c.match.year === "exact");
    const pool = exact.length > 0 ? exact : list;
    if (pool.length === 1) {
      columns[field] = pool[0].col;
    } else {
      columnsBad = true;
      add("error", "column.ambiguous", ambiguousText(pool, headerRow, fieldLabel(field, years)), {
        row: headerRow,
        col: pool[1].col,
      });
    }
  }
  if (columns.region === undefined) columns.region = located.regionCol;

  const needPopulation = populationNeeded(ruleSet, settings);
  const required: ColumnField[] = ["at"];
  if (needPopulation) required.push("population");
  if (ruleSet.inputs.forecast?.required) required.push("forecast");
  const baselineSpec = ruleSet.inputs.baseline;
  const baselineDefaults = baselineSpec?.defaults;
  const useBaselineDefaults =
    !!baselineSpec &&
    columns.baseline === undefined &&
    !candidates.has("baseline") &&
    !!baselineDefaults;
  if (baselineSpec?.required && !baselineDefaults) required.push("baseline");
  for (const field of required) {
    if (columns[field] !== undefined || candidates.has(field)) continue;
    columnsBad = true;
    const header = expectedHeader(field, years);
    const label = fieldLabel(field, years);
    const wrong = otherYear.get(field) ?? [];
    const hint: Text =
      wrong.length > 0
        ? {
            sv: ` (kolumnen "${wrong[0].header}" i ${toA1(headerRow, wrong[0].col)} gäller ett annat år än ${years.year})`,
            en: ` (column "${wrong[0].header}" in ${toA1(headerRow, wrong[0].col)} is for another year than ${years.year})`,
          }
        : { sv: "", en: "" };
    add("error", "column.missing", {
      sv: `kolumnen "${header.sv}" saknas — lägg till en kolumn med ${label.sv}${needPopulation && field === "population" ? " (behövs för AT per 100 000 invånare)" : ""}${hint.sv}`,
      en: `the column "${header.en}" is missing — add a column with ${label.en}${needPopulation && field === "population" ? " (needed for AT per 100 000 inhabitants)" : ""}${hint.en}`,
    });
  }
  if (useBaselineDefaults) {
    const header = expectedHeader("baseline", years);
    add("warning", "baseline.columnMissing", {
      sv: `kolumnen "${header.sv}" saknas — beslutets värden (${ruleSet.reference}) används för alla regioner`,
      en: `the column "${header.en}" is missing — the decision's values (${ruleSet.reference}) are used for every region`,
    });
  }
  // A population column dated otherwise than the rules say is worth a second look.
  if (columns.population !== undefined && ruleSet.populationDate) {
    const header = String(cellAt(sheet, headerRow, columns.population));
    const found = matchHeader(header, years)?.yearsFound ?? [];
    const want = Number(ruleSet.populationDate.slice(0, 4));
    if (found.length > 0 && !found.includes(want)) {
      add(
        "warning",
        "population.date",
        {
          sv: `rubriken "${header.trim()}" anger ${found.join("/")}, men reglerna för ${years.year} använder folkmängden ${ruleSet.populationDate}`,
          en: `the header "${header.trim()}" says ${found.join("/")}, but the rules for ${years.year} use the population of ${ruleSet.populationDate}`,
        },
        { row: headerRow, col: columns.population },
      );
    }
  }

  const read: RegionTableRead = {
    sheet: sheet.name,
    range: rangeA1(headerRow, left, bottom, right),
    headerRow,
    left,
    right,
    dataRows: [],
    columns,
    inputs: [],
    issues,
  };
  if (located.table) read.table = located.table.name;

  // ── Rows.
  const seen = new Map<string, number>(); // code → sheet row of its first occurrence
  const inputs: RegionInput[] = [];
  const regionCol = columns.region;
  const atLabel = fieldLabel("at", years);
  const popLabel = fieldLabel("population", years);
  const totalRows: number[] = [];

  for (let row = headerRow + 1; row <= bottom; row++) {
    const regionCell = cellAt(sheet, row, regionCol);
    const rowHasData = rowHasValue(sheet, row, left, right);
    if (isBlank(regionCell)) {
      read.dataRows.push({ row, code: null });
      if (rowHasData) {
        add(
          "notice",
          "row.blankRegion",
          {
            sv: `raden saknar region och hoppas över`,
            en: `the row has no region and is skipped`,
          },
          { row, col: regionCol },
        );
      }
      continue;
    }
    const name =
      typeof regionCell === "string" ? regionCell.trim() : String(showCell(regionCell).sv);
    if (typeof regionCell === "string" && isTotalLabel(regionCell)) {
      read.dataRows.push({ row, code: null });
      totalRows.push(row);
      add(
        "notice",
        "row.totalSkipped",
        {
          sv: `raden "${name}" är en summarad och hoppas över`,
          en: `the row "${name}" is a total and is skipped`,
        },
        { row, col: regionCol },
      );
      continue;
    }
    let region: RegionDef | null = null;
    if (typeof regionCell === "string") {
      const m = index.match(regionCell);
      if (m.ok) region = m.region;
      else {
        read.dataRows.push({ row, code: null });
        const codeGuess = /^\d{1,2}$/.test(name) ? index.byCodeOrNull(name) : null;
        const suggestion = codeGuess ?? m.suggestion;
        add(
          "error",
          "region.unknown",
          suggestion
            ? {
                sv: `"${name}" är ingen känd region — menade du ${suggestion.name}?`,
                en: `"${name}" is not a known region — did you mean ${suggestion.name}?`,
              }
            : {
                sv: `"${name}" är ingen känd region — skriv regionens namn, t.ex. "Skåne" eller "Region Skåne"`,
                en: `"${name}" is not a known region — write the region's name, e.g. "Skåne" or "Region Skåne"`,
              },
          { row, col: regionCol },
        );
        continue;
      }
    } else {
      read.dataRows.push({ row, code: null });
      add(
        "error",
        "region.unknown",
        {
          sv: `${showCell(regionCell).sv} är inget regionnamn — skriv regionens namn, t.ex. "Skåne"`,
          en: `${showCell(regionCell).en} is not a region name — write the region's name, e.g. "Skåne"`,
        },
        { row, col: regionCol },
      );
      continue;
    }
    const rname = region.name;
    const at = (col: number) => ({ row, col });

    const firstRow = seen.get(region.code);
    if (firstRow !== undefined) {
      read.dataRows.push({ row, code: null });
      add(
        "error",
        "region.duplicate",
        {
          sv: `${rname} finns redan på rad ${firstRow + 1} (${toA1(firstRow, regionCol)}) — varje region får bara finnas en gång`,
          en: `${rname} is already on row ${firstRow + 1} (${toA1(firstRow, regionCol)}) — each region may appear only once`,
        },
        at(regionCol),
        rname,
      );
      continue;
    }
    seen.set(region.code, row);
    read.dataRows.push({ row, code: region.code });
    const input: RegionInput = { code: region.code, at: null };

    // Code column: a cross-check, never the key.
    if (columns.code !== undefined) {
      const v = cellAt(sheet, row, columns.code);
      if (!isBlank(v)) {
        const text = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "";
        const byCode = /^\d+$/.test(text)
          ? index.byCodeOrNull(text)
          : text
            ? index.byCodeOrNull(text)
            : null;
        if (!byCode) {
          add(
            "warning",
            "code.unknown",
            {
              sv: `länskoden ${showCell(v).sv} finns inte i listan över regioner — raden läses efter namnet (${rname}, ${region.code})`,
              en: `the county code ${showCell(v).en} is not in the list of regions — the row is read by its name (${rname}, ${region.code})`,
            },
            at(columns.code),
            rname,
          );
        } else if (byCode.code !== region.code) {
          add(
            "error",
            "code.mismatch",
            {
              sv: `länskoden ${byCode.code} hör till ${byCode.name}, men raden gäller ${rname} (${region.code}) — rätta koden eller namnet`,
              en: `the county code ${byCode.code} belongs to ${byCode.name}, but the row is ${rname} (${region.code}) — correct the code or the name`,
            },
            at(columns.code),
            rname,
          );
        }
      }
    }

    // AT count: blank = did not report (RULES.md, "Counts, population, per-capita rate").
    if (columns.at !== undefined) {
      const v = cellAt(sheet, row, columns.at);
      const r = readCount(v);
      if (r.kind === "value") {
        input.at = r.value;
        if (r.value === 0) {
          add(
            "warning",
            "at.zero",
            {
              sv: `${rname} har redovisat 0 AT ${years.year} — det räknas som redovisat; lämna cellen tom om regionen inte har redovisat`,
              en: `${rname} reported 0 AT posts ${years.year} — that counts as reported; leave the cell blank if the region did not report`,
            },
            at(columns.at),
            rname,
          );
        }
      } else if (r.kind === "blank") {
        add(
          "notice",
          "at.notReported",
          {
            sv: `tom cell: ${rname} har inte redovisat ${atLabel.sv} och deltar inte där redovisning krävs`,
            en: `blank cell: ${rname} did not report ${atLabel.en} and takes no part where reporting is required`,
          },
          at(columns.at),
          rname,
        );
      } else {
        add(
          "error",
          `count.${r.reason}`,
          badCountText(r.reason, r.shown, atLabel, false),
          at(columns.at),
          rname,
        );
      }
    }

    // Population: whole > 0 where needed.
    if (columns.population !== undefined) {
      const v = cellAt(sheet, row, columns.population);
      const r = readCount(v);
      if (r.kind === "value" && r.value > 0) {
        input.population = r.value;
        if (r.value < 1000) {
          add(
            "warning",
            "population.small",
            {
              sv: `folkmängden ${formatNumber(r.value, "sv")} är mycket liten — ange hela antalet invånare, inte tusental`,
              en: `the population ${formatNumber(r.value, "en")} is very small — enter the number of inhabitants, not thousands`,
            },
            at(columns.population),
            rname,
          );
        }
      } else if (r.kind === "value" || r.kind === "blank") {
        input.population = null;
        if (needPopulation) {
          add(
            "error",
            r.kind === "blank" ? "population.blank" : "population.zero",
            r.kind === "blank"
              ? {
                  sv: `folkmängd saknas — ange ${popLabel.sv} som ett heltal större än 0 (behövs för AT per 100 000 invånare)`,
                  en: `the population is missing — enter the ${popLabel.en} as a whole number above 0 (needed for AT per 100 000 inhabitants)`,
                }
              : {
                  sv: `folkmängden är 0 — ange ${popLabel.sv} som ett heltal större än 0`,
                  en: `the population is 0 — enter the ${popLabel.en} as a whole number above 0`,
                },
            at(columns.population),
            rname,
          );
        }
      } else {
        input.population = null;
        // A wrong value is an error even where the year does not need it: it is a mistake.
        add(
          "error",
          `count.${r.reason}`,
          badCountText(r.reason, r.shown, popLabel, true),
          at(columns.population),
          rname,
        );
      }
    }

    if (baselineSpec) {
      readBaseline(
        ruleSet,
        region,
        row,
        columns.baseline,
        useBaselineDefaults,
        input,
        years,
        policy,
        {
          sheet,
          add,
          regionCol,
        },
      );
    }

    if (ruleSet.inputs.rewarded && columns.rewarded !== undefined) {
      const v = cellAt(sheet, row, columns.rewarded);
      const r = readCount(v);
      if (r.kind === "value") input.rewarded = r.value;
      else if (r.kind === "blank") input.rewarded = null;
      else {
        add(
          "error",
          `count.${r.reason}`,
          badCountText(r.reason, r.shown, fieldLabel("rewarded", years), false),
          at(columns.rewarded),
          rname,
        );
      }
    }

    if (ruleSet.inputs.forecast && columns.forecast !== undefined) {
      const v = cellAt(sheet, row, columns.forecast);
      const r = readYesNo(v);
      if (r.kind === "value") input.forecast = r.value;
      else {
        add(
          "error",
          "forecast.invalid",
          {
            sv: `${r.shown.sv} är inget svar på om prognos lämnats — ange Ja eller Nej (tom cell = Nej)`,
            en: `${r.shown.en} does not say whether a forecast was submitted — enter Yes or No (blank = No)`,
          },
          at(columns.forecast),
          rname,
        );
      }
    }

    if (ruleSet.groups && columns.group !== undefined) {
      const v = cellAt(sheet, row, columns.group);
      if (!isBlank(v)) {
        const id = matchGroup(ruleSet, v);
        const names = Object.values(ruleSet.groups);
        if (!id) {
          add(
            "error",
            "group.unknown",
            {
              sv: `${showCell(v).sv} är ingen känd grupp — ange ${names.map((g) => `"${g.name.sv}"`).join(" eller ")} (tom cell = beslutets lista)`,
              en: `${showCell(v).en} is not a known group — enter ${names.map((g) => `"${g.name.en}"`).join(" or ")} (blank = the decision's list)`,
            },
            at(columns.group),
            rname,
          );
        } else {
          input.group = id;
          const official = Object.entries(ruleSet.groups).find(([, g]) =>
            g.members.includes(region!.code),
          );
          if (!official || official[0] !== id) {
            const g = ruleSet.groups[id];
            add(
              "notice",
              "group.override",
              {
                sv: `${rname} räknas till gruppen "${g.name.sv}" enligt tabellen${official ? ` (beslutets lista: "${official[1].name.sv}")` : ""}`,
                en: `${rname} counts as "${g.name.en}" by the table${official ? ` (the decision's list: "${official[1].name.en}")` : ""}`,
              },
              at(columns.group),
              rname,
            );
          }
        }
      }
    }

    inputs.push(input);
  }

  // Total rows that do not add up point at a typing error somewhere.
  for (const row of totalRows) {
    for (const field of ["at", "population"] as const) {
      const col = columns[field];
      if (col === undefined) continue;
      const r = readCount(cellAt(sheet, row, col));
      if (r.kind !== "value") continue;
      const values = inputs.map((i) => i[field]);
      if (values.some((x) => x === null || x === undefined)) continue;
      const sum = values.reduce<number>((s, x) => s + (x as number), 0);
      if (sum !== r.value) {
        const label = fieldLabel(field, years);
        add(
          "warning",
          "total.mismatch",
          {
            sv: `summaraden anger ${formatNumber(r.value, "sv")} för ${label.sv}, men regionerna summerar till ${formatNumber(sum, "sv")}`,
            en: `the total row says ${formatNumber(r.value, "en")} for ${label.en}, but the regions add up to ${formatNumber(sum, "en")}`,
          },
          { row, col },
        );
      }
    }
  }

  // A region of the rule set that is not in the table takes part in nothing (IO.md).
  if (!columnsBad) {
    for (const r of index.regions) {
      if (!seen.has(r.code)) {
        issues.push({
          severity: "warning",
          code: "region.missing",
          sheet: sheet.name,
          region: r.name,
          message: {
            sv: `${r.name} finns inte i tabellen och deltar inte i något block`,
            en: `${r.name} is not in the table and takes part in no block`,
          },
        });
      }
    }
  }

  read.inputs = inputs.sort((a, b) => compareCodes(a.code, b.code));
  return read;
}

function ambiguousText(list: Candidate[], headerRow: number, label: Text): Text {
  const names = list.map((c) => `"${c.header}" (${toA1(headerRow, c.col)})`);
  const joinedSv = names.slice(0, -1).join(", ") + " och " + names[names.length - 1];
  const joinedEn = names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  return {
    sv: `både ${joinedSv} kan vara ${label.sv} — byt rubrik på eller ta bort den som inte ska läsas`,
    en: `both ${joinedEn} could be ${label.en} — rename or remove the one that should not be read`,
  };
}

function matchGroup(ruleSet: RuleSet, value: CellValue): string | null {
  if (typeof value !== "string") return null;
  const folded = foldRegionName(value);
  for (const [id, g] of Object.entries(ruleSet.groups ?? {})) {
    const names = [id, g.name.sv, g.name.en, ...(g.aliases ?? [])];
    if (names.some((n) => foldRegionName(n) === folded)) return id;
  }
  return null;
}

interface RowContext {
  sheet: SheetGrid;
  regionCol: number;
  add: (
    severity: Severity,
    code: string,
    message: Text,
    at?: { row: number; col: number },
    region?: string,
  ) => void;
}

/** "(förslag: 199, planerat 2023)" from the rule set's previous planned year, if it has one. */
function suggestionText(ruleSet: RuleSet, code: string, policy: RangePolicy): Text {
  const prev = ruleSet.inputs.baseline?.previous?.[code];
  if (!prev) return { sv: "", en: "" };
  const r = parsePlanningValue(prev, policy);
  if (r.kind !== "number" && r.kind !== "range" && r.kind !== "annotation")
    return { sv: "", en: "" };
  const v = num(r.value);
  const raw = r.kind === "number" ? null : prev;
  const y = ruleSet.year - 1;
  return {
    sv: ` (förslag: ${v.sv}${raw ? ` ur "${raw}"` : ""}, planerat ${y})`,
    en: ` (suggestion: ${v.en}${raw ? ` from "${raw}"` : ""}, planned for ${y})`,
  };
}

/** What a planning reading says, for its notice: "läses som 86,5 (mittpunkten)". */
function readingText(raw: string, r: PlanningReading): Text | null {
  if (r.kind === "range") {
    const v = num(r.value);
    return {
      sv: `"${raw}" läses som ${v.sv} (${POLICY_WORDS[r.policy].sv})`,
      en: `"${raw}" is read as ${v.en} (${POLICY_WORDS[r.policy].en})`,
    };
  }
  if (r.kind === "annotation") {
    const v = num(r.value);
    return {
      sv: `"${raw}" läses som ${v.sv} ("ev." är en möjlighet, ingen plan)`,
      en: `"${raw}" is read as ${v.en} ("ev." is a possibility, not a plan)`,
    };
  }
  return null;
}

/** The planned AT (baseline) of one row, from the cell or the decision's default. */
function readBaseline(
  ruleSet: RuleSet,
  region: RegionDef,
  row: number,
  col: number | undefined,
  useDefaults: boolean,
  input: RegionInput,
  years: HeaderYears,
  policy: RangePolicy,
  ctx: RowContext,
): void {
  const label = fieldLabel("baseline", years);
  const rname = region.name;
  const spec = ruleSet.inputs.baseline!;
  const def = spec.defaults?.[region.code];
  const cellPos = col !== undefined ? { row, col } : { row, col: ctx.regionCol };

  const useDefault = (why: "blank" | "column"): void => {
    if (def === undefined) {
      if (spec.required) {
        ctx.add(
          "error",
          "baseline.blank",
          {
            sv: `${label.sv} saknas — ange ett värde`,
            en: `${label.en} is missing — enter a value`,
          },
          cellPos,
          rname,
        );
      }
      input.baseline = null;
      return;
    }
    const r = parsePlanningValue(def, policy);
    if (r.kind === "noData" || r.kind === "invalid") {
      const sugg = suggestionText(ruleSet, region.code, policy);
      ctx.add(
        "error",
        "baseline.noData",
        why === "blank"
          ? {
              sv: `${label.sv} saknas och beslutet anger "${def}" (inga uppgifter) — ange ett värde${sugg.sv}`,
              en: `${label.en} is missing and the decision says "${def}" (no data) — enter a value${sugg.en}`,
            }
          : {
              sv: `beslutet anger "${def}" (inga uppgifter) för ${rname} — lägg till kolumnen "${expectedHeader("baseline", years).sv}" och ange ett värde${sugg.sv}`,
              en: `the decision says "${def}" (no data) for ${rname} — add the column "${expectedHeader("baseline", years).en}" and enter a value${sugg.en}`,
            },
        cellPos,
        rname,
      );
      input.baseline = null;
      return;
    }
    input.baseline = r.value;
    const reading = readingText(def, r);
    if (why === "blank") {
      ctx.add(
        "warning",
        "baseline.default",
        {
          sv: `tom cell: beslutets värde för ${label.sv} används, ${reading ? reading.sv : num(r.value).sv}`,
          en: `blank cell: the decision's value for ${label.en} is used, ${reading ? reading.en : num(r.value).en}`,
        },
        cellPos,
        rname,
      );
    } else if (reading) {
      ctx.add(
        "notice",
        `planning.${r.kind}`,
        {
          sv: `beslutets värde: ${reading.sv}`,
          en: `the decision's value: ${reading.en}`,
        },
        cellPos,
        rname,
      );
    }
  };

  if (col === undefined) {
    if (useDefaults) useDefault("column");
    return;
  }
  const v = ctx.sheet.values[row - ctx.sheet.top]?.[col - ctx.sheet.left] ?? null;
  if (isBlank(v)) {
    useDefault("blank");
    return;
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 0) {
      ctx.add(
        "error",
        "count.negative",
        badCountText("negative", showCell(v), label, false),
        cellPos,
        rname,
      );
      return;
    }
    input.baseline = new Decimal(v).toString();
    return;
  }
  if (typeof v !== "string") {
    const reason =
      v === null || typeof v === "boolean"
        ? "text"
        : "error" in v
          ? "error"
          : "formula" in v
            ? "uncalculated"
            : "date";
    ctx.add(
      "error",
      `count.${reason}`,
      badCountText(reason, showCell(v), label, false),
      cellPos,
      rname,
    );
    return;
  }
  const text = v.trim();
  let r = parsePlanningValue(text, policy);
  if (r.kind === "invalid") {
    // "1 250" or "−3": a number as people write it, or a negative one.
    const d = parseNumberText(text);
    if (d && !d.isNeg()) r = { kind: "number", value: d.toString() };
    else if (d) {
      ctx.add(
        "error",
        "count.negative",
        badCountText("negative", num(d), label, false),
        cellPos,
        rname,
      );
      return;
    }
  }
  if (r.kind === "noData") {
    ctx.add(
      "error",
      "baseline.noData",
      {
        sv: `"${text}" är inget antal — ange ${label.sv}${suggestionText(ruleSet, region.code, policy).sv}`,
        en: `"${text}" is not a number — enter ${label.en}${suggestionText(ruleSet, region.code, policy).en}`,
      },
      cellPos,
      rname,
    );
    return;
  }
  if (r.kind === "invalid") {
    ctx.add(
      "error",
      "count.text",
      {
        sv: `"${text}" är inget antal — ange ${label.sv} som ett tal, ett intervall ("84–89") eller ett tal med anmärkning ("46 (ev. 48)")`,
        en: `"${text}" is not a number — enter ${label.en} as a number, a range ("84–89") or a number with a note ("46 (ev. 48)")`,
      },
      cellPos,
      rname,
    );
    return;
  }
  input.baseline = r.value;
  const reading = readingText(text, r);
  if (reading) ctx.add("notice", `planning.${r.kind}`, reading, cellPos, rname);
}
