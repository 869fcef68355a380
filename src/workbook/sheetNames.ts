/** Sheet names Excel accepts, made unique the way Excel itself numbers copies: "Mall (2)". */

/** At most 31 characters, none of : \ / ? * [ ], no apostrophe at either end, not empty. */
export function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, "_")
    .replace(/^'+|'+$/g, "")
    .slice(0, 31)
    .trim();
  return cleaned === "" ? "Blad1" : cleaned;
}

/** `name` made safe, with " (2)", " (3)" … where a sheet of that name exists (case-insensitive). */
export function uniqueSheetName(name: string, existing: readonly string[]): string {
  const base = safeSheetName(name);
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = base.slice(0, 31 - suffix.length).trimEnd() + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
