/**
 * The settings the pane passes on: one value per interpretation that applies to the rule set
 * (interpretationsFor in src/domain/interpretations.ts decides which: rounding always, range
 * where a baseline is read, overflow where a block has a ladder, then the rule set's own).
 * Passing only applicable keys keeps allocate from throwing SettingsError.
 */
import { interpretationsFor } from "../domain/interpretations";
import type { RuleSet } from "../domain/ruleSet";
import type { Settings } from "../domain/types";

/**
 * The rule set's defaults, keeping earlier choices where the new rule set offers the same key
 * and value (a user who chose half-up rounding keeps it when changing year).
 */
export function settingsFor(ruleSet: RuleSet, previous: Settings = {}): Settings {
  const settings: Settings = {};
  for (const choice of interpretationsFor(ruleSet)) {
    const kept = previous[choice.key];
    settings[choice.key] =
      kept !== undefined && choice.options.some((o) => o.value === kept) ? kept : choice.default;
  }
  return settings;
}
