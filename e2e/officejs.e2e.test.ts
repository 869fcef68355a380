/**
 * The REAL office.js (the npm package @microsoft/office-js, as `npm run build:selfhosted`
 * serves it from the add-in's own host) in Chromium, outside Office: the task pane page loads
 * the library under its Content-Security-Policy, office.js finds no Office host and resolves
 * Office.onReady with host null, and the pane says it must be opened in Excel. No stub: what
 * runs is Microsoft's library and the production bundle.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium } from "./browser";
import { RESULTS, ROOT } from "./harness";
import { serveDirectory, type Served } from "./staticServer";

const DIST = path.join(ROOT, "dist", "selfhosted");

let browser: Browser;
let served: Served;

beforeAll(async () => {
  const page = path.join(DIST, "taskpane.html");
  if (!existsSync(path.join(DIST, "office-js", "office.js")) || !existsSync(page)) {
    throw new Error(`${DIST} has no self-hosted build: run "npm run build:selfhosted" first`);
  }
  mkdirSync(RESULTS, { recursive: true });
  served = await serveDirectory(DIST);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

test("the self-hosted page loads office.js from its own host, not the CDN", () => {
  const html = readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  expect(html).toMatch(/<script src="?office-js\/office\.js"?>/);
  expect(html).not.toMatch(/<script src="?https:\/\/appsforoffice/);
  // Microsoft's files as shipped: the licence forbids changing them.
  const shipped = readFileSync(path.join(ROOT, "node_modules/@microsoft/office-js/dist/office.js"));
  expect(readFileSync(path.join(DIST, "office-js", "office.js")).equals(shipped)).toBe(true);
});

for (const [locale, words] of [
  ["sv-SE", /Öppna tillägget i Excel/],
  ["en-US", /Open the add-in in Excel/],
] as const) {
  test(`outside Office the pane boots on the real office.js and says to open it in Excel (${locale})`, async () => {
    const context = await browser.newContext({
      viewport: { width: 340, height: 700 },
      locale,
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    const blocked: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    // Nothing may leave the machine: a request elsewhere than the local server is refused
    // (and would be seen here), so the test shows the page needs no CDN.
    const outside: string[] = [];
    await page.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => {
      outside.push(route.request().url());
      return route.abort();
    });
    try {
      await page.goto(`${served.url}taskpane.html`);
      // The real library defines Office and Excel.
      await page.waitForFunction(
        () => typeof (window as { Office?: { onReady?: unknown } }).Office?.onReady === "function",
      );
      const alert = page.getByRole("alert");
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.innerText()).toMatch(words);
      expect(await page.locator('[data-testid="unsupported"]').getAttribute("data-reason")).toBe(
        "notInExcel",
      );
      // Not the pane itself: nothing offers to read a workbook that is not there.
      expect(await page.getByRole("button").count()).toBe(0);
      expect(served.requests).toContain("/office-js/office.js");
      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
      expect(outside.filter((u) => /appsforoffice/.test(u))).toEqual([]);
      await page.screenshot({ path: path.join(RESULTS, `officejs-outside-office-${locale}.png`) });
    } finally {
      await context.close();
    }
  });
}
