/**
 * Every text the task pane shows, Swedish first and English second. One typed object per
 * language: the `Strings` interface makes the compiler demand the same keys in both, and
 * test/taskpane/i18n.test.ts checks it at run time too (a key added as `any` cannot slip by).
 * Texts that depend on numbers or names are functions, so word order can differ by language.
 */
import { formatNumber } from "../domain/format";
import type { Lang } from "../domain/ruleSet";
import { quoteSheet } from "../workbook/a1";

/**
 * A whole number with the thousands grouped the way the language writes them: "5 000"
 * (a no-break space) in Swedish, "5,000" in English. Every count and amount in the pane.
 */
export function formatInteger(n: number, lang: Lang): string {
  const sv = formatNumber(n, "sv");
  return lang === "sv" ? sv : sv.replace(/\u00a0/g, ",");
}

const n = formatInteger;

export interface CellRef {
  sheet: string;
  cell: string;
}

export interface Strings {
  appTitle: string;
  appIntro: string;

  // Rule set (year) picker
  yearLabel: string;
  yearHint: string;
  shippedOption: (year: number) => string;
  fileOption: (year: number, fileName: string) => string;
  loadRuleFile: string;
  loadRuleFileInputLabel: string;
  ruleFileLoaded: (year: number, fileName: string) => string;
  ruleFileNotJson: (fileName: string, detail: string) => string;
  ruleFileInvalid: (fileName: string, detail: string) => string;
  ruleFileUnreadable: (fileName: string) => string;
  ruleSetHeading: string;
  reference: string;
  totalBudget: string;
  blockBudgets: string;

  // Interpretations
  interpretationsHeading: string;
  interpretationsIntro: string;
  defaultMark: string;

  // Actions
  actionsHeading: string;
  read: string;
  write: string;
  writeDisabledBeforeRead: string;
  writeDisabledErrors: string;
  createTemplate: string;
  templateHint: string;

  // Status
  reading: string;
  writing: string;
  writingProgress: (percent: number) => string;
  creatingTemplate: string;
  readDone: (regions: number, where: string) => string;
  readHasErrors: (errors: number) => string;
  readFailed: (detail: string) => string;
  noTable: string;
  computeFailed: (detail: string) => string;
  written: (rows: number, sheet: string) => string;
  writeFailedTitle: string;
  conflict: (cells: string, count: number) => string;
  leftAsItWas: string;
  staleErrors: (errors: number) => string;
  templateCreated: (sheet: string) => string;
  templateFailed: (detail: string) => string;
  selectFailed: (where: string, detail: string) => string;
  moreCells: (count: number) => string;

  // What was read
  readHeading: string;
  readWhere: (sheet: string, range: string) => string;
  readWhereTable: (table: string, sheet: string, range: string) => string;

  // Issues
  issuesHeading: (count: number) => string;
  issuesIntro: string;
  severity: { error: string; warning: string; notice: string };
  selectCellHint: (where: string) => string;

  // Preview
  previewHeading: string;
  previewCaption: string;
  previewMore: (shown: number, total: number) => string;
  colCode: string;
  colRegion: string;
  colTotal: string;
  sumRow: string;
  blocksHeading: string;
  blocksCaption: string;
  colBlock: string;
  colBudget: string;
  colDistributed: string;
  colUndistributed: string;
  overflowNote: (block: string) => string;
  allBlocks: string;
  why: string;
  whyLabel: (region: string) => string;
  whyHeading: (region: string, total: string) => string;
  whyNoTrace: string;

  // The year the headers name
  yearSwitched: (year: number, header: string, where: string) => string;
  yearMismatch: (year: number, chosen: number, header: string, where: string) => string;
  switchYear: (year: number) => string;
  readMoved: (from: string, to: string) => string;
  yearNoRules: (year: number, header: string, where: string) => string;

  // Warnings that move money, in the status line
  affectsAmountsTitle: (count: number) => string;

  // After a write
  goToSummary: (sheet: string) => string;
  undoNote: string;

  // Footer
  help: string;
  version: (version: string) => string;

  // Diagnostik
  diagnosticsHeading: string;
  diagnosticsIntro: string;
  runDiagnostics: string;
  diagnosticsRunning: string;
  diagnosticsPassed: (passed: number, total: number) => string;
  diagnosticsFailed: (failed: number, total: number) => string;
  diagnosticsReportLabel: string;
  copyReport: string;
  copied: string;
  copyFailed: string;
  checkPassed: string;
  checkFailed: string;

  // Unsupported host
  notInExcelTitle: string;
  notInExcelBody: string;
  unsupportedTitle: string;
  unsupportedBody: (version: string) => string;
  thisWorkbook: string;
}

const sv: Strings = {
  appTitle: "AT-fördelning",
  appIntro:
    "Fördelar de prestationsbaserade statsbidragen för AT-tjänster mellan regionerna, exakt på kronan.",

  yearLabel: "Bidragsår och regler",
  yearHint: "Reglerna för de år som följer med, eller en regelfil du läser in.",
  shippedOption: (year) => `${year}`,
  fileOption: (year, fileName) => `${year} (regelfil ${fileName})`,
  loadRuleFile: "Läs in regelfil…",
  loadRuleFileInputLabel: "Regelfil (JSON)",
  ruleFileLoaded: (year, fileName) => `Läste in regelfilen ${fileName} (${year}).`,
  ruleFileNotJson: (fileName, detail) => `${fileName} är ingen giltig JSON-fil: ${detail}`,
  ruleFileInvalid: (fileName, detail) => `${fileName} är ingen giltig regelfil: ${detail}`,
  ruleFileUnreadable: (fileName) => `Kunde inte läsa filen ${fileName}.`,
  ruleSetHeading: "Regler",
  reference: "Beslut",
  totalBudget: "Totalt",
  blockBudgets: "Budget per block",

  interpretationsHeading: "Tolkningar",
  interpretationsIntro:
    "Där källorna är otydliga gäller projektets förval. Det som gäller skrivs ut i sammanställningen.",
  defaultMark: "(förval)",

  actionsHeading: "Arbetsboken",
  read: "Läs in",
  write: "Skriv till arbetsboken",
  writeDisabledBeforeRead: "Läs in regiontabellen först.",
  writeDisabledErrors: "Rätta felen nedan och läs in igen innan något skrivs.",
  createTemplate: "Skapa mall",
  templateHint: "Skapar ett nytt blad med regionerna och rubriker som tillägget känner igen.",

  reading: "Läser arbetsboken…",
  writing: "Skriver till arbetsboken…",
  writingProgress: (percent) => `${percent} % skrivet`,
  creatingTemplate: "Skapar mallen…",
  readDone: (regions, where) =>
    `Läste ${n(regions, "sv")} ${regions === 1 ? "region" : "regioner"} från ${where}.`,
  readHasErrors: (errors) =>
    errors === 1
      ? "1 fel måste rättas innan något skrivs."
      : `${n(errors, "sv")} fel måste rättas innan något skrivs.`,
  readFailed: (detail) => `Kunde inte läsa arbetsboken: ${detail}`,
  noTable: "Hittade ingen regiontabell. Markera en cell i tabellen och läs in igen.",
  computeFailed: (detail) => `Kunde inte räkna fram fördelningen: ${detail}`,
  written: (rows, sheet) =>
    `Skrev ${n(rows, "sv")} ${rows === 1 ? "rad" : "rader"} och bladet ${sheet}.`,
  writeFailedTitle: "Inget skrevs.",
  conflict: (cells, count) =>
    count === 1
      ? `Cellen ${cells} innehåller ett eget värde — flytta eller töm den.`
      : `Cellerna ${cells} innehåller egna värden — flytta eller töm dem.`,
  leftAsItWas: "Arbetsboken lämnades som den var.",
  staleErrors: (errors) =>
    `Arbetsboken har ändrats sedan den lästes in och har nu ${n(errors, "sv")} fel. Rätta ${
      errors === 1 ? "det" : "dem"
    } först.`,
  templateCreated: (sheet) => `Skapade bladet ${sheet}. Fyll i siffrorna och klicka på Läs in.`,
  templateFailed: (detail) => `Kunde inte skapa mallen: ${detail}`,
  selectFailed: (where, detail) => `Kunde inte markera ${where}: ${detail}`,
  moreCells: (count) => `och ${n(count, "sv")} till`,

  readHeading: "Inläst",
  readWhere: (sheet, range) => `${quoteSheet(sheet)}!${range}`,
  readWhereTable: (table, sheet, range) => `tabellen ${table} (${quoteSheet(sheet)}!${range})`,

  issuesHeading: (count) => (count === 1 ? "1 anmärkning" : `${n(count, "sv")} anmärkningar`),
  issuesIntro: "Fel först. Klicka på en rad för att gå till cellen.",
  severity: { error: "Fel", warning: "Varning", notice: "Notering" },
  selectCellHint: (where) => `Gå till ${where}`,

  previewHeading: "Fördelning per region",
  previewCaption: "Belopp i hela kronor per region och block",
  previewMore: (shown, total) =>
    `Visar de första ${n(shown, "sv")} av ${n(total, "sv")} regioner; summaraden och arbetsboken omfattar alla.`,
  colCode: "Kod",
  colRegion: "Region",
  colTotal: "Summa",
  sumRow: "Summa",
  blocksHeading: "Block mot budget",
  blocksCaption: "Fördelat och ej fördelat per block, i hela kronor",
  colBlock: "Block",
  colBudget: "Budget",
  colDistributed: "Fördelat",
  colUndistributed: "Ej fördelat",
  overflowNote: (block) => `${block}: stegbeloppen översteg budgeten och skalades ned pro rata.`,
  allBlocks: "Alla block",
  why: "Varför?",
  whyLabel: (region) => `Varför? Beloppen för ${region}`,
  whyHeading: (region, total) => `${region} får ${total} kr:`,
  whyNoTrace: "ingen förklaring från regelverket",

  yearSwitched: (year, header, where) =>
    `Rubriken "${header}" (${where}) anger ${year}: reglerna för ${year} valdes.`,
  yearMismatch: (year, chosen, header, where) =>
    `Rubriken "${header}" (${where}) anger ${year}, men reglerna för ${chosen} är valda.`,
  switchYear: (year) => `Byt till ${year}`,
  readMoved: (from, to) =>
    `Bladet ${from} har ingen regiontabell; tillägget skrev senast bredvid tabellen på bladet ${to}, som nu visas.`,
  yearNoRules: (year, header, where) =>
    `Rubriken "${header}" (${where}) anger ${year}, och tillägget har inga regler för ${year}. Läs in en regelfil för ${year}.`,

  affectsAmountsTitle: (count) =>
    count === 1 ? "Påverkar beloppen:" : `${n(count, "sv")} anmärkningar påverkar beloppen:`,

  goToSummary: (sheet) => `Gå till bladet ${sheet}`,
  undoNote:
    "Ctrl+Z ångrar inte det ett tillägg skriver. Ändra underlaget och kör igen, eller öppna en sparad kopia av arbetsboken.",

  help: "Hjälp",
  version: (version) => `Version ${version}`,

  diagnosticsHeading: "Diagnostik",
  diagnosticsIntro:
    "Provar på ett tillfälligt blad varje Excel-anrop tillägget använder, och tar bort bladet efteråt. Rapporten kan kopieras till en felanmälan.",
  runDiagnostics: "Kör diagnostik",
  diagnosticsRunning: "Kör diagnostik…",
  diagnosticsPassed: (passed, total) =>
    `Alla ${n(total, "sv")} kontroller gick igenom (${n(passed, "sv")} av ${n(total, "sv")}).`,
  diagnosticsFailed: (failed, total) =>
    `${n(failed, "sv")} av ${n(total, "sv")} kontroller misslyckades.`,
  diagnosticsReportLabel: "Rapport (text att kopiera)",
  copyReport: "Kopiera rapporten",
  copied: "Kopierad.",
  copyFailed: "Kunde inte kopiera: markera texten och kopiera den själv.",
  checkPassed: "OK",
  checkFailed: "FEL",

  notInExcelTitle: "Öppna tillägget i Excel.",
  notInExcelBody:
    "AT-fördelning är ett tillägg för Excel och körs i Excels åtgärdsfönster, inte i en webbläsare för sig. Läs in det i Excel (se support.html), eller prova det utan Excel i arbetsbänken (npm start).",
  unsupportedTitle: "Excel-versionen stöds inte.",
  unsupportedBody: (version) =>
    `AT-fördelning kräver Excel med stöd för ExcelApi ${version} eller senare, som Excel i Microsoft 365 eller Excel på webben. Uppdatera Excel och öppna tillägget igen.`,
  thisWorkbook: "den här arbetsboken",
};

const en: Strings = {
  appTitle: "AT allocation",
  appIntro:
    "Splits the performance-based state grants for AT posts between the regions, exact to the krona.",

  yearLabel: "Grant year and rules",
  yearHint: "The rules of the years that come with the add-in, or a rule file you load.",
  shippedOption: (year) => `${year}`,
  fileOption: (year, fileName) => `${year} (rule file ${fileName})`,
  loadRuleFile: "Load rule file…",
  loadRuleFileInputLabel: "Rule file (JSON)",
  ruleFileLoaded: (year, fileName) => `Loaded the rule file ${fileName} (${year}).`,
  ruleFileNotJson: (fileName, detail) => `${fileName} is not a valid JSON file: ${detail}`,
  ruleFileInvalid: (fileName, detail) => `${fileName} is not a valid rule file: ${detail}`,
  ruleFileUnreadable: (fileName) => `Could not read the file ${fileName}.`,
  ruleSetHeading: "Rules",
  reference: "Decision",
  totalBudget: "Total",
  blockBudgets: "Budget per block",

  interpretationsHeading: "Interpretations",
  interpretationsIntro:
    "Where the sources are unclear the project's defaults apply. Those in force are written in the summary.",
  defaultMark: "(default)",

  actionsHeading: "The workbook",
  read: "Read",
  write: "Write to the workbook",
  writeDisabledBeforeRead: "Read the region table first.",
  writeDisabledErrors: "Correct the errors below and read again before anything is written.",
  createTemplate: "Create template",
  templateHint: "Creates a new sheet with the regions and headers the add-in recognises.",

  reading: "Reading the workbook…",
  writing: "Writing to the workbook…",
  writingProgress: (percent) => `${percent}% written`,
  creatingTemplate: "Creating the template…",
  readDone: (regions, where) =>
    `Read ${n(regions, "en")} ${regions === 1 ? "region" : "regions"} from ${where}.`,
  readHasErrors: (errors) =>
    errors === 1
      ? "1 error must be corrected before anything is written."
      : `${n(errors, "en")} errors must be corrected before anything is written.`,
  readFailed: (detail) => `Could not read the workbook: ${detail}`,
  noTable: "Found no region table. Select a cell in the table and read again.",
  computeFailed: (detail) => `Could not compute the allocation: ${detail}`,
  written: (rows, sheet) =>
    `Wrote ${n(rows, "en")} ${rows === 1 ? "row" : "rows"} and the sheet ${sheet}.`,
  writeFailedTitle: "Nothing was written.",
  conflict: (cells, count) =>
    count === 1
      ? `The cell ${cells} holds a value of its own — move or clear it.`
      : `The cells ${cells} hold values of their own — move or clear them.`,
  leftAsItWas: "The workbook was left as it was.",
  staleErrors: (errors) =>
    `The workbook has changed since it was read and now has ${n(errors, "en")} ${
      errors === 1 ? "error" : "errors"
    }. Correct ${errors === 1 ? "it" : "them"} first.`,
  templateCreated: (sheet) => `Created the sheet ${sheet}. Fill in the figures and click Read.`,
  templateFailed: (detail) => `Could not create the template: ${detail}`,
  selectFailed: (where, detail) => `Could not select ${where}: ${detail}`,
  moreCells: (count) => `and ${n(count, "en")} more`,

  readHeading: "Read",
  readWhere: (sheet, range) => `${quoteSheet(sheet)}!${range}`,
  readWhereTable: (table, sheet, range) => `the table ${table} (${quoteSheet(sheet)}!${range})`,

  issuesHeading: (count) => (count === 1 ? "1 remark" : `${n(count, "en")} remarks`),
  issuesIntro: "Errors first. Click a line to go to the cell.",
  severity: { error: "Error", warning: "Warning", notice: "Notice" },
  selectCellHint: (where) => `Go to ${where}`,

  previewHeading: "Allocation per region",
  previewCaption: "Amounts in whole kronor per region and block",
  previewMore: (shown, total) =>
    `Showing the first ${n(shown, "en")} of ${n(total, "en")} regions; the sum row and the workbook cover all.`,
  colCode: "Code",
  colRegion: "Region",
  colTotal: "Total",
  sumRow: "Total",
  blocksHeading: "Blocks against budget",
  blocksCaption: "Distributed and undistributed per block, in whole kronor",
  colBlock: "Block",
  colBudget: "Budget",
  colDistributed: "Distributed",
  colUndistributed: "Undistributed",
  overflowNote: (block) =>
    `${block}: the ladder payouts exceeded the budget and were scaled down pro rata.`,
  allBlocks: "All blocks",
  why: "Why?",
  whyLabel: (region) => `Why? The amounts for ${region}`,
  whyHeading: (region, total) => `${region} receives ${total} kr:`,
  whyNoTrace: "no explanation from the rules",

  yearSwitched: (year, header, where) =>
    `The header "${header}" (${where}) names ${year}: the rules of ${year} were chosen.`,
  yearMismatch: (year, chosen, header, where) =>
    `The header "${header}" (${where}) names ${year}, but the rules of ${chosen} are chosen.`,
  switchYear: (year) => `Switch to ${year}`,
  readMoved: (from, to) =>
    `The sheet ${from} has no region table; the add-in last wrote beside the table on the sheet ${to}, which is now shown.`,
  yearNoRules: (year, header, where) =>
    `The header "${header}" (${where}) names ${year}, and the add-in has no rules for ${year}. Load a rule file for ${year}.`,

  affectsAmountsTitle: (count) =>
    count === 1 ? "Affects the amounts:" : `${n(count, "en")} remarks affect the amounts:`,

  goToSummary: (sheet) => `Go to the sheet ${sheet}`,
  undoNote:
    "Ctrl+Z cannot undo what an add-in writes. Change the inputs and run again, or open a saved copy of the workbook.",

  help: "Help",
  version: (version) => `Version ${version}`,

  diagnosticsHeading: "Diagnostics",
  diagnosticsIntro:
    "Tries, on a temporary sheet, every Excel call the add-in uses, and removes the sheet afterwards. The report can be copied into a bug report.",
  runDiagnostics: "Run diagnostics",
  diagnosticsRunning: "Running diagnostics…",
  diagnosticsPassed: (passed, total) =>
    `All ${n(total, "en")} checks passed (${n(passed, "en")} of ${n(total, "en")}).`,
  diagnosticsFailed: (failed, total) => `${n(failed, "en")} of ${n(total, "en")} checks failed.`,
  diagnosticsReportLabel: "Report (text to copy)",
  copyReport: "Copy the report",
  copied: "Copied.",
  copyFailed: "Could not copy: select the text and copy it yourself.",
  checkPassed: "OK",
  checkFailed: "FAILED",

  notInExcelTitle: "Open the add-in in Excel.",
  notInExcelBody:
    "AT allocation is an Excel add-in and runs in Excel's task pane, not in a browser on its own. Load it in Excel (see support.html), or try it without Excel in the workbench (npm start).",
  unsupportedTitle: "This version of Excel is not supported.",
  unsupportedBody: (version) =>
    `AT allocation needs Excel that supports ExcelApi ${version} or later, such as Excel in Microsoft 365 or Excel on the web. Update Excel and open the add-in again.`,
  thisWorkbook: "this workbook",
};

export const STRINGS: Readonly<Record<Lang, Strings>> = { sv, en };

export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}

/**
 * "Blad1!H3, H4, Blad2!A1": the sheet is named once per run of cells on the same sheet, and a
 * long list is cut after `max` cells ("och 5 till") so a message stays readable.
 */
export function formatCellList(cells: readonly CellRef[], t: Strings, max = 10): string {
  const shown = cells.slice(0, max);
  let previousSheet: string | null = null;
  const parts = shown.map(({ sheet, cell }) => {
    const part = sheet === previousSheet ? cell : `${quoteSheet(sheet)}!${cell}`;
    previousSheet = sheet;
    return part;
  });
  const rest = cells.length - shown.length;
  return rest > 0 ? `${parts.join(", ")} ${t.moreCells(rest)}` : parts.join(", ");
}
