/**
 * "Visa reglerna": the rule set in words, folded away until asked for. The fold is in the pane's
 * script; what it shows (RuleSetDetails.tsx) comes with the panels' chunk, rendered once opened.
 */
import { useState } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { Lang, RuleSet } from "../domain/ruleSet";
import type { RuleSetOption } from "./allocationState";
import type { Strings } from "./i18n";
import { RuleSetBody } from "./lazyPanels";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  summary: { cursor: "pointer", fontWeight: tokens.fontWeightSemibold },
});

const SHOW = { sv: "Visa reglerna", en: "Show the rules" } as const;

export function RuleSetDetails(props: {
  ruleSet: RuleSet;
  options: readonly RuleSetOption[];
  selectedId: string;
  lang: Lang;
  t: Strings;
}) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <details
      className={styles.root}
      data-testid="rules-view"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary className={styles.summary}>{SHOW[props.lang]}</summary>
      {open && <RuleSetBody {...props} />}
    </details>
  );
}
