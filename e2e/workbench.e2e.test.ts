/**
 * The workbench in Chromium, end to end: the real task pane, through the real Office.js adapter,
 * on the fake Excel the adapter tests use, loaded from the sample workbooks. Every check reads
 * the simulated workbook's cells (window.__workbench), not what the grid happens to draw.
 */
import { copyFileSync, readFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { parseA1, rangeA1, toA1 } from "../src/workbook/a1";
import { formatNumberAs } from "../src/workbench/cellFormat";
import type { FakeValue } from "../src/excel/fake";
import {
  RESULTS,
  ROOT,
  allocateCli,
  chooseYear,
  hook,
  openWorkbench,
  pane,
  read,
  statusText,
  write,
  writeButton,
  waitForWorkbook,
  type CliJson,
  workbenchSession,
} from "./harness";

const SHIPPED = [2022, 2024, 2025];
const OWNERSHIP_SHEET = "ATF_meta";

const session = workbenchSession();

async function open(
  query: Parameters<typeof openWorkbench>[1],
  viewport?: { width: number; height: number },
) {
  return session.open(query, viewport);
}

const example = (year: number) => path.join(ROOT, "examples", `regioner-${year}.xlsx`);

interface Owned {
  sheet: string;
  columnsRange: string;
  headers: string[];
  summarySheet: string;
}

async function ownership(page: Page): Promise<Owned> {
  const text = await hook(page, "cell", OWNERSHIP_SHEET, "A1");
  expect(typeof text).toBe("string");
  return JSON.parse(text as string) as Owned;
}

/** Rows of a sheet range as { header → value } by the region code in the row's "…kod" column. */
function byCode(rows: FakeValue[][]): Map<string, Record<string, FakeValue>> {
  const [header, ...data] = rows;
  const names = header.map((h) => String(h ?? ""));
  const codeCol = names.findIndex((h) => /kod$/i.test(h));
  expect(codeCol).toBeGreaterThanOrEqual(0);
  const out = new Map<string, Record<string, FakeValue>>();
  for (const row of data) {
    const code = row[codeCol];
    if (typeof code !== "string") continue;
    out.set(code, Object.fromEntries(names.map((n, i) => [n, row[i]])));
  }
  return out;
}

/** Every region's amount per block and total, as the command line computed them, in `rows`. */
function expectAmounts(rows: Map<string, Record<string, FakeValue>>, cli: CliJson): void {
  expect(cli.regions).toHaveLength(21);
  for (const region of cli.regions) {
    const row = rows.get(region.code);
    expect(row).toBeDefined();
    for (const block of cli.blocks) {
      expect({ region: region.code, block: block.id, kr: row![`${block.name}`] }).toEqual({
        region: region.code,
        block: block.id,
        kr: region.blocks[block.id],
      });
    }
    expect({ region: region.code, total: row!["Summa"] }).toEqual({
      region: region.code,
      total: region.total,
    });
  }
}

async function readWriteSample(page: Page, year: number, lang: "sv" | "en" = "sv") {
  await chooseYear(page, year, lang);
  await read(page, lang);
  await write(page, lang);
}

describe.each(SHIPPED)("the %i sample", (year) => {
  it("writes, to the krona, what the command line computes for the same workbook", async () => {
    const cli = await allocateCli(year, example(year));
    expect(cli.ok).toBe(true);
    const page = await open({ sample: year });
    await chooseYear(page, year);
    await read(page);
    expect(await statusText(page)).toContain("Läste 21 regioner");
    await write(page);
    expect(await statusText(page)).toContain(`Skrev 21 rader och bladet AT-fördelning ${year}.`);

    // The allocation columns beside the region table, where the ownership record says.
    const owned = await ownership(page);
    const cols = parseA1(owned.columnsRange.split(":")[0]);
    const end = parseA1(owned.columnsRange.split(":")[1]);
    const table = await hook(page, "values", owned.sheet, rangeA1(cols.row, 0, end.row, end.col));
    expect(table[0].slice(cols.col)).toEqual(owned.headers);
    expectAmounts(byCode(table), cli);

    // The summary sheet is there, visible, a tab of the grid, with the same amounts.
    const summary = `AT-fördelning ${year}`;
    expect(owned.summarySheet).toBe(summary);
    const sheets = await hook(page, "sheets");
    expect(sheets).toContainEqual({ name: summary, visibility: "Visible" });
    expect(sheets).toContainEqual({ name: OWNERSHIP_SHEET, visibility: "VeryHidden" });
    await expect(page.getByRole("tab", { name: summary }).count()).resolves.toBe(1);
    const used = await hook(page, "usedRange", summary);
    const values = await hook(page, "values", summary, used!);
    expect(values[0][0]).toBe(`AT-fördelning ${year} – sammanställning`);
    const perRegion = values.findIndex((row) => row[0] === "Länskod");
    expect(perRegion).toBeGreaterThan(0);
    expectAmounts(byCode(values.slice(perRegion)), cli);

    // The grid re-rendered after the write: the first region's total is on screen.
    const first = cli.regions[0];
    const totalCol = cols.col + owned.headers.indexOf("Summa");
    const firstRow = cols.row + table.findIndex((r) => r.includes(first.code));
    const shown = page.locator(
      `[data-testid="sheet-view"] [data-cell="${toA1(firstRow, totalCol)}"]`,
    );
    await expect(shown.innerText()).resolves.toBe(formatNumberAs(first.total, '#,##0 "kr"', "sv"));
  });
});

describe("a bad input", () => {
  it("is named by its cell, selects the cell on a click, and stops the write", async () => {
    const page = await open({ sample: 2024 });
    // The user types I.U into Skåne's planning cell, as bilaga 2 has it.
    const e13 = page.locator('[data-testid="sheet-view"] [data-cell="E13"]');
    await e13.dblclick();
    const editor = page.getByRole("textbox", { name: "Cellinnehåll E13" });
    await editor.fill("I.U");
    await editor.press("Enter");
    expect(await hook(page, "cell", "Regioner", "E13")).toBe("I.U");

    await chooseYear(page, 2024);
    await read(page);
    expect(await statusText(page)).toMatch(/1 fel måste rättas/);
    const before = await hook(page, "snapshot");

    // The issue names the cell; it is a button that selects it.
    const issue = pane(page).getByRole("button", { name: /Regioner!E13/ });
    await expect(issue.count()).resolves.toBe(1);
    await expect(issue.innerText()).resolves.toMatch(/Fel.*Skåne|Skåne.*Fel/s);
    await hook(page, "select", "Regioner", "A1");
    await issue.click();
    await page.waitForFunction(() => {
      const s = window.__workbench?.selection();
      return !!s && s !== "chart" && s.address === "E13";
    });
    expect(await hook(page, "selection")).toEqual({ sheet: "Regioner", address: "E13" });
    await expect(page.getByTestId("name-box").inputValue()).resolves.toBe("E13");
    await expect(e13.getAttribute("aria-selected")).resolves.toBe("true");

    // Writing is disabled, says why, and a click anyway changes nothing.
    await expect(writeButton(page).getAttribute("aria-disabled")).resolves.toBe("true");
    await expect(
      pane(page).getByText("Rätta felen nedan och läs in igen innan något skrivs.").count(),
    ).resolves.toBe(1);
    await writeButton(page).click({ force: true });
    await page.waitForTimeout(300);
    expect(await hook(page, "snapshot")).toBe(before);
    expect(await hook(page, "sheetNames")).toEqual(["Regioner", "Om exemplet"]);
  });
});

describe("a user's value where the add-in would write", () => {
  it("is refused, named by its cell, and nothing is written", async () => {
    const page = await open({ sample: 2025 });
    // F10 is right of the 2025 table (A3:E24): where the allocation columns would go.
    await page.locator('[data-testid="sheet-view"] [data-cell="F10"]').click();
    const bar = page.getByTestId("formula-bar");
    await bar.fill("min anteckning");
    await bar.press("Enter");
    expect(await hook(page, "cell", "Regioner", "F10")).toBe("min anteckning");

    await chooseYear(page, 2025);
    await read(page);
    const before = await hook(page, "snapshot");
    await write(page, "sv", "refused");
    const status = await statusText(page);
    expect(status).toContain("Inget skrevs");
    expect(status).toMatch(/F10/);
    expect(await hook(page, "snapshot")).toBe(before);
    expect(await hook(page, "cell", "Regioner", "F10")).toBe("min anteckning");
  });
});

describe("a re-run", () => {
  it("replaces what the previous run wrote, also after a save and a reload", async () => {
    const page = await open({ sample: 2024 });
    await readWriteSample(page, 2024);
    const first = {
      sheets: await hook(page, "sheets"),
      table: await hook(page, "table", "Regioner2024"),
      used: await hook(page, "usedRange", "Regioner"),
      values: await hook(page, "values", "Regioner", "A1:J26"),
    };
    expect(first.table!.columns).toHaveLength(9);

    await write(page);
    const again = {
      sheets: await hook(page, "sheets"),
      table: await hook(page, "table", "Regioner2024"),
      used: await hook(page, "usedRange", "Regioner"),
      values: await hook(page, "values", "Regioner", "A1:J26"),
    };
    expect(again).toEqual(first);

    // Saved as .xlsx and opened again: the ownership record came along, so a third run
    // still replaces instead of adding.
    const saved = await hook(page, "saveXlsxBase64");
    const id = await hook(page, "workbookId");
    await hook(page, "loadXlsx", saved, "igen.xlsx");
    await waitForWorkbook(page, id);
    await readWriteSample(page, 2024);
    expect(await hook(page, "sheets")).toEqual(first.sheets);
    expect(await hook(page, "table", "Regioner2024")).toEqual(first.table);
    expect(await hook(page, "values", "Regioner", "A1:J26")).toEqual(first.values);
    expect((await hook(page, "sheetNames")).filter((n) => n.startsWith("AT-fördelning"))).toEqual([
      "AT-fördelning 2024",
    ]);
  });
});

/** A workbook of three regions of a rule set's own, one named "=1+1", as .xlsx (base64). */
async function formulaLikeWorkbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Blad1");
  ws.addRow(["Region", "Folkmängd", "AT 2030"]);
  ws.addRow(["=1+1", 100000, 12]);
  ws.addRow(["Beta", 200000, 20]);
  ws.addRow(["Gamma", 300000, 31]);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
}

const FORMULA_RULES = {
  format: 1,
  year: 2030,
  title: { sv: "Test med egna regioner", en: "Test with regions of its own" },
  reference: "E2E-2030",
  sources: ["end-to-end test"],
  budget: 1_000_000,
  inputs: { at: { required: true }, population: { required: true } },
  regions: [
    { code: "A1", name: "=1+1", aliases: [] },
    { code: "B2", name: "Beta", aliases: [] },
    { code: "C3", name: "Gamma", aliases: [] },
  ],
  blocks: [
    {
      id: "block1",
      name: { sv: "Block 1 – Andel", en: "Block 1 – Share" },
      budget: 1_000_000,
      eligible: [{ reported: "at" }],
      split: { kind: "proportional", weight: "at" },
    },
  ],
};

describe("a region named =1+1", () => {
  it("stays text in the table and on the summary sheet; no text becomes a formula", async () => {
    const page = await open({ sample: "empty" });
    const id = await hook(page, "workbookId");
    await hook(page, "loadXlsx", await formulaLikeWorkbook(), "formel.xlsx");
    await waitForWorkbook(page, id);
    expect(await hook(page, "cell", "Blad1", "A2")).toBe("=1+1");

    await pane(page)
      .locator('input[type="file"]')
      .setInputFiles({
        name: "regler-2030.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify(FORMULA_RULES)),
      });
    await expect(
      pane(page)
        .getByRole("combobox", { name: /Bidragsår/ })
        .inputValue(),
    ).resolves.toMatch(/2030/);
    await read(page);
    expect(await statusText(page)).toContain("Läste 3 regioner");
    await write(page);

    expect(await hook(page, "cell", "Blad1", "A2")).toBe("=1+1");
    // The only formulas are the summary's and the annex's own checks and sums (issue 14): none
    // on the user's sheet, and the "=1+1" on both is a value, not a formula's result.
    const formulas = await hook(page, "formulaCells");
    const ours = (a: string) =>
      a.startsWith("AT-fördelning 2030!") || a.startsWith("Beslutsbilaga!");
    expect(formulas.filter((a) => !ours(a))).toEqual([]);
    expect(formulas.length).toBeGreaterThan(0);
    for (const sheet of ["AT-fördelning 2030", "Beslutsbilaga"]) {
      const used = await hook(page, "usedRange", sheet);
      const cells = (await hook(page, "values", sheet, used!)).flat();
      expect({ sheet, text: cells.includes("=1+1") }).toEqual({ sheet, text: true });
    }
    // The amounts add up to the budget, and "=1+1" got its share by its 12 AT of 63.
    const written = await hook(page, "values", "Blad1", "D1:E4");
    expect(written[0]).toEqual(["Block 1 – Andel", "Summa"]);
    const shares = written.slice(1).map((r) => r[0] as number);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(shares[0]).toBe(190476);
  });
});

describe("the page's menu", () => {
  it("opens an .xlsx the user picks, saves the result as .xlsx, and switches language", async () => {
    const page = await open({ sample: 2022 });
    const id = await hook(page, "workbookId");
    await page.getByTestId("open-xlsx").setInputFiles(example(2024));
    await waitForWorkbook(page, id);
    expect(await hook(page, "sheetNames")).toEqual(["Regioner", "Om exemplet"]);
    expect(await hook(page, "table", "Regioner2024")).not.toBeNull();

    await readWriteSample(page, 2024);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Spara som .xlsx" }).click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      ["Regioner", "visible"],
      ["Om exemplet", "visible"],
      [OWNERSHIP_SHEET, "veryHidden"],
      ["AT-fördelning 2024", "visible"],
      ["Beslutsbilaga", "visible"],
    ]);
    expect(wb.getWorksheet("Regioner")!.getCell("I4").value).toBe(27349691);

    await page.getByTestId("lang-select").selectOption("en");
    await expect(
      pane(page).getByRole("button", { name: "Write to the workbook" }).count(),
    ).resolves.toBe(1);
    await expect(page.getByRole("button", { name: "Save as .xlsx" }).count()).resolves.toBe(1);
    expect(new URL(page.url()).searchParams.get("lang")).toBe("en");
  });
});

describe("screenshots", () => {
  it.each(["sv", "en"] as const)("of the task pane after a write (%s)", async (lang) => {
    const page = await open({ sample: 2024, lang }, { width: 1400, height: 2000 });
    await readWriteSample(page, 2024, lang);
    await page.evaluate(() => document.fonts.ready);
    const paneFile = path.join(RESULTS, `taskpane-${lang}.png`);
    await pane(page).screenshot({ path: paneFile });
    await page.screenshot({ path: path.join(RESULTS, `workbench-${lang}.png`) });
    expect(readFileSync(paneFile).subarray(1, 4).toString()).toBe("PNG");
    if (lang === "sv" && process.env.E2E_UPDATE_SCREENSHOT === "1") {
      copyFileSync(paneFile, path.join(ROOT, "docs", "screenshot-taskpane.png"));
    }
  });
});
