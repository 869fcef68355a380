/**
 * What-if and review in Chromium, on the workbench's 2024 sample (issues 10 and 11): with Live
 * on, an edit of a region's AT rewrites the columns and the summary with the engine's figures
 * (checked against the command line on the same workbook); a bad edit pauses Live, names the
 * cell and marks the workbook, and fixing it clears the mark; the marginal table for Halland
 * shows its ladder steps and what the next step takes; Kontrollera names an allocation cell
 * edited by hand. Columns are found by their headers' beginnings ("Summa", "Block 2"), not
 * by their units.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { columnName } from "../src/workbook/a1";
import { allocateCli, hook, pane, read, write, workbenchSession } from "./harness";

const SHEET = "Regioner";
const SUMMARY = "AT-fördelning 2024";

const session = workbenchSession();

/** Where Halland's row and the named columns are on the sheet, by the header row's texts. */
async function layout(page: Page) {
  const used = (await hook(page, "usedRange", SHEET))!;
  const values = await hook(page, "values", SHEET, used);
  const top = Number(/\d+/.exec(used)![0]) - 1;
  const headerAt = values.findIndex((r) => r.some((v) => v === "Region"));
  const header = values[headerAt].map((v) => (typeof v === "string" ? v : ""));
  const hallandAt = values.findIndex((r) => r.includes("Halland"));
  const col = (prefix: string) => {
    const i = header.findIndex((h) => h.startsWith(prefix));
    if (i < 0) throw new Error(`no column "${prefix}…" in ${header.join(" | ")}`);
    return columnName(i);
  };
  return {
    row: top + hallandAt + 1,
    at: col("AT 2024"),
    total: col("Summa"),
    block2: col("Block 2"),
  };
}

/** The workbook as it stands, through the command line: the engine's figures for Halland. */
async function cliHalland(page: Page, name: string) {
  const file = path.join(tmpdir(), `whatif-${process.pid}-${name}.xlsx`);
  writeFileSync(file, Buffer.from(await hook(page, "saveXlsxBase64"), "base64"));
  const json = await allocateCli(2024, file);
  expect(json.ok).toBe(true);
  return json.regions.find((r) => r.region === "Halland")!;
}

async function openWritten(): Promise<Page> {
  const page = await session.open({ sample: 2024 }, { width: 1400, height: 1000 });
  await read(page);
  await write(page);
  return page;
}

async function liveOn(page: Page): Promise<void> {
  await pane(page).getByRole("switch", { name: "Live" }).check();
  await waitLive(page, "current");
}

function waitLive(page: Page, kind: string) {
  return page.waitForFunction(
    (k) =>
      document
        .querySelector('[data-testid="taskpane"] [data-testid="live-status"]')
        ?.getAttribute("data-live") === k,
    kind,
  );
}

function summaryLine(values: unknown[][], region: string): unknown[] {
  return values.find((r) => r.includes(region)) ?? [];
}

describe("Live", () => {
  it("an edit of Halland's AT rewrites its columns and the summary with the engine's figures", async () => {
    const page = await openWritten();
    await liveOn(page);
    const at = await layout(page);
    const before = await hook(page, "cell", SHEET, `${at.total}${at.row}`);
    const count = (await hook(page, "cell", SHEET, `${at.at}${at.row}`)) as number;
    await hook(page, "setCell", SHEET, `${at.at}${at.row}`, String(count + 3));
    await page.waitForFunction(
      ({ sheet, cell, before }) => window.__workbench!.cell(sheet, cell) !== before,
      { sheet: SHEET, cell: `${at.total}${at.row}`, before },
      { timeout: 10_000 },
    );
    await waitLive(page, "current");
    const engine = await cliHalland(page, "live");
    const total = await hook(page, "cell", SHEET, `${at.total}${at.row}`);
    expect(total).not.toBe(before);
    expect(total).toBe(engine.total);
    expect(await hook(page, "cell", SHEET, `${at.block2}${at.row}`)).toBe(engine.blocks.block2);
    const summary = await hook(page, "values", SUMMARY, (await hook(page, "usedRange", SUMMARY))!);
    expect(summaryLine(summary, "Halland")).toContain(engine.total);
    // The preview follows the workbook.
    const row = pane(page).getByRole("row").filter({ hasText: "Halland" }).first();
    await expect(row.innerText()).resolves.toContain(
      new Intl.NumberFormat("sv-SE").format(engine.total).replace(/\s/g, "\u00a0"),
    );
  });

  it("a text in a count pauses it: the pane names the cell, the workbook is marked; fixed, the mark goes", async () => {
    const page = await openWritten();
    await liveOn(page);
    const at = await layout(page);
    const written = await hook(page, "cell", SHEET, `${at.total}${at.row}`);
    await hook(page, "setCell", SHEET, `${at.at}${at.row}`, "sextio");
    await waitLive(page, "stale");
    const where = `${SHEET}!${at.at}${at.row}`;
    await expect(pane(page).getByTestId("live-status").innerText()).resolves.toContain(where);
    await expect(pane(page).getByTestId("live-paused").innerText()).resolves.toContain(where);
    expect(String(await hook(page, "cell", SUMMARY, "A4"))).toMatch(/^INAKTUELLT/);
    expect(await hook(page, "cell", SHEET, `${at.total}${at.row}`)).toBe(written);

    await hook(page, "setCell", SHEET, `${at.at}${at.row}`, "61");
    await waitLive(page, "current");
    await page.waitForFunction(
      (sheet) => !/^INAKTUELLT/.test(String(window.__workbench!.cell(sheet, "A4") ?? "")),
      SUMMARY,
    );
    expect(await pane(page).getByTestId("live-paused").count()).toBe(0);
    const engine = await cliHalland(page, "fixed");
    expect(await hook(page, "cell", SHEET, `${at.total}${at.row}`)).toBe(engine.total);
  });
});

describe("the marginal table for Halland", () => {
  it("marks the ladder steps and says what the next step takes", async () => {
    const page = await session.open({ sample: 2024 }, { width: 1400, height: 1000 });
    await read(page);
    const panel = pane(page).getByTestId("marginal");
    await panel.getByRole("combobox", { name: /Region/ }).selectOption("13");
    const next = panel.getByTestId("marginal-next");
    await expect(next.innerText()).resolves.toMatch(
      /nästa steg .*kräver \d+ AT till \(\+[\d\s]+kr\)/,
    );
    const rows = panel.getByRole("row");
    const texts = await rows.allInnerTexts();
    expect(texts.filter((t) => t.includes("▲")).length).toBeGreaterThan(0);
    // The row of today (±0) carries the total the preview shows for Halland.
    const today = texts.find((t) => /^0\s/.test(t))!;
    const previewRow = await pane(page)
      .getByRole("table", { name: "Fördelning per region" })
      .getByRole("row")
      .filter({ hasText: "Halland" })
      .innerText();
    const previewTotal = previewRow.trim().split(/\t/).at(-1)!;
    expect(today.replace(/\s/g, " ")).toContain(previewTotal.replace(/\s/g, " "));
  });
});

describe("Kontrollera", () => {
  it("after an allocation cell is edited by hand, names that cell with both values", async () => {
    const page = await openWritten();
    const at = await layout(page);
    const cell = `${at.block2}${at.row}`;
    const was = await hook(page, "cell", SHEET, cell);
    await hook(page, "setCell", SHEET, cell, "12345");
    await pane(page).getByRole("button", { name: "Kontrollera" }).click();
    const result = pane(page).getByTestId("verify-result");
    await result.waitFor();
    await expect(result.innerText()).resolves.toMatch(/stämmer inte/);
    const own = await pane(page).getByTestId("verify-ownEdit").innerText();
    expect(own).toContain(`${SHEET}!${cell}`);
    expect(own.replace(/\s/g, "")).toContain(String(was));
    expect(own.replace(/\s/g, "")).toContain("→12345");
  });
});
