/** @jest-environment jsdom */
/**
 * The pane's first hour in Excel (issue 13), with the real reader, engine and planner: the
 * year the headers name, a read while the summary is active, what a write says, the footer.
 */
import "./setup";
import * as fs from "fs";
import * as path from "path";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import type { WorkbookGrid } from "../../src/workbook/types";
import { caseGrid, fakeHost } from "./helpers";

const NOW = new Date("2025-03-14T09:30:00");
const yearSelect = () =>
  screen.getByRole("combobox", { name: /Bidragsår och regler/ }) as HTMLSelectElement;
const status = () => screen.getByTestId("status");

async function readNow(lang: "sv" | "en" = "sv") {
  fireEvent.click(screen.getByRole("button", { name: lang === "sv" ? "Läs in" : "Read" }));
  await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
}

describe("the year the headers name", () => {
  it("is chosen on the first read, and said, where the user chose none", async () => {
    render(<App host={fakeHost(caseGrid("2024-all-regions"))} lang="sv" now={() => NOW} />);
    expect(yearSelect().value).toBe("shipped:2025");
    await readNow();
    expect(yearSelect().value).toBe("shipped:2024");
    expect(status().textContent).toContain(
      'Rubriken "AT 2024" (Blad1!C1) anger 2024: reglerna för 2024 valdes.',
    );
    expect(status().textContent).toContain("Läste 21 regioner");
    expect(status().textContent).not.toMatch(/måste rättas/);
  });

  it("is offered as a switch where the user chose another year", async () => {
    render(<App host={fakeHost(caseGrid("2024-all-regions"))} lang="sv" now={() => NOW} />);
    fireEvent.change(yearSelect(), { target: { value: "shipped:2022" } });
    await readNow();
    expect(yearSelect().value).toBe("shipped:2022");
    expect(screen.getByTestId("year-note").textContent).toBe(
      'Rubriken "AT 2024" (Blad1!C1) anger 2024, men reglerna för 2022 är valda.',
    );
    fireEvent.click(screen.getByRole("button", { name: "Byt till 2024" }));
    expect(yearSelect().value).toBe("shipped:2024");
    expect(screen.queryByTestId("year-note")).toBeNull();
    expect(status().textContent).not.toMatch(/måste rättas/);
  });

  it("without rules for it, says to load a rule file", async () => {
    const grid = caseGrid("2024-all-regions");
    grid.sheets[0].values[0] = grid.sheets[0].values[0].map((v) =>
      typeof v === "string" ? v.replace("2024", "2031") : v,
    );
    render(<App host={fakeHost(grid)} lang="en" now={() => NOW} />);
    await readNow("en");
    expect(screen.getByTestId("year-note").textContent).toContain(
      "and the add-in has no rules for 2031. Load a rule file for 2031.",
    );
  });
});

describe("Läs in while another sheet is active", () => {
  it("reads the sheet the ownership record names, and says so", async () => {
    const table = caseGrid("2024-all-regions").sheets[0];
    const owned = {
      version: 1 as const,
      year: 2024,
      sheet: "Blad1",
      columnsRange: "E1:H22",
      headers: ["Block 1 (kr)"],
      summarySheet: "AT-fördelning 2024",
      writtenAt: NOW.toISOString(),
    };
    const summary = {
      name: "AT-fördelning 2024",
      top: 0,
      left: 0,
      values: [["AT-fördelning 2024 – sammanställning"]],
      tables: [],
    };
    // As the Office.js adapter reads: the active sheet's cells, the others' names only.
    const onSummary: WorkbookGrid = {
      sheets: [{ ...table, values: [] }, summary],
      activeSheet: "AT-fördelning 2024",
      owned,
    };
    const onTable: WorkbookGrid = {
      sheets: [table, summary],
      activeSheet: "Blad1",
      selection: { sheet: "Blad1", row: 0, col: 4 },
      owned,
    };
    const host = fakeHost(onSummary);
    host.readWorkbook.mockResolvedValueOnce(onSummary).mockResolvedValueOnce(onTable);
    render(<App host={host} lang="sv" now={() => NOW} />);
    fireEvent.change(yearSelect(), { target: { value: "shipped:2024" } });
    await readNow();
    expect(host.selectCell).toHaveBeenCalledWith("Blad1", "E1");
    expect(host.readWorkbook).toHaveBeenCalledTimes(2);
    expect(status().textContent).toContain("Läste 21 regioner från Blad1!A1:D22.");
    expect(status().textContent).toContain(
      "Bladet AT-fördelning 2024 har ingen regiontabell; tillägget skrev senast bredvid tabellen på bladet Blad1, som nu visas.",
    );
    expect(screen.queryByText(/Hittade ingen regiontabell/)).toBeNull();
  });

  it("does not move where the active sheet has the table", async () => {
    const host = fakeHost(caseGrid("2024-all-regions"));
    render(<App host={host} lang="sv" now={() => NOW} />);
    await readNow();
    expect(host.selectCell).not.toHaveBeenCalled();
    expect(host.readWorkbook).toHaveBeenCalledTimes(1);
  });
});

describe("after a write", () => {
  it("offers the summary sheet and says that Ctrl+Z cannot undo it", async () => {
    const host = fakeHost(caseGrid("2024-all-regions"));
    render(<App host={host} lang="sv" now={() => NOW} />);
    await readNow();
    fireEvent.click(screen.getByRole("button", { name: "Skriv till arbetsboken" }));
    await screen.findByText("Skrev 21 rader och bladet AT-fördelning 2024.");
    // The year switched on the read was said then; the write's outcome stands alone.
    expect(screen.queryByTestId("year-note")).toBeNull();
    expect(status().textContent).toContain(
      "Ctrl+Z ångrar inte det ett tillägg skriver. Ändra underlaget och kör igen, eller öppna en sparad kopia av arbetsboken.",
    );
    fireEvent.click(screen.getByRole("button", { name: "Gå till bladet AT-fördelning 2024" }));
    await waitFor(() => expect(host.selectCell).toHaveBeenCalledWith("AT-fördelning 2024", "A1"));
  });

  it("in English too", async () => {
    const host = fakeHost(caseGrid("2024-all-regions"));
    render(<App host={host} lang="en" now={() => NOW} />);
    await readNow("en");
    fireEvent.click(screen.getByRole("button", { name: "Write to the workbook" }));
    await waitFor(() => expect(status().textContent).toContain("Wrote 21 rows"));
    const sheet = /Wrote 21 rows and the sheet (.+?)\.Go to/.exec(status().textContent ?? "")![1];
    expect(sheet).toBe("AT allocation 2024");
    expect(status().textContent).toContain("Ctrl+Z cannot undo what an add-in writes.");
    fireEvent.click(screen.getByRole("button", { name: `Go to the sheet ${sheet}` }));
    await waitFor(() => expect(host.selectCell).toHaveBeenCalledWith(sheet, "A1"));
  });
});

describe("the footer", () => {
  it("links to the help page and shows package.json's version", () => {
    const { version } = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8"),
    );
    render(<App host={fakeHost()} lang="sv" />);
    const help = screen.getByRole("link", { name: "Hjälp" });
    expect(help.getAttribute("href")).toBe("support.html");
    expect(help.getAttribute("target")).toBe("_blank");
    expect(screen.getByTestId("version").textContent).toBe(`Version ${version}`);
  });
});

describe("numbers in the pane's language", () => {
  it("groups thousands: a no-break space in Swedish, a comma in English", async () => {
    render(<App host={fakeHost(caseGrid("2024-all-regions"))} lang="en" now={() => NOW} />);
    await readNow("en");
    const info = screen.getByTestId("ruleset-info");
    expect(info.textContent).toContain("223,000,000\u00a0kr");
    const table = screen.getByRole("table", { name: "Allocation per region" });
    expect(table.textContent).toContain("18,982,596"); // Halland's total
    expect(table.textContent).not.toMatch(/\d\u00a0\d{3}/);
  });
});

describe("the latest status in view", () => {
  const scrolled = jest.fn();
  beforeEach(() => {
    scrolled.mockReset();
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled(this.getAttribute("data-testid"));
    };
  });
  afterEach(() => {
    delete (Element.prototype as Partial<Element>).scrollIntoView;
  });

  it("is scrolled to after Läs in and Skriv, not when a choice changes at the top", async () => {
    render(<App host={fakeHost(caseGrid("2024-all-regions"))} lang="sv" now={() => NOW} />);
    expect(scrolled).not.toHaveBeenCalled();
    await readNow();
    expect(scrolled).toHaveBeenLastCalledWith("status");
    scrolled.mockReset();
    fireEvent.change(yearSelect(), { target: { value: "shipped:2022" } });
    expect(scrolled).not.toHaveBeenCalled();
    fireEvent.change(yearSelect(), { target: { value: "shipped:2024" } });
    fireEvent.click(screen.getByRole("button", { name: "Skriv till arbetsboken" }));
    await screen.findByText("Skrev 21 rader och bladet AT-fördelning 2024.");
    expect(scrolled).toHaveBeenLastCalledWith("status");
  });
});
