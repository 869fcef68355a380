/** The allocation engine (being written): allocate(ruleSet, inputs, settings). */
import type { RuleSet } from "./ruleSet";
import type { AllocationResult, RegionInput, Settings } from "./types";

export function allocate(
  _ruleSet: RuleSet,
  _inputs: readonly RegionInput[],
  _settings: Settings = {},
): AllocationResult {
  throw new Error("not yet");
}
