/** @jest-environment jsdom */
/**
 * What-if's comparison in the pane, the real adapter on the fake Excel: the preview against the
 * written allocation or a pinned one, region by region, and the comparison written as a sheet.
 */
import "./setup";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { createFakeExcel } from "../../src/excel/fake";
import { createExcelHost } from "../../src/excel/excelHost";
import { App } from "../../src/taskpane/App";
import { localTime } from "../../src/workbook/summarySheet";
import { caseGrid } from "./helpers";

const NOW = new Date("2025-03-14T09:30:00");
const click = (name: string) => fireEvent.click(screen.getByRole("button", { name }));

function setup() {
  const values = caseGrid("2024-all-regions").sheets[0].values;
  const excel = createFakeExcel({ sheets: [{ name: "Blad1", values }], selection: "B3" });
  const host = createExcelHost(excel.run, { settleMs: 0 });
  render(<App host={host} lang="sv" now={() => NOW} sourceName="regioner.xlsx" />);
  fireEvent.change(screen.getByRole("combobox", { name: /Bidragsår/ }), {
    target: { value: "shipped:2024" },
  });
  return excel;
}

async function readNow() {
  click("Läs in");
  await screen.findByText(/Läste 21 regioner/);
}

describe("the comparison", () => {
  it("compares the preview with the written allocation and writes the comparison sheet", async () => {
    const excel = setup();
    await readNow();
    click("Skriv till arbetsboken");
    await screen.findByText(/Skrev 21 rader/);
    const at = excel.getValue("Blad1", "C2") as number;
    excel.setValues("Blad1", "C2", [[at + 40]]); // Stockholm reports 40 more AT posts
    await readNow();
    click("Jämför med det skrivna");
    const summary = await screen.findByTestId("comparison-summary");
    // When, in Stockholm's local time as the summary sheet says it, not the record's ISO time.
    expect(summary.textContent).toContain(`Mot fördelningen som skrevs ${localTime(NOW, "sv")}:`);
    expect(summary.textContent).toMatch(/14 mars 2025 kl\. \d\d\.30/);
    expect(summary.textContent).toContain("Stockholm");
    const table = within(screen.getByTestId("comparison")).getByRole("table");
    const stockholm = within(table)
      .getAllByRole("row")
      .find((r) => r.textContent?.startsWith("Stockholm"));
    expect(stockholm?.textContent).toMatch(/\+/);

    const before = excel.getValues("Blad1", "A1:H22");
    click("Skriv jämförelse");
    await screen.findByText("Skrev jämförelsen på bladet Jämförelse 2024.");
    expect(excel.sheetNames()).toContain("Jämförelse 2024");
    expect(excel.getValues("Blad1", "A1:H22")).toEqual(before);
  });

  it("says why there is nothing written to compare with", async () => {
    setup();
    await readNow();
    click("Jämför med det skrivna");
    const issues = await screen.findByTestId("comparison-issues");
    expect(issues.textContent).toContain("ingen skriven fördelning");
  });

  it("compares with a pinned allocation", async () => {
    const excel = setup();
    await readNow();
    click("Fäst som jämförelse");
    expect((await screen.findByTestId("comparison-summary")).textContent).toContain(
      "Mot fördelningen som fästes",
    );
    expect(screen.getByText("Ingen region får något annat belopp.")).toBeTruthy();
    const at = excel.getValue("Blad1", "C2") as number;
    excel.setValues("Blad1", "C2", [[at + 40]]);
    await readNow();
    const table = within(screen.getByTestId("comparison")).getByRole("table");
    expect(within(table).getAllByRole("row").length).toBeGreaterThan(1);
  });
});
