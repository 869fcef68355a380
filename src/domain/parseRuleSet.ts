/**
 * Validates a rule-set file (docs/rule-sets.md) and returns it typed. A malformed file is
 * rejected with a message that says where: `blocks[1].ladder.steps[2].threshold: …`.
 */
import type {
  BlockDef,
  Condition,
  FieldSpec,
  GroupDef,
  InterpretationDef,
  Ladder,
  LeftoverPolicy,
  RuleSet,
  Split,
  Text,
} from "./ruleSet";
import type { RegionDef } from "./regions";
import { SWEDISH_REGIONS, RegionIndex } from "./regions";
import { parsePlanningValue } from "./planningValue";

export class RuleSetError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path || "(rule set)"}: ${problem}`);
    this.name = "RuleSetError";
  }
}

type Obj = Record<string, unknown>;

const MEASURES = ["at", "atPer100k", "expansion"] as const;

function fail(path: string, problem: string): never {
  throw new RuleSetError(path, problem);
}

function obj(v: unknown, path: string, allowed?: readonly string[]): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(path, "must be an object");
  if (allowed) {
    for (const k of Object.keys(v)) {
      if (!allowed.includes(k)) fail(join(path, k), `unknown key (allowed: ${allowed.join(", ")})`);
    }
  }
  return v as Obj;
}

function join(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

function arr(v: unknown, path: string, nonEmpty = false): unknown[] {
  if (!Array.isArray(v)) fail(path, "must be a list");
  if (nonEmpty && v.length === 0) fail(path, "must not be empty");
  return v;
}

function str(v: unknown, path: string): string {
  if (typeof v !== "string" || v.trim() === "") fail(path, "must be a non-empty text");
  return v;
}

/** Money and thresholds: whole, non-negative, safe integers (no fractions of a krona). */
function whole(v: unknown, path: string, min = 0): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) {
    fail(path, `must be a whole number ≥ ${min}`);
  }
  return v;
}

function text(v: unknown, path: string): Text {
  const o = obj(v, path, ["sv", "en"]);
  return { sv: str(o.sv, join(path, "sv")), en: str(o.en, join(path, "en")) };
}

function oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T {
  if (typeof v !== "string" || !options.includes(v as T)) {
    fail(path, `must be one of ${options.map((o) => `"${o}"`).join(", ")}`);
  }
  return v as T;
}

function condition(v: unknown, path: string, groups: Set<string>): Condition {
  const o = obj(v, path);
  if ("reported" in o) {
    obj(v, path, ["reported"]);
    return { reported: oneOf(o.reported, join(path, "reported"), ["at", "forecast"] as const) };
  }
  if ("group" in o) {
    obj(v, path, ["group"]);
    const g = str(o.group, join(path, "group"));
    if (!groups.has(g)) fail(join(path, "group"), `no group "${g}" in groups`);
    return { group: g };
  }
  if ("measure" in o) {
    obj(v, path, ["measure", "atLeast"]);
    const atLeast = o.atLeast;
    if (typeof atLeast !== "number" || !Number.isFinite(atLeast)) {
      fail(join(path, "atLeast"), "must be a number");
    }
    return { measure: oneOf(o.measure, join(path, "measure"), MEASURES), atLeast };
  }
  fail(path, 'must be {"reported": …}, {"group": …} or {"measure": …, "atLeast": …}');
}

function split(v: unknown, path: string): Split {
  const o = obj(v, path, ["kind", "weight"]);
  const kind = oneOf(o.kind, join(path, "kind"), ["equal", "proportional"] as const);
  if (kind === "equal") {
    if (o.weight !== undefined) fail(join(path, "weight"), "an equal split has no weight");
    return { kind };
  }
  return { kind, weight: oneOf(o.weight, join(path, "weight"), MEASURES) };
}

function leftover(v: unknown, path: string): LeftoverPolicy {
  const o = obj(v, path);
  const policy = oneOf(o.policy, join(path, "policy"), [
    "proportional",
    "equal",
    "top",
    "undistributed",
  ] as const);
  const among = () => oneOf(o.among, join(path, "among"), ["qualified", "eligible"] as const);
  switch (policy) {
    case "undistributed":
      obj(v, path, ["policy"]);
      return { policy };
    case "equal":
      obj(v, path, ["policy", "among"]);
      return { policy, among: among() };
    case "proportional":
      obj(v, path, ["policy", "among", "weight"]);
      return { policy, among: among(), weight: oneOf(o.weight, join(path, "weight"), MEASURES) };
    case "top": {
      obj(v, path, ["policy", "among", "k", "minMeasure", "split"]);
      const result: LeftoverPolicy = {
        policy,
        among: among(),
        k: whole(o.k, join(path, "k"), 1),
        split: oneOf(o.split, join(path, "split"), ["equal", "measure"] as const),
      };
      if (o.minMeasure !== undefined) {
        if (typeof o.minMeasure !== "number" || !Number.isFinite(o.minMeasure)) {
          fail(join(path, "minMeasure"), "must be a number");
        }
        result.minMeasure = o.minMeasure;
      }
      return result;
    }
  }
}

function ladder(v: unknown, path: string): Ladder {
  const o = obj(v, path, ["measure", "steps", "leftover"]);
  const steps = arr(o.steps, join(path, "steps"), true).map((s, i) => {
    const p = join(join(path, "steps"), i);
    const so = obj(s, p, ["threshold", "amount"]);
    const threshold = so.threshold;
    if (typeof threshold !== "number" || !Number.isFinite(threshold)) {
      fail(join(p, "threshold"), "must be a number");
    }
    return { threshold, amount: whole(so.amount, join(p, "amount")) };
  });
  for (let i = 1; i < steps.length; i++) {
    if (steps[i].threshold <= steps[i - 1].threshold) {
      fail(join(join(join(path, "steps"), i), "threshold"), "thresholds must rise step by step");
    }
  }
  return {
    measure: oneOf(o.measure, join(path, "measure"), MEASURES),
    steps,
    leftover: leftover(o.leftover, join(path, "leftover")),
  };
}

function block(v: unknown, path: string, groups: Set<string>): BlockDef {
  const o = obj(v, path, ["id", "name", "budget", "eligible", "split", "ladder", "source"]);
  const b: BlockDef = {
    id: str(o.id, join(path, "id")),
    name: text(o.name, join(path, "name")),
    budget: whole(o.budget, join(path, "budget")),
    eligible: arr(o.eligible, join(path, "eligible")).map((c, i) =>
      condition(c, join(join(path, "eligible"), i), groups),
    ),
  };
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(b.id)) fail(join(path, "id"), "letters, digits, - and _");
  if ((o.split === undefined) === (o.ladder === undefined)) {
    fail(path, 'needs exactly one of "split" and "ladder"');
  }
  if (o.split !== undefined) b.split = split(o.split, join(path, "split"));
  if (o.ladder !== undefined) b.ladder = ladder(o.ladder, join(path, "ladder"));
  if (o.source !== undefined) b.source = str(o.source, join(path, "source"));
  return b;
}

function fieldSpec(v: unknown, path: string, codes: Set<string>): FieldSpec {
  const o = obj(v, path, ["required", "defaults", "previous", "year", "defaultValue"]);
  if (typeof o.required !== "boolean") fail(join(path, "required"), "must be true or false");
  const spec: FieldSpec = { required: o.required };
  for (const key of ["defaults", "previous"] as const) {
    if (o[key] === undefined) continue;
    const m = obj(o[key], join(path, key));
    const out: Record<string, string> = {};
    for (const [code, value] of Object.entries(m)) {
      const p = join(join(path, key), code);
      if (!codes.has(code)) fail(p, "no region has this code");
      const t = str(value, p);
      if (parsePlanningValue(t).kind === "invalid") fail(p, `"${t}" is not a planning value`);
      out[code] = t;
    }
    spec[key] = out;
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
    fail(path, (e as Error).message);
  }
  const codes = new Set<string>();
  list.forEach((r, i) => {
    if (codes.has(r.code)) fail(join(join(path, i), "code"), `code "${r.code}" appears twice`);
    codes.add(r.code);
  });
  return list;
}

function interpretation(v: unknown, path: string, blocks: BlockDef[]): InterpretationDef {
  const o = obj(v, path, ["key", "description", "default", "options"]);
  const key = str(o.key, join(path, "key"));
  if (["rounding", "range", "overflow"].includes(key)) fail(join(path, "key"), "is a built-in key");
  const optionsObj = obj(o.options, join(path, "options"));
  const options: InterpretationDef["options"] = {};
  for (const [name, opt] of Object.entries(optionsObj)) {
    const p = join(join(path, "options"), name);
    const oo = obj(opt, p, ["description", "patches"]);
    options[name] = {
      description: text(oo.description, join(p, "description")),
      patches: arr(oo.patches, join(p, "patches"), true).map((patch, i) => {
        const pp = join(join(p, "patches"), i);
        const po = obj(patch, pp, ["block", "set"]);
        const blockId = str(po.block, join(pp, "block"));
        const target = blocks.find((b) => b.id === blockId);
        if (!target) fail(join(pp, "block"), `no block "${blockId}"`);
        const set = obj(po.set, join(pp, "set"), ["split", "ladder", "eligible", "leftover"]);
        // A patch must leave a valid block: validate the patched result now, not at run time.
        const patched: Obj = { ...target, ...set };
        if (set.leftover !== undefined) {
          if (!target.ladder) fail(join(pp, "set.leftover"), `block "${blockId}" has no ladder`);
          patched.ladder = { ...target.ladder, leftover: set.leftover };
          delete patched.leftover;
        }
        if (set.split !== undefined) delete patched.ladder;
        if (set.ladder !== undefined) delete patched.split;
        block(patched, join(pp, "set"), new Set(groupsOf(patched)));
        return {
          block: blockId,
          set: set as InterpretationDef["options"][string]["patches"][number]["set"],
        };
      }),
    };
  }
  if (Object.keys(options).length === 0)
    fail(join(path, "options"), "must offer at least one option");
  const def = str(o.default, join(path, "default"));
  if (!(def in options)) fail(join(path, "default"), `must be one of the options`);
  return {
    key,
    description: text(o.description, join(path, "description")),
    default: def,
    options,
  };
}

/** Group names a block's conditions use (for validating patched blocks). */
function groupsOf(b: Obj): string[] {
  return Array.isArray(b.eligible)
    ? b.eligible.flatMap((c) =>
        c && typeof c === "object" && "group" in c ? [String(c.group)] : [],
      )
    : [];
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
    "inputs",
    "groups",
    "regions",
    "interpretations",
    "blocks",
  ]);
  if (o.format !== 1) fail("format", "must be 1 (the only format there is)");
  const regions = o.regions === undefined ? undefined : regionList(o.regions, "regions");
  const codes = new Set((regions ?? SWEDISH_REGIONS).map((r) => r.code));

  const groups: Record<string, GroupDef> = {};
  if (o.groups !== undefined) {
    for (const [id, g] of Object.entries(obj(o.groups, "groups"))) {
      const p = join("groups", id);
      const go = obj(g, p, ["name", "aliases", "members"]);
      const members = arr(go.members, join(p, "members")).map((m, i) => {
        const code = str(m, join(join(p, "members"), i));
        if (!codes.has(code)) fail(join(join(p, "members"), i), `no region has code "${code}"`);
        return code;
      });
      groups[id] = {
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
  }
  const groupIds = new Set(Object.keys(groups));

  const inputsObj = obj(o.inputs, "inputs", [
    "at",
    "population",
    "baseline",
    "rewarded",
    "forecast",
    "group",
  ]);
  if (inputsObj.at === undefined) fail("inputs.at", "is required");
  const inputs = {} as RuleSet["inputs"];
  for (const [k, v] of Object.entries(inputsObj)) {
    (inputs as Record<string, FieldSpec>)[k] = fieldSpec(v, join("inputs", k), codes);
  }

  const blocks = arr(o.blocks, "blocks", true).map((b, i) => block(b, join("blocks", i), groupIds));
  const ids = new Set<string>();
  blocks.forEach((b, i) => {
    if (ids.has(b.id)) fail(join(join("blocks", i), "id"), `"${b.id}" appears twice`);
    ids.add(b.id);
  });

  const budget = whole(o.budget, "budget");
  const sum = blocks.reduce((s, b) => s + b.budget, 0);
  if (sum !== budget) fail("budget", `is ${budget} but the blocks add up to ${sum}`);

  // Every measure a block uses must be computable from the declared inputs.
  const needs = (m: string, p: string) => {
    if (m === "atPer100k" && !inputs.population)
      fail(p, 'uses AT per 100 000: declare "inputs.population"');
    if (m === "expansion" && !inputs.baseline)
      fail(p, 'uses the expansion: declare "inputs.baseline"');
  };
  blocks.forEach((b, i) => {
    const p = join("blocks", i);
    b.eligible.forEach((c, j) => {
      if ("measure" in c) needs(c.measure, join(join(p, "eligible"), j));
      if ("reported" in c && c.reported === "forecast" && !inputs.forecast) {
        fail(join(join(p, "eligible"), j), 'uses the forecast: declare "inputs.forecast"');
      }
    });
    if (b.split?.kind === "proportional") needs(b.split.weight, join(p, "split.weight"));
    if (b.ladder) {
      needs(b.ladder.measure, join(p, "ladder.measure"));
      if (b.ladder.leftover.policy === "proportional")
        needs(b.ladder.leftover.weight, join(p, "ladder.leftover.weight"));
    }
  });

  const interpretations =
    o.interpretations === undefined
      ? undefined
      : arr(o.interpretations, "interpretations").map((v, i) =>
          interpretation(v, join("interpretations", i), blocks),
        );
  const keys = new Set<string>();
  interpretations?.forEach((d, i) => {
    if (keys.has(d.key)) fail(join(join("interpretations", i), "key"), `"${d.key}" appears twice`);
    keys.add(d.key);
  });

  const rs: RuleSet = {
    format: 1,
    year: whole(o.year, "year", 1900),
    title: text(o.title, "title"),
    reference: str(o.reference, "reference"),
    sources: arr(o.sources, "sources").map((s, i) => str(s, join("sources", i))),
    budget,
    inputs,
    blocks,
  };
  if (o.populationDate !== undefined) {
    const d = str(o.populationDate, "populationDate");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) fail("populationDate", "must be a date yyyy-mm-dd");
    rs.populationDate = d;
  }
  if (Object.keys(groups).length > 0) rs.groups = groups;
  if (regions) rs.regions = regions;
  if (interpretations) rs.interpretations = interpretations;
  return rs;
}
