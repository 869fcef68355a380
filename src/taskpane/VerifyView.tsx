/**
 * Kontrollera's answer in plain words ("Allt stämmer", or the findings grouped by kind, each
 * going to its cell with was → now), and the confirm step before a write replaces hand edits.
 */
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding, FindingKind, Verification } from "../app/verify";
import type { Lang } from "../domain/ruleSet";
import { quoteSheet } from "../workbook/a1";
import type { Issue } from "../workbook/types";
import { issueLine } from "./IssueList";
import { Notice } from "./Notice";
import { Caption, LinkButton } from "./ui";
import { verifyStrings } from "./verifyText";

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  group: { margin: `${tokens.spacingVerticalXS} 0 0`, fontWeight: tokens.fontWeightSemibold },
  inline: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginTop: "4px" },
});

const ORDER: FindingKind[] = ["amount", "input", "ownEdit", "rules", "settings", "inputErrors"];

export interface CellTarget {
  sheet?: string;
  cell?: string;
}

function FindingLine({
  finding,
  lang,
  onSelect,
}: {
  finding: Finding;
  lang: Lang;
  onSelect(target: CellTarget): void;
}) {
  const where = finding.sheet && finding.cell ? `${quoteSheet(finding.sheet)}!${finding.cell}` : "";
  const text = where ? `${where}: ${finding.message[lang]}` : finding.message[lang];
  return where ? <LinkButton onClick={() => onSelect(finding)}>{text}</LinkButton> : <>{text}</>;
}

function Findings({
  findings,
  lang,
  onSelect,
}: {
  findings: readonly Finding[];
  lang: Lang;
  onSelect(target: CellTarget): void;
}) {
  const styles = useStyles();
  const v = verifyStrings(lang);
  return (
    <>
      {ORDER.filter((k) => findings.some((f) => f.kind === k)).map((kind) => (
        <div key={kind} data-testid={`verify-${kind}`}>
          <p className={styles.group}>{v.kind[kind]}</p>
          <ul className={styles.list}>
            {findings
              .filter((f) => f.kind === kind)
              .map((f, i) => (
                <li key={i}>
                  <FindingLine finding={f} lang={lang} onSelect={onSelect} />
                </li>
              ))}
          </ul>
        </div>
      ))}
    </>
  );
}

export function VerificationNotice({
  verification,
  lang,
  onSelect,
}: {
  verification: Verification;
  lang: Lang;
  onSelect(target: CellTarget): void;
}) {
  const styles = useStyles();
  const v = verifyStrings(lang);
  if (verification.kind === "notWritten") {
    return (
      <Notice intent="info" title={v.verifyHeading}>
        <span data-testid="verify-result">{verification.message[lang]}</span>
      </Notice>
    );
  }
  if (verification.holds) {
    return (
      <Notice intent="success" title={v.verifyHeading}>
        <span data-testid="verify-result">{v.allGood}</span>
      </Notice>
    );
  }
  const errors: Issue[] = verification.issues.filter((i) => i.severity === "error");
  return (
    <Notice intent="warning" title={v.verifyHeading}>
      <span data-testid="verify-result">{v.notAllGood(verification.findings.length)}</span>
      <Findings findings={verification.findings} lang={lang} onSelect={onSelect} />
      {errors.length > 0 && (
        <ul className={styles.list} data-testid="verify-issues">
          {errors.map((issue, i) => (
            <li key={i}>
              {issue.sheet && issue.cell ? (
                <LinkButton onClick={() => onSelect(issue)}>{issueLine(issue, lang)}</LinkButton>
              ) : (
                issueLine(issue, lang)
              )}
            </li>
          ))}
        </ul>
      )}
    </Notice>
  );
}

/** "Ersätt ändringarna" / "Avbryt": the write waits for the user's word. */
export function HandEditsConfirm({
  edits,
  lang,
  onSelect,
  onReplace,
  onCancel,
}: {
  edits: readonly Finding[];
  lang: Lang;
  onSelect(target: CellTarget): void;
  onReplace(): void;
  onCancel(): void;
}) {
  const styles = useStyles();
  const v = verifyStrings(lang);
  return (
    <Notice intent="warning" title={v.handEditsTitle(edits.length)}>
      <ul className={styles.list} data-testid="hand-edits">
        {edits.map((e, i) => (
          <li key={i}>
            {e.sheet && e.cell ? (
              <LinkButton onClick={() => onSelect(e)}>
                {`${quoteSheet(e.sheet)}!${e.cell}: ${v.wasNow(e.was ?? "", e.now ?? "")}`}
              </LinkButton>
            ) : (
              e.message[lang]
            )}
          </li>
        ))}
      </ul>
      <Caption as="p">{v.handEditsBody}</Caption>
      <div className={styles.inline}>
        <Button size="small" appearance="primary" onClick={onReplace}>
          {v.replaceEdits}
        </Button>
        <Button size="small" onClick={onCancel}>
          {v.cancel}
        </Button>
      </div>
    </Notice>
  );
}
