/**
 * A CSV file as a one-sheet workbook grid (IO.md, "Command line": UTF-8 with or without a
 * BOM, separator `;` or `,` detected, decimal comma or point).
 *
 * A line that does not fit is refused by its line, never read as something else: a quote that
 * never closes (or swallows lines with separators), a row separated by the other separator,
 * a row with more fields than the header (`52,5` unquoted in a `,` file). A row that is merely
 * short (trailing empty fields left out) is fine.
 */
import { columnName } from "../workbook/a1";
import Decimal from "decimal.js";
import type { CellValue, WorkbookGrid } from "../workbook/types";
import { FileReadError, FileReadErrors } from "./fileErrors";

/** One record of a CSV file: its raw fields and where it stands in the file. */
export interface CsvRecord {
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
  /** Separators of the other kind (`,` in a `;` file, `;` in a `,` file) outside quotes. */
  foreign: number;
  /** A quoted field that runs over a line break and holds separators: a quote is missing. */
  runaway?: { opened: number; closed: number };
}

const OTHER: Record<string, string> = { ";": ",", ",": ";" };

/**
 * Splits CSV text into records (RFC 4180 quoting; CRLF, LF or CR line ends), keeping each
 * record's line. Throws FileReadError where a quote opens and never closes.
 */
export function splitCsvRecords(text: string, separator: string, sheet = ""): CsvRecord[] {
  const records: CsvRecord[] = [];
  const other = OTHER[separator];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let quoteLine = 0;
  let quoteHasBreak = false;
  let quoteHasSep = false;
  let line = 1;
  let rowLine = 1;
  let foreign = 0;
  let runaway: CsvRecord["runaway"];
  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    const rec: CsvRecord = { fields: row, line: rowLine, foreign };
    if (runaway) rec.runaway = runaway;
    records.push(rec);
    row = [];
    foreign = 0;
    runaway = undefined;
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        if (quoteHasBreak && quoteHasSep && !runaway) runaway = { opened: quoteLine, closed: line };
        i++;
        continue;
      }
      if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) {
        line++;
        quoteHasBreak = true;
      } else if (ch === separator) quoteHasSep = true;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === "") {
      // An opening quote (spaces before it, as some exports write, are dropped).
      field = "";
      quoted = true;
      quoteLine = line;
      quoteHasBreak = false;
      quoteHasSep = false;
    } else if (ch === separator) {
      endField();
    } else if (ch === "\r" || ch === "\n") {
      endRow();
      if (ch === "\r" && text[i + 1] === "\n") i++;
      line++;
      rowLine = line;
    } else {
      if (ch === other) foreign++;
      field += ch;
    }
    i++;
  }
  if (quoted) {
    throw new FileReadError(
      "csv.quote",
      {
        sv: `rad ${quoteLine}: ett citattecken (") öppnas men stängs aldrig — resten av filen skulle bli ett enda fält; rätta citattecknet`,
        en: `line ${quoteLine}: a quote (") opens and never closes — the rest of the file would become one field; correct the quote`,
      },
      { sheet, cell: `A${records.length + 1}` },
    );
  }
  if (field !== "" || row.length > 0) endRow();
  return records;
}

/** Splits CSV text into rows of raw fields (RFC 4180 quoting; CRLF, LF or CR line ends). */
export function splitCsv(text: string, separator: string): string[][] {
  return splitCsvRecords(text, separator).map((r) => r.fields);
}

/** Counts each candidate separator outside quotes on one line. */
function separatorsOnLine(line: string): Record<string, number> {
  const n: Record<string, number> = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c in n) n[c]++;
  }
  return n;
}

/**
 * The separator found on the most of the first 100 non-empty lines (a title line above the
 * table has none); on a tie the one on the first line, then `;` (a Swedish Excel's export,
 * whose numbers carry decimal commas that are no separators), `,`, a tab.
 */
export function detectSeparator(text: string): string {
  const lines = text
    .split(/\r\n|\r|\n/, 2000)
    .filter((l) => l.trim() !== "")
    .slice(0, 100);
  const onLines: Record<string, number> = { ";": 0, ",": 0, "\t": 0 };
  for (const l of lines) {
    const n = separatorsOnLine(l);
    for (const k in n) if (n[k] > 0) onLines[k]++;
  }
  const first = lines.length > 0 ? separatorsOnLine(lines[0]) : onLines;
  const rank = (k: string) => onLines[k] * 2 + (first[k] > 0 ? 1 : 0);
  let best = ";";
  for (const k of [";", ",", "\t"]) if (rank(k) > rank(best)) best = k;
  return best;
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
  if (!Number.isFinite(n)) return t;
  // A whole number of at most 15 digits is exact as a double; anything else is checked.
  const exact =
    (m[3] === undefined && intPart.length <= 15) || new Decimal(canonical).equals(new Decimal(n));
  if (!exact) return t;
  return Object.is(n, -0) ? 0 : n;
}

/** Fields up to the last non-empty one. */
function usedWidth(fields: string[]): number {
  let w = fields.length;
  while (w > 0 && fields[w - 1].trim() === "") w--;
  return w;
}

function nonEmpty(fields: string[]): number {
  let n = 0;
  for (const f of fields) if (f.trim() !== "") n++;
  return n;
}

/**
 * The header: the first record with at least two fields that is as wide as most such
 * records (a title or a note above the table is narrower). -1 when there is none.
 */
function headerIndex(records: CsvRecord[]): number {
  const counts = new Map<number, number>();
  for (const r of records) {
    if (nonEmpty(r.fields) < 2) continue;
    const w = usedWidth(r.fields);
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  let mode = 0;
  let best = 0;
  for (const [w, c] of counts) if (c > best || (c === best && w > mode)) [mode, best] = [w, c];
  return records.findIndex((r) => nonEmpty(r.fields) >= 2 && usedWidth(r.fields) >= mode);
}

function lineName(rec: CsvRecord, index: number): { sv: string; en: string } {
  return rec.line === index + 1
    ? { sv: `rad ${rec.line}`, en: `line ${rec.line}` }
    : {
        sv: `rad ${rec.line} i filen (rad ${index + 1} i bladet)`,
        en: `line ${rec.line} of the file (row ${index + 1} of the sheet)`,
      };
}

const SEP_NAME: Record<string, { sv: string; en: string }> = {
  ";": { sv: "semikolon (;)", en: "semicolons (;)" },
  ",": { sv: "komma (,)", en: "commas (,)" },
  "\t": { sv: "tabb", en: "tabs" },
};

/** Every record that does not fit the file's shape, as errors by line and cell. */
export function checkRecords(
  records: CsvRecord[],
  separator: string,
  sheet: string,
): FileReadError[] {
  const errors: FileReadError[] = [];
  const h = headerIndex(records);
  const width = h >= 0 ? usedWidth(records[h].fields) : 0;
  records.forEach((rec, i) => {
    const at = lineName(rec, i);
    const used = usedWidth(rec.fields);
    if (rec.runaway) {
      errors.push(
        new FileReadError(
          "csv.quote",
          {
            sv: `${at.sv}: ett citattecken (") som öppnas på rad ${rec.runaway.opened} stängs först på rad ${rec.runaway.closed}, med avgränsare emellan — ett citattecken saknas; rätta raden`,
            en: `${at.en}: a quote (") opened on line ${rec.runaway.opened} closes only on line ${rec.runaway.closed}, with separators between — a quote is missing; correct the line`,
          },
          { sheet, cell: `A${i + 1}` },
        ),
      );
      return;
    }
    const other = OTHER[separator];
    if (
      h >= 0 &&
      width >= 3 &&
      used < width &&
      other &&
      rec.foreign >= 2 &&
      rec.foreign + 1 > used
    ) {
      errors.push(
        new FileReadError(
          "csv.separator",
          {
            sv: `${at.sv}: raden har ${used} fält men ${rec.foreign + 1} om den delas med ${SEP_NAME[other].sv}; filen i övrigt använder ${SEP_NAME[separator].sv} — skriv raden med samma avgränsare`,
            en: `${at.en}: the row has ${used} field(s) but ${rec.foreign + 1} if split by ${SEP_NAME[other].en}; the rest of the file uses ${SEP_NAME[separator].en} — write the row with the same separator`,
          },
          { sheet, cell: `A${i + 1}` },
        ),
      );
      return;
    }
    if (h >= 0 && i > h && used > width) {
      const hint =
        separator === ","
          ? {
              sv: " (ett decimalkomma som 52,5 måste stå inom citattecken i en kommaavgränsad fil)",
              en: " (a decimal comma such as 52,5 must be quoted in a comma-separated file)",
            }
          : { sv: "", en: "" };
      errors.push(
        new FileReadError(
          "csv.width",
          {
            sv: `${at.sv}: raden har ${used} fält men rubrikraden (rad ${records[h].line}) har ${width}${hint.sv} — rätta raden eller ge kolumnen en rubrik`,
            en: `${at.en}: the row has ${used} fields but the header (line ${records[h].line}) has ${width}${hint.en} — correct the row or give the column a header`,
          },
          { sheet, cell: `${columnName(width)}${i + 1}` },
        ),
      );
    }
  });
  return errors;
}

/**
 * Parses a CSV file's text into a workbook grid with one sheet, named as Excel names it when
 * it opens the file: the file's base name without extension. Throws FileReadErrors naming
 * every line that does not fit.
 */
export function parseCsv(text: string, sheetName: string): WorkbookGrid {
  const body = text.replace(/^\uFEFF/, "");
  const separator = detectSeparator(body);
  const records = splitCsvRecords(body, separator, sheetName);
  // Trailing blank lines are no rows of the table.
  while (records.length > 0 && records[records.length - 1].fields.every((f) => f.trim() === "")) {
    records.pop();
  }
  const errors = checkRecords(records, separator, sheetName);
  if (errors.length > 0) throw new FileReadErrors(errors);
  const width = records.reduce((w, r) => Math.max(w, r.fields.length), 0);
  const values: CellValue[][] = records.map((r) => {
    const row: CellValue[] = r.fields.map(csvCell);
    while (row.length < width) row.push(null);
    return row;
  });
  return {
    sheets: [{ name: sheetName, top: 0, left: 0, values, tables: [] }],
    activeSheet: sheetName,
    owned: null,
  };
}
