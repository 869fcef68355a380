/** The golden cases of shared/cases, discovered on disk (new folders are picked up). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const CASES_DIR =
  process.env.AT_CASES_DIR ?? path.resolve(__dirname, "../../../shared/cases");

export interface GoldenCase {
  name: string;
  dir: string;
  args: string[];
  exit: number;
  note?: string;
  expected?: {
    regions: { code: string; region: string; blocks: Record<string, number>; total: number }[];
    blocks: {
      id: string;
      budget: number;
      ladder: number;
      leftover: number;
      distributed: number;
      undistributed: number;
      overflow: boolean;
    }[];
  };
  error_cells?: string[];
}

export function loadCases(): GoldenCase[] {
  if (!existsSync(CASES_DIR)) return [];
  return readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(CASES_DIR, d.name, "case.json")))
    .map((d) => {
      const dir = path.join(CASES_DIR, d.name);
      const json = JSON.parse(readFileSync(path.join(dir, "case.json"), "utf8"));
      return { name: d.name, dir, ...json } as GoldenCase;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Runs the CLI's main in-process, capturing stdout, stderr and the exit status. */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import("../../src/cli/allocate");
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    now: () => new Date("2024-05-02T09:30:00Z"),
  });
  return { code, stdout, stderr };
}
