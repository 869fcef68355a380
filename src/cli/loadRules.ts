/**
 * `--rules FILE`: a rule-set file in JSON, or a workbook with a rule sheet (`--rules-sheet
 * NAME` where it holds more than one). Problems in the user's language: a JSON file's by path,
 * a sheet's by cell ("Regler!D7: budgeten för block 2 är inget tal").
 */
import { readFile } from "node:fs/promises";
import { parseRuleSet, RuleSetError } from "../domain/parseRuleSet";
import type { Lang, RuleSet } from "../domain/ruleSet";
import { readWorkbookFile } from "../files/readWorkbookFile";
import { quoteSheet } from "../workbook/a1";
import { isRuleSheet, readRuleSheet } from "../workbook/ruleSheet/readRuleSheet";
import { UsageError } from "./args";

export interface LoadedRules {
  ruleSet: RuleSet;
  /** Where a rule sheet came from: "regler-2026.xlsx, bladet Regler". */
  sheet?: { file: string; name: string };
}

function issueLines(
  issues: { sheet?: string; cell?: string; message: { sv: string; en: string } }[],
  lang: Lang,
): string {
  return issues
    .map((i) => `${i.sheet ? `${quoteSheet(i.sheet)}!${i.cell ?? ""}: ` : ""}${i.message[lang]}`)
    .join("\n  ");
}

const origins = new WeakMap<RuleSet, { file: string; name: string }>();

/** The workbook and sheet a rule set was read from, where it came from a rule sheet. */
export function ruleSheetOrigin(rs: RuleSet): { file: string; name: string } | undefined {
  return origins.get(rs);
}

export async function loadRulesFile(
  file: string,
  sheetName: string | undefined,
  lang: Lang,
): Promise<LoadedRules> {
  if (/\.(xlsx|xlsm)$/i.test(file)) {
    const grid = await readWorkbookFile(file);
    const sheets =
      sheetName !== undefined
        ? grid.sheets.filter((s) => s.name === sheetName)
        : grid.sheets.filter(isRuleSheet);
    if (sheets.length !== 1) {
      const names = grid.sheets.map((s) => `"${s.name}"`).join(", ");
      throw new UsageError(
        lang === "sv"
          ? `--rules ${file}: ${sheets.length === 0 ? "hittar inget regelblad" : "flera regelblad — välj ett med --rules-sheet"} (blad: ${names})`
          : `--rules ${file}: ${sheets.length === 0 ? "no rule sheet found" : "several rule sheets — choose one with --rules-sheet"} (sheets: ${names})`,
        2,
      );
    }
    const read = readRuleSheet(sheets[0]);
    if (!read.ruleSet) {
      throw new UsageError(`--rules ${file}:\n  ${issueLines(read.issues, lang)}`, 2);
    }
    origins.set(read.ruleSet, { file, name: sheets[0].name });
    return { ruleSet: read.ruleSet, sheet: { file, name: sheets[0].name } };
  }
  let json: unknown;
  try {
    // A BOM (Notepad's "UTF-8 with BOM") is no part of the JSON.
    json = JSON.parse((await readFile(file, "utf8")).replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new UsageError(
      lang === "sv"
        ? `--rules: kan inte läsa ${file}: ${(err as Error).message}`
        : `--rules: cannot read ${file}: ${(err as Error).message}`,
      2,
    );
  }
  try {
    return { ruleSet: parseRuleSet(json) };
  } catch (err) {
    if (err instanceof RuleSetError) throw new UsageError(`--rules ${file}: ${err.text[lang]}`, 2);
    throw err;
  }
}
