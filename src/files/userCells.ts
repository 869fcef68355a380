/**
 * What in a patch's target area is the user's and must not be written over: a merge
 * overlapping it, a formula (also one whose value is empty, or an array formula's range
 * reaching in), a note or a threaded comment on a cell.
 */
import { columnName } from "../workbook/a1";
import type { Text } from "../domain/ruleSet";
import { readRels, partString } from "./ooxml";
import type { SheetEntry, WorkbookPackage } from "./ooxml";
import { rangeBox } from "./readOoxml";
import type { Box } from "./readOoxml";
import { formulaRanges, mergeRanges } from "./sheetXml";

/** A target cell that is the user's (a merge, a formula, a note or comment): nothing written. */
export interface UserCell {
  sheet: string;
  cell: string;
  code: string;
  message: Text;
}

export class TargetCellsError extends Error {
  constructor(readonly cells: UserCell[]) {
    super(
      `The target cells are the user's: ${cells.map((c) => `${c.sheet}!${c.cell}`).join(", ")}`,
    );
    this.name = "TargetCellsError";
  }
}

function overlaps(a: Box, b: Box): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function inBox(b: Box, row: number, col: number): boolean {
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}

function a1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** Cells with a note or a (threaded) comment on a sheet. */
function commentCells(pkg: WorkbookPackage, entry: SheetEntry): string[] {
  const out: string[] = [];
  for (const rel of readRels(pkg.zip, entry.path)) {
    if (rel.type !== "comments" && rel.type !== "threadedComment") continue;
    const xml = partString(pkg.zip, rel.target);
    if (xml === undefined) continue;
    const re = /<(?:[\w.-]+:)?(?:comment|threadedComment)(?=[\s>])[^>]*?\sref="([^"]+)"/g;
    for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1]);
  }
  return out;
}

const REASONS = {
  merge: (range: string): Text => ({
    sv: `cellen ingår i sammanfogade celler (${range}) — dela upp dem eller flytta tabellen; ingenting har skrivits`,
    en: `the cell is part of merged cells (${range}) — unmerge them or move the table; nothing was written`,
  }),
  formula: {
    sv: "cellen har en formel — ta bort den eller flytta tabellen; ingenting har skrivits",
    en: "the cell holds a formula — remove it or move the table; nothing was written",
  },
  comment: {
    sv: "cellen har en anteckning eller kommentar — ta bort den eller flytta tabellen; ingenting har skrivits",
    en: "the cell has a note or comment — remove it or move the table; nothing was written",
  },
};

/** Everything in the target boxes that is the user's (merges, formulas, notes, comments). */
export function userCells(
  pkg: WorkbookPackage,
  w: { entry: SheetEntry; boxes: Box[] },
  xml: string,
  formulas: string[],
): UserCell[] {
  const sheet = w.entry.name;
  const out: UserCell[] = [];
  const seen = new Set<string>();
  const push = (cell: string, code: string, message: Text) => {
    if (seen.has(`${code}:${cell}`)) return;
    seen.add(`${code}:${cell}`);
    out.push({ sheet, cell, code, message });
  };
  for (const ref of mergeRanges(xml)) {
    const m = rangeBox(ref);
    if (!m) continue;
    const hit = w.boxes.find((b) => overlaps(b, m));
    if (!hit) continue;
    push(
      a1(Math.max(m.top, hit.top), Math.max(m.left, hit.left)),
      "write.merge",
      REASONS.merge(ref),
    );
  }
  for (const f of formulas) push(f, "write.formula", REASONS.formula);
  for (const range of formulaRanges(xml)) {
    const hit = w.boxes.find((b) => overlaps(b, range));
    if (hit)
      push(
        a1(Math.max(range.top, hit.top), Math.max(range.left, hit.left)),
        "write.formula",
        REASONS.formula,
      );
  }
  for (const ref of commentCells(pkg, w.entry)) {
    const c = rangeBox(ref);
    if (c && w.boxes.some((b) => inBox(b, c.top, c.left)))
      push(ref, "write.comment", REASONS.comment);
  }
  return out;
}
