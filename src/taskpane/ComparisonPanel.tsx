/**
 * What-if, the comparison (issue 10): the allocation on screen against a baseline — the one
 * last written in the workbook (readWrittenAllocation) or one the user pinned ("Fäst som
 * jämförelse") — region by region, and "Skriv jämförelse" as a new sheet.
 */
import { useMemo, useState } from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { WorkbookHost } from "../app/host";
import type { Lang, RuleSet } from "../domain/ruleSet";
import type { AllocationResult, Settings } from "../domain/types";
import { compareAllocations, type Comparison } from "../domain/whatif/compare";
import { planComparisonSheet } from "../workbook/planComparison";
import { readWrittenAllocation } from "../workbook/readWritten";
import { localTime } from "../workbook/summarySheet";
import type { Issue, RegionTableRead, WorkbookGrid } from "../workbook/types";
import { formatInteger } from "./i18n";
import { issueLine } from "./IssueList";
import { Notice } from "./Notice";
import { H2 } from "./ui";
import { errorDetail } from "./useAllocation";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  // Four columns of amounts fit a 320–350 px pane in the preview's small type, kronor named
  // once in the headers; wider, the box scrolls (focusable, for the keyboard).
  scroll: {
    overflowX: "auto",
    maxWidth: "100%",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  table: {
    borderCollapse: "collapse",
    fontVariantNumeric: "tabular-nums",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  cell: { padding: "0 0 0 6px", textAlign: "end", whiteSpace: "nowrap" },
  name: { padding: 0, textAlign: "start" },
});

/** Whole kronor without the unit (the header has it), grouped as the language writes them. */
function kr(n: number, lang: Lang): string {
  return formatInteger(n, lang);
}

/** A difference with its sign: "+9 436 999", "−120", "0". */
function signed(n: number, lang: Lang): string {
  return n > 0 ? `+${kr(n, lang)}` : n < 0 ? `\u2212${kr(-n, lang)}` : "0";
}

const W = {
  sv: {
    heading: "Jämförelse",
    pin: "Fäst som jämförelse",
    written: "Jämför med det skrivna",
    off: "Ingen jämförelse",
    writeSheet: "Skriv jämförelse",
    againstPinned: (at: string) => `Mot fördelningen som fästes ${at}:`,
    againstWritten: (at: string) => `Mot fördelningen som skrevs ${at}:`,
    noChange: "Ingen region får något annat belopp.",
    region: "Region",
    before: "Före (kr)",
    after: "Nu (kr)",
    diff: "Skillnad",
    total: "Alla regioner",
    written_: (sheet: string) => `Skrev jämförelsen på bladet ${sheet}.`,
    failed: (d: string) => `Kunde inte skriva jämförelsen: ${d}`,
    pinnedLabel: (at: string) => `Fäst ${at}`,
    writtenLabel: (at: string) => `Senast skriven ${at}`,
    nowLabel: "Förhandsvisningen",
  },
  en: {
    heading: "Comparison",
    pin: "Pin as baseline",
    written: "Compare with the written",
    off: "No comparison",
    writeSheet: "Write comparison",
    againstPinned: (at: string) => `Against the allocation pinned ${at}:`,
    againstWritten: (at: string) => `Against the allocation written ${at}:`,
    noChange: "No region gets another amount.",
    region: "Region",
    before: "Before (kr)",
    after: "Now (kr)",
    diff: "Difference",
    total: "All regions",
    written_: (sheet: string) => `Wrote the comparison on the sheet ${sheet}.`,
    failed: (d: string) => `Could not write the comparison: ${d}`,
    pinnedLabel: (at: string) => `Pinned ${at}`,
    writtenLabel: (at: string) => `Last written ${at}`,
    nowLabel: "The preview",
  },
};

type Baseline =
  { kind: "none" } | { kind: "pinned"; result: AllocationResult; at: string } | { kind: "written" };

type Shown =
  | { kind: "none" }
  | { kind: "issues"; issues: Issue[] }
  | { kind: "comparison"; comparison: Comparison; label: string; intro: string };

export interface ComparisonPanelProps {
  host: WorkbookHost;
  grid: WorkbookGrid;
  read: RegionTableRead;
  result: AllocationResult;
  ruleSet: RuleSet;
  settings: Settings;
  lang: Lang;
  disabled: boolean;
  now?: () => Date;
  onSelectIssue(issue: Issue): void;
}

export function ComparisonPanel(props: ComparisonPanelProps) {
  const { host, grid, read, result, ruleSet, settings, lang, disabled } = props;
  const styles = useStyles();
  const w = W[lang];
  const [baseline, setBaseline] = useState<Baseline>({ kind: "none" });
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const shown: Shown = useMemo(() => {
    if (baseline.kind === "none") return { kind: "none" };
    try {
      if (baseline.kind === "pinned") {
        return {
          kind: "comparison",
          comparison: compareAllocations(baseline.result, result),
          label: w.pinnedLabel(baseline.at),
          intro: w.againstPinned(baseline.at),
        };
      }
      const written = readWrittenAllocation(grid, read, result, ruleSet, settings);
      if (!written.ok) return { kind: "issues", issues: written.issues };
      // The record keeps ISO time with its offset; a reader sees Stockholm's local time.
      const stamp = new Date(written.allocation.writtenAt);
      const at = Number.isNaN(stamp.getTime())
        ? written.allocation.writtenAt
        : localTime(stamp, lang);
      return {
        kind: "comparison",
        comparison: compareAllocations(written.allocation, result),
        label: w.writtenLabel(at),
        intro: w.againstWritten(at),
      };
    } catch (error) {
      const d = errorDetail(error);
      const text = "sentence" in d ? d.sentence : { sv: d.message, en: d.message };
      return { kind: "issues", issues: [{ severity: "error", code: "compare", message: text }] };
    }
  }, [baseline, grid, read, result, ruleSet, settings, w]);

  const pin = () => {
    const at = (props.now ?? (() => new Date()))().toLocaleTimeString(
      lang === "sv" ? "sv-SE" : "en-GB",
    );
    setBaseline({ kind: "pinned", result, at });
    setNote(null);
  };

  const writeSheet = async (comparison: Comparison, label: string) => {
    setBusy(true);
    try {
      const plan = planComparisonSheet({ comparison, lang, before: label, after: w.nowLabel });
      const sheet = await host.insertSheet(plan);
      setNote({ ok: true, text: w.written_(sheet) });
    } catch (error) {
      const d = errorDetail(error);
      setNote({ ok: false, text: "sentence" in d ? d.sentence[lang] : w.failed(d.message) });
    } finally {
      setBusy(false);
    }
  };

  const changed =
    shown.kind === "comparison" ? shown.comparison.regions.filter((r) => r.diff !== 0) : [];
  return (
    <section className={styles.root} aria-label={w.heading} data-testid="comparison">
      <H2>{w.heading}</H2>
      <div className={styles.row}>
        <Button size="small" disabled={disabled} onClick={pin}>
          {w.pin}
        </Button>
        <Button size="small" disabled={disabled} onClick={() => setBaseline({ kind: "written" })}>
          {w.written}
        </Button>
        {baseline.kind !== "none" && (
          <Button size="small" onClick={() => setBaseline({ kind: "none" })}>
            {w.off}
          </Button>
        )}
      </div>
      {shown.kind === "issues" && (
        <Notice intent="warning">
          <ul className={styles.list} data-testid="comparison-issues">
            {shown.issues.map((issue, i) => (
              <li key={i}>{issueLine(issue, lang)}</li>
            ))}
          </ul>
        </Notice>
      )}
      {shown.kind === "comparison" && (
        <>
          <p data-testid="comparison-summary">
            {shown.intro} {shown.comparison.summary[lang]}
          </p>
          {changed.length === 0 ? (
            <p>{w.noChange}</p>
          ) : (
            <div className={styles.scroll} tabIndex={0} role="group" aria-label={w.heading}>
              <table className={styles.table} aria-label={w.heading}>
                <thead>
                  <tr>
                    <th className={styles.name}>{w.region}</th>
                    <th className={styles.cell}>{w.before}</th>
                    <th className={styles.cell}>{w.after}</th>
                    <th className={styles.cell}>{w.diff}</th>
                  </tr>
                </thead>
                <tbody>
                  {changed.map((r) => (
                    <tr key={r.code}>
                      <td className={styles.name}>{r.region}</td>
                      <td className={styles.cell}>{kr(r.before, lang)}</td>
                      <td className={styles.cell}>{kr(r.after, lang)}</td>
                      <td className={styles.cell}>{signed(r.diff, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className={styles.row}>
            <Button
              size="small"
              disabled={disabled || busy}
              onClick={() => void writeSheet(shown.comparison, shown.label)}
            >
              {w.writeSheet}
            </Button>
          </div>
        </>
      )}
      {note && <Notice intent={note.ok ? "success" : "error"}>{note.text}</Notice>}
    </section>
  );
}
