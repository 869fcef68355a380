/**
 * A workbook file of either kind the command line accepts (IO.md: .xlsx/.xlsm or .csv).
 * Whatever cannot be read is a FileReadError (or FileReadErrors) with a sentence in Swedish
 * and English; nothing else escapes for a bad file.
 */
import { basename, extname } from "node:path";
import type { WorkbookGrid } from "../workbook/types";
import { FileReadError } from "./fileErrors";
import { parseCsv } from "./readCsv";
import { readXlsxFile } from "./readXlsx";
import { readInputFile, sniffCsv } from "./sniff";

export class UnsupportedFileError extends FileReadError {
  constructor(readonly path: string) {
    super("file.type", {
      sv: `filtypen läses inte: ${path} (ange .xlsx, .xlsm eller .csv)`,
      en: `unsupported file type: ${path} (use .xlsx, .xlsm or .csv)`,
    });
    this.name = "UnsupportedFileError";
  }
}

/**
 * CSV bytes as text: UTF-8 (with or without BOM) as IO.md says; UTF-16 with its BOM (Excel's
 * "Unicode text"); where the bytes are not UTF-8, Windows-1252, which is what a Swedish
 * Excel's "CSV (semikolonavgränsad)" writes. NUL bytes without a BOM (UTF-16 without its
 * mark, or a binary file) are refused: no guess.
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  }
  if (bytes.subarray(0, 65536).includes(0)) {
    throw new FileReadError("csv.encoding", {
      sv: "filen innehåller nollbyte: den är ingen text i UTF-8 eller Windows-1252 (UTF-16 utan byteordningsmärke, eller en binär fil) — spara den som CSV UTF-8 i Excel",
      en: "the file holds NUL bytes: it is no UTF-8 or Windows-1252 text (UTF-16 without a byte-order mark, or a binary file) — save it as CSV UTF-8 in Excel",
    });
  }
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
    const bytes = await readInputFile(path);
    sniffCsv(bytes);
    return parseCsv(decodeCsv(bytes), basename(path, extname(path)));
  }
  if (ext === ".xlsx" || ext === ".xlsm") return readXlsxFile(path);
  throw new UnsupportedFileError(path);
}
