/** @jest-environment jsdom */
/** What-if for one region in the pane: the marginal table, goal seek, the sheet written. */
import "./setup";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { getRuleSet } from "../../src/domain/rules";
import { createFakeExcel } from "../../src/excel/fake";
import { createExcelHost } from "../../src/excel/excelHost";
import { readAndAllocate } from "../../src/app/pipeline";
import { goalSeek, marginalTable, RegionVariations } from "../../src/domain/whatif/marginal";
import { App } from "../../src/taskpane/App";
import { caseGrid } from "./helpers";

describe("the marginal table", () => {
  it("shows the region's table as the engine gives it, seeks a goal and writes the sheet", async () => {
    const grid = caseGrid("2024-all-regions");
    const excel = createFakeExcel({
      sheets: [{ name: "Blad1", values: grid.sheets[0].values }],
      selection: "B3",
    });
    render(<App host={createExcelHost(excel.run, { settleMs: 0 })} lang="sv" />);
    fireEvent.change(screen.getByRole("combobox", { name: /Bidragsår/ }), {
      target: { value: "shipped:2024" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Läs in" }));
    await screen.findByText(/Läste 21 regioner/);

    const panel = screen.getByTestId("marginal");
    fireEvent.change(within(panel).getByRole("combobox", { name: /Region/ }), {
      target: { value: "13" },
    });
    const rules = getRuleSet(2024)!;
    const outcome = readAndAllocate(grid, rules, {});
    const expected = marginalTable(rules, outcome.read!.inputs, "13", {});
    const rows = within(within(panel).getByRole("table")).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(expected.steps.length);
    const today = rows[expected.steps.findIndex((s) => s.delta === 0)];
    expect(today.textContent).toContain(
      new Intl.NumberFormat("sv-SE").format(
        outcome.result!.regions.find((r) => r.code === "13")!.total,
      ),
    );

    const total = outcome.result!.regions.find((r) => r.code === "13")!.total;
    const v = new RegionVariations(rules, outcome.read!.inputs, "13", {});
    const goal = goalSeek(v, total + 1_000_000);
    fireEvent.change(within(panel).getByRole("textbox", { name: /Belopp att nå/ }), {
      target: { value: String(total + 1_000_000) },
    });
    fireEvent.click(within(panel).getByRole("button", { name: "Hur många AT krävs?" }));
    expect((await screen.findByTestId("marginal-goal")).textContent).toBe(goal.text.sv);

    fireEvent.click(within(panel).getByRole("button", { name: "Skriv marginaltabell" }));
    await within(panel).findByText(/Skrev tabellen på bladet/);
    expect(excel.sheetNames().length).toBe(2);
  });
});
