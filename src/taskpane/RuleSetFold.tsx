/**
 * "Visa reglerna": the rule set in words, folded away until asked for. The fold is in the pane's
 * script; what it shows (RuleSetDetails.tsx) comes with the panels' chunk, rendered once opened.
 */
import { useState } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { RuleSetBody } from "./lazyPanels";
import type { RuleSetViewProps } from "./RuleSetDetails";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  summary: { cursor: "pointer", fontWeight: tokens.fontWeightSemibold },
});

const SHOW = { sv: "Visa reglerna", en: "Show the rules" } as const;

export function RuleSetDetails(props: RuleSetViewProps) {
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
