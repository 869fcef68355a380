/**
 * What a file is, before anyone parses it: missing, a directory, empty, too large, a zip, an
 * encrypted or old-format Office file (OLE compound file), text. Each refusal is a sentence.
 */
import { promises as fs } from "node:fs";
import { FileReadError, formatBytes } from "./fileErrors";
import { ZIP_LIMITS } from "./zip";

/** The file's bytes; a missing file, a directory, an empty or too large one refused. */
export async function readInputFile(path: string, limit = ZIP_LIMITS.fileBytes): Promise<Buffer> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new FileReadError("file.missing", {
        sv: `filen finns inte: ${path}`,
        en: `no such file: ${path}`,
      });
    }
    throw new FileReadError("file.unreadable", {
      sv: `filen kan inte öppnas (${code ?? "okänt fel"}): ${path}`,
      en: `the file cannot be opened (${code ?? "unknown error"}): ${path}`,
    });
  }
  if (stat.isDirectory()) {
    throw new FileReadError("file.directory", {
      sv: `${path} är en mapp, ingen fil — ange arbetsboken eller CSV-filen`,
      en: `${path} is a folder, not a file — give the workbook or CSV file`,
    });
  }
  if (stat.size === 0) {
    throw new FileReadError("file.empty", {
      sv: "filen är tom (0 byte)",
      en: "the file is empty (0 bytes)",
    });
  }
  if (stat.size > limit) {
    throw new FileReadError("file.tooLarge", {
      sv: `filen är ${formatBytes(stat.size)}, gränsen är ${formatBytes(limit)} — filen läses inte`,
      en: `the file is ${formatBytes(stat.size)}, the limit is ${formatBytes(limit)} — the file is not read`,
    });
  }
  try {
    return await fs.readFile(path);
  } catch (err) {
    throw new FileReadError("file.unreadable", {
      sv: `filen kan inte läsas (${(err as NodeJS.ErrnoException).code ?? "okänt fel"}): ${path}`,
      en: `the file cannot be read (${(err as NodeJS.ErrnoException).code ?? "unknown error"}): ${path}`,
    });
  }
}

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5)
  );
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && OLE.every((b, i) => bytes[i] === b);
}

/** An OLE compound file holding an "EncryptionInfo" stream: Excel's password-protected file. */
export function isEncryptedOle(bytes: Buffer): boolean {
  return isOle(bytes) && bytes.includes(Buffer.from("EncryptionInfo", "utf16le"));
}

function oleError(bytes: Buffer): FileReadError {
  if (isEncryptedOle(bytes)) {
    return new FileReadError("file.encrypted", {
      sv: "filen är lösenordsskyddad (krypterad) — öppna den i Excel och spara en kopia utan lösenord (Arkiv > Info > Skydda arbetsbok)",
      en: "the file is password-protected (encrypted) — open it in Excel and save a copy without a password (File > Info > Protect Workbook)",
    });
  }
  return new FileReadError("file.xls", {
    sv: "filen är en äldre Excel-fil (.xls, Excel 97–2003) — spara den som .xlsx i Excel",
    en: "the file is an old Excel file (.xls, Excel 97–2003) — save it as .xlsx in Excel",
  });
}

/** Mostly printable text in the first kilobytes (a CSV or other text file). */
function looksLikeText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  let control = 0;
  for (const b of head) if (b < 9 || (b > 13 && b < 32)) control++;
  return control === 0;
}

/** Refuses bytes that are no .xlsx package, saying what they are instead. */
export function sniffXlsx(bytes: Buffer): void {
  if (isZip(bytes)) return;
  if (isOle(bytes)) throw oleError(bytes);
  if (looksLikeText(bytes)) {
    throw new FileReadError("file.textAsXlsx", {
      sv: "filen är ingen Excel-arbetsbok utan text (en CSV-fil med fel filändelse?) — byt filändelsen till .csv",
      en: "the file is no Excel workbook but text (a CSV file with the wrong extension?) — rename it to .csv",
    });
  }
  throw new FileReadError("file.notWorkbook", {
    sv: "filen är ingen Excel-arbetsbok (.xlsx) — spara den som .xlsx i Excel",
    en: "the file is no Excel workbook (.xlsx) — save it as .xlsx in Excel",
  });
}

/** Refuses bytes given as CSV that are a workbook or binary. */
export function sniffCsv(bytes: Buffer): void {
  if (isZip(bytes)) {
    throw new FileReadError("file.xlsxAsCsv", {
      sv: "filen är en Excel-arbetsbok (zip), ingen CSV-fil — byt filändelsen till .xlsx",
      en: "the file is an Excel workbook (zip), not a CSV file — rename it to .xlsx",
    });
  }
  if (isOle(bytes)) throw oleError(bytes);
}
