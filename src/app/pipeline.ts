/**
 * Read a workbook's region table, then allocate: the one path both the command line and the
 * task pane take. Nothing is allocated while an error stands (IO.md, "Bad input").
 */
import { allocate } from "../domain/engine";
import { interpretationsFor, resolveSettings, SettingsError } from "../domain/interpretations";
import { RegionIndex, SWEDISH_REGION_INDEX } from "../domain/regions";
import type { RuleSet, Text } from "../domain/ruleSet";
import type { AllocationResult, Settings } from "../domain/types";
import { readRegionTable, TABLE_NOT_FOUND } from "../workbook/readRegionTable";
import { quietZeroWarnings } from "./quietZeros";
import type { Issue, RegionTableRead, WorkbookGrid } from "../workbook/types";

export interface ReadOutcome {
  /** Null where no region table was found. */
  read: RegionTableRead | null;
  /** Null while any error stands. */
  result: AllocationResult | null;
  /** The reader's issues, then the engine's notices. */
  issues: Issue[];
  hasErrors: boolean;
}

/**
 * What is wrong with the chosen settings for this rule set (the engine's own check,
 * resolveSettings), in both languages. Empty when they are fine.
 */
export function settingsProblems(ruleSet: RuleSet, settings: Settings): Text[] {
  try {
    resolveSettings(ruleSet, settings);
    return [];
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    const choice = interpretationsFor(ruleSet).find((c) => c.key === err.key);
    const value = settings[err.key];
    if (choice) {
      const values = choice.options.map((o) => o.value).join(", ");
      return [
        {
          sv: `tolkningen ${err.key} kan inte vara "${value}" (välj ${values})`,
          en: `the interpretation ${err.key} cannot be "${value}" (choose ${values})`,
        },
      ];
    }
    const keys = interpretationsFor(ruleSet)
      .map((c) => c.key)
      .join(", ");
    return [
      {
        sv: `okänd tolkning "${err.key}" för ${ruleSet.year} (kända: ${keys})`,
        en: `unknown interpretation "${err.key}" for ${ruleSet.year} (known: ${keys})`,
      },
    ];
  }
}

/**
 * Built-in interpretations chosen for a rule set they do not apply to ("range" for a year with
 * no planning values): accepted, but said, never silently ignored.
 */
export function unusedSettings(ruleSet: RuleSet, settings: Settings): Issue[] {
  const applicable = new Set(interpretationsFor(ruleSet).map((c) => c.key));
  return Object.keys(settings)
    .filter((key) => !applicable.has(key))
    .map((key) => ({
      severity: "warning" as const,
      code: "settings.unused",
      message: {
        sv: `tolkningen ${key}=${settings[key]} gäller inte reglerna för ${ruleSet.year} och används inte${key === "range" ? " (inga planerade värden läses det året)" : ""}`,
        en: `the interpretation ${key}=${settings[key]} does not apply to the rules for ${ruleSet.year} and is not used${key === "range" ? " (no planned values are read that year)" : ""}`,
      },
    }));
}

export function readAndAllocate(
  workbook: WorkbookGrid,
  ruleSet: RuleSet,
  settings: Settings,
  options?: { sheet?: string },
): ReadOutcome {
  const settingIssues: Issue[] = settingsProblems(ruleSet, settings).map((message) => ({
    severity: "error",
    code: "settings.invalid",
    message,
  }));
  if (settingIssues.length === 0) settingIssues.push(...unusedSettings(ruleSet, settings));
  const read = readRegionTable(workbook, ruleSet, settings, options);
  const found = !read.issues.some((i) => i.code === TABLE_NOT_FOUND);
  const issues = [...settingIssues, ...read.issues];
  if (issues.some((i) => i.severity === "error")) {
    return { read: found ? read : null, result: null, issues, hasErrors: true };
  }
  let result: AllocationResult;
  try {
    result = allocate(ruleSet, read.inputs, settings);
  } catch (err) {
    // The engine refuses settings it does not know (SettingsError): an input error, not a crash.
    if (err instanceof SettingsError) {
      issues.push({
        severity: "error",
        code: "settings.invalid",
        message: { sv: err.message, en: err.message },
      });
      return { read, result: null, issues, hasErrors: true };
    }
    throw err;
  }
  const index = ruleSet.regions ? new RegionIndex(ruleSet.regions) : SWEDISH_REGION_INDEX;
  for (const n of result.notices) {
    const issue: Issue = {
      severity: n.severity,
      code: n.block ? `engine.${n.block}` : "engine",
      message: n.message,
    };
    const region = n.code ? index.byCodeOrNull(n.code) : null;
    if (region) issue.region = region.name;
    issues.push(issue);
  }
  issues.push(...quietZeroWarnings(workbook, ruleSet, settings, read, result));
  return { read, result, issues, hasErrors: false };
}
