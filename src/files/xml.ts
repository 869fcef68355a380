/**
 * XML for the package's parts, through saxes (a strict, streaming XML parser): a small
 * element tree for the small parts, events for the sheets. Element and attribute names are
 * taken by their local name, so `x:c` and `c` read alike (some tools write prefixes).
 */
import { SaxesParser } from "saxes";
import { FileReadError } from "./fileErrors";

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

export function localAttrs(attributes: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in attributes) {
    const v = attributes[k];
    out[localName(k)] = typeof v === "string" ? v : String((v as { value?: string }).value ?? "");
  }
  return out;
}

export function partText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return bytes.subarray(2).toString("utf16le");
  }
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function notXml(part: string, detail: string): FileReadError {
  const line = /^(\d+):(\d+)/.exec(detail);
  const at = line ? { sv: ` (rad ${line[1]})`, en: ` (line ${line[1]})` } : { sv: "", en: "" };
  return new FileReadError("file.xml", {
    sv: `delen ${part} i filen är inte giltig XML${at.sv} — filen är skadad; öppna den i Excel och spara den igen`,
    en: `the part ${part} of the file is not valid XML${at.en} — the file is damaged; open it in Excel and save it again`,
  });
}

export interface XmlHandlers {
  open?: (name: string, attrs: Record<string, string>, selfClosing: boolean) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/** Streams a part's XML through handlers; names are local. Throws FileReadError if not XML. */
export function scanXml(part: string, xml: string, h: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let failure: Error | null = null;
  parser.on("error", (e) => {
    failure ??= e;
  });
  if (h.open) {
    const open = h.open;
    parser.on("opentag", (t) =>
      open(localName(t.name), localAttrs(t.attributes as Record<string, unknown>), t.isSelfClosing),
    );
  }
  if (h.close) {
    const close = h.close;
    parser.on("closetag", (t) => close(localName(t.name)));
  }
  if (h.text) {
    parser.on("text", h.text);
    parser.on("cdata", h.text);
  }
  try {
    parser.write(xml).close();
  } catch (e) {
    // A handler's own refusal (a cell that cannot be read) is passed on as it is.
    if (e instanceof FileReadError) throw e;
    failure ??= e as Error;
  }
  if (failure) throw notXml(part, failure.message);
}

/** A small part as an element tree (the root element). */
export function parseXml(part: string, xml: string): XmlElement {
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  scanXml(part, xml, {
    open: (name, attrs) => {
      const el: XmlElement = { name, attrs, children: [], text: "" };
      stack[stack.length - 1].children.push(el);
      stack.push(el);
    },
    close: () => void stack.pop(),
    text: (t) => {
      stack[stack.length - 1].text += t;
    },
  });
  const top = root.children[0];
  if (!top) throw notXml(part, "no root element");
  return top;
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** Characters XML 1.0 cannot hold at all (control characters but tab, LF, CR). */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text for XML content (& < > escaped) and attributes (quotes too). */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(XML_INVALID, "");
}
