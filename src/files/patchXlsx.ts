/**
 * `--out` for an .xlsx/.xlsm source: the plan is executed on the package's parts, not through
 * a workbook model, so that everything the tool does not mean to change keeps its bytes —
 * charts, images, comments, VBA, pivots, print settings, protection, defined names, styles.
 *
 * Changed parts: the target sheet's XML (only the cells of the plan), the sheets of any
 * `clear` range, the Excel table's part where the columns join a table, styles.xml (formats
 * appended), the summary sheet and the ATF_meta sheet (new parts, or the previous run's own
 * parts replaced), and, for new sheets, workbook.xml, its rels and [Content_Types].xml.
 * Every other zip entry is copied as it was, compressed bytes and all.
 */
import { columnName, splitSheetAddress } from "../workbook/a1";
import type { ConditionalFormat, PageLayoutPlan, PlannedCell, WritePlan } from "../workbook/types";
import { OWNERSHIP_SHEET } from "../workbook/types";
import { openPackage, partString, readRels } from "./ooxml";
import type { SheetEntry, WorkbookPackage } from "./ooxml";
import { rangeBox } from "./readOoxml";
import type { Box } from "./readOoxml";
import {
  addColumnWidths,
  cellXml,
  elementPrefix,
  formulaCellXml,
  growDimension,
  patchSheetData,
} from "./sheetXml";
import type { SheetEdits } from "./sheetXml";
import { NS_MAIN, NS_R, PackageEdits } from "./packageEdits";
import { styleBook } from "./stylesXml";
import type { StyleBook } from "./stylesXml";
import { writeZip } from "./zip";
import type { OutPart } from "./zip";
import { escapeXml, parseXml, children } from "./xml";

import { TargetCellsError, userCells } from "./userCells";
import type { UserCell } from "./userCells";

export { TargetCellsError } from "./userCells";
export type { UserCell } from "./userCells";

export class PlanTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanTargetError";
  }
}

function a1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** One sheet's edits: cells written and cleared, and the boxes they cover. */
interface SheetWork {
  entry: SheetEntry;
  edits: SheetEdits;
  boxes: Box[];
  widths: Map<number, number>;
}

function work(pkg: WorkbookPackage, works: Map<string, SheetWork>, sheet: string): SheetWork {
  let w = works.get(sheet);
  if (!w) {
    const entry = pkg.sheets.find((s) => s.name === sheet && s.kind === "worksheet");
    if (!entry) throw new PlanTargetError(`Sheet not found: ${sheet}`);
    w = { entry, edits: new Map(), boxes: [], widths: new Map() };
    works.set(sheet, w);
  }
  return w;
}

function setEdit(w: SheetWork, row: number, col: number, xml: string | null): void {
  let r = w.edits.get(row);
  if (!r) w.edits.set(row, (r = new Map()));
  r.set(col, xml);
}

/** The cells of a previous run that this one no longer covers: removed. */
function planClears(pkg: WorkbookPackage, works: Map<string, SheetWork>, plan: WritePlan): void {
  for (const address of plan.clear) {
    const { sheet, address: ref } = splitSheetAddress(address);
    const box = rangeBox(ref);
    if (!box) continue;
    const w = work(pkg, works, sheet ?? plan.columns.sheet);
    w.boxes.push(box);
    for (let r = box.top; r <= box.bottom; r++) {
      for (let c = box.left; c <= box.right; c++) setEdit(w, r, c, null);
    }
  }
}

/** Excel requires unique column names in a table: a clash with the table's own is numbered. */
function tableNames(existing: string[], headers: PlannedCell[]): string[] {
  const names = new Set(existing.map((n) => n.toLowerCase()));
  return headers.map((h) => {
    let name = String(h.value ?? "");
    for (let n = 2; names.has(name.toLowerCase()); n++) name = `${String(h.value)} (${n})`;
    names.add(name.toLowerCase());
    return name;
  });
}

interface TablePatch {
  path: string;
  xml: string;
}

/**
 * Grows the Excel table the columns join: its ref, its autofilter and its tableColumns
 * (the table's own columns left of ours kept as they are). Returns the header texts to write.
 */
function patchTable(
  pkg: WorkbookPackage,
  entry: SheetEntry,
  plan: WritePlan,
): { table: TablePatch; names: string[] } | null {
  const { table, firstCol, headers } = plan.columns;
  if (!table) return null;
  for (const rel of readRels(pkg.zip, entry.path).filter((r) => r.type === "table")) {
    const xml = partString(pkg.zip, rel.target);
    if (xml === undefined) continue;
    const root = parseXml(rel.target, xml);
    if (root.attrs.displayName !== table && root.attrs.name !== table) continue;
    const box = rangeBox(root.attrs.ref ?? "");
    if (!box) return null;
    // Only columns that touch the table can join it: a table has no gaps.
    if (firstCol < box.left || firstCol > box.right + 1) return null;
    const keep = firstCol - box.left;
    const columns = children(children(root, "tableColumns")[0], "tableColumn");
    const names = tableNames(
      columns.slice(0, keep).map((c) => c.attrs.name ?? ""),
      headers,
    );
    const p = /<([A-Za-z_][\w.-]*:)?table[\s>]/.exec(xml)?.[1] ?? "";
    const block = new RegExp(`<${p}tableColumns(?=[\\s>])[^>]*>[\\s\\S]*?</${p}tableColumns>`).exec(
      xml,
    );
    if (!block) return null;
    const items =
      block[0].match(
        new RegExp(`<${p}tableColumn(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${p}tableColumn>)`, "g"),
      ) ?? [];
    let maxId = 0;
    for (const c of columns) maxId = Math.max(maxId, Number(c.attrs.id ?? 0));
    const added = names.map(
      (n, i) => `<${p}tableColumn id="${maxId + 1 + i}" name="${escapeXml(n)}"/>`,
    );
    const all = [...items.slice(0, keep), ...added];
    const right = box.left + all.length - 1;
    const newRef = `${a1(box.top, box.left)}:${a1(box.bottom, right)}`;
    const totals = Number(root.attrs.totalsRowCount ?? 0);
    const filterRef = `${a1(box.top, box.left)}:${a1(box.bottom - (totals > 0 ? totals : 0), right)}`;
    let out =
      xml.slice(0, block.index) +
      `<${p}tableColumns count="${all.length}">${all.join("")}</${p}tableColumns>` +
      xml.slice(block.index + block[0].length);
    out = out.replace(new RegExp(`(<${p}table(?=[\\s>])[^>]*?\\sref=")[^"]*(")`), `$1${newRef}$2`);
    out = out.replace(
      new RegExp(`(<${p}autoFilter(?=[\\s/>])[^>]*?\\sref=")[^"]*(")`),
      `$1${filterRef}$2`,
    );
    return { table: { path: rel.target, xml: out }, names };
  }
  return null;
}

/**
 * Conditional formatting (cellIs equal to a text → the font colour), one block per range;
 * it goes after sheetData and before the drawing, as the schema orders them.
 */
function conditionalXml(formats: readonly ConditionalFormat[], styles: StyleBook): string {
  return formats
    .map(
      (f, i) =>
        `<conditionalFormatting sqref="${f.range}"><cfRule type="cellIs" dxfId="${styles.fontColorDxf(f.fontColor)}" priority="${i + 1}" operator="equal"><formula>${escapeXml(`"${f.equals.replace(/"/g, '""')}"`)}</formula></cfRule></conditionalFormatting>`,
    )
    .join("");
}

/** The header and footer codes, centre section, as OOXML text ("&CSida &P av &N"). */
function headerFooterXml(layout: PageLayoutPlan): string {
  return (
    `<headerFooter><oddHeader>${escapeXml(`&C${layout.centerHeader}`)}</oddHeader>` +
    `<oddFooter>${escapeXml(`&C${layout.centerFooter}`)}</oddFooter></headerFooter>`
  );
}

/**
 * How the sheet prints, in the schema's places: `sheetPr/pageSetUpPr fitToPage` first in the
 * worksheet (without it Excel ignores fitToWidth), then after the cells and their conditional
 * formatting `pageMargins` (Excel's "Normal"), `pageSetup` (paperSize 9 is A4) and
 * `headerFooter`. The print titles are a defined name in workbook.xml (putPrintTitles).
 */
function pageXml(layout: PageLayoutPlan | undefined): { head: string; tail: string } {
  if (!layout) return { head: "", tail: "" };
  return {
    head: '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
    tail:
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      `<pageSetup paperSize="9" orientation="${layout.orientation}" fitToWidth="${layout.fitToPagesWide}" fitToHeight="${layout.fitToPagesTall}"/>` +
      headerFooterXml(layout),
  };
}

/** A whole sheet of ours (the summary, the annex, the record) as worksheet XML. */
function ourSheetXml(
  cells: PlannedCell[][],
  widths: number[],
  styles: StyleBook,
  drawingRid?: string,
  formats: readonly ConditionalFormat[] = [],
  layout?: PageLayoutPlan,
): string {
  const page = pageXml(layout);
  const cols = widths
    .map((w, c) =>
      w > 0 ? `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>` : "",
    )
    .join("");
  const rows = cells
    .map((row, r) => {
      const xs = row
        .map((cell, c) => {
          const style = styles.styleFor(cell.numberFormat, cell.bold);
          return cell.formula
            ? formulaCellXml(r, c, cell.formula, cell.value, style)
            : cellXml(r, c, cell.value, style);
        })
        .filter((x): x is string => x !== null);
      return xs.length > 0 ? `<row r="${r + 1}">${xs.join("")}</row>` : "";
    })
    .join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
    page.head +
    (cols ? `<cols>${cols}</cols>` : "") +
    `<sheetData>${rows}</sheetData>` +
    conditionalXml(formats, styles) +
    page.tail +
    (drawingRid ? `<drawing r:id="${drawingRid}"/>` : "") +
    "</worksheet>"
  );
}

/**
 * The package with the plan applied. Throws TargetCellsError (nothing written) where a target
 * cell is a merge, a formula, or has a note or comment; HostConflictError-like conflicts are
 * the caller's (the plan's own `conflicts`).
 */
export function patchWorkbook(bytes: Buffer, plan: WritePlan): Buffer {
  const pkg = openPackage(bytes);
  const edits = new PackageEdits(pkg);
  const styleSource = edits.stylesPath();
  const styles = styleBook(styleSource.xml);
  const works = new Map<string, SheetWork>();
  planClears(pkg, works, plan);

  const { sheet, headerRow, firstCol, headers, rows } = plan.columns;
  const target = work(pkg, works, sheet);
  const tablePatch = patchTable(pkg, target.entry, plan);
  const sheetXmls = new Map<string, string>();
  const sheetText = (w: SheetWork): string => {
    let xml = sheetXmls.get(w.entry.path);
    if (xml === undefined) {
      xml = partString(pkg.zip, w.entry.path);
      if (xml === undefined) throw new PlanTargetError(`Sheet part missing: ${w.entry.path}`);
      sheetXmls.set(w.entry.path, xml);
    }
    return xml;
  };
  const p = elementPrefix(sheetText(target));
  const names = tablePatch?.names ?? headers.map((h) => h.value);
  headers.forEach((h, i) => {
    const value = names[i] ?? h.value;
    setEdit(
      target,
      headerRow,
      firstCol + i,
      cellXml(headerRow, firstCol + i, value, styles.styleFor(h.numberFormat, h.bold), p),
    );
    const text = String(value ?? "");
    target.widths.set(firstCol + i, Math.min(40, Math.max(14, text.length + 2)));
  });
  rows.forEach((row, r) =>
    row.forEach((cell, i) => {
      const rr = headerRow + 1 + r;
      setEdit(
        target,
        rr,
        firstCol + i,
        cellXml(rr, firstCol + i, cell.value, styles.styleFor(cell.numberFormat, cell.bold), p),
      );
    }),
  );
  const box: Box = {
    top: headerRow,
    left: firstCol,
    bottom: headerRow + rows.length,
    right: firstCol + headers.length - 1,
  };
  target.boxes.push(box);

  const refused: { cells: UserCell[] } = { cells: [] };
  for (const w of works.values()) {
    const xml = sheetText(w);
    const patched = patchSheetData(xml, w.edits);
    refused.cells.push(...userCells(pkg, w, xml, patched.formulas));
    let out = patched.xml;
    if (w === target) {
      out = growDimension(out, box);
      out = addColumnWidths(out, w.widths);
    }
    edits.set(w.entry.path, out);
  }
  if (refused.cells.length > 0) throw new TargetCellsError(refused.cells);
  if (tablePatch) edits.set(tablePatch.table.path, tablePatch.table.xml);

  const chart = plan.summary.chart;
  const summaryPath = edits.putSheet(
    plan.summary.sheetName,
    ourSheetXml(
      plan.summary.cells,
      plan.summary.columnWidths,
      styles,
      chart ? "rId1" : undefined,
      plan.summary.conditionalFormats,
    ),
    null,
  );
  if (chart) edits.putChart(summaryPath, plan.summary.sheetName, chart);
  const annex = plan.annex;
  if (annex) {
    edits.putSheet(
      annex.sheetName,
      ourSheetXml(
        annex.cells,
        annex.columnWidths,
        styles,
        undefined,
        annex.conditionalFormats,
        annex.pageLayout,
      ),
      null,
    );
    edits.putPrintTitles(annex.sheetName, annex.pageLayout.titleRows);
  }
  const written = headers.map((h, i) => String(names[i] ?? h.value));
  const record = JSON.stringify({ ...plan.ownership, headers: written });
  edits.putSheet(OWNERSHIP_SHEET, ourSheetXml([[{ value: record }]], [], styles), "veryHidden");
  // The run's fingerprint where a reviewer finds it without the add-in (File → Info).
  const property = plan.documentProperty;
  if (property) edits.putCustomProperty(property.name, property.value);
  const stylesXml = styles.xml();
  if (stylesXml !== styleSource.xml || !pkg.rels.some((r) => r.type === "styles")) {
    edits.set(styleSource.path, stylesXml);
  }
  edits.finish();

  const out: OutPart[] = [];
  const done = new Set<string>();
  for (const e of pkg.zip.entries) {
    const replaced = edits.parts.get(e.name) ?? findCaseless(edits.parts, e.name);
    out.push(replaced ? { name: e.name, data: replaced } : { name: e.name, copy: e });
    done.add(e.name.toLowerCase());
  }
  for (const [name, data] of edits.parts)
    if (!done.has(name.toLowerCase())) out.push({ name, data });
  return writeZip(pkg.zip, out);
}

function findCaseless(parts: Map<string, Buffer>, name: string): Buffer | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of parts) if (k.toLowerCase() === lower) return v;
  return undefined;
}
