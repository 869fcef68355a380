/**
 * The task pane. Everything it does to the workbook goes through `host` (a WorkbookHost), so the
 * pane renders and is tested without Excel; the state and actions live in useAllocation.
 */
import { useEffect, useId, useRef, type ReactNode } from "react";
import {
  Button,
  FluentProvider,
  makeStyles,
  tokens,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import type { WorkbookHost } from "../app/host";
import type { Lang, RuleSet, Text } from "../domain/ruleSet";
import { shippedRuleSets } from "../domain/rules";
import type { DiagnosticsReport } from "../excel/diagnostics";
import { quoteSheet } from "../workbook/a1";
import type { Issue } from "../workbook/types";
import type { ErrorDetail, StatusMessage, YearNote } from "./allocationState";
import { DiagnosticsPanel } from "./DiagnosticsPanel";
import { formatCellList, strings, type Strings } from "./i18n";
import { InterpretationsPanel } from "./InterpretationsPanel";
import { IssueList, issueLine } from "./IssueList";
import { Notice } from "./Notice";
import { Caption, LinkButton, H1, H2, Progress } from "./ui";
import { RuleSetPicker } from "./RuleSetPicker";
import { RuleSheetPanel } from "./RuleSheetPanel";
import { RuleSetDetails } from "./RuleSetFold";
import {
  BlockTable,
  ComparisonPanel,
  HandEditsConfirm,
  LivePausedNotice,
  LiveStatusLine,
  LiveSwitch,
  MarginalPanel,
  PreviewStale,
  RegionTable,
  VerificationNotice,
} from "./lazyPanels";
import { ruleSheetStrings } from "./ruleSheetText";
import { errorCount, useAllocation, type Allocation } from "./useAllocation";
import type { CellTarget } from "./VerifyView";
import { verifyStrings } from "./verifyText";
import { ADDIN_VERSION, HELP_URL } from "./version";
import { useLive, type Live, type LiveSupport } from "./useLive";

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
  /** Runs Diagnostik on this Excel; the section is left out where not given. */
  diagnose?: () => Promise<DiagnosticsReport>;
  /** Shown in the footer; default package.json's. */
  version?: string;
  /**
   * The host's own word on an issue, shown in place of the reader's message: the workbench
   * says that it does not calculate formulas where the reader saw Excel's "#NAME?".
   */
  explainIssue?: (issue: Issue) => Text | null;
  /** The Office.js adapter and its Excel.run, for the Live switch; absent, no switch. */
  live?: LiveSupport;
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
  status: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    // Room above, so the status scrolled into view is not flush with the pane's edge.
    scrollMarginTop: tokens.spacingVerticalM,
    scrollMarginBottom: tokens.spacingVerticalM,
  },
  hint: { color: tokens.colorNeutralForeground3 },
  list: { margin: `${tokens.spacingVerticalXXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  inline: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginTop: "4px" },
  footer: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground3,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
  },
  link: { color: tokens.colorBrandForegroundLink },
});

export function App(props: AppProps) {
  const { host, lang, theme, ruleSets, sourceName, now, diagnose, version, explainIssue, live } =
    props;
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
        diagnose={diagnose}
        version={version ?? ADDIN_VERSION}
        explainIssue={explainIssue}
        live={live}
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
  diagnose?: () => Promise<DiagnosticsReport>;
  version: string;
  explainIssue?: (issue: Issue) => Text | null;
  live?: LiveSupport;
}

function Pane(props: PaneProps) {
  const { host, lang, t, ruleSets, sourceName, now, diagnose, version, explainIssue } = props;
  const styles = useStyles();
  const allocation = useAllocation({ host, lang, ruleSets, sourceName, now });
  const { state, ruleSet, computed, busy, writeBlocker } = allocation;
  const writing = state.phase === "writing";
  const actionsHeadingId = useId();
  const writeHintId = useId();
  const outcome = computed?.ok ? computed.outcome : null;
  const live = usePaneLive(props, allocation);

  // The latest status in view after every action: at 320 px the buttons may sit at the
  // bottom of the pane, and a status below the fold makes a click seem to do nothing.
  // Only around an action (its start and its outcome): a choice made at the top of the pane
  // after a read does not pull the view down to the status.
  const statusRef = useRef<HTMLDivElement>(null);
  const previousPhase = useRef(state.phase);
  useEffect(() => {
    const before = previousPhase.current;
    previousPhase.current = state.phase;
    const acting = (p: typeof before) => p === "reading" || p === "writing";
    const kind = state.message?.kind;
    const template =
      kind === "templateCreated" ||
      kind === "templateError" ||
      kind === "verified" ||
      kind === "verifyError" ||
      kind === "handEdits";
    if (
      acting(state.phase) ||
      acting(before) ||
      state.templateBusy ||
      state.verifyBusy ||
      template
    ) {
      statusRef.current?.scrollIntoView?.({ block: "nearest" });
    }
  }, [state.phase, state.message, state.templateBusy, state.verifyBusy]);

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
      <LivePausedNotice
        view={live.view}
        lang={lang}
        explain={explainIssue}
        onSelect={(issue) => void allocation.selectIssue(issue)}
      />

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
      <RuleSheetPanel
        host={host}
        ruleSet={ruleSet}
        lang={lang}
        disabled={busy}
        onRuleSet={allocation.takeSheetRuleSet}
        onSelectIssue={(issue) => void allocation.selectIssue(issue)}
      />
      <RuleSetDetails
        ruleSet={ruleSet}
        options={state.options}
        selectedId={state.selectedId}
        lang={lang}
        t={t}
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
          <Button
            disabled={busy}
            title={verifyStrings(lang).verifyHint}
            onClick={() => void allocation.verify()}
          >
            {verifyStrings(lang).verify}
          </Button>
        </div>
        {writeHint && (
          <Caption id={writeHintId} className={styles.hint}>
            {writeHint}
          </Caption>
        )}
        <LiveSwitch live={live} lang={lang} disabled={busy} />
        <div
          ref={statusRef}
          role="status"
          aria-live="polite"
          className={styles.status}
          data-testid="status"
        >
          <LiveStatusLine view={live.view} lang={lang} />
          <StatusArea allocation={allocation} lang={lang} t={t} explain={explainIssue} />
        </div>
      </section>

      {outcome && (
        <>
          <PreviewStale at={live.staleAt} lang={lang} />
          <IssueList
            issues={outcome.issues}
            lang={lang}
            t={t}
            onSelect={(issue) => void allocation.selectIssue(issue)}
            explain={explainIssue}
          />
          {outcome.result && <RegionTable result={outcome.result} lang={lang} t={t} />}
          {outcome.result && <BlockTable result={outcome.result} lang={lang} t={t} />}
          {outcome.result && outcome.read && state.grid && (
            <ComparisonPanel
              host={host}
              grid={state.grid}
              read={outcome.read}
              result={outcome.result}
              ruleSet={ruleSet}
              settings={state.settings}
              lang={lang}
              disabled={busy}
              now={now}
              onSelectIssue={(issue) => void allocation.selectIssue(issue)}
            />
          )}
          {outcome.result && outcome.read && (
            <MarginalPanel
              host={host}
              ruleSet={ruleSet}
              inputs={outcome.read.inputs}
              result={outcome.result}
              settings={state.settings}
              lang={lang}
              disabled={busy}
            />
          )}
        </>
      )}

      {diagnose && <DiagnosticsPanel diagnose={diagnose} disabled={busy} lang={lang} t={t} />}

      <footer className={styles.footer}>
        <a className={styles.link} href={HELP_URL} target="_blank" rel="noopener noreferrer">
          {t.help}
        </a>
        <span data-testid="version">{t.version(version)}</span>
      </footer>
    </main>
  );
}

/**
 * The Live switch on this pane's read: offered after a write, or a read of a table the add-in
 * wrote (the ownership record names its sheet).
 */
function usePaneLive(props: PaneProps, allocation: Allocation): Live {
  const { state, computed, ruleSet, busy } = allocation;
  const read = computed?.ok ? (computed.outcome.read ?? null) : null;
  const owned = state.grid?.owned;
  const wrote = state.phase === "written" || (!!owned && !!read && owned.sheet === read.sheet);
  return useLive({
    support: props.live,
    read,
    eligible: wrote && (state.phase === "read" || state.phase === "written"),
    idle: !busy && (state.phase === "read" || state.phase === "written"),
    readCount: state.readCount,
    lastWrite: state.message?.kind === "written" ? state.message : null,
    ruleSet,
    settings: state.settings,
    lang: props.lang,
    sourceName: props.sourceName,
    now: props.now,
    onGrid: allocation.takeLiveGrid,
  });
}

/** The live region's content: what is happening, or how the last action ended. */
function StatusArea({
  allocation,
  lang,
  t,
  explain,
}: {
  allocation: Allocation;
  lang: Lang;
  t: Strings;
  explain?: (issue: Issue) => Text | null;
}) {
  const { state, computed } = allocation;
  const parts: ReactNode[] = [];

  // An indeterminate bar for what has no measurable progress (a read is one round trip).
  const busyLine = (key: string, label: string) => <Progress key={key} label={label} />;
  if (state.phase === "reading") parts.push(busyLine("reading", t.reading));
  if (state.templateBusy) parts.push(busyLine("template", t.creatingTemplate));
  if (state.verifyBusy) parts.push(busyLine("verify", verifyStrings(lang).verifying));
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
    parts.push(
      <Message key="message" message={state.message} allocation={allocation} lang={lang} t={t} />,
    );

  // What the last read found, while no other message speaks of it.
  const showRead =
    (state.phase === "read" || state.phase === "written") &&
    (state.message === null ||
      state.message.kind === "templateCreated" ||
      state.message.kind === "ruleFileLoaded" ||
      state.message.kind === "ruleSheetLoaded" ||
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

  // Warnings that move money, stated where the eye is before anyone writes.
  const phaseShowsRead = state.phase === "read" || state.phase === "written";
  if (computed?.ok && phaseShowsRead) {
    const moving = computed.outcome.issues.filter(
      (i) => i.affectsAmounts && i.severity !== "error",
    );
    if (moving.length > 0) {
      parts.push(
        <AffectsAmounts
          key="amounts"
          issues={moving}
          lang={lang}
          t={t}
          explain={explain}
          onSelect={(issue) => void allocation.selectIssue(issue)}
        />,
      );
    }
  }
  if (state.readMoved && phaseShowsRead) {
    parts.push(
      <Notice key="moved" intent="info">
        {t.readMoved(state.readMoved.from, state.readMoved.to)}
      </Notice>,
    );
  }
  // A switch made is said after the read; an offer to switch stands until taken or changed.
  const yearNote =
    state.yearNote?.kind === "switched" && state.phase !== "read" ? null : state.yearNote;
  if (yearNote && state.phase !== "reading") {
    parts.push(
      <YearNotice
        key="year"
        note={yearNote}
        t={t}
        onSwitch={(id) => allocation.selectRuleSet(id)}
      />,
    );
  }
  return <>{parts}</>;
}

/** "Påverkar beloppen:" and the warnings that move money, each going to its cell. */
function AffectsAmounts({
  issues,
  lang,
  t,
  onSelect,
  explain,
}: {
  issues: readonly Issue[];
  lang: Lang;
  t: Strings;
  onSelect(issue: Issue): void;
  explain?: (issue: Issue) => Text | null;
}) {
  const styles = useStyles();
  return (
    <Notice intent="warning" title={t.affectsAmountsTitle(issues.length)}>
      <ul className={styles.list} data-testid="affects-amounts">
        {issues.map((issue, i) => (
          <li key={`${i}:${issue.code}`}>
            {issue.sheet && issue.cell ? (
              <LinkButton onClick={() => onSelect(issue)}>
                {issueLine(issue, lang, explain)}
              </LinkButton>
            ) : (
              issueLine(issue, lang, explain)
            )}
          </li>
        ))}
      </ul>
    </Notice>
  );
}

function YearNotice({
  note,
  t,
  onSwitch,
}: {
  note: YearNote;
  t: Strings;
  onSwitch(optionId: string): void;
}) {
  const styles = useStyles();
  const where = `${quoteSheet(note.sheet)}!${note.cell}`;
  switch (note.kind) {
    case "switched":
      return (
        <Notice intent="info">
          <span data-testid="year-note">{t.yearSwitched(note.year, note.header, where)}</span>
        </Notice>
      );
    case "noRules":
      return (
        <Notice intent="warning">
          <span data-testid="year-note">{t.yearNoRules(note.year, note.header, where)}</span>
        </Notice>
      );
    case "mismatch":
      return (
        <Notice intent="warning">
          <span data-testid="year-note">
            {t.yearMismatch(note.year, note.chosen, note.header, where)}
          </span>
          <div className={styles.inline}>
            <Button size="small" onClick={() => onSwitch(note.optionId)}>
              {t.switchYear(note.year)}
            </Button>
          </div>
        </Notice>
      );
  }
}

/** Goes to a finding's cell through the pane's select-cell action. */
function selectTarget(allocation: Allocation, target: CellTarget): Promise<void> {
  if (!target.sheet || !target.cell) return Promise.resolve();
  return allocation.selectIssue({
    severity: "notice",
    code: "verify",
    sheet: target.sheet,
    cell: target.cell,
    message: { sv: "", en: "" },
  });
}

/** An error detail in a sentence: the adapter's own sentence as it is, else `wrap`'s. */
function say(detail: ErrorDetail, lang: Lang, wrap: (detail: string) => string): string {
  return "sentence" in detail ? detail.sentence[lang] : wrap(detail.message);
}

function Message({
  message,
  allocation,
  lang,
  t,
}: {
  message: StatusMessage;
  allocation: Allocation;
  lang: Lang;
  t: Strings;
}) {
  const styles = useStyles();
  switch (message.kind) {
    case "written":
      return (
        <Notice intent="success">
          {t.written(message.rows, message.sheet)}
          {message.notices?.map((n, i) => (
            <Caption as="p" key={i} className={styles.hint}>
              {n[lang]}
            </Caption>
          ))}
          <div className={styles.inline}>
            <Button size="small" onClick={() => void allocation.goToSheet(message.sheet)}>
              {t.goToSummary(message.sheet)}
            </Button>
          </div>
          <Caption as="p" className={styles.hint}>
            {t.undoNote}
          </Caption>
        </Notice>
      );
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
    case "ruleSheetLoaded":
      return (
        <Notice intent="info">{ruleSheetStrings(lang).loaded(message.year, message.sheet)}</Notice>
      );
    case "verified":
      return (
        <VerificationNotice
          verification={message.verification}
          lang={lang}
          onSelect={(target) => void selectTarget(allocation, target)}
        />
      );
    case "verifyError":
      return (
        <Notice intent="error">
          {say(message.detail, lang, verifyStrings(lang).verifyFailed)}
        </Notice>
      );
    case "handEdits":
      return (
        <HandEditsConfirm
          edits={message.edits}
          lang={lang}
          onSelect={(target) => void selectTarget(allocation, target)}
          onReplace={() => void allocation.write(message.edits)}
          onCancel={allocation.cancelWrite}
        />
      );
    case "writeCancelled":
      return <Notice intent="info">{verifyStrings(lang).writeCancelled}</Notice>;
  }
}
