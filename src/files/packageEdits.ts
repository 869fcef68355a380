/**
 * The workbook-level edits of a patch: sheets of ours put in (replaced, or added at the end
 * with their relationship and content type), the summary's chart parts, a styles part where
 * the workbook has none. workbook.xml, its rels and [Content_Types].xml are changed only as
 * far as that needs, as text: nothing else in them is reserialised.
 */
import type { ChartSpec } from "../workbook/types";
import { chartDrawingXml, chartPartXml } from "./chartXml";
import { partString, readRels, relsPathOf } from "./ooxml";
import type { WorkbookPackage } from "./ooxml";
import { MINIMAL_STYLES } from "./stylesXml";
import { escapeXml } from "./xml";

/** An attribute's text as written back to what it says (the five entities and numeric ones). */
function unescapeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_WORKSHEET = `${NS_R}/worksheet`;
const REL_STYLES = `${NS_R}/styles`;
const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

export function relsXml(list: [string, string, string][]): string {
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

/** The workbook-level parts that new sheets need: workbook.xml, its rels, content types. */
export class PackageEdits {
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

  /**
   * The print titles of a sheet: the defined name `_xlnm.Print_Titles` with the sheet's
   * `localSheetId` (its index among the workbook's sheets, hidden ones and chart sheets
   * counted), e.g. `'Beslutsbilaga'!$12:$12`. A previous one for that sheet is replaced; every
   * other defined name is kept as it was. A missing `<definedNames>` goes where the schema puts
   * it: after `sheets`, `functionGroups` and `externalReferences`.
   */
  putPrintTitles(sheetName: string, rows: { first: number; last: number }): void {
    const p = /<([A-Za-z_][\w.-]*:)?workbook[\s>]/.exec(this.workbookXml)?.[1] ?? "";
    const sheetsBlock = new RegExp(`<${p}sheets(?=[\\s>])[\\s\\S]*?</${p}sheets>`).exec(
      this.workbookXml,
    );
    if (!sheetsBlock) return;
    const names = [
      ...sheetsBlock[0].matchAll(new RegExp(`<${p}sheet(?=[\\s/>])[^>]*?\\sname="([^"]*)"`, "g")),
    ].map((m) => unescapeXml(m[1]));
    const index = names.indexOf(sheetName);
    if (index < 0) return;
    const quoted = `'${sheetName.replace(/'/g, "''")}'`;
    const value = `${quoted}!$${rows.first + 1}:$${rows.last + 1}`;
    const el = `<${p}definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeXml(value)}</${p}definedName>`;
    const old = new RegExp(
      `<${p}definedName(?=\\s)(?=[^>]*\\sname="_xlnm\\.Print_Titles")(?=[^>]*\\slocalSheetId="${index}")[^>]*>[\\s\\S]*?</${p}definedName>`,
    );
    if (old.test(this.workbookXml)) {
      this.workbookXml = this.workbookXml.replace(old, el);
      return;
    }
    const close = new RegExp(`</${p}definedNames>`);
    if (close.test(this.workbookXml)) {
      this.workbookXml = this.workbookXml.replace(close, `${el}</${p}definedNames>`);
      return;
    }
    const after = [`</${p}externalReferences>`, `</${p}functionGroups>`, `</${p}sheets>`].find(
      (tag) => this.workbookXml.includes(tag),
    )!;
    this.workbookXml = this.workbookXml.replace(
      after,
      `${after}<${p}definedNames>${el}</${p}definedNames>`,
    );
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

  /**
   * A document custom property (File → Info → Properties in Excel, without the add-in): ours is
   * replaced, every other property of the user's is kept as it was.
   */
  putCustomProperty(name: string, value: string): void {
    const NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
    const rel = readRels(this.pkg.zip, "").find((r) => r.type === "custom-properties");
    const path = rel ? rel.target.replace(/^\//, "") : "docProps/custom.xml";
    let xml =
      (rel ? partString(this.pkg.zip, path) : undefined) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="${NS_VT}"></Properties>`;
    const vt = new RegExp(
      `xmlns:([\\w.-]+)="${NS_VT.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"`,
    ).exec(xml)?.[1];
    const prefix = vt ?? "vt";
    const named = escapeXml(name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    xml = xml.replace(
      new RegExp(
        `<([\\w.-]+:)?property\\b[^>]*name="${named}"[^>]*>[\\s\\S]*?</([\\w.-]+:)?property>`,
      ),
      "",
    );
    const pid = Math.max(1, ...[...xml.matchAll(/pid="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
    const ns = vt ? "" : ` xmlns:vt="${NS_VT}"`;
    const prop = `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${pid}" name="${escapeXml(name)}"${ns}><${prefix}:lpwstr>${escapeXml(value)}</${prefix}:lpwstr></property>`;
    xml = xml.replace(/<\/([\w.-]+:)?Properties>\s*$/, (close) => `${prop}${close}`);
    this.set(path, xml);
    if (!rel) {
      const rootRels =
        partString(this.pkg.zip, "_rels/.rels") ??
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
      const ids = [...rootRels.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
      const id = `rId${Math.max(0, ...ids) + 1}`;
      this.set(
        "_rels/.rels",
        rootRels.replace(
          /<\/([\w.-]+:)?Relationships>\s*$/,
          (close) =>
            `<Relationship Id="${id}" Type="${NS_R}/custom-properties" Target="docProps/custom.xml"/>${close}`,
        ),
      );
      this.addOverride(path, "application/vnd.openxmlformats-officedocument.custom-properties+xml");
    }
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
