/**
 * The grant year a workbook's region table names in its headers ("AT 2024" → 2024), so the
 * task pane can choose the rules of that year before the first read fails under another
 * year's. Uses the reader's own header matching (headers.ts): a header counts only where
 * the reader would take it for the AT count or the planned AT of a year, in a row that also
 * has a region column — a note above the table that mentions a year does not.
 */
import { matchHeader } from "./headers";
import { toA1 } from "./a1";
import { OWNERSHIP_SHEET, type SheetGrid, type WorkbookGrid } from "./types";

export interface DetectedYear {
  year: number;
  /** The header that names it: the AT column's where there is one. */
  sheet: string;
  cell: string;
  header: string;
  /** Other years named as AT years in the same header row ("AT 2023", "AT 2024"), ascending. */
  others: number[];
}

/** Header rows are near the top of a table; a sheet of 200 000 rows is not scanned whole. */
const MAX_ROWS = 500;

/** Any year: matchHeader needs one to grade years against; the field is what matters here. */
const ANY_YEAR = { year: 0 };

interface Named {
  year: number;
  col: number;
  header: string;
  /** The AT count's header outranks the planned AT's. */
  rank: number;
}

function inSheet(sheet: SheetGrid): DetectedYear | null {
  const rows = Math.min(sheet.values.length, MAX_ROWS);
  for (let r = 0; r < rows; r++) {
    const line = sheet.values[r];
    let hasRegion = false;
    const named: Named[] = [];
    line.forEach((cell, c) => {
      const match = matchHeader(cell, ANY_YEAR);
      if (!match) return;
      if (match.field === "region") hasRegion = true;
      // "AT 2023–2024" names two years: the reader refuses it, and it decides nothing here.
      if ((match.field === "at" || match.field === "baseline") && match.yearsFound.length === 1) {
        named.push({
          year: match.yearsFound[0],
          col: c,
          header: String(cell),
          rank: match.field === "at" ? 0 : 1,
        });
      }
    });
    if (!hasRegion || named.length === 0) continue;
    // The AT count's year; among several AT years, the latest (an earlier one is history).
    const best = named.reduce((a, b) =>
      b.rank < a.rank || (b.rank === a.rank && b.year > a.year) ? b : a,
    );
    const others = [
      ...new Set(named.filter((n) => n.rank === 0 && n.year !== best.year).map((n) => n.year)),
    ].sort((a, b) => a - b);
    return {
      year: best.year,
      sheet: sheet.name,
      cell: toA1(sheet.top + r, sheet.left + best.col),
      header: best.header,
      others,
    };
  }
  return null;
}

/**
 * The year of the region table's headers: on the active sheet first, then on the sheet a
 * previous run wrote to (the ownership record), then on the other sheets in order; never on
 * the record sheet or our summary sheet. Null where no header row names one.
 */
export function detectYear(grid: WorkbookGrid): DetectedYear | null {
  const skip = new Set([OWNERSHIP_SHEET, grid.owned?.summarySheet].filter(Boolean));
  const candidates = grid.sheets.filter((s) => !skip.has(s.name));
  const order = [grid.activeSheet, grid.owned?.sheet];
  const sorted = [
    ...order
      .map((name) => candidates.find((s) => s.name === name))
      .filter((s): s is SheetGrid => !!s),
    ...candidates.filter((s) => !order.includes(s.name)),
  ];
  for (const sheet of sorted) {
    const found = inSheet(sheet);
    if (found) return found;
  }
  return null;
}
