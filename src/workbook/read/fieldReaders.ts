/**
 * One reader per field of a region row: the region name, the code cross-check, the AT count,
 * the population, the already rewarded posts, the forecast and the group. Each takes the
 * cell, sets the input or names the problem by cell. The planned value has its own file
 * (readBaseline.ts).
 */
import type { RegionDef, RegionIndex } from "../../domain/regions";
import { foldRegionName } from "../../domain/regions";
import type { RuleSet } from "../../domain/ruleSet";
import type { RegionInput } from "../../domain/types";
import { formatNumber } from "../../domain/format";
import { isBlank, readCount, readYesNo, showCell } from "../cellValues";
import { fieldLabel } from "../headers";
import type { HeaderYears } from "../headers";
import type { CellValue } from "../types";
import type { IssueSink } from "./messages";
import { badCountText } from "./messages";

export interface RowAt {
  row: number;
  region: RegionDef;
  input: RegionInput;
}

const at = (row: number, col: number) => ({ row, col });

/** Characters that make a name look right and match nothing: invisible ones, look-alikes. */
const INVISIBLE = /[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]/;
const NON_LATIN_LETTER = /[\u0370-\u03ff\u0400-\u04ff]/;

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The region a row's name cell names, or null with the problem named. */
export function readRegionName(
  sink: IssueSink,
  index: RegionIndex,
  row: number,
  col: number,
  cell: CellValue,
): RegionDef | null {
  if (typeof cell !== "string") {
    sink.add(
      "error",
      "region.unknown",
      {
        sv: `${showCell(cell).sv} är inget regionnamn — skriv regionens namn, t.ex. "Skåne"`,
        en: `${showCell(cell).en} is not a region name — write the region's name, e.g. "Skåne"`,
      },
      at(row, col),
    );
    return null;
  }
  const m = index.match(cell);
  if (m.ok) return m.region;
  const name = cell.trim();
  const invisible = INVISIBLE.exec(cell);
  const lookalike = NON_LATIN_LETTER.exec(cell);
  if (invisible || lookalike) {
    const ch = (invisible ?? lookalike)![0];
    const cleaned = cell.replace(new RegExp(INVISIBLE.source, "g"), "");
    const meant = invisible ? index.match(cleaned) : null;
    const hint = meant?.ok
      ? { sv: ` (utan det: ${meant.region.name})`, en: ` (without it: ${meant.region.name})` }
      : { sv: "", en: "" };
    sink.add(
      "error",
      invisible ? "region.invisibleChar" : "region.lookalikeChar",
      invisible
        ? {
            sv: `"${name}" innehåller ett osynligt tecken (${codePoint(ch)})${hint.sv} — skriv in namnet på nytt`,
            en: `"${name}" contains an invisible character (${codePoint(ch)})${hint.en} — type the name again`,
          }
        : {
            sv: `"${name}" innehåller tecknet "${ch}" (${codePoint(ch)}), som bara liknar en svensk bokstav — skriv in namnet på nytt`,
            en: `"${name}" contains the character "${ch}" (${codePoint(ch)}), which only looks like a Latin letter — type the name again`,
          },
      at(row, col),
    );
    return null;
  }
  const codeGuess = /^\d{1,2}$/.test(name) ? index.byCodeOrNull(name) : null;
  const suggestion = codeGuess ?? m.suggestion;
  sink.add(
    "error",
    "region.unknown",
    suggestion
      ? {
          sv: `"${name}" är ingen känd region — menade du ${suggestion.name}?`,
          en: `"${name}" is not a known region — did you mean ${suggestion.name}?`,
        }
      : {
          sv: `"${name}" är ingen känd region — skriv regionens namn, t.ex. "Skåne" eller "Region Skåne"`,
          en: `"${name}" is not a known region — write the region's name, e.g. "Skåne" or "Region Skåne"`,
        },
    at(row, col),
  );
  return null;
}

/**
 * A text in the region column with no figures beside it reads as a heading of its own ("Norra
 * sjukvårdsregionen"); null where it is not one (invisible or look-alike characters), else the
 * closest region name, if any, so that the notice can say what it might have been.
 */
export function subheadingOf(index: RegionIndex, text: string): { like: RegionDef | null } | null {
  if (INVISIBLE.test(text) || NON_LATIN_LETTER.test(text)) return null;
  const m = index.match(text);
  if (m.ok || foldRegionName(text).length === 0) return null;
  return { like: m.suggestion };
}

/** The code column: a cross-check of the name, never the key. */
export function readCode(
  sink: IssueSink,
  index: RegionIndex,
  r: RowAt,
  col: number,
  v: CellValue,
): void {
  if (isBlank(v)) return;
  const { region } = r;
  const text = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "";
  const byCode = text ? index.byCodeOrNull(text) : null;
  if (!byCode) {
    sink.add(
      "error",
      "code.unknown",
      {
        sv: `länskoden ${showCell(v).sv} finns inte i listan över regioner (${region.name} har ${region.code}) — rätta koden eller töm cellen`,
        en: `the county code ${showCell(v).en} is not in the list of regions (${region.name} is ${region.code}) — correct the code or clear the cell`,
      },
      at(r.row, col),
      region.name,
    );
  } else if (byCode.code !== region.code) {
    sink.add(
      "error",
      "code.mismatch",
      {
        sv: `länskoden ${byCode.code} hör till ${byCode.name}, men raden gäller ${region.name} (${region.code}) — rätta koden eller namnet`,
        en: `the county code ${byCode.code} belongs to ${byCode.name}, but the row is ${region.name} (${region.code}) — correct the code or the name`,
      },
      at(r.row, col),
      region.name,
    );
  }
}

/** The AT count: blank = did not report (RULES.md, "Counts, population, per-capita rate"). */
export function readAt(
  sink: IssueSink,
  years: HeaderYears,
  r: RowAt,
  col: number,
  v: CellValue,
): void {
  const rname = r.region.name;
  const label = fieldLabel("at", years);
  const c = readCount(v);
  if (c.kind === "value") {
    r.input.at = c.value;
    if (c.value === 0) {
      sink.add(
        "warning",
        "at.zero",
        {
          sv: `${rname} har redovisat 0 AT ${years.year} — det räknas som redovisat; lämna cellen tom om regionen inte har redovisat`,
          en: `${rname} reported 0 AT posts ${years.year} — that counts as reported; leave the cell blank if the region did not report`,
        },
        at(r.row, col),
        rname,
        { affectsAmounts: true },
      );
    }
  } else if (c.kind === "blank") {
    sink.add(
      "notice",
      "at.notReported",
      {
        sv: `tom cell: ${rname} har inte redovisat ${label.sv} och deltar inte där redovisning krävs`,
        en: `blank cell: ${rname} did not report ${label.en} and takes no part where reporting is required`,
      },
      at(r.row, col),
      rname,
    );
  } else {
    sink.add(
      "error",
      `count.${c.reason}`,
      badCountText(c.reason, c.shown, label, false),
      at(r.row, col),
      rname,
    );
  }
}

/** Population: whole > 0 where needed, plausible everywhere. */
export function readPopulation(
  sink: IssueSink,
  years: HeaderYears,
  needed: boolean,
  r: RowAt,
  col: number,
  v: CellValue,
): void {
  const rname = r.region.name;
  const label = fieldLabel("population", years);
  const c = readCount(v);
  if (c.kind === "value" && c.value > 0) {
    r.input.population = c.value;
    if (c.value < 1000 || c.value > 10_000_000) {
      const small = c.value < 1000;
      sink.add(
        "warning",
        small ? "population.small" : "population.large",
        small
          ? {
              sv: `folkmängden ${formatNumber(c.value, "sv")} är mycket liten — ange hela antalet invånare, inte tusental`,
              en: `the population ${formatNumber(c.value, "en")} is very small — enter the number of inhabitants, not thousands`,
            }
          : {
              sv: `folkmängden ${formatNumber(c.value, "sv")} är större än hela Sveriges — kontrollera värdet`,
              en: `the population ${formatNumber(c.value, "en")} is larger than all of Sweden's — check the value`,
            },
        at(r.row, col),
        rname,
        { affectsAmounts: needed },
      );
    }
    return;
  }
  r.input.population = null;
  if (c.kind === "value" || c.kind === "blank") {
    if (!needed) return;
    sink.add(
      "error",
      c.kind === "blank" ? "population.blank" : "population.zero",
      c.kind === "blank"
        ? {
            sv: `folkmängd saknas — ange ${label.sv} som ett heltal större än 0 (behövs för AT per 100 000 invånare)`,
            en: `the population is missing — enter the ${label.en} as a whole number above 0 (needed for AT per 100 000 inhabitants)`,
          }
        : {
            sv: `folkmängden är 0 — ange ${label.sv} som ett heltal större än 0`,
            en: `the population is 0 — enter the ${label.en} as a whole number above 0`,
          },
      at(r.row, col),
      rname,
    );
    return;
  }
  // A wrong value is an error even where the year does not need it: it is a mistake.
  sink.add(
    "error",
    `count.${c.reason}`,
    badCountText(c.reason, c.shown, label, true),
    at(r.row, col),
    rname,
  );
}

/** AT posts already rewarded by an earlier grant; blank = none. */
export function readRewarded(
  sink: IssueSink,
  years: HeaderYears,
  r: RowAt,
  col: number,
  v: CellValue,
): void {
  const c = readCount(v);
  if (c.kind === "value") r.input.rewarded = c.value;
  else if (c.kind === "blank") r.input.rewarded = null;
  else {
    sink.add(
      "error",
      `count.${c.reason}`,
      badCountText(c.reason, c.shown, fieldLabel("rewarded", years), false),
      at(r.row, col),
      r.region.name,
    );
  }
}

export function readForecast(sink: IssueSink, r: RowAt, col: number, v: CellValue): void {
  const y = readYesNo(v);
  if (y.kind === "value") {
    r.input.forecast = y.value;
    return;
  }
  const uncalculated = typeof v === "object" && v !== null && "formula" in v;
  sink.add(
    "error",
    uncalculated ? "count.uncalculated" : "forecast.invalid",
    uncalculated
      ? badCountText("uncalculated", y.shown, { sv: "", en: "" }, false)
      : {
          sv: `${y.shown.sv} är inget svar på om prognos lämnats — ange Ja eller Nej (tom cell = Nej)`,
          en: `${y.shown.en} does not say whether a forecast was submitted — enter Yes or No (blank = No)`,
        },
    at(r.row, col),
    r.region.name,
  );
}

function matchGroup(ruleSet: RuleSet, value: CellValue): string | null {
  if (typeof value !== "string") return null;
  const folded = foldRegionName(value);
  for (const [id, g] of Object.entries(ruleSet.groups ?? {})) {
    const names = [id, g.name.sv, g.name.en, ...(g.aliases ?? [])];
    if (names.some((n) => foldRegionName(n) === folded)) return id;
  }
  return null;
}

/** The group column: overrides the decision's list, and says so. */
export function readGroup(
  sink: IssueSink,
  ruleSet: RuleSet,
  r: RowAt,
  col: number,
  v: CellValue,
): void {
  if (isBlank(v) || !ruleSet.groups) return;
  const rname = r.region.name;
  const id = matchGroup(ruleSet, v);
  if (!id) {
    const names = Object.values(ruleSet.groups);
    sink.add(
      "error",
      "group.unknown",
      {
        sv: `${showCell(v).sv} är ingen känd grupp — ange ${names.map((g) => `"${g.name.sv}"`).join(" eller ")} (tom cell = beslutets lista)`,
        en: `${showCell(v).en} is not a known group — enter ${names.map((g) => `"${g.name.en}"`).join(" or ")} (blank = the decision's list)`,
      },
      at(r.row, col),
      rname,
    );
    return;
  }
  r.input.group = id;
  const official = Object.entries(ruleSet.groups).find(([, g]) =>
    g.members.includes(r.region.code),
  );
  if (!official || official[0] !== id) {
    const g = ruleSet.groups[id];
    sink.add(
      "notice",
      "group.override",
      {
        sv: `${rname} räknas till gruppen "${g.name.sv}" enligt tabellen${official ? ` (beslutets lista: "${official[1].name.sv}")` : ""}`,
        en: `${rname} counts as "${g.name.en}" by the table${official ? ` (the decision's list: "${official[1].name.en}")` : ""}`,
      },
      at(r.row, col),
      rname,
    );
  }
}
