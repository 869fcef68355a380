/** Messages and small vocabularies the reader's parts share, in Swedish and English. */
import type Decimal from "decimal.js";
import { foldRegionName } from "../../domain/regions";
import type { RangePolicy } from "../../domain/planningValue";
import type { Text } from "../../domain/ruleSet";
import { formatNumber } from "../../domain/format";
import { toA1 } from "../a1";
import type { Issue, Severity, SheetGrid } from "../types";

/** Where the reader's parts put their issues: one sheet, cells by zero-based position. */
export interface IssueSink {
  sheet: SheetGrid;
  issues: Issue[];
  add(
    severity: Severity,
    code: string,
    message: Text,
    at?: { row: number; col: number },
    region?: string,
    extra?: Partial<Issue>,
  ): void;
}

export function issueSink(sheet: SheetGrid, issues: Issue[] = []): IssueSink {
  return {
    sheet,
    issues,
    add(severity, code, message, at, region, extra) {
      const issue: Issue = { severity, code, sheet: sheet.name, message };
      if (at) issue.cell = toA1(at.row, at.col);
      if (region !== undefined) issue.region = region;
      issues.push({ ...issue, ...extra });
    },
  };
}

export const POLICY_WORDS: Record<RangePolicy, Text> = {
  midpoint: { sv: "mittpunkten", en: "the midpoint" },
  lower: { sv: "nedre gränsen", en: "the lower bound" },
  upper: { sv: "övre gränsen", en: "the upper bound" },
};

const TOTAL_LABEL =
  /^(summa|totalt?|totals|riket|hela riket|sverige|sum|grand total|samtliga( regioner)?|alla regioner|rikstotal)\b/;

export function isTotalLabel(text: string): boolean {
  return TOTAL_LABEL.test(foldRegionName(text));
}

export function num(value: Decimal.Value): Text {
  return { sv: formatNumber(value, "sv"), en: formatNumber(value, "en") };
}

/** Why a cell is not a count, in both languages. */
export function badCountText(
  reason: string,
  shown: Text,
  label: Text,
  mustBePositive: boolean,
): Text {
  const ask: Text = mustBePositive
    ? {
        sv: `ange ${label.sv} som ett heltal större än 0`,
        en: `enter ${label.en} as a whole number above 0`,
      }
    : { sv: `ange ${label.sv} som ett heltal`, en: `enter ${label.en} as a whole number` };
  switch (reason) {
    case "error":
      return {
        sv: `cellen visar felvärdet ${shown.sv} — ${ask.sv}`,
        en: `the cell shows the error value ${shown.en} — ${ask.en}`,
      };
    case "date":
      return {
        sv: `cellen innehåller ett datum (${shown.sv}), inget antal — ${ask.sv}`,
        en: `the cell holds a date (${shown.en}), not a number — ${ask.en}`,
      };
    case "negative":
      return {
        sv: `${shown.sv} är negativt — ${ask.sv}`,
        en: `${shown.en} is negative — ${ask.en}`,
      };
    case "fraction":
      return {
        sv: `${shown.sv} är inget heltal — ${ask.sv}`,
        en: `${shown.en} is not a whole number — ${ask.en}`,
      };
    case "uncalculated":
      return {
        sv: `formeln ${shown.sv} är inte beräknad — öppna och spara arbetsboken i Excel`,
        en: `the formula ${shown.en} has no calculated value — open and save the workbook in Excel`,
      };
    case "tooLarge":
      return {
        sv: `${shown.sv} är orimligt stort — ${ask.sv}`,
        en: `${shown.en} is unreasonably large — ${ask.en}`,
      };
    default:
      return {
        sv: `${shown.sv} är inget antal — ${ask.sv}`,
        en: `${shown.en} is not a number — ${ask.en}`,
      };
  }
}

/** "A", "B" and "C" / "A, B och C". */
export function joinList(items: string[], lang: "sv" | "en"): string {
  if (items.length <= 1) return items.join("");
  const and = lang === "sv" ? " och " : " and ";
  return items.slice(0, -1).join(", ") + and + items[items.length - 1];
}
