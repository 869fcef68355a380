/**
 * The words of the pane's Live switch (useLive.ts, LiveSwitch.tsx) and of the preview gone out
 * of date, in both languages. Kept beside i18n.ts, as verifyText.ts is.
 */
import type { Lang } from "../domain/ruleSet";

export interface LiveStrings {
  label: string;
  hint: string;
  starting: string;
  recomputing: string;
  current: string;
  pausedByErrors: (count: number, first: string) => string;
  pausedTitle: string;
  pausedBody: string;
  failed: (detail: string) => string;
  previewStale: (address: string) => string;
}

const sv: LiveStrings = {
  label: "Live",
  hint: "Räknar om och skriver om efter varje ändring i tabellen.",
  starting: "Live: startar…",
  recomputing: "Live: räknar om…",
  current: "Live: aktuellt. Kolumnerna och sammanställningen visar tabellen som den står nu.",
  pausedByErrors: (count, first) =>
    count === 1
      ? `Live: pausat av ett fel i ${first}.`
      : `Live: pausat av ${count} fel, det första i ${first}.`,
  pausedTitle: "Live är pausat:",
  pausedBody:
    "Inget skrivs förrän felet är rättat; siffrorna i arbetsboken är markerade som inaktuella.",
  failed: (detail) => `Live: pausat. ${detail}`,
  previewStale: (address) => `Förhandsvisningen är inaktuell: ${address} ändrades. Läs in igen.`,
};

const en: LiveStrings = {
  label: "Live",
  hint: "Recomputes and rewrites after every change in the table.",
  starting: "Live: starting…",
  recomputing: "Live: recomputing…",
  current: "Live: current. The columns and the summary show the table as it stands now.",
  pausedByErrors: (count, first) =>
    count === 1
      ? `Live: paused by an error in ${first}.`
      : `Live: paused by ${count} errors, the first in ${first}.`,
  pausedTitle: "Live is paused:",
  pausedBody:
    "Nothing is written until the error is corrected; the figures in the workbook are marked out of date.",
  failed: (detail) => `Live: paused. ${detail}`,
  previewStale: (address) => `The preview is out of date: ${address} changed. Read again.`,
};

export function liveStrings(lang: Lang): LiveStrings {
  return lang === "sv" ? sv : en;
}
