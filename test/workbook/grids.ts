/** Hand-made workbook grids for the reader's tests. */
import type { CellValue, SheetGrid, TableInfo, WorkbookGrid } from "../../src/workbook/types";

export const HEADER_2024: CellValue[] = ["Region", "Folkmängd", "AT 2024", "Planerade AT 2024"];

/** The 2024 golden case's table (shared/cases/2024-all-regions). */
export const ROWS_2024: CellValue[][] = [
  ["Stockholm", 2454821, 290, 280],
  ["Uppsala", 404589, 58, 55],
  ["Sörmland", 301944, 60, 60],
  ["Östergötland", 472298, 91, "84–89"],
  ["Jönköping", 368856, 88, 86],
  ["Kronoberg", 203686, 34, 36],
  ["Kalmar", 246667, 47, 47],
  ["Gotland", 61029, 16, 16],
  ["Blekinge", 157973, 29, 28],
  ["Skåne", 1421781, 205, 199],
  ["Halland", 343746, 63, 56],
  ["Västra Götaland", 1767016, 268, 252],
  ["Värmland", 283548, 50, "48–50"],
  ["Örebro", 308116, 57, 57],
  ["Västmanland", 280813, 48, 46],
  ["Dalarna", 287253, 64, 64],
  ["Gävleborg", 285642, 47, 46],
  ["Västernorrland", 242148, 62, 60],
  ["Jämtland Härjedalen", 132572, 24, 24],
  ["Västerbotten", 278729, 61, 61],
  ["Norrbotten", 248480, 51, 51],
];

/** The 2025 golden case's table (shared/cases/2025-two-without-forecast). */
export const HEADER_2025: CellValue[] = ["Region", "Folkmängd", "AT 2025", "Prognos 2026–2030"];
export const ROWS_2025: CellValue[][] = [
  ["Stockholm", 2462185, 260, "Ja"],
  ["Uppsala", 405802, 51, "Ja"],
  ["Sörmland", 302849, 62, "Ja"],
  ["Östergötland", 473714, 87, "Ja"],
  ["Jönköping", 369962, 82, "Ja"],
  ["Kronoberg", 204297, 36, "Ja"],
  ["Kalmar", 247407, 48, "Nej"],
  ["Gotland", 61212, null, "Ja"],
  ["Blekinge", 158446, 31, "Ja"],
  ["Skåne", 1426046, 200, "Nej"],
  ["Halland", 344777, 56, "Ja"],
  ["Västra Götaland", 1772317, 245, "Ja"],
  ["Värmland", 284398, 51, "Ja"],
  ["Örebro", 309040, 60, "Ja"],
  ["Västmanland", 281655, 47, "Ja"],
  ["Dalarna", 288114, 62, "Ja"],
  ["Gävleborg", 286498, 47, "Ja"],
  ["Västernorrland", 242874, 62, "Ja"],
  ["Jämtland Härjedalen", 132969, 27, "Ja"],
  ["Västerbotten", 279565, 65, "Ja"],
  ["Norrbotten", 249225, 51, "Ja"],
];

/** The 2022 golden case's table (AT-värde equal to the decision's defaults). */
export const HEADER_2022: CellValue[] = ["Region", "AT 2022", "AT-värde 2022"];
export const ROWS_2022: CellValue[][] = [
  ["Stockholm", 273, 260],
  ["Uppsala", 52, 50],
  ["Sörmland", 60, 60],
  ["Östergötland", 86, 84],
  ["Jönköping", 83, 78],
  ["Kronoberg", 35, 36],
  ["Kalmar", 47, 47],
  ["Gotland", 17, 16],
  ["Blekinge", 28, 28],
  ["Skåne", 217, 196],
  ["Halland", 63, 56],
  ["Västra Götaland", 250, 244],
  ["Värmland", 52, 49],
  ["Örebro", 60, 57],
  ["Västmanland", 43, 43],
  ["Dalarna", 71, 62],
  ["Gävleborg", 46, 46],
  ["Västernorrland", 60, 60],
  ["Jämtland Härjedalen", 24, 24],
  ["Västerbotten", 70, 61],
  ["Norrbotten", 51, 51],
];

export function table(header: CellValue[], rows: CellValue[][]): CellValue[][] {
  return [header.slice(), ...rows.map((r) => r.slice())];
}

export function sheet(
  name: string,
  values: CellValue[][],
  opts: { top?: number; left?: number; tables?: TableInfo[] } = {},
): SheetGrid {
  const width = values.reduce((w, r) => Math.max(w, r.length), 0);
  return {
    name,
    top: opts.top ?? 0,
    left: opts.left ?? 0,
    values: values.map((r) => [...r, ...new Array<CellValue>(width - r.length).fill(null)]),
    tables: opts.tables ?? [],
  };
}

export function workbook(sheets: SheetGrid[], extra: Partial<WorkbookGrid> = {}): WorkbookGrid {
  return { sheets, activeSheet: sheets[0].name, owned: null, ...extra };
}

/** A one-sheet workbook "Blad1" holding a table from A1. */
export function book(values: CellValue[][], extra: Partial<WorkbookGrid> = {}): WorkbookGrid {
  return workbook([sheet("Blad1", values)], extra);
}

/** Places values at zero-based (row, col) in a bigger empty block. */
export function placed(
  values: CellValue[][],
  row: number,
  col: number,
  size: { rows: number; cols: number },
): CellValue[][] {
  const out: CellValue[][] = [];
  for (let r = 0; r < size.rows; r++) out.push(new Array<CellValue>(size.cols).fill(null));
  values.forEach((line, r) => line.forEach((v, c) => (out[row + r][col + c] = v)));
  return out;
}
