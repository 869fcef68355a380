/** What a rule set needs from the table under the chosen interpretations. */
import { applyInterpretations } from "../../domain/interpretations";
import type { RuleSet } from "../../domain/ruleSet";
import type { Settings } from "../../domain/types";

/** Whether some block, under the chosen interpretations, needs AT per 100 000 inhabitants. */
export function populationNeeded(ruleSet: RuleSet, settings: Settings): boolean {
  if (ruleSet.inputs.population?.required) return true;
  // Only valid choices: bad settings are reported by the pipeline, not here.
  const values: Record<string, string> = {};
  for (const def of ruleSet.interpretations ?? []) {
    const v = settings[def.key];
    values[def.key] = v !== undefined && def.options[v] ? v : def.default;
  }
  return applyInterpretations(ruleSet, values).some((b) => {
    if (b.split?.kind === "proportional" && b.split.weight === "atPer100k") return true;
    if (b.eligible.some((c) => "measure" in c && c.measure === "atPer100k")) return true;
    const l = b.ladder;
    if (!l) return false;
    if (l.measure === "atPer100k") return true;
    return l.leftover.policy === "proportional" && l.leftover.weight === "atPer100k";
  });
}
