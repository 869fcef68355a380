/**
 * Header matching for the region table (IO.md, "The region table"): which column holds
 * which field. Headers are matched ignoring case, spaces, punctuation and the diacritics of
 * å, ä and ö, in Swedish or English. The tables of IO.md are examples, not closed lists, so
 * matching works on words ("Tillsatta/påbörjade AT 2024" is an AT column because it speaks
 * of AT and of nothing that makes it another field).
 */
import type { CellValue, ColumnField } from "./types";

/** The years a header must carry, where it carries one. */
export interface HeaderYears {
  /** The chosen year: `{Y}` of IO.md, for the AT and baseline columns. */
  year: number;
  /** The year of the "already rewarded" column (rule set inputs.rewarded.year, 2023 for 2024). */
  rewardedYear?: number;
}

export interface HeaderMatch {
  field: ColumnField;
  /**
   * How the header's year relates to the year the field needs:
   * `exact` it names that year; `none` it names no year (accepted where only one column fits);
   * `other` it names another year ("AT 2023" when the year is 2024): not a match for the
   * field, kept so that a missing column can be explained;
   * `span` it names several years, the needed one among them ("AT 2023–2024"): which year the
   * cells hold is not certain, so it is never read as the field.
   */
  year: "exact" | "none" | "other" | "span";
  /** The years the header names, for messages. */
  yearsFound: number[];
}

/** Lower case, diacritics removed, every run of non-alphanumerics a single space. */
export function foldHeader(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const YEAR_RE = /(?<!\d)(19[5-9]\d|20\d\d)(?!\d)/g;

/** Four-digit years named by a header ("Prognos 2026–2030" names two). */
export function yearsIn(text: string): number[] {
  return [...text.matchAll(YEAR_RE)].map((m) => Number(m[1]));
}

/**
 * Words that make a header something computed or written by us (a rate, an amount, a sum),
 * never an input column, whatever else it says: "AT per 100 000 invånare", "Block 1 (kr)".
 */
// "per" alone is Swedish for "as of" ("Folkmängd per 1 november 2023"), so only a rate's "per"
// counts here; "Totalt antal AT" is an AT count, so "totalt" does not exclude either.
const NOT_INPUT =
  /\b(per (100|1000|100 000|100000|capita|invanare|inhabitants)|100 000|100000|kr|sek|kronor|belopp|amount|block|andel|share|utokning|expansion|matt|measure|procent|percent)\b/;

function isYearOnlyToken(token: string): boolean {
  return /^(19[5-9]\d|20\d\d)$/.test(token);
}

/**
 * The words of a header with years and date parts left out ("Befolkning 1 nov 2023" →
 * "befolkning"), plus the same words run together, to catch "AT2024" or "Länskod".
 */
function words(text: string): { tokens: string[]; joined: string } {
  const tokens = foldHeader(text)
    .split(" ")
    .filter((t) => t !== "" && !isYearOnlyToken(t))
    // "AT2024", "at24" written without a space: the year part is not a word.
    .map((t) => t.replace(/(19[5-9]\d|20\d\d)$/, "") || t);
  return { tokens, joined: tokens.join("") };
}

const has = (tokens: string[], re: RegExp): boolean => tokens.some((t) => re.test(t));

/** The field a header names, ignoring years. Order matters: specific fields before `at`. */
function fieldOf(tokens: string[], joined: string): ColumnField | null {
  if (tokens.length === 0) return null;
  if (has(tokens, /^(prognos|prognosen|forecast|forecasts)$/) || /prognos|forecast/.test(joined)) {
    return "forecast";
  }
  if (/^(grupp|group|gruppering|grouping|kategori|category|gruppniva|nivagrupp)$/.test(joined)) {
    return "group";
  }
  if (/^(lans|lan|region|county|regions)?(kod|code|nr|nummer|number|id)$/.test(joined)) {
    return "code";
  }
  if (
    /^(region|regioner|regionen|lan|county|counties|landsting|regionnamn|lansnamn|regionname|countyname|namn|name|regionlan|lanregion|regioncounty)$/.test(
      joined,
    )
  ) {
    return "region";
  }
  if (NOT_INPUT.test(tokens.join(" "))) return null;
  if (/ersatt|rewarded|compensated|alreadypaid|previouslypaid/.test(joined)) return "rewarded";
  if (/planer|planned|baslinje|baseline|atvarde|atvalue|planeringsunderlag/.test(joined)) {
    return "baseline";
  }
  if (
    has(
      tokens,
      /^(folkmangd|folkmangden|befolkning|befolkningen|invanare|invanarantal|population|inhabitants|residents)$/,
    )
  ) {
    return "population";
  }
  // The AT count: a header that speaks of AT ("AT", "AT-tjänster", "AT posts", "Antal AT").
  if (
    has(tokens, /^(at|attjanster|attjanst|atplatser|atposts|atpost|attjanstgoring)$/) ||
    joined === "at"
  ) {
    return "at";
  }
  return null;
}

/**
 * The field a header cell names, with how its year fits. Null where it names no field we
 * read. Years only decide for `at`, `baseline` and `rewarded`: population is dated by the
 * rule set ("Befolkning 1 nov 2023" for 2024) and a forecast names future years.
 */
export function matchHeader(cell: CellValue, years: HeaderYears): HeaderMatch | null {
  if (typeof cell !== "string") return null;
  const { tokens, joined } = words(cell);
  const field = fieldOf(tokens, joined);
  if (!field) return null;
  // "Tidigare belönade AT" speaks of AT, but of posts already paid for: not the AT count.
  if (field === "at" && looksLikeField(cell) === "rewarded") return null;
  const yearsFound = yearsIn(cell);
  let wanted: number | undefined;
  if (field === "at" || field === "baseline") wanted = years.year;
  else if (field === "rewarded") wanted = years.rewardedYear ?? years.year - 1;
  let year: HeaderMatch["year"] = "none";
  if (wanted !== undefined && yearsFound.length > 0) {
    const distinct = new Set(yearsFound);
    if (!distinct.has(wanted)) year = "other";
    else year = distinct.size > 1 ? "span" : "exact";
  }
  return { field, year, yearsFound };
}

/**
 * Words that make a header look like the "already rewarded" column without naming it the way
 * the reader is certain of ("Tidigare belönade AT", "AT utbetalda 2023"): never read as that
 * field, but named, since ignoring it would move money.
 */
const LOOKS_REWARDED =
  /\b(tidigare|redan|belonade?|belonats|utbetalda?|already|previous(ly)?|paid|credited)\b/;

/** The field a header that matches none seems to mean, for a message; null where it seems none. */
export function looksLikeField(cell: CellValue): ColumnField | null {
  if (typeof cell !== "string") return null;
  const folded = foldHeader(cell);
  if (LOOKS_REWARDED.test(folded) && /\bat\b|\bat(tjanst|post)/.test(folded)) return "rewarded";
  if (/\bplan/.test(folded)) return "baseline";
  return null;
}

/** How a field is named in messages: "antal AT 2024" / "the number of AT posts 2024". */
export function fieldLabel(field: ColumnField, years: HeaderYears): { sv: string; en: string } {
  const y = years.year;
  const r = years.rewardedYear ?? y - 1;
  switch (field) {
    case "region":
      return { sv: "region", en: "region" };
    case "code":
      return { sv: "länskod", en: "county code" };
    case "population":
      return { sv: "folkmängd", en: "population" };
    case "at":
      return { sv: `antal AT ${y}`, en: `the number of AT posts ${y}` };
    case "baseline":
      return { sv: `planerat antal AT ${y}`, en: `the planned number of AT posts ${y}` };
    case "rewarded":
      return { sv: `redan ersatta AT ${r}`, en: `AT posts already rewarded ${r}` };
    case "forecast":
      return { sv: "prognos inlämnad (Ja/Nej)", en: "forecast submitted (Yes/No)" };
    case "group":
      return { sv: "grupp", en: "group" };
  }
}

/** The header we ask for when a column is missing: "AT 2024", "Folkmängd". */
export function expectedHeader(field: ColumnField, years: HeaderYears): { sv: string; en: string } {
  const y = years.year;
  const r = years.rewardedYear ?? y - 1;
  switch (field) {
    case "region":
      return { sv: "Region", en: "Region" };
    case "code":
      return { sv: "Länskod", en: "Code" };
    case "population":
      return { sv: "Folkmängd", en: "Population" };
    case "at":
      return { sv: `AT ${y}`, en: `AT posts ${y}` };
    case "baseline":
      return { sv: `Planerade AT ${y}`, en: `Planned AT ${y}` };
    case "rewarded":
      return { sv: `Redan ersatta AT ${r}`, en: `Already rewarded ${r}` };
    case "forecast":
      return { sv: "Prognos inlämnad", en: "Forecast submitted" };
    case "group":
      return { sv: "Grupp", en: "Group" };
  }
}
