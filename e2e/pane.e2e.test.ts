/**
 * The task pane's first hour (issue 13) in Chromium, on the workbench: a 320 px pane, the
 * year its headers name, the latest status in view, a read while another sheet is active,
 * what a write says, a formula the workbench cannot calculate, and Diagnostik passing against
 * the fake Excel. Screenshots go to test-results/ (pane-*.png).
 */
import * as path from "node:path";
import type { Page } from "playwright-core";
import {
  RESULTS,
  chooseYear,
  hook,
  pane,
  read,
  statusText,
  write,
  workbenchSession,
} from "./harness";

const session = workbenchSession();

/** The workbench with its task pane `width` px wide (?pane=), as Excel's usual 320–350. */
async function openNarrow(sample: number, width = 320, lang: "sv" | "en" = "sv"): Promise<Page> {
  const page = await session.open({ sample, lang }, { width: 1000, height: 700 });
  const params = new URLSearchParams({ sample: String(sample), lang, pane: String(width) });
  await page.goto(`${new URL(page.url()).origin}/?${params.toString()}`);
  await page.waitForSelector('#workbench[data-ready="true"]');
  return page;
}

/** Whether the element's box lies inside the task pane's visible box. */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const paneEl = document.querySelector('[data-testid="taskpane"]')!.getBoundingClientRect();
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return (
      r.top >= paneEl.top - 1 &&
      r.bottom <= paneEl.bottom + 1 &&
      r.left >= paneEl.left - 1 &&
      r.right <= paneEl.right + 1
    );
  }, selector);
}

const STATUS = '[data-testid="taskpane"] [data-testid="status"]';

describe("at 320 px", () => {
  it.each([320, 350])(
    "the 2022 preview fits (Summa in view), the choices are written out, the status is in view (%i px)",
    async (width) => {
      const page = await openNarrow(2022, width);
      // The pane opens on the latest year; the read takes the headers' 2022 and says so.
      await read(page);
      const status = await statusText(page);
      expect(status).toContain("Läste 21 regioner");
      expect(status).toContain('Rubriken "AT 2022" (Regioner!C3) anger 2022');
      expect(await inView(page, STATUS)).toBe(true);

      const fit = await page.evaluate(() => {
        const scroller = document.querySelector<HTMLElement>(
          '[data-testid="taskpane"] [data-narrow]',
        )!;
        const paneBox = document.querySelector('[data-testid="taskpane"]')!.getBoundingClientRect();
        const headers = [...scroller.querySelectorAll("th")];
        const total = headers[headers.length - 1].getBoundingClientRect();
        return {
          narrow: scroller.dataset.narrow,
          overflow: scroller.scrollWidth - scroller.clientWidth,
          totalLabel: headers[headers.length - 1].textContent,
          totalInside: total.right <= paneBox.right && total.left >= paneBox.left,
          paneOverflow:
            document.querySelector<HTMLElement>('[data-testid="taskpane"]')!.scrollWidth -
            document.querySelector<HTMLElement>('[data-testid="taskpane"]')!.clientWidth,
        };
      });
      expect(fit).toEqual({
        narrow: "true",
        overflow: 0,
        totalLabel: "Summa",
        totalInside: true,
        paneOverflow: 0,
      });

      // Each interpretation's choice is written out in full under its select.
      const interpretations = pane(page).getByRole("region", { name: "Tolkningar" });
      const hints = await interpretations.locator("select").evaluateAll((selects) =>
        selects.map((s) => {
          const select = s as HTMLSelectElement;
          const hintId = select.getAttribute("aria-describedby");
          const hint = hintId ? document.getElementById(hintId) : null;
          const option = select.selectedOptions[0]?.textContent ?? "";
          const box = hint?.getBoundingClientRect();
          return {
            full: !!hint && option.startsWith(hint.textContent ?? "\u0000"),
            wraps: !!hint && !!box && hint.scrollWidth <= Math.ceil(box.width) + 1,
          };
        }),
      );
      expect(hints.length).toBe(5);
      expect(hints.every((h) => h.full && h.wraps)).toBe(true);
      await pane(page).screenshot({ path: path.join(RESULTS, `pane-${width}-2022-read.png`) });
      await page
        .locator('[data-testid="taskpane"] [data-narrow]')
        .screenshot({ path: path.join(RESULTS, `pane-${width}-2022-preview.png`) });
    },
  );

  it("after a write: the summary link goes there, and Ctrl+Z is explained", async () => {
    const page = await openNarrow(2024);
    await read(page);
    await write(page);
    expect(await inView(page, STATUS)).toBe(true);
    const status = await statusText(page);
    expect(status).toContain("Skrev 21 rader och bladet AT-fördelning 2024.");
    expect(status).toContain("Ctrl+Z ångrar inte det ett tillägg skriver.");
    await hook(page, "select", "Regioner", "A1");
    await pane(page).getByRole("button", { name: "Gå till bladet AT-fördelning 2024" }).click();
    await page.waitForFunction(() => window.__workbench?.activeSheet() === "AT-fördelning 2024");
    // The help link and the version.
    await expect(
      pane(page).getByRole("link", { name: "Hjälp" }).getAttribute("href"),
    ).resolves.toBe("support.html");
    await expect(pane(page).getByTestId("version").innerText()).resolves.toMatch(
      /^Version \d+\.\d+\.\d+/,
    );
    await pane(page).screenshot({ path: path.join(RESULTS, "pane-320-2024-written.png") });

    // Läs in with the summary sheet active: the table is read where the record says, in the
    // same read (the adapter reads that sheet too), and the view stays on the summary.
    expect(await hook(page, "activeSheet")).toBe("AT-fördelning 2024");
    await read(page);
    const again = await statusText(page);
    expect(again).toContain("Läste 21 regioner från tabellen Regioner2024");
    expect(again).not.toContain("har ingen regiontabell");
    expect(await hook(page, "activeSheet")).toBe("AT-fördelning 2024");
  });
});

describe("the year", () => {
  it("chosen by the user and not the headers' is offered as a switch", async () => {
    const page = await session.open({ sample: 2024 });
    await chooseYear(page, 2022);
    await read(page);
    expect(await statusText(page)).toContain(
      'Rubriken "AT 2024" (Regioner!D3) anger 2024, men reglerna för 2022 är valda.',
    );
    await pane(page).getByRole("button", { name: "Byt till 2024" }).click();
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="taskpane"] select') as HTMLSelectElement)?.value ===
        "shipped:2024",
    );
    await expect(statusText(page)).resolves.not.toMatch(/måste rättas/);
  });
});

describe("a formula typed into a number cell", () => {
  it("is calculated as Excel would (the workbench recalculates after an edit), never #NAME?", async () => {
    const page = await session.open({ sample: 2024 });
    await hook(page, "setCell", "Regioner", "D13", "=1+1");
    await read(page);
    expect(await statusText(page)).toContain("Läste 21 regioner");
    // Read as its value, like Excel's: no problem named at the cell, no #NAME?.
    expect(
      await pane(page)
        .getByRole("button", { name: /Regioner!D13/ })
        .count(),
    ).toBe(0);
    expect(await pane(page).innerText()).not.toContain("#NAME?");
  });
});

describe("Diagnostik", () => {
  it.each(["sv", "en"] as const)(
    "passes every check against the fake Excel and leaves the workbook as it was (%s)",
    async (lang) => {
      const page = await session.open({ sample: 2024, lang });
      const before = await hook(page, "snapshot");
      const sheets = await hook(page, "sheetNames");
      const section = pane(page).getByTestId("diagnostics");
      await section
        .getByRole("button", { name: lang === "sv" ? "Kör diagnostik" : "Run diagnostics" })
        .click();
      const done = lang === "sv" ? /kontroller gick igenom/ : /checks passed/;
      await page.waitForFunction(
        (source) =>
          new RegExp(source).test(
            document.querySelector('[data-testid="diagnostics-status"]')?.textContent ?? "",
          ),
        done.source,
      );
      const failed = await section.locator('[data-ok="false"]').count();
      expect(failed).toBe(0);
      const report = await section.getByTestId("diagnostics-report").inputValue();
      expect(report).toMatch(
        lang === "sv" ? /Resultat: (\d+) av \1 godkända/ : /Result: (\d+) of \1 passed/,
      );
      expect(report).toContain("range.textFormula");
      expect(report).toContain("sheet.veryHidden");
      expect(await hook(page, "sheetNames")).toEqual(sheets);
      expect(await hook(page, "snapshot")).toBe(before);
      await section.screenshot({ path: path.join(RESULTS, `pane-diagnostics-${lang}.png`) });
    },
  );
});
