/**
 * Finds the region table in a workbook grid and reads it into the engine's inputs, with an
 * issue for every problem and every reading (IO.md, "The region table" and "Bad input").
 * Pure: works on the host-neutral grid that both the Office.js adapter and the file readers
 * produce. The work is done in read/: locate.ts (which table), headerRows.ts and
 * chooseColumns.ts (which column is which field), readRows.ts with fieldReaders.ts and
 * readBaseline.ts (one reader per field).
 */
import { RegionIndex, SWEDISH_REGION_INDEX } from "../domain/regions";
import { RANGE_POLICIES } from "../domain/planningValue";
import type { RangePolicy } from "../domain/planningValue";
import type { RuleSet, Text } from "../domain/ruleSet";
import type { Settings } from "../domain/types";
import { rangeA1 } from "./a1";
import { expectedHeader } from "./headers";
import type { HeaderYears } from "./headers";
import { OWNERSHIP_SHEET } from "./types";
import type { Issue, RegionTableRead, WorkbookGrid } from "./types";
import { chooseColumns } from "./read/chooseColumns";
import { rowsText } from "./read/grid";
import { checkHeaderRows } from "./read/headerRows";
import { locateTable } from "./read/locate";
import type { Located } from "./read/locate";
import { issueSink } from "./read/messages";
import type { IssueSink } from "./read/messages";
import { readRows } from "./read/readRows";

export { populationNeeded } from "./read/needs";

export interface ReadRegionTableOptions {
  /** Read this sheet instead of the active one (the command line's --sheet). */
  sheet?: string;
}

/** Issue codes a caller may want to tell apart. */
export const TABLE_NOT_FOUND = "table.notFound";

function notFound(sheetName: string, message: Text): RegionTableRead {
  return {
    sheet: sheetName,
    range: "",
    headerRow: -1,
    left: -1,
    right: -1,
    dataRows: [],
    columns: {},
    inputs: [],
    issues: [{ severity: "error", code: TABLE_NOT_FOUND, sheet: sheetName, message }],
  };
}

/**
 * Reads the region table of a workbook. Always returns a read; where no table is found,
 * `headerRow` is −1, `inputs` is empty and an error issue (code TABLE_NOT_FOUND) says why.
 */
export function readRegionTable(
  workbook: WorkbookGrid,
  ruleSet: RuleSet,
  settings: Settings,
  options: ReadRegionTableOptions = {},
): RegionTableRead {
  const index = ruleSet.regions ? new RegionIndex(ruleSet.regions) : SWEDISH_REGION_INDEX;
  const years: HeaderYears = { year: ruleSet.year, rewardedYear: ruleSet.inputs.rewarded?.year };
  const policy: RangePolicy = (RANGE_POLICIES as readonly string[]).includes(settings.range ?? "")
    ? (settings.range as RangePolicy)
    : "midpoint";
  // Sheets a person may have put the table on: never our own bookkeeping or summary sheets.
  const dataSheets = workbook.sheets.filter(
    (s) =>
      s.name !== OWNERSHIP_SHEET &&
      s.name !== workbook.owned?.summarySheet &&
      s.name !== workbook.owned?.annexSheet,
  );
  const hint: Text = {
    sv: `en rubrikrad med en kolumn "Region" (eller "Län") och en kolumn "${expectedHeader("at", years).sv}"`,
    en: `a header row with a column "Region" (or "County") and a column "${expectedHeader("at", years).en}"`,
  };
  if (options.sheet !== undefined) {
    const sheet = workbook.sheets.find((s) => s.name === options.sheet);
    if (!sheet) {
      const names = dataSheets.map((s) => `"${s.name}"`).join(", ");
      return notFound(options.sheet, {
        sv: `bladet "${options.sheet}" finns inte i arbetsboken (blad: ${names})`,
        en: `the workbook has no sheet "${options.sheet}" (sheets: ${names})`,
      });
    }
    const located = locateTable(workbook, [sheet], years, index);
    if (!located) {
      return notFound(sheet.name, {
        sv: `hittar ingen regiontabell på bladet "${sheet.name}" — det behövs ${hint.sv}`,
        en: `no region table found on sheet "${sheet.name}" — it needs ${hint.en}`,
      });
    }
    return readLocated(workbook, ruleSet, settings, located, index, years, policy);
  }
  const located = locateTable(workbook, dataSheets, years, index);
  if (!located) {
    return notFound(workbook.activeSheet, {
      sv: `hittar ingen regiontabell — det behövs ${hint.sv}`,
      en: `no region table found — it needs ${hint.en}`,
    });
  }
  return readLocated(workbook, ruleSet, settings, located, index, years, policy);
}

/** What was read and why: another sheet, another table that fits too, rows outside a table. */
function locationNotices(
  sink: IssueSink,
  workbook: WorkbookGrid,
  located: Located,
  years: HeaderYears,
): boolean {
  const { sheet } = located;
  if (located.how === "otherSheet") {
    sink.add("notice", "table.otherSheet", {
      sv: `det aktiva bladet "${workbook.activeSheet}" har ingen regiontabell för ${years.year} — läser bladet "${sheet.name}"`,
      en: `the active sheet "${workbook.activeSheet}" has no region table for ${years.year} — reading sheet "${sheet.name}"`,
    });
  }
  if (located.others.length > 0) {
    const where = located.others.map((o) => `${o.sheet}!${o.cell}`).join(", ");
    const why: Text =
      located.how === "selection"
        ? { sv: "den innehåller markeringen", en: "it holds the selection" }
        : located.how === "year"
          ? { sv: `dess rubriker anger ${years.year}`, en: `its headers name ${years.year}` }
          : located.how === "active" && located.others.some((o) => o.sheet !== sheet.name)
            ? { sv: "den ligger på det aktiva bladet", en: "it is on the active sheet" }
            : { sv: "den kommer först", en: "it comes first" };
    sink.add(
      "notice",
      "table.others",
      {
        sv: `fler tabeller passar (${where}) — läser den i ${sheet.name}!${rangeA1(located.headerRow, located.rect.left, located.headerRow, located.rect.left)} eftersom ${why.sv}; markera en cell i den andra för att läsa den`,
        en: `more tables fit (${where}) — reading the one at ${sheet.name}!${rangeA1(located.headerRow, located.rect.left, located.headerRow, located.rect.left)} because ${why.en}; select a cell in the other to read it`,
      },
      // Which of two tables is read decides every amount: the status line says it.
      { row: located.headerRow, col: located.regionCol },
      undefined,
      { affectsAmounts: true },
    );
  }
  if (located.table?.hasTotalsRow) {
    const t = located.table;
    sink.add(
      "notice",
      "row.totalSkipped",
      { sv: `tabellens summarad hoppas över`, en: `the table's totals row is skipped` },
      { row: t.top + t.rows - 1, col: located.regionCol },
    );
  }
  if (located.orphanRows.length > 0) {
    const rows = rowsText(located.orphanRows);
    sink.add(
      "error",
      "table.rowsOutside",
      {
        sv: `${rows.sv} under tabellen ${located.table?.name ?? ""} har regionnamn men hör inte till tabellen — ta med dem i tabellen eller flytta dem`,
        en: `${rows.en} below the table ${located.table?.name ?? ""} name regions but are not part of it — include them in the table or move them`,
      },
      { row: located.orphanRows[0], col: located.regionCol },
    );
    return true;
  }
  return false;
}

function readLocated(
  workbook: WorkbookGrid,
  ruleSet: RuleSet,
  settings: Settings,
  located: Located,
  index: RegionIndex,
  years: HeaderYears,
  policy: RangePolicy,
): RegionTableRead {
  const { sheet, headerRow, regionCol } = located;
  const { left, right, bottom } = located.rect;
  const issues: Issue[] = [];
  const sink = issueSink(sheet, issues);
  const outside = locationNotices(sink, workbook, located, years);
  const twoRows = checkHeaderRows(sink, headerRow, left, right, regionCol, bottom);
  const chosen = chooseColumns(
    sink,
    { headerRow, left, right, regionCol },
    ruleSet,
    settings,
    years,
  );
  const rows = readRows(
    sink,
    { headerRow, bottom, left, right },
    chosen,
    ruleSet,
    index,
    years,
    policy,
  );
  if (
    rows.dataRows.every((d) => d.code === null) &&
    !issues.some((i) => i.severity === "error" && i.cell && /region/.test(i.code))
  ) {
    sink.add(
      "error",
      "table.noRegions",
      {
        sv: `tabellen har inga regionrader — skriv en rad per region under rubrikraden`,
        en: `the table has no region rows — write one row per region under the header row`,
      },
      { row: headerRow, col: regionCol },
    );
  }
  // A region of the rule set that is not in the table takes part in nothing (IO.md).
  if (!chosen.columnsBad && !outside && !twoRows) {
    for (const r of index.regions) {
      if (rows.rowOf.has(r.code)) continue;
      issues.push({
        severity: "warning",
        code: "region.missing",
        sheet: sheet.name,
        region: r.name,
        affectsAmounts: true,
        message: {
          sv: `${r.name} finns inte i tabellen och deltar inte i något block`,
          en: `${r.name} is not in the table and takes part in no block`,
        },
      });
    }
  }
  const read: RegionTableRead = {
    sheet: sheet.name,
    range: rangeA1(headerRow, left, bottom, right),
    headerRow,
    left,
    right,
    dataRows: rows.dataRows,
    columns: chosen.columns,
    inputs: rows.inputs,
    issues,
  };
  if (located.table) read.table = located.table.name;
  return read;
}
