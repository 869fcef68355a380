/**
 * Workbooks written the way other tools write OOXML, part by part (zipped with jszip, not with
 * the code under test): openpyxl-like packages (shared or inline strings, no styles, `<c>`
 * without `r`, prefixed element names, no calcChain), and a "fidelity" workbook with
 * everything `--out` must keep: a chart and an image in a drawing, notes with their legacy
 * VML, print titles and a print area, sheet and workbook protection, a pivot table with its
 * cache, and for .xlsm a vbaProject.bin.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { CASES_DIR } from "../cli/cases";

export type Cell = string | number | null | { f: string; v?: number };

export const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument";

/** The 2024 golden case's table (Region; Folkmängd; AT 2024; Planerade AT 2024). */
export function case2024Rows(): Cell[][] {
  const text = readFileSync(path.join(CASES_DIR, "2024-all-regions", "input.csv"), "utf8");
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "")
    .map((l, r) => l.split(";").map((v) => (r > 0 && /^\d+$/.test(v) ? Number(v) : v)));
}

export function col(c: number): string {
  let n = c + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

export interface SheetOptions {
  /** Shared strings (openpyxl's default) or inline strings. */
  strings?: "shared" | "inline";
  /** Leave out every `r` (legal: positions follow from order). */
  omitRefs?: boolean;
  /** An element prefix such as "x:" (some .NET tools write one). */
  prefix?: string;
  /** XML placed after </sheetData> (merges, protection, print settings, drawing…). */
  after?: string;
  /** XML placed before <sheetData> (sheetViews, cols). */
  before?: string;
}

/** A worksheet's XML from rows of cells; the shared strings table is filled as it goes. */
export function sheetXml(rows: Cell[][], sst: string[], o: SheetOptions = {}): string {
  const p = o.prefix ?? "";
  const index = new Map(sst.map((s, i) => [s, i]));
  const rowsXml = rows
    .map((row, r) => {
      const cells = row
        .map((v, c) => {
          const ref = o.omitRefs ? "" : ` r="${col(c)}${r + 1}"`;
          if (v === null) return o.omitRefs ? `<${p}c/>` : "";
          if (typeof v === "number") return `<${p}c${ref}><${p}v>${v}</${p}v></${p}c>`;
          if (typeof v === "object") {
            const value = v.v === undefined ? "" : `<${p}v>${v.v}</${p}v>`;
            return `<${p}c${ref}><${p}f>${esc(v.f)}</${p}f>${value}</${p}c>`;
          }
          if (o.strings === "inline") {
            return `<${p}c${ref} t="inlineStr"><${p}is><${p}t>${esc(v)}</${p}t></${p}is></${p}c>`;
          }
          let i = index.get(v);
          if (i === undefined) {
            i = sst.push(v) - 1;
            index.set(v, i);
          }
          return `<${p}c${ref} t="s"><${p}v>${i}</${p}v></${p}c>`;
        })
        .join("");
      return `<${p}row${o.omitRefs ? "" : ` r="${r + 1}"`}>${cells}</${p}row>`;
    })
    .join("");
  const xmlns = p
    ? `xmlns:${p.slice(0, -1)}="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"`
    : NS;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${xmlns}>` +
    (o.before ?? "") +
    `<${p}sheetData>${rowsXml}</${p}sheetData>` +
    (o.after ?? "") +
    `</${p}worksheet>`
  );
}

export function sstXml(sst: string[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${NS} count="${sst.length}" uniqueCount="${sst.length}">` +
    sst.map((s) => `<si><t>${esc(s)}</t></si>`).join("") +
    "</sst>"
  );
}

export type Parts = Record<string, string | Buffer>;

export async function zipParts(parts: Parts): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(parts)) zip.file(name, data);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

function rels(list: [id: string, type: string, target: string][]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    list
      .map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`)
      .join("") +
    "</Relationships>"
  );
}

function types(defaults: [string, string][], overrides: [string, string][]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    defaults.map(([e, t]) => `<Default Extension="${e}" ContentType="${t}"/>`).join("") +
    overrides.map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`).join("") +
    "</Types>"
  );
}

/**
 * A workbook as openpyxl writes it: one sheet "Underlag" with the 2024 table from A1,
 * docProps, no calcChain, and (unless `styles`) no styles part at all.
 */
export function openpyxlParts(
  rows: Cell[][] = case2024Rows(),
  o: SheetOptions & { styles?: boolean } = {},
): Parts {
  const sst: string[] = [];
  const sheet = sheetXml(rows, sst, o);
  const wbRels: [string, string, string][] = [
    [`rId1`, `${REL}/worksheet`, "worksheets/sheet1.xml"],
  ];
  const overrides: [string, string][] = [
    ["/xl/workbook.xml", `${CT}.spreadsheetml.sheet.main+xml`],
    ["/xl/worksheets/sheet1.xml", `${CT}.spreadsheetml.worksheet+xml`],
    ["/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"],
  ];
  const parts: Parts = {
    "docProps/core.xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>openpyxl</dc:creator></cp:coreProperties>',
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${NS}><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet name="Underlag" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>`,
    "xl/worksheets/sheet1.xml": sheet,
  };
  if (sst.length > 0) {
    parts["xl/sharedStrings.xml"] = sstXml(sst);
    wbRels.push(["rId2", `${REL}/sharedStrings`, "sharedStrings.xml"]);
    overrides.push(["/xl/sharedStrings.xml", `${CT}.spreadsheetml.sharedStrings+xml`]);
  }
  if (o.styles) {
    parts["xl/styles.xml"] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet ${NS}><numFmts count="0"/><fonts count="1"><font><name val="Calibri"/><family val="2"/><sz val="11"/></font></fonts><fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1" pivotButton="0" quotePrefix="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
    wbRels.push(["rId3", `${REL}/styles`, "styles.xml"]);
    overrides.push(["/xl/styles.xml", `${CT}.spreadsheetml.styles+xml`]);
  }
  parts["xl/_rels/workbook.xml.rels"] = rels(wbRels);
  parts["_rels/.rels"] = rels([
    ["rId1", `${REL}/officeDocument`, "xl/workbook.xml"],
    [
      "rId2",
      "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
      "docProps/core.xml",
    ],
  ]);
  parts["[Content_Types].xml"] = types([], overrides);
  return parts;
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

const DRAWING_NS =
  'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"';

export interface FidelityOptions {
  xlsm?: boolean;
  /** Extra XML after </sheetData> on the region sheet, before the protection. */
  merges?: string[];
  /** A note (legacy comment) on this cell of the region sheet; A1 by default. */
  noteCell?: string;
  /** Cells of the region sheet replaced, e.g. a formula in the target area. */
  cells?: Record<string, Cell>;
  /** A threaded comment (Excel 365) on this cell of the region sheet. */
  threadedCell?: string;
}

/**
 * The fidelity workbook: "Underlag" (the 2024 table from A1, a note, a drawing with a chart
 * and an image, print titles and area, sheet protection, page setup), "Pivot" (a pivot table
 * over the table), workbook protection, a defined name; as .xlsm with a vbaProject.bin.
 */
export function fidelityParts(o: FidelityOptions = {}): Parts {
  const rows = case2024Rows();
  for (const [ref, v] of Object.entries(o.cells ?? {})) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const c = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const r = Number(m[2]) - 1;
    while (rows.length <= r) rows.push([]);
    while (rows[r].length <= c) rows[r].push(null);
    rows[r][c] = v;
  }
  const sst: string[] = [];
  const merges = o.merges ?? [];
  const after =
    '<sheetProtection sheet="1" objects="1" scenarios="1" password="CC1A"/>' +
    (merges.length
      ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`
      : "") +
    '<printOptions gridLines="1"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1"/><headerFooter><oddHeader>&amp;CAT-underlag</oddHeader></headerFooter>' +
    '<drawing r:id="rId1"/><legacyDrawing r:id="rId3"/>';
  const before =
    '<sheetViews><sheetView workbookViewId="0"><selection activeCell="B2" sqref="B2"/></sheetView></sheetViews><cols><col min="1" max="1" width="18" customWidth="1"/></cols>';
  const sheet1 = sheetXml(rows, sst, { after, before });
  const noteCell = o.noteCell ?? "A1";
  const pivot = sheetXml([["Summa AT 2024"], [2020]], sst, { after: "" });
  const main = o.xlsm
    ? "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    : `${CT}.spreadsheetml.sheet.main+xml`;
  const parts: Parts = {
    "[Content_Types].xml": types(
      [
        ["png", "image/png"],
        ["vml", `${CT}.vmlDrawing`],
        ...(o.xlsm
          ? ([["bin", "application/vnd.ms-office.vbaProject"]] as [string, string][])
          : []),
      ],
      [
        ["/xl/workbook.xml", main],
        ["/xl/worksheets/sheet1.xml", `${CT}.spreadsheetml.worksheet+xml`],
        ["/xl/worksheets/sheet2.xml", `${CT}.spreadsheetml.worksheet+xml`],
        ["/xl/sharedStrings.xml", `${CT}.spreadsheetml.sharedStrings+xml`],
        ["/xl/styles.xml", `${CT}.spreadsheetml.styles+xml`],
        ["/xl/drawings/drawing1.xml", `${CT}.drawing+xml`],
        ["/xl/charts/chart1.xml", `${CT}.drawingml.chart+xml`],
        ["/xl/comments1.xml", `${CT}.spreadsheetml.comments+xml`],
        ["/xl/pivotTables/pivotTable1.xml", `${CT}.spreadsheetml.pivotTable+xml`],
        [
          "/xl/pivotCache/pivotCacheDefinition1.xml",
          `${CT}.spreadsheetml.pivotCacheDefinition+xml`,
        ],
        ["/xl/pivotCache/pivotCacheRecords1.xml", `${CT}.spreadsheetml.pivotCacheRecords+xml`],
        ["/docProps/app.xml", `${CT}.extended-properties+xml`],
      ],
    ),
    "_rels/.rels": rels([
      ["rId1", `${REL}/officeDocument`, "xl/workbook.xml"],
      ["rId2", `${REL}/extended-properties`, "docProps/app.xml"],
    ]),
    "docProps/app.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application><TitlesOfParts><vt:vector xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes" size="2" baseType="lpstr"><vt:lpstr>Underlag</vt:lpstr><vt:lpstr>Pivot</vt:lpstr></vt:vector></TitlesOfParts></Properties>`,
    "xl/workbook.xml":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${NS}><workbookPr${o.xlsm ? ' codeName="ThisWorkbook"' : ""}/>` +
      '<workbookProtection workbookPassword="CC1A" lockStructure="1"/>' +
      '<bookViews><workbookView activeTab="0"/></bookViews>' +
      '<sheets><sheet name="Underlag" sheetId="1" r:id="rId1"/><sheet name="Pivot" sheetId="2" r:id="rId2"/></sheets>' +
      "<definedNames>" +
      '<definedName name="_xlnm.Print_Titles" localSheetId="0">Underlag!$1:$1</definedName>' +
      '<definedName name="_xlnm.Print_Area" localSheetId="0">Underlag!$A$1:$D$22</definedName>' +
      '<definedName name="Regiontabell">Underlag!$A$1:$D$22</definedName>' +
      "</definedNames>" +
      '<calcPr calcId="191029"/>' +
      '<pivotCaches><pivotCache cacheId="1" r:id="rId5"/></pivotCaches>' +
      "</workbook>",
    "xl/_rels/workbook.xml.rels": rels([
      ["rId1", `${REL}/worksheet`, "worksheets/sheet1.xml"],
      ["rId2", `${REL}/worksheet`, "worksheets/sheet2.xml"],
      ["rId3", `${REL}/sharedStrings`, "sharedStrings.xml"],
      ["rId4", `${REL}/styles`, "styles.xml"],
      ["rId5", `${REL}/pivotCacheDefinition`, "pivotCache/pivotCacheDefinition1.xml"],
      ...(o.xlsm
        ? ([
            [
              "rId6",
              "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
              "vbaProject.bin",
            ],
          ] as [string, string, string][])
        : []),
    ]),
    "xl/worksheets/sheet1.xml": sheet1,
    "xl/worksheets/sheet2.xml": pivot,
    "xl/worksheets/_rels/sheet1.xml.rels": rels([
      ["rId1", `${REL}/drawing`, "../drawings/drawing1.xml"],
      ["rId2", `${REL}/comments`, "../comments1.xml"],
      ["rId3", `${REL}/vmlDrawing`, "../drawings/vmlDrawing1.vml"],
      ...(o.threadedCell
        ? ([
            [
              "rId4",
              "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
              "../threadedComments/threadedComment1.xml",
            ],
          ] as [string, string, string][])
        : []),
    ]),
    "xl/worksheets/_rels/sheet2.xml.rels": rels([
      ["rId1", `${REL}/pivotTable`, "../pivotTables/pivotTable1.xml"],
    ]),
    "xl/styles.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><i/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    "xl/drawings/drawing1.xml":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr ${DRAWING_NS}>` +
      "<xdr:twoCellAnchor><xdr:from><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>17</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>" +
      '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Diagram 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>' +
      '<xdr:oneCellAnchor><xdr:from><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>18</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="3" name="Logga"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>' +
      "</xdr:wsDr>",
    "xl/drawings/_rels/drawing1.xml.rels": rels([
      ["rId1", `${REL}/chart`, "../charts/chart1.xml"],
      ["rId2", `${REL}/image`, "../media/image1.png"],
    ]),
    "xl/charts/chart1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strRef><c:f>Underlag!$A$2:$A$22</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>Underlag!$C$2:$C$22</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`,
    "xl/media/image1.png": PNG,
    "xl/comments1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments ${NS}><authors><author>Handläggare</author></authors><commentList><comment ref="${noteCell}" authorId="0"><text><t>Källa: SCB och regionernas redovisning</t></text></comment></commentList></comments>`,
    "xl/drawings/vmlDrawing1.vml": `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;visibility:hidden"><x:ClientData ObjectType="Note"><x:Row>0</x:Row><x:Column>0</x:Column></x:ClientData></v:shape></xml>`,
    "xl/pivotTables/pivotTable1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotTableDefinition ${NS} name="Pivottabell1" cacheId="1" dataCaption="Värden" updatedVersion="6" createdVersion="6"><location ref="A1:A2" firstHeaderRow="1" firstDataRow="1" firstDataCol="0"/><pivotFields count="4"><pivotField showAll="0"/><pivotField showAll="0"/><pivotField dataField="1" showAll="0"/><pivotField showAll="0"/></pivotFields><dataFields count="1"><dataField name="Summa AT 2024" fld="2" baseField="0" baseItem="0"/></dataFields></pivotTableDefinition>`,
    "xl/pivotTables/_rels/pivotTable1.xml.rels": rels([
      ["rId1", `${REL}/pivotCacheDefinition`, "../pivotCache/pivotCacheDefinition1.xml"],
    ]),
    "xl/pivotCache/pivotCacheDefinition1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition ${NS} r:id="rId1" refreshOnLoad="1" recordCount="0"><cacheSource type="worksheet"><worksheetSource ref="A1:D22" sheet="Underlag"/></cacheSource><cacheFields count="4"><cacheField name="Region" numFmtId="0"><sharedItems/></cacheField><cacheField name="Folkmängd" numFmtId="0"><sharedItems/></cacheField><cacheField name="AT 2024" numFmtId="0"><sharedItems/></cacheField><cacheField name="Planerade AT 2024" numFmtId="0"><sharedItems/></cacheField></cacheFields></pivotCacheDefinition>`,
    "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": rels([
      ["rId1", `${REL}/pivotCacheRecords`, "pivotCacheRecords1.xml"],
    ]),
    "xl/pivotCache/pivotCacheRecords1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheRecords ${NS} count="0"/>`,
  };
  parts["xl/sharedStrings.xml"] = sstXml(sst);
  if (o.threadedCell) {
    parts["xl/threadedComments/threadedComment1.xml"] =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">' +
      `<threadedComment ref="${o.threadedCell}" dT="2024-05-02T09:30:00.00" personId="{00000000-0000-0000-0000-000000000001}" id="{00000000-0000-0000-0000-000000000002}"><text>Stämmer siffran?</text></threadedComment>` +
      "</ThreadedComments>";
  }
  if (o.xlsm)
    parts["xl/vbaProject.bin"] = Buffer.from(
      "\xd0\xcf\x11\xe0 not a real VBA project, kept as bytes \x00\x01\x02",
      "latin1",
    );
  return parts;
}
