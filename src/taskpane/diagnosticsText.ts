/**
 * Diagnostik's report as plain text for a bug report (src/excel/diagnostics.ts runs the
 * checks; it is loaded only when Diagnostik runs, this is part of the pane).
 */
import type { DiagnosticsReport } from "../excel/diagnostics";

/** The report as plain text for a bug report: the environment, then one line per check. */
export function formatReport(report: DiagnosticsReport, lang: "sv" | "en"): string {
  const e = report.environment;
  const sv = lang === "sv";
  const lines = [
    sv ? "AT-fördelning – diagnostik" : "AT allocation – diagnostics",
    `${sv ? "Tid" : "Time"}: ${report.startedAt}`,
    `${sv ? "Tillägg" : "Add-in"}: ${e.addinVersion}`,
    `Office: ${e.host}, ${e.platform}, ${e.version}`,
    `ExcelApi: ${e.excelApi.length > 0 ? e.excelApi.join(", ") : sv ? "inga" : "none"}`,
  ];
  if (e.language) lines.push(`${sv ? "Språk" : "Language"}: ${e.language}`);
  if (e.userAgent) lines.push(`${sv ? "Webbläsare" : "Browser"}: ${e.userAgent}`);
  lines.push(
    sv
      ? `Resultat: ${report.passed} av ${report.checks.length} godkända, ${report.failed} misslyckade`
      : `Result: ${report.passed} of ${report.checks.length} passed, ${report.failed} failed`,
    "",
  );
  for (const c of report.checks) {
    const mark = c.ok ? "OK " : sv ? "FEL" : "FAIL";
    lines.push(`${mark} ${c.id} – ${c.label[lang]}${c.detail ? ` (${c.detail})` : ""}`);
  }
  return lines.join("\n");
}
