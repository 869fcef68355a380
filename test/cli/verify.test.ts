/**
 * `npm run verify`: an untouched workbook holds; an edited amount, an edited input, another
 * rule file, other interpretations and hand edits are each named by cell with both values; a
 * workbook the tool never wrote is exit 2. Through real .xlsx files written by `--out` and
 * edited (saved and reopened) with exceljs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { verifyWorkbook } from "../../src/app/verify";
import { getRuleSet } from "../../src/domain/rules";
import { readWorkbookFile } from "../../src/files/readWorkbookFile";
import { main } from "../../src/cli/verify";
import { runCli } from "./cases";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "atf-verify-"));
const SAMPLE = path.resolve(__dirname, "../../examples/regioner-2024.xlsx");

async function verify(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(
    argv,
    (s) => (stdout += s),
    (s) => (stderr += s),
    {},
  );
  return { code, stdout, stderr };
}

async function written(name: string): Promise<string> {
  const out = path.join(tmp, name);
  const r = await runCli(["--year", "2024", "--in", SAMPLE, "--out", out, "--force"]);
  expect(r.code).toBe(0);
  return out;
}

/** Edits one cell of the region sheet by its header and region, saving through exceljs. */
async function edit(file: string, header: RegExp, region: string, value: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const ws of wb.worksheets) {
    let headerRow = 0;
    let col = 0;
    ws.eachRow((row, n) => {
      row.eachCell((c, k) => {
        if (!headerRow && typeof c.value === "string" && header.test(c.value)) {
          headerRow = n;
          col = k;
        }
      });
    });
    if (!headerRow) continue;
    let address = "";
    ws.eachRow((row) => {
      row.eachCell((c) => {
        if (c.value === region && !address) address = row.getCell(col).address;
      });
    });
    if (address) {
      ws.getCell(address).value = value;
      const out = file.replace(/\.xlsx$/, `-${path.basename(address)}.xlsx`);
      await wb.xlsx.writeFile(out);
      return out;
    }
  }
  throw new Error("cell not found");
}

test("an untouched --out copy holds: exit 0", async () => {
  const file = await written("untouched.xlsx");
  const r = await verify(["--in", file]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("allt stämmer");
});

test("an amount edited by hand: named as a hand edit and as not following the rules, exit 3", async () => {
  const file = await edit(await written("amount.xlsx"), /^Summa$/, "Halland", 1);
  const r = await verify(["--in", file, "--json"]);
  expect(r.code).toBe(3);
  const out = JSON.parse(r.stdout);
  const kinds = out.differences.map((d: { kind: string }) => d.kind).sort();
  expect(kinds).toEqual(["amount", "ownEdit"]);
  expect(out.differences.find((d: { kind: string }) => d.kind === "ownEdit")).toMatchObject({
    now: "1",
  });
});

test("an input edited: named old → new, and the amounts no longer follow the rules", async () => {
  const file = await edit(await written("input.xlsx"), /^AT 2024$/, "Halland", 70);
  const r = await verify(["--in", file, "--json"]);
  expect(r.code).toBe(3);
  const out = JSON.parse(r.stdout);
  const input = out.differences.find((d: { kind: string }) => d.kind === "input");
  expect(input).toMatchObject({ was: "63", now: "70" });
  expect(out.differences.some((d: { kind: string }) => d.kind === "amount")).toBe(true);
  expect(out.differences.some((d: { kind: string }) => d.kind === "ownEdit")).toBe(false);
});

test("another rule file: the fingerprint differs", async () => {
  const file = await written("rules.xlsx");
  const rules = path.join(tmp, "other.json");
  const rs = JSON.parse(JSON.stringify(getRuleSet(2024)));
  rs.title.sv = "Ändrad titel";
  fs.writeFileSync(rules, JSON.stringify(rs));
  const r = await verify(["--in", file, "--rules", rules, "--json"]);
  expect(r.code).toBe(3);
  expect(JSON.parse(r.stdout).differences.map((d: { kind: string }) => d.kind)).toContain("rules");
});

test("other interpretations than at the run are said", async () => {
  const grid = await readWorkbookFile(await written("settings.xlsx"));
  const v = verifyWorkbook(grid, getRuleSet(2024)!, {
    range: "upper",
    rounding: "largest-remainder",
    overflow: "pro-rata",
  });
  expect(v.kind).toBe("checked");
  if (v.kind === "checked") expect(v.findings.map((f) => f.kind)).toContain("settings");
});

test("a workbook the tool never wrote: exit 2 with a sentence", async () => {
  const r = await verify(["--in", SAMPLE]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("inte skriven av AT-fördelning");
});

test("a re-run over hand edits is refused unless --replace-edits", async () => {
  const file = await edit(await written("rerun.xlsx"), /^Summa$/, "Halland", 1);
  const out = path.join(tmp, "rerun-out.xlsx");
  const refused = await runCli(["--year", "2024", "--in", file, "--out", out, "--json"]);
  expect(refused.code).toBe(2);
  expect(
    JSON.parse(refused.stdout).issues.some((i: { code: string }) => i.code === "write.handEdit"),
  ).toBe(true);
  expect(fs.existsSync(out)).toBe(false);
  const replaced = await runCli(["--year", "2024", "--in", file, "--out", out, "--replace-edits"]);
  expect(replaced.code).toBe(0);
  expect((await verify(["--in", out])).code).toBe(0);
});

test("the fingerprint is a document custom property, replaced (not added again) on a re-run", async () => {
  const JSZip = (await import("jszip")).default;
  const first = await written("prop.xlsx");
  const second = path.join(tmp, "prop-2.xlsx");
  expect((await runCli(["--year", "2024", "--in", first, "--out", second])).code).toBe(0);
  for (const file of [first, second]) {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file("docProps/custom.xml")!.async("string");
    expect(xml.match(/name="AT-fördelning"/g)).toHaveLength(1);
    expect(xml).toMatch(/regler sha256:[0-9a-f]{64}; indata sha256:[0-9a-f]{64}/);
    expect(await zip.file("_rels/.rels")!.async("string")).toContain("custom-properties");
  }
});
