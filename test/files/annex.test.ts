/**
 * The decision annex in the `--out` copy, read back as XML (parsed, not string-matched): the
 * sheet with its page setup in the schema's order, the print titles as a defined name with the
 * annex's localSheetId; a re-run over the copy replaces it (one sheet, one name); verify still
 * holds; a user's sheet of that name stops the write and is named.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main as verifyMain } from "../../src/cli/verify";
import { children, parseXml, type XmlElement } from "../../src/files/xml";
import { runCli } from "../cli/cases";

const tmp = mkdtempSync(path.join(tmpdir(), "atf-annex-out-"));
const SAMPLE = path.resolve(__dirname, "../../examples/regioner-2024.xlsx");

async function out(name: string, from = SAMPLE, extra: string[] = []) {
  const file = path.join(tmp, name);
  const r = await runCli(["--year", "2024", "--in", from, "--out", file, "--force", ...extra]);
  return { file, r };
}

async function parts(file: string) {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const text = (n: string) => zip.file(n)!.async("string");
  const workbook = parseXml("workbook.xml", await text("xl/workbook.xml"));
  const rels = parseXml("rels", await text("xl/_rels/workbook.xml.rels"));
  const sheets = children(children(workbook, "sheets")[0], "sheet");
  const sheetXml = async (name: string): Promise<XmlElement> => {
    const s = sheets.find((x) => x.attrs.name === name)!;
    const rel = children(rels, "Relationship").find((r) => r.attrs.Id === s.attrs.id)!;
    const target = rel.attrs.Target.startsWith("/")
      ? rel.attrs.Target.slice(1)
      : `xl/${rel.attrs.Target}`;
    return parseXml(target, await text(target));
  };
  const names = children(children(workbook, "definedNames")[0], "definedName");
  return { sheets, names, sheetXml };
}

test("the annex sheet: A4, orientation, fit to one page wide, header and footer, print titles", async () => {
  const { file, r } = await out("annex.xlsx");
  expect(r.code).toBe(0);
  const { sheets, names, sheetXml } = await parts(file);
  const index = sheets.findIndex((s) => s.attrs.name === "Beslutsbilaga");
  expect(index).toBeGreaterThan(0);
  const ws = await sheetXml("Beslutsbilaga");
  const order = ws.children.map((c) => c.name);
  // The schema's order: sheetPr first; pageMargins, pageSetup, headerFooter after the cells.
  expect(order[0]).toBe("sheetPr");
  const at = (n: string) => order.indexOf(n);
  expect(at("sheetData")).toBeLessThan(at("conditionalFormatting"));
  expect(at("conditionalFormatting")).toBeLessThan(at("pageMargins"));
  expect(at("pageMargins")).toBeLessThan(at("pageSetup"));
  expect(at("pageSetup")).toBeLessThan(at("headerFooter"));
  expect(children(children(ws, "sheetPr")[0], "pageSetUpPr")[0].attrs).toEqual({ fitToPage: "1" });
  expect(children(ws, "pageSetup")[0].attrs).toEqual({
    paperSize: "9",
    orientation: "portrait",
    fitToWidth: "1",
    fitToHeight: "0",
  });
  const hf = children(ws, "headerFooter")[0];
  expect(children(hf, "oddHeader")[0].text).toBe("&CAT-fördelning 2024 – Diarienummer S2024/00586");
  expect(children(hf, "oddFooter")[0].text).toBe("&CSida &P av &N");
  // The print titles: the table's header row, on the annex's own index.
  const titles = names.filter((n) => n.attrs.name === "_xlnm.Print_Titles");
  expect(titles).toHaveLength(1);
  expect(titles[0].attrs.localSheetId).toBe(String(index));
  const row = Number(/\$(\d+):\$\1$/.exec(titles[0].text)![1]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.getWorksheet("Beslutsbilaga")!.getRow(row).getCell(1).value).toBe("Länskod");
});

test("a re-run over the copy replaces the annex: one sheet, one print-titles name; verify holds on both", async () => {
  const first = await out("first.xlsx");
  const second = await out("second.xlsx", first.file);
  expect(second.r.code).toBe(0);
  const { sheets, names } = await parts(second.file);
  expect(sheets.filter((s) => s.attrs.name === "Beslutsbilaga")).toHaveLength(1);
  expect(names.filter((n) => n.attrs.name === "_xlnm.Print_Titles")).toHaveLength(1);
  for (const f of [first.file, second.file]) {
    let stdout = "";
    const code = await verifyMain(
      ["--in", f],
      (s) => (stdout += s),
      () => undefined,
      {},
    );
    expect({ f: path.basename(f), code }).toEqual({ f: path.basename(f), code: 0 });
  }
});

test("a user's sheet named Beslutsbilaga: nothing written, the sheet named", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  wb.addWorksheet("Beslutsbilaga").getCell("A1").value = "Mina anteckningar";
  const src = path.join(tmp, "med-eget-blad.xlsx");
  await wb.xlsx.writeFile(src);
  const { file, r } = await out("refused.xlsx", src);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain("Beslutsbilaga");
  expect(existsSync(file)).toBe(false);
});
