/**
 * `npm run rules`: rule sets as sheets and their differences.
 *
 *   npm run rules -- export --year 2024 --out regler-2024.xlsx   a rule sheet to fill in next year
 *   npm run rules -- export --year 2024 --json                   the same rule set as JSON
 *   npm run rules -- diff --year 2024 --rules other.json|other.xlsx
 *
 * `--rules FILE` (JSON or a workbook with a rule sheet) may stand for `--year` in export.
 * Exit status: 0 done; 2 the rules cannot be read (said by path or cell); 1 anything else.
 */
import { existsSync } from "node:fs";
import ExcelJS from "exceljs";
import { diffRuleSets } from "../domain/diffRuleSets";
import { getRuleSet, SHIPPED_YEARS } from "../domain/rules";
import type { Lang, RuleSet } from "../domain/ruleSet";
import { RULE_SHEET_NAME } from "../workbook/ruleSheet/layout";
import { ruleSheetRows } from "../workbook/ruleSheet/writeRuleSheet";
import { UsageError, runAsScript } from "./args";
import { loadRulesFile } from "./loadRules";

const USAGE = `Användning / usage:
  npm run rules -- export (--year ÅR | --rules FIL) (--out REGLER.xlsx [--force] | --json) [--lang sv|en]
  npm run rules -- diff --year ÅR --rules FIL.json|FIL.xlsx [--rules-sheet BLAD] [--lang sv|en]
`;

interface RulesArgs {
  command: "export" | "diff";
  year?: number;
  rules?: string;
  rulesSheet?: string;
  out?: string;
  json: boolean;
  force: boolean;
  lang?: Lang;
}

function parse(argv: readonly string[]): RulesArgs {
  const [command, ...rest] = argv;
  if (command !== "export" && command !== "diff")
    throw new UsageError(`okänt kommando / unknown command: ${command ?? ""}`);
  const a: RulesArgs = { command, json: false, force: false };
  const seen = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (seen.has(flag)) throw new UsageError(`${flag} anges två gånger / is given twice`);
    seen.add(flag);
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${flag} saknar värde / needs a value`);
      return v;
    };
    if (flag === "--year") a.year = Number(value());
    else if (flag === "--rules") a.rules = value();
    else if (flag === "--rules-sheet") a.rulesSheet = value();
    else if (flag === "--out") a.out = value();
    else if (flag === "--json") a.json = true;
    else if (flag === "--force") a.force = true;
    else if (flag === "--lang") a.lang = value() === "en" ? "en" : "sv";
    else throw new UsageError(`okänd flagga / unknown flag: ${flag}`);
  }
  return a;
}

function shipped(year: number | undefined): RuleSet {
  const rs = year === undefined ? undefined : getRuleSet(year);
  if (!rs)
    throw new UsageError(
      `inga inbyggda regler för ${year ?? "?"} (inbyggda: ${SHIPPED_YEARS.join(", ")}) / no shipped rules for that year`,
      2,
    );
  return rs;
}

/** A new workbook holding the rule sheet, widths set for reading. */
export async function writeRuleWorkbook(rs: RuleSet, file: string, lang: Lang): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(RULE_SHEET_NAME);
  const rows = ruleSheetRows(rs, lang);
  rows.forEach((r, i) => {
    r.forEach((c, j) => {
      const cell = ws.getCell(i + 1, j + 1);
      cell.value = c.value;
      if (c.numberFormat) cell.numFmt = c.numberFormat;
      if (c.bold) cell.font = { bold: true };
    });
  });
  const widths: number[] = [];
  rows.forEach((r) =>
    r.forEach(
      (c, j) =>
        (widths[j] = Math.max(widths[j] ?? 8, Math.min(50, String(c.value ?? "").length + 2))),
    ),
  );
  widths.forEach((w, j) => (ws.getColumn(j + 1).width = w));
  await wb.xlsx.writeFile(file);
}

export async function main(
  argv: readonly string[],
  out: (s: string) => void = (s) => void process.stdout.write(s),
  err: (s: string) => void = (s) => void process.stderr.write(s),
): Promise<number> {
  let args: RulesArgs;
  try {
    args = parse(argv);
  } catch (e) {
    err(`${(e as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const lang: Lang = args.lang ?? (/^en/i.test(process.env.LANG ?? "") ? "en" : "sv");
  try {
    if (args.command === "export") {
      const rs = args.rules
        ? (await loadRulesFile(args.rules, args.rulesSheet, lang)).ruleSet
        : shipped(args.year);
      if (args.json) {
        out(JSON.stringify(rs, null, 2) + "\n");
        return 0;
      }
      if (!args.out) throw new UsageError("--out REGLER.xlsx eller --json / or --json");
      if (!/\.xlsx$/i.test(args.out))
        throw new UsageError("--out måste sluta på .xlsx / must end in .xlsx", 2);
      if (existsSync(args.out) && !args.force)
        throw new UsageError(
          `${args.out} finns redan — ange --force för att ersätta den / exists — give --force to replace it`,
          2,
        );
      await writeRuleWorkbook(rs, args.out, lang);
      err(
        lang === "sv"
          ? `Skrev regelbladet "${RULE_SHEET_NAME}" till ${args.out}\n`
          : `Wrote the rule sheet "${RULE_SHEET_NAME}" to ${args.out}\n`,
      );
      return 0;
    }
    const base = shipped(args.year);
    if (!args.rules) throw new UsageError("diff: --rules saknas / is missing");
    const other = (await loadRulesFile(args.rules, args.rulesSheet, lang)).ruleSet;
    const lines = diffRuleSets(base, other);
    const head =
      lang === "sv"
        ? `${other.year} (${args.rules}) mot ${base.year}`
        : `${other.year} (${args.rules}) against ${base.year}`;
    if (args.json)
      out(
        JSON.stringify(
          { base: base.year, other: other.year, differences: lines.map((l) => l[lang]) },
          null,
          2,
        ) + "\n",
      );
    else
      out(
        `${head}: ${lines.length === 0 ? (lang === "sv" ? "inga skillnader" : "no differences") : ""}\n${lines.map((l) => `  - ${l[lang]}`).join("\n")}${lines.length ? "\n" : ""}`,
      );
    return 0;
  } catch (e) {
    err(`${(e as Error).message}\n`);
    return e instanceof UsageError ? e.exitCode : 1;
  }
}

if (require.main === module) runAsScript(main);
