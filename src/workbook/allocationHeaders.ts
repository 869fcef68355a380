/**
 * The headers of the allocation columns the tool writes beside the region table, in one place
 * for the planner that writes them and the readers that must recognise them again.
 *
 * The cells below them carry the kronor format ('#,##0 "kr"': "1 881 999 kr"), so the headers
 * no longer say "(kr)" (issue 13): "Block 1 – Redovisa antal AT", "Summa". Workbooks written by
 * earlier versions have "Block 1 – Redovisa antal AT (kr)" and "Summa (kr)"; both forms are read.
 *
 * A block's name alone may read like an input ("Efter folkmängd" names the population), and the
 * "(kr)" used to keep the region table's reader off such a column. The reader now skips every
 * header that is one of the rule set's block names instead (`isAllocationHeader`), with or
 * without "(kr)" and a " (2)" the planner adds for a name the table already has.
 */
import type { Lang } from "../domain/ruleSet";

/** What earlier versions put after every kronor header. */
const LEGACY_UNIT = " (kr)";

export const blockHeader = (name: string): string => name;

export const totalHeaderText = (lang: Lang): string => (lang === "sv" ? "Summa" : "Total");

const TOTAL_HEADERS = ["Summa", "Total"];

/** "Block 1 – Redovisa antal AT (2)" → "Block 1 – Redovisa antal AT" (the planner's de-duplication). */
export const unnumbered = (h: string): string => h.replace(/ \(\d+\)$/, "");

/** The header without the unit earlier versions wrote: "Summa (kr)" → "Summa". */
const withoutLegacyUnit = (h: string): string =>
  h.endsWith(LEGACY_UNIT) ? h.slice(0, -LEGACY_UNIT.length) : h;

/** The header as written, back to the plain name: numbering and "(kr)" removed. */
export function plainHeader(h: string): string {
  return withoutLegacyUnit(unnumbered(h.trim()));
}

/** Whether a written header is the column of the block with these names (either language, old or new form). */
export function isBlockHeader(h: string, name: { sv: string; en: string }): boolean {
  const p = plainHeader(h);
  return p === blockHeader(name.sv) || p === blockHeader(name.en);
}

/** Whether a written header is the total column ("Summa", "Total", "Summa (kr)", "Total (kr)"). */
export function isTotalHeader(h: string): boolean {
  return TOTAL_HEADERS.includes(plainHeader(h));
}

/**
 * Whether a header cell of the region table is one of the tool's own kronor columns for a rule
 * set with these blocks: never an input, whatever its words seem to say.
 */
export function isAllocationHeader(
  cell: unknown,
  blocks: readonly { name: { sv: string; en: string } }[],
): boolean {
  if (typeof cell !== "string") return false;
  return blocks.some((b) => isBlockHeader(cell, b.name));
}
