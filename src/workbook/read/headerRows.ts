/**
 * A header written over two rows (a merged "Planerade AT" above "2023" and "2024"): the reader
 * takes one header row, so the year would be lost and the wrong column, or the decision's
 * values, read. It is refused by cell instead.
 */
import { isBlank } from "../cellValues";
import type { CellValue } from "../types";
import { cellAt } from "./grid";
import type { IssueSink } from "./messages";

function isBareYear(v: CellValue): boolean {
  if (typeof v === "number") return Number.isInteger(v) && v >= 1950 && v <= 2099;
  return (
    typeof v === "string" && /^\s*(19[5-9]\d|20\d\d)(\s*[–-]\s*(19[5-9]\d|20\d\d))?\s*$/.test(v)
  );
}

function isHeaderLike(v: CellValue): boolean {
  if (isBareYear(v)) return true;
  return typeof v === "string" && !/^[\s\d.,  −+-]*$/.test(v);
}

/** True (and an error named by cell) where the header row seems to continue above or below. */
export function checkHeaderRows(
  sink: IssueSink,
  headerRow: number,
  left: number,
  right: number,
  regionCol: number,
  bottom: number,
): boolean {
  const sheet = sink.sheet;
  const fail = (row: number, col: number): true => {
    const v = cellAt(sheet, row, col);
    sink.add(
      "error",
      "header.twoRows",
      {
        sv: `rubriken verkar fortsätta på rad ${row + 1} ("${String(v).trim()}") — skriv varje kolumns hela rubrik i en enda rad, t.ex. "Planerade AT 2024", och ta bort den andra rubrikraden`,
        en: `the header seems to continue on row ${row + 1} ("${String(v).trim()}") — write each column's whole header in a single row, e.g. "Planned AT 2024", and remove the other header row`,
      },
      { row, col },
    );
    return true;
  };
  // Below: the first row has no region but header-like cells ("2024", "varav ST").
  if (headerRow + 1 <= bottom && isBlank(cellAt(sheet, headerRow + 1, regionCol))) {
    for (let c = left; c <= right; c++) {
      if (c !== regionCol && isHeaderLike(cellAt(sheet, headerRow + 1, c)))
        return fail(headerRow + 1, c);
    }
  }
  // Above: bare years in the header row under a heading in the row above.
  if (headerRow > sheet.top) {
    let years = false;
    for (let c = left; c <= right; c++) if (isBareYear(cellAt(sheet, headerRow, c))) years = true;
    if (years) {
      for (let c = left; c <= right; c++) {
        const above = cellAt(sheet, headerRow - 1, c);
        if (typeof above === "string" && !isBlank(above)) return fail(headerRow - 1, c);
      }
    }
  }
  return false;
}
