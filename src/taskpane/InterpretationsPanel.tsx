/** "Tolkningar": one select per interpretation that applies to the chosen rule set. */
import { useId } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { interpretationsFor } from "../domain/interpretations";
import { pick, type Lang, type RuleSet } from "../domain/ruleSet";
import type { Settings } from "../domain/types";
import type { Strings } from "./i18n";
import { Caption, H2, SelectField } from "./ui";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export interface InterpretationsPanelProps {
  ruleSet: RuleSet;
  settings: Settings;
  disabled: boolean;
  lang: Lang;
  t: Strings;
  onChange(key: string, value: string): void;
}

export function InterpretationsPanel(props: InterpretationsPanelProps) {
  const { ruleSet, settings, disabled, lang, t } = props;
  const styles = useStyles();
  const headingId = useId();
  const choices = interpretationsFor(ruleSet);
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <H2 id={headingId}>{t.interpretationsHeading}</H2>
      <Caption>{t.interpretationsIntro}</Caption>
      {choices.map((choice) => {
        const value = settings[choice.key] ?? choice.default;
        const chosen = choice.options.find((o) => o.value === value);
        return (
          <SelectField
            key={choice.key}
            label={pick(choice.description, lang)}
            // A select cuts its text at the pane's edge; the choice is also written out in full.
            hint={chosen ? pick(chosen.description, lang) : undefined}
            value={value}
            disabled={disabled}
            dataKey={choice.key}
            onChange={(value) => props.onChange(choice.key, value)}
          >
            {choice.options.map((option) => (
              <option key={option.value} value={option.value}>
                {pick(option.description, lang)}
                {option.value === choice.default ? ` ${t.defaultMark}` : ""}
              </option>
            ))}
          </SelectField>
        );
      })}
    </section>
  );
}
