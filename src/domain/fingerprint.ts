/**
 * Fingerprints: SHA-256 of a value's canonical JSON (keys sorted, no spaces), so the same rule
 * set or the same input cells give the same hex string on every machine. @noble/hashes is pure
 * JavaScript: it runs the same in the task pane and on the command line.
 */
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { RuleSet } from "./ruleSet";

/** JSON with every object's keys sorted: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

const cache = new WeakMap<RuleSet, string>();

/** The rule set's fingerprint: SHA-256 of its canonical form. */
export function ruleSetFingerprint(rs: RuleSet): string {
  let hit = cache.get(rs);
  if (!hit) {
    hit = sha256Hex(canonicalJson(rs));
    cache.set(rs, hit);
  }
  return hit;
}
