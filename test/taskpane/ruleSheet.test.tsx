/** @jest-environment jsdom */
/**
 * Rules on a sheet through the pane, the real Office.js adapter on the fake Excel: "Skapa
 * regelblad" writes the rule set in use, "Regler från bladet…" reads it back and selects it, and
 * a rule sheet with a mistake is refused with the mistake's cell.
 */
import "./setup";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createFakeExcel } from "../../src/excel/fake";
import { createExcelHost } from "../../src/excel/excelHost";
import { App } from "../../src/taskpane/App";
import { caseGrid } from "./helpers";

const click = (name: string) => fireEvent.click(screen.getByRole("button", { name }));
const yearSelect = () =>
  screen.getByRole("combobox", { name: /Bidragsår/ }) as unknown as HTMLSelectElement;

function setup() {
  const values = caseGrid("2024-all-regions").sheets[0].values;
  const excel = createFakeExcel({ sheets: [{ name: "Blad1", values }], selection: "B3" });
  const host = createExcelHost(excel.run, { settleMs: 0 });
  render(<App host={host} lang="sv" sourceName="regioner.xlsx" />);
  fireEvent.change(yearSelect(), { target: { value: "shipped:2024" } });
  return excel;
}

describe("rules from a sheet", () => {
  it("writes the rule set in use as a sheet Regler, then Regler (2)", async () => {
    const excel = setup();
    click("Skapa regelblad");
    await screen.findByText("Skapade bladet Regler med reglerna som används nu.");
    expect(excel.getValue("Regler", "A1")).toBe("Regelverk för AT-fördelning");
    expect(excel.getValue("Regler", "B9")).toBe(223000000);
    expect(excel.getValue("Blad1", "E1")).toBeNull();
    click("Skapa regelblad");
    await screen.findByText("Skapade bladet Regler (2) med reglerna som används nu.");
  });

  it("reads the rule sheet back, selects it, and computes with what it says", async () => {
    const excel = setup();
    click("Skapa regelblad");
    await screen.findByText(/Skapade bladet Regler/);
    // A changed rule: the total budget and block 1's budget, 1 000 000 kr less each.
    excel.setValues("Regler", "B9", [[222000000]]);
    const blocks = excel.getValues("Regler", "A1:K80");
    const row = blocks.findIndex((r) => r[0] === "block1");
    expect(row).toBeGreaterThan(0);
    const budgetCol = blocks[row].findIndex((v) => typeof v === "number");
    const col = String.fromCharCode(65 + budgetCol);
    const was = blocks[row][budgetCol] as number;
    excel.setValues("Regler", `${col}${row + 1}`, [[was - 1000000]]);

    click("Regler från bladet…");
    await screen.findByText("Läste reglerna för 2024 från bladet Regler.");
    expect(yearSelect().selectedOptions[0].textContent).toBe("2024 (regelbladet Regler)");
    expect(screen.getByTestId("ruleset-info").textContent).toMatch(/222\s000\s000/);

    excel.select("Blad1", "A1");
    click("Läs in");
    await screen.findByText(/Läste 21 regioner/);
    const table = screen.getByRole("table", { name: "Block mot budget" });
    expect(within(table).getAllByRole("row")[1].textContent).toMatch(
      new RegExp((was - 1000000).toLocaleString("sv-SE").replace(/\s/g, "\\s")),
    );
    // Written: the summary names the rule sheet the amounts came from.
    click("Skriv till arbetsboken");
    await screen.findByText(/Skrev 21 rader/);
    const summary = excel.getValues("AT-fördelning 2024", "A1:B20");
    expect(summary.find((r) => r[0] === "Regler från bladet")?.[1]).toBe("Regler");
  });

  it("refuses a rule sheet with a mistake and names its cell", async () => {
    const excel = setup();
    click("Skapa regelblad");
    await screen.findByText(/Skapade bladet Regler/);
    excel.setValues("Regler", "B9", [["många"]]);
    click("Regler från bladet…");
    const list = await screen.findByTestId("rule-sheet-issues");
    expect(list.textContent).toContain("Regler!B9");
    expect(yearSelect().selectedOptions[0].textContent).toBe("2024");
    fireEvent.click(within(list).getAllByRole("button")[0]);
    await waitFor(() => expect(excel.selection()).toEqual({ sheet: "Regler", address: "B9" }));
  });

  it("says so where the sheets read hold no rule sheet", async () => {
    setup();
    click("Regler från bladet…");
    await screen.findByText(/Hittade inget regelblad/);
  });
});

describe("the rules in words", () => {
  it("shows blocks, ladders as tables, and what another year does otherwise", async () => {
    setup();
    const view = screen.getByTestId("rules-view");
    // Folded until asked for: nothing of it is drawn before.
    expect(within(view).queryByTestId("rules-block2")).toBeNull();
    const details = view as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event("toggle"));
    const block2 = await within(view).findByTestId("rules-block2");
    expect(block2.textContent).toContain("Block 2");
    expect(within(block2).getByRole("table").querySelectorAll("tbody tr").length).toBeGreaterThan(
      1,
    );
    fireEvent.change(within(view).getByRole("combobox", { name: "Jämför med…" }), {
      target: { value: "shipped:2025" },
    });
    const diff = within(view).getByTestId("rules-diff");
    expect(diff.textContent).toMatch(/total budget .* \(var 223\s000\s000\skr\)/);
  });
});
