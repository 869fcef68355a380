/**
 * The measures a rule set can use, as a registry: built-in ones (the AT count, the population,
 * AT per 100 000 inhabitants, the expansion), every count input (built-in or declared by the
 * rule set), and derived kinds a rule set declares under `measures` — one entry per kind below,
 * each with how it is validated, which inputs it needs, how it computes exactly and how it
 * explains itself. Adding a kind is adding an entry to DERIVED_KINDS.
 */
import type { FieldSpec, MeasureDef, MeasureName, RuleSet, Text } from "../ruleSet";
import type { MeasureValue } from "./exact";
import { cat, numMV, t } from "./exact";
import type { Row } from "./rows";
import { declaredInputs, InputError } from "./rows";

/** A measure resolved for one rule set. */
export interface Measure {
  name: MeasureName;
  label: Text;
  /** Always a whole number where it has a value (a count, a difference of counts). */
  whole: boolean;
  /** Count inputs it is computed from. */
  inputs: string[];
  value(row: Row): MeasureValue | null;
  /** "AT 63 − planerat 56 = utökning 7", "18,33 AT per 100 000 invånare". */
  describe(row: Row, v: MeasureValue): Text;
}

/** Problems found while resolving, reported by the parser with their path. */
export class MeasureError extends Error {
  constructor(readonly problem: Text) {
    super(problem.en);
  }
}

type Resolve = (name: MeasureName) => Measure;

interface DerivedKind {
  /** The key that names the kind in a `measures` entry. */
  key: "per100k" | "difference" | "sum";
  /** The measures it is made of, validated. */
  parts(def: MeasureDef): MeasureName[];
  build(name: MeasureName, def: MeasureDef, resolve: Resolve): Measure;
}

const PER_100K: Text = t("per 100 000 invånare", "per 100 000 inhabitants");

function label(def: MeasureDef, fallback: Text): Text {
  return def.label ?? fallback;
}

const per100k: DerivedKind = {
  key: "per100k",
  parts: (def) => ("per100k" in def ? [def.per100k] : []),
  build(name, def, resolve) {
    const of = resolve((def as { per100k: MeasureName }).per100k);
    const population = resolve("population");
    const lab = label(def, cat(of.label, " ", PER_100K));
    return {
      name,
      label: lab,
      whole: false,
      inputs: [...of.inputs, "population"],
      value(row) {
        const v = measureValue(row, of);
        if (v === null) return null;
        const p = measureValue(row, population);
        if (p === null || p.num <= 0n) {
          throw new InputError("population", `${row.def.code}: ${lab.en} needs the population`);
        }
        return { num: v.num * 100000n * p.den, den: v.den * p.num };
      },
      describe: (_row, v) => cat(numMV(v, 2), " ", lab),
    };
  },
};

const difference: DerivedKind = {
  key: "difference",
  parts: (def) => ("difference" in def ? def.difference : []),
  build(name, def, resolve) {
    const [a, b] = (def as { difference: [MeasureName, MeasureName] }).difference.map(resolve);
    const lab = label(def, cat(a.label, " − ", b.label));
    return {
      name,
      label: lab,
      whole: a.whole && b.whole,
      inputs: [...a.inputs, ...b.inputs],
      value(row) {
        const x = measureValue(row, a);
        const y = measureValue(row, b);
        if (x === null || y === null) return null;
        return { num: x.num * y.den - y.num * x.den, den: x.den * y.den };
      },
      describe: (row, v) =>
        cat(describeMeasure(row, a), " − ", describeMeasure(row, b), " = ", lab, " ", numMV(v)),
    };
  },
};

const total: DerivedKind = {
  key: "sum",
  parts: (def) => ("sum" in def ? def.sum : []),
  build(name, def, resolve) {
    const parts = (def as { sum: MeasureName[] }).sum.map(resolve);
    const lab = label(def, t(name, name));
    return {
      name,
      label: lab,
      whole: parts.every((p) => p.whole),
      inputs: parts.flatMap((p) => p.inputs),
      value(row) {
        let acc: MeasureValue = { num: 0n, den: 1n };
        for (const p of parts) {
          const v = measureValue(row, p);
          if (v === null) return null;
          acc = { num: acc.num * v.den + v.num * acc.den, den: acc.den * v.den };
        }
        return acc;
      },
      describe: (row, v) =>
        cat(
          ...parts.flatMap((p, i) => [i ? " + " : "", describeMeasure(row, p)]),
          " = ",
          lab,
          " ",
          numMV(v),
        ),
    };
  },
};

export const DERIVED_KINDS: readonly DerivedKind[] = [per100k, difference, total];

/** The kind of a declared measure, by the one key it has. */
export function derivedKindOf(def: MeasureDef): DerivedKind | undefined {
  return DERIVED_KINDS.find((k) => k.key in def);
}

function inputLabel(name: string, spec: FieldSpec | undefined, year: number): Text {
  switch (name) {
    case "at":
      return t("AT", "AT");
    case "population":
      return t("folkmängd", "population");
    case "rewarded":
      return t("redan ersatta", "already rewarded");
  }
  const l = spec?.label ?? t(name, name);
  return { sv: l.sv.replace(/\{Y\}/g, String(year)), en: l.en.replace(/\{Y\}/g, String(year)) };
}

function countMeasure(name: string, lab: Text): Measure {
  return {
    name,
    label: lab,
    whole: true,
    inputs: [name],
    value(row) {
      const c = row.counts[name];
      return c === null || c === undefined ? null : { num: c, den: 1n };
    },
    describe: (_row, v) => cat(lab, " ", numMV(v)),
  };
}

/** AT − planned − already rewarded (RULES.md, each year's "Expansion"). */
function expansionMeasure(): Measure {
  const lab = t("utökning", "expansion");
  return {
    name: "expansion",
    label: lab,
    whole: false,
    inputs: ["at", "baseline"],
    value(row) {
      const at = row.counts.at;
      if (at === null || at === undefined || row.baseline === null) return null;
      const b = row.baseline;
      const rewarded = row.counts.rewarded ?? 0n;
      return { num: (at - rewarded) * b.den - b.num, den: b.den };
    },
    describe(row, v) {
      const rewarded = row.counts.rewarded ?? 0n;
      const parts: (Text | string)[] = [
        t(`AT ${row.counts.at} − planerat `, `AT ${row.counts.at} − planned `),
        numMV(row.baseline!),
      ];
      if (rewarded !== 0n)
        parts.push(
          t(" − redan ersatta ", " − already rewarded "),
          numMV({ num: rewarded, den: 1n }),
        );
      parts.push(t(" = utökning ", " = expansion "), numMV(v));
      return cat(...parts);
    },
  };
}

const resolved = new WeakMap<RuleSet, Map<MeasureName, Measure>>();

/**
 * Every measure a rule set can name, resolved. Throws MeasureError for a declared measure that
 * names an unknown one or refers to itself.
 */
export function measuresOf(ruleSet: RuleSet): Map<MeasureName, Measure> {
  const hit = resolved.get(ruleSet);
  if (hit) return hit;
  const map = new Map<MeasureName, Measure>();
  const counts = ["at", "population", "rewarded", ...declaredInputs(ruleSet)];
  for (const name of counts)
    map.set(name, countMeasure(name, inputLabel(name, ruleSet.inputs[name], ruleSet.year)));
  map.set("expansion", expansionMeasure());
  const declared = ruleSet.measures ?? {};
  const building = new Set<string>();
  const resolve: Resolve = (name) => {
    const known = map.get(name);
    if (known) return known;
    const def = declared[name];
    if (!def) {
      const all = [...map.keys(), ...Object.keys(declared), "atPer100k"].join(", ");
      throw new MeasureError({
        sv: `okänt mått "${name}" (kända: ${all})`,
        en: `unknown measure "${name}" (known: ${all})`,
      });
    }
    if (building.has(name)) {
      throw new MeasureError({
        sv: `måttet "${name}" bygger på sig självt`,
        en: `the measure "${name}" refers to itself`,
      });
    }
    building.add(name);
    const kind = derivedKindOf(def);
    if (!kind)
      throw new MeasureError({
        sv: `måttet "${name}" har ingen känd sort`,
        en: `the measure "${name}" has no known kind`,
      });
    const m = kind.build(name, def, resolve);
    map.set(name, m);
    return m;
  };
  map.set(
    "atPer100k",
    per100k.build(
      "atPer100k",
      { per100k: "at", label: t("AT per 100 000 invånare", "AT per 100 000 inhabitants") },
      resolve,
    ),
  );
  for (const name of Object.keys(declared)) resolve(name);
  resolved.set(ruleSet, map);
  return map;
}

/** The measure of that name; throws MeasureError where the rule set has none. */
export function measureOf(ruleSet: RuleSet, name: MeasureName): Measure {
  const m = measuresOf(ruleSet).get(name);
  if (!m) {
    const all = [...measuresOf(ruleSet).keys()].join(", ");
    throw new MeasureError({
      sv: `okänt mått "${name}" (kända: ${all})`,
      en: `unknown measure "${name}" (known: ${all})`,
    });
  }
  return m;
}

/** A region's value of a measure, computed once per allocation. */
export function measureValue(row: Row, m: Measure): MeasureValue | null {
  let v = row.measures[m.name];
  if (v === undefined) {
    v = m.value(row);
    row.measures[m.name] = v;
  }
  return v;
}

/** Several blocks describe the same measure of a region: say it once. */
export function describeMeasure(row: Row, m: Measure): Text {
  let text = row.described[m.name];
  if (!text) {
    const v = measureValue(row, m);
    text = v === null ? cat(t("saknar ", "no "), m.label) : m.describe(row, v);
    row.described[m.name] = text;
  }
  return text;
}
