/**
 * Why a file cannot be read or written, as a plain sentence in Swedish and English: never a
 * library's own text. The command line turns it into an issue (exit 2).
 */
import type { Text } from "../domain/ruleSet";

export class FileReadError extends Error {
  constructor(
    /** Stable machine key, e.g. "file.empty", "file.encrypted", "csv.quote". */
    readonly code: string,
    readonly text: Text,
    /** Where, when the problem is at one place: the sheet and cell (A1) or CSV row. */
    readonly where: { sheet?: string; cell?: string } = {},
  ) {
    super(text.en);
    this.name = "FileReadError";
  }
}

/** Several problems at once (a CSV file with more than one bad line). */
export class FileReadErrors extends Error {
  constructor(readonly errors: FileReadError[]) {
    super(errors.map((e) => e.message).join("; "));
    this.name = "FileReadErrors";
  }
}

/** "1.5 MB" / "812 kB" / "96 byte", the same in both languages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} kB`;
  return `${n} byte`;
}
