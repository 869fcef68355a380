/**
 * Diagnostik: does this Excel do every Office.js call the add-in relies on? On a temporary
 * sheet (and a temporary very hidden one), removed afterwards, each check makes the calls of
 * src/excel/excelHost.ts that it names and looks at what Excel gives back; the report says
 * which passed and which failed, with the host, platform, version and the ExcelApi sets
 * Excel supports, as text to copy into a bug report.
 *
 * Each check is its own Excel.run (one or two syncs), so one that fails — an API the host
 * lacks fails the whole batch — does not take the others with it. Nothing outside the
 * temporary sheets is written; the sheet that was active is activated again at the end.
 */
import type { Text } from "../domain/ruleSet";
import type { ExcelRun } from "./errors";

export interface DiagnosticCheck {
  id: string;
  label: Text;
  ok: boolean;
  /** What went wrong (Office.js's own error text and code), or what was seen. */
  detail?: string;
}

export interface DiagnosticsEnvironment {
  /** Office.context.diagnostics.host, e.g. "Excel". */
  host: string;
  /** Office.context.diagnostics.platform, e.g. "PC", "Mac", "OfficeOnline". */
  platform: string;
  /** Office.context.diagnostics.version, e.g. "16.0.17928.20114". */
  version: string;
  /** The add-in's version (package.json). */
  addinVersion: string;
  /** The ExcelApi sets Excel says it supports (Office.context.requirements), ascending. */
  excelApi: string[];
  /** Office.context.displayLanguage. */
  language?: string;
  userAgent?: string;
}

export interface DiagnosticsReport {
  startedAt: string;
  environment: DiagnosticsEnvironment;
  checks: DiagnosticCheck[];
  passed: number;
  failed: number;
}

/** The ExcelApi minor versions asked about: 1.1 up to a few past the newest known today. */
export const EXCEL_API_PROBE = Array.from({ length: 25 }, (_, i) => `1.${i + 1}`);

/** What Office says about itself; outside Office (or in the workbench) the caller says it. */
export function officeEnvironment(addinVersion: string): DiagnosticsEnvironment {
  const context = typeof Office === "undefined" ? undefined : Office.context;
  const diagnostics = context?.diagnostics;
  const requirements = context?.requirements;
  return {
    host: String(diagnostics?.host ?? "unknown"),
    platform: String(diagnostics?.platform ?? "unknown"),
    version: diagnostics?.version ?? "unknown",
    addinVersion,
    excelApi: EXCEL_API_PROBE.filter((v) => requirements?.isSetSupported?.("ExcelApi", v) === true),
    language: context?.displayLanguage,
    userAgent: typeof navigator === "undefined" ? undefined : navigator.userAgent,
  };
}

/** The temporary sheets' names: ours by their prefix, unique by a random suffix. */
function scratchNames(): { sheet: string; hidden: string } {
  const id = Math.random().toString(36).slice(2, 8);
  return { sheet: `ATF_diagnostik_${id}`, hidden: `ATF_diag_dold_${id}` };
}

class CheckFailed extends Error {}

function expectEqual(what: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new CheckFailed(
      `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
    );
  }
}

/** An Office.js error's words and code ("InvalidArgument: …"), or a failed expectation's. */
function describe(error: unknown): string {
  if (error instanceof CheckFailed) return error.message;
  const e = error as { code?: unknown; message?: unknown; name?: unknown } | null;
  const name = typeof e?.name === "string" && e.name !== "Error" ? e.name : "";
  const code = typeof e?.code === "string" ? e.code : name;
  const message = typeof e?.message === "string" ? e.message : String(error);
  return code && !message.startsWith(code) ? `${code}: ${message}` : message;
}

interface Scratch {
  sheet: string;
  hidden: string;
  /** The temporary table's name, as Excel gave it. */
  table: string;
  /** The sheet active before Diagnostik, activated again at the end. */
  activeBefore: string | null;
  sheetAdded: boolean;
}

interface CheckSpec {
  id: string;
  label: Text;
  /** Checks that need the temporary sheet are skipped (failed) when it could not be added. */
  needsSheet: boolean;
  run(context: Excel.RequestContext, scratch: Scratch): Promise<string | void>;
}

const VALUES = [
  ["Länskod", "Region", "AT 2024"],
  ["01", "Stockholm", 290],
  ["03", "Uppsala", 58],
];
const FORMATS = [
  ["@", "@", "General"],
  ["@", "@", "0"],
  ["@", "@", "0"],
];

const CHECKS: CheckSpec[] = [
  {
    id: "read.workbook",
    label: {
      sv: "Läsa bladen, det aktiva bladet och markeringen",
      en: "Read the sheets, the active sheet and the selection",
    },
    needsSheet: false,
    async run(context, scratch) {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      const active = context.workbook.worksheets.getActiveWorksheet();
      active.load("name");
      await context.sync();
      scratch.activeBefore = active.name;
      // getSelectedRange fails where a chart or shape is selected (InvalidSelection): a
      // failure of its own, which the adapter handles by reading again without it.
      const selected = context.workbook.getSelectedRange();
      selected.load("rowIndex,columnIndex");
      try {
        await context.sync();
        return `${worksheets.items.length} sheets, active "${active.name}", selection R${selected.rowIndex + 1}C${selected.columnIndex + 1}`;
      } catch (error) {
        if ((error as { code?: string }).code === "InvalidSelection") {
          return `${worksheets.items.length} sheets, active "${active.name}" (a chart or shape is selected)`;
        }
        throw error;
      }
    },
  },
  {
    id: "sheet.add",
    label: { sv: "Lägga till ett blad", en: "Add a sheet" },
    needsSheet: false,
    async run(context, scratch) {
      context.workbook.worksheets.add(scratch.sheet);
      await context.sync();
      scratch.sheetAdded = true;
      return scratch.sheet;
    },
  },
  {
    id: "range.write",
    label: {
      sv: "Skriva värden och talformat (getRangeByIndexes, beräkning och skärm pausade)",
      en: "Write values and number formats (getRangeByIndexes, calculation and screen suspended)",
    },
    needsSheet: true,
    async run(context, scratch) {
      const app = context.workbook.application;
      app.suspendApiCalculationUntilNextSync();
      app.suspendScreenUpdatingUntilNextSync();
      const range = context.workbook.worksheets
        .getItem(scratch.sheet)
        .getRangeByIndexes(0, 0, VALUES.length, VALUES[0].length);
      range.numberFormat = FORMATS;
      range.values = VALUES;
      range.format.font.bold = false;
      context.workbook.worksheets
        .getItem(scratch.sheet)
        .getRangeByIndexes(0, 0, 1, VALUES[0].length).format.font.bold = true;
      await context.sync();
    },
  },
  {
    id: "range.read",
    label: {
      sv: "Läsa värden, värdetyper och talformat (använt område)",
      en: "Read values, value types and number formats (used range)",
    },
    needsSheet: true,
    async run(context, scratch) {
      const used = context.workbook.worksheets
        .getItem(scratch.sheet)
        .getUsedRangeOrNullObject(true);
      used.load("values,valueTypes,numberFormat,rowIndex,columnIndex");
      await context.sync();
      if (used.isNullObject) throw new CheckFailed("the used range is empty after the write");
      expectEqual("values", used.values, VALUES);
      expectEqual("value types", used.valueTypes[1], ["String", "String", "Double"]);
      expectEqual("number format of B2", used.numberFormat[1][1], "@");
      expectEqual("position", [used.rowIndex, used.columnIndex], [0, 0]);
    },
  },
  {
    id: "range.textFormula",
    label: {
      sv: 'Text som börjar med "=" skrivs som text under talformatet "@"',
      en: 'Text starting with "=" is written as text under the "@" number format',
    },
    needsSheet: true,
    async run(context, scratch) {
      const cell = context.workbook.worksheets.getItem(scratch.sheet).getRange("E1");
      cell.numberFormat = [["@"]];
      cell.values = [["=1+1"]];
      await context.sync();
      cell.load("values,valueTypes");
      await context.sync();
      expectEqual("E1's value", cell.values[0][0], "=1+1");
      expectEqual("E1's value type", cell.valueTypes[0][0], "String");
    },
  },
  {
    id: "format.columns",
    label: {
      sv: "Fetstil, kolumnbredd och autoanpassning",
      en: "Bold, column width and autofit",
    },
    needsSheet: true,
    async run(context, scratch) {
      const ws = context.workbook.worksheets.getItem(scratch.sheet);
      ws.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = 60;
      ws.getRangeByIndexes(0, 1, VALUES.length, 2).format.autofitColumns();
      const a1 = ws.getRange("A1");
      a1.load("format/font/bold");
      await context.sync();
      expectEqual("A1 bold", a1.format.font.bold, true);
    },
  },
  {
    id: "table",
    label: {
      sv: "Excel-tabell: skapa, läsa kolumner och rader, lägga till en kolumn, hitta den från markeringen",
      en: "Excel table: create, read columns and rows, add a column, find it from the selection",
    },
    needsSheet: true,
    async run(context, scratch) {
      const ws = context.workbook.worksheets.getItem(scratch.sheet);
      // Excel names the table (the add-in never names one; it finds the user's by name).
      const table = ws.tables.add(ws.getRange("A1:C3"), true);
      table.load("name");
      await context.sync();
      scratch.table = table.name;
      const byName = context.workbook.tables.getItem(scratch.table);
      byName.columns.add(undefined, undefined, "Block 1");
      await context.sync();
      byName.load("name,showHeaders,showTotals,columns/items/name,rows/count");
      const range = byName.getRange();
      range.load("rowIndex,columnIndex");
      const around = ws.getRange("B2").getTables(false);
      around.load("items/name");
      await context.sync();
      expectEqual(
        "columns",
        byName.columns.items.map((c) => c.name),
        ["Länskod", "Region", "AT 2024", "Block 1"],
      );
      expectEqual("data rows", byName.rows.count, 2);
      expectEqual("position", [range.rowIndex, range.columnIndex], [0, 0]);
      expectEqual(
        "tables around B2",
        around.items.map((t) => t.name),
        [scratch.table],
      );
    },
  },
  {
    id: "chart",
    label: {
      sv: "Stapeldiagram med titel, kategorier och omvänd ordning",
      en: "Bar chart with title, categories and reversed order",
    },
    needsSheet: true,
    async run(context, scratch) {
      const ws = context.workbook.worksheets.getItem(scratch.sheet);
      const chart = ws.charts.add("BarClustered", ws.getRange("C2:C3"), "Columns");
      chart.title.text = "AT-fördelning";
      chart.legend.visible = false;
      const series = chart.series.getItemAt(0);
      series.name = "Summa";
      series.setXAxisValues(ws.getRange("B2:B3"));
      chart.axes.categoryAxis.reversePlotOrder = true;
      chart.setPosition("G2", "L12");
      chart.load("name");
      await context.sync();
      return chart.name;
    },
  },
  {
    id: "sheet.veryHidden",
    label: {
      sv: "Mycket dolt blad (ägarposten ATF_meta): skapa, skriva, läsa tillbaka",
      en: "Very hidden sheet (the ATF_meta record): create, write, read back",
    },
    needsSheet: false,
    async run(context, scratch) {
      const ws = context.workbook.worksheets.add(scratch.hidden);
      ws.visibility = "VeryHidden";
      const cell = ws.getRangeByIndexes(0, 0, 1, 1);
      cell.numberFormat = [["@"]];
      cell.values = [['{"version":1}']];
      await context.sync();
      const again = context.workbook.worksheets.getItemOrNullObject(scratch.hidden);
      again.load("visibility");
      const used = again.getUsedRangeOrNullObject(true);
      used.load("values,rowIndex,columnIndex");
      await context.sync();
      if (again.isNullObject) throw new CheckFailed("the very hidden sheet is not found by name");
      expectEqual("visibility", again.visibility, "VeryHidden");
      if (used.isNullObject) throw new CheckFailed("the very hidden sheet reads back empty");
      expectEqual("A1", used.values[0][0], '{"version":1}');
    },
  },
  {
    id: "select",
    label: {
      sv: "Aktivera ett blad och markera en cell (gå till en anmärknings cell)",
      en: "Activate a sheet and select a cell (go to an issue's cell)",
    },
    needsSheet: true,
    async run(context, scratch) {
      const ws = context.workbook.worksheets.getItem(scratch.sheet);
      ws.activate();
      ws.getRange("C3").select();
      await context.sync();
      const selected = context.workbook.getSelectedRange();
      selected.load("address");
      await context.sync();
      if (!/C3$/.test(selected.address)) {
        throw new CheckFailed(`the selection is ${selected.address}, not C3`);
      }
    },
  },
  {
    id: "events",
    label: {
      sv: "Ändringshändelser (Live): onChanged på ett blad, och att ta bort lyssnaren",
      en: "Change events (Live): onChanged on a sheet, and removing the handler",
    },
    needsSheet: true,
    async run(context, scratch) {
      const ws = context.workbook.worksheets.getItem(scratch.sheet);
      let seen: string | null = null;
      let heard: () => void = () => {};
      const got = new Promise<void>((resolve) => (heard = resolve));
      const handler = ws.onChanged.add(async (event) => {
        seen = event.address;
        heard();
      });
      await context.sync();
      ws.getRange("F1").values = [[1]];
      await context.sync();
      // Excel delivers a change event after the write's sync has returned.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([got, new Promise<void>((r) => (timer = setTimeout(r, 3000)))]);
      clearTimeout(timer);
      handler.remove();
      await context.sync();
      if (seen === null) throw new CheckFailed("no onChanged event within 3 s of a write");
      if (!/F1$/.test(seen)) throw new CheckFailed(`the event names ${String(seen)}, not F1`);
    },
  },
  {
    id: "range.clear",
    label: { sv: "Tömma ett område", en: "Clear a range" },
    needsSheet: true,
    async run(context, scratch) {
      const range = context.workbook.worksheets.getItem(scratch.sheet).getRange("E1");
      range.clear("All");
      range.load("values");
      await context.sync();
      expectEqual("E1 after clear", range.values[0][0], "");
    },
  },
];

const CLEANUP: CheckSpec = {
  id: "cleanup",
  label: {
    sv: "Ta bort de tillfälliga bladen och aktivera bladet som var aktivt",
    en: "Remove the temporary sheets and activate the sheet that was active",
  },
  needsSheet: false,
  async run(context, scratch) {
    const worksheets = context.workbook.worksheets;
    const sheet = worksheets.getItemOrNullObject(scratch.sheet);
    const hidden = worksheets.getItemOrNullObject(scratch.hidden);
    const before = scratch.activeBefore
      ? worksheets.getItemOrNullObject(scratch.activeBefore)
      : null;
    await context.sync();
    // The sheet that was active first: Excel refuses to delete the only visible sheet, and
    // a very hidden sheet must be made visible to be deleted on some hosts.
    if (before && !before.isNullObject) before.activate();
    if (!hidden.isNullObject) {
      hidden.visibility = "Visible";
      hidden.delete();
    }
    if (!sheet.isNullObject) sheet.delete();
    await context.sync();
    const left = worksheets.getItemOrNullObject(scratch.sheet);
    const leftHidden = worksheets.getItemOrNullObject(scratch.hidden);
    await context.sync();
    if (!left.isNullObject || !leftHidden.isNullObject) {
      throw new CheckFailed("a temporary sheet is still there");
    }
  },
};

/** The checks' ids and labels, in the order they run (the last removes the sheets). */
export function diagnosticChecks(): { id: string; label: Text }[] {
  return [...CHECKS, CLEANUP].map(({ id, label }) => ({ id, label }));
}

/**
 * Runs every check, one Excel.run each, and the clean-up last whatever failed before it.
 * Never throws: a check that fails is a line of the report.
 */
export async function runDiagnostics(
  run: ExcelRun,
  environment: DiagnosticsEnvironment,
  now: () => Date = () => new Date(),
): Promise<DiagnosticsReport> {
  const startedAt = now().toISOString();
  const names = scratchNames();
  const scratch: Scratch = { ...names, table: "", activeBefore: null, sheetAdded: false };
  const checks: DiagnosticCheck[] = [];
  const one = async (spec: CheckSpec): Promise<void> => {
    const entry: DiagnosticCheck = { id: spec.id, label: spec.label, ok: false };
    if (spec.needsSheet && !scratch.sheetAdded) {
      entry.detail = "skipped: the temporary sheet could not be added";
    } else {
      try {
        const seen = await run((context) => spec.run(context, scratch));
        entry.ok = true;
        if (typeof seen === "string" && seen) entry.detail = seen;
      } catch (error) {
        entry.detail = describe(error);
      }
    }
    checks.push(entry);
  };
  for (const spec of CHECKS) await one(spec);
  await one(CLEANUP);
  const passed = checks.filter((c) => c.ok).length;
  return { startedAt, environment, checks, passed, failed: checks.length - passed };
}
