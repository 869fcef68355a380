/**
 * Reads a rule sheet (layout.ts) into a rule set. Every problem is named by its cell, in
 * Swedish and English: a cell that is no amount, a word the sheet does not know, and — once the
 * sheet is assembled — every problem parseRuleSet finds, mapped from its path back to the cell
 * it came from ("Regler!D12: är 223000000 men blocken summerar till 222000000").
 */
import { parseRuleSet, RuleSetError } from "../../domain/parseRuleSet";
import type { RuleSet, Text } from "../../domain/ruleSet";
import { toA1 } from "../a1";
import { isBlank, parseNumberText } from "../cellValues";
import { foldHeader } from "../headers";
import type { CellValue, Issue, SheetGrid } from "../types";
import {
  CellTextError,
  parseCap,
  parseConditions,
  parseLeftoverText,
  SPLIT_WORDS,
} from "./cellText";
import { COLUMNS, FACTS, RULE_SHEET_TITLE, SECTIONS } from "./layout";
import type { TableName } from "./layout";

export type RuleSheetRead =
  { ruleSet: RuleSet; issues: Issue[] } | { ruleSet: null; issues: Issue[] };

type Json = Record<string, unknown>;
type Row = { row: number; get(key: string): CellValue; at(key: string): string };

const fold = (v: CellValue): string => (typeof v === "string" ? foldHeader(v) : "");
const same = (v: CellValue, t: Text): boolean =>
  fold(v) !== "" && (fold(v) === foldHeader(t.sv) || fold(v) === foldHeader(t.en));

/** Whether a sheet is a rule sheet (its title in column A of its first rows). */
export function isRuleSheet(sheet: SheetGrid): boolean {
  return sheet.values.slice(0, 5).some((r) => same(r[0] ?? null, RULE_SHEET_TITLE));
}

class SheetReader {
  readonly issues: Issue[] = [];
  /** JSON path → the cell it came from. */
  readonly origin = new Map<string, string>();
  constructor(readonly sheet: SheetGrid) {}

  cellAt(row: number, col: number): CellValue {
    return this.sheet.values[row - this.sheet.top]?.[col - this.sheet.left] ?? null;
  }
  a1(row: number, col: number): string {
    return toA1(row, col);
  }
  error(cell: string, message: Text): void {
    this.issues.push({
      severity: "error",
      code: "ruleSheet.cell",
      sheet: this.sheet.name,
      cell,
      message,
    });
  }
  mark(path: string, cell: string): void {
    this.origin.set(path, cell);
  }
  text(r: Row, key: string): string | undefined {
    const v = r.get(key);
    if (isBlank(v)) return undefined;
    return typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : String(v);
  }
  number(r: Row, key: string, what: Text): number | undefined {
    const v = r.get(key);
    if (isBlank(v)) return undefined;
    if (typeof v === "number") return v;
    const d = typeof v === "string" ? parseNumberText(v) : null;
    if (d) return d.toNumber();
    this.error(r.at(key), {
      sv: `${what.sv} är inget tal ("${String(v)}")`,
      en: `${what.en} is not a number ("${String(v)}")`,
    });
    return undefined;
  }
  bool(r: Row, key: string): boolean | undefined {
    const t = (this.text(r, key) ?? "").toLowerCase();
    if (t === "") return undefined;
    if (["ja", "yes", "true", "sant", "x"].includes(t)) return true;
    if (["nej", "no", "false", "falskt"].includes(t)) return false;
    this.error(r.at(key), { sv: `"${t}" — skriv Ja eller Nej`, en: `"${t}" — write Yes or No` });
    return undefined;
  }
  words<T>(r: Row, key: string, f: (s: string) => T): T | undefined {
    const t = this.text(r, key);
    if (t === undefined) return undefined;
    try {
      return f(t);
    } catch (e) {
      if (!(e instanceof CellTextError)) throw e;
      this.error(r.at(key), { sv: e.sv, en: e.en });
      return undefined;
    }
  }
}

const split = (s: string | undefined): string[] =>
  s
    ? s
        .split(";")
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

/** The sheet's tables: title row, header row, data rows until a blank row or the next title. */
function tablesOf(rd: SheetReader): {
  facts: Row[];
  tables: { name: TableName; title: string; rows: Row[]; at: string }[];
} {
  const s = rd.sheet;
  const facts: Row[] = [];
  const tables: { name: TableName; title: string; rows: Row[]; at: string }[] = [];
  const last = s.top + s.values.length - 1;
  const titleOf = (v: CellValue): { name: TableName; rest: string } | null => {
    if (typeof v !== "string") return null;
    for (const [name, t] of Object.entries(SECTIONS) as [TableName, Text][]) {
      if (same(v, t)) return { name, rest: "" };
      if (name === "ladder") {
        const m = /^(trappa|ladder)\s+(.+)$/i.exec(v.trim());
        if (m) return { name, rest: m[2].trim() };
      }
    }
    return null;
  };
  let r = s.top;
  // Facts: label in A, value in B, up to the first table.
  for (; r <= last && !titleOf(rd.cellAt(r, s.left)); r++) {
    const row = r;
    if (isBlank(rd.cellAt(row, s.left))) continue;
    facts.push({
      row,
      get: (k) => (k === "label" ? rd.cellAt(row, s.left) : rd.cellAt(row, s.left + 1)),
      at: (k) => rd.a1(row, k === "label" ? s.left : s.left + 1),
    });
  }
  while (r <= last) {
    const t = titleOf(rd.cellAt(r, s.left));
    if (!t) {
      r++;
      continue;
    }
    const titleAt = rd.a1(r, s.left);
    const headerRow = r + 1;
    const cols = new Map<string, number>();
    const width = Math.max(...s.values.map((x) => x.length)) + s.left;
    for (let c = s.left; c < width; c++) {
      const h = rd.cellAt(headerRow, c);
      const def = COLUMNS[t.name].find(([, sv, en]) => same(h, { sv, en }));
      if (def) cols.set(def[0], c);
    }
    const rows: Row[] = [];
    for (r = headerRow + 1; r <= last; r++) {
      const row = r;
      const cells = s.values[row - s.top] ?? [];
      if (cells.every((v) => isBlank(v ?? null)) || titleOf(rd.cellAt(row, s.left))) break;
      rows.push({
        row,
        get: (k) => (cols.has(k) ? rd.cellAt(row, cols.get(k)!) : null),
        at: (k) => rd.a1(row, cols.get(k) ?? s.left),
      });
    }
    tables.push({ name: t.name, title: t.rest, rows, at: titleAt });
  }
  return { facts, tables };
}

function readFacts(rd: SheetReader, facts: Row[], json: Json): void {
  const sources: string[] = [];
  const title: Json = {};
  json.sources = sources;
  json.title = title;
  const numbers: [Text, string][] = [
    [FACTS.format, "format"],
    [FACTS.year, "year"],
    [FACTS.budget, "budget"],
  ];
  const texts: [Text, (v: string) => void, string][] = [
    [FACTS.titleSv, (v) => (title.sv = v), "title.sv"],
    [FACTS.titleEn, (v) => (title.en = v), "title.en"],
    [FACTS.reference, (v) => (json.reference = v), "reference"],
    [FACTS.rounding, (v) => (json.rounding = v), "rounding"],
  ];
  for (const f of facts) {
    const label = f.get("label");
    const at = f.at("value");
    const v = f.get("value");
    const text = isBlank(v) ? "" : String(v).trim();
    if (same(label, RULE_SHEET_TITLE)) continue;
    const num = numbers.find(([l]) => same(label, l));
    const txt = texts.find(([l]) => same(label, l));
    if (num) {
      json[num[1]] = rd.number(f, "value", num[0]);
      rd.mark(num[1], at);
    } else if (txt) {
      txt[1](text);
      rd.mark(txt[2], at);
    } else if (same(label, FACTS.source)) {
      rd.mark(`sources[${sources.push(text) - 1}]`, at);
    } else if (same(label, FACTS.populationDate)) {
      json.populationDate = typeof v === "object" && v !== null && "date" in v ? v.date : text;
      rd.mark("populationDate", at);
    } else {
      rd.error(f.at("label"), {
        sv: `"${String(label)}" är ingen uppgift i ett regelblad`,
        en: `"${String(label)}" is not an entry of a rule sheet`,
      });
    }
  }
}

function readTables(
  rd: SheetReader,
  tables: ReturnType<typeof tablesOf>["tables"],
  json: Json,
): void {
  const inputs: Json = {};
  json.inputs = inputs;
  const blocks: Json[] = [];
  json.blocks = blocks;
  const ladders = new Map<string, { steps: Json[]; rows: Row[] }>();
  for (const t of tables.filter((x) => x.name === "ladder")) {
    const steps = t.rows.map((r) => ({
      threshold: rd.number(r, "threshold", { sv: "tröskeln", en: "the threshold" }),
      amount: rd.number(r, "amount", { sv: "beloppet", en: "the amount" }),
    }));
    ladders.set(t.title, { steps, rows: t.rows });
  }
  for (const t of tables) {
    if (t.name === "inputs") {
      for (const r of t.rows) {
        const name = rd.text(r, "name") ?? "";
        const spec: Json = { required: rd.bool(r, "required") ?? false };
        const sv = rd.text(r, "labelSv");
        const en = rd.text(r, "labelEn");
        if (sv !== undefined || en !== undefined) spec.label = { sv, en };
        if (rd.text(r, "headers") !== undefined) spec.headers = split(rd.text(r, "headers"));
        const year = rd.number(r, "year", { sv: "året", en: "the year" });
        if (year !== undefined) spec.year = year;
        const dv = rd.number(r, "defaultValue", { sv: "standardvärdet", en: "the default value" });
        if (dv !== undefined) spec.defaultValue = dv;
        inputs[name] = spec;
        rd.mark(`inputs.${name}`, r.at("name"));
        rd.mark(`inputs.${name}.required`, r.at("required"));
        rd.mark(`inputs.${name}.label`, r.at("labelSv"));
        rd.mark(`inputs.${name}.headers`, r.at("headers"));
      }
    }
  }
  for (const t of tables) {
    if (t.name === "planning") {
      for (const r of t.rows) {
        const input = rd.text(r, "input") ?? "";
        const code = rd.text(r, "code") ?? "";
        const spec = (inputs[input] ?? (inputs[input] = { required: false })) as Json;
        for (const [key, col] of [
          ["defaults", "value"],
          ["previous", "previous"],
        ] as const) {
          const v = rd.text(r, col);
          if (v === undefined) continue;
          const m = (spec[key] ?? (spec[key] = {})) as Json;
          m[code] = v;
          rd.mark(`inputs.${input}.${key}.${code}`, r.at(col));
        }
      }
    } else if (t.name === "measures") {
      const measures: Json = {};
      json.measures = measures;
      for (const r of t.rows) {
        const name = rd.text(r, "name") ?? "";
        const kind = rd.text(r, "kind") ?? "";
        const of = split(rd.text(r, "of"));
        const def: Json =
          kind === "per100k"
            ? { per100k: of[0] }
            : kind === "difference"
              ? { difference: of }
              : kind === "sum"
                ? { sum: of }
                : { [kind]: of };
        const sv = rd.text(r, "labelSv");
        const en = rd.text(r, "labelEn");
        if (sv !== undefined || en !== undefined) def.label = { sv, en };
        measures[name] = def;
        rd.mark(`measures.${name}`, r.at("kind"));
      }
    } else if (t.name === "groups") {
      const groups: Json = {};
      json.groups = groups;
      for (const r of t.rows) {
        const id = rd.text(r, "id") ?? "";
        const aliases = rd.text(r, "aliases");
        groups[id] = {
          name: { sv: rd.text(r, "nameSv"), en: rd.text(r, "nameEn") },
          members: split(rd.text(r, "members")),
          ...(aliases === undefined ? {} : { aliases: aliases === "–" ? [] : split(aliases) }),
        };
        rd.mark(`groups.${id}`, r.at("id"));
        rd.mark(`groups.${id}.members`, r.at("members"));
      }
    } else if (t.name === "regions") {
      json.regions = t.rows.map((r, i) => {
        rd.mark(`regions[${i}]`, r.at("code"));
        return {
          code: rd.text(r, "code"),
          name: rd.text(r, "name"),
          aliases: split(rd.text(r, "aliases")),
        };
      });
    } else if (t.name === "blocks") {
      t.rows.forEach((r, i) => blocks.push(readBlock(rd, r, `blocks[${i}]`, ladders)));
    } else if (t.name === "interpretations") {
      json.interpretations = readInterpretations(rd, t.rows);
    }
  }
}

/** The rule columns a block row and an interpretation patch row share. */
function ruleOf(
  rd: SheetReader,
  r: Row,
  path: string,
  id: string,
  ladders: Map<string, { steps: Json[]; rows: Row[] }> | null,
): Json {
  const out: Json = {};
  const kindWord = rd.text(r, "split");
  const kind = kindWord === undefined ? undefined : SPLIT_WORDS[kindWord.toLowerCase()];
  if (kindWord !== undefined && !kind) {
    rd.error(r.at("split"), {
      sv: `"${kindWord}" är ingen delning — skriv lika, proportionell, per-enhet eller trappa`,
      en: `"${kindWord}" is no split — write equal, proportional, perUnit or ladder`,
    });
    return out;
  }
  const leftover = rd.words(r, "leftover", parseLeftoverText);
  const measures = split(rd.text(r, "measure"));
  if (kind === "ladder") {
    const l = ladders?.get(id);
    if (!l)
      rd.error(r.at("split"), {
        sv: `blocket ${id} har ingen tabell "Trappa ${id}"`,
        en: `block ${id} has no table "Ladder ${id}"`,
      });
    out.ladder = { measure: measures[0], steps: l?.steps ?? [], leftover };
    l?.rows.forEach((sr, j) => {
      rd.mark(`${path}.ladder.steps[${j}]`, sr.at("threshold"));
      rd.mark(`${path}.ladder.steps[${j}].threshold`, sr.at("threshold"));
      rd.mark(`${path}.ladder.steps[${j}].amount`, sr.at("amount"));
    });
    rd.mark(`${path}.ladder`, r.at("split"));
    rd.mark(`${path}.ladder.measure`, r.at("measure"));
    rd.mark(`${path}.ladder.leftover`, r.at("leftover"));
  } else if (kind === "perUnit") {
    const amounts = split(rd.text(r, "amount")).map((a) => parseNumberText(a)?.toNumber() ?? NaN);
    out.split = {
      kind,
      rates: measures.map((m, i) => ({ measure: m, amount: amounts[i] })),
      ...(leftover ? { leftover } : {}),
    };
  } else if (kind === "proportional") out.split = { kind, weight: measures[0] };
  else if (kind === "equal") out.split = { kind };
  if (out.split) {
    rd.mark(`${path}.split`, r.at("split"));
    rd.mark(`${path}.split.weight`, r.at("measure"));
    rd.mark(`${path}.split.rates`, r.at("amount"));
    rd.mark(`${path}.split.leftover`, r.at("leftover"));
  }
  if (!out.split && !out.ladder && leftover) out.leftover = leftover;
  return out;
}

function readBlock(
  rd: SheetReader,
  r: Row,
  path: string,
  ladders: Map<string, { steps: Json[]; rows: Row[] }>,
): Json {
  const id = rd.text(r, "id") ?? "";
  const name = { sv: rd.text(r, "nameSv"), en: rd.text(r, "nameEn") };
  const budget = rd.number(r, "budget", {
    sv: `budgeten för block ${id}`,
    en: `the budget of block ${id}`,
  });
  const b: Json = {
    id,
    name,
    budget,
    eligible: rd.words(r, "eligible", parseConditions) ?? [],
    ...ruleOf(rd, r, path, id, ladders),
  };
  const cap = rd.text(r, "cap");
  if (cap !== undefined) b.cap = rd.words(r, "cap", () => parseCap(r.get("cap")));
  const source = rd.text(r, "source");
  if (source !== undefined) b.source = source;
  for (const [k, col] of [
    ["", "id"],
    [".id", "id"],
    [".name", "nameSv"],
    [".budget", "budget"],
    [".eligible", "eligible"],
    [".cap", "cap"],
    [".source", "source"],
  ] as const) {
    rd.mark(`${path}${k}`, r.at(col));
  }
  return b;
}

function readInterpretations(rd: SheetReader, rows: Row[]): Json[] {
  const out: Json[] = [];
  let current: Json | null = null;
  let option: Json | null = null;
  for (const r of rows) {
    const key = rd.text(r, "key");
    if (key !== undefined) {
      current = {
        key,
        description: { sv: rd.text(r, "descSv"), en: rd.text(r, "descEn") },
        default: rd.text(r, "default"),
        options: {},
      };
      out.push(current);
      rd.mark(`interpretations[${out.length - 1}]`, r.at("key"));
      rd.mark(`interpretations[${out.length - 1}].default`, r.at("default"));
    }
    const opt = rd.text(r, "option");
    if (!current) {
      rd.error(r.at("key"), {
        sv: "raden hör inte till någon tolkning — fyll i nyckeln",
        en: "the row belongs to no interpretation — fill in the key",
      });
      continue;
    }
    if (opt !== undefined) {
      option = { description: { sv: rd.text(r, "optSv"), en: rd.text(r, "optEn") }, patches: [] };
      (current.options as Json)[opt] = option;
      rd.mark(`interpretations[${out.length - 1}].options.${opt}`, r.at("option"));
    }
    if (!option) continue;
    const block = rd.text(r, "block") ?? "";
    const set: Json = {};
    const eligible = rd.text(r, "eligible");
    if (eligible !== undefined)
      set.eligible =
        eligible === "inga" || eligible === "none" ? [] : rd.words(r, "eligible", parseConditions);
    const rule = ruleOf(rd, r, "", block, null);
    if (rule.split) set.split = rule.split;
    if (rule.leftover) set.leftover = rule.leftover;
    if (rule.ladder === undefined && rd.text(r, "ladder") !== undefined) {
      try {
        set.ladder = JSON.parse(rd.text(r, "ladder")!);
      } catch {
        rd.error(r.at("ladder"), {
          sv: "trappan är ingen giltig JSON",
          en: "the ladder is not valid JSON",
        });
      }
    }
    (option.patches as Json[]).push({ block, set });
  }
  return out;
}

/** The cell of the longest recorded prefix of a rule-set path. */
function cellFor(origin: Map<string, string>, path: string): string | undefined {
  let p = path;
  for (;;) {
    const hit = origin.get(p);
    if (hit) return hit;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) return origin.get(p) ?? undefined;
    p = p.slice(0, cut);
  }
}

export function readRuleSheet(sheet: SheetGrid): RuleSheetRead {
  const rd = new SheetReader(sheet);
  if (!isRuleSheet(sheet)) {
    rd.error(toA1(sheet.top, sheet.left), {
      sv: `bladet "${sheet.name}" är inget regelblad — det börjar med "${RULE_SHEET_TITLE.sv}" (skapa ett med "Skapa regelblad" eller npm run rules -- export)`,
      en: `the sheet "${sheet.name}" is not a rule sheet — one starts with "${RULE_SHEET_TITLE.en}" (make one with "Create rule sheet" or npm run rules -- export)`,
    });
    return { ruleSet: null, issues: rd.issues };
  }
  const { facts, tables } = tablesOf(rd);
  const json: Json = {};
  readFacts(rd, facts, json);
  readTables(rd, tables, json);
  if (!tables.some((t) => t.name === "blocks")) {
    rd.error(toA1(sheet.top + sheet.values.length, sheet.left), {
      sv: `tabellen "${SECTIONS.blocks.sv}" saknas — lägg till den med en rad per block`,
      en: `the table "${SECTIONS.blocks.en}" is missing — add it with one row per block`,
    });
  }
  if (rd.issues.length > 0) return { ruleSet: null, issues: rd.issues };
  try {
    return { ruleSet: parseRuleSet(json), issues: [] };
  } catch (e) {
    if (!(e instanceof RuleSetError)) throw e;
    const cell = cellFor(rd.origin, e.path);
    rd.issues.push({
      severity: "error",
      code: "ruleSheet.rule",
      sheet: sheet.name,
      ...(cell ? { cell } : {}),
      message: {
        sv: `${e.problem.sv} (${e.path || "regelverket"})`,
        en: `${e.problem.en} (${e.path || "the rule set"})`,
      },
    });
    return { ruleSet: null, issues: rd.issues };
  }
}
