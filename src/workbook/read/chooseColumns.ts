/**
 * Which column of the region table holds which field (IO.md, "The region table"). A header
 * that fits a field is read; one that looks like a field but does not fit the year, names
 * several years, or is worded uncertainly is named, and is an error wherever leaving it
 * unread would move money (a default used in its place).
 */
import type { RuleSet, Text } from "../../domain/ruleSet";
import type { Settings } from "../../domain/types";
import { toA1 } from "../a1";
import { declaredInputs } from "../../domain/vocabulary/rows";
import { isAllocationHeader } from "../allocationHeaders";
import { expectedHeader, fieldLabel, foldHeader, looksLikeField, matchHeader } from "../headers";
import type { HeaderMatch, HeaderYears } from "../headers";
import type { ColumnField, RegionTableRead } from "../types";
import { cellAt } from "./grid";
import type { IssueSink } from "./messages";
import { joinList } from "./messages";
import { populationNeeded } from "./needs";

interface Candidate {
  col: number;
  header: string;
  match: HeaderMatch;
}

export interface ChosenColumns {
  columns: RegionTableRead["columns"];
  /** A needed column is missing or unclear: the rows are still read, amounts are not made. */
  columnsBad: boolean;
  /** The decision's planning values stand in for a baseline column the table does not have. */
  useBaselineDefaults: boolean;
  needPopulation: boolean;
}

export interface ColumnScope {
  headerRow: number;
  left: number;
  right: number;
  regionCol: number;
}

/** The fields this rule set reads from a table, under these settings. */
function wantedFields(ruleSet: RuleSet): Set<ColumnField> {
  const wanted = new Set<ColumnField>(["region", "code", "at"]);
  for (const f of Object.keys(ruleSet.inputs) as ColumnField[]) wanted.add(f);
  if (ruleSet.groups && Object.keys(ruleSet.groups).length > 0) wanted.add("group");
  wanted.add("population"); // read where present: an interpretation may need it (2022 "rate")
  return wanted;
}

function quoteList(list: Candidate[], headerRow: number, lang: "sv" | "en"): string {
  return joinList(
    list.map((c) => `"${c.header}" (${toA1(headerRow, c.col)})`),
    lang,
  );
}

function ambiguousText(list: Candidate[], headerRow: number, label: Text): Text {
  return {
    sv: `både ${quoteList(list, headerRow, "sv")} kan vara ${label.sv} — byt rubrik på eller ta bort den som inte ska läsas`,
    en: `both ${quoteList(list, headerRow, "en")} could be ${label.en} — rename or remove the one that should not be read`,
  };
}

export function chooseColumns(
  sink: IssueSink,
  scope: ColumnScope,
  ruleSet: RuleSet,
  settings: Settings,
  years: HeaderYears,
): ChosenColumns {
  const { headerRow, left, right, regionCol } = scope;
  const sheet = sink.sheet;
  const wanted = wantedFields(ruleSet);
  const usable = new Map<ColumnField, Candidate[]>();
  const otherYear = new Map<ColumnField, Candidate[]>();
  const spans = new Map<ColumnField, Candidate[]>();
  const uncertain = new Map<ColumnField, Candidate[]>();
  const push = (m: Map<ColumnField, Candidate[]>, f: ColumnField, c: Candidate): void => {
    m.set(f, [...(m.get(f) ?? []), c]);
  };
  for (let c = left; c <= right; c++) {
    const v = cellAt(sheet, headerRow, c);
    // The tool's own kronor columns ("Efter folkmängd") are never an input.
    if (isAllocationHeader(v, ruleSet.blocks)) continue;
    const match = matchHeader(v, years);
    const header = String(v ?? "").trim();
    if (!match) {
      const like = looksLikeField(v);
      if (like)
        push(uncertain, like, {
          col: c,
          header,
          match: { field: like, year: "none", yearsFound: [] },
        });
      continue;
    }
    if (!wanted.has(match.field)) continue;
    const cand: Candidate = { col: c, header, match };
    if (match.year === "other") push(otherYear, match.field, cand);
    else if (match.year === "span") push(spans, match.field, cand);
    else push(usable, match.field, cand);
  }

  const columns: RegionTableRead["columns"] = { region: regionCol };
  let columnsBad = false;
  const error = (code: string, message: Text, col?: number): void => {
    columnsBad = true;
    sink.add("error", code, message, col === undefined ? undefined : { row: headerRow, col });
  };

  for (const [field, list] of usable) {
    if (field === "region") {
      // The header cell that located the table is the region column; another is a clash.
      const others = list.filter((c) => c.col !== regionCol);
      if (others.length > 0) {
        const first = list.find((c) => c.col === regionCol);
        error(
          "column.ambiguous",
          ambiguousText([first ?? others[0], ...others], headerRow, fieldLabel("region", years)),
          others[0].col,
        );
      }
      continue;
    }
    const exact = list.filter((c) => c.match.year === "exact");
    const pool = exact.length > 0 ? exact : list;
    if (pool.length === 1) columns[field] = pool[0].col;
    else
      error(
        "column.ambiguous",
        ambiguousText(pool, headerRow, fieldLabel(field, years)),
        pool[1].col,
      );
  }

  // A header naming several years is never read, and where nothing else is, it is the problem.
  for (const [field, list] of spans) {
    if (columns[field] !== undefined) {
      for (const c of list) notRead(sink, headerRow, c, years);
      continue;
    }
    const c = list[0];
    const header = expectedHeader(field, years);
    error(
      "column.yearSpan",
      {
        sv: `rubriken "${c.header}" anger flera år (${c.match.yearsFound.join("–")}) — det går inte att veta vilket år cellerna gäller; skriv rubriken med ett år, t.ex. "${header.sv}"`,
        en: `the header "${c.header}" names several years (${c.match.yearsFound.join("–")}) — it is not certain which year the cells hold; name one year, e.g. "${header.en}"`,
      },
      c.col,
    );
  }

  declaredColumns(sink, scope, ruleSet, years, columns, () => (columnsBad = true));

  const needPopulation = populationNeeded(ruleSet, settings);
  const required: ColumnField[] = ruleSet.inputs.at.required ? ["at"] : [];
  if (needPopulation) required.push("population");
  if (ruleSet.inputs.forecast?.required) required.push("forecast");
  const baselineSpec = ruleSet.inputs.baseline;
  const baselineDefaults = baselineSpec?.defaults;
  if (baselineSpec?.required && !baselineDefaults) required.push("baseline");

  for (const field of required) {
    if (columns[field] !== undefined || usable.has(field) || spans.has(field)) continue;
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
    const why: Text =
      needPopulation && field === "population"
        ? {
            sv: " (behövs för AT per 100 000 invånare)",
            en: " (needed for AT per 100 000 inhabitants)",
          }
        : { sv: "", en: "" };
    error(
      "column.missing",
      {
        sv: `kolumnen "${header.sv}" saknas — lägg till en kolumn med ${label.sv}${why.sv}${hint.sv}`,
        en: `the column "${header.en}" is missing — add a column with ${label.en}${why.en}${hint.en}`,
      },
      right + 1,
    );
  }

  // Optional fields and fields with the decision's defaults: a column that seems to be the
  // field but is not read would be replaced by a default — that moves money, so it is an error.
  const defaulted: ColumnField[] = [];
  if (ruleSet.inputs.rewarded && columns.rewarded === undefined) defaulted.push("rewarded");
  if (baselineSpec && columns.baseline === undefined && baselineDefaults)
    defaulted.push("baseline");
  for (const field of defaulted) {
    const label = fieldLabel(field, years);
    const header = expectedHeader(field, years);
    for (const c of otherYear.get(field) ?? []) {
      error(
        "column.otherYear",
        {
          sv: `kolumnen "${c.header}" ser ut att vara ${label.sv.replace(/ \d{4}$/, "")}, men för ${c.match.yearsFound.join("/")} — reglerna vill ha "${header.sv}"; byt rubrik om det är den, annars ta bort eller flytta kolumnen (annars används ${field === "baseline" ? "beslutets värden" : "0"} i stället)`,
          en: `the column "${c.header}" looks like ${label.en.replace(/ \d{4}$/, "")}, but for ${c.match.yearsFound.join("/")} — the rules want "${header.en}"; rename it if it is that, else remove or move the column (otherwise ${field === "baseline" ? "the decision's values" : "0"} would be used instead)`,
        },
        c.col,
      );
    }
    for (const c of uncertain.get(field) ?? []) {
      error(
        "column.uncertain",
        {
          sv: `kolumnen "${c.header}" kan vara ${label.sv} men rubriken är inte entydig — byt rubrik till "${header.sv}" om det är den, annars till något som inte kan förväxlas`,
          en: `the column "${c.header}" may be ${label.en} but its header is not clear — rename it "${header.en}" if it is that, else to something that cannot be mistaken for it`,
        },
        c.col,
      );
    }
  }
  const useBaselineDefaults =
    !!baselineSpec &&
    columns.baseline === undefined &&
    !usable.has("baseline") &&
    !!baselineDefaults &&
    !spans.has("baseline");

  // The rest that looks like a field is named, so that nobody wonders whether it was read.
  for (const [field, list] of otherYear) {
    if (defaulted.includes(field)) continue;
    if (required.includes(field) && columns[field] === undefined) continue; // in the missing message
    for (const c of list) notRead(sink, headerRow, c, years);
  }
  for (const [field, list] of uncertain) {
    if (defaulted.includes(field)) continue;
    for (const c of list) notRead(sink, headerRow, c, years);
  }

  if (useBaselineDefaults && !columnsBad) {
    const header = expectedHeader("baseline", years);
    sink.add(
      "warning",
      "baseline.columnMissing",
      {
        sv: `kolumnen "${header.sv}" saknas — beslutets värden (${ruleSet.reference}) används för alla regioner`,
        en: `the column "${header.en}" is missing — the decision's values (${ruleSet.reference}) are used for every region`,
      },
      { row: headerRow, col: right + 1 },
      undefined,
      { affectsAmounts: true },
    );
  }
  populationDateWarning(sink, headerRow, columns, ruleSet, years);
  return { columns, columnsBad, useBaselineDefaults, needPopulation };
}

function notRead(sink: IssueSink, headerRow: number, c: Candidate, years: HeaderYears): void {
  sink.add(
    "notice",
    "column.notRead",
    {
      sv: `kolumnen "${c.header}" läses inte (den gäller inte ${years.year} eller går inte att tolka säkert)`,
      en: `the column "${c.header}" is not read (it is not for ${years.year} or cannot be read with certainty)`,
    },
    { row: headerRow, col: c.col },
  );
}

/** A population column dated otherwise than the rules say is worth a second look. */
function populationDateWarning(
  sink: IssueSink,
  headerRow: number,
  columns: RegionTableRead["columns"],
  ruleSet: RuleSet,
  years: HeaderYears,
): void {
  if (columns.population === undefined || !ruleSet.populationDate) return;
  const header = String(cellAt(sink.sheet, headerRow, columns.population));
  const found = matchHeader(header, years)?.yearsFound ?? [];
  const want = Number(ruleSet.populationDate.slice(0, 4));
  if (found.length > 0 && !found.includes(want)) {
    sink.add(
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

/** A declared input's label or header with the year put in: "ST-tjänster 2026". */
export function withYear(text: string, year: number): string {
  return text.replace(/\{Y\}/g, String(year));
}

/** How a header cell fits one of a declared input's header patterns. */
function declaredMatch(cell: unknown, patterns: string[], year: number): "exact" | "other" | null {
  if (typeof cell !== "string") return null;
  const folded = foldHeader(cell);
  let other = false;
  for (const p of patterns) {
    if (foldHeader(withYear(p, year)) === folded) return "exact";
    if (p.includes("{Y}")) {
      const parts = p.split("{Y}").map((x) => foldHeader(x).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      const re = new RegExp(`^${parts.join(" ?(19[5-9]\\d|20\\d\\d) ?")}$`);
      if (re.test(folded)) other = true;
    }
  }
  return other ? "other" : null;
}

/**
 * The count inputs the rule set declares ("ST {Y}", "Antal ST {Y}"): found by their header
 * patterns, with the same certainty as the built-in fields — one column each, the year right;
 * a required one missing, or an optional one present only for another year, is an error.
 */
function declaredColumns(
  sink: IssueSink,
  scope: ColumnScope,
  ruleSet: RuleSet,
  years: HeaderYears,
  columns: RegionTableRead["columns"],
  bad: () => void,
): void {
  const { headerRow, left, right } = scope;
  for (const name of declaredInputs(ruleSet)) {
    const spec = ruleSet.inputs[name]!;
    const patterns = spec.headers ?? [];
    const label: Text = {
      sv: withYear(spec.label!.sv, years.year),
      en: withYear(spec.label!.en, years.year),
    };
    const exact: Candidate[] = [];
    const other: Candidate[] = [];
    for (let c = left; c <= right; c++) {
      const v = cellAt(sink.sheet, headerRow, c);
      if (isAllocationHeader(v, ruleSet.blocks)) continue;
      const m = declaredMatch(v, patterns, years.year);
      if (!m) continue;
      const cand: Candidate = {
        col: c,
        header: String(v).trim(),
        match: { field: "at", year: m === "exact" ? "exact" : "other", yearsFound: [] },
      };
      (m === "exact" ? exact : other).push(cand);
    }
    if (exact.length === 1) {
      columns[name] = exact[0].col;
      continue;
    }
    if (exact.length > 1) {
      bad();
      sink.add("error", "column.ambiguous", ambiguousText(exact, headerRow, label), {
        row: headerRow,
        col: exact[1].col,
      });
      continue;
    }
    const expected = withYear(patterns[0] ?? name, years.year);
    if (spec.required || other.length > 0) {
      bad();
      const hint =
        other.length > 0
          ? {
              sv: ` (kolumnen "${other[0].header}" i ${toA1(headerRow, other[0].col)} gäller ett annat år än ${years.year})`,
              en: ` (column "${other[0].header}" in ${toA1(headerRow, other[0].col)} is for another year than ${years.year})`,
            }
          : { sv: "", en: "" };
      sink.add(
        "error",
        other.length > 0 && !spec.required ? "column.otherYear" : "column.missing",
        {
          sv: `kolumnen "${expected}" saknas — lägg till en kolumn med ${label.sv}${hint.sv}`,
          en: `the column "${expected}" is missing — add a column with ${label.en}${hint.en}`,
        },
        { row: headerRow, col: other.length > 0 ? other[0].col : right + 1 },
      );
    }
  }
}
