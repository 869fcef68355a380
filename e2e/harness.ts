/**
 * What the end-to-end tests share: opening the workbench in Chromium, the task pane's steps
 * (choose the year, read, write) as a user takes them, the command line's JSON for the same
 * file, and a look into the simulated workbook through window.__workbench.
 */
import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { WorkbenchHooks } from "../src/workbench/hooks";
import { launchChromium } from "./browser";

export const ROOT = path.resolve(__dirname, "..");
export const RESULTS = path.join(ROOT, "test-results");

export function workbenchUrl(): string {
  const url = process.env.WORKBENCH_URL;
  if (!url) throw new Error("WORKBENCH_URL is not set: run through jest.e2e.config.js");
  return url;
}

export interface Opened {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and console errors of the page, to be none. */
  errors: string[];
}

/** A fresh context and page on the workbench, waiting until the task pane is ready to read. */
export async function openWorkbench(
  browser: Browser,
  query: { sample?: number | "empty"; lang?: "sv" | "en" } = {},
  viewport = { width: 1400, height: 900 },
): Promise<Opened> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  const params = new URLSearchParams({
    sample: String(query.sample ?? 2024),
    lang: query.lang ?? "sv",
  });
  await page.goto(`${workbenchUrl()}?${params.toString()}`);
  await page.waitForSelector('#workbench[data-ready="true"]');
  return { context, page, errors };
}

/**
 * One Chromium for a test file and a fresh context per test: registers the file's hooks and
 * returns how a test opens the workbench. After each test its context is closed, and the page
 * must have had no uncaught error and nothing on the console's error channel.
 */
export function workbenchSession(): {
  open(
    query?: Parameters<typeof openWorkbench>[1],
    viewport?: { width: number; height: number },
  ): Promise<Page>;
} {
  let browser: Browser;
  let opened: Opened | null = null;
  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    if (!opened) return;
    const errors = opened.errors;
    await opened.context.close();
    opened = null;
    expect(errors).toEqual([]);
  });
  return {
    async open(query, viewport) {
      opened = await openWorkbench(browser, query, viewport);
      return opened.page;
    },
  };
}

/** Waits for a workbook newer than `before` (a workbook id) to be in, the pane ready on it. */
export async function waitForWorkbook(page: Page, before: number): Promise<void> {
  await page.waitForFunction((n) => {
    const root = document.getElementById("workbench");
    return root?.dataset.ready === "true" && Number(root.dataset.workbook) > n;
  }, before);
}

/** Calls a window.__workbench hook in the page. */
export function hook<K extends keyof WorkbenchHooks>(
  page: Page,
  name: K,
  ...args: WorkbenchHooks[K] extends (...a: infer A) => unknown ? A : never
): Promise<WorkbenchHooks[K] extends (...a: never[]) => infer R ? Awaited<R> : never> {
  return page.evaluate(
    ({ name, args }) => {
      const hooks = window.__workbench as unknown as Record<string, (...a: unknown[]) => unknown>;
      return hooks[name](...args);
    },
    { name: name as string, args: args as unknown[] },
  ) as never;
}

export const WORDS = {
  sv: {
    year: /Bidragsår/,
    read: "Läs in",
    write: "Skriv till arbetsboken",
    // Counts group thousands: "5 000" (a no-break space), "5,000".
    readDone: /Läste [\d\u00a0]+ regioner/,
    errors: /måste rättas/,
    written: /Skrev [\d\u00a0]+ rader/,
    refused: /Inget skrevs/,
  },
  en: {
    year: /Grant year/,
    read: "Read",
    write: "Write to the workbook",
    readDone: /Read [\d,]+ regions/,
    errors: /must be corrected/,
    written: /Wrote [\d,]+ rows/,
    refused: /Nothing was written/,
  },
};

export function pane(page: Page) {
  return page.getByTestId("taskpane");
}

export async function chooseYear(page: Page, year: number, lang: "sv" | "en" = "sv") {
  await pane(page)
    .getByRole("combobox", { name: WORDS[lang].year })
    .selectOption(`shipped:${year}`);
}

const STATUS = '[data-testid="taskpane"] [data-testid="status"]';

/**
 * Waits until `runs` more Excel.run batches have completed on the workbook and the pane's
 * status, no longer busy, matches `done`.
 */
async function settle(page: Page, before: number, runs: number, done: RegExp): Promise<void> {
  await page.waitForFunction(
    ({ before, runs, status, source, flags }) => {
      if ((window.__workbench?.runCount() ?? 0) < before + runs) return false;
      const el = document.querySelector(status);
      return (
        !!el &&
        !el.querySelector('[role="progressbar"]') &&
        new RegExp(source, flags).test(el.textContent ?? "")
      );
    },
    { before, runs, status: STATUS, source: done.source, flags: done.flags },
  );
}

/** Clicks "Läs in" and waits until the status says what was read (or that it has errors). */
export async function read(page: Page, lang: "sv" | "en" = "sv") {
  const before = await hook(page, "runCount");
  await pane(page).getByRole("button", { name: WORDS[lang].read, exact: true }).click();
  await settle(
    page,
    before,
    1,
    new RegExp(`${WORDS[lang].readDone.source}|${WORDS[lang].errors.source}`),
  );
}

export function writeButton(page: Page, lang: "sv" | "en" = "sv") {
  return pane(page).getByRole("button", { name: WORDS[lang].write });
}

/**
 * Clicks "Skriv till arbetsboken" and waits for the outcome: written (a re-read and the write,
 * two batches) or refused ("Inget skrevs", after the re-read).
 */
export async function write(
  page: Page,
  lang: "sv" | "en" = "sv",
  outcome: "written" | "refused" = "written",
) {
  const before = await hook(page, "runCount");
  await writeButton(page, lang).click();
  if (outcome === "written") await settle(page, before, 2, WORDS[lang].written);
  else await settle(page, before, 1, WORDS[lang].refused);
}

export function statusText(page: Page): Promise<string> {
  return pane(page).getByTestId("status").innerText();
}

export interface CliRegion {
  code: string;
  region: string;
  blocks: Record<string, number>;
  total: number;
}

export interface CliJson {
  year: number;
  regions: CliRegion[];
  blocks: { id: string; name: string; distributed: number }[];
  issues: { severity: string; cell: string | null; message: string }[];
  ok: boolean;
  read: string | null;
}

const run = promisify(execFile);

/** `npm run allocate -- --year Y --in FILE --json` (Swedish texts), as the README runs it. */
export async function allocateCli(year: number, file: string): Promise<CliJson> {
  const { stdout } = await run(
    process.execPath,
    [
      path.join(ROOT, "node_modules", ".bin", "tsx"),
      path.join(ROOT, "src", "cli", "allocate.ts"),
      "--year",
      String(year),
      "--in",
      file,
      "--json",
      "--lang",
      "sv",
    ],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as CliJson;
}
