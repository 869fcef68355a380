/** @jest-environment jsdom */
/**
 * The pane end to end with the real reader, engine and planner: only the host is fake, and it
 * hands back a WorkbookGrid made by hand from a golden case's input.
 */
import "./setup";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { CellValue, WritePlan } from "../../src/workbook/types";
import { App } from "../../src/taskpane/App";
import { caseExpected, caseGrid, fakeHost, gridOf } from "./helpers";

const NOW = new Date("2025-03-14T09:30:00");
const nbsp = (s: string) => s.replace(/ /g, "\u00a0");
const digits = (n: number) => new Intl.NumberFormat("en-US").format(n).replace(/,/g, "\u00a0");

async function readYear(host: ReturnType<typeof fakeHost>, year: number) {
  render(<App host={host} lang="sv" now={() => NOW} sourceName="regioner.xlsx" />);
  fireEvent.change(screen.getByRole("combobox", { name: /Bidragsår/ }), {
    target: { value: `shipped:${year}` },
  });
  fireEvent.click(screen.getByRole("button", { name: "Läs in" }));
  await waitFor(() => expect(host.readWorkbook).toHaveBeenCalled());
  await waitFor(() => expect(screen.queryByText("Läser arbetsboken…")).toBeNull());
}

const writeButton = () => screen.getByRole("button", { name: "Skriv till arbetsboken" });

describe("task pane with the real pipeline", () => {
  it("previews the golden 2024 case exactly and writes it", async () => {
    const host = fakeHost(caseGrid("2024-all-regions"));
    await readYear(host, 2024);
    expect(screen.getByTestId("status").textContent).toContain(
      "Läste 21 regioner från Blad1!A1:D22.",
    );

    const table = screen.getByRole("table", { name: "Fördelning per region" });
    const rows = within(table).getAllByRole("row").slice(1, 22);
    const expected = caseExpected("2024-all-regions").regions;
    expect(rows).toHaveLength(21);
    rows.forEach((row, i) => {
      // The region's cell holds its "Varför?" button too: the text beside it.
      const cells = [...row.querySelectorAll("td")].map((c) =>
        [...c.childNodes]
          .filter((n) => n.nodeName !== "BUTTON")
          .map((n) => n.textContent)
          .join(""),
      );
      const e = expected[i];
      expect(cells).toEqual([
        e.code,
        e.region,
        digits(e.blocks.block1),
        digits(e.blocks.block2),
        digits(e.total),
      ]);
    });
    const blocks = screen.getByRole("table", { name: "Block mot budget" });
    const all = within(blocks).getAllByRole("row")[3];
    expect([...all.querySelectorAll("td")].map((c) => c.textContent)).toEqual([
      "Alla block",
      nbsp("223 000 000"),
      nbsp("223 000 000"),
      "0",
    ]);

    expect(writeButton().getAttribute("aria-disabled")).toBeNull();
    fireEvent.click(writeButton());
    await screen.findByText("Skrev 21 rader och bladet AT-fördelning 2024.");
    expect(host.readWorkbook).toHaveBeenCalledTimes(2);
    const plan: WritePlan = host.writePlan.mock.calls[0][0];
    expect(plan.conflicts).toEqual([]);
    expect(plan.columns.sheet).toBe("Blad1");
    expect(plan.columns.firstCol).toBe(4); // right of A:D
    expect(plan.columns.rows).toHaveLength(21);
    expect(plan.summary.sheetName).toBe("AT-fördelning 2024");
    // The summary names the workbook the pane was given.
    expect(JSON.stringify(plan.summary.cells)).toContain("regioner.xlsx");
  });

  it("lists the bad input's errors first, selects their cells, and will not write", async () => {
    const host = fakeHost(caseGrid("2024-bad-input"));
    await readYear(host, 2024);
    expect(writeButton().getAttribute("aria-disabled")).toBe("true");
    const issues = screen.getByRole("region", { name: /anmärkning/ });
    const items = within(issues).getAllByRole("listitem");
    const errors = items.filter((li) => li.dataset.severity === "error");
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(items.slice(0, errors.length)).toEqual(errors);
    const c8 = errors.find((li) => li.textContent!.includes("Blad1!C8"));
    const b12 = errors.find((li) => li.textContent!.includes("Blad1!B12"));
    expect(c8?.textContent).toContain("Kalmar");
    expect(b12?.textContent).toContain("Halland");
    fireEvent.click(within(c8!).getByRole("button"));
    expect(host.selectCell).toHaveBeenCalledWith("Blad1", "C8");
    fireEvent.click(writeButton());
    expect(host.writePlan).not.toHaveBeenCalled();
    expect(screen.queryByRole("table", { name: "Fördelning per region" })).toBeNull();
  });

  it("stops at a user's value beside the table and names its cell", async () => {
    const grid = caseGrid("2024-all-regions");
    const values = grid.sheets[0].values.map((row): CellValue[] => [...row, null]);
    values[5][4] = "min anteckning"; // E6, where the first allocation column goes
    const host = fakeHost(gridOf("Blad1", values));
    await readYear(host, 2024);
    fireEvent.click(writeButton());
    await screen.findByText(/innehåller ett eget värde/);
    expect(screen.getByTestId("status").textContent).toContain(
      "Cellen Blad1!E6 innehåller ett eget värde — flytta eller töm den.",
    );
    expect(screen.getByTestId("status").textContent).toContain("Arbetsboken lämnades som den var.");
    expect(host.writePlan).not.toHaveBeenCalled();
  });

  it("creates the year's template through the real planner", async () => {
    const host = fakeHost();
    render(<App host={host} lang="sv" />);
    fireEvent.click(screen.getByRole("button", { name: "Skapa mall" }));
    await screen.findByText(/Skapade bladet/);
    const sheetPlan = host.insertSheet.mock.calls[0][0];
    expect(sheetPlan.cells).toHaveLength(22); // header + 21 regions
    expect(screen.getByTestId("status").textContent).toContain(
      `Skapade bladet ${sheetPlan.sheetName}.`,
    );
  });
});
