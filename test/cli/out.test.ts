/**
 * The command line's own refusals (issue 8): `--out` never over `--in` (by any path), an
 * existing file only with `--force`, the output's kind follows the source; a repeated flag is
 * an error; a `--set` the year has no use for is said; a rule file with a BOM loads.
 */
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CASES_DIR, runCli } from "./cases";
import { parseArgs, UsageError } from "../../src/cli/allocate";
import { fidelityParts, zipParts } from "../corpus/ooxml";
import { readAndAllocate } from "../../src/app/pipeline";
import { getRuleSet } from "../../src/domain/rules";
import { readWorkbookFile } from "../../src/files/readWorkbookFile";
import { writeWorkbookCopy } from "../../src/files/writeXlsx";
import { planWrite } from "../../src/workbook/planWrite";

const tmp = mkdtempSync(path.join(tmpdir(), "atf-out-"));
const CSV_2024 = path.join(CASES_DIR, "2024-all-regions", "input.csv");
let xlsx: string;

beforeAll(async () => {
  xlsx = path.join(tmp, "underlag.xlsx");
  writeFileSync(xlsx, await zipParts(fidelityParts()));
});

const run = (args: string[]) => runCli(["--year", "2024", ...args, "--json"]);

describe("--out is never --in", () => {
  test("the same path, another path to it, a symlink, a hard link: exit 2, untouched", async () => {
    mkdirSync(path.join(tmp, "d"));
    symlinkSync(xlsx, path.join(tmp, "länk.xlsx"));
    linkSync(xlsx, path.join(tmp, "hård.xlsx"));
    const original = readFileSync(xlsx);
    for (const out of [
      xlsx,
      path.join(tmp, "d", "..", "underlag.xlsx"),
      path.join(tmp, "länk.xlsx"),
      path.join(tmp, "hård.xlsx"),
    ]) {
      const r = await run(["--in", xlsx, "--out", out, "--force"]);
      expect({ out, code: r.code }).toEqual({ out, code: 2 });
      expect(r.stderr).toMatch(/samma fil som --in/);
      expect(r.stdout).toBe("");
    }
    expect(readFileSync(xlsx).equals(original)).toBe(true);
  });
});

test("--out in a folder that does not exist, or cannot be written: exit 2 and a sentence", async () => {
  const r = await run(["--in", xlsx, "--out", path.join(tmp, "finns-inte", "ut.xlsx")]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/mappen .* finns inte/);
});

test("a copy that cannot be written is a sentence, not the system's error", async () => {
  const file = path.join(tmp, "en-fil");
  writeFileSync(file, "x");
  const grid = await readWorkbookFile(xlsx);
  const ruleSet = getRuleSet(2024)!;
  const outcome = readAndAllocate(grid, ruleSet, {});
  const plan = planWrite({
    workbook: grid,
    read: outcome.read!,
    result: outcome.result!,
    issues: [],
    lang: "sv",
    now: new Date("2024-05-02T09:30:00Z"),
    sourceName: "underlag.xlsx",
    ruleSet,
  });
  // A path below a file: no folder can be there, whoever runs the test.
  await expect(
    writeWorkbookCopy({ path: xlsx, grid }, path.join(file, "ut.xlsx"), plan),
  ).rejects.toMatchObject({
    code: "file.write",
    text: { sv: expect.stringMatching(/kan inte skriva .*ingenting har skrivits/) },
  });
});

describe("an existing --out", () => {
  test("is refused without --force, replaced with it", async () => {
    const out = path.join(tmp, "finns.xlsx");
    writeFileSync(out, "mitt");
    const refused = await run(["--in", xlsx, "--out", out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/finns redan — ange --force/);
    expect(readFileSync(out, "utf8")).toBe("mitt");
    const forced = await run(["--in", xlsx, "--out", out, "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });
});

describe("the output's kind follows the source", () => {
  test.each([
    ["an .xlsx as .xlsm", "underlag.xlsx", "ut.xlsm"],
    ["an .xlsm as .xlsx", "underlag.xlsm", "ut.xlsx"],
    ["a CSV as .csv", "input.csv", "ut.csv"],
  ])("%s is refused", async (_what, from, to) => {
    const src = path.join(tmp, from);
    if (!existsSync(src)) {
      if (from.endsWith(".csv")) copyFileSync(CSV_2024, src);
      else writeFileSync(src, await zipParts(fidelityParts({ xlsm: from.endsWith(".xlsm") })));
    }
    const out = path.join(tmp, to);
    const r = await run(["--in", src, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/skrivs som \.xls[xm]/);
    expect(existsSync(out)).toBe(false);
  });

  test("a CSV becomes an .xlsx", async () => {
    const out = path.join(tmp, "från-csv.xlsx");
    const r = await run(["--in", CSV_2024, "--out", out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });
});

describe("repeated flags", () => {
  test.each([
    [["--in", "a.csv", "--in", "b.csv"]],
    [["--out", "a.xlsx", "--out=b.xlsx"]],
    [["--set", "range=lower", "--set", "range=upper"]],
    [["--year", "2024", "--year", "2022"]],
  ])("%p is an error, exit 2", async (argv) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    const r = await runCli([...argv, "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/anges två gånger/);
  });

  test("different --set keys are fine", () => {
    expect(parseArgs(["--set", "range=lower", "--set", "rounding=half-up"]).set).toEqual({
      range: "lower",
      rounding: "half-up",
    });
  });
});

describe("--set for a year without such values is said, not ignored", () => {
  test("range=upper for 2025 (no planned values that year): a warning", async () => {
    const csv = path.join(CASES_DIR, "2025-two-without-forecast", "input.csv");
    const plain = await runCli(["--year", "2025", "--in", csv, "--json"]);
    const r = await runCli(["--year", "2025", "--in", csv, "--set", "range=upper", "--json"]);
    expect(r.code).toBe(plain.code);
    const warning = JSON.parse(r.stdout).issues.find(
      (i: { code: string }) => i.code === "settings.unused",
    );
    expect(warning).toMatchObject({ severity: "warning" });
    expect(warning.message).toMatch(/range=upper gäller inte.*inga planerade värden/);
    expect(JSON.parse(r.stdout).regions).toEqual(JSON.parse(plain.stdout).regions);
  });

  test("range=upper for 2024 has its effect and no such warning", async () => {
    const r = await run(["--in", CSV_2024, "--set", "range=upper"]);
    expect(
      JSON.parse(r.stdout).issues.some((i: { code: string }) => i.code === "settings.unused"),
    ).toBe(false);
  });
});

test("a rule file with a UTF-8 BOM loads", async () => {
  const rules = path.join(tmp, "bom.json");
  const json = readFileSync(path.resolve(__dirname, "../../src/domain/rules/2024.json"), "utf8");
  writeFileSync(rules, "\uFEFF" + json);
  const r = await runCli(["--rules", rules, "--in", CSV_2024, "--json"]);
  expect(r.code).toBe(0);
  const shipped = await run(["--in", CSV_2024]);
  expect(JSON.parse(r.stdout).regions).toEqual(JSON.parse(shipped.stdout).regions);
});
