/**
 * What one more post is worth, from the command line (IO.md, "More commands"):
 *
 *   npm run marginal -- --year 2024 --in regions.xlsx --region Halland [--from -5] [--to 20]
 *                       [--goal KR] [--json] [--rules FILE] [--sheet BLAD] [--set K=V] [--lang en]
 *
 * The same reading and engine as `allocate`: per step the region's AT, its amount per block and
 * in total, and the ladder step reached. Exit status: 0 done; 2 the input has errors or the
 * region is not in the table; 1 anything else (a malformed command line).
 */
import { readAndAllocate } from "../app/pipeline";
import { formatKr, formatNumber } from "../domain/format";
import { RegionIndex, SWEDISH_REGION_INDEX } from "../domain/regions";
import type { Lang, RuleSet } from "../domain/ruleSet";
import {
  goalSeek,
  marginalTable,
  RegionVariations,
  type GoalSeek,
  type MarginalTable,
} from "../domain/whatif/marginal";
import { shortName } from "../domain/whatif/compare";
import { readWorkbookFile } from "../files/readWorkbookFile";
import { formatIssueLine } from "../workbook/issueText";
import { fileIssues, loadRuleSet, type CliIo } from "./allocate";
import { chooseLang, parseArgs, UsageError, runAsScript } from "./args";
import type { CliArgs } from "./args";

export const MARGINAL_USAGE = `Användning / usage:
  npm run marginal -- --year ÅR --in FIL.xlsx|FIL.csv --region NAMN [--from -5] [--to 20]
                      [--goal KRONOR] [--json] [--rules REGLER.json] [--sheet BLAD]
                      [--set NYCKEL=VÄRDE ...] [--lang sv|en]

  --region   regionen (namn eller kod) vars antal AT ändras, allt annat lika
  --from     första ändringen i AT (standard −5)
  --to       sista ändringen i AT (standard 20)
  --goal     hur många AT krävs för minst så många kronor (målsökning)
  --json     {"region", "steps": [{"delta", "at", "blocks", "total", "step"}]} på standard ut

Exit: 0 klart, 2 fel i indata eller okänd region, 1 annat fel.
`;

export interface MarginalArgs extends CliArgs {
  region?: string;
  from: number;
  to: number;
  goal?: number;
}

function wholeNumber(flag: string, value: string | undefined): number {
  if (value === undefined || !/^[+-]?\d+$/.test(value.replace(/\u2212/g, "-"))) {
    throw new UsageError(`${flag}: inget heltal / not a whole number: ${value ?? ""}`);
  }
  return Number(value.replace(/\u2212/g, "-"));
}

/** Takes marginal's own flags out, then parses the rest as `allocate` does. */
export function parseMarginalArgs(argv: readonly string[]): MarginalArgs {
  const rest: string[] = [];
  const own: Partial<Record<"--region" | "--from" | "--to" | "--goal", string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--") ? argv[i].split(/=(.*)/s, 2) : [argv[i]];
    if (flag === "--region" || flag === "--from" || flag === "--to" || flag === "--goal") {
      if (flag in own) {
        throw new UsageError(
          `${flag} anges två gånger — ange det en gång / ${flag} is given twice — give it once`,
          2,
        );
      }
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${flag} behöver ett värde / needs a value`);
      own[flag] = value;
    } else rest.push(argv[i]);
  }
  const args = parseArgs(rest);
  if (args.out) throw new UsageError("--out: marginal skriver ingen fil / writes no file");
  const from = own["--from"] === undefined ? -5 : wholeNumber("--from", own["--from"]);
  const to = own["--to"] === undefined ? 20 : wholeNumber("--to", own["--to"]);
  if (from > to) throw new UsageError(`--from ${from} > --to ${to}`);
  if (to - from > 1000) throw new UsageError("--from … --to: högst 1000 steg / at most 1000 steps");
  const out: MarginalArgs = { ...args, from, to };
  if (own["--region"] !== undefined) out.region = own["--region"];
  if (own["--goal"] !== undefined) out.goal = wholeNumber("--goal", own["--goal"]);
  return out;
}

/** IO.md's JSON, plus the next step, the money per post and the goal seek where asked. */
export function marginalJson(table: MarginalTable, lang: Lang, goal?: GoalSeek) {
  return {
    region: table.region,
    code: table.code,
    at: table.at,
    steps: table.steps.map((s) => ({
      delta: s.delta,
      at: s.at,
      blocks: s.blocks,
      total: s.total,
      step: s.step,
      perPost: s.perPost,
    })),
    next: table.next
      ? { posts: table.next.posts, gain: table.next.gain, text: table.next.text[lang] }
      : null,
    ...(goal
      ? { goal: { at: goal.at, delta: goal.delta, total: goal.total, text: goal.text[lang] } }
      : {}),
  };
}

export function marginalText(
  ruleSet: RuleSet,
  table: MarginalTable,
  lang: Lang,
  goal?: GoalSeek,
): string {
  const T = (sv: string, en: string) => (lang === "sv" ? sv : en);
  const ladders = ruleSet.blocks.filter((b) => table.steps.some((s) => b.id in s.step));
  const headers = [
    T("Ändring", "Change"),
    "AT",
    ...ruleSet.blocks.map((b) => capital(shortName(b.name[lang]))),
    T("Summa", "Total"),
    T("Per AT", "Per post"),
    ...ladders.map((b) => `${T("Steg", "Step")} ${shortName(b.name[lang])}`),
  ];
  const none = "–";
  const rows = table.steps.map((s) => [
    s.delta > 0 ? `+${s.delta}` : s.delta < 0 ? `\u2212${-s.delta}` : "0",
    formatNumber(s.at, lang),
    ...ruleSet.blocks.map((b) => formatKr(s.blocks[b.id] ?? 0, lang)),
    formatKr(s.total, lang),
    s.perPost === null ? none : (s.perPost > 0 ? "+" : "") + formatKr(s.perPost, lang),
    ...ladders.map((b) => {
      const v = s.step[b.id];
      return (
        (v === null || v === undefined ? none : formatNumber(v, lang)) + (s.newStep ? " *" : "")
      );
    }),
  ]);
  const all = [headers, ...rows];
  const widths = headers.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const fmt = (r: string[]) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join("  ")
      .trimEnd();
  const at = table.at === null ? T("ej redovisat", "not reported") : formatNumber(table.at, lang);
  const lines = [
    `${ruleSet.title[lang]} (${ruleSet.reference})`,
    `${table.region}: ${T("AT i dag", "AT today")} ${at}; ${T("allt annat lika", "all else equal")}`,
    "",
    fmt(headers),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(fmt),
    "",
  ];
  if (ladders.length > 0) lines.push(T("* nytt trappsteg", "* a new ladder step"));
  lines.push(
    table.next
      ? capital(table.next.text[lang])
      : T("Inget högre trappsteg inom tabellen", "No higher ladder step within the table"),
  );
  if (goal) lines.push(capital(goal.text[lang]));
  return lines.join("\n") + "\n";
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  now: () => new Date(),
};

/** Runs `marginal`; returns the exit status. Never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let args: MarginalArgs;
  try {
    args = parseMarginalArgs(argv);
  } catch (err) {
    io.stderr(`${(err as Error).message}\n\n${MARGINAL_USAGE}`);
    return err instanceof UsageError ? err.exitCode : 1;
  }
  if (args.help) {
    io.stdout(MARGINAL_USAGE);
    return 0;
  }
  const lang = chooseLang(args, io.env);
  try {
    if (!args.in) throw new UsageError("--in saknas / is missing");
    if (!args.region) throw new UsageError("--region saknas / is missing");
    const ruleSet = await loadRuleSet(args);
    let grid;
    try {
      grid = await readWorkbookFile(args.in);
    } catch (err) {
      const issues = fileIssues(err);
      if (!issues) throw err;
      io.stderr(
        `${lang === "sv" ? "Kan inte läsa" : "Cannot read"} ${args.in}: ${issues.map((i) => i.message[lang]).join("; ")}\n`,
      );
      return 2;
    }
    const outcome = readAndAllocate(grid, ruleSet, args.set, { sheet: args.sheet });
    if (outcome.hasErrors || !outcome.read || !outcome.result) {
      const errors = outcome.issues.filter((i) => i.severity === "error");
      for (const i of errors) io.stderr(`${formatIssueLine(i, lang)}\n`);
      io.stderr(
        lang === "sv"
          ? `${errors.length} fel i indata — ingen marginaltabell\n`
          : `${errors.length} input error(s) — no marginal table\n`,
      );
      return 2;
    }
    const index = ruleSet.regions ? new RegionIndex(ruleSet.regions) : SWEDISH_REGION_INDEX;
    const match = index.byCodeOrNull(args.region) ?? index.match(args.region);
    const def = "ok" in match ? (match.ok ? match.region : null) : match;
    const input = def ? outcome.read.inputs.find((i) => i.code === def.code) : undefined;
    if (!def || !input) {
      const hint = "ok" in match && !match.ok && match.suggestion ? match.suggestion.name : null;
      io.stderr(
        lang === "sv"
          ? `--region: ${def ? `${def.name} finns inte i tabellen` : `okänd region "${args.region}"`}${hint ? ` (menar du ${hint}?)` : ""}\n`
          : `--region: ${def ? `${def.name} is not in the table` : `unknown region "${args.region}"`}${hint ? ` (did you mean ${hint}?)` : ""}\n`,
      );
      return 2;
    }
    const variations = new RegionVariations(
      ruleSet,
      outcome.read.inputs,
      def.code,
      args.set,
      outcome.result,
    );
    const table = marginalTable(
      ruleSet,
      outcome.read.inputs,
      def.code,
      { from: args.from, to: args.to, settings: args.set },
      variations,
    );
    const goal = args.goal === undefined ? undefined : goalSeek(variations, args.goal);
    if (args.json) io.stdout(JSON.stringify(marginalJson(table, lang, goal), null, 2) + "\n");
    else io.stdout(marginalText(ruleSet, table, lang, goal));
    return 0;
  } catch (err) {
    io.stderr(`${(err as Error).message}\n`);
    if (err instanceof UsageError) {
      if (err.exitCode === 1) io.stderr(`\n${MARGINAL_USAGE}`);
      return err.exitCode;
    }
    return 1;
  }
}

if (require.main === module) runAsScript(main);
