/**
 * Which inputs a rule set needs from the table under the chosen interpretations — answered once
 * here, for the reader (which columns are required) and anyone else who asks.
 */
import { applyInterpretations } from "../interpretations";
import type { RuleSet } from "../ruleSet";
import type { Settings } from "../types";
import { ruleMeasures } from "./blocks";
import { measureOf } from "./measures";

/** Only valid choices: bad settings are reported by the pipeline, not here. */
function chosenValues(ruleSet: RuleSet, settings: Settings): Record<string, string> {
  const values: Record<string, string> = {};
  for (const def of ruleSet.interpretations ?? []) {
    const v = settings[def.key];
    values[def.key] = v !== undefined && def.options[v] ? v : def.default;
  }
  return values;
}

/** The inputs the blocks compute from: counts, "population", "baseline", "forecast". */
export function inputsUsed(ruleSet: RuleSet, settings: Settings): Set<string> {
  const used = new Set<string>();
  for (const b of applyInterpretations(ruleSet, chosenValues(ruleSet, settings))) {
    const measures = [
      ...ruleMeasures(b),
      ...b.eligible.flatMap((c) => ("measure" in c ? [c.measure] : [])),
    ];
    for (const m of measures) for (const i of measureOf(ruleSet, m).inputs) used.add(i);
    for (const c of b.eligible) if ("reported" in c) used.add(c.reported);
  }
  return used;
}

/** Whether a column is required: declared so, or needed by a block under these settings. */
export function inputNeeded(ruleSet: RuleSet, settings: Settings, input: string): boolean {
  if (ruleSet.inputs[input]?.required) return true;
  return input === "population" && inputsUsed(ruleSet, settings).has("population");
}
