/**
 * The 21 Swedish regions, in official county-code order (RULES.md, "The 21 regions").
 * County code order is the order of every output and the last tie-break of every ranking.
 */
export interface RegionDef {
  /** County code (länskod), two digits for the Swedish regions; any sortable id for custom sets. */
  code: string;
  /** Canonical name, as every output writes it. */
  name: string;
  /** Other names seen in the sources and in workbooks. */
  aliases: string[];
}

export const SWEDISH_REGIONS: readonly RegionDef[] = [
  { code: "01", name: "Stockholm", aliases: ["Region Stockholm", "Stockholms län"] },
  { code: "03", name: "Uppsala", aliases: ["Uppsala län", "Region Uppsala"] },
  {
    code: "04",
    name: "Sörmland",
    aliases: ["Södermanland", "Region Sörmland", "Södermanlands län"],
  },
  { code: "05", name: "Östergötland", aliases: ["Region Östergötland", "Östergötlands län"] },
  { code: "06", name: "Jönköping", aliases: ["Jönköpings län", "Region Jönköpings län"] },
  { code: "07", name: "Kronoberg", aliases: ["Region Kronoberg", "Kronobergs län"] },
  { code: "08", name: "Kalmar", aliases: ["Kalmar län", "Region Kalmar län"] },
  { code: "09", name: "Gotland", aliases: ["Region Gotland", "Gotlands län"] },
  { code: "10", name: "Blekinge", aliases: ["Region Blekinge", "Blekinge län"] },
  { code: "12", name: "Skåne", aliases: ["Region Skåne", "Skåne län"] },
  { code: "13", name: "Halland", aliases: ["Region Halland", "Hallands län"] },
  {
    code: "14",
    name: "Västra Götaland",
    aliases: ["Västra Götalandsregionen", "Västra Götalands län", "VGR"],
  },
  { code: "17", name: "Värmland", aliases: ["Region Värmland", "Värmlands län"] },
  { code: "18", name: "Örebro", aliases: ["Örebro län", "Region Örebro län"] },
  { code: "19", name: "Västmanland", aliases: ["Region Västmanland", "Västmanlands län"] },
  { code: "20", name: "Dalarna", aliases: ["Region Dalarna", "Dalarnas län"] },
  { code: "21", name: "Gävleborg", aliases: ["Region Gävleborg", "Gävleborgs län"] },
  { code: "22", name: "Västernorrland", aliases: ["Region Västernorrland", "Västernorrlands län"] },
  {
    code: "23",
    name: "Jämtland Härjedalen",
    aliases: ["Jämtland-Härjedalen", "Region Jämtland Härjedalen", "Jämtlands län", "Jämtland"],
  },
  { code: "24", name: "Västerbotten", aliases: ["Region Västerbotten", "Västerbottens län"] },
  { code: "25", name: "Norrbotten", aliases: ["Region Norrbotten", "Norrbottens län"] },
];

/**
 * Folds a region name for matching: case, surrounding and repeated spaces, hyphens versus
 * spaces, the diacritics of å, ä and ö, and a leading "Region " (RULES.md, name matching).
 */
export function foldRegionName(name: string): string {
  let s = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[-\u2010-\u2015_]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (s.startsWith("region ")) s = s.slice("region ".length);
  return s;
}

export type RegionMatch =
  { ok: true; region: RegionDef } | { ok: false; suggestion: RegionDef | null };

/** Levenshtein distance, for suggestions only: a match is never made on it. */
function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** A name index over a list of regions (the Swedish 21 or a custom rule set's own). */
export class RegionIndex {
  private readonly byFolded = new Map<string, RegionDef>();
  private readonly byCode = new Map<string, RegionDef>();

  constructor(readonly regions: readonly RegionDef[]) {
    for (const r of regions) {
      this.byCode.set(r.code, r);
      for (const n of [r.name, ...r.aliases]) {
        const key = foldRegionName(n);
        const other = this.byFolded.get(key);
        if (other && other.code !== r.code) {
          throw new Error(`Region name "${n}" is ambiguous (${other.code} and ${r.code})`);
        }
        this.byFolded.set(key, r);
      }
    }
  }

  byCodeOrNull(code: string): RegionDef | null {
    return this.byCode.get(code) ?? this.byCode.get(code.padStart(2, "0")) ?? null;
  }

  /** Exact match after folding; otherwise the closest known name as a suggestion. */
  match(name: string): RegionMatch {
    const folded = foldRegionName(name);
    const hit = this.byFolded.get(folded);
    if (hit) return { ok: true, region: hit };
    let best: RegionDef | null = null;
    let bestDistance = Infinity;
    for (const [key, r] of this.byFolded) {
      const d = editDistance(folded, key);
      if (d < bestDistance) {
        bestDistance = d;
        best = r;
      }
    }
    // Only suggest when the name is reasonably close; a wild guess helps nobody.
    const limit = Math.max(2, Math.floor(folded.length / 3));
    return { ok: false, suggestion: bestDistance <= limit ? best : null };
  }
}

export const SWEDISH_REGION_INDEX = new RegionIndex(SWEDISH_REGIONS);

/** Compares two region codes in official order: numerically when both are numbers. */
export function compareCodes(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
