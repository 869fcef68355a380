/**
 * The few cell formats the writer needs (a number format such as `#,##0 "kr"`, bold, text
 * `@`), appended to the workbook's styles part. Appending keeps every existing style index
 * valid; a format appended by an earlier run is found again and reused, not added twice.
 */
import { escapeXml } from "./xml";

const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "@": 49,
};

export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The elements of one collection (`<fonts>…</fonts>`), with the collection's span. */
function collection(xml: string, p: string, name: string, item: string) {
  const re = new RegExp(`<${esc(p)}${name}(?=[\\s/>])[^>]*?(/?)>`);
  const open = re.exec(xml);
  if (!open) return null;
  if (open[1] === "/") {
    return {
      start: open.index,
      end: open.index + open[0].length,
      openTag: open[0].replace(/\/>$/, ">"),
      items: [] as string[],
    };
  }
  const close = `</${p}${name}>`;
  const end = xml.indexOf(close, open.index) + close.length;
  const inner = xml.slice(open.index + open[0].length, end - close.length);
  const itemRe = new RegExp(
    `<${esc(p)}${item}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${esc(p)}${item}>)`,
    "g",
  );
  return { start: open.index, end, openTag: open[0], items: inner.match(itemRe) ?? [] };
}

function setCollection(
  xml: string,
  p: string,
  name: string,
  c: NonNullable<ReturnType<typeof collection>>,
  items: string[],
): string {
  let open = c.openTag.replace(/\scount="\d*"/, "");
  open = open.replace(/>$/, ` count="${items.length}">`);
  return xml.slice(0, c.start) + open + items.join("") + `</${p}${name}>` + xml.slice(c.end);
}

export interface StyleBook {
  /** The cellXfs index for a format and boldness (0 for neither). */
  styleFor(numberFormat: string | undefined, bold: boolean | undefined): number;
  /** The dxfs index of a differential format setting the font colour ("#C00000"). */
  fontColorDxf(color: string): number;
  /** The styles part, with what styleFor needed appended. */
  xml(): string;
}

export function styleBook(source: string): StyleBook {
  let xml = source;
  const p = /<([A-Za-z_][\w.-]*:)?styleSheet[\s>]/.exec(xml)?.[1] ?? "";
  const cache = new Map<string, number>();

  const numFmtId = (code: string): number => {
    if (code in BUILTIN_FORMATS) return BUILTIN_FORMATS[code];
    let fmts = collection(xml, p, "numFmts", "numFmt");
    if (!fmts) {
      // numFmts comes first in the styleSheet.
      xml = xml.replace(
        /(<([\w.-]+:)?styleSheet[^>]*>)/,
        `$1<${p}numFmts count="0"></${p}numFmts>`,
      );
      fmts = collection(xml, p, "numFmts", "numFmt")!;
    }
    const wanted = escapeXml(code);
    let max = 163;
    for (const f of fmts.items) {
      const id = Number(/\snumFmtId="(\d+)"/.exec(f)?.[1] ?? 0);
      max = Math.max(max, id);
      if (/\sformatCode="([^"]*)"/.exec(f)?.[1] === wanted) return id;
    }
    const id = max + 1;
    xml = setCollection(xml, p, "numFmts", fmts, [
      ...fmts.items,
      `<${p}numFmt numFmtId="${id}" formatCode="${wanted}"/>`,
    ]);
    return id;
  };

  const boldFont = (): number => {
    const fonts = collection(xml, p, "fonts", "font");
    if (!fonts || fonts.items.length === 0) return 0;
    const base = fonts.items[0];
    const bold = /<([\w.-]+:)?b(?=[\s/>])/.test(base)
      ? base
      : base.replace(/^(<[^>]*?)\/>$/, `$1></${p}font>`).replace(/^(<[^>]*>)/, `$1<${p}b/>`);
    const found = fonts.items.indexOf(bold);
    if (found >= 0) return found;
    xml = setCollection(xml, p, "fonts", fonts, [...fonts.items, bold]);
    return fonts.items.length;
  };

  return {
    styleFor(numberFormat, bold) {
      if (!numberFormat && !bold) return 0;
      const key = `${numberFormat ?? ""}\u0000${bold ? 1 : 0}`;
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const fmt = numberFormat ? numFmtId(numberFormat) : 0;
      const font = bold ? boldFont() : 0;
      const xf =
        `<${p}xf numFmtId="${fmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"` +
        `${fmt ? ' applyNumberFormat="1"' : ""}${font ? ' applyFont="1"' : ""}/>`;
      const xfs = collection(xml, p, "cellXfs", "xf");
      let index: number;
      if (!xfs) index = 0;
      else {
        index = xfs.items.indexOf(xf);
        if (index < 0) {
          xml = setCollection(xml, p, "cellXfs", xfs, [...xfs.items, xf]);
          index = xfs.items.length;
        }
      }
      cache.set(key, index);
      return index;
    },
    fontColorDxf(color) {
      const rgb = "FF" + color.replace(/^#/, "").toUpperCase();
      const dxf = `<${p}dxf><${p}font><${p}color rgb="${rgb}"/></${p}font></${p}dxf>`;
      let dxfs = collection(xml, p, "dxfs", "dxf");
      if (!dxfs) {
        // dxfs follows cellStyles (and comes before tableStyles, colors, extLst).
        const after = new RegExp(`</${esc(p)}cellStyles>|<${esc(p)}cellStyles[^>]*/>`).exec(xml);
        const before = new RegExp(
          `<${esc(p)}(tableStyles|colors|extLst)[\\s/>]|</${esc(p)}styleSheet>`,
        ).exec(xml);
        const at = after ? after.index + after[0].length : before!.index;
        xml = xml.slice(0, at) + `<${p}dxfs count="0"></${p}dxfs>` + xml.slice(at);
        dxfs = collection(xml, p, "dxfs", "dxf")!;
      }
      const found = dxfs.items.indexOf(dxf);
      if (found >= 0) return found;
      xml = setCollection(xml, p, "dxfs", dxfs, [...dxfs.items, dxf]);
      return dxfs.items.length;
    },
    xml: () => xml,
  };
}
