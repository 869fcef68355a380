/**
 * Rules on a sheet of the workbook: "Regler från bladet …" finds the rule sheets among the
 * sheets read (isRuleSheet) and reads the chosen one (readRuleSheet), its problems named by
 * cell; "Skapa regelblad" writes the rule set in use on a new sheet "Regler" (or "Regler (2)").
 */
import { useState } from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { SheetPlan, WorkbookHost } from "../app/host";
import type { Lang, RuleSet } from "../domain/ruleSet";
import type { Issue, PlannedCell, SheetGrid } from "../workbook/types";
import type { RuleSheetRead } from "../workbook/ruleSheet/readRuleSheet";
import { issueLine } from "./IssueList";
import { Notice } from "./Notice";
import { LinkButton, Progress } from "./ui";
import { errorDetail } from "./useAllocation";
import { ruleSheetStrings } from "./ruleSheetText";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "4px", alignItems: "flex-start" },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  list: { margin: `${tokens.spacingVerticalXXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

/** The rule sheet's reader and writer, loaded on first use: they keep the pane's first load small. */
const ruleSheetModules = () =>
  Promise.all([
    import(/* webpackChunkName: "rulesheet" */ "../workbook/ruleSheet/readRuleSheet"),
    import(/* webpackChunkName: "rulesheet" */ "../workbook/ruleSheet/writeRuleSheet"),
    import(/* webpackChunkName: "rulesheet" */ "../workbook/ruleSheet/layout"),
  ]);

/** The rule sheet as a sheet to insert: rows padded to one width, columns wide enough to read. */
export async function planRuleSheet(ruleSet: RuleSet, lang: Lang): Promise<SheetPlan> {
  const [, { ruleSheetRows }, { RULE_SHEET_NAME }] = await ruleSheetModules();
  const rows = ruleSheetRows(ruleSet, lang);
  const width = Math.max(1, ...rows.map((r) => r.length));
  const cells: PlannedCell[][] = rows.map((r) => [
    ...r,
    ...Array.from({ length: width - r.length }, (): PlannedCell => ({ value: null })),
  ]);
  const columnWidths = Array.from({ length: width }, (_, j) =>
    Math.max(8, ...rows.map((r) => Math.min(50, String(r[j]?.value ?? "").length + 2))),
  );
  return { sheetName: RULE_SHEET_NAME, cells, columnWidths };
}

type Outcome =
  | { kind: "none" }
  | { kind: "choose"; sheets: SheetGrid[]; read: (sheet: SheetGrid) => RuleSheetRead }
  | { kind: "noRuleSheet" }
  | { kind: "issues"; sheet: string; issues: Issue[] }
  | { kind: "created"; sheet: string }
  | { kind: "error"; text: string };

export interface RuleSheetPanelProps {
  host: WorkbookHost;
  ruleSet: RuleSet;
  lang: Lang;
  disabled: boolean;
  onRuleSet(ruleSet: RuleSet, sheet: string): void;
  onSelectIssue(issue: Issue): void;
}

export function RuleSheetPanel(props: RuleSheetPanelProps) {
  const { host, ruleSet, lang, disabled } = props;
  const styles = useStyles();
  const r = ruleSheetStrings(lang);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "none" });

  const failed = (error: unknown) => {
    const d = errorDetail(error);
    setOutcome({ kind: "error", text: "sentence" in d ? d.sentence[lang] : r.failed(d.message) });
  };

  const take = (sheet: SheetGrid, readRuleSheet: (sheet: SheetGrid) => RuleSheetRead) => {
    const read = readRuleSheet(sheet);
    if (read.ruleSet) {
      setOutcome({ kind: "none" });
      props.onRuleSet(read.ruleSet, sheet.name);
    } else {
      setOutcome({ kind: "issues", sheet: sheet.name, issues: read.issues });
    }
  };

  const find = async () => {
    setBusy(true);
    try {
      const [[{ isRuleSheet, readRuleSheet }], grid] = await Promise.all([
        ruleSheetModules(),
        host.readWorkbook(),
      ]);
      const sheets = grid.sheets.filter(isRuleSheet);
      if (sheets.length === 0) setOutcome({ kind: "noRuleSheet" });
      else if (sheets.length === 1) take(sheets[0], readRuleSheet);
      else setOutcome({ kind: "choose", sheets, read: readRuleSheet });
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    setBusy(true);
    try {
      const sheet = await host.insertSheet(await planRuleSheet(ruleSet, lang));
      setOutcome({ kind: "created", sheet });
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  };

  const off = disabled || busy;
  return (
    <div className={styles.root} data-testid="rule-sheet">
      <div className={styles.row}>
        <Button size="small" disabled={off} title={r.fromSheetHint} onClick={() => void find()}>
          {r.fromSheet}
        </Button>
        <Button size="small" disabled={off} title={r.createSheetHint} onClick={() => void create()}>
          {r.createSheet}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {busy && <Progress label={r.looking} />}
        {outcome.kind === "choose" && (
          <Notice intent="info" title={r.pickSheet}>
            <div className={styles.row}>
              {outcome.sheets.map((s) => (
                <Button key={s.name} size="small" onClick={() => take(s, outcome.read)}>
                  {s.name}
                </Button>
              ))}
            </div>
          </Notice>
        )}
        {outcome.kind === "noRuleSheet" && <Notice intent="warning">{r.noRuleSheet}</Notice>}
        {outcome.kind === "issues" && (
          <Notice intent="error" title={r.sheetIssues(outcome.sheet, outcome.issues.length)}>
            <ul className={styles.list} data-testid="rule-sheet-issues">
              {outcome.issues.map((issue, i) => (
                <li key={i}>
                  {issue.sheet && issue.cell ? (
                    <LinkButton onClick={() => props.onSelectIssue(issue)}>
                      {issueLine(issue, lang)}
                    </LinkButton>
                  ) : (
                    issueLine(issue, lang)
                  )}
                </li>
              ))}
            </ul>
          </Notice>
        )}
        {outcome.kind === "created" && <Notice intent="success">{r.created(outcome.sheet)}</Notice>}
        {outcome.kind === "error" && <Notice intent="error">{outcome.text}</Notice>}
      </div>
    </div>
  );
}
