/**
 * Every golden case of shared/cases through the command line: the exit status, every
 * region's amount per block and total, every block field; for error cases, that each
 * expected cell is named by an error issue.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { CASES_DIR, loadCases, runCli } from "./cases";

const cases = loadCases();

test("the golden cases are there", () => {
  // CI keeps shared/ beside the repository; a missing folder must not pass silently.
  expect(cases.length).toBeGreaterThanOrEqual(4);
});

interface JsonOut {
  year: number;
  regions: { code: string; region: string; blocks: Record<string, number>; total: number }[];
  blocks: Record<string, unknown>[];
  interpretations: { key: string; value: string }[];
  issues: { severity: string; cell: string | null; region: string | null; message: string }[];
}

describe.each(cases.map((c) => [c.name, c] as const))("case %s", (_name, c) => {
  test("exit status, amounts and blocks as expected", async () => {
    const { code, stdout } = await runCli([
      ...c.args,
      "--in",
      path.join(c.dir, "input.csv"),
      "--json",
    ]);
    expect(code).toBe(c.exit);
    const out = JSON.parse(stdout) as JsonOut;
    if (c.expected) {
      expect(out.regions.map((r) => r.code)).toEqual(c.expected.regions.map((r) => r.code));
      for (const want of c.expected.regions) {
        const got = out.regions.find((r) => r.code === want.code)!;
        expect({
          code: got.code,
          region: got.region,
          blocks: got.blocks,
          total: got.total,
        }).toEqual(want);
      }
      expect(out.blocks.map((b) => b.id)).toEqual(c.expected.blocks.map((b) => b.id));
      for (const want of c.expected.blocks) {
        const got = out.blocks.find((b) => b.id === want.id)!;
        for (const [k, v] of Object.entries(want))
          expect([want.id, k, got[k]]).toEqual([want.id, k, v]);
      }
    }
    if (c.error_cells) {
      const named = out.issues
        .filter((i) => i.severity === "error" && i.cell)
        .map((i) => i.cell!.replace(/^.*!/, ""));
      for (const cell of c.error_cells) {
        const options = cell.split("|");
        expect([cell, options.some((o) => named.includes(o))]).toEqual([cell, true]);
      }
    }
  });
});

test("smoke: the CLI as a separate process prints only JSON and exits as the case says", () => {
  const c = cases.find((x) => x.exit === 0) ?? cases[0];
  const root = path.resolve(__dirname, "../..");
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, "node_modules/.bin/tsx"),
      path.join(root, "src/cli/allocate.ts"),
      ...c.args,
      "--in",
      path.join(c.dir, "input.csv"),
      "--json",
    ],
    { cwd: root, encoding: "utf8", env: { ...process.env, LANG: "sv_SE.UTF-8" } },
  );
  expect(run.status).toBe(c.exit);
  const out = JSON.parse(run.stdout) as JsonOut;
  expect(out.year).toBe(Number(c.args[c.args.indexOf("--year") + 1]));
  if (c.expected) expect(out.regions).toHaveLength(c.expected.regions.length);
}, 60_000);

test("CASES_DIR resolves to the shared cases", () => {
  expect(path.basename(CASES_DIR)).toBe("cases");
});
