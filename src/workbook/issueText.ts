/** An issue as one line for people: `Blad1!C8 (Kalmar): "femtio" är inget antal — …`. */
import type { Lang } from "../domain/ruleSet";
import { quoteSheet } from "./a1";
import type { Issue } from "./types";

/** "Blad1!C8", "'Min flik'!C8", "Blad1" (no cell) or null (neither). */
export function issueAddress(issue: Issue): string | null {
  if (issue.sheet && issue.cell) return `${quoteSheet(issue.sheet)}!${issue.cell}`;
  if (issue.cell) return issue.cell;
  return null;
}

export function formatIssueLine(issue: Issue, lang: Lang): string {
  const where = issueAddress(issue);
  const region = issue.region ? ` (${issue.region})` : "";
  const prefix = where ? `${where}${region}: ` : issue.region ? `${issue.region}: ` : "";
  return prefix + issue.message[lang];
}
