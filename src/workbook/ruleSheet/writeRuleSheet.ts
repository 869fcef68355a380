/** A rule set as a rule sheet's rows (layout.ts): what "Skapa regelblad" and `rules export` write. */
import type { BlockPatch, Lang, MeasureDef, RuleSet, Split } from "../../domain/ruleSet";
import { KR_FORMAT, textCell } from "../plannedCells";
import type { PlannedCell } from "../types";
import { capText, conditionsText, leftoverText, SPLIT_SV } from "./cellText";
import { COLUMNS, FACTS, RULE_SHEET_TITLE, SECTIONS } from "./layout";
import type { TableName } from "./layout";

type Cell = string | number | boolean | null | undefined;

function cell(v: Cell, money = false): PlannedCell {
  if (v === null || v === undefined || v === "") return { value: null };
  if (typeof v === "number") return money ? { value: v, numberFormat: KR_FORMAT } : { value: v };
  if (typeof v === "boolean") return textCell(v ? "Ja" : "Nej");
  return textCell(v);
}

const yes = (b: boolean) => (b ? "Ja" : "Nej");
const list = (xs: readonly string[] | undefined) => (xs && xs.length ? xs.join("; ") : null);

function splitCells(s: Split | undefined): {
  split: Cell;
  measure: Cell;
  amount: Cell;
  leftover: Cell;
} {
  if (!s) return { split: null, measure: null, amount: null, leftover: null };
  if (s.kind === "equal")
    return { split: SPLIT_SV.equal, measure: null, amount: null, leftover: null };
  if (s.kind === "proportional")
    return { split: SPLIT_SV.proportional, measure: s.weight, amount: null, leftover: null };
  return {
    split: SPLIT_SV.perUnit,
    measure: s.rates.map((r) => r.measure).join("; "),
    amount: s.rates.length === 1 ? s.rates[0].amount : s.rates.map((r) => r.amount).join("; "),
    leftover: leftoverText(s.leftover),
  };
}

function measureCells(name: string, def: MeasureDef): Cell[] {
  const [kind, of] =
    "per100k" in def
      ? ["per100k", def.per100k]
      : "difference" in def
        ? ["difference", def.difference.join("; ")]
        : ["sum", def.sum.join("; ")];
  return [name, kind, of, def.label?.sv, def.label?.en];
}

export function ruleSheetRows(rs: RuleSet, lang: Lang = "sv"): PlannedCell[][] {
  const rows: PlannedCell[][] = [];
  const L = (t: { sv: string; en: string }) => t[lang];
  const fact = (label: { sv: string; en: string }, v: Cell, money = false) =>
    rows.push([textCell(L(label), true), cell(v, money)]);
  const table = (name: TableName, title: string, data: Cell[][], money: number[] = []) => {
    if (data.length === 0) return;
    rows.push([]);
    rows.push([textCell(title, true)]);
    rows.push(COLUMNS[name].map(([, sv, en]) => textCell(lang === "sv" ? sv : en, true)));
    for (const d of data) rows.push(d.map((v, i) => cell(v, money.includes(i))));
  };

  rows.push([textCell(L(RULE_SHEET_TITLE), true)]);
  fact(FACTS.format, rs.format);
  fact(FACTS.year, rs.year);
  fact(FACTS.titleSv, rs.title.sv);
  fact(FACTS.titleEn, rs.title.en);
  fact(FACTS.reference, rs.reference);
  for (const s of rs.sources) fact(FACTS.source, s);
  if (rs.populationDate) fact(FACTS.populationDate, rs.populationDate);
  fact(FACTS.budget, rs.budget, true);
  if (rs.rounding) fact(FACTS.rounding, rs.rounding);

  table(
    "inputs",
    L(SECTIONS.inputs),
    Object.entries(rs.inputs).map(([name, s]) => [
      name,
      yes(s!.required),
      s!.label?.sv,
      s!.label?.en,
      list(s!.headers),
      s!.year,
      s!.defaultValue,
    ]),
  );
  const planning: Cell[][] = [];
  for (const [name, s] of Object.entries(rs.inputs)) {
    const codes = [
      ...new Set([...Object.keys(s!.defaults ?? {}), ...Object.keys(s!.previous ?? {})]),
    ];
    for (const code of codes) planning.push([name, code, s!.defaults?.[code], s!.previous?.[code]]);
  }
  table("planning", L(SECTIONS.planning), planning);
  table(
    "measures",
    L(SECTIONS.measures),
    Object.entries(rs.measures ?? {}).map(([n, d]) => measureCells(n, d)),
  );
  table(
    "groups",
    L(SECTIONS.groups),
    Object.entries(rs.groups ?? {}).map(([id, g]) => [
      id,
      g.name.sv,
      g.name.en,
      g.aliases ? g.aliases.join("; ") || "–" : null,
      g.members.join("; "),
    ]),
  );
  table(
    "regions",
    L(SECTIONS.regions),
    (rs.regions ?? []).map((r) => [r.code, r.name, list(r.aliases)]),
  );
  table(
    "blocks",
    L(SECTIONS.blocks),
    rs.blocks.map((b) => {
      const s = b.ladder
        ? {
            split: SPLIT_SV.ladder,
            measure: b.ladder.measure,
            amount: null,
            leftover: leftoverText(b.ladder.leftover),
          }
        : splitCells(b.split);
      return [
        b.id,
        b.name.sv,
        b.name.en,
        b.budget,
        conditionsText(b.eligible),
        s.split,
        s.measure,
        s.amount,
        s.leftover,
        capText(b.cap),
        b.source,
      ];
    }),
    [3],
  );
  for (const b of rs.blocks) {
    if (b.ladder)
      table(
        "ladder",
        `${L(SECTIONS.ladder)} ${b.id}`,
        b.ladder.steps.map((s) => [s.threshold, s.amount]),
        [1],
      );
  }
  const interp: Cell[][] = [];
  for (const d of rs.interpretations ?? []) {
    let first = true;
    for (const [opt, o] of Object.entries(d.options)) {
      let firstPatch = true;
      for (const p of o.patches) {
        interp.push([
          first ? d.key : null,
          first ? d.description.sv : null,
          first ? d.description.en : null,
          first ? d.default : null,
          firstPatch ? opt : null,
          firstPatch ? o.description.sv : null,
          firstPatch ? o.description.en : null,
          ...patchCells(p),
        ]);
        first = false;
        firstPatch = false;
      }
    }
  }
  table("interpretations", L(SECTIONS.interpretations), interp);
  return rows;
}

function patchCells(p: BlockPatch): Cell[] {
  const s = splitCells(p.set.split);
  const eligible = p.set.eligible ? conditionsText(p.set.eligible) || "inga" : null;
  const leftover = p.set.leftover ? leftoverText(p.set.leftover) : s.leftover;
  return [
    p.block,
    eligible,
    s.split,
    s.measure,
    s.amount,
    leftover,
    p.set.ladder ? JSON.stringify(p.set.ladder) : null,
  ];
}
