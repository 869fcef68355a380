/**
 * `--out` fidelity (issue 8): after `--out`, every zip part the tool did not mean to change is
 * byte-identical (inflated bytes compared per part name); the parts it changes keep what it
 * did not write; the output opens in exceljs and reads back to the amounts of `--json`; a
 * second run replaces its own columns and sheets. A merge, a formula or a note in a target
 * cell is the user's: exit 2 naming the cell, nothing written.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readWorkbookFile } from "../../src/files/readWorkbookFile";
import { rangeBox } from "../../src/files/readOoxml";
import { parseXml } from "../../src/files/xml";
import { runCli } from "../cli/cases";
import { fidelityParts, zipParts } from "../corpus/ooxml";
import type { FidelityOptions } from "../corpus/ooxml";

const tmp = mkdtempSync(path.join(tmpdir(), "atf-fidelity-"));

async function source(name: string, o: FidelityOptions = {}, edit?: (sheet: string) => string) {
  const parts = fidelityParts(o);
  if (edit) parts["xl/worksheets/sheet1.xml"] = edit(String(parts["xl/worksheets/sheet1.xml"]));
  const file = path.join(tmp, name);
  writeFileSync(file, await zipParts(parts));
  return file;
}

async function unpack(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) {
    if (!zip.files[name].dir) out.set(name, await zip.files[name].async("nodebuffer"));
  }
  return out;
}

async function allocate(inFile: string, outFile: string, extra: string[] = []) {
  const run = await runCli([
    "--year",
    "2024",
    "--in",
    inFile,
    "--out",
    outFile,
    "--json",
    ...extra,
  ]);
  return { ...run, out: run.stdout ? JSON.parse(run.stdout) : null };
}

/** The parts --out means to change for this workbook (the rest must keep their bytes). */
const CHANGED = new Set([
  "xl/worksheets/sheet1.xml",
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "[Content_Types].xml",
  "xl/styles.xml",
  // The run's fingerprint as a document custom property: the package's rels point at it.
  "_rels/.rels",
]);

describe.each([
  ["xlsx", false],
  ["xlsm", true],
])("a workbook with everything (.%s)", (ext, xlsm) => {
  let src: string;
  let out: string;
  let before: Map<string, Buffer>;
  let after: Map<string, Buffer>;
  let result: { regions: { code: string; region: string; total: number }[] };

  beforeAll(async () => {
    src = await source(`allt.${ext}`, { xlsm });
    out = path.join(tmp, `allt-ut.${ext}`);
    const run = await allocate(src, out);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    result = run.out;
    before = await unpack(src);
    after = await unpack(out);
  });

  test("every part it does not mean to change is byte-identical", () => {
    for (const [name, bytes] of before) {
      expect(after.has(name)).toBe(true);
      if (!CHANGED.has(name))
        expect({ name, same: after.get(name)!.equals(bytes) }).toEqual({ name, same: true });
    }
    // New parts: the summary sheet with its chart (a drawing of its own beside the user's),
    // the decision annex and the ownership record.
    const added = [...after.keys()].filter((n) => !before.has(n));
    expect(added.sort()).toEqual([
      "docProps/custom.xml",
      "xl/charts/chart2.xml",
      "xl/drawings/_rels/drawing2.xml.rels",
      "xl/drawings/drawing2.xml",
      "xl/worksheets/_rels/sheet3.xml.rels",
      "xl/worksheets/sheet3.xml",
      "xl/worksheets/sheet4.xml",
      "xl/worksheets/sheet5.xml",
    ]);
  });

  test("every part it changed or added is well-formed XML", () => {
    for (const [name, bytes] of after) {
      if (before.get(name)?.equals(bytes) || !/\.(xml|rels)$/.test(name)) continue;
      expect(() => parseXml(name, bytes.toString("utf8"))).not.toThrow();
    }
  });

  test("the region sheet keeps everything around the cells of the plan", () => {
    const a = before.get("xl/worksheets/sheet1.xml")!.toString("utf8");
    const b = after.get("xl/worksheets/sheet1.xml")!.toString("utf8");
    // Protection, merges, print settings, header/footer, drawing and notes: as they were.
    expect(b.slice(b.indexOf("</sheetData>"))).toBe(a.slice(a.indexOf("</sheetData>")));
    // Every original cell, byte for byte.
    for (const c of a.match(/<c [^>]*>.*?<\/c>/g)!) expect(b).toContain(c);
    // Views and the user's column width as they were; widths added for the new columns only.
    expect(b).toContain(
      '<sheetViews><sheetView workbookViewId="0"><selection activeCell="B2" sqref="B2"/></sheetView></sheetViews>',
    );
    expect(b).toContain('<col min="1" max="1" width="18" customWidth="1"/>');
    // Text is never a formula.
    expect(b.match(/<f>/g)?.length ?? 0).toBe(a.match(/<f>/g)?.length ?? 0);
  });

  test("the workbook keeps its protection, names, pivot caches; the new sheets are added", () => {
    const a = before.get("xl/workbook.xml")!.toString("utf8");
    const b = after.get("xl/workbook.xml")!.toString("utf8");
    for (const piece of [
      /<workbookProtection[^>]*\/>/,
      /<pivotCaches>.*<\/pivotCaches>/,
      /<workbookPr[^>]*\/>/,
    ]) {
      expect(b.match(piece)?.[0]).toBe(a.match(piece)?.[0]);
    }
    // The user's defined names as they were; the annex's print titles added after them, for
    // the annex's own index (the fourth sheet).
    const names = (x: string) => /<definedNames>(.*)<\/definedNames>/.exec(x)![1];
    expect(names(b)).toBe(
      `${names(a)}<definedName name="_xlnm.Print_Titles" localSheetId="3">'Beslutsbilaga'!$12:$12</definedName>`,
    );
    expect(b).toMatch(/<sheet name="AT-fördelning 2024" sheetId="3" r:id="rId\d+"\/>/);
    expect(b).toMatch(/<sheet name="Beslutsbilaga" sheetId="4" r:id="rId\d+"\/>/);
    expect(b).toMatch(/<sheet name="ATF_meta" sheetId="5" state="veryHidden" r:id="rId\d+"\/>/);
  });

  test("[Content_Types].xml: the new sheets, and the main part's type as it was", () => {
    const t = after.get("[Content_Types].xml")!.toString("utf8");
    for (const n of [3, 4, 5]) {
      expect(t).toContain(
        `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      );
    }
    expect(t).toContain(
      '<Override PartName="/xl/drawings/drawing2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>',
    );
    expect(t).toContain(
      '<Override PartName="/xl/charts/chart2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>',
    );
    const main = xlsm
      ? "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
      : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    expect(t).toContain(`<Override PartName="/xl/workbook.xml" ContentType="${main}"/>`);
    if (xlsm) {
      expect(t).toContain(
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
      );
      expect(after.get("xl/vbaProject.bin")!.equals(before.get("xl/vbaProject.bin")!)).toBe(true);
    }
  });

  test("styles: the existing formats stay where they were, ours are appended", () => {
    const a = before.get("xl/styles.xml")!.toString("utf8");
    const b = after.get("xl/styles.xml")!.toString("utf8");
    const xfs = (s: string) =>
      s.match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/)![1].match(/<xf [^>]*\/>/g)!;
    expect(xfs(b).slice(0, xfs(a).length)).toEqual(xfs(a));
    expect(xfs(b).length).toBeGreaterThan(xfs(a).length);
    expect(b).toContain('formatCode="#,##0 &quot;kr&quot;"');
  });

  test("the summary's bar chart: over the summary's own ranges, related from its sheet", () => {
    const chart = after.get("xl/charts/chart2.xml")!.toString("utf8");
    expect(chart).toContain('<c:barDir val="bar"/>');
    expect(chart).toMatch(/<c:cat><c:strRef><c:f>'AT-fördelning 2024'!\$B\$\d+:\$B\$\d+<\/c:f>/);
    expect(chart).toMatch(
      /<c:val><c:numRef><c:f>'AT-fördelning 2024'!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+<\/c:f>/,
    );
    expect(after.get("xl/worksheets/sheet3.xml")!.toString("utf8")).toContain(
      '<drawing r:id="rId1"/>',
    );
    expect(after.get("xl/worksheets/_rels/sheet3.xml.rels")!.toString("utf8")).toContain(
      'Target="../drawings/drawing2.xml"',
    );
    expect(after.get("xl/drawings/_rels/drawing2.xml.rels")!.toString("utf8")).toContain(
      'Target="../charts/chart2.xml"',
    );
  });

  test("opens in exceljs, and reads back to the amounts of --json", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Underlag",
      "Pivot",
      "AT-fördelning 2024",
      "Beslutsbilaga",
      "ATF_meta",
    ]);
    const grid = await readWorkbookFile(out);
    const owned = grid.owned!;
    expect(owned).toMatchObject({ sheet: "Underlag", year: 2024 });
    const box = rangeBox(owned.columnsRange)!;
    const sheet = grid.sheets.find((s) => s.name === "Underlag")!;
    const at = (r: number, c: number) => sheet.values[r - sheet.top]?.[c - sheet.left];
    const totals = new Map<string, unknown>();
    for (let r = box.top + 1; r <= box.bottom; r++) totals.set(String(at(r, 0)), at(r, box.right));
    for (const region of result.regions) expect(totals.get(region.region)).toBe(region.total);
    expect(at(box.top, box.right)).toBe(owned.headers[owned.headers.length - 1]);
  });

  test("a second --out on the output replaces its own columns and sheets", async () => {
    const again = path.join(tmp, `allt-igen.${ext}`);
    const run = await allocate(out, again);
    expect(run.code).toBe(0);
    expect(run.out.regions).toEqual(result.regions);
    const second = await unpack(again);
    expect([...second.keys()].sort()).toEqual([...after.keys()].sort());
    for (const [name, bytes] of after) {
      if (name === "xl/worksheets/sheet4.xml") continue; // the record: its time of writing
      let now = second.get(name)!;
      // The summary names the file it was computed from.
      if (name === "xl/worksheets/sheet3.xml") {
        now = Buffer.from(now.toString("utf8").replace(`allt-ut.${ext} –`, `allt.${ext} –`));
      }
      expect({ name, same: now.equals(bytes) }).toEqual({ name, same: true });
    }
  });
});

describe("the user's cells in the target area: exit 2 naming the cell, nothing written", () => {
  async function refusedAt(file: string, cell: string) {
    const out = `${file}.ut.xlsx`;
    const run = await allocate(file, out);
    expect(run.code).toBe(2);
    const errors = run.out.issues.filter((i: { severity: string }) => i.severity === "error");
    expect(errors.map((e: { cell: string }) => e.cell)).toContain(cell);
    expect(existsSync(out)).toBe(false);
    return errors;
  }

  test("a merge overlapping the new columns", async () => {
    const f = await source("merge.xlsx", { merges: ["G5:H6"] });
    const errors = await refusedAt(f, "Underlag!G5");
    expect(errors[0].message).toMatch(/sammanfogade celler \(G5:H6\)/);
  });

  test("a formula whose value is empty", async () => {
    const f = await source("formel.xlsx", {}, (x) =>
      x.replace(
        /(<row r="10">.*?)(<\/row>)/,
        '$1<c r="F10" t="str"><f>IF(A1="","x","")</f><v></v></c>$2',
      ),
    );
    const errors = await refusedAt(f, "Underlag!F10");
    expect(errors.find((e: { cell: string }) => e.cell === "Underlag!F10").message).toMatch(
      /formel/,
    );
  });

  test("an array formula whose range reaches into the new columns", async () => {
    // D22 keeps its value, now as an array formula over D22:E22.
    const f = await source("matris.xlsx", {}, (x) =>
      x.replace(
        /<c r="D22"><v>(\d+)<\/v><\/c>/,
        '<c r="D22"><f t="array" ref="D22:E22">D21</f><v>$1</v></c>',
      ),
    );
    await refusedAt(f, "Underlag!E22");
  });

  test("a threaded comment on a target cell", async () => {
    const f = await source("tråd.xlsx", { threadedCell: "H12" });
    const errors = await refusedAt(f, "Underlag!H12");
    expect(errors[0].message).toMatch(/anteckning eller kommentar/);
  });

  test("a note on a target cell", async () => {
    const f = await source("anteckning.xlsx", { noteCell: "E7" });
    const errors = await refusedAt(f, "Underlag!E7");
    expect(errors[0].message).toMatch(/anteckning eller kommentar/);
  });
});
