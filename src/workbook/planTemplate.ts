/**
 * "Skapa mall": a new sheet with the region table of a rule set's year, ready to fill in.
 * The headers are the ones the reader asks for (headers.ts, expectedHeader), so the sheet
 * reads back without a question; the regions come from the rule set, codes as text ("01").
 */
import type { SheetPlan } from "../app/host";
import { SWEDISH_REGIONS } from "../domain/regions";
import type { Lang, RuleSet } from "../domain/ruleSet";
import { expectedHeader } from "./headers";
import { TEXT_FORMAT, textCell } from "./plannedCells";
import type { ColumnField, PlannedCell } from "./types";

/** A planning value as the source writes it: a plain number as a number, anything else as text. */
function planningCell(value: string | undefined): PlannedCell {
  if (value === undefined) return { value: null };
  return /^\d+$/.test(value.trim()) ? { value: Number(value) } : textCell(value);
}

export function templateSheetName(year: number, lang: Lang): string {
  return lang === "sv" ? `Mall AT ${year}` : `AT template ${year}`;
}

export function planTemplate(ruleSet: RuleSet, lang: Lang): SheetPlan {
  const year = ruleSet.year;
  const years = { year, rewardedYear: ruleSet.inputs.rewarded?.year };
  const regions = ruleSet.regions ?? SWEDISH_REGIONS;
  const groups = Object.entries(ruleSet.groups ?? {});

  // The samples' order (scripts/make-examples.ts): code, region, then the figures.
  const fields: ColumnField[] = ["code", "region"];
  if (ruleSet.inputs.population) fields.push("population");
  fields.push("at");
  if (ruleSet.inputs.baseline) fields.push("baseline");
  if (ruleSet.inputs.rewarded) fields.push("rewarded");
  if (ruleSet.inputs.forecast) fields.push("forecast");
  if (groups.length > 0) fields.push("group");

  const header = (field: ColumnField): string => {
    // The forecast names the years it covers (seed 004: "prognos för AT 2026–2030").
    if (field === "forecast" && lang === "sv") return `Prognos ${year + 1}\u2013${year + 5}`;
    return expectedHeader(field, years)[lang];
  };

  const cellFor = (field: ColumnField, code: string, name: string): PlannedCell => {
    switch (field) {
      case "region":
        return textCell(name);
      case "code":
        // Always text: a number format would show "1" for Stockholm's "01".
        return { value: code, numberFormat: TEXT_FORMAT };
      case "baseline":
        return planningCell(ruleSet.inputs.baseline?.defaults?.[code]);
      case "group": {
        // The official membership, written out so that it is visible and can be overridden.
        const group = groups.find(([, g]) => g.members.includes(code));
        return group ? textCell(group[1].name[lang]) : { value: null };
      }
      default:
        return { value: null };
    }
  };

  const cells: PlannedCell[][] = [
    fields.map((f) => textCell(header(f), true)),
    ...regions.map((r) => fields.map((f) => cellFor(f, r.code, r.name))),
  ];
  const columnWidths = fields.map((f, i) =>
    Math.min(
      40,
      Math.max(
        10,
        ...cells.map((row) => (row[i].value === null ? 0 : String(row[i].value).length + 2)),
      ),
    ),
  );
  return { sheetName: templateSheetName(year, lang), cells, columnWidths };
}
