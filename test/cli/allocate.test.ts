import { copyFileSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { chooseLang, parseArgs, UsageError } from "../../src/cli/allocate";
import { readXlsxFile } from "../../src/files/readXlsx";
import { CASES_DIR, runCli } from "./cases";

const CSV_2024 = path.join(CASES_DIR, "2024-all-regions", "input.csv");
const CSV_BAD = path.join(CASES_DIR, "2024-bad-input", "input.csv");
const tmp = mkdtempSync(path.join(tmpdir(), "atf-cli-"));

describe("parseArgs", () => {
  test("flags with values, = form, repeated --set", () => {
    const a = parseArgs([
      "--year=2022",
      "--in",
      "x.csv",
      "--set",
      "range=lower",
      "--set",
      "block1-2022=rate",
      "--json",
      "--lang",
      "en",
    ]);
    expect(a).toMatchObject({
      year: 2022,
      in: "x.csv",
      json: true,
      lang: "en",
      set: { range: "lower", "block1-2022": "rate" },
    });
  });

  test.each([
    [["--bogus"]],
    [["--year"]],
    [["--year", "tjugo"]],
    [["--set", "range"]],
    [["--lang", "de"]],
  ])("%p is a usage error", (argv) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
  });

  test("language: --lang, then LC_ALL, then LANG; Swedish otherwise", () => {
    const none = parseArgs([]);
    expect(chooseLang(none, {})).toBe("sv");
    expect(chooseLang(none, { LANG: "en_GB.UTF-8" })).toBe("en");
    expect(chooseLang(none, { LANG: "sv_SE.UTF-8" })).toBe("sv");
    expect(chooseLang(none, { LC_ALL: "en_US.UTF-8", LANG: "sv_SE.UTF-8" })).toBe("en");
    expect(chooseLang(parseArgs(["--lang", "sv"]), { LANG: "en_US" })).toBe("sv");
  });
});

describe("exit status 1: anything but the input's own errors", () => {
  test.each<[string, string[]]>([
    ["no --in", ["--year", "2024"]],
    ["no --year", ["--in", CSV_2024]],
    ["a year without rules", ["--year", "2019", "--in", CSV_2024]],
    ["an unknown --set key", ["--year", "2024", "--in", CSV_2024, "--set", "speed=fast"]],
    ["an unknown --set value", ["--year", "2024", "--in", CSV_2024, "--set", "range=middle"]],
    ["a 2022 key for 2024", ["--year", "2024", "--in", CSV_2024, "--set", "top3-2022=equal"]],
    ["a sheet that is not there", ["--year", "2024", "--in", CSV_2024, "--sheet", "Blad9"]],
  ])("%s", async (_what, argv) => {
    const { code, stdout, stderr } = await runCli([...argv, "--json"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).not.toBe("");
  });

  test("--set with an unknown key names it on stderr", async () => {
    const { stderr } = await runCli(["--year", "2024", "--in", CSV_2024, "--set", "speed=fast"]);
    expect(stderr).toContain('"speed"');
  });
});

describe("--json", () => {
  test("nothing but the JSON, with IO.md's fields", async () => {
    const { code, stdout } = await runCli(["--year", "2024", "--in", CSV_2024, "--json"]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out).slice(0, 5)).toEqual([
      "year",
      "regions",
      "blocks",
      "interpretations",
      "issues",
    ]);
    expect(out.regions[0]).toMatchObject({ code: "01", region: "Stockholm", total: 27349691 });
    expect(Object.keys(out.blocks[0])).toEqual(
      expect.arrayContaining([
        "id",
        "budget",
        "ladder",
        "leftover",
        "distributed",
        "undistributed",
        "overflow",
      ]),
    );
    expect(out.interpretations).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: "range", value: "midpoint" })]),
    );
    expect(out.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: "notice", cell: "input!D5", region: "Östergötland" }),
      ]),
    );
  });

  test("input errors: exit 2, issues still printed, no amounts", async () => {
    const { code, stdout } = await runCli(["--year", "2024", "--in", CSV_BAD, "--json"]);
    expect(code).toBe(2);
    const out = JSON.parse(stdout);
    expect(out.regions).toEqual([]);
    const errs = out.issues.filter((i: { severity: string }) => i.severity === "error");
    expect(errs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          cell: "input!C8",
          region: "Kalmar",
          message: '"femtio" är inget antal — ange antal AT 2024 som ett heltal',
        }),
        expect.objectContaining({ cell: "input!B12", region: "Halland" }),
      ]),
    );
  });

  test("--set changes the reading and is listed", async () => {
    const { stdout } = await runCli([
      "--year",
      "2024",
      "--in",
      CSV_2024,
      "--json",
      "--set",
      "range=lower",
    ]);
    const out = JSON.parse(stdout);
    expect(out.interpretations).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: "range", value: "lower" })]),
    );
    const notice = out.issues.find((i: { cell: string }) => i.cell === "input!D5");
    expect(notice.message).toContain("84");
  });

  test("--lang en gives English messages", async () => {
    const { stdout } = await runCli(["--year", "2024", "--in", CSV_BAD, "--json", "--lang", "en"]);
    const out = JSON.parse(stdout);
    expect(out.issues.find((i: { cell: string }) => i.cell === "input!C8").message).toBe(
      '"femtio" is not a number — enter the number of AT posts 2024 as a whole number',
    );
  });
});

describe("the readable report", () => {
  test("Swedish by default: amounts, block totals, interpretations, notices", async () => {
    const { code, stdout } = await runCli(["--year", "2024", "--in", CSV_2024]);
    expect(code).toBe(0);
    expect(stdout).toContain("Stockholm");
    expect(stdout).toContain("27\u00a0349\u00a0691\u00a0kr");
    expect(stdout).toContain("223\u00a0000\u00a0000\u00a0kr");
    expect(stdout).toContain("Tolkningar");
    expect(stdout).toContain('input!D5 (Östergötland): "84–89" läses som 86,5 (mittpunkten)');
  });

  test("English with LANG=en_*", async () => {
    const { stdout } = await runCli(["--year", "2024", "--in", CSV_2024], { LANG: "en_US.UTF-8" });
    expect(stdout).toContain("Interpretations");
    expect(stdout).toContain("27,349,691 kr".replace(" ", "\u00a0")); // English groups by commas
  });

  test("errors: listed with their cells, and nothing computed", async () => {
    const { code, stdout, stderr } = await runCli(["--year", "2024", "--in", CSV_BAD]);
    expect(code).toBe(2);
    expect(stdout).toContain('input!C8 (Kalmar): "femtio" är inget antal');
    expect(stdout).not.toContain("Tolkningar");
    expect(stderr).toContain("2 fel");
  });
});

describe("--rules", () => {
  const rulesFile = path.join(tmp, "regler-2024.json");
  copyFileSync(path.resolve(__dirname, "../../src/domain/rules/2024.json"), rulesFile);

  test("a rule-set file gives the same result as the shipped year", async () => {
    const shipped = JSON.parse(
      (await runCli(["--year", "2024", "--in", CSV_2024, "--json"])).stdout,
    );
    const fromFile = await runCli(["--rules", rulesFile, "--in", CSV_2024, "--json"]);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout).regions).toEqual(shipped.regions);
  });

  test("its year must match --year", async () => {
    const { code, stderr } = await runCli([
      "--rules",
      rulesFile,
      "--year",
      "2025",
      "--in",
      CSV_2024,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain("2024");
  });

  test("a malformed rule set is an input error: exit 2, said in the user's language", async () => {
    const bad = path.join(tmp, "trasig.json");
    writeFileSync(bad, JSON.stringify({ format: 1, year: 2024 }));
    const r = await runCli(["--rules", bad, "--in", CSV_2024]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("måste vara ett objekt");
    const notJson = path.join(tmp, "inte.json");
    writeFileSync(notJson, "{ nej");
    expect((await runCli(["--rules", notJson, "--in", CSV_2024])).code).toBe(2);
  });
});

/** The 2024 case as an .xlsx: a cover sheet first, the table on "Underlag" from B3. */
async function makeXlsx(file: string, extra?: (ws: ExcelJS.Worksheet) => void): Promise<void> {
  const lines = readFileSync(CSV_2024, "utf8")
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(";"));
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Om").getCell("A1").value = "Underlag för AT-fördelning";
  const ws = wb.addWorksheet("Underlag");
  ws.getCell("B1").value = "AT-underlag 2024";
  lines.forEach((line, r) =>
    line.forEach((v, c) => {
      ws.getCell(r + 3, c + 2).value = r > 0 && /^\d+$/.test(v) ? Number(v) : v;
    }),
  );
  extra?.(ws);
  wb.views = [
    { x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: 1, visibility: "visible" },
  ];
  await wb.xlsx.writeFile(file);
}

describe(".xlsx input", () => {
  test("the table is found on the active sheet, not at A1, and allocated", async () => {
    const file = path.join(tmp, "underlag.xlsx");
    await makeXlsx(file);
    const { code, stdout } = await runCli(["--year", "2024", "--in", file, "--json"]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.read).toBe("Underlag!B3:E24");
    expect(out.regions.find((r: { code: string }) => r.code === "14").total).toBe(39435941);
  });

  test("--sheet picks the sheet", async () => {
    const file = path.join(tmp, "underlag.xlsx");
    await makeXlsx(file);
    const { code } = await runCli(["--year", "2024", "--in", file, "--sheet", "Om", "--json"]);
    expect(code).toBe(2); // no region table there: an input error, named
  });
});

describe("--out", () => {
  test("writes a copy with the allocation columns and a summary sheet; a re-run replaces them", async () => {
    const src = path.join(tmp, "in.xlsx");
    const out = path.join(tmp, "ut.xlsx");
    await makeXlsx(src);
    const first = await runCli(["--year", "2024", "--in", src, "--out", out, "--json"]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const grid = await readXlsxFile(out);
    expect(grid.owned).toMatchObject({ sheet: "Underlag", year: 2024 });
    expect(grid.sheets.map((s) => s.name)).toContain(grid.owned!.summarySheet);
    // Reading the written copy again reads the same table, not our columns.
    const out2 = path.join(tmp, "ut2.xlsx");
    const again = await runCli(["--year", "2024", "--in", out, "--out", out2, "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).read).toBe("Underlag!B3:E24");
    expect(JSON.parse(again.stdout).regions).toEqual(JSON.parse(first.stdout).regions);
  });

  test("a user's value where the columns would go: exit 2 naming the cell, nothing written", async () => {
    const src = path.join(tmp, "krock.xlsx");
    const out = path.join(tmp, "krock-ut.xlsx");
    await makeXlsx(src, (ws) => {
      ws.getCell("G10").value = "min anteckning";
    });
    const run = await runCli(["--year", "2024", "--in", src, "--out", out, "--json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Underlag!G10");
    const issues = JSON.parse(run.stdout).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: "error", cell: "Underlag!G10" }),
      ]),
    );
    expect(existsSync(out)).toBe(false);
  });

  test("input errors: nothing is written", async () => {
    const out = path.join(tmp, "fel-ut.xlsx");
    const run = await runCli(["--year", "2024", "--in", CSV_BAD, "--out", out]);
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
