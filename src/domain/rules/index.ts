/** The shipped rule sets: one data file per year. Adding a year = adding a file here. */
import type { RuleSet } from "../ruleSet";
import { parseRuleSet } from "../parseRuleSet";
import r2022 from "./2022.json";
import r2024 from "./2024.json";
import r2025 from "./2025.json";

const SHIPPED: readonly RuleSet[] = [r2022, r2024, r2025].map((json) => parseRuleSet(json));

export const SHIPPED_YEARS: readonly number[] = SHIPPED.map((r) => r.year);

export function shippedRuleSets(): readonly RuleSet[] {
  return SHIPPED;
}

/** The shipped rule set of a year, or null. */
export function getRuleSet(year: number): RuleSet | null {
  return SHIPPED.find((r) => r.year === year) ?? null;
}
