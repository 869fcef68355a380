/**
 * `npm run verify -- --in FILE.xlsx [--rules FILE] [--json] [--lang en]`: is this workbook
 * still right? (src/app/verify.ts). Changes nothing.
 *
 * Exit status: 0 everything holds; 3 something differs (each difference listed); 2 the
 * workbook cannot be read, or was never written by the tool; 1 anything else.
 */
import { verifyWorkbook } from "../app/verify";
import type { Finding } from "../app/verify";
import { getRuleSet } from "../domain/rules";
import type { Lang, RuleSet } from "../domain/ruleSet";
import { readWorkbookFile } from "../files/readWorkbookFile";
import { quoteSheet } from "../workbook/a1";
import { UsageError, runAsScript } from "./args";
import { fileIssues } from "./allocate";
import { loadRulesFile } from "./loadRules";

const USAGE = `Användning / usage:
  npm run verify -- --in FIL.xlsx [--rules REGLER.json|REGLER.xlsx [--rules-sheet BLAD]] [--json] [--lang sv|en]
`;

const HEADINGS: Record<Finding["kind"], { sv: string; en: string }> = {
  amount: { sv: "Belopp som inte följer reglerna", en: "Amounts that do not follow the rules" },
  input: { sv: "Indata ändrade sedan beräkningen", en: "Inputs changed since the run" },
  ownEdit: { sv: "Tilläggets celler ändrade för hand", en: "The add-in's cells edited by hand" },
  rules: { sv: "Regelverket", en: "The rule set" },
  settings: { sv: "Tolkningar", en: "Interpretations" },
  inputErrors: { sv: "Indata", en: "Inputs" },
};

export async function main(
  argv: readonly string[],
  out: (s: string) => void = (s) => void process.stdout.write(s),
  err: (s: string) => void = (s) => void process.stderr.write(s),
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const a: { in?: string; rules?: string; rulesSheet?: string; json: boolean; lang?: Lang } = {
    json: false,
  };
  try {
    for (let i = 0; i < argv.length; i++) {
      const f = argv[i];
      const v = () => {
        const x = argv[++i];
        if (x === undefined) throw new UsageError(`${f} saknar värde / needs a value`);
        return x;
      };
      if (f === "--in") a.in = v();
      else if (f === "--rules") a.rules = v();
      else if (f === "--rules-sheet") a.rulesSheet = v();
      else if (f === "--json") a.json = true;
      else if (f === "--lang") a.lang = v() === "en" ? "en" : "sv";
      else throw new UsageError(`okänd flagga / unknown flag: ${f}`);
    }
    if (!a.in) throw new UsageError("--in saknas / is missing");
  } catch (e) {
    err(`${(e as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const lang: Lang = a.lang ?? (/^en/i.test(env.LANG ?? "") ? "en" : "sv");
  try {
    let grid;
    try {
      grid = await readWorkbookFile(a.in);
    } catch (e) {
      const issues = fileIssues(e);
      if (!issues) throw e;
      err(`${issues.map((i) => i.message[lang]).join("; ")}\n`);
      return 2;
    }
    const year = grid.owned?.year;
    let ruleSet: RuleSet | undefined;
    if (a.rules) ruleSet = (await loadRulesFile(a.rules, a.rulesSheet, lang)).ruleSet;
    else if (year !== undefined) ruleSet = getRuleSet(year) ?? undefined;
    if (!ruleSet) {
      const v = verifyWorkbook(grid, getRuleSet(2025)!);
      if (v.kind === "notWritten") {
        err(`${a.in}: ${v.message[lang]}\n`);
        return 2;
      }
      throw new UsageError(
        lang === "sv"
          ? `inga inbyggda regler för ${year} — ange --rules`
          : `no shipped rules for ${year} — give --rules`,
        2,
      );
    }
    const v = verifyWorkbook(grid, ruleSet);
    if (v.kind === "notWritten") {
      err(`${a.in}: ${v.message[lang]}\n`);
      if (a.json)
        out(
          JSON.stringify({ holds: false, written: false, message: v.message[lang] }, null, 2) +
            "\n",
        );
      return 2;
    }
    if (a.json) {
      out(
        JSON.stringify(
          {
            holds: v.holds,
            written: true,
            differences: v.findings.map((f) => ({
              kind: f.kind,
              sheet: f.sheet ?? null,
              cell: f.cell ?? null,
              was: f.was ?? null,
              now: f.now ?? null,
              message: f.message[lang],
            })),
            issues: v.issues
              .filter((i) => i.severity === "error")
              .map((i) => ({ cell: i.cell ?? null, message: i.message[lang] })),
          },
          null,
          2,
        ) + "\n",
      );
    } else if (v.holds) {
      out(
        lang === "sv"
          ? `${a.in}: allt stämmer — beloppen följer reglerna för indata som de står, inget är ändrat sedan beräkningen.\n`
          : `${a.in}: everything holds — the amounts follow the rules for the inputs as they stand, nothing changed since the run.\n`,
      );
    } else {
      const lines: string[] = [
        lang === "sv"
          ? `${a.in}: ${v.findings.length} skillnader`
          : `${a.in}: ${v.findings.length} differences`,
      ];
      for (const kind of Object.keys(HEADINGS) as Finding["kind"][]) {
        const fs = v.findings.filter((f) => f.kind === kind);
        if (fs.length === 0) continue;
        lines.push(`\n${HEADINGS[kind][lang]} (${fs.length})`);
        for (const f of fs)
          lines.push(
            `  ${f.cell ? `${quoteSheet(f.sheet ?? "")}!${f.cell}: ` : ""}${f.message[lang]}`,
          );
      }
      out(lines.join("\n") + "\n");
    }
    return v.holds ? 0 : 3;
  } catch (e) {
    err(`${(e as Error).message}\n`);
    return e instanceof UsageError ? e.exitCode : 1;
  }
}

if (require.main === module) runAsScript(main);
