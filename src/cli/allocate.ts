/**
 * The command line (IO.md, "Command line"): the same reader, engine and writer as the add-in,
 * on .xlsx and .csv files.
 *
 *   npm run allocate -- --year 2024 --in regions.xlsx [--sheet Blad1] [--out result.xlsx]
 *                       [--json] [--set KEY=VALUE ...] [--rules FILE.json] [--lang sv|en]
 *
 * Exit status: 0 done; 2 the input has errors; 1 anything else.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { formatKr } from "../domain/format";
import { parseRuleSet } from "../domain/parseRuleSet";
import { getRuleSet, SHIPPED_YEARS } from "../domain/rules";
import type { Lang, RuleSet } from "../domain/ruleSet";
import type { AllocationResult, Settings } from "../domain/types";
import { readAndAllocate, settingsProblems } from "../app/pipeline";
import type { ReadOutcome } from "../app/pipeline";
import { readWorkbookFile } from "../files/readWorkbookFile";
import { quoteSheet } from "../workbook/a1";
import { formatIssueLine, issueAddress } from "../workbook/issueText";
import type { Issue } from "../workbook/types";

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

export interface CliArgs {
  year?: number;
  in?: string;
  sheet?: string;
  out?: string;
  json: boolean;
  set: Settings;
  rules?: string;
  lang?: Lang;
  help: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const USAGE = `Användning / usage:
  npm run allocate -- --year ÅR --in FIL.xlsx|FIL.csv [--sheet BLAD] [--out UT.xlsx] [--json]
                      [--set NYCKEL=VÄRDE ...] [--rules REGLER.json] [--lang sv|en]

  --year     år (${SHIPPED_YEARS.join(", ")}), eller det år --rules anger
  --in       regiontabellen: .xlsx eller .csv (UTF-8, ; eller , som avgränsare)
  --sheet    bladet att läsa (annars det aktiva bladet)
  --out      skriv en kopia med fördelningskolumner och ett sammanfattningsblad
  --json     skriv resultatet som JSON på standard ut (och inget annat där)
  --set      tolkning, t.ex. range=lower, rounding=half-up, block1-2022=rate
  --rules    en regelfil (JSON) i stället för årets inbyggda regler
  --lang     språk för texter: sv (standard) eller en

Exit: 0 klart, 2 fel i indata, 1 annat fel.
`;

/** Parses the arguments; throws UsageError on anything it cannot take. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { json: false, set: {}, help: false };
  const takesValue = new Set(["--year", "--in", "--sheet", "--out", "--set", "--rules", "--lang"]);
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i];
    let value: string | undefined;
    const eq = flag.indexOf("=");
    if (flag.startsWith("--") && eq > 0 && takesValue.has(flag.slice(0, eq))) {
      value = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    }
    if (flag === "--json") {
      args.json = true;
      continue;
    }
    if (flag === "--help" || flag === "-h") {
      args.help = true;
      continue;
    }
    if (!takesValue.has(flag)) throw new UsageError(`okänt argument / unknown argument: ${flag}`);
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || (value.startsWith("--") && flag !== "--set")) {
        throw new UsageError(`${flag} behöver ett värde / needs a value`);
      }
    }
    switch (flag) {
      case "--year": {
        if (!/^\d{4}$/.test(value)) throw new UsageError(`--year: inget år / not a year: ${value}`);
        args.year = Number(value);
        break;
      }
      case "--in":
        args.in = value;
        break;
      case "--sheet":
        args.sheet = value;
        break;
      case "--out":
        args.out = value;
        break;
      case "--rules":
        args.rules = value;
        break;
      case "--lang":
        if (value !== "sv" && value !== "en") {
          throw new UsageError(`--lang: sv eller/or en, inte/not ${value}`);
        }
        args.lang = value;
        break;
      case "--set": {
        const k = value.indexOf("=");
        if (k <= 0) throw new UsageError(`--set: skriv NYCKEL=VÄRDE / write KEY=VALUE: ${value}`);
        args.set[value.slice(0, k).trim()] = value.slice(k + 1).trim();
        break;
      }
    }
  }
  return args;
}

/** sv unless --lang en or the environment's locale is English (LC_ALL, then LANG). */
export function chooseLang(args: CliArgs, env: Record<string, string | undefined>): Lang {
  if (args.lang) return args.lang;
  const locale = env.LC_ALL || env.LANG || "";
  return locale.toLowerCase().startsWith("en") ? "en" : "sv";
}

async function loadRuleSet(args: CliArgs): Promise<RuleSet> {
  if (args.rules) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(args.rules, "utf8"));
    } catch (err) {
      throw new UsageError(
        `--rules: kan inte läsa / cannot read ${args.rules}: ${(err as Error).message}`,
      );
    }
    let ruleSet: RuleSet;
    try {
      ruleSet = parseRuleSet(json);
    } catch (err) {
      throw new UsageError(`--rules: ${args.rules}: ${(err as Error).message}`);
    }
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

/** The issue as IO.md's JSON shows it (plus its machine code). */
function jsonIssue(issue: Issue, lang: Lang) {
  return {
    severity: issue.severity,
    cell: issueAddress(issue),
    region: issue.region ?? null,
    message: issue.message[lang],
    code: issue.code,
  };
}

/** IO.md's JSON: year, regions, blocks, interpretations, issues; then a few extra fields. */
export function toJson(
  ruleSet: RuleSet,
  outcome: ReadOutcome,
  issues: Issue[],
  lang: Lang,
): Record<string, unknown> {
  const r = outcome.result;
  return {
    year: ruleSet.year,
    regions: (r?.regions ?? []).map((x) => ({
      code: x.code,
      region: x.region,
      blocks: x.blocks,
      total: x.total,
      // Ladder measures are counts, at most with a half from a range: exact as JSON numbers.
      measures: Object.fromEntries(
        Object.entries(x.measures).map(([k, v]) => [k, v === null ? null : Number(v)]),
      ),
      trace: Object.fromEntries(Object.entries(x.trace).map(([k, v]) => [k, v[lang]])),
    })),
    blocks: (r?.blocks ?? []).map((b) => ({
      id: b.id,
      budget: b.budget,
      ladder: b.ladder,
      leftover: b.leftover,
      distributed: b.distributed,
      undistributed: b.undistributed,
      overflow: b.overflow,
      name: b.name[lang],
      explanation: b.explanation[lang],
    })),
    interpretations: (r?.interpretations ?? []).map((i) => ({
      key: i.key,
      value: i.value,
      isDefault: i.isDefault,
      description: i.description[lang],
    })),
    issues: issues.map((i) => jsonIssue(i, lang)),
    ok: r !== null,
    reference: ruleSet.reference,
    read:
      outcome.read && outcome.read.range
        ? `${quoteSheet(outcome.read.sheet)}!${outcome.read.range}`
        : null,
  };
}

function pad(text: string, width: number, right: boolean): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** "Block 1 – Redovisa antal AT" → "Block 1": a column header that fits a terminal. */
function shortName(name: string): string {
  const i = name.search(/\s[–-]\s/);
  return i > 0 ? name.slice(0, i) : name;
}

/** The readable report: amounts per region and block, block totals, interpretations, issues. */
export function toText(
  ruleSet: RuleSet,
  outcome: ReadOutcome,
  issues: Issue[],
  lang: Lang,
): string {
  const T = (sv: string, en: string) => (lang === "sv" ? sv : en);
  const lines: string[] = [];
  lines.push(`${ruleSet.title[lang]} (${ruleSet.reference})`);
  if (outcome.read && outcome.read.range) {
    lines.push(
      `${T("Läst", "Read")}: ${quoteSheet(outcome.read.sheet)}!${outcome.read.range} (${outcome.read.inputs.length} ${T("regioner", "regions")})`,
    );
  }
  const r: AllocationResult | null = outcome.result;
  if (r) {
    lines.push("");
    const headers = [
      T("Kod", "Code"),
      "Region",
      ...r.blocks.map((b) => shortName(b.name[lang])),
      T("Summa", "Total"),
    ];
    const rows = r.regions.map((x) => [
      x.code,
      x.region,
      ...r.blocks.map((b) => formatKr(x.blocks[b.id] ?? 0, lang)),
      formatKr(x.total, lang),
    ]);
    const totalRow = [
      "",
      T("Summa", "Total"),
      ...r.blocks.map((b) => formatKr(b.distributed, lang)),
      formatKr(
        r.blocks.reduce((s, b) => s + b.distributed, 0),
        lang,
      ),
    ];
    const all = [headers, ...rows, totalRow];
    const widths = headers.map((_, c) => Math.max(...all.map((row) => row[c].length)));
    const fmt = (row: string[]) =>
      row
        .map((cell, c) => pad(cell, widths[c], c >= 2))
        .join("  ")
        .trimEnd();
    lines.push(fmt(headers));
    lines.push(widths.map((w) => "-".repeat(w)).join("  "));
    for (const row of rows) lines.push(fmt(row));
    lines.push(widths.map((w) => "-".repeat(w)).join("  "));
    lines.push(fmt(totalRow));
    lines.push("");
    lines.push(T("Block", "Blocks"));
    for (const b of r.blocks) {
      lines.push(`  ${b.name[lang]}`);
      lines.push(
        `    ${T("budget", "budget")} ${formatKr(b.budget, lang)}; ${T("trappsteg", "ladder")} ${formatKr(b.ladder, lang)}; ` +
          `${T("kvarstående", "leftover")} ${formatKr(b.leftover, lang)}; ${T("fördelat", "distributed")} ${formatKr(b.distributed, lang)}; ` +
          `${T("ej fördelat", "undistributed")} ${formatKr(b.undistributed, lang)}`,
      );
      if (b.overflow) {
        lines.push(
          `    ${T("OBS: trappstegen översteg budgeten och skalades ned pro rata", "NOTE: ladder payouts exceeded the budget and were scaled down pro rata")}`,
        );
      }
    }
    if (r.interpretations.length > 0) {
      lines.push("");
      lines.push(T("Tolkningar", "Interpretations"));
      for (const i of r.interpretations) {
        lines.push(
          `  ${i.key}=${i.value}${i.isDefault ? T(" (standard)", " (default)") : ""} — ${i.description[lang]}`,
        );
      }
    }
  }
  const groups: [Issue["severity"], string][] = [
    ["error", T("Fel", "Errors")],
    ["warning", T("Varningar", "Warnings")],
    ["notice", T("Noteringar", "Notices")],
  ];
  for (const [severity, title] of groups) {
    const list = issues.filter((i) => i.severity === severity);
    if (list.length === 0) continue;
    lines.push("");
    lines.push(`${title} (${list.length})`);
    for (const i of list) lines.push(`  ${formatIssueLine(i, lang)}`);
  }
  if (!r) {
    lines.push("");
    lines.push(
      T(
        "Indata har fel — ingenting har beräknats eller skrivits. Rätta cellerna ovan och kör igen.",
        "The input has errors — nothing was computed or written. Correct the cells above and run again.",
      ),
    );
  }
  return lines.join("\n") + "\n";
}

/** Runs the command line; returns the exit status. Never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    io.stderr(`${(err as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  const lang = chooseLang(args, io.env);
  try {
    if (!args.in) throw new UsageError("--in saknas / is missing");
    const ruleSet = await loadRuleSet(args);
    const problems = settingsProblems(ruleSet, args.set);
    if (problems.length > 0) {
      throw new UsageError(`--set: ${problems.map((p) => p[lang]).join("; ")}`);
    }
    let grid;
    try {
      grid = await readWorkbookFile(args.in);
    } catch (err) {
      io.stderr(
        `${lang === "sv" ? "Kan inte läsa" : "Cannot read"} ${args.in}: ${(err as Error).message}\n`,
      );
      return 1;
    }
    if (args.sheet !== undefined && !grid.sheets.some((s) => s.name === args.sheet)) {
      throw new UsageError(
        `--sheet: ${lang === "sv" ? "bladet finns inte" : "no such sheet"}: ${args.sheet} (${grid.sheets.map((s) => s.name).join(", ")})`,
      );
    }
    const outcome = readAndAllocate(grid, ruleSet, args.set, { sheet: args.sheet });
    const issues = [...outcome.issues];
    let status = outcome.hasErrors ? 2 : 0;

    if (!outcome.hasErrors && args.out && outcome.read && outcome.result) {
      // The writer is loaded only when asked for: reading and allocating never depend on it.
      const { planWrite } = await import("../workbook/planWrite");
      const { writeWorkbookCopy } = await import("../files/writeXlsx");
      const plan = planWrite({
        workbook: grid,
        read: outcome.read,
        result: outcome.result,
        issues,
        lang,
        now: io.now(),
        sourceName: basename(args.in),
        ruleSet,
      });
      if (plan.conflicts.length > 0) {
        const cells = plan.conflicts.map((c) => `${quoteSheet(c.sheet)}!${c.cell}`);
        for (const c of plan.conflicts) {
          issues.push({
            severity: "error",
            code: "write.conflict",
            sheet: c.sheet,
            cell: c.cell,
            message: {
              sv: "cellen har ett värde som inte skrivits av AT-fördelning — töm den eller flytta tabellen",
              en: "the cell holds a value AT-fördelning did not write — clear it or move the table",
            },
          });
        }
        io.stderr(
          lang === "sv"
            ? `Skriver inte ${args.out}: målcellerna har andra värden: ${cells.join(", ")}\n`
            : `Not writing ${args.out}: the target cells hold other values: ${cells.join(", ")}\n`,
        );
        status = 2;
      } else {
        await writeWorkbookCopy({ path: args.in, grid }, args.out, plan);
      }
    }

    if (args.json)
      io.stdout(JSON.stringify(toJson(ruleSet, outcome, issues, lang), null, 2) + "\n");
    else io.stdout(toText(ruleSet, outcome, issues, lang));
    if (outcome.hasErrors) {
      const n = issues.filter((i) => i.severity === "error").length;
      io.stderr(
        lang === "sv" ? `${n} fel i indata (se ovan)\n` : `${n} input error(s) (see above)\n`,
      );
    }
    return status;
  } catch (err) {
    io.stderr(`${(err as Error).message}\n`);
    if (err instanceof UsageError) io.stderr(`\n${USAGE}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
