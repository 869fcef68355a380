/**
 * The OOXML package of a workbook: which part is the workbook, its sheets and the parts they
 * relate to. Shared by the reader (readXlsx.ts) and the writer (patchXlsx.ts).
 */
import { FileReadError } from "./fileErrors";
import { openZip, readPart } from "./zip";
import type { ZipArchive, ZipLimits } from "./zip";
import { child, children, parseXml, partText } from "./xml";
import type { XmlElement } from "./xml";

export interface Relationship {
  id: string;
  /** The last segment of the type URI, e.g. "worksheet", "sharedStrings", "table". */
  type: string;
  /** The part it points to, as a package path without a leading slash. */
  target: string;
  external: boolean;
}

export interface SheetEntry {
  name: string;
  sheetId: string;
  rid: string;
  state: "visible" | "hidden" | "veryHidden";
  /** "worksheet", "chartsheet", "dialogsheet", "macrosheet"… */
  kind: string;
  /** Its part, e.g. "xl/worksheets/sheet1.xml". */
  path: string;
}

export interface WorkbookPackage {
  zip: ZipArchive;
  workbookPath: string;
  workbook: XmlElement;
  rels: Relationship[];
  sheets: SheetEntry[];
}

export function dirOf(part: string): string {
  const i = part.lastIndexOf("/");
  return i < 0 ? "" : part.slice(0, i + 1);
}

export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** A relationship target resolved against the part it is relative to. */
export function resolveTarget(fromPart: string, target: string): string {
  const raw = target.startsWith("/") ? target.slice(1) : dirOf(fromPart) + target;
  const out: string[] = [];
  for (const seg of raw.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

/** The text of a part, or undefined where the package has none. */
export function partString(zip: ZipArchive, name: string): string | undefined {
  const bytes = readPart(zip, name);
  return bytes ? partText(bytes) : undefined;
}

export function readRels(zip: ZipArchive, part: string): Relationship[] {
  const path = relsPathOf(part);
  const text = partString(zip, path);
  if (text === undefined) return [];
  return children(parseXml(path, text), "Relationship").map((r) => ({
    id: r.attrs.Id ?? "",
    type: (r.attrs.Type ?? "").split("/").pop() ?? "",
    target:
      r.attrs.TargetMode === "External"
        ? (r.attrs.Target ?? "")
        : resolveTarget(part, r.attrs.Target ?? ""),
    external: r.attrs.TargetMode === "External",
  }));
}

function notAWorkbook(): FileReadError {
  return new FileReadError("file.notWorkbook", {
    sv: "filen är ett zip-arkiv men ingen Excel-arbetsbok (ingen xl/workbook.xml)",
    en: "the file is a zip archive but no Excel workbook (no xl/workbook.xml)",
  });
}

export function openPackage(bytes: Buffer, limits?: ZipLimits): WorkbookPackage {
  const zip = openZip(bytes, limits);
  const root = readRels(zip, "");
  const office = root.find((r) => r.type === "officeDocument" && !r.external);
  const workbookPath = office?.target ?? "xl/workbook.xml";
  const text = partString(zip, workbookPath);
  if (text === undefined) throw notAWorkbook();
  const workbook = parseXml(workbookPath, text);
  if (workbook.name !== "workbook") throw notAWorkbook();
  const rels = readRels(zip, workbookPath);
  const sheets: SheetEntry[] = [];
  for (const s of children(child(workbook, "sheets"), "sheet")) {
    const rid = s.attrs.id ?? "";
    const rel = rels.find((r) => r.id === rid);
    if (!rel) continue;
    const state =
      s.attrs.state === "hidden" || s.attrs.state === "veryHidden" ? s.attrs.state : "visible";
    sheets.push({
      name: s.attrs.name ?? "",
      sheetId: s.attrs.sheetId ?? "",
      rid,
      state,
      kind: rel.type,
      path: rel.target,
    });
  }
  return { zip, workbookPath, workbook, rels, sheets };
}
