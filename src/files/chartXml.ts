/**
 * The summary sheet's bar chart as DrawingML parts: a chart part over the summary's own
 * ranges, and the drawing that anchors it (ChartSpec from the planner).
 */
import type { ChartSpec } from "../workbook/types";
import { quoteSheet } from "../workbook/a1";
import { rangeBox } from "./readOoxml";
import { escapeXml } from "./xml";

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

/** "B3:B23" on a sheet → "'Sheet'!$B$3:$B$23". */
function absolute(sheet: string, range: string): string {
  const abs = range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  return `${quoteSheet(sheet)}!${abs}`;
}

export function chartPartXml(sheet: string, chart: ChartSpec): string {
  const cat = escapeXml(absolute(sheet, chart.categoriesRange));
  const val = escapeXml(absolute(sheet, chart.valuesRange));
  return (
    `${HEAD}<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    '<c:roundedCorners val="0"/><c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>' +
    '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${escapeXml(chart.seriesName)}</c:v></c:tx>` +
    `<c:invertIfNegative val="0"/><c:cat><c:strRef><c:f>${cat}</c:f></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${val}</c:f></c:numRef></c:val></c:ser>` +
    '<c:gapWidth val="50"/><c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>' +
    '<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>' +
    '<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="t"/><c:majorGridlines/><c:numFmt formatCode="#,##0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>' +
    '</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
  );
}

/** The drawing part that places the chart (relationship rId1) at its anchor. */
export function chartDrawingXml(chart: ChartSpec): string {
  const at = rangeBox(chart.anchor) ?? { top: 0, left: 0, bottom: 0, right: 0 };
  const pos = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `${HEAD}<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">` +
    "<xdr:twoCellAnchor>" +
    pos("from", at.left, at.top) +
    pos("to", at.left + chart.widthCols, at.top + chart.heightRows) +
    '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="AT-fördelning"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="rId1"/></a:graphicData></a:graphic>` +
    "</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>"
  );
}
