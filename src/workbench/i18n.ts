/** The workbench page's own words (the task pane has its own, in src/taskpane/i18n.ts). */
import { formatInteger } from "../taskpane/i18n";
import type { Lang } from "../domain/ruleSet";

export interface WorkbenchStrings {
  title: string;
  intro: string;
  sampleLabel: string;
  sampleOption: (year: number) => string;
  emptyWorkbook: string;
  open: string;
  openInputLabel: string;
  save: string;
  saveHint: string;
  language: string;
  loading: (name: string) => string;
  loadFailed: (name: string, detail: string) => string;
  nameBox: string;
  formulaBar: string;
  editHint: string;
  sheetTabs: string;
  sheetGrid: (sheet: string) => string;
  showHidden: string;
  hidden: string;
  veryHidden: string;
  charts: (count: number) => string;
  chartTop: (shown: number, total: number) => string;
  formulaTitle: string;
  formulaNotCalculated: (formula: string) => string;
  taskPane: string;
}

const sv: WorkbenchStrings = {
  title: "AT-fördelning – arbetsbänk",
  intro:
    "Det riktiga aktivitetsfönstret mot en simulerad arbetsbok (samma fejkade Excel som testerna använder). Ingen Excel behövs.",
  sampleLabel: "Arbetsbok",
  sampleOption: (year) => `Exempel ${year} (regioner-${year}.xlsx)`,
  emptyWorkbook: "Tom arbetsbok",
  open: "Öppna .xlsx…",
  openInputLabel: "Arbetsbok att öppna (.xlsx)",
  save: "Spara som .xlsx",
  saveHint:
    "Sparar värden, talformat, fetstil, kolumnbredder, tabeller, anteckningar och dolda blad. Diagram sparas inte.",
  language: "Språk",
  loading: (name) => `Läser in ${name}…`,
  loadFailed: (name, detail) => `Kunde inte öppna ${name}: ${detail}`,
  nameBox: "Namnruta",
  formulaBar: "Cellinnehåll",
  editHint: "Dubbelklicka eller börja skriva för att ändra en cell. Enter sparar, Esc avbryter.",
  sheetTabs: "Blad",
  sheetGrid: (sheet) => `Bladet ${sheet}`,
  showHidden: "Visa dolda blad",
  hidden: "dolt",
  veryHidden: "mycket dolt",
  charts: (count) => (count === 1 ? "Diagram" : `Diagram (${count})`),
  chartTop: (shown, total) =>
    `Visar de ${formatInteger(shown, "sv")} största av ${formatInteger(total, "sv")} staplar; diagrammet i arbetsboken har alla.`,
  formulaTitle: "En formel – arbetsbänken räknar inte ut formler",
  formulaNotCalculated: (formula) =>
    `cellen innehåller formeln ${formula}, och formler räknas inte ut i arbetsbänken (Excel räknar ut dem). Skriv in värdet för att prova här.`,
  taskPane: "Aktivitetsfönster",
};

const en: WorkbenchStrings = {
  title: "AT allocation – workbench",
  intro:
    "The real task pane against a simulated workbook (the same fake Excel the tests use). No Excel needed.",
  sampleLabel: "Workbook",
  sampleOption: (year) => `Sample ${year} (regioner-${year}.xlsx)`,
  emptyWorkbook: "Empty workbook",
  open: "Open .xlsx…",
  openInputLabel: "Workbook to open (.xlsx)",
  save: "Save as .xlsx",
  saveHint:
    "Saves values, number formats, bold, column widths, tables, notes and hidden sheets. Charts are not saved.",
  language: "Language",
  loading: (name) => `Loading ${name}…`,
  loadFailed: (name, detail) => `Could not open ${name}: ${detail}`,
  nameBox: "Name box",
  formulaBar: "Cell content",
  editHint: "Double-click or start typing to change a cell. Enter keeps it, Esc cancels.",
  sheetTabs: "Sheets",
  sheetGrid: (sheet) => `Sheet ${sheet}`,
  showHidden: "Show hidden sheets",
  hidden: "hidden",
  veryHidden: "very hidden",
  charts: (count) => (count === 1 ? "Chart" : `Charts (${count})`),
  chartTop: (shown, total) =>
    `Showing the ${formatInteger(shown, "en")} largest of ${formatInteger(total, "en")} bars; the workbook's chart has them all.`,
  formulaTitle: "A formula – the workbench does not calculate formulas",
  formulaNotCalculated: (formula) =>
    `the cell holds the formula ${formula}, and formulas are not calculated in the workbench (Excel calculates them). Type the value to try it here.`,
  taskPane: "Task pane",
};

export function workbenchStrings(lang: Lang): WorkbenchStrings {
  return lang === "en" ? en : sv;
}
