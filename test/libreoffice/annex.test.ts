/**
 * The decision annex printed by a spreadsheet nobody here wrote (issue 11): an `--out` copy
 * opened by LibreOffice Calc headless and converted to PDF with only the annex visible. The
 * pages are A4 in the orientation the plan chose, and the table fits one page wide: the same
 * copy without `fitToPage` prints on more pages. A copy saved back as .xlsx by LibreOffice keeps
 * the print titles (the `_xlnm.Print_Titles` name) and the page setup.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";

const ROOT = path.join(__dirname, "..", "..");
const SOFFICE = process.env.SOFFICE ?? "soffice";
const tmp = mkdtempSync(path.join(tmpdir(), "atf-annex-"));
const ANNEX = "Beslutsbilaga";

function allocate(args: string[], out: string): void {
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
      path.join(ROOT, "src", "cli", "allocate.ts"),
      ...args,
      "--out",
      out,
    ],
    { cwd: ROOT, stdio: "pipe" },
  );
}

/** The sheet part of the annex, and a copy where every other sheet is hidden. */
async function annexOnly(src: string, edit: (sheetXml: string) => string = (x) => x) {
  const zip = await JSZip.loadAsync(readFileSync(src));
  let wb = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const tags = wb.match(/<sheet [^>]*\/>/g)!;
  const index = tags.findIndex((t) => t.includes(`name="${ANNEX}"`));
  const rid = /r:id="([^"]+)"/.exec(tags[index])![1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1];
  const part = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  for (const t of tags) {
    if (t === tags[index]) continue;
    wb = wb.replace(
      t,
      t.replace(/\sstate="[^"]*"/, "").replace("<sheet ", '<sheet state="hidden" '),
    );
  }
  wb = wb.includes("<bookViews>")
    ? wb.replace(/activeTab="\d+"/, `activeTab="${index}"`)
    : wb.replace("<sheets>", `<bookViews><workbookView activeTab="${index}"/></bookViews><sheets>`);
  zip.file("xl/workbook.xml", wb);
  zip.file(part, edit(await zip.file(part)!.async("string")));
  const out = src.replace(/\.xlsx$/, `-annex-${Math.random().toString(36).slice(2, 8)}.xlsx`);
  writeFileSync(out, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return out;
}

/** LibreOffice converts a copy; returns the converted file's path. */
function convert(file: string, to: "pdf" | "xlsx"): string {
  const dir = path.join(tmp, `conv-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(dir);
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${tmp}/profile`,
      "--headless",
      "--convert-to",
      to,
      "--outdir",
      dir,
      file,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
  return path.join(dir, path.basename(file).replace(/\.xlsx$/, `.${to}`));
}

/** Pages of a PDF and their sizes in points (width × height), from its page objects. */
function pdfPages(file: string): { width: number; height: number }[] {
  const pdf = readFileSync(file).toString("latin1");
  const pages = pdf.split(/\/Type\s*\/Page(?![s\w])/).slice(1);
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/;
  const fallback = box.exec(pdf);
  return pages.map((p) => {
    const m = box.exec(p) ?? fallback!;
    return { width: Number(m[3]) - Number(m[1]), height: Number(m[4]) - Number(m[2]) };
  });
}

const A4 = { short: 595.3, long: 841.9 };
const near = (a: number, b: number) => Math.abs(a - b) < 1;

test("2024, two block columns: portrait A4, one page wide; without fitToPage it takes more pages", async () => {
  const out = path.join(tmp, "r2024.xlsx");
  allocate(["--year", "2024", "--in", path.join(ROOT, "examples", "regioner-2024.xlsx")], out);
  const fitted = pdfPages(convert(await annexOnly(out), "pdf"));
  expect(fitted.length).toBeGreaterThanOrEqual(1);
  for (const p of fitted) expect(near(p.width, A4.short) && near(p.height, A4.long)).toBe(true);
  const unfitted = pdfPages(
    convert(await annexOnly(out, (x) => x.replace(/<sheetPr>.*?<\/sheetPr>/, "")), "pdf"),
  );
  expect(unfitted.length).toBeGreaterThan(fitted.length);
});

test("four block columns: landscape A4", async () => {
  const rules = JSON.parse(
    readFileSync(path.join(ROOT, "examples", "rule-sets", "at-2026.json"), "utf8"),
  );
  const extra = { ...rules.blocks[0], id: "block4", budget: 20_000_000 };
  extra.name = { sv: "Block 4 – Extra", en: "Block 4 – Extra" };
  rules.blocks.push(extra);
  rules.budget += extra.budget;
  const file = path.join(tmp, "four-blocks.json");
  writeFileSync(file, JSON.stringify(rules));
  const out = path.join(tmp, "r2026.xlsx");
  allocate(["--rules", file, "--in", path.join(ROOT, "examples", "rule-sets", "at-2026.csv")], out);
  const pages = pdfPages(convert(await annexOnly(out), "pdf"));
  expect(pages.length).toBeGreaterThanOrEqual(1);
  for (const p of pages) expect(near(p.width, A4.long) && near(p.height, A4.short)).toBe(true);
});

test("LibreOffice reads the print titles and the page setup: saved back, they are still there", async () => {
  const out = path.join(tmp, "r2024b.xlsx");
  allocate(["--year", "2024", "--in", path.join(ROOT, "examples", "regioner-2024.xlsx")], out);
  const zip = await JSZip.loadAsync(readFileSync(convert(await annexOnly(out), "xlsx")));
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  expect(wb).toMatch(
    /<definedName[^>]*name="_xlnm\.Print_Titles"[^>]*>[^<]*\$12:\$12<\/definedName>/,
  );
  const sheets = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
      .map((n) => zip.file(n)!.async("string")),
  );
  const annex = sheets.find((x) => x.includes("Sida &amp;P av &amp;N"));
  expect(annex).toBeDefined();
  expect(annex).toMatch(/<pageSetup[^>]*paperSize="9"/);
  expect(annex).toMatch(/<pageSetup[^>]*fitToHeight="0"/);
  expect(annex).toMatch(/<pageSetUpPr[^>]*fitToPage="(1|true)"/);
});
