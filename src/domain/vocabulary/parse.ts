/**
 * What every kind's parser shares: the error that says where (`blocks[1].ladder.steps[2]:
 * trösklarna måste öka steg för steg`), in Swedish and English, and the small validators.
 */
import type { Text } from "../ruleSet";

export class RuleSetError extends Error {
  /** The whole message in both languages, path first. */
  readonly text: Text;
  constructor(
    readonly path: string,
    readonly problem: Text,
  ) {
    const where = path || "(regelverk)";
    super(`${path || "(rule set)"}: ${problem.en}`);
    this.name = "RuleSetError";
    this.text = { sv: `${where}: ${problem.sv}`, en: `${path || "(rule set)"}: ${problem.en}` };
  }
}

export type Obj = Record<string, unknown>;

export function fail(path: string, sv: string, en: string): never {
  throw new RuleSetError(path, { sv, en });
}

export function join(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/** Keys that would reach an object's prototype: never a name in a rule set. */
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

export function obj(v: unknown, path: string, allowed?: readonly string[]): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    fail(path, "måste vara ett objekt ({ … })", "must be an object");
  }
  for (const k of Object.keys(v)) {
    if (FORBIDDEN.has(k))
      fail(join(path, k), `"${k}" får inte användas som namn`, `"${k}" may not be used as a name`);
    if (allowed && !allowed.includes(k)) {
      fail(
        join(path, k),
        `okänd nyckel (tillåtna: ${allowed.join(", ")})`,
        `unknown key (allowed: ${allowed.join(", ")})`,
      );
    }
  }
  return v as Obj;
}

/** An object's entries as a null-prototype map-like record (safe for any key). */
export function entries(v: unknown, path: string): [string, unknown][] {
  return Object.entries(obj(v, path));
}

export function arr(v: unknown, path: string, nonEmpty = false): unknown[] {
  if (!Array.isArray(v)) fail(path, "måste vara en lista ([ … ])", "must be a list");
  if (nonEmpty && v.length === 0) fail(path, "får inte vara tom", "must not be empty");
  return v;
}

export function str(v: unknown, path: string): string {
  if (typeof v !== "string" || v.trim() === "")
    fail(path, "måste vara en text", "must be a non-empty text");
  return v;
}

/** Money and counts: whole, safe integers (no fractions of a krona). */
export function whole(v: unknown, path: string, min = 0): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) {
    fail(path, `måste vara ett heltal ≥ ${min}`, `must be a whole number ≥ ${min}`);
  }
  return v;
}

export function finite(v: unknown, path: string): number {
  if (typeof v !== "number" || !Number.isFinite(v))
    fail(path, "måste vara ett tal", "must be a number");
  return v;
}

export function text(v: unknown, path: string): Text {
  const o = obj(v, path, ["sv", "en"]);
  return { sv: str(o.sv, join(path, "sv")), en: str(o.en, join(path, "en")) };
}

export function oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T {
  if (typeof v !== "string" || !options.includes(v as T)) {
    const list = options.map((o) => `"${o}"`).join(", ");
    fail(path, `måste vara en av ${list}`, `must be one of ${list}`);
  }
  return v as T;
}

/** A name the rule set gives (a block id, an input, a measure): letters, digits, - and _. */
export function name(v: unknown, path: string): string {
  const s = str(v, path);
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(s)) {
    fail(
      path,
      "bokstäver, siffror, - och _ (börjar med en bokstav)",
      "letters, digits, - and _ (starting with a letter)",
    );
  }
  return s;
}
