/** The words of the rule sheet's part of the pane ("Regler från bladet …", "Skapa regelblad"). */
import type { Lang } from "../domain/ruleSet";

export interface RuleSheetStrings {
  fromSheet: string;
  fromSheetHint: string;
  looking: string;
  pickSheet: string;
  noRuleSheet: string;
  sheetOption: (year: number, sheet: string) => string;
  loaded: (year: number, sheet: string) => string;
  sheetIssues: (sheet: string, count: number) => string;
  createSheet: string;
  createSheetHint: string;
  created: (sheet: string) => string;
  failed: (detail: string) => string;
}

const sv: RuleSheetStrings = {
  fromSheet: "Regler från bladet…",
  fromSheetHint: "Läser regler som står på ett regelblad i arbetsboken.",
  looking: "Letar efter regelblad…",
  pickSheet: "Välj regelblad",
  noRuleSheet:
    "Hittade inget regelblad (ett blad som börjar med rubriken för regelblad). Skapa ett med Skapa regelblad. I en mycket stor arbetsbok läses bara de minsta bladen utöver det aktiva: öppna då regelbladet och försök igen.",
  sheetOption: (year, sheet) => `${year} (regelbladet ${sheet})`,
  loaded: (year, sheet) => `Läste reglerna för ${year} från bladet ${sheet}.`,
  sheetIssues: (sheet, n) =>
    n === 1
      ? `Regelbladet ${sheet} har 1 fel och används inte:`
      : `Regelbladet ${sheet} har ${n} fel och används inte:`,
  createSheet: "Skapa regelblad",
  createSheetHint: "Skriver reglerna som används nu på ett nytt blad, att läsa och ändra.",
  created: (sheet) => `Skapade bladet ${sheet} med reglerna som används nu.`,
  failed: (d) => `Det gick inte: ${d}`,
};

const en: RuleSheetStrings = {
  fromSheet: "Rules from the sheet…",
  fromSheetHint: "Reads rules written on a rule sheet of the workbook.",
  looking: "Looking for rule sheets…",
  pickSheet: "Choose a rule sheet",
  noRuleSheet:
    "Found no rule sheet (a sheet that starts with the rule sheet's title). Make one with Create rule sheet. In a very large workbook only the smallest sheets besides the active one are read: then open the rule sheet and try again.",
  sheetOption: (year, sheet) => `${year} (rule sheet ${sheet})`,
  loaded: (year, sheet) => `Read the rules for ${year} from the sheet ${sheet}.`,
  sheetIssues: (sheet, n) =>
    n === 1
      ? `The rule sheet ${sheet} has 1 error and is not used:`
      : `The rule sheet ${sheet} has ${n} errors and is not used:`,
  createSheet: "Create rule sheet",
  createSheetHint: "Writes the rules in use on a new sheet, to read and change.",
  created: (sheet) => `Created the sheet ${sheet} with the rules in use.`,
  failed: (d) => `That did not work: ${d}`,
};

export function ruleSheetStrings(lang: Lang): RuleSheetStrings {
  return lang === "sv" ? sv : en;
}
