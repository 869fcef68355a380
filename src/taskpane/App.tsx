/**
 * The task pane. Everything it does to the workbook goes through `host` (a WorkbookHost), so the
 * pane renders and is tested without Excel; the state and actions live in useAllocation.
 */
import { useId, type ReactNode } from "react";
import {
  Button,
  FluentProvider,
  makeStyles,
  tokens,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import type { WorkbookHost } from "../app/host";
import type { Lang, RuleSet } from "../domain/ruleSet";
import { shippedRuleSets } from "../domain/rules";
import type { ErrorDetail, StatusMessage } from "./allocationState";
import { formatCellList, strings, type Strings } from "./i18n";
import { InterpretationsPanel } from "./InterpretationsPanel";
import { IssueList } from "./IssueList";
import { Notice } from "./Notice";
import { Caption, H1, H2, Progress } from "./ui";
import { BlockTable, RegionTable } from "./ResultTables";
import { RuleSetPicker } from "./RuleSetPicker";
import { errorCount, useAllocation, type Allocation } from "./useAllocation";

export interface AppProps {
  host: WorkbookHost;
  lang: Lang;
  theme?: Theme;
  /** The rule sets offered; default: the shipped years. */
  ruleSets?: readonly RuleSet[];
  /** The workbook's name, for the summary sheet; default "den här arbetsboken". */
  sourceName?: string;
  /** The clock for the summary's "when it ran"; tests fix it. */
  now?: () => Date;
}

const useStyles = makeStyles({
  provider: { minHeight: "100vh" },
  main: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}`,
    maxWidth: "100%",
    boxSizing: "border-box",
  },
  header: { display: "flex", flexDirection: "column", gap: "2px" },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  status: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  hint: { color: tokens.colorNeutralForeground3 },
});

export function App({ host, lang, theme, ruleSets, sourceName, now }: AppProps) {
  const styles = useStyles();
  const t = strings(lang);
  return (
    <FluentProvider theme={theme ?? webLightTheme} className={styles.provider} lang={lang}>
      <Pane
        host={host}
        lang={lang}
        t={t}
        ruleSets={ruleSets ?? shippedRuleSets()}
        sourceName={sourceName ?? t.thisWorkbook}
        now={now}
      />
    </FluentProvider>
  );
}

interface PaneProps {
  host: WorkbookHost;
  lang: Lang;
  t: Strings;
  ruleSets: readonly RuleSet[];
  sourceName: string;
  now?: () => Date;
}

function Pane({ host, lang, t, ruleSets, sourceName, now }: PaneProps) {
  const styles = useStyles();
  const allocation = useAllocation({ host, lang, ruleSets, sourceName, now });
  const { state, ruleSet, computed, busy, writeBlocker } = allocation;
  const writing = state.phase === "writing";
  const actionsHeadingId = useId();
  const writeHintId = useId();
  const outcome = computed?.ok ? computed.outcome : null;

  const writeHint =
    writeBlocker === "beforeRead"
      ? t.writeDisabledBeforeRead
      : writeBlocker === "errors"
        ? t.writeDisabledErrors
        : null;

  return (
    <main className={styles.main}>
      <header className={styles.header}>
        <H1>{t.appTitle}</H1>
        <Caption>{t.appIntro}</Caption>
      </header>

      <RuleSetPicker
        options={state.options}
        selectedId={state.selectedId}
        ruleSet={ruleSet}
        ruleFileError={state.ruleFileError}
        disabled={writing}
        lang={lang}
        t={t}
        onSelect={allocation.selectRuleSet}
        onLoadFile={(file) => void allocation.loadRuleFile(file)}
      />

      <InterpretationsPanel
        ruleSet={ruleSet}
        settings={state.settings}
        disabled={writing}
        lang={lang}
        t={t}
        onChange={allocation.setInterpretation}
      />

      <section className={styles.section} aria-labelledby={actionsHeadingId}>
        <H2 id={actionsHeadingId}>{t.actionsHeading}</H2>
        <div className={styles.buttons}>
          <Button disabled={busy} onClick={() => void allocation.read()}>
            {t.read}
          </Button>
          <Button
            appearance="primary"
            // Focusable while disabled, so keyboard and screen reader users find the reason.
            disabledFocusable={writeBlocker !== null}
            aria-describedby={writeHint ? writeHintId : undefined}
            onClick={() => void allocation.write()}
          >
            {t.write}
          </Button>
          <Button
            disabled={busy}
            title={t.templateHint}
            onClick={() => void allocation.createTemplate()}
          >
            {t.createTemplate}
          </Button>
        </div>
        {writeHint && (
          <Caption id={writeHintId} className={styles.hint}>
            {writeHint}
          </Caption>
        )}
        <div role="status" aria-live="polite" className={styles.status} data-testid="status">
          <StatusArea allocation={allocation} lang={lang} t={t} />
        </div>
      </section>

      {outcome && (
        <>
          <IssueList
            issues={outcome.issues}
            lang={lang}
            t={t}
            onSelect={(issue) => void allocation.selectIssue(issue)}
          />
          {outcome.result && <RegionTable result={outcome.result} lang={lang} t={t} />}
          {outcome.result && <BlockTable result={outcome.result} lang={lang} t={t} />}
        </>
      )}
    </main>
  );
}

/** The live region's content: what is happening, or how the last action ended. */
function StatusArea({ allocation, lang, t }: { allocation: Allocation; lang: Lang; t: Strings }) {
  const { state, computed } = allocation;
  const parts: ReactNode[] = [];

  // An indeterminate bar for what has no measurable progress (a read is one round trip).
  const busyLine = (key: string, label: string) => <Progress key={key} label={label} />;
  if (state.phase === "reading") parts.push(busyLine("reading", t.reading));
  if (state.templateBusy) parts.push(busyLine("template", t.creatingTemplate));
  if (state.phase === "writing") {
    const percent = Math.round(state.progress * 100);
    parts.push(
      <Progress
        key="writing"
        label={t.writing}
        value={state.progress}
        hint={t.writingProgress(percent)}
      />,
    );
  }

  if (state.message)
    parts.push(<Message key="message" message={state.message} lang={lang} t={t} />);

  // What the last read found, while no other message speaks of it.
  const showRead =
    (state.phase === "read" || state.phase === "written") &&
    (state.message === null ||
      state.message.kind === "templateCreated" ||
      state.message.kind === "ruleFileLoaded" ||
      state.message.kind === "selectError");
  if (computed && showRead) {
    if (!computed.ok) {
      parts.push(
        <Notice key="read" intent="error">
          {t.computeFailed(computed.detail)}
        </Notice>,
      );
    } else {
      const { read } = computed.outcome;
      const errors = errorCount(computed.outcome);
      const where = read
        ? read.table
          ? t.readWhereTable(read.table, read.sheet, read.range)
          : t.readWhere(read.sheet, read.range)
        : null;
      const found = read && where ? t.readDone(read.inputs.length, where) : null;
      parts.push(
        <Notice key="read" intent={errors > 0 ? "warning" : "info"}>
          {[found ?? (errors > 0 ? null : t.noTable), errors > 0 ? t.readHasErrors(errors) : null]
            .filter(Boolean)
            .join(" ")}
        </Notice>,
      );
    }
  }
  return <>{parts}</>;
}

/** An error detail in a sentence: the adapter's own sentence as it is, else `wrap`'s. */
function say(detail: ErrorDetail, lang: Lang, wrap: (detail: string) => string): string {
  return "sentence" in detail ? detail.sentence[lang] : wrap(detail.message);
}

function Message({ message, lang, t }: { message: StatusMessage; lang: Lang; t: Strings }) {
  switch (message.kind) {
    case "written":
      return <Notice intent="success">{t.written(message.rows, message.sheet)}</Notice>;
    case "conflict":
    case "writeError":
    case "staleErrors":
    case "noTable": {
      const text =
        message.kind === "conflict"
          ? t.conflict(formatCellList(message.cells, t), message.cells.length)
          : message.kind === "writeError"
            ? say(message.detail, lang, (d) => d)
            : message.kind === "staleErrors"
              ? t.staleErrors(message.errors)
              : t.noTable;
      return (
        <Notice intent="error" title={t.writeFailedTitle}>
          {text} <strong>{t.leftAsItWas}</strong>
        </Notice>
      );
    }
    case "readError":
      return <Notice intent="error">{say(message.detail, lang, t.readFailed)}</Notice>;
    case "templateCreated":
      return <Notice intent="success">{t.templateCreated(message.sheet)}</Notice>;
    case "templateError":
      return <Notice intent="error">{say(message.detail, lang, t.templateFailed)}</Notice>;
    case "selectError":
      return (
        <Notice intent="warning">
          {"sentence" in message.detail
            ? `${message.detail.sentence[lang]} (${message.where})`
            : t.selectFailed(message.where, message.detail.message)}
        </Notice>
      );
    case "ruleFileLoaded":
      return <Notice intent="info">{t.ruleFileLoaded(message.year, message.fileName)}</Notice>;
  }
}
