/**
 * A CSV file's grid as a new one-sheet .xlsx package, written part by part (no exceljs): the
 * package `--out` then patches like any other. Codes such as "01" are text with the text
 * format; dates get a date format; text is always text (an inline string, never a formula).
 */
import { safeSheetName } from "../workbook/sheetNames";
import type { SheetGrid, WorkbookGrid } from "../workbook/types";
import { cellXml } from "./sheetXml";
import { MINIMAL_STYLES, styleBook } from "./stylesXml";
import { escapeXml } from "./xml";
import { writeZip } from "./zip";

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Days since 1899-12-30 (Excel's serial day) for an ISO date. */
function serial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

function sheetXml(sheet: SheetGrid, style: (fmt: string) => number): string {
  const rows: string[] = [];
  sheet.values.forEach((row, r) => {
    const rr = sheet.top + r;
    let cells = "";
    row.forEach((v, c) => {
      const cc = sheet.left + c;
      if (v === null) return;
      let xml: string | null;
      if (typeof v === "string") {
        xml = cellXml(rr, cc, v, /^\s*\d/.test(v) ? style("@") : 0);
      } else if (typeof v === "number" || typeof v === "boolean") {
        xml = cellXml(rr, cc, v, 0);
      } else if ("date" in v) {
        xml = cellXml(rr, cc, serial(v.date), style("yyyy-mm-dd"));
      } else if ("error" in v) {
        xml = `<c r="${cellXml(rr, cc, 0, 0)!.match(/r="([^"]+)"/)![1]}" t="e"><v>${escapeXml(v.error)}</v></c>`;
      } else {
        // A formula never comes from a CSV file; kept as its text if it ever does.
        xml = cellXml(rr, cc, `=${v.formula}`, 0);
      }
      if (xml) cells += xml;
    });
    if (cells) rows.push(`<row r="${rr + 1}">${cells}</row>`);
  });
  return `${HEAD}<worksheet ${NS}><sheetData>${rows.join("")}</sheetData></worksheet>`;
}

/** The package, and the sheet's name as Excel takes it (the CSV's name may not be one). */
export function workbookFromGrid(grid: WorkbookGrid): { bytes: Buffer; from: string; to: string } {
  const sheet = grid.sheets[0];
  if (!sheet) throw new Error("The CSV grid has no sheet");
  const name = safeSheetName(sheet.name);
  const styles = styleBook(MINIMAL_STYLES);
  const xml = sheetXml(sheet, (fmt) => styles.styleFor(fmt, false));
  const parts: [string, string][] = [
    [
      "[Content_Types].xml",
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        "</Types>",
    ],
    [
      "_rels/.rels",
      `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      "xl/workbook.xml",
      `${HEAD}<workbook ${NS}><bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet name="${escapeXml(name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ],
    ["xl/worksheets/sheet1.xml", xml],
    ["xl/styles.xml", styles.xml()],
  ];
  const bytes = writeZip(
    null,
    parts.map(([n, text]) => ({ name: n, data: Buffer.from(text, "utf8") })),
  );
  return { bytes, from: sheet.name, to: name };
}
