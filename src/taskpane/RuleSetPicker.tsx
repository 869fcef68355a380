/** The year picker: shipped rule sets and rule files the user loads, and what the chosen one says. */
import { useId, useRef, type ChangeEvent } from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { pick, type Lang, type RuleSet } from "../domain/ruleSet";
import type { RuleFileError, RuleSetOption } from "./allocationState";
import { formatInteger, type Strings } from "./i18n";
import { ruleSheetStrings } from "./ruleSheetText";
import { Caption, H2, SelectField } from "./ui";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  fileRow: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: "4px" },
  error: { color: tokens.colorPaletteRedForeground1 },
  info: {
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  budgets: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  amount: { fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
});

/** "223 000 000 kr" / "223,000,000 kr": the pane's one number format per language. */
function kr(amount: number, lang: Lang): string {
  return `${formatInteger(amount, lang)}\u00a0kr`;
}

export function ruleFileErrorText(error: RuleFileError, t: Strings): string {
  switch (error.kind) {
    case "notJson":
      return t.ruleFileNotJson(error.fileName, error.detail);
    case "invalid":
      return t.ruleFileInvalid(error.fileName, error.detail);
    case "unreadable":
      return t.ruleFileUnreadable(error.fileName);
  }
}

export function optionLabel(option: RuleSetOption, t: Strings, lang: Lang): string {
  if (option.sheet) return ruleSheetStrings(lang).sheetOption(option.ruleSet.year, option.sheet);
  return option.fileName
    ? t.fileOption(option.ruleSet.year, option.fileName)
    : t.shippedOption(option.ruleSet.year);
}

export interface RuleSetPickerProps {
  options: readonly RuleSetOption[];
  selectedId: string;
  ruleSet: RuleSet;
  ruleFileError: RuleFileError | null;
  disabled: boolean;
  lang: Lang;
  t: Strings;
  onSelect(id: string): void;
  onLoadFile(file: File): void;
}

export function RuleSetPicker(props: RuleSetPickerProps) {
  const { options, selectedId, ruleSet, ruleFileError, disabled, lang, t } = props;
  const styles = useStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const errorId = useId();

  const onFileChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so that loading the same (corrected) file again fires a change.
    event.target.value = "";
    if (file) props.onLoadFile(file);
  };

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <H2 id={headingId}>{t.ruleSetHeading}</H2>
      <SelectField
        label={t.yearLabel}
        hint={t.yearHint}
        value={selectedId}
        disabled={disabled}
        onChange={props.onSelect}
      >
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {optionLabel(option, t, lang)}
          </option>
        ))}
      </SelectField>
      <div className={styles.fileRow}>
        <Button
          size="small"
          disabled={disabled}
          aria-describedby={ruleFileError ? errorId : undefined}
          onClick={() => fileInput.current?.click()}
        >
          {t.loadRuleFile}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          aria-label={t.loadRuleFileInputLabel}
          hidden
          onChange={onFileChange}
        />
        {ruleFileError && (
          <Caption id={errorId} as="p" role="alert" className={styles.error}>
            {ruleFileErrorText(ruleFileError, t)}
          </Caption>
        )}
      </div>
      <div className={styles.info} data-testid="ruleset-info">
        <strong>{pick(ruleSet.title, lang)}</strong>
        <Caption>
          {t.reference}: {ruleSet.reference}
        </Caption>
        <Caption>
          {t.totalBudget}: <span className={styles.amount}>{kr(ruleSet.budget, lang)}</span>
        </Caption>
        <Caption as="p">{t.blockBudgets}:</Caption>
        <ul className={styles.budgets} aria-label={t.blockBudgets}>
          {ruleSet.blocks.map((block) => (
            <li key={block.id}>
              <Caption>
                {pick(block.name, lang)}:{" "}
                <span className={styles.amount}>{kr(block.budget, lang)}</span>
              </Caption>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
