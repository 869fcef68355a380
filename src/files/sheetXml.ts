/**
 * Edits a worksheet's XML in place: only the rows that get a written or cleared cell are
 * rebuilt, and in them only those cells; every other byte of the part stays as it was (the
 * sheet's views, columns, merges, print settings, protection, drawings, other cells).
 *
 * A cell the plan would write or clear that holds a formula (`<f>`, also with an empty
 * value, or inside an array formula's range) is the user's: it is reported, not replaced.
 */
import { columnName } from "../workbook/a1";
import { cellRef, rangeBox } from "./readOoxml";
import type { Box } from "./readOoxml";
import { escapeXml } from "./xml";

/** The new XML of a cell (with its r), or null to remove the cell (a cleared cell of ours). */
export type CellEdit = string | null;

/** Edits by zero-based row, then column. */
export type SheetEdits = Map<number, Map<number, CellEdit>>;

export interface SheetPatch {
  xml: string;
  /** Cells of the edits that hold a formula: A1 addresses. */
  formulas: string[];
}

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The namespace prefix of the sheet's elements ("" or "x:"). */
export function elementPrefix(xml: string): string {
  const m = /<([A-Za-z_][\w.-]*:)?worksheet[\s>]/.exec(xml);
  return m?.[1] ?? "";
}

interface Piece {
  start: number;
  end: number;
  index: number;
  text: string;
}

interface Patterns {
  cell: RegExp;
  formula: RegExp;
  row: RegExp;
}

const PATTERNS = new Map<string, Patterns>();

/** The patterns for one prefix, compiled once (a sheet of 200 000 rows uses them per row). */
function patterns(p: string): Patterns {
  let hit = PATTERNS.get(p);
  if (!hit) {
    const e = esc(p);
    hit = {
      cell: new RegExp(`<${e}c(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${e}c>)`, "g"),
      formula: new RegExp(`<${e}f[\\s/>]`),
      row: new RegExp(
        `(<${e}row(?=[\\s/>])[^>]*?/>)|(<${e}row(?=[\\s/>])[^>]*>)([\\s\\S]*?)</${e}row>`,
        "g",
      ),
    };
    PATTERNS.set(p, hit);
  }
  return hit;
}

/** The `<c>` elements of a row's content, in order, with their columns. */
function cellsOf(content: string, p: string, rowIndex: number): Piece[] {
  const re = patterns(p).cell;
  re.lastIndex = 0;
  const out: Piece[] = [];
  let col = -1;
  for (let m = re.exec(content); m; m = re.exec(content)) {
    const r = /^<[^>]*?\sr="([^"]*)"/.exec(m[0]);
    const ref = r ? cellRef(r[1]) : null;
    col = ref && ref.row === rowIndex ? ref.col : col + 1;
    out.push({ start: m.index, end: m.index + m[0].length, index: col, text: m[0] });
  }
  return out;
}

/** A cell's text with its r attribute (added where the file left it out). */
function withRef(text: string, row: number, col: number): string {
  if (/^<[^>]*?\sr="/.test(text)) return text;
  return text.replace(
    /^<([\w.:-]+)/,
    (_all, name: string) => `<${name} r="${columnName(col)}${row + 1}"`,
  );
}

function rowStart(tag: string, row: number): string {
  let t = tag.replace(/\sspans="[^"]*"/, "");
  if (!/\sr="/.test(t))
    t = t.replace(/^<([\w.:-]+)/, (_all, name: string) => `<${name} r="${row + 1}"`);
  return t;
}

function rebuildRow(
  startTag: string,
  content: string,
  row: number,
  edits: Map<number, CellEdit>,
  p: string,
  formulas: string[],
): string {
  const cells = cellsOf(content, p, row);
  const out: { col: number; text: string }[] = [];
  // What the row holds beside its cells (an extension list) follows them, as before.
  let extra = "";
  let at = 0;
  for (const c of cells) {
    extra += content.slice(at, c.start);
    at = c.end;
    if (edits.has(c.index)) {
      if (patterns(p).formula.test(c.text)) formulas.push(`${columnName(c.index)}${row + 1}`);
      continue;
    }
    out.push({ col: c.index, text: withRef(c.text, row, c.index) });
  }
  extra += content.slice(at);
  if (extra.trim() === "") extra = "";
  for (const [col, edit] of edits) if (edit !== null) out.push({ col, text: edit });
  out.sort((a, b) => a.col - b.col);
  const open = rowStart(startTag.replace(/\/>$/, ">"), row);
  if (
    out.length === 0 &&
    extra === "" &&
    !/\s(?:s|ht|hidden|customFormat|customHeight|outlineLevel)="/.test(open)
  ) {
    return "";
  }
  let text = open;
  for (const o of out) text += o.text;
  return `${text}${extra}</${p}row>`;
}

/** Applies the edits to the sheet's rows; new rows are inserted in order. */
export function patchSheetData(xml: string, edits: SheetEdits): SheetPatch {
  const p = elementPrefix(xml);
  const formulas: string[] = [];
  const open = new RegExp(`<${esc(p)}sheetData(?=[\\s/>])[^>]*?(/?)>`).exec(xml);
  if (!open) throw new Error("the sheet has no sheetData");
  const bodyStart = open.index + open[0].length;
  let bodyEnd: number;
  let head = xml.slice(0, open.index);
  let tail: string;
  if (open[1] === "/") {
    head += `<${p}sheetData>`;
    bodyEnd = bodyStart;
    tail = `</${p}sheetData>` + xml.slice(bodyStart);
  } else {
    head = xml.slice(0, bodyStart);
    bodyEnd = xml.indexOf(`</${p}sheetData>`, bodyStart);
    if (bodyEnd < 0) throw new Error("the sheet's sheetData is not closed");
    tail = xml.slice(bodyEnd);
  }
  const body = xml.slice(bodyStart, bodyEnd);
  const rowRe = patterns(p).row;
  rowRe.lastIndex = 0;
  const pending = [...edits.keys()].sort((a, b) => a - b);
  let next = 0;
  const parts: string[] = [];
  let last = 0;
  let row = -1;
  const newRow = (r: number) => rebuildRow(`<${p}row>`, "", r, edits.get(r)!, p, formulas);
  for (let m = rowRe.exec(body); m; m = rowRe.exec(body)) {
    const tag = m[1] ?? m[2];
    const r = /\sr="(\d+)"/.exec(tag);
    row = r ? Number(r[1]) - 1 : row + 1;
    // Rows to insert before this one.
    let inserted = "";
    while (next < pending.length && pending[next] < row) inserted += newRow(pending[next++]);
    parts.push(body.slice(last, m.index), inserted);
    if (next < pending.length && pending[next] === row) {
      next++;
      parts.push(rebuildRow(tag, m[3] ?? "", row, edits.get(row)!, p, formulas));
    } else parts.push(m[0]);
    last = m.index + m[0].length;
  }
  let inserted = "";
  while (next < pending.length) inserted += newRow(pending[next++]);
  parts.push(body.slice(last), inserted);
  return { xml: head + parts.join("") + tail, formulas };
}

/** Array (and shared) formulas' ranges: writing into them would break them. */
export function formulaRanges(xml: string): Box[] {
  const p = esc(elementPrefix(xml));
  const out: Box[] = [];
  const re = new RegExp(`<${p}f(?=[\\s/>])[^>]*?\\sref="([^"]+)"`, "g");
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const b = rangeBox(m[1]);
    if (b) out.push(b);
  }
  return out;
}

export function mergeRanges(xml: string): string[] {
  const p = esc(elementPrefix(xml));
  const out: string[] = [];
  const re = new RegExp(`<${p}mergeCell(?=[\\s/>])[^>]*?\\sref="([^"]+)"`, "g");
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1]);
  return out;
}

/** Makes `<dimension ref>` cover the box too (where the sheet has one). */
export function growDimension(xml: string, box: Box): string {
  const p = esc(elementPrefix(xml));
  return xml.replace(
    new RegExp(`(<${p}dimension(?=[\\s/>])[^>]*?\\sref=")([^"]*)(")`),
    (all, a, ref, z) => {
      const b = rangeBox(ref);
      if (!b) return all;
      const top = Math.min(b.top, box.top);
      const left = Math.min(b.left, box.left);
      const bottom = Math.max(b.bottom, box.bottom);
      const right = Math.max(b.right, box.right);
      return `${a}${columnName(left)}${top + 1}:${columnName(right)}${bottom + 1}${z}`;
    },
  );
}

/**
 * Gives columns without a width of their own a width (`<col>`), leaving every column the
 * sheet already describes as it is.
 */
export function addColumnWidths(xml: string, widths: Map<number, number>): string {
  const p = elementPrefix(xml);
  const ep = esc(p);
  const taken: Box[] = [];
  const colRe = new RegExp(`<${ep}col(?=[\\s/>])[^>]*?\\smin="(\\d+)"[^>]*?\\smax="(\\d+)"`, "g");
  const colsBlock = new RegExp(`<${ep}cols(?=[\\s/>])[^>]*>[\\s\\S]*?</${ep}cols>`).exec(xml);
  if (colsBlock) {
    for (let m = colRe.exec(colsBlock[0]); m; m = colRe.exec(colsBlock[0])) {
      taken.push({ top: 0, bottom: 0, left: Number(m[1]) - 1, right: Number(m[2]) - 1 });
    }
  }
  const add = [...widths.entries()]
    .filter(([c]) => !taken.some((t) => c >= t.left && c <= t.right))
    .sort((a, b) => a[0] - b[0])
    .map(([c, w]) => `<${p}col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`);
  if (add.length === 0) return xml;
  if (colsBlock) {
    // Keep <col> elements in ascending order: place each new one before the first that is higher.
    const inner = colsBlock[0];
    const elements = [
      ...inner.matchAll(new RegExp(`<${ep}col(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${ep}col>)`, "g")),
    ].map((m) => ({ text: m[0], min: Number(/\smin="(\d+)"/.exec(m[0])?.[1] ?? 0) }));
    const added = add.map((text) => ({ text, min: Number(/\smin="(\d+)"/.exec(text)![1]) }));
    const all = [...elements, ...added].sort((a, b) => a.min - b.min);
    const openTag = /^<[^>]*>/.exec(inner)![0];
    const rebuilt = `${openTag}${all.map((e) => e.text).join("")}</${p}cols>`;
    return xml.slice(0, colsBlock.index) + rebuilt + xml.slice(colsBlock.index + inner.length);
  }
  const at = new RegExp(`<${ep}sheetData(?=[\\s/>])`).exec(xml);
  if (!at) return xml;
  return xml.slice(0, at.index) + `<${p}cols>${add.join("")}</${p}cols>` + xml.slice(at.index);
}

/**
 * A formula cell of the tool's own (the summary's checks): `<f>` with the value it computes
 * cached in `<v>` (t="str" for a text result), so a file opened anywhere shows the right
 * state before any recalculation. The formula comes from the planner, never from a text.
 */
export function formulaCellXml(
  row: number,
  col: number,
  formula: string,
  value: string | number | boolean | null,
  style: number,
  p = "",
): string {
  const r = `${columnName(col)}${row + 1}`;
  const s = style > 0 ? ` s="${style}"` : "";
  const f = `<${p}f>${escapeXml(formula.replace(/^=/, ""))}</${p}f>`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return `<${p}c r="${r}"${s}>${f}<${p}v>${String(value)}</${p}v></${p}c>`;
  }
  if (typeof value === "boolean")
    return `<${p}c r="${r}"${s} t="b">${f}<${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  return `<${p}c r="${r}"${s} t="str">${f}<${p}v>${escapeXml(value ?? "")}</${p}v></${p}c>`;
}

/** A cell's XML: numbers as `<v>`, text always as an inline string (never a formula). */
export function cellXml(
  row: number,
  col: number,
  value: string | number | boolean | null,
  style: number,
  p = "",
): string | null {
  const r = `${columnName(col)}${row + 1}`;
  const s = style > 0 ? ` s="${style}"` : "";
  if (value === null) return style > 0 ? `<${p}c r="${r}"${s}/>` : null;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return `<${p}c r="${r}"${s}><${p}v>${String(value)}</${p}v></${p}c>`;
  }
  if (typeof value === "boolean")
    return `<${p}c r="${r}"${s} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  return `<${p}c r="${r}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(value)}</${p}t></${p}is></${p}c>`;
}
