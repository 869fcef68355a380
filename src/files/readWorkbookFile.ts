/** A workbook file of either kind the command line accepts (IO.md: .xlsx or .csv). */
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { WorkbookGrid } from "../workbook/types";
import { parseCsv } from "./readCsv";
import { readXlsxFile } from "./readXlsx";

export class UnsupportedFileError extends Error {
  constructor(readonly path: string) {
    super(`Unsupported file type: ${path} (use .xlsx or .csv)`);
    this.name = "UnsupportedFileError";
  }
}

/**
 * CSV bytes as text: UTF-8 (with or without BOM) as IO.md says; where the bytes are not UTF-8,
 * Windows-1252, which is what a Swedish Excel's "CSV (semikolonavgränsad)" writes.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * Windows-1252 by hand: Node's TextDecoder may treat it as ISO-8859-1, which loses the en
 * dash of "84–89" (0x96) among others. 0x80–0x9F are the only bytes where the two differ.
 */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) {
    out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  }
  return out;
}

export async function readWorkbookFile(path: string): Promise<WorkbookGrid> {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") {
    const bytes = await readFile(path);
    return parseCsv(decodeCsv(bytes), basename(path, extname(path)));
  }
  if (ext === ".xlsx" || ext === ".xlsm") return readXlsxFile(path);
  throw new UnsupportedFileError(path);
}
