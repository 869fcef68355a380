/**
 * The issues of a read, errors first. An issue tied to a cell is a button that selects the cell
 * (a native button: Enter and Space work, and screen readers announce it as one).
 */
import { useId } from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Lang, Text } from "../domain/ruleSet";
import { formatIssueLine, issueAddress } from "../workbook/issueText";
import type { Issue, Severity } from "../workbook/types";
import type { Strings } from "./i18n";
import { Caption, H2 } from "./ui";

const RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** Errors, then warnings, then notices; the reader's order (sheet order) within each. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => RANK[a.issue.severity] - RANK[b.issue.severity] || a.index - b.index)
    .map((x) => x.issue);
}

// Text presentation selectors (U+FE0E) keep these from turning into colour emoji.
const GLYPH: Record<Severity, string> = {
  error: "\u2716\uFE0E",
  warning: "\u26A0\uFE0E",
  notice: "\u2139\uFE0E",
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: "2px",
  },
  item: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "baseline",
    width: "100%",
    boxSizing: "border-box",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    textAlign: "start",
  },
  button: {
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "-2px",
    },
  },
  glyph: { flexShrink: 0, width: "1em", textAlign: "center" },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  notice: { color: tokens.colorNeutralForeground3 },
  severity: { fontWeight: tokens.fontWeightSemibold, flexShrink: 0 },
});

export interface IssueListProps {
  issues: readonly Issue[];
  lang: Lang;
  t: Strings;
  onSelect(issue: Issue): void;
  /** The host's own word on an issue, in place of the reader's (see AppProps.explainIssue). */
  explain?: (issue: Issue) => Text | null;
}

/** An issue's line: the host's explanation where it has one, else the reader's message. */
export function issueLine(
  issue: Issue,
  lang: Lang,
  explain?: (issue: Issue) => Text | null,
): string {
  const own = explain?.(issue);
  return formatIssueLine(own ? { ...issue, message: own } : issue, lang);
}

export function IssueList({ issues, lang, t, onSelect, explain }: IssueListProps) {
  const styles = useStyles();
  const headingId = useId();
  if (issues.length === 0) return null;
  const sorted = sortIssues(issues);
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <H2 id={headingId}>{t.issuesHeading(issues.length)}</H2>
      <Caption>{t.issuesIntro}</Caption>
      <ul className={styles.list}>
        {sorted.map((issue, i) => {
          const content = (
            <>
              <span
                aria-hidden="true"
                className={mergeClasses(styles.glyph, styles[issue.severity])}
              >
                {GLYPH[issue.severity]}
              </span>
              <span className={mergeClasses(styles.severity, styles[issue.severity])}>
                {t.severity[issue.severity]}
              </span>
              <span>{issueLine(issue, lang, explain)}</span>
            </>
          );
          const selectable = issue.sheet && issue.cell;
          return (
            <li key={`${i}:${issue.code}:${issue.cell ?? ""}`} data-severity={issue.severity}>
              {selectable ? (
                <button
                  type="button"
                  className={mergeClasses(styles.item, styles.button)}
                  title={t.selectCellHint(issueAddress(issue) ?? "")}
                  onClick={() => onSelect(issue)}
                >
                  {content}
                </button>
              ) : (
                <div className={styles.item}>{content}</div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
