/**
 * Proof with a spreadsheet engine nobody here wrote (issue 14): an `--out` copy recalculated by
 * LibreOffice Calc, headless (`npm run test:calc`; not part of `npm test`). LibreOffice keeps
 * the cached values of an .xlsx unless told otherwise: the profile below sets "recalculate on
 * load: always", and the copies get stale cached values planted first, so a check that reads
 * right proves that LibreOffice computed it.
 *
 * Untouched, every check is OK; one amount edited in the allocation columns turns exactly the
 * checks depending on it to FEL; an input number edited flips the "changed since" line.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";

const ROOT = path.join(__dirname, "..", "..");
const SOFFICE = process.env.SOFFICE ?? "soffice";
const tmp = mkdtempSync(path.join(tmpdir(), "atf-calc-"));
const SUMMARY = "AT-fördelning 2024";
const REGIONS = "Regioner";

/** A LibreOffice profile that recalculates every formula of an .xlsx/.ods on load. */
function profile(): string {
  const dir = path.join(tmp, "profile");
  mkdirSync(path.join(dir, "user"), { recursive: true });
  const item = (name: string) =>
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  writeFileSync(
    path.join(dir, "user", "registrymodifications.xcu"),
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      item("OOXMLRecalcMode") +
      item("ODFRecalcMode") +
      "</oor:items>\n",
  );
  return `file://${dir}`;
}

let profileUrl: string;
let out: string;

beforeAll(() => {
  profileUrl = profile();
  out = path.join(tmp, "resultat-2024.xlsx");
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
      path.join(ROOT, "src", "cli", "allocate.ts"),
      "--year",
      "2024",
      "--in",
      path.join(ROOT, "examples", "regioner-2024.xlsx"),
      "--out",
      out,
    ],
    { cwd: ROOT, stdio: "pipe" },
  );
}, 120_000);

/** The zip's sheet part for a sheet name. */
async function sheetPart(zip: JSZip, name: string): Promise<string> {
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const rid = new RegExp(`<sheet [^>]*name="${esc}"[^>]*r:id="([^"]+)"`).exec(wb)![1];
  const target =
    new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1];
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/** A copy of `src` with its sheets' XML changed by `edit`. */
async function patched(
  src: string,
  name: string,
  edit: (sheet: string, xml: string) => string,
): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(src));
  for (const sheet of [SUMMARY, REGIONS]) {
    const part = await sheetPart(zip, sheet);
    zip.file(part, edit(sheet, await zip.file(part)!.async("string")));
  }
  const file = path.join(tmp, name);
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
  return file;
}

/** Every cached formula value on the summary made stale: "STALE" for texts, -1 for numbers. */
function stale(sheet: string, xml: string): string {
  if (sheet !== SUMMARY) return xml;
  return xml.replace(
    /(<f>[^<]*<\/f><v>)([^<]*)(<\/v>)/g,
    (_, a, v, b) => `${a}${/^-?\d+(\.\d+)?$/.test(v) ? "-1" : "STALE"}${b}`,
  );
}

/** Sets a number cell's value in the sheet XML (the cell must exist as a number). */
function setNumber(xml: string, a1: string, f: (n: number) => number): string {
  const re = new RegExp(`(<c r="${a1}"[^>]*>)<v>([^<]+)</v>`);
  const m = re.exec(xml);
  if (!m) throw new Error(`no number cell ${a1}`);
  return xml.replace(re, `$1<v>${f(Number(m[2]))}</v>`);
}

/** LibreOffice opens the file (recalculating everything), saves it as .xlsx; read back with exceljs. */
async function recalculated(file: string): Promise<ExcelJS.Worksheet> {
  const dir = path.join(tmp, `lo-${path.basename(file, ".xlsx")}`);
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(
    SOFFICE,
    [
      `-env:UserInstallation=${profileUrl}`,
      "--headless",
      "--convert-to",
      "xlsx",
      "--outdir",
      dir,
      file,
    ],
    { encoding: "utf8", timeout: 180_000 },
  );
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, path.basename(file)));
  return wb.getWorksheet(SUMMARY)!;
}

/** A cell's computed value (LibreOffice writes it as the formula's cached result). */
function value(ws: ExcelJS.Worksheet, a1: string): unknown {
  const v = ws.getCell(a1).value;
  return v !== null && typeof v === "object" && "formula" in v ? v.result : v;
}

/** The check cells: the block table's (H21:H23) and the regions' (G27:G47), by address. */
function checks(ws: ExcelJS.Worksheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let r = 21; r <= 23; r++) out[`H${r}`] = value(ws, `H${r}`);
  for (let r = 27; r <= 47; r++) out[`G${r}`] = value(ws, `G${r}`);
  return out;
}

const allOk = (): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (let r = 21; r <= 23; r++) out[`H${r}`] = "OK";
  for (let r = 27; r <= 47; r++) out[`G${r}`] = "OK";
  return out;
};

test("the layout this test relies on: block 1's check sums Regioner!F4:F24, region 1's reads row 4", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet(SUMMARY)!;
  const f = (a1: string) => (ws.getCell(a1).value as { formula: string }).formula;
  expect(f("H21")).toContain("SUM('Regioner'!F4:F24)=E21");
  expect(f("G27")).toContain("'Regioner'!F4");
  expect(f("B14")).toContain("SUMPRODUCT('Regioner'!C4:C24");
  expect(ws.getCell("A27").value).toBe("01");
});

test("untouched, with stale cached values planted: LibreOffice computes every check OK", async () => {
  const file = await patched(out, "untouched.xlsx", stale);
  const planted = new ExcelJS.Workbook();
  await planted.xlsx.readFile(file);
  expect(value(planted.getWorksheet(SUMMARY)!, "H21")).toBe("STALE");

  const ws = await recalculated(file);
  expect(checks(ws)).toEqual(allOk());
  expect(value(ws, "A2")).toBe("Alla kontroller stämmer");
  expect(value(ws, "A3")).toBe("Inga ändringar i indatans tal sedan beräkningen");
  expect(value(ws, "B14")).toBe(value(ws, "B15"));
  expect(value(ws, "B23")).toBe(223_000_000);
}, 200_000);

test("one amount edited: exactly its block's check and its region's check turn FEL", async () => {
  const file = await patched(out, "amount.xlsx", (sheet, xml) =>
    sheet === REGIONS ? setNumber(xml, "F4", (n) => n + 1) : stale(sheet, xml),
  );
  const ws = await recalculated(file);
  expect(checks(ws)).toEqual({ ...allOk(), H21: "FEL", G27: "FEL" });
  expect(value(ws, "A2")).toBe("2 kontroller stämmer inte — se rad 21");
  // An amount is no input: the inputs' line stays.
  expect(value(ws, "A3")).toBe("Inga ändringar i indatans tal sedan beräkningen");
}, 200_000);

test("an input edited: the 'changed since' line flips, the checks stay OK", async () => {
  const file = await patched(out, "input.xlsx", (sheet, xml) =>
    sheet === REGIONS ? setNumber(xml, "C10", (n) => n + 1) : stale(sheet, xml),
  );
  const ws = await recalculated(file);
  expect(value(ws, "A3")).toBe("Indata har ändrats sedan beräkningen");
  expect(value(ws, "B14")).not.toBe(value(ws, "B15"));
  expect(checks(ws)).toEqual(allOk());
  expect(value(ws, "A2")).toBe("Alla kontroller stämmer");
}, 200_000);
