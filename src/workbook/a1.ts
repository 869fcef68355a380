/** A1 addresses from zero-based sheet coordinates, and back. */

export function columnName(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function toA1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

export function rangeA1(top: number, left: number, bottom: number, right: number): string {
  return `${toA1(top, left)}:${toA1(bottom, right)}`;
}

/** "D7" → { row: 6, col: 3 }; "$D$7" too. Throws on anything else. */
export function parseA1(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(a1.trim());
  if (!m) throw new Error(`Not an A1 address: ${a1}`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** "Blad1!A1:D22" or "'My sheet'!A1" → sheet and the address part. */
export function splitSheetAddress(address: string): { sheet: string | null; address: string } {
  const i = address.lastIndexOf("!");
  if (i < 0) return { sheet: null, address };
  let sheet = address.slice(0, i);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: address.slice(i + 1) };
}

/** A sheet name quoted for an address where needed: 'Min flik'!A1. */
export function quoteSheet(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}
