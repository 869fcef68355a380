/**
 * The README's pictures of the task pane (`npm run screenshots`, after `npm run
 * build:workbench`): the built workbench in Debian's Chromium with the pane 350 px wide, as
 * Excel's task pane usually is, on the 2024 sample. Each picture is cropped to one panel and
 * taken at one device pixel per CSS pixel, so that it stays small (under 80 KB):
 *
 *   docs/img/pane-comparison.png  Halland's AT +3, compared with the allocation written
 *   docs/img/pane-marginal.png    the marginal table for Halland
 *   docs/img/pane-verify.png      Kontrollera after an allocation cell was edited by hand
 *   docs/img/pane-live.png        the Live switch on, after an edit
 *
 * The figures are the sample's (examples/README.md: example data, not official statistics).
 */
import { mkdirSync, statSync } from "node:fs";
import * as path from "node:path";
import type { Locator, Page } from "playwright-core";
import { launchChromium } from "../e2e/browser";
import { serveWorkbench } from "./serve-workbench";

const OUT = path.join(__dirname, "..", "docs", "img");
const PANE = 350;
const LIMIT = 80 * 1024;
const SHEET = "Regioner";

function hooks<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ({ fn, args }) =>
      (window.__workbench as unknown as Record<string, (...a: unknown[]) => unknown>)[fn](...args),
    { fn, args },
  ) as Promise<T>;
}

function pane(page: Page): Locator {
  return page.getByTestId("taskpane");
}

/** Waits until the pane's status line matches `done` and shows no progress bar. */
async function statusSays(page: Page, done: RegExp): Promise<void> {
  await page.waitForFunction(
    ({ source }) => {
      const el = document.querySelector('[data-testid="taskpane"] [data-testid="status"]');
      return (
        !!el &&
        !el.querySelector('[role="progressbar"]') &&
        new RegExp(source).test(el.textContent ?? "")
      );
    },
    { source: done.source },
  );
}

async function open(page: Page, base: string): Promise<void> {
  await page.goto(`${base}?sample=2024&lang=sv&pane=${PANE}`);
  await page.waitForSelector('#workbench[data-ready="true"]');
}

async function readAndWrite(page: Page): Promise<void> {
  await pane(page).getByRole("button", { name: "Läs in", exact: true }).click();
  await statusSays(page, /Läste 21 regioner/);
  await pane(page).getByRole("button", { name: "Skriv till arbetsboken" }).click();
  await statusSays(page, /Skrev 21 rader/);
}

/** Halland's row and a column by its header's beginning, from the sheet's header row. */
async function hallandCell(page: Page, header: string): Promise<string> {
  const used = (await hooks<string | null>(page, "usedRange", SHEET))!;
  const values = await hooks<unknown[][]>(page, "values", SHEET, used);
  const top = Number(/\d+/.exec(used)![0]);
  const head = values.find((r) => r.includes("Region"))!.map((v) => String(v ?? ""));
  const col = head.findIndex((h) => h.startsWith(header));
  const row = values.findIndex((r) => r.includes("Halland"));
  if (col < 0 || col > 25 || row < 0) throw new Error(`no ${header} for Halland`);
  return `${String.fromCharCode(65 + col)}${top + row}`;
}

async function shoot(target: Locator, name: string): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const file = path.join(OUT, name);
  await target.screenshot({ path: file, animations: "disabled", caret: "hide", scale: "css" });
  const size = statSync(file).size;
  console.log(`${path.relative(process.cwd(), file)}: ${Math.round(size / 1024)} KB`);
  if (size > LIMIT) throw new Error(`${name} is ${size} bytes, over ${LIMIT}`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await serveWorkbench({ port: 0 });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 1000, height: 1400 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();

    // The comparison: written, then Halland reports 3 AT more; read again and compare.
    await open(page, server.url);
    await readAndWrite(page);
    const at = await hallandCell(page, "AT 2024");
    const count = await hooks<number>(page, "cell", SHEET, at);
    await hooks(page, "setCell", SHEET, at, String(count + 3));
    await pane(page).getByRole("button", { name: "Läs in", exact: true }).click();
    await statusSays(page, /Läste 21 regioner/);
    const comparison = pane(page).getByTestId("comparison");
    await comparison.getByRole("button", { name: "Jämför med det skrivna" }).click();
    await comparison.getByTestId("comparison-summary").waitFor();
    await shoot(comparison, "pane-comparison.png");

    // The marginal table for Halland.
    const marginal = pane(page).getByTestId("marginal");
    await marginal.getByRole("combobox", { name: /Region/ }).selectOption("13");
    await marginal.getByTestId("marginal-next").waitFor();
    await shoot(marginal, "pane-marginal.png");

    // Kontrollera after a hand edit of an allocation cell.
    await open(page, server.url);
    await readAndWrite(page);
    await hooks(page, "setCell", SHEET, await hallandCell(page, "Block 2"), "12345");
    await pane(page).getByRole("button", { name: "Kontrollera" }).click();
    await statusSays(page, /stämmer inte/);
    await shoot(pane(page).getByTestId("status"), "pane-verify.png");

    // Live on, after an edit: the switch and its line in the status.
    await open(page, server.url);
    await readAndWrite(page);
    await pane(page).getByRole("switch", { name: "Live" }).check();
    const at2 = await hallandCell(page, "AT 2024");
    const count2 = await hooks<number>(page, "cell", SHEET, at2);
    await page.waitForSelector('[data-testid="live-status"][data-live="current"]');
    await hooks(page, "setCell", SHEET, at2, String(count2 + 3));
    await page
      .waitForSelector('[data-testid="live-status"][data-live="recomputing"]', {
        timeout: 2000,
      })
      .catch(() => undefined);
    await page.waitForSelector('[data-testid="live-status"][data-live="current"]');
    const actions = pane(page)
      .locator("section")
      .filter({ has: page.getByRole("switch") });
    await shoot(actions, "pane-live.png");
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
