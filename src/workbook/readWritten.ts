/**
 * The baseline of "who gains and who loses": the allocation the tool last wrote, read back from
 * the workbook. The ownership record says where the columns are and what their headers were;
 * their values are read from the grid, row by row against the region table as read now. Every
 * cell must still hold what the tool writes — whole kronor, a total that is the sum of its
 * blocks — or the baseline is refused, naming the cell: a comparison against edited figures
 * would be a wrong amount.
 */
import { applyInterpretations, resolveSettings } from "../domain/interpretations";
import type { RuleSet, Text } from "../domain/ruleSet";
import type { AllocationResult, Settings } from "../domain/types";
import type { Comparable } from "../domain/whatif/compare";
import { parseA1, toA1 } from "./a1";
import { isBlockHeader, isTotalHeader } from "./allocationHeaders";
import { shortBlockName } from "./plannedCells";
import type { CellValue, Issue, RegionTableRead, WorkbookGrid } from "./types";

export type WrittenRead =
  { ok: true; allocation: Comparable & { writtenAt: string } } | { ok: false; issues: Issue[] };

function refuse(code: string, message: Text, sheet?: string, cell?: string): WrittenRead {
  return {
    ok: false,
    issues: [
      { severity: "error", code, message, ...(sheet ? { sheet } : {}), ...(cell ? { cell } : {}) },
    ],
  };
}

export function readWrittenAllocation(
  grid: WorkbookGrid,
  read: RegionTableRead,
  current: AllocationResult,
  ruleSet: RuleSet,
  settings: Settings = {},
): WrittenRead {
  const owned = grid.owned;
  if (!owned) {
    return refuse("baseline.none", {
      sv: "arbetsboken har ingen skriven fördelning att jämföra med",
      en: "the workbook holds no written allocation to compare with",
    });
  }
  if (owned.year !== current.year) {
    return refuse("baseline.year", {
      sv: `den skrivna fördelningen gäller ${owned.year}, inte ${current.year}`,
      en: `the written allocation is for ${owned.year}, not ${current.year}`,
    });
  }
  const sheet = grid.sheets.find((s) => s.name === owned.sheet);
  const [from, to = from] = owned.columnsRange.split(":");
  const tl = parseA1(from);
  const br = parseA1(to);
  const at = (row: number, col: number): CellValue =>
    sheet ? (sheet.values[row - sheet.top]?.[col - sheet.left] ?? null) : null;
  if (!sheet || owned.sheet !== read.sheet) {
    return refuse("baseline.moved", {
      sv: `de skrivna kolumnerna står på bladet ${owned.sheet}, regiontabellen på ${read.sheet}`,
      en: `the written columns are on the sheet ${owned.sheet}, the region table on ${read.sheet}`,
    });
  }
  const issues: Issue[] = [];
  const header = (i: number) => ({ sheet: owned.sheet, cell: toA1(tl.row, tl.col + i) });
  owned.headers.forEach((h, i) => {
    if (at(tl.row, tl.col + i) !== h) {
      issues.push({
        severity: "error",
        code: "baseline.header",
        ...header(i),
        message: {
          sv: `rubriken är inte längre "${h}" som AT-fördelning skrev — jämförelsen kan inte läsa kolumnen`,
          en: `the header is no longer "${h}" as AT-fördelning wrote it — the comparison cannot read the column`,
        },
      });
    }
  });
  // Headers as this version writes them ("Block 1 – Redovisa antal AT", "Summa") or as earlier
  // ones did ("… (kr)", "Summa (kr)"): workbooks in the wild have both.
  const kronorIndex = new Set<number>();
  const blockCol = new Map<string, number>();
  for (const b of current.blocks) {
    const i = owned.headers.findIndex((h) => isBlockHeader(h, b.name));
    if (i < 0) {
      return refuse("baseline.blocks", {
        sv: `den skrivna fördelningen saknar kolumnen för ${b.name.sv}`,
        en: `the written allocation has no column for ${b.name.en}`,
      });
    }
    blockCol.set(b.id, tl.col + i);
    kronorIndex.add(i);
  }
  const totalIndex = owned.headers.findIndex((h) => isTotalHeader(h));
  if (totalIndex < 0) {
    return refuse("baseline.blocks", {
      sv: "den skrivna fördelningen saknar summakolumnen",
      en: "the written allocation has no total column",
    });
  }
  const totalCol = tl.col + totalIndex;
  kronorIndex.add(totalIndex);
  // The measure column of each ladder block: its header names the block and is no kronor column.
  const { values } = resolveSettings(ruleSet, settings);
  const ladders = applyInterpretations(ruleSet, values).filter((b) => b.ladder);
  const measureCol = new Map<string, number>();
  for (const b of ladders) {
    const shorts = [shortBlockName(b.name.sv), shortBlockName(b.name.en)];
    const i = owned.headers.findIndex(
      (h, j) => !kronorIndex.has(j) && shorts.some((s) => h.includes(s)),
    );
    if (i >= 0) measureCol.set(b.id, tl.col + i);
  }
  const kronor = (row: number, col: number): number | null => {
    const v = at(row, col);
    if (typeof v === "number" && Number.isSafeInteger(v)) return v;
    issues.push({
      severity: "error",
      code: "baseline.cell",
      sheet: owned.sheet,
      cell: toA1(row, col),
      message: {
        sv: "cellen håller inte längre ett belopp i hela kronor som AT-fördelning skrev — jämförelsen läser den inte",
        en: "the cell no longer holds an amount in whole kronor as AT-fördelning wrote it — the comparison does not read it",
      },
    });
    return null;
  };
  const names = new Map(current.regions.map((r) => [r.code, r.region]));
  const regions: Comparable["regions"][number][] = [];
  for (const d of read.dataRows) {
    if (!d.code || d.row <= tl.row || d.row > br.row) continue;
    const blocks: Record<string, number> = {};
    let sum = 0n;
    let complete = true;
    for (const [id, col] of blockCol) {
      const v = kronor(d.row, col);
      if (v === null) complete = false;
      else {
        blocks[id] = v;
        sum += BigInt(v);
      }
    }
    const total = kronor(d.row, totalCol);
    if (total === null || !complete) continue;
    if (BigInt(total) !== sum) {
      issues.push({
        severity: "error",
        code: "baseline.sum",
        sheet: owned.sheet,
        cell: toA1(d.row, totalCol),
        message: {
          sv: "summan är inte blockens summa på raden — beloppen har ändrats sedan de skrevs",
          en: "the total is not the sum of the row's blocks — the amounts were changed after they were written",
        },
      });
      continue;
    }
    const steps: Record<string, number | null> = {};
    for (const b of ladders) {
      const col = measureCol.get(b.id);
      if (col === undefined) continue;
      const m = at(d.row, col);
      const reached =
        typeof m === "number" && (blocks[b.id] ?? 0) > 0
          ? b.ladder!.steps.filter((s) => s.threshold <= m).pop()
          : undefined;
      steps[b.id] = reached ? reached.threshold : null;
    }
    regions.push({ code: d.code, region: names.get(d.code) ?? d.code, blocks, total, steps });
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    allocation: {
      year: owned.year,
      blocks: current.blocks.map((b) => ({ id: b.id, name: b.name })),
      regions,
      writtenAt: owned.writtenAt,
    },
  };
}
