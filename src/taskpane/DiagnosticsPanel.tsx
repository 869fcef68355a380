/**
 * "Diagnostik": runs every Office.js call the add-in relies on (src/excel/diagnostics.ts) and
 * shows each as passed or failed, with the report as text to copy into a bug report.
 */
import { useId, useState } from "react";
import { Button, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Lang } from "../domain/ruleSet";
import type { DiagnosticsReport } from "../excel/diagnostics";
import { formatReport } from "./diagnosticsText";
import type { Strings } from "./i18n";
import { Notice } from "./Notice";
import { Caption, H2, Progress } from "./ui";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  item: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "baseline" },
  mark: { flexShrink: 0, fontWeight: tokens.fontWeightSemibold, minWidth: "2.5em" },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  detail: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  report: {
    width: "100%",
    boxSizing: "border-box",
    minHeight: "8em",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase100,
    resize: "vertical",
  },
  label: {
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
  },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

type Run =
  | { kind: "idle" }
  | { kind: "running" }
  | { kind: "done"; report: DiagnosticsReport }
  | { kind: "error"; detail: string };

export interface DiagnosticsPanelProps {
  diagnose(): Promise<DiagnosticsReport>;
  /** While the pane reads or writes: Diagnostik would get in the way of the same workbook. */
  disabled: boolean;
  lang: Lang;
  t: Strings;
}

/** Copies text: the Clipboard API where the host allows it, else the selection's copy. */
async function copyText(text: string, textarea: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Office's WebViews may refuse the Clipboard API; fall through to the selection.
  }
  if (!textarea) return false;
  textarea.select();
  try {
    return document.execCommand?.("copy") ?? false;
  } catch {
    return false;
  }
}

export function DiagnosticsPanel({ diagnose, disabled, lang, t }: DiagnosticsPanelProps) {
  const styles = useStyles();
  const headingId = useId();
  const reportId = useId();
  const [run, setRun] = useState<Run>({ kind: "idle" });
  const [copied, setCopied] = useState<boolean | null>(null);
  const [textarea, setTextarea] = useState<HTMLTextAreaElement | null>(null);

  const start = async () => {
    setRun({ kind: "running" });
    setCopied(null);
    try {
      setRun({ kind: "done", report: await diagnose() });
    } catch (error) {
      setRun({ kind: "error", detail: error instanceof Error ? error.message : String(error) });
    }
  };

  const report = run.kind === "done" ? run.report : null;
  const text = report ? formatReport(report, lang) : "";
  return (
    <section className={styles.root} aria-labelledby={headingId} data-testid="diagnostics">
      <H2 id={headingId}>{t.diagnosticsHeading}</H2>
      <Caption>{t.diagnosticsIntro}</Caption>
      <div className={styles.buttons}>
        <Button disabled={disabled || run.kind === "running"} onClick={() => void start()}>
          {t.runDiagnostics}
        </Button>
      </div>
      <div role="status" aria-live="polite" data-testid="diagnostics-status">
        {run.kind === "running" && <Progress label={t.diagnosticsRunning} />}
        {run.kind === "error" && <Notice intent="error">{run.detail}</Notice>}
        {report && (
          <Notice intent={report.failed === 0 ? "success" : "error"}>
            {report.failed === 0
              ? t.diagnosticsPassed(report.passed, report.checks.length)
              : t.diagnosticsFailed(report.failed, report.checks.length)}
          </Notice>
        )}
      </div>
      {report && (
        <>
          <ul className={styles.list} aria-label={t.diagnosticsHeading}>
            {report.checks.map((check) => (
              <li key={check.id} className={styles.item} data-check={check.id} data-ok={check.ok}>
                <span className={mergeClasses(styles.mark, check.ok ? styles.ok : styles.failed)}>
                  {check.ok ? t.checkPassed : t.checkFailed}
                </span>
                <span>
                  {check.label[lang]}
                  {check.detail && !check.ok && (
                    <span className={styles.detail}> — {check.detail}</span>
                  )}
                </span>
              </li>
            ))}
          </ul>
          <label htmlFor={reportId} className={styles.label}>
            {t.diagnosticsReportLabel}
          </label>
          <textarea
            id={reportId}
            ref={setTextarea}
            className={styles.report}
            readOnly
            value={text}
            data-testid="diagnostics-report"
          />
          <div className={styles.buttons}>
            <Button
              size="small"
              onClick={() => void copyText(text, textarea).then((ok) => setCopied(ok))}
            >
              {t.copyReport}
            </Button>
            {copied !== null && (
              <Caption role={copied ? undefined : "alert"}>
                {copied ? t.copied : t.copyFailed}
              </Caption>
            )}
          </div>
        </>
      )}
    </section>
  );
}
