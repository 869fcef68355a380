/**
 * The words of Kontrollera (src/app/verify.ts) and of the confirm step before a write replaces
 * hand edits, in both languages. Kept beside i18n.ts so the verify view reads in one place.
 */
import type { Lang } from "../domain/ruleSet";
import type { FindingKind } from "../app/verify";

export interface VerifyStrings {
  verify: string;
  verifyHint: string;
  verifying: string;
  verifyHeading: string;
  allGood: string;
  notAllGood: (count: number) => string;
  kind: Record<FindingKind, string>;
  wasNow: (was: string, now: string) => string;
  verifyFailed: (detail: string) => string;
  handEditsTitle: (count: number) => string;
  handEditsBody: string;
  replaceEdits: string;
  cancel: string;
  writeCancelled: string;
}

const sv: VerifyStrings = {
  verify: "Kontrollera",
  verifyHint:
    "Räknar om från arbetsboken som den står och säger om beloppen stämmer. Ändrar ingenting.",
  verifying: "Kontrollerar arbetsboken…",
  verifyHeading: "Kontroll",
  allGood:
    "Allt stämmer: beloppen följer reglerna för indata som de står, och inget är ändrat sedan beräkningen.",
  notAllGood: (n) => (n === 1 ? "1 sak stämmer inte:" : `${n} saker stämmer inte:`),
  kind: {
    amount: "Belopp som inte följer reglerna",
    input: "Indata ändrade sedan beräkningen",
    ownEdit: "Tilläggets celler ändrade för hand",
    rules: "Regelverket",
    settings: "Tolkningar",
    inputErrors: "Fel i indata",
  },
  wasNow: (was, now) => `${was} → ${now}`,
  verifyFailed: (d) => `Kunde inte kontrollera arbetsboken: ${d}`,
  handEditsTitle: (n) =>
    n === 1
      ? "1 av tilläggets celler är ändrad för hand. Skrivningen ersätter den:"
      : `${n} av tilläggets celler är ändrade för hand. Skrivningen ersätter dem:`,
  handEditsBody: "Inget är skrivet ännu.",
  replaceEdits: "Ersätt ändringarna",
  cancel: "Avbryt",
  writeCancelled: "Avbröt skrivningen. Arbetsboken är som den var.",
};

const en: VerifyStrings = {
  verify: "Verify",
  verifyHint:
    "Recomputes from the workbook as it stands and says whether the amounts hold. Changes nothing.",
  verifying: "Verifying the workbook…",
  verifyHeading: "Verification",
  allGood:
    "All is well: the amounts follow the rules for the inputs as they stand, and nothing has changed since the run.",
  notAllGood: (n) => (n === 1 ? "1 thing does not hold:" : `${n} things do not hold:`),
  kind: {
    amount: "Amounts that do not follow the rules",
    input: "Inputs changed since the run",
    ownEdit: "The add-in's cells edited by hand",
    rules: "The rule set",
    settings: "Interpretations",
    inputErrors: "Errors in the inputs",
  },
  wasNow: (was, now) => `${was} → ${now}`,
  verifyFailed: (d) => `Could not verify the workbook: ${d}`,
  handEditsTitle: (n) =>
    n === 1
      ? "1 of the add-in's cells was edited by hand. Writing replaces it:"
      : `${n} of the add-in's cells were edited by hand. Writing replaces them:`,
  handEditsBody: "Nothing has been written yet.",
  replaceEdits: "Replace the edits",
  cancel: "Cancel",
  writeCancelled: "Cancelled the write. The workbook is as it was.",
};

export function verifyStrings(lang: Lang): VerifyStrings {
  return lang === "sv" ? sv : en;
}
