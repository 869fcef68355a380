import path from "node:path";
import { main, parseMarginalArgs } from "../../src/cli/marginal";
import { UsageError } from "../../src/cli/args";
import { runCli, CASES_DIR } from "./cases";

const CSV_2024 = path.join(CASES_DIR, "2024-all-regions", "input.csv");
const CSV_BAD = path.join(CASES_DIR, "2024-bad-input", "input.csv");

async function marginal(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    now: () => new Date("2024-05-02T09:30:00Z"),
  });
  return { code, stdout, stderr };
}

describe("npm run marginal", () => {
  test("--json: IO.md's fields, each step the engine's allocation of the edited table", async () => {
    const { code, stdout, stderr } = await marginal([
      "--year",
      "2024",
      "--in",
      CSV_2024,
      "--region",
      "Halland",
      "--json",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.region).toBe("Halland");
    expect(json.steps).toHaveLength(26);
    expect(Object.keys(json.steps[0]).sort()).toEqual(
      ["at", "blocks", "delta", "perPost", "step", "total"].sort(),
    );
    const zero = json.steps.find((s: { delta: number }) => s.delta === 0);
    // The allocation itself, through allocate's own command line.
    const all = JSON.parse((await runCli(["--year", "2024", "--in", CSV_2024, "--json"])).stdout);
    const halland = all.regions.find((r: { region: string }) => r.region === "Halland");
    expect(zero.total).toBe(halland.total);
    expect(zero.blocks).toEqual(halland.blocks);
    expect(json.steps[5].at - json.steps[0].at).toBe(5);
  });

  test("--from/--to and --goal; the text report names the next step", async () => {
    const { code, stdout } = await marginal([
      "--year",
      "2024",
      "--in",
      CSV_2024,
      "--region",
      "13",
      "--from",
      "-1",
      "--to",
      "4",
      "--goal",
      "30000000",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("Halland");
    expect(stdout).toMatch(/Nästa steg \(block 2\) kräver \d+ AT till/);
    expect(stdout).toMatch(/kräver minst \d+ AT/);
    const rows = stdout.split("\n").filter((l) => /^(−1|0|\+[1-4]) /.test(l));
    expect(rows).toHaveLength(6);
  });

  test("--lang en", async () => {
    const { stdout } = await marginal([
      "--year",
      "2024",
      "--in",
      CSV_2024,
      "--region",
      "Halland",
      "--to",
      "3",
      "--lang",
      "en",
    ]);
    expect(stdout).toContain("AT today");
  });

  test("exit 2: an unknown region, named with a suggestion", async () => {
    const { code, stderr, stdout } = await marginal([
      "--year",
      "2024",
      "--in",
      CSV_2024,
      "--region",
      "Haland",
      "--json",
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("Halland");
  });

  test("exit 2: input errors, named by their cells", async () => {
    const { code, stderr, stdout } = await marginal([
      "--year",
      "2024",
      "--in",
      CSV_BAD,
      "--region",
      "Halland",
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/![A-Z]+\d+/);
  });

  test.each<[string, string[]]>([
    ["no --region", ["--year", "2024", "--in", CSV_2024]],
    [
      "--from not a number",
      ["--year", "2024", "--in", CSV_2024, "--region", "Halland", "--from", "x"],
    ],
    [
      "--from above --to",
      ["--year", "2024", "--in", CSV_2024, "--region", "Halland", "--from", "3", "--to", "1"],
    ],
    ["--out", ["--year", "2024", "--in", CSV_2024, "--region", "Halland", "--out", "x.xlsx"]],
  ])("exit 1: %s", async (_what, argv) => {
    const { code, stdout } = await marginal(argv);
    expect(code).toBe(1);
    expect(stdout).toBe("");
  });

  test("the flags parse in both forms", () => {
    expect(parseMarginalArgs(["--region=Halland", "--from", "-2", "--to=7"])).toMatchObject({
      region: "Halland",
      from: -2,
      to: 7,
    });
    expect(() => parseMarginalArgs(["--region", "A", "--region", "B"])).toThrow(UsageError);
  });
});
