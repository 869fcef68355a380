/**
 * What differs between two rule sets, in words a reviewer reads ("2025 mot 2024: block 2
 * delas nu efter AT per 100 000 invånare, trappan borttagen"). Pure; the pane and
 * `npm run rules -- diff` show it.
 */
import { formatKr } from "./format";
import type { BlockDef, RuleSet, Split, Text } from "./ruleSet";
import { leftoverTextOf } from "./vocabulary/describe";
import { measureOf } from "./vocabulary/measures";

const kr = (n: number): Text => ({ sv: formatKr(n, "sv"), en: formatKr(n, "en") });

function label(rs: RuleSet, m: string): Text {
  try {
    return measureOf(rs, m).label;
  } catch {
    return { sv: m, en: m };
  }
}

function ruleText(rs: RuleSet, b: BlockDef): Text {
  if (b.ladder) {
    const l = label(rs, b.ladder.measure);
    return { sv: `en trappa på ${l.sv}`, en: `a ladder on ${l.en}` };
  }
  return splitText(rs, b.split);
}

function splitText(rs: RuleSet, s: Split): Text {
  if (s.kind === "equal") return { sv: "lika", en: "equally" };
  if (s.kind === "proportional") {
    const l = label(rs, s.weight);
    return { sv: `efter ${l.sv}`, en: `by ${l.en}` };
  }
  const rates = s.rates.map((r) => ({ m: label(rs, r.measure), a: kr(r.amount) }));
  return {
    sv: `med ${rates.map((r) => `${r.a.sv} per ${r.m.sv}`).join(", ")}`,
    en: `at ${rates.map((r) => `${r.a.en} per ${r.m.en}`).join(", ")}`,
  };
}

function short(b: BlockDef, lang: "sv" | "en"): string {
  const head = b.name[lang].split(/\s+[\u2013\u2014-]\s+/)[0].trim();
  return head.charAt(0).toLowerCase() + head.slice(1);
}

function blockChanges(a: RuleSet, b: RuleSet, x: BlockDef, y: BlockDef): Text[] {
  const out: Text[] = [];
  const name = { sv: short(y, "sv"), en: short(y, "en") };
  if (x.budget !== y.budget) {
    out.push({
      sv: `budgeten är ${kr(y.budget).sv} (var ${kr(x.budget).sv})`,
      en: `the budget is ${kr(y.budget).en} (was ${kr(x.budget).en})`,
    });
  }
  const rx = ruleText(a, x);
  const ry = ruleText(b, y);
  if (!x.ladder !== !y.ladder || rx.sv !== ry.sv) {
    if (!y.ladder) out.push({ sv: `delas nu ${ry.sv}`, en: `is now split ${ry.en}` });
    else out.push({ sv: `har nu ${ry.sv}`, en: `now has ${ry.en}` });
    if (x.ladder && !y.ladder) out.push({ sv: "trappan borttagen", en: "the ladder removed" });
  }
  if (x.ladder && y.ladder) {
    const steps = (l: typeof x.ladder) =>
      l!.steps.map((s) => `${s.threshold} → ${formatKr(s.amount, "sv")}`).join("; ");
    const stepsEn = (l: typeof x.ladder) =>
      l!.steps.map((s) => `${s.threshold} → ${formatKr(s.amount, "en")}`).join("; ");
    if (steps(x.ladder) !== steps(y.ladder))
      out.push({
        sv: `trappan är nu ${steps(y.ladder)}`,
        en: `the ladder is now ${stepsEn(y.ladder)}`,
      });
  }
  const lx = leftoverTextOf(a, x);
  const ly = leftoverTextOf(b, y);
  if (lx && ly && lx.sv !== ly.sv)
    out.push({ sv: `kvarstående medel ${ly.sv}`, en: `the leftover ${ly.en}` });
  if (JSON.stringify(x.eligible) !== JSON.stringify(y.eligible))
    out.push({ sv: "andra villkor för att delta", en: "other conditions to take part" });
  if (JSON.stringify(x.cap ?? null) !== JSON.stringify(y.cap ?? null))
    out.push({
      sv: y.cap ? "nytt tak per region" : "taket borttaget",
      en: y.cap ? "a new cap per region" : "the cap removed",
    });
  if (out.length === 0) return [];
  return [
    {
      sv: `${name.sv}: ${out.map((o) => o.sv).join(", ")}`,
      en: `${name.en}: ${out.map((o) => o.en).join(", ")}`,
    },
  ];
}

/** The differences of `other` against `base`, one line each; empty when they are the same. */
export function diffRuleSets(base: RuleSet, other: RuleSet): Text[] {
  const lines: Text[] = [];
  if (base.budget !== other.budget) {
    lines.push({
      sv: `total budget ${kr(other.budget).sv} (var ${kr(base.budget).sv})`,
      en: `total budget ${kr(other.budget).en} (was ${kr(base.budget).en})`,
    });
  }
  if (base.reference !== other.reference)
    lines.push({
      sv: `beslut ${other.reference} (var ${base.reference})`,
      en: `decision ${other.reference} (was ${base.reference})`,
    });
  if ((base.populationDate ?? "") !== (other.populationDate ?? "")) {
    lines.push({
      sv: `folkmängd per ${other.populationDate ?? "–"} (var ${base.populationDate ?? "–"})`,
      en: `population as of ${other.populationDate ?? "–"} (was ${base.populationDate ?? "–"})`,
    });
  }
  const inputs = (rs: RuleSet) => new Set(Object.keys(rs.inputs));
  for (const i of inputs(other))
    if (!inputs(base).has(i)) lines.push({ sv: `ny inmatning: ${i}`, en: `new input: ${i}` });
  for (const i of inputs(base))
    if (!inputs(other).has(i))
      lines.push({ sv: `inmatningen ${i} borttagen`, en: `the input ${i} removed` });
  for (const y of other.blocks) {
    const x = base.blocks.find((b) => b.id === y.id);
    if (!x)
      lines.push({
        sv: `nytt block: ${y.name.sv} (${kr(y.budget).sv}, ${ruleText(other, y).sv})`,
        en: `new block: ${y.name.en} (${kr(y.budget).en}, ${ruleText(other, y).en})`,
      });
    else lines.push(...blockChanges(base, other, x, y));
  }
  for (const x of base.blocks)
    if (!other.blocks.some((b) => b.id === x.id))
      lines.push({ sv: `blocket ${x.name.sv} borttaget`, en: `the block ${x.name.en} removed` });
  const keys = (rs: RuleSet) => new Map((rs.interpretations ?? []).map((d) => [d.key, d]));
  for (const [k, d] of keys(other)) {
    const was = keys(base).get(k);
    if (!was) lines.push({ sv: `ny tolkning: ${k}`, en: `new interpretation: ${k}` });
    else if (was.default !== d.default)
      lines.push({
        sv: `tolkningen ${k}: standard ${d.default} (var ${was.default})`,
        en: `the interpretation ${k}: default ${d.default} (was ${was.default})`,
      });
  }
  for (const k of keys(base).keys())
    if (!keys(other).has(k))
      lines.push({ sv: `tolkningen ${k} borttagen`, en: `the interpretation ${k} removed` });
  if ((base.rounding ?? "largest-remainder") !== (other.rounding ?? "largest-remainder")) {
    lines.push({
      sv: `avrundning ${other.rounding ?? "largest-remainder"}`,
      en: `rounding ${other.rounding ?? "largest-remainder"}`,
    });
  }
  return lines;
}
