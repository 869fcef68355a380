/**
 * The command line (IO.md, "Command line"): the same reader, engine and writer as the add-in,
 * on .xlsx and .csv files.
 *
 *   npm run allocate -- --year 2024 --in regions.xlsx [--sheet Blad1] [--out result.xlsx]
 *                       [--json] [--set KEY=VALUE ...] [--rules FILE.json] [--lang sv|en]
 *
 * Exit status: 0 done; 2 the input has errors, or the file cannot be read or written as
 * asked (a sentence says why); 1 anything else.
 */
import { basename } from "node:path";
import { getRuleSet, SHIPPED_YEARS } from "../domain/rules";
import type { Lang, RuleSet } from "../domain/ruleSet";
import { readAndAllocate, settingsProblems } from "../app/pipeline";
import type { ReadOutcome } from "../app/pipeline";
import { FileReadError, FileReadErrors } from "../files/fileErrors";
import { readWorkbookFile } from "../files/readWorkbookFile";
import { quoteSheet } from "../workbook/a1";
import type { Issue, WorkbookGrid } from "../workbook/types";
import { chooseLang, parseArgs, USAGE, UsageError, runAsScript } from "./args";
import type { CliArgs } from "./args";
import { loadRulesFile, ruleSheetOrigin } from "./loadRules";

/** Where the rules came from, for the summary, when they were read from a rule sheet. */
function rulesFromSheet(ruleSet: RuleSet): { rulesFrom?: string } {
  const o = ruleSheetOrigin(ruleSet);
  return o ? { rulesFrom: `${basename(o.file)} – ${o.name}` } : {};
}
import { checkOutPath } from "./outPath";
import { toJson, toText } from "./report";

export { chooseLang, parseArgs, UsageError } from "./args";
export type { CliArgs } from "./args";
export { toJson, toText } from "./report";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** The clock, for the summary sheet's "when it ran". */
  now: () => Date;
}

const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  now: () => new Date(),
};

export async function loadRuleSet(args: CliArgs, lang: Lang = "sv"): Promise<RuleSet> {
  if (args.rules) {
    const { ruleSet } = await loadRulesFile(args.rules, args.rulesSheet, lang);
    if (args.year !== undefined && ruleSet.year !== args.year) {
      throw new UsageError(
        `--rules gäller ${ruleSet.year}, men --year är ${args.year} / the rules are for ${ruleSet.year}, but --year is ${args.year}`,
      );
    }
    return ruleSet;
  }
  if (args.year === undefined) throw new UsageError("--year saknas / is missing");
  const ruleSet = getRuleSet(args.year);
  if (!ruleSet) {
    throw new UsageError(
      `inga regler för ${args.year} (inbyggda: ${SHIPPED_YEARS.join(", ")}; ange --rules) / no rules for ${args.year}`,
    );
  }
  return ruleSet;
}

/** File errors as issues: with their sheet and cell where they have one. */
export function fileIssues(err: unknown): Issue[] | null {
  const list =
    err instanceof FileReadErrors ? err.errors : err instanceof FileReadError ? [err] : null;
  if (!list) return null;
  return list.map((e) => ({
    severity: "error" as const,
    code: e.code,
    ...(e.where.sheet ? { sheet: e.where.sheet } : {}),
    ...(e.where.cell ? { cell: e.where.cell } : {}),
    message: e.text,
  }));
}

function emptyOutcome(issues: Issue[]): ReadOutcome {
  return { read: null, result: null, issues, hasErrors: true };
}

/** Plans the write and writes the copy; the issues of a refusal are returned (nothing written). */
async function writeOut(
  args: CliArgs & { in: string; out: string },
  grid: WorkbookGrid,
  outcome: ReadOutcome,
  ruleSet: RuleSet,
  issues: Issue[],
  lang: Lang,
  io: CliIo,
): Promise<Issue[]> {
  if (!outcome.read || !outcome.result) return [];
  // Hand corrections in our own cells are replaced only when asked (--replace-edits).
  const { handEdits } = await import("../app/verify");
  const edits = handEdits(grid);
  if (edits.length > 0 && !args.replaceEdits) {
    io.stderr(
      lang === "sv"
        ? `Skriver inte ${args.out}: ${edits.length} av tilläggets celler är ändrade för hand — ange --replace-edits för att ersätta dem\n`
        : `Not writing ${args.out}: ${edits.length} of the add-in's cells were edited by hand — give --replace-edits to replace them\n`,
    );
    return edits.map((e) => ({
      severity: "error" as const,
      code: "write.handEdit",
      ...(e.sheet ? { sheet: e.sheet } : {}),
      ...(e.cell ? { cell: e.cell } : {}),
      message: e.message,
    }));
  }
  // The writer is loaded only when asked for: reading and allocating never depend on it.
  const { planWrite } = await import("../workbook/planWrite");
  const { writeWorkbookCopy, TargetCellsError } = await import("../files/writeXlsx");
  const plan = planWrite({
    workbook: grid,
    read: outcome.read,
    result: outcome.result,
    issues,
    lang,
    now: io.now(),
    sourceName: basename(args.in),
    ruleSet,
    ...rulesFromSheet(ruleSet),
  });
  const refused: Issue[] = plan.conflicts.map((c) => ({
    severity: "error",
    code: "write.conflict",
    sheet: c.sheet,
    cell: c.cell,
    message: {
      sv: "cellen har ett värde som inte skrivits av AT-fördelning — töm den eller flytta tabellen",
      en: "the cell holds a value AT-fördelning did not write — clear it or move the table",
    },
  }));
  if (refused.length === 0) {
    try {
      await writeWorkbookCopy({ path: args.in, grid }, args.out, plan);
    } catch (err) {
      if (err instanceof TargetCellsError) {
        for (const c of err.cells) {
          refused.push({
            severity: "error",
            code: c.code,
            sheet: c.sheet,
            cell: c.cell,
            message: c.message,
          });
        }
      } else {
        const asIssues = fileIssues(err);
        if (!asIssues) throw err;
        refused.push(...asIssues);
      }
    }
  }
  if (refused.length > 0) {
    const cells = refused
      .filter((c) => c.cell)
      .map((c) => `${quoteSheet(c.sheet ?? "")}!${c.cell}`);
    io.stderr(
      lang === "sv"
        ? `Skriver inte ${args.out}: målcellerna är användarens: ${cells.join(", ")}\n`
        : `Not writing ${args.out}: the target cells are the user's: ${cells.join(", ")}\n`,
    );
  }
  return refused;
}

/** Runs the command line; returns the exit status. Never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    io.stderr(`${(err as Error).message}\n\n${USAGE}`);
    return err instanceof UsageError ? err.exitCode : 1;
  }
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  const lang = chooseLang(args, io.env);
  const print = (ruleSet: RuleSet, outcome: ReadOutcome, issues: Issue[]) => {
    if (args.json)
      io.stdout(JSON.stringify(toJson(ruleSet, outcome, issues, lang), null, 2) + "\n");
    else io.stdout(toText(ruleSet, outcome, issues, lang));
    const n = issues.filter((i) => i.severity === "error").length;
    if (n > 0) {
      io.stderr(
        lang === "sv" ? `${n} fel i indata (se ovan)\n` : `${n} input error(s) (see above)\n`,
      );
    }
  };
  try {
    if (!args.in) throw new UsageError("--in saknas / is missing");
    const inPath = args.in;
    const ruleSet = await loadRuleSet(args, lang);
    const problems = settingsProblems(ruleSet, args.set);
    if (problems.length > 0) {
      throw new UsageError(`--set: ${problems.map((p) => p[lang]).join("; ")}`);
    }
    if (args.out) await checkOutPath(inPath, args.out, args.force);
    let grid: WorkbookGrid;
    try {
      grid = await readWorkbookFile(inPath);
    } catch (err) {
      const asIssues = fileIssues(err);
      if (!asIssues) throw err;
      const issues = asIssues.map((i) =>
        i.sheet
          ? i
          : {
              ...i,
              message: { sv: `${inPath}: ${i.message.sv}`, en: `${inPath}: ${i.message.en}` },
            },
      );
      io.stderr(
        `${lang === "sv" ? "Kan inte läsa" : "Cannot read"} ${inPath}: ${asIssues.map((i) => i.message[lang]).join("; ")}\n`,
      );
      print(ruleSet, emptyOutcome(issues), issues);
      return 2;
    }
    if (args.sheet !== undefined && !grid.sheets.some((s) => s.name === args.sheet)) {
      throw new UsageError(
        `--sheet: ${lang === "sv" ? "bladet finns inte" : "no such sheet"}: ${args.sheet} (${grid.sheets.map((s) => s.name).join(", ")})`,
      );
    }
    const outcome = readAndAllocate(grid, ruleSet, args.set, { sheet: args.sheet });
    const issues = [...outcome.issues];
    let status = outcome.hasErrors ? 2 : 0;
    if (!outcome.hasErrors && args.out) {
      const refused = await writeOut(
        { ...args, in: inPath, out: args.out },
        grid,
        outcome,
        ruleSet,
        issues,
        lang,
        io,
      );
      if (refused.length > 0) {
        issues.push(...refused);
        status = 2;
      }
    }
    print(ruleSet, outcome, issues);
    return status;
  } catch (err) {
    io.stderr(`${(err as Error).message}\n`);
    if (err instanceof UsageError) {
      if (err.exitCode === 1) io.stderr(`\n${USAGE}`);
      return err.exitCode;
    }
    return 1;
  }
}

if (require.main === module) runAsScript(main);
