/** The command line's arguments (IO.md, "Command line"). */
import type { Lang } from "../domain/ruleSet";
import { SHIPPED_YEARS } from "../domain/rules";
import type { Settings } from "../domain/types";

export interface CliArgs {
  year?: number;
  in?: string;
  sheet?: string;
  out?: string;
  json: boolean;
  set: Settings;
  rules?: string;
  /** The rule sheet to read in a --rules workbook with more than one. */
  rulesSheet?: string;
  lang?: Lang;
  /** --force: --out may replace an existing file (never --in). */
  force: boolean;
  /** --replace-edits: hand corrections in the add-in's own cells may be replaced. */
  replaceEdits?: boolean;
  help: boolean;
}

export class UsageError extends Error {
  /** 1 for a malformed command line; 2 for one that asks what cannot be done with the input. */
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

export const USAGE = `Användning / usage:
  npm run allocate -- --year ÅR --in FIL.xlsx|FIL.csv [--sheet BLAD] [--out UT.xlsx [--force] [--replace-edits]] [--json]
                      [--set NYCKEL=VÄRDE ...] [--rules REGLER.json|REGLER.xlsx [--rules-sheet BLAD]] [--lang sv|en]

  --year     år (${SHIPPED_YEARS.join(", ")}), eller det år --rules anger
  --in       regiontabellen: .xlsx eller .csv (UTF-8, ; eller , som avgränsare)
  --sheet    bladet att läsa (annars det aktiva bladet)
  --out      skriv en kopia med fördelningskolumner och ett sammanfattningsblad
             (.xlsx/.xlsm som källan; från en .csv blir det .xlsx)
  --force    --out får ersätta en befintlig fil (aldrig --in)
  --replace-edits  ersätt tilläggets celler även där någon ändrat dem för hand
  --json     skriv resultatet som JSON på standard ut (och inget annat där)
  --set      tolkning, t.ex. range=lower, rounding=half-up, block1-2022=rate
  --rules    en regelfil (JSON) eller en arbetsbok med ett regelblad i stället för årets inbyggda regler
  --lang     språk för texter: sv (standard) eller en

Exit: 0 klart, 2 fel i indata, 1 annat fel.
`;

/** Parses the arguments; throws UsageError on anything it cannot take. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { json: false, set: {}, force: false, help: false };
  const seen = new Set<string>();
  const takesValue = new Set([
    "--year",
    "--in",
    "--sheet",
    "--out",
    "--set",
    "--rules",
    "--rules-sheet",
    "--lang",
  ]);
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
    if (flag === "--force") {
      args.force = true;
      continue;
    }
    if (flag === "--replace-edits") {
      args.replaceEdits = true;
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
    if (flag !== "--set") {
      if (seen.has(flag)) {
        throw new UsageError(
          `${flag} anges två gånger — ange det en gång / ${flag} is given twice — give it once`,
          2,
        );
      }
      seen.add(flag);
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
      case "--rules-sheet":
        args.rulesSheet = value;
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
        const key = value.slice(0, k).trim();
        if (Object.prototype.hasOwnProperty.call(args.set, key)) {
          throw new UsageError(
            `--set ${key} anges två gånger — ange det en gång / --set ${key} is given twice — give it once`,
            2,
          );
        }
        // An own property whatever the key ("__proto__" included): unknown keys are named later.
        Object.defineProperty(args.set, key, {
          value: value.slice(k + 1).trim(),
          enumerable: true,
          writable: true,
          configurable: true,
        });
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

/** Runs a command's main as the script it was started as: its status becomes the exit code. */
export function runAsScript(main: (argv: readonly string[]) => Promise<number>): void {
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
