/**
 * A CSV file as a one-sheet workbook grid (IO.md, "Command line": UTF-8 with or without a
 * BOM, separator `;` or `,` detected, decimal comma or point).
 */
import Decimal from "decimal.js";
import type { CellValue, WorkbookGrid } from "../workbook/types";

/** Splits CSV text into rows of raw fields (RFC 4180 quoting; CRLF, LF or CR line ends). */
export function splitCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === "") {
      // An opening quote (spaces before it, as some exports write, are dropped).
      field = "";
      quoted = true;
    } else if (ch === separator) {
      endField();
    } else if (ch === "\r") {
      endRow();
      if (text[i + 1] === "\n") i++;
    } else if (ch === "\n") {
      endRow();
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

/** Counts a character outside quoted fields in the first line. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/** The first line, quotes respected (a quoted header may hold a line break). */
function firstLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if ((c === "\n" || c === "\r") && !quoted) return text.slice(0, i);
  }
  return text;
}

/**
 * `;` where the header line has one (a Swedish Excel's export; its numbers then carry decimal
 * commas that are no separators), else `,`, else a tab; else the file has one column.
 */
export function detectSeparator(text: string): string {
  const header = firstLine(text);
  if (countOutsideQuotes(header, ";") > 0) return ";";
  if (countOutsideQuotes(header, ",") > 0) return ",";
  if (countOutsideQuotes(header, "\t") > 0) return "\t";
  return ";";
}

/**
 * A field as Excel would show it. Numbers become numbers only where that is exact: "01" keeps
 * its leading zero (a county code), "84–89" and "46 (ev. 48)" stay text, and a decimal that a
 * binary double cannot hold stays text so the reader can judge it on its digits.
 */
export function csvCell(raw: string): CellValue {
  const t = raw.trim();
  if (t === "") return null;
  const m = /^(-?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?$/.exec(t);
  if (!m) return t;
  const intPart = m[2].replace(/[ \u00a0\u202f]/g, "");
  if (intPart.length > 1 && intPart.startsWith("0") && m[3] === undefined) return t;
  const canonical = `${m[1]}${intPart}${m[3] !== undefined ? "." + m[3] : ""}`;
  const n = Number(canonical);
  if (!Number.isFinite(n) || !new Decimal(canonical).equals(new Decimal(n))) return t;
  return Object.is(n, -0) ? 0 : n;
}

/**
 * Parses a CSV file's text into a workbook grid with one sheet, named as Excel names it when
 * it opens the file: the file's base name without extension.
 */
export function parseCsv(text: string, sheetName: string): WorkbookGrid {
  const body = text.replace(/^\uFEFF/, "");
  const separator = detectSeparator(body);
  const fields = splitCsv(body, separator);
  // Trailing blank lines are no rows of the table.
  while (fields.length > 0 && fields[fields.length - 1].every((f) => f.trim() === "")) {
    fields.pop();
  }
  const width = fields.reduce((w, r) => Math.max(w, r.length), 0);
  const values: CellValue[][] = fields.map((r) => {
    const row: CellValue[] = r.map(csvCell);
    while (row.length < width) row.push(null);
    return row;
  });
  return {
    sheets: [{ name: sheetName, top: 0, left: 0, values, tables: [] }],
    activeSheet: sheetName,
    owned: null,
  };
}
