/**
 * The inputs' fingerprint (issue 14): one Excel formula over the numeric input cells a run
 * read, written on the summary beside the value it had at the run, so that any Excel or
 * LibreOffice shows, without the add-in, that an input number changed since.
 *
 * The formula is a sum of SUMPRODUCT(column range, {w1;w2;…}): every cell read gets its own
 * fixed weight 1, 2, 3 … (a row the run skipped gets 0), so a changed number, or two numbers
 * swapped, changes the sum. It is a fingerprint, not a proof: changes that cancel out under
 * the weights (+2 in a cell of weight 1 and −1 in one of weight 2) are not seen.
 *
 * Why the sum is exact in IEEE doubles, in any order Excel or LibreOffice adds it: every
 * value covered is a whole number and every weight a whole number, so every product w·v and
 * every partial sum is a whole number whose magnitude is at most S = Σ w·|v|. The planner
 * refuses a fingerprint unless S < 10^15 < 2^53; every whole number of magnitude ≤ 2^53 is a
 * double, so each multiplication and addition has its exact result representable and IEEE
 * rounding returns it unchanged. The result is the same whole number on every host, and TS
 * computes it with BigInt. 10^15 rather than 2^53 because Excel compares numbers to 15
 * significant digits: below 10^15, two whole numbers that differ by 1 compare unequal.
 *
 * What a column must hold to be covered: whole numbers, blanks and texts (a text counts 0 in
 * SUMPRODUCT, so a text is not covered). A column holding a decimal (a baseline of 4.5), a
 * boolean (LibreOffice counts TRUE as 1, Excel as 0), a date, an error or an uncalculated
 * formula is left out and named as such.
 */
import type { Text } from "../domain/ruleSet";
import { columnName, rangeA1 } from "./a1";
import type { CellValue, RegionTableRead, WorkbookGrid } from "./types";

/** Fields that are texts by nature: never part of the fingerprint. */
const TEXT_FIELDS = new Set(["region", "code", "group"]);
/** S = Σ w·|v| must stay below this (see the file comment). */
export const FINGERPRINT_BOUND = 10n ** 15n;
/** Excel's formula length limit is 8192 characters; a longer fingerprint is not written. */
const MAX_FORMULA_LENGTH = 8000;

/** A sheet name in a formula: always quoted (a name such as "AB12" would read as a cell). */
export function formulaSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

export interface Fingerprint {
  /** The formula, e.g. "=SUMPRODUCT('Blad1'!C2:C22,{1;2;…})+…". */
  formula: string;
  /** Its value at the run (exact, see above). */
  value: number;
  /** The ranges covered, as A1 with the sheet (for the summary's text). */
  covered: string[];
  /** Columns left out, with why. */
  leftOut: { range: string; reason: Text }[];
}

export type FingerprintResult =
  Fingerprint | { formula: null; reason: Text; leftOut: Fingerprint["leftOut"] };

function cellAt(workbook: WorkbookGrid, sheet: string, row: number, col: number): CellValue {
  const s = workbook.sheets.find((x) => x.name === sheet);
  if (!s) return null;
  return s.values[row - s.top]?.[col - s.left] ?? null;
}

/** Why a column cannot be covered, or null when it can. */
function unfit(values: CellValue[], weights: number[]): Text | null {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || typeof v === "string") continue;
    if (typeof v === "boolean") {
      return {
        sv: "sanningsvärden (Excel och LibreOffice räknar dem olika)",
        en: "booleans (Excel and LibreOffice count them differently)",
      };
    }
    if (typeof v === "number") {
      if (weights[i] > 0 && !Number.isSafeInteger(v)) {
        return { sv: "tal som inte är heltal", en: "numbers that are not whole" };
      }
      continue;
    }
    return {
      sv: "datum, fel eller formler utan värde",
      en: "dates, errors or formulas without a value",
    };
  }
  return null;
}

/** The fingerprint of the numeric input columns the run read, or why there is none. */
export function inputFingerprint(workbook: WorkbookGrid, read: RegionTableRead): FingerprintResult {
  const cols = [
    ...new Set(
      Object.entries(read.columns)
        .filter(([field, col]) => !TEXT_FIELDS.has(field) && col !== undefined)
        .map(([, col]) => col as number),
    ),
  ].sort((a, b) => a - b);
  const first = read.headerRow + 1;
  const last = read.dataRows.reduce((m, d) => Math.max(m, d.row), read.headerRow);
  const readRows = new Set(read.dataRows.filter((d) => d.code !== null).map((d) => d.row));
  const leftOut: Fingerprint["leftOut"] = [];
  const parts: string[] = [];
  const covered: string[] = [];
  let weight = 0;
  let sum = 0n;
  let magnitude = 0n;
  for (const col of cols) {
    const values: CellValue[] = [];
    const weights: number[] = [];
    let weighted = 0; // the rows of this column weighted so far (linear, not a count per row)
    for (let r = first; r <= last; r++) {
      values.push(cellAt(workbook, read.sheet, r, col));
      weights.push(readRows.has(r) ? weight + ++weighted : 0);
    }
    const range = `${formulaSheet(read.sheet)}!${rangeA1(first, col, last, col)}`;
    const why = unfit(values, weights);
    if (why) {
      leftOut.push({
        range: `${columnName(col)}${first + 1}:${columnName(col)}${last + 1}`,
        reason: why,
      });
      continue;
    }
    weight += weights.filter((w) => w > 0).length;
    values.forEach((v, i) => {
      if (typeof v !== "number" || weights[i] === 0) return;
      const product = BigInt(weights[i]) * BigInt(v);
      sum += product;
      magnitude += product < 0n ? -product : product;
    });
    parts.push(`SUMPRODUCT(${range},{${weights.join(";")}})`);
    covered.push(range);
  }
  if (parts.length === 0 || last < first) {
    return {
      formula: null,
      leftOut,
      reason: {
        sv: "inga kolumner med heltal lästes",
        en: "no columns of whole numbers were read",
      },
    };
  }
  if (magnitude >= FINGERPRINT_BOUND) {
    return {
      formula: null,
      leftOut,
      reason: {
        sv: "talen är för stora för en exakt summa i Excel",
        en: "the numbers are too large for an exact sum in Excel",
      },
    };
  }
  const formula = "=" + parts.join("+");
  if (formula.length > MAX_FORMULA_LENGTH) {
    return {
      formula: null,
      leftOut,
      reason: {
        sv: "tabellen är för lång för en formel",
        en: "the table is too long for one formula",
      },
    };
  }
  return { formula, value: Number(sum), covered, leftOut };
}
