/**
 * Rules on a sheet, end to end in Chromium (issue 12), and Läs in while another sheet is active
 * (issue 13): the real task pane, through the real Office.js adapter, on the workbench's fake
 * Excel. The user's steps are clicks and typing in the grid; every check reads the simulated
 * workbook (window.__workbench).
 */
import type { Page } from "playwright-core";
import { parseA1, toA1 } from "../src/workbook/a1";
import { chooseYear, hook, pane, read, statusText, write, workbenchSession } from "./harness";

const session = workbenchSession();

async function open(): Promise<Page> {
  return session.open({ sample: 2024 });
}

/** Types into the formula bar, for the cell selected, as a user edits a cell. */
async function typeIntoSelected(page: Page, text: string): Promise<void> {
  const bar = page.getByTestId("formula-bar");
  await bar.fill(text);
  await bar.press("Enter");
}

describe("rules from a sheet", () => {
  it("are written, refused by cell, fixed, read and named on the summary", async () => {
    const page = await open();
    await chooseYear(page, 2024);

    await pane(page).getByRole("button", { name: "Skapa regelblad" }).click();
    await pane(page)
      .getByText("Skapade bladet Regler med reglerna som används nu.")
      .waitFor({ timeout: 20_000 });
    expect(await hook(page, "activeSheet")).toBe("Regler");

    // Block 1's budget, where the sheet has it.
    const used = await hook(page, "usedRange", "Regler");
    const rows = await hook(page, "values", "Regler", used!);
    const row = rows.findIndex((r) => r[0] === "block1");
    expect(row).toBeGreaterThan(0);
    const col = rows[row].findIndex((v) => typeof v === "number");
    const cell = toA1(row, col);
    const budget = rows[row][col] as number;

    await hook(page, "select", "Regler", cell);
    await typeIntoSelected(page, "mycket");
    expect(await hook(page, "cell", "Regler", cell)).toBe("mycket");
    await pane(page).getByRole("button", { name: "Regler från bladet…" }).click();
    const issues = pane(page).getByTestId("rule-sheet-issues");
    await issues.waitFor({ timeout: 20_000 });
    await expect(issues.innerText()).resolves.toContain(`Regler!${cell}`);

    // The issue is a button that selects the cell: the user fixes it there.
    await hook(page, "select", "Regler", "A1");
    await issues.getByRole("button", { name: new RegExp(`Regler!${cell}`) }).click();
    await page.waitForFunction((a1) => {
      const s = window.__workbench?.selection();
      return !!s && s !== "chart" && s.address === a1;
    }, cell);
    // Fixed, and next year's rules differ: block 1 and the total, 1 000 000 kr less each.
    await typeIntoSelected(page, String(budget - 1_000_000));
    expect(await hook(page, "cell", "Regler", cell)).toBe(budget - 1_000_000);
    const totalRow = rows.findIndex((r) => r[0] === "Total budget");
    expect(totalRow).toBeGreaterThan(0);
    const total = rows[totalRow][1] as number;
    await hook(page, "select", "Regler", toA1(totalRow, 1));
    await typeIntoSelected(page, String(total - 1_000_000));

    // Back on the region table: the rules are read from their sheet all the same.
    await page.getByRole("tab", { name: "Regioner" }).click();
    expect(await hook(page, "activeSheet")).toBe("Regioner");
    await pane(page).getByRole("button", { name: "Regler från bladet…" }).click();
    await pane(page)
      .getByText("Läste reglerna för 2024 från bladet Regler.")
      .waitFor({ timeout: 20_000 });

    expect(await hook(page, "activeSheet")).toBe("Regioner");
    await read(page);
    expect(await statusText(page)).toContain("Läste 21 regioner");
    await write(page);
    const summary = await hook(page, "values", "AT-fördelning 2024", "A1:B30");
    expect(summary.find((r) => r[0] === "Regler från bladet")?.[1]).toBe("Regler");
    expect(summary.find((r) => r[0] === "Total budget")?.[1]).toBe(total - 1_000_000);

    // The amounts follow the sheet's rules: block 1's column sums to its new budget.
    const owned = JSON.parse(String(await hook(page, "cell", "ATF_meta", "A1"))) as {
      sheet: string;
      columnsRange: string;
      headers: string[];
    };
    const [from, to] = owned.columnsRange.split(":");
    const start = parseA1(from);
    const end = parseA1(to);
    const block1 = start.col + owned.headers.findIndex((h) => h.startsWith("Block 1"));
    const column = await hook(
      page,
      "values",
      owned.sheet,
      `${toA1(start.row + 1, block1)}:${toA1(end.row, block1)}`,
    );
    expect(column.flat().reduce((sum: number, v) => sum + Number(v), 0)).toBe(budget - 1_000_000);
  });
});

describe("Läs in while the summary sheet is active (issue 13)", () => {
  it("reads the table the ownership record names, where it is, and writes again", async () => {
    const page = await open();
    await chooseYear(page, 2024);
    await read(page);
    await write(page);
    const first = await hook(page, "values", "Regioner", "A1:M26");

    await page.getByRole("tab", { name: "AT-fördelning 2024" }).click();
    expect(await hook(page, "activeSheet")).toBe("AT-fördelning 2024");
    const before = await hook(page, "runCount");
    await read(page);
    const status = await statusText(page);
    expect(status).toContain("Läste 21 regioner");
    expect(status).not.toMatch(/hittar ingen regiontabell/);
    // One read (plus, since Live, the one run that listens for input edits to mark the preview
    // stale), and the user's view stays where it was: no selecting the table's sheet and
    // reading again (that would be two runs more).
    expect(await hook(page, "runCount")).toBeLessThanOrEqual(before + 2);
    expect(await hook(page, "activeSheet")).toBe("AT-fördelning 2024");
    expect(status).not.toMatch(/som nu visas/);

    // A re-run from there replaces the same cells with the same amounts.
    await write(page);
    expect(await hook(page, "values", "Regioner", "A1:M26")).toEqual(first);
    expect(await hook(page, "sheetNames")).toEqual(
      expect.arrayContaining(["Regioner", "AT-fördelning 2024"]),
    );
  });
});
