/**
 * Who gains and who loses: two allocations of the same year side by side — a baseline (the last
 * written allocation, read back from the workbook, or one the user pinned) and the current one.
 * Pure and exact: amounts are whole kronor, differences are computed in bigint.
 */
import { formatKr, formatNumber } from "../format";
import type { Lang, Text } from "../ruleSet";

/** What a comparison needs of an allocation; an AllocationResult is one. */
export interface Comparable {
  year: number;
  blocks: readonly { id: string; name: Text }[];
  regions: readonly {
    code: string;
    region: string;
    blocks: Record<string, number>;
    total: number;
    /** The ladder step reached per ladder block; null where none, absent where not known. */
    steps: Record<string, number | null>;
  }[];
}

export interface Change {
  before: number;
  after: number;
  /** after − before. */
  diff: number;
}

export interface StepChange {
  block: string;
  before: number | null;
  after: number | null;
}

export interface RegionChange extends Change {
  code: string;
  region: string;
  /** Per block id of the current allocation. */
  blocks: Record<string, Change>;
  /** Ladder blocks whose step differs. */
  steps: StepChange[];
  /** Received something before and 0 kr now: stands out. */
  fellToZero: boolean;
}

export interface BlockChange extends Change {
  id: string;
  name: Text;
}

export interface Comparison {
  year: number;
  regions: RegionChange[];
  blocks: BlockChange[];
  /** Totals over all regions. */
  total: Change;
  gainers: RegionChange[];
  losers: RegionChange[];
  /** "Halland +9 436 999 kr, 20 regioner −9 436 999 kr sammanlagt; block 2 trappsteg 7 → 10". */
  summary: Text;
}

export class ComparisonError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
    this.name = "ComparisonError";
  }
}

function change(before: number, after: number): Change {
  const diff = BigInt(after) - BigInt(before);
  return { before, after, diff: Number(diff) };
}

/** "Block 2 – Ytterligare utökning" → "block 2" (the part before the dash, lower-cased). */
export function shortName(name: string): string {
  const head = name.split(/\s+[\u2013\u2014-]\s+/)[0].trim();
  return head.charAt(0).toLowerCase() + head.slice(1);
}

/** "+9 436 999 kr", "−1 200 kr", "0 kr". */
export function signedKr(amount: number, lang: Lang): string {
  return (amount > 0 ? "+" : "") + formatKr(amount, lang);
}

/**
 * Compares `after` against `before`. Both must be of the same year; a block or region the
 * baseline lacks counts as 0 there (a rule set's blocks do not change within a year).
 */
export function compareAllocations(before: Comparable, after: Comparable): Comparison {
  if (before.year !== after.year) {
    throw new ComparisonError({
      sv: `jämförelsen gäller ${before.year}, fördelningen ${after.year}: jämför inte olika år`,
      en: `the baseline is for ${before.year}, the allocation for ${after.year}: years are not compared`,
    });
  }
  const prior = new Map(before.regions.map((r) => [r.code, r]));
  const regions: RegionChange[] = after.regions.map((now) => {
    const was = prior.get(now.code);
    const blocks: Record<string, Change> = {};
    for (const b of after.blocks)
      blocks[b.id] = change(was?.blocks[b.id] ?? 0, now.blocks[b.id] ?? 0);
    const steps: StepChange[] = [];
    for (const id of Object.keys(now.steps)) {
      if (!was || !(id in was.steps)) continue; // not known for the baseline
      const s0 = was.steps[id];
      const s1 = now.steps[id];
      if (s0 !== s1) steps.push({ block: id, before: s0, after: s1 });
    }
    const total = change(was?.total ?? 0, now.total);
    return {
      code: now.code,
      region: now.region,
      ...total,
      blocks,
      steps,
      fellToZero: total.before > 0 && total.after === 0,
    };
  });
  const blocks: BlockChange[] = after.blocks.map((b) => {
    let b0 = 0n;
    let b1 = 0n;
    for (const r of regions) {
      b0 += BigInt(r.blocks[b.id].before);
      b1 += BigInt(r.blocks[b.id].after);
    }
    return { id: b.id, name: b.name, ...change(Number(b0), Number(b1)) };
  });
  const sum = (f: (r: RegionChange) => number) => regions.reduce((s, r) => s + BigInt(f(r)), 0n);
  const total = change(Number(sum((r) => r.before)), Number(sum((r) => r.after)));
  const byGain = (a: RegionChange, b: RegionChange) =>
    b.diff - a.diff || a.code.localeCompare(b.code);
  const gainers = regions.filter((r) => r.diff > 0).sort(byGain);
  const losers = regions.filter((r) => r.diff < 0).sort((a, b) => byGain(b, a));
  const names = new Map(after.blocks.map((b) => [b.id, b.name]));
  const summary = {
    sv: summaryLine(gainers, losers, regions, names, "sv"),
    en: summaryLine(gainers, losers, regions, names, "en"),
  };
  return { year: after.year, regions, blocks, total, gainers, losers, summary };
}

/** At most this many regions are named; more are counted. */
const NAMED = 2;

function group(list: RegionChange[], lang: Lang): string {
  if (list.length <= NAMED)
    return list.map((r) => `${r.region} ${signedKr(r.diff, lang)}`).join(", ");
  const sum = list.reduce((s, r) => s + BigInt(r.diff), 0n);
  const n = formatNumber(list.length, lang);
  return lang === "sv"
    ? `${n} regioner ${signedKr(Number(sum), lang)} sammanlagt`
    : `${n} regions ${signedKr(Number(sum), lang)} in all`;
}

function stepText(s: StepChange, names: Map<string, Text>, lang: Lang): string {
  const name = shortName(names.get(s.block)?.[lang] ?? s.block);
  const none = lang === "sv" ? "inget" : "none";
  const v = (x: number | null) => (x === null ? none : formatNumber(x, lang));
  return `${name} ${lang === "sv" ? "trappsteg" : "ladder step"} ${v(s.before)} \u2192 ${v(s.after)}`;
}

function summaryLine(
  gainers: RegionChange[],
  losers: RegionChange[],
  regions: RegionChange[],
  names: Map<string, Text>,
  lang: Lang,
): string {
  if (gainers.length === 0 && losers.length === 0) {
    return lang === "sv" ? "Ingen region får ett annat belopp" : "No region's amount changes";
  }
  const parts = [gainers, losers].filter((l) => l.length > 0).map((l) => group(l, lang));
  let line = parts.join(", ");
  const stepped = regions.filter((r) => r.steps.length > 0);
  const first = [gainers, losers].find((l) => l.length > 0 && l.length <= NAMED)?.[0];
  // One region that moved a step and is the first one named needs no name again.
  const bare = stepped.length === 1 && first?.code === stepped[0].code;
  const steps = stepped.flatMap((r) =>
    r.steps.map((s) => (bare ? "" : `${r.region} `) + stepText(s, names, lang)),
  );
  if (steps.length > 0) line += `; ${steps.join(", ")}`;
  const zero = regions.filter((r) => r.fellToZero);
  if (zero.length > 0) {
    const list = zero.map((r) => r.region).join(", ");
    line +=
      lang === "sv"
        ? `; ${list} får ${formatKr(0, lang)}`
        : `; ${list} receives ${formatKr(0, lang)}`;
  }
  return line;
}
