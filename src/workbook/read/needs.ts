/** What a rule set needs from the table: asked of domain/, never decided here. */
import type { RuleSet } from "../../domain/ruleSet";
import type { Settings } from "../../domain/types";
import { inputNeeded } from "../../domain/vocabulary/needs";

/** Whether some block, under the chosen interpretations, needs the population. */
export function populationNeeded(ruleSet: RuleSet, settings: Settings): boolean {
  return inputNeeded(ruleSet, settings, "population");
}
