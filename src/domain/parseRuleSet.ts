/**
 * Validates a rule-set file (docs/rule-sets.md) and returns it typed. A malformed file is
 * rejected with a message in Swedish and English that says where and how to fix it:
 * `blocks[1].ladder.steps[2]: trösklarna måste öka steg för steg`. The kinds (measures, splits,
 * ladders, leftover policies) parse themselves in vocabulary/; this file parses the frame around
 * them and checks that every measure a block uses can be computed from the declared inputs.
 */
import { parsePlanningValue } from "./planningValue";
import type { RegionDef } from "./regions";
import { RegionIndex, SWEDISH_REGIONS } from "./regions";
import type {
  BlockDef,
  Cap,
  Condition,
  FieldSpec,
  GroupDef,
  InterpretationDef,
  MeasureDef,
  RuleSet,
} from "./ruleSet";
import { ladderKind, parseSplit, ruleMeasures } from "./vocabulary/blocks";
import type { ParseContext } from "./vocabulary/leftovers";
import { parseLeftover } from "./vocabulary/leftovers";
import { derivedKindOf, MeasureError, measureOf, measuresOf } from "./vocabulary/measures";
import type { Obj } from "./vocabulary/parse";
import {
  arr,
  entries,
  fail,
  finite,
  join,
  name,
  obj,
  oneOf,
  str,
  text,
  whole,
} from "./vocabulary/parse";
import { RuleSetError } from "./vocabulary/parse";

export { RuleSetError };

const BUILT_IN_INPUTS = ["at", "population", "baseline", "rewarded", "forecast", "group"];
const BUILT_IN_KEYS = ["rounding", "range", "overflow"];

function condition(v: unknown, path: string, ctx: FrameContext): Condition {
  const o = obj(v, path);
  if ("reported" in o) {
    obj(v, path, ["reported"]);
    const what = str(o.reported, join(path, "reported"));
    if (what !== "forecast" && !ctx.counts.has(what)) {
      fail(
        join(path, "reported"),
        `"${what}" är ingen inmatning (kända: ${[...ctx.counts, "forecast"].join(", ")})`,
        `"${what}" is not an input (known: ${[...ctx.counts, "forecast"].join(", ")})`,
      );
    }
    return { reported: what };
  }
  if ("group" in o) {
    obj(v, path, ["group"]);
    const g = str(o.group, join(path, "group"));
    if (!ctx.groups.has(g))
      fail(
        join(path, "group"),
        `gruppen "${g}" finns inte under groups`,
        `no group "${g}" in groups`,
      );
    return { group: g };
  }
  if ("measure" in o) {
    obj(v, path, ["measure", "atLeast"]);
    return {
      measure: ctx.parse.measure(o.measure, join(path, "measure")),
      atLeast: finite(o.atLeast, join(path, "atLeast")),
    };
  }
  fail(
    path,
    'måste vara {"reported": …}, {"group": …} eller {"measure": …, "atLeast": …}',
    'must be {"reported": …}, {"group": …} or {"measure": …, "atLeast": …}',
  );
}

function cap(v: unknown, path: string, budget: number, codes: Set<string>): Cap {
  const o = obj(v, path, ["perRegion", "byRegion"]);
  if ((o.perRegion === undefined) === (o.byRegion === undefined)) {
    fail(
      path,
      'behöver precis ett av "perRegion" och "byRegion"',
      'needs exactly one of "perRegion" and "byRegion"',
    );
  }
  const check = (amount: number, p: string): number => {
    if (amount > budget) {
      fail(
        p,
        `taket ${amount} är större än blockets budget ${budget} och begränsar ingenting — rätta beloppet`,
        `the cap ${amount} is above the block's budget ${budget} and limits nothing — correct the amount`,
      );
    }
    return amount;
  };
  if (o.perRegion !== undefined)
    return {
      perRegion: check(whole(o.perRegion, join(path, "perRegion")), join(path, "perRegion")),
    };
  const byRegion: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [code, amount] of entries(o.byRegion, join(path, "byRegion"))) {
    const p = join(join(path, "byRegion"), code);
    if (!codes.has(code)) fail(p, "ingen region har den koden", "no region has this code");
    byRegion[code] = check(whole(amount, p), p);
  }
  return { byRegion: { ...byRegion } };
}

interface FrameContext {
  groups: Set<string>;
  codes: Set<string>;
  /** Count inputs a `reported` condition may name. */
  counts: Set<string>;
  parse: ParseContext;
}

function block(v: unknown, path: string, ctx: FrameContext): BlockDef {
  const o = obj(v, path, ["id", "name", "budget", "eligible", "split", "ladder", "source", "cap"]);
  const budget = whole(o.budget, join(path, "budget"));
  const base = {
    id: name(o.id, join(path, "id")),
    name: text(o.name, join(path, "name")),
    budget,
    eligible: arr(o.eligible, join(path, "eligible")).map((c, i) =>
      condition(c, join(join(path, "eligible"), i), ctx),
    ),
    ...(o.source === undefined ? {} : { source: str(o.source, join(path, "source")) }),
    ...(o.cap === undefined ? {} : { cap: cap(o.cap, join(path, "cap"), budget, ctx.codes) }),
  };
  if ((o.split === undefined) === (o.ladder === undefined)) {
    fail(
      path,
      'behöver precis ett av "split" och "ladder"',
      'needs exactly one of "split" and "ladder"',
    );
  }
  if (o.ladder !== undefined)
    return {
      ...base,
      ladder: ladderKind.parse(
        obj(o.ladder, join(path, "ladder")),
        join(path, "ladder"),
        ctx.parse,
      ),
    };
  return { ...base, split: parseSplit(o.split, join(path, "split"), ctx.parse) };
}

function fieldSpec(v: unknown, path: string, key: string, codes: Set<string>): FieldSpec {
  const declared = !BUILT_IN_INPUTS.includes(key);
  const o = obj(
    v,
    path,
    declared
      ? ["required", "label", "headers"]
      : ["required", "defaults", "previous", "year", "defaultValue"],
  );
  if (typeof o.required !== "boolean")
    fail(join(path, "required"), "måste vara true eller false", "must be true or false");
  const spec: FieldSpec = { required: o.required };
  if (declared) {
    name(key, path);
    if (o.label === undefined || o.headers === undefined) {
      fail(
        path,
        `en egen inmatning behöver "label" ({"sv", "en"}) och "headers" (rubriker, {Y} = året)`,
        `an input of its own needs "label" ({"sv", "en"}) and "headers" (header texts, {Y} = the year)`,
      );
    }
    spec.label = text(o.label, join(path, "label"));
    spec.headers = arr(o.headers, join(path, "headers"), true).map((h, i) =>
      str(h, join(join(path, "headers"), i)),
    );
    return spec;
  }
  for (const k of ["defaults", "previous"] as const) {
    if (o[k] === undefined) continue;
    const out: Record<string, string> = {};
    for (const [code, value] of entries(o[k], join(path, k))) {
      const p = join(join(path, k), code);
      if (!codes.has(code)) fail(p, "ingen region har den koden", "no region has this code");
      const t = str(value, p);
      if (parsePlanningValue(t).kind === "invalid")
        fail(p, `"${t}" är inget planeringsvärde`, `"${t}" is not a planning value`);
      out[code] = t;
    }
    spec[k] = out;
  }
  if (o.year !== undefined) spec.year = whole(o.year, join(path, "year"), 1900);
  if (o.defaultValue !== undefined)
    spec.defaultValue = whole(o.defaultValue, join(path, "defaultValue"));
  return spec;
}

function regionList(v: unknown, path: string): RegionDef[] {
  const list = arr(v, path, true).map((r, i) => {
    const p = join(path, i);
    const o = obj(r, p, ["code", "name", "aliases"]);
    const aliases =
      o.aliases === undefined
        ? []
        : arr(o.aliases, join(p, "aliases")).map((a, j) => str(a, join(join(p, "aliases"), j)));
    return { code: str(o.code, join(p, "code")), name: str(o.name, join(p, "name")), aliases };
  });
  try {
    new RegionIndex(list);
  } catch (e) {
    fail(path, (e as Error).message, (e as Error).message);
  }
  const codes = new Set<string>();
  list.forEach((r, i) => {
    if (codes.has(r.code))
      fail(
        join(join(path, i), "code"),
        `koden "${r.code}" finns två gånger`,
        `code "${r.code}" appears twice`,
      );
    codes.add(r.code);
  });
  return list;
}

function groupsOf(v: unknown, codes: Set<string>): Record<string, GroupDef> {
  const groups: Record<string, GroupDef> = {};
  if (v === undefined) return groups;
  for (const [id, g] of entries(v, "groups")) {
    const p = join("groups", id);
    const go = obj(g, p, ["name", "aliases", "members"]);
    const members = arr(go.members, join(p, "members")).map((m, i) => {
      const code = str(m, join(join(p, "members"), i));
      if (!codes.has(code))
        fail(
          join(join(p, "members"), i),
          `ingen region har koden "${code}"`,
          `no region has code "${code}"`,
        );
      return code;
    });
    groups[name(id, p)] = {
      name: text(go.name, join(p, "name")),
      members,
      ...(go.aliases === undefined
        ? {}
        : {
            aliases: arr(go.aliases, join(p, "aliases")).map((a, i) =>
              str(a, join(join(p, "aliases"), i)),
            ),
          }),
    };
  }
  return groups;
}

function measureDefs(v: unknown): Record<string, MeasureDef> {
  const out: Record<string, MeasureDef> = {};
  if (v === undefined) return out;
  for (const [key, def] of entries(v, "measures")) {
    const p = join("measures", key);
    name(key, p);
    const o = obj(def, p, ["per100k", "difference", "sum", "label"]);
    const kinds = ["per100k", "difference", "sum"].filter((k) => k in o);
    if (kinds.length !== 1)
      fail(
        p,
        'behöver precis ett av "per100k", "difference" och "sum"',
        'needs exactly one of "per100k", "difference" and "sum"',
      );
    const label = o.label === undefined ? {} : { label: text(o.label, join(p, "label")) };
    if ("per100k" in o) out[key] = { per100k: str(o.per100k, join(p, "per100k")), ...label };
    else if ("difference" in o) {
      const parts = arr(o.difference, join(p, "difference")).map((x, i) =>
        str(x, join(join(p, "difference"), i)),
      );
      if (parts.length !== 2)
        fail(
          join(p, "difference"),
          "behöver två mått: [a, b] för a − b",
          "needs two measures: [a, b] for a − b",
        );
      out[key] = { difference: [parts[0], parts[1]], ...label };
    } else {
      out[key] = {
        sum: arr(o.sum, join(p, "sum"), true).map((x, i) => str(x, join(join(p, "sum"), i))),
        ...label,
      };
    }
    if (!derivedKindOf(out[key])) fail(p, "okänd sorts mått", "unknown kind of measure");
  }
  return out;
}

function interpretation(
  v: unknown,
  path: string,
  blocks: BlockDef[],
  ctx: FrameContext,
): InterpretationDef {
  const o = obj(v, path, ["key", "description", "default", "options"]);
  const key = str(o.key, join(path, "key"));
  if (BUILT_IN_KEYS.includes(key))
    fail(join(path, "key"), "är en inbyggd tolkning", "is a built-in key");
  const options: InterpretationDef["options"] = {};
  for (const [optName, opt] of entries(o.options, join(path, "options"))) {
    const p = join(join(path, "options"), optName);
    const oo = obj(opt, p, ["description", "patches"]);
    options[optName] = {
      description: text(oo.description, join(p, "description")),
      patches: arr(oo.patches, join(p, "patches"), true).map((patch, i) => {
        const pp = join(join(p, "patches"), i);
        const po = obj(patch, pp, ["block", "set"]);
        const blockId = str(po.block, join(pp, "block"));
        const target = blocks.find((b) => b.id === blockId);
        if (!target)
          fail(join(pp, "block"), `blocket "${blockId}" finns inte`, `no block "${blockId}"`);
        const set = obj(po.set, join(pp, "set"), ["split", "ladder", "eligible", "leftover"]);
        const out: InterpretationDef["options"][string]["patches"][number]["set"] = {};
        if (set.eligible !== undefined)
          out.eligible = arr(set.eligible, join(pp, "set.eligible")).map((c, j) =>
            condition(c, join(join(pp, "set.eligible"), j), ctx),
          );
        if (set.split !== undefined)
          out.split = parseSplit(set.split, join(pp, "set.split"), ctx.parse);
        if (set.ladder !== undefined)
          out.ladder = ladderKind.parse(
            obj(set.ladder, join(pp, "set.ladder")),
            join(pp, "set.ladder"),
            ctx.parse,
          );
        if (set.leftover !== undefined) {
          const measure = out.ladder?.measure ?? target.ladder?.measure;
          if (!measure)
            fail(
              join(pp, "set.leftover"),
              `blocket "${blockId}" har ingen trappa`,
              `block "${blockId}" has no ladder`,
            );
          out.leftover = parseLeftover(set.leftover, join(pp, "set.leftover"), {
            ...ctx.parse,
            blockMeasure: measure,
          });
        }
        return { block: blockId, set: out };
      }),
    };
  }
  if (Object.keys(options).length === 0)
    fail(join(path, "options"), "måste ha minst ett alternativ", "must offer at least one option");
  const def = str(o.default, join(path, "default"));
  if (!(def in options))
    fail(join(path, "default"), "måste vara ett av alternativen", "must be one of the options");
  return {
    key,
    description: text(o.description, join(path, "description")),
    default: def,
    options,
  };
}

/** Every measure a block uses must be computable from the declared inputs. */
function checkNeeds(rs: RuleSet): void {
  const declared = new Set(Object.keys(rs.inputs));
  rs.blocks.forEach((b, i) => {
    const used = [
      ...ruleMeasures(b),
      ...b.eligible.flatMap((c) => ("measure" in c ? [c.measure] : [])),
    ];
    for (const m of used) {
      for (const input of measureOf(rs, m).inputs) {
        if (input === "rewarded") continue; // optional, default 0
        if (!declared.has(input)) {
          const field = input === "at" ? "at" : input;
          fail(
            join("blocks", i),
            `använder måttet "${m}", som behöver inmatningen "${field}" — deklarera "inputs.${field}"`,
            `uses the measure "${m}", which needs the input "${field}": declare "inputs.${field}"`,
          );
        }
      }
    }
    if (
      b.eligible.some((c) => "reported" in c && c.reported === "forecast") &&
      !rs.inputs.forecast
    ) {
      fail(
        join("blocks", i),
        'använder prognosen: deklarera "inputs.forecast"',
        'uses the forecast: declare "inputs.forecast"',
      );
    }
  });
}

function parseFrame(o: Obj): Omit<RuleSet, "blocks" | "interpretations" | "groups" | "regions"> {
  if (o.format !== 1)
    fail(
      "format",
      "måste vara 1 (det enda formatet som finns)",
      "must be 1 (the only format there is)",
    );
  const frame: Omit<RuleSet, "blocks" | "interpretations" | "groups" | "regions"> = {
    format: 1,
    year: whole(o.year, "year", 1900),
    title: text(o.title, "title"),
    reference: str(o.reference, "reference"),
    sources: arr(o.sources, "sources").map((s, i) => str(s, join("sources", i))),
    budget: whole(o.budget, "budget"),
    inputs: { at: { required: true } },
  };
  if (o.populationDate !== undefined) {
    const d = str(o.populationDate, "populationDate");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d))
      fail("populationDate", "måste vara ett datum åååå-mm-dd", "must be a date yyyy-mm-dd");
    frame.populationDate = d;
  }
  if (o.rounding !== undefined)
    frame.rounding = oneOf(o.rounding, "rounding", ["largest-remainder", "half-up"] as const);
  return frame;
}

export function parseRuleSet(json: unknown): RuleSet {
  const o = obj(json, "", [
    "$schema",
    "format",
    "year",
    "title",
    "reference",
    "sources",
    "budget",
    "populationDate",
    "rounding",
    "inputs",
    "measures",
    "groups",
    "regions",
    "interpretations",
    "blocks",
  ]);
  const frame = parseFrame(o);
  const regions = o.regions === undefined ? undefined : regionList(o.regions, "regions");
  const codes = new Set((regions ?? SWEDISH_REGIONS).map((r) => r.code));
  const groups = groupsOf(o.groups, codes);

  const inputsList = entries(o.inputs, "inputs");
  if (!inputsList.some(([k]) => k === "at")) fail("inputs.at", "behövs alltid", "is required");
  const inputs: RuleSet["inputs"] = { at: { required: true } };
  for (const [k, v] of inputsList) inputs[k] = fieldSpec(v, join("inputs", k), k, codes);

  const draft: RuleSet = { ...frame, inputs, measures: measureDefs(o.measures), blocks: [] };
  for (const key of Object.keys(draft.measures ?? {})) {
    if (inputs[key])
      fail(
        join("measures", key),
        `heter som en inmatning — välj ett annat namn`,
        `has the name of an input — choose another name`,
      );
  }
  try {
    measuresOf(draft);
  } catch (e) {
    if (e instanceof MeasureError) fail("measures", e.problem.sv, e.problem.en);
    throw e;
  }
  const parse: ParseContext = {
    measure(v, path) {
      const m = str(v, path);
      try {
        measureOf(draft, m);
      } catch (e) {
        if (e instanceof MeasureError) fail(path, e.problem.sv, e.problem.en);
        throw e;
      }
      return m;
    },
    isWhole: (m) => measureOf(draft, m).whole,
  };
  const counts = new Set(
    Object.keys(inputs).filter((k) => k === "at" || inputs[k]?.headers !== undefined),
  );
  const ctx: FrameContext = { groups: new Set(Object.keys(groups)), codes, counts, parse };

  const blocks = arr(o.blocks, "blocks", true).map((b, i) => block(b, join("blocks", i), ctx));
  const ids = new Set<string>();
  blocks.forEach((b, i) => {
    if (ids.has(b.id))
      fail(join(join("blocks", i), "id"), `"${b.id}" finns två gånger`, `"${b.id}" appears twice`);
    ids.add(b.id);
  });
  const sum = blocks.reduce((s, b) => s + b.budget, 0);
  if (sum !== frame.budget)
    fail(
      "budget",
      `är ${frame.budget} men blocken summerar till ${sum}`,
      `is ${frame.budget} but the blocks add up to ${sum}`,
    );

  const interpretations =
    o.interpretations === undefined
      ? undefined
      : arr(o.interpretations, "interpretations").map((v, i) =>
          interpretation(v, join("interpretations", i), blocks, ctx),
        );
  const keys = new Set<string>();
  interpretations?.forEach((d, i) => {
    if (keys.has(d.key))
      fail(
        join(join("interpretations", i), "key"),
        `"${d.key}" finns två gånger`,
        `"${d.key}" appears twice`,
      );
    keys.add(d.key);
  });

  const rs: RuleSet = { ...draft, blocks };
  if (Object.keys(draft.measures ?? {}).length === 0) delete rs.measures;
  checkNeeds(rs);
  if (Object.keys(groups).length > 0) rs.groups = groups;
  if (regions) rs.regions = regions;
  if (interpretations) rs.interpretations = interpretations;
  return rs;
}
