/**
 * The workbench page: a toolbar (workbook, open, save, language), the simulated workbook, and
 * the real task pane on it through the real Office.js adapter — `createExcelHost(run)` with the
 * fake Excel's run — exactly as in Excel, minus Excel.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import {
  Button,
  Caption1,
  Field,
  FluentProvider,
  Select,
  Title3,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { createExcelHost } from "../excel/excelHost";
import type { Lang, Text } from "../domain/ruleSet";
import { App } from "../taskpane/App";
import { Notice } from "../taskpane/Notice";
import { ADDIN_VERSION } from "../taskpane/version";
import { workbenchStrings } from "./i18n";
import { SheetView } from "./SheetView";
import { PANE_WIDTHS, SAMPLE_YEARS, sampleFileName } from "./samples";
import type { WorkbenchStore } from "./store";
import type { Issue } from "../workbook/types";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const useStyles = makeStyles({
  page: {
    height: "100vh",
    display: "flex",
    flexDirection: "column",
    backgroundColor: tokens.colorNeutralBackground2,
  },
  toolbar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  heading: { display: "flex", flexDirection: "column", marginRight: "auto", maxWidth: "48rem" },
  messages: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
  },
  main: { flexGrow: 1, minHeight: 0, display: "flex" },
  workbook: { flexGrow: 1, minWidth: 0, display: "flex", flexDirection: "column" },
  pane: {
    flexShrink: 0,
    overflowY: "auto",
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

export interface WorkbenchProps {
  store: WorkbenchStore;
  lang: Lang;
  onLangChange(lang: Lang): void;
  /** Loads a sample into the store (from the page's own server). */
  loadSample(year: number): Promise<unknown>;
  /** Called when the task pane is on screen for a workbook, ready to read. */
  onReady?(workbookId: number): void;
  /** The task pane's width in pixels (`?pane=320`); default PANE_WIDTHS.default. */
  paneWidth?: number;
}

type Status = { kind: "loading"; name: string } | { kind: "error"; text: Text } | null;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

export function Workbench({
  store,
  lang,
  onLangChange,
  loadSample,
  onReady,
  paneWidth = PANE_WIDTHS.default,
}: WorkbenchProps) {
  const styles = useStyles();
  const t = workbenchStrings(lang);
  useSyncExternalStore(store.subscribe, store.getVersion, store.getVersion);
  const entry = store.workbook;
  const [status, setStatus] = useState<Status>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const loading = status?.kind === "loading";

  // One adapter per workbook, as one task pane per document in Excel.
  const host = useMemo(() => createExcelHost(store.runFor(entry.fake)), [store, entry.fake]);
  // The Live switch: the same adapter, and Excel.run for its change events.
  const live = useMemo(() => ({ run: store.runFor(entry.fake), host }), [store, entry.fake, host]);
  // The fake Excel does not calculate: a formula typed into a cell reads as "#NAME?", where
  // Excel would have a value. Said as it is, in place of the reader's word on an error value.
  const explainIssue = useMemo(
    () =>
      (issue: Issue): Text | null => {
        if (!issue.sheet || !issue.cell) return null;
        const formula = entry.fake.getCell(issue.sheet, issue.cell)?.formula;
        if (formula === undefined) return null;
        const shown = formula.startsWith("=") ? formula : `=${formula}`;
        return {
          sv: workbenchStrings("sv").formulaNotCalculated(shown),
          en: workbenchStrings("en").formulaNotCalculated(shown),
        };
      },
    [entry.fake],
  );
  // Diagnostik on the fake Excel: the same calls as in Excel, against the simulation.
  const diagnose = useMemo(
    () => async () => {
      const { runDiagnostics } = await import("../excel/diagnostics");
      return runDiagnostics(store.runFor(entry.fake), {
        host: "Workbench (fake Excel)",
        platform: "Browser",
        version: "no Office",
        addinVersion: ADDIN_VERSION,
        excelApi: [],
        language: lang,
        userAgent: navigator.userAgent,
      });
    },
    [store, entry.fake, lang],
  );

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.title;
  }, [lang, t.title]);

  useEffect(() => {
    if (!loading) onReady?.(entry.id);
  }, [loading, entry.id, onReady]);

  const load = async (name: string, work: () => Promise<unknown>) => {
    setStatus({ kind: "loading", name });
    try {
      await work();
      setStatus(null);
    } catch (error) {
      const detail = errorMessage(error);
      setStatus({
        kind: "error",
        text: {
          sv: workbenchStrings("sv").loadFailed(name, detail),
          en: workbenchStrings("en").loadFailed(name, detail),
        },
      });
    }
  };

  const chooseSample = (value: string) => {
    if (value === "empty") {
      store.clear();
      setStatus(null);
      return;
    }
    const year = Number(value);
    if (SAMPLE_YEARS.includes(year)) {
      void load(sampleFileName(year), () => loadSample(year));
    }
  };

  const save = async () => {
    const bytes = await store.save();
    const blob = new Blob([bytes as BlobPart], { type: XLSX_TYPE });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = /\.xlsx$/i.test(entry.name) ? entry.name : `${entry.name}.xlsx`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const origin = entry.origin;
  const selectValue =
    origin.kind === "sample" ? String(origin.year) : origin.kind === "empty" ? "empty" : "file";

  return (
    <FluentProvider theme={webLightTheme} lang={lang}>
      <div
        className={styles.page}
        id="workbench"
        data-ready={loading ? "false" : "true"}
        data-workbook={entry.id}
      >
        <header className={styles.toolbar}>
          <div className={styles.heading}>
            <Title3 as="h1">{t.title}</Title3>
            <Caption1>{t.intro}</Caption1>
          </div>
          <Field label={t.sampleLabel}>
            <Select
              value={selectValue}
              disabled={loading}
              data-testid="sample-select"
              onChange={(_, data) => chooseSample(data.value)}
            >
              {SAMPLE_YEARS.map((year) => (
                <option key={year} value={String(year)}>
                  {t.sampleOption(year)}
                </option>
              ))}
              <option value="empty">{t.emptyWorkbook}</option>
              {origin.kind === "file" && <option value="file">{entry.name}</option>}
            </Select>
          </Field>
          <Button disabled={loading} onClick={() => fileInput.current?.click()}>
            {t.open}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label={t.openInputLabel}
            data-testid="open-xlsx"
            hidden
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file)
                void load(file.name, async () =>
                  store.loadBytes(await file.arrayBuffer(), file.name),
                );
            }}
          />
          <Button disabled={loading} title={t.saveHint} onClick={() => void save()}>
            {t.save}
          </Button>
          <Field label={t.language}>
            <Select
              value={lang}
              data-testid="lang-select"
              onChange={(_, data) => onLangChange(data.value === "en" ? "en" : "sv")}
            >
              <option value="sv">Svenska</option>
              <option value="en">English</option>
            </Select>
          </Field>
        </header>
        {(status || entry.warnings.length > 0) && (
          <div className={styles.messages} role="status">
            {status?.kind === "loading" && <Notice intent="info">{t.loading(status.name)}</Notice>}
            {status?.kind === "error" && <Notice intent="error">{status.text[lang]}</Notice>}
            {entry.warnings.map((w, i) => (
              <Notice key={i} intent="warning">
                {w[lang]}
              </Notice>
            ))}
          </div>
        )}
        <div className={styles.main}>
          <div className={styles.workbook}>
            <SheetView store={store} lang={lang} t={t} />
          </div>
          <aside
            className={styles.pane}
            style={{ width: `${paneWidth}px` }}
            aria-label={t.taskPane}
            data-testid="taskpane"
          >
            <App
              key={entry.id}
              host={host}
              lang={lang}
              sourceName={entry.name}
              diagnose={diagnose}
              explainIssue={explainIssue}
              live={live}
            />
          </aside>
        </div>
      </div>
    </FluentProvider>
  );
}
