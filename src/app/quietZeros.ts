/**
 * Quiet zeros: a region of the table that gets 0 kr in a block because a cell it needs is
 * blank (AT not reported, no forecast entered) moves money without anything looking wrong. Each
 * such region gets one warning that the task pane states in its status line, naming the blocks
 * and the blank cells: "Halland deltar inte i block 1 och 2: AT 2024 saknas i D14".
 */
import { applyInterpretations, resolveSettings } from "../domain/interpretations";
import type { Condition, RuleSet, Text } from "../domain/ruleSet";
import type { AllocationResult, Settings } from "../domain/types";
import { toA1 } from "../workbook/a1";
import { isBlank } from "../workbook/cellValues";
import { workbookCell } from "../workbook/read/grid";
import { fieldLabel } from "../workbook/headers";
import type { Issue, RegionTableRead, WorkbookGrid } from "../workbook/types";

/** "block 1 och 2" from block names "Block 1 – …", "Block 2 – …". */
function blockList(names: Text[], lang: "sv" | "en"): string {
  const short = names.map((n) => {
    const m = /^(block|Block)\s+(\S+)/.exec(n[lang]);
    return m ? m[2] : n[lang];
  });
  const and = lang === "sv" ? " och " : " and ";
  const list =
    short.length <= 1
      ? short.join("")
      : short.slice(0, -1).join(", ") + and + short[short.length - 1];
  const all = names.every((n) => /^block\s/i.test(n[lang]));
  return all ? `block ${list}` : list;
}

function inputLabel(ruleSet: RuleSet, field: string, lang: "sv" | "en"): string {
  const label = ruleSet.inputs[field]?.label?.[lang] ?? field;
  return label.replace(/\{Y\}/g, String(ruleSet.year));
}

export function quietZeroWarnings(
  workbook: WorkbookGrid,
  ruleSet: RuleSet,
  settings: Settings,
  read: RegionTableRead,
  result: AllocationResult,
): Issue[] {
  const { values } = resolveSettings(ruleSet, settings);
  const blocks = applyInterpretations(ruleSet, values);
  const rowOf = new Map(read.dataRows.filter((d) => d.code).map((d) => [d.code!, d.row]));
  const years = { year: ruleSet.year, rewardedYear: ruleSet.inputs.rewarded?.year };
  const out: Issue[] = [];
  for (const region of result.regions) {
    const row = rowOf.get(region.code);
    if (row === undefined) continue; // not in the table: the reader's own warning says so
    const lost: Text[] = [];
    const blanks = new Map<string, { field: string; cell: string }>();
    for (const block of blocks) {
      if ((region.blocks[block.id] ?? 0) !== 0) continue;
      const missing = block.eligible.filter(
        (c): c is Extract<Condition, { reported: string }> => "reported" in c,
      );
      let because = false;
      for (const c of missing) {
        const col = read.columns[c.reported];
        if (col === undefined) continue;
        if (!isBlank(workbookCell(workbook, read.sheet, row, col))) continue;
        because = true;
        blanks.set(c.reported, { field: c.reported, cell: toA1(row, col) });
      }
      if (because) lost.push(block.name);
    }
    if (lost.length === 0) continue;
    const what = [...blanks.values()];
    const first = what[0];
    const label = (lang: "sv" | "en") =>
      what
        .map((w) =>
          w.field === "at"
            ? `${lang === "sv" ? "AT" : "AT posts"} ${ruleSet.year} ${lang === "sv" ? "saknas i" : "missing in"} ${w.cell}`
            : w.field === "forecast"
              ? `${fieldLabel("forecast", years)[lang]} ${lang === "sv" ? "är tom i" : "is blank in"} ${w.cell}`
              : `${inputLabel(ruleSet, w.field, lang)} ${lang === "sv" ? "saknas i" : "missing in"} ${w.cell}`,
        )
        .join(lang === "sv" ? " och " : " and ");
    out.push({
      severity: "warning",
      code: "region.quietZero",
      sheet: read.sheet,
      cell: first.cell,
      region: region.region,
      affectsAmounts: true,
      message: {
        sv: `${region.region} deltar inte i ${blockList(lost, "sv")}: ${label("sv")}`,
        en: `${region.region} takes no part in ${blockList(lost, "en")}: ${label("en")}`,
      },
    });
  }
  return out;
}
