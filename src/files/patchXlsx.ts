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
import { splitSheetAddress } from "../workbook/a1";
import type { Text } from "../domain/ruleSet";
import type { ChartSpec, PlannedCell, WritePlan } from "../workbook/types";
import { chartDrawingXml, chartPartXml } from "./chartXml";
import { OWNERSHIP_SHEET } from "../workbook/types";
import { openPackage, partString, readRels, relsPathOf } from "./ooxml";
import type { SheetEntry, WorkbookPackage } from "./ooxml";
import { encodeCol, rangeBox } from "./readOoxml";
import type { Box } from "./readOoxml";
import {
  addColumnWidths,
  cellXml,
  elementPrefix,
  formulaRanges,
  growDimension,
  mergeRanges,
  patchSheetData,
} from "./sheetXml";
import type { SheetEdits } from "./sheetXml";
import { MINIMAL_STYLES, styleBook } from "./stylesXml";
import type { StyleBook } from "./stylesXml";
import { writeZip } from "./zip";
import type { OutPart } from "./zip";
import { escapeXml, parseXml, children } from "./xml";

/** A target cell that is the user's (a merge, a formula, a note or comment): nothing written. */
export interface UserCell {
  sheet: string;
  cell: string;
  code: string;
  message: Text;
}

export class TargetCellsError extends Error {
  constructor(readonly cells: UserCell[]) {
    super(
      `The target cells are the user's: ${cells.map((c) => `${c.sheet}!${c.cell}`).join(", ")}`,
    );
    this.name = "TargetCellsError";
  }
}

export class PlanTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanTargetError";
  }
}

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_WORKSHEET = `${NS_R}/worksheet`;
const REL_STYLES = `${NS_R}/styles`;
const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

function relsXml(list: [string, string, string][]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    list
      .map(
        ([id, type, target]) =>
          `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`,
      )
      .join("") +
    "</Relationships>"
  );
}

/** The target of a relationship from one part to another, relative to the first's folder. */
export function relativeTarget(from: string, to: string): string {
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

function overlaps(a: Box, b: Box): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function inBox(b: Box, row: number, col: number): boolean {
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}

function a1(row: number, col: number): string {
  return `${encodeCol(col)}${row + 1}`;
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

/** Cells with a note or a (threaded) comment on a sheet. */
function commentCells(pkg: WorkbookPackage, entry: SheetEntry): string[] {
  const out: string[] = [];
  for (const rel of readRels(pkg.zip, entry.path)) {
    if (rel.type !== "comments" && rel.type !== "threadedComment") continue;
    const xml = partString(pkg.zip, rel.target);
    if (xml === undefined) continue;
    const re = /<(?:[\w.-]+:)?(?:comment|threadedComment)(?=[\s>])[^>]*?\sref="([^"]+)"/g;
    for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1]);
  }
  return out;
}

const REASONS = {
  merge: (range: string): Text => ({
    sv: `cellen ingår i sammanfogade celler (${range}) — dela upp dem eller flytta tabellen; ingenting har skrivits`,
    en: `the cell is part of merged cells (${range}) — unmerge them or move the table; nothing was written`,
  }),
  formula: {
    sv: "cellen har en formel — ta bort den eller flytta tabellen; ingenting har skrivits",
    en: "the cell holds a formula — remove it or move the table; nothing was written",
  },
  comment: {
    sv: "cellen har en anteckning eller kommentar — ta bort den eller flytta tabellen; ingenting har skrivits",
    en: "the cell has a note or comment — remove it or move the table; nothing was written",
  },
};

/** Everything in the target boxes that is the user's (merges, formulas, notes, comments). */
function userCells(
  pkg: WorkbookPackage,
  w: SheetWork,
  xml: string,
  formulas: string[],
): UserCell[] {
  const sheet = w.entry.name;
  const out: UserCell[] = [];
  const seen = new Set<string>();
  const push = (cell: string, code: string, message: Text) => {
    if (seen.has(`${code}:${cell}`)) return;
    seen.add(`${code}:${cell}`);
    out.push({ sheet, cell, code, message });
  };
  for (const ref of mergeRanges(xml)) {
    const m = rangeBox(ref);
    if (!m) continue;
    const hit = w.boxes.find((b) => overlaps(b, m));
    if (!hit) continue;
    push(
      a1(Math.max(m.top, hit.top), Math.max(m.left, hit.left)),
      "write.merge",
      REASONS.merge(ref),
    );
  }
  for (const f of formulas) push(f, "write.formula", REASONS.formula);
  for (const range of formulaRanges(xml)) {
    const hit = w.boxes.find((b) => overlaps(b, range));
    if (hit)
      push(
        a1(Math.max(range.top, hit.top), Math.max(range.left, hit.left)),
        "write.formula",
        REASONS.formula,
      );
  }
  for (const ref of commentCells(pkg, w.entry)) {
    const c = rangeBox(ref);
    if (c && w.boxes.some((b) => inBox(b, c.top, c.left)))
      push(ref, "write.comment", REASONS.comment);
  }
  return out;
}

/** A whole sheet of ours (the summary, the record) as worksheet XML. */
function ourSheetXml(
  cells: PlannedCell[][],
  widths: number[],
  styles: StyleBook,
  drawingRid?: string,
): string {
  const cols = widths
    .map((w, c) =>
      w > 0 ? `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>` : "",
    )
    .join("");
  const rows = cells
    .map((row, r) => {
      const xs = row
        .map((cell, c) => cellXml(r, c, cell.value, styles.styleFor(cell.numberFormat, cell.bold)))
        .filter((x): x is string => x !== null);
      return xs.length > 0 ? `<row r="${r + 1}">${xs.join("")}</row>` : "";
    })
    .join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
    (cols ? `<cols>${cols}</cols>` : "") +
    `<sheetData>${rows}</sheetData>` +
    (drawingRid ? `<drawing r:id="${drawingRid}"/>` : "") +
    "</worksheet>"
  );
}

/** The workbook-level parts that new sheets need: workbook.xml, its rels, content types. */
class PackageEdits {
  parts = new Map<string, Buffer>();
  private workbookXml: string;
  private relsXml: string;
  private typesXml: string;
  private nextSheetId: number;
  private nextRid: number;
  private nextPart: number;

  constructor(private pkg: WorkbookPackage) {
    this.workbookXml = partString(pkg.zip, pkg.workbookPath)!;
    this.relsXml =
      partString(pkg.zip, relsPathOf(pkg.workbookPath)) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    this.typesXml = partString(pkg.zip, "[Content_Types].xml") ?? "";
    this.nextSheetId = Math.max(0, ...pkg.sheets.map((s) => Number(s.sheetId) || 0)) + 1;
    this.nextRid =
      Math.max(0, ...pkg.rels.map((r) => Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0))) + 1;
    const used = new Set(pkg.zip.entries.map((e) => e.name.toLowerCase()));
    let n = pkg.sheets.length + 1;
    while (used.has(`xl/worksheets/sheet${n}.xml`)) n++;
    this.nextPart = n;
  }

  set(name: string, text: string): void {
    this.parts.set(name, Buffer.from(text, "utf8"));
  }

  private addRel(type: string, target: string): string {
    const id = `rId${this.nextRid++}`;
    this.relsXml = this.relsXml.replace(
      /<\/([\w.-]+:)?Relationships>\s*$/,
      (close) => `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>${close}`,
    );
    return id;
  }

  addOverride(part: string, type: string): void {
    if (
      new RegExp(`PartName="/${part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`, "i").test(
        this.typesXml,
      )
    )
      return;
    this.typesXml = this.typesXml.replace(
      /<\/([\w.-]+:)?Types>\s*$/,
      (close) => `<Override PartName="/${part}" ContentType="${type}"/>${close}`,
    );
  }

  /** Replaces a sheet of ours, or adds it at the end (defined names' sheet indices stay valid). */
  putSheet(name: string, xml: string, hidden: "veryHidden" | null): string {
    const existing = this.pkg.sheets.find((s) => s.name === name && s.kind === "worksheet");
    if (existing) {
      this.set(existing.path, xml);
      return existing.path;
    }
    const part = `xl/worksheets/sheet${this.nextPart++}.xml`;
    const target =
      part.startsWith("xl/") && this.pkg.workbookPath.startsWith("xl/")
        ? part.slice(3)
        : `/${part}`;
    const rid = this.addRel(REL_WORKSHEET, target);
    const p = /<([A-Za-z_][\w.-]*:)?workbook[\s>]/.exec(this.workbookXml)?.[1] ?? "";
    const rPrefix =
      /xmlns:([\w.-]+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(
        this.workbookXml,
      )?.[1];
    const ridAttr = rPrefix ? `${rPrefix}:id` : "r:id";
    const ns = rPrefix ? "" : ` xmlns:r="${NS_R}"`;
    const el = `<${p}sheet name="${escapeXml(name)}" sheetId="${this.nextSheetId++}"${hidden ? ` state="${hidden}"` : ""}${ns} ${ridAttr}="${rid}"/>`;
    this.workbookXml = this.workbookXml.replace(new RegExp(`</${p}sheets>`), `${el}</${p}sheets>`);
    this.addOverride(part, CT_WORKSHEET);
    this.set(part, xml);
    return part;
  }

  /** A part name not in the package yet, e.g. "xl/charts/chart3.xml". */
  freePart(prefix: string, ext: string): string {
    const used = new Set([
      ...this.pkg.zip.entries.map((e) => e.name.toLowerCase()),
      ...[...this.parts.keys()].map((k) => k.toLowerCase()),
    ]);
    let n = 1;
    while (used.has(`${prefix}${n}.${ext}`.toLowerCase())) n++;
    return `${prefix}${n}.${ext}`;
  }

  /**
   * The summary's chart: a drawing and a chart part, related from the sheet (whose rels are
   * ours: the sheet is). A previous run's drawing and chart parts are reused.
   */
  putChart(sheetPath: string, sheetName: string, chart: ChartSpec): string {
    const old = readRels(this.pkg.zip, sheetPath).find((r) => r.type === "drawing");
    const drawing = old?.target ?? this.freePart("xl/drawings/drawing", "xml");
    const oldChart = old
      ? readRels(this.pkg.zip, drawing).find((r) => r.type === "chart")
      : undefined;
    const chartPart = oldChart?.target ?? this.freePart("xl/charts/chart", "xml");
    this.set(chartPart, chartPartXml(sheetName, chart));
    this.set(drawing, chartDrawingXml(chart));
    this.set(
      relsPathOf(drawing),
      relsXml([["rId1", `${NS_R}/chart`, relativeTarget(drawing, chartPart)]]),
    );
    this.set(
      relsPathOf(sheetPath),
      relsXml([["rId1", `${NS_R}/drawing`, relativeTarget(sheetPath, drawing)]]),
    );
    this.addOverride(drawing, CT_DRAWING);
    this.addOverride(chartPart, CT_CHART);
    return "rId1";
  }

  /** The styles part, created where the workbook has none. */
  stylesPath(): { path: string; xml: string } {
    const rel = this.pkg.rels.find((r) => r.type === "styles");
    if (rel)
      return { path: rel.target, xml: partString(this.pkg.zip, rel.target) ?? MINIMAL_STYLES };
    const path = "xl/styles.xml";
    this.addRel(REL_STYLES, "styles.xml");
    this.addOverride(path, CT_STYLES);
    return { path, xml: MINIMAL_STYLES };
  }

  finish(): void {
    const original = partString(this.pkg.zip, this.pkg.workbookPath);
    if (this.workbookXml !== original) this.set(this.pkg.workbookPath, this.workbookXml);
    const rels = relsPathOf(this.pkg.workbookPath);
    if (this.relsXml !== partString(this.pkg.zip, rels)) this.set(rels, this.relsXml);
    if (this.typesXml !== partString(this.pkg.zip, "[Content_Types].xml")) {
      this.set("[Content_Types].xml", this.typesXml);
    }
  }
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
    ourSheetXml(plan.summary.cells, plan.summary.columnWidths, styles, chart ? "rId1" : undefined),
    null,
  );
  if (chart) edits.putChart(summaryPath, plan.summary.sheetName, chart);
  const written = headers.map((h, i) => String(names[i] ?? h.value));
  const record = JSON.stringify({ ...plan.ownership, headers: written });
  edits.putSheet(OWNERSHIP_SHEET, ourSheetXml([[{ value: record }]], [], styles), "veryHidden");
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
