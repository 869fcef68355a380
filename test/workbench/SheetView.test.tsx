/** @jest-environment jsdom */
/**
 * The simulated workbook on screen: it shows the fake's cells as Excel would, takes typing as
 * Excel does, follows every change (the adapter's batches included), and draws only the rows
 * in view.
 */
import "./setup";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { SheetView } from "../../src/workbench/SheetView";
import { workbenchStrings } from "../../src/workbench/i18n";
import { WorkbenchStore } from "../../src/workbench/store";
import { modelToFake, type XlsxCell, type XlsxModel } from "../../src/workbench/xlsxModel";
import type { XlsxIo } from "../../src/workbench/xlsxIo";

const noIo: XlsxIo = {
  read: async () => {
    throw new Error("not in this test");
  },
  write: async () => new Uint8Array(),
};

function model(rows = 3): XlsxModel {
  const cells: XlsxCell[] = [
    { r: 0, c: 0, v: "Region", bold: true },
    { r: 0, c: 1, v: "Belopp" },
    { r: 0, c: 2, v: "Plan" },
  ];
  for (let i = 1; i <= rows; i++) {
    cells.push({ r: i, c: 0, v: `Region ${i}` });
    cells.push({ r: i, c: 1, v: 1000 * i, fmt: '#,##0 "kr"' });
  }
  cells.push({ r: 1, c: 2, v: 199, note: "planerat 2023" });
  return {
    sheets: [
      { name: "Regioner", state: "visible", cells, widths: [[0, 20]], tables: [] },
      {
        name: "Om",
        state: "visible",
        cells: [{ r: 0, c: 0, v: "Om exemplet" }],
        widths: [],
        tables: [],
      },
      {
        name: "ATF_meta",
        state: "veryHidden",
        cells: [{ r: 0, c: 0, v: '{"version":1}' }],
        widths: [],
        tables: [],
      },
    ],
    activeTab: 0,
  };
}

function setup(rows = 3, lang: "sv" | "en" = "sv") {
  const store = new WorkbenchStore(noIo);
  act(() => {
    store.replace("test.xlsx", modelToFake(model(rows)), { kind: "file" });
  });
  render(
    <FluentProvider theme={webLightTheme}>
      <SheetView store={store} lang={lang} t={workbenchStrings(lang)} />
    </FluentProvider>,
  );
  return store;
}

const cell = (a1: string) => document.querySelector(`[data-cell="${a1}"]`) as HTMLElement;

describe("the sheet view", () => {
  it("shows values through their number formats, bold, notes, and the selected cell", () => {
    setup();
    expect(cell("A1").textContent).toBe("Region");
    expect(cell("B2").textContent).toBe("1\u00a0000 kr");
    expect(cell("B3").textContent).toBe("2\u00a0000 kr");
    expect(cell("C2").textContent).toBe("199");
    expect(cell("C2").title).toBe("planerat 2023");
    expect(cell("A1").getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("name-box")).toHaveProperty("value", "A1");
    expect(screen.getByTestId("formula-bar")).toHaveProperty("value", "Region");
  });

  it("takes typing as Excel does: a text stays text, '=1+1' becomes a formula", () => {
    const store = setup();
    fireEvent.doubleClick(cell("C2"));
    const editor = screen.getByRole("textbox", { name: "Cellinnehåll C2" });
    expect(editor).toHaveProperty("value", "199");
    fireEvent.change(editor, { target: { value: "I.U" } });
    fireEvent.keyDown(editor, { key: "Enter" });
    expect(store.workbook.fake.getValue("Regioner", "C2")).toBe("I.U");
    // Enter moves down, as in Excel.
    expect(store.workbook.fake.selection()).toEqual({ sheet: "Regioner", address: "C3" });

    fireEvent.doubleClick(cell("D4"));
    const second = screen.getByRole("textbox", { name: "Cellinnehåll D4" });
    fireEvent.change(second, { target: { value: "=1+1" } });
    fireEvent.keyDown(second, { key: "Enter" });
    expect(store.workbook.fake.getValue("Regioner", "D4")).toEqual({ formula: "=1+1" });
    expect(cell("D4").title).toMatch(/formel/);
  });

  it("edits through the content field, and with the keyboard on the grid", () => {
    const store = setup();
    fireEvent.mouseDown(cell("B2"), { button: 0 });
    const bar = screen.getByTestId("formula-bar");
    expect(bar).toHaveProperty("value", "1000");
    fireEvent.change(bar, { target: { value: "2500" } });
    fireEvent.keyDown(bar, { key: "Enter" });
    expect(store.workbook.fake.getValue("Regioner", "B2")).toBe(2500);
    expect(cell("B2").textContent).toBe("2\u00a0500 kr");

    const grid = screen.getByTestId("grid-scroller");
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    expect(store.workbook.fake.selection()).toEqual({ sheet: "Regioner", address: "B3" });
    fireEvent.keyDown(grid, { key: "Delete" });
    expect(store.workbook.fake.getValue("Regioner", "B3")).toBeNull();
    fireEvent.keyDown(grid, { key: "7" });
    const editor = screen.getByRole("textbox", { name: "Cellinnehåll B3" });
    expect(editor).toHaveProperty("value", "7");
    fireEvent.keyDown(editor, { key: "Escape" });
    expect(store.workbook.fake.getValue("Regioner", "B3")).toBeNull();
  });

  it("re-renders after the adapter's batches, run through the store", async () => {
    const store = setup();
    const run = store.runFor(store.workbook.fake);
    await act(async () => {
      await run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Regioner").getRange("E2").values = [[42]];
        await ctx.sync();
      });
    });
    expect(cell("E2").textContent).toBe("42");
  });

  it("activates a sheet by its tab; shows hidden sheets only when asked, without activating them", () => {
    const store = setup();
    const tabs = screen.getByRole("tablist");
    expect(
      within(tabs)
        .getAllByRole("tab")
        .map((t) => t.textContent),
    ).toEqual(["Regioner", "Om"]);
    fireEvent.click(within(tabs).getByRole("tab", { name: "Om" }));
    expect(store.workbook.fake.activeSheet()).toBe("Om");
    expect(cell("A1").textContent).toBe("Om exemplet");

    fireEvent.click(screen.getByRole("checkbox", { name: "Visa dolda blad" }));
    const hidden = within(tabs).getByRole("tab", { name: "ATF_meta (mycket dolt)" });
    fireEvent.click(hidden);
    expect(cell("A1").textContent).toBe('{"version":1}');
    expect(store.workbook.fake.activeSheet()).toBe("Om");
    expect(screen.getByRole("grid").getAttribute("aria-readonly")).toBe("true");
  });

  it("draws only the rows in view of a 5 000-row table", () => {
    setup(5000);
    const rows = document.querySelectorAll("tbody tr[aria-rowindex]");
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(100);
    expect(screen.getByRole("grid").getAttribute("aria-rowcount")).toBe(String(5001 + 20 + 1));
  });

  it("keeps Tab in the grid: Tab and Shift+Tab move between cells, also from the content field", () => {
    const store = setup();
    fireEvent.mouseDown(cell("B2"), { button: 0 });
    const grid = screen.getByTestId("grid-scroller");
    const tab = fireEvent.keyDown(grid, { key: "Tab" });
    // Handled (default prevented): the browser does not move the focus out of the grid.
    expect(tab).toBe(false);
    expect(store.workbook.fake.selection()).toEqual({ sheet: "Regioner", address: "C2" });
    expect(fireEvent.keyDown(grid, { key: "Tab", shiftKey: true })).toBe(false);
    expect(store.workbook.fake.selection()).toEqual({ sheet: "Regioner", address: "B2" });
    const bar = screen.getByTestId("formula-bar");
    fireEvent.change(bar, { target: { value: "3300" } });
    expect(fireEvent.keyDown(bar, { key: "Tab" })).toBe(false);
    expect(store.workbook.fake.getValue("Regioner", "B2")).toBe(3300);
    expect(store.workbook.fake.selection()).toEqual({ sheet: "Regioner", address: "C2" });
  });

  it("with no cell selected (a chart selected), Tab selects A1 rather than leaving", () => {
    const store = setup();
    act(() => {
      store.workbook.fake.selectChart();
      store.notify();
    });
    const grid = screen.getByTestId("grid-scroller");
    expect(fireEvent.keyDown(grid, { key: "Tab" })).toBe(false);
    expect(store.workbook.fake.selection()).toEqual({ sheet: "Regioner", address: "A1" });
  });

  it("F6 goes to the task pane, as in Excel", () => {
    setup();
    const paneEl = document.createElement("aside");
    paneEl.dataset.testid = "taskpane";
    const button = document.createElement("button");
    paneEl.appendChild(button);
    document.body.appendChild(paneEl);
    fireEvent.mouseDown(cell("B2"), { button: 0 });
    fireEvent.keyDown(screen.getByTestId("grid-scroller"), { key: "F6" });
    expect(document.activeElement).toBe(button);
    paneEl.remove();
  });

  it("draws a chart of thousands of bars as its 50 largest, and says so", async () => {
    const store = setup(120);
    const run = store.runFor(store.workbook.fake);
    await act(async () => {
      await run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Regioner");
        const chart = ws.charts.add("BarClustered", ws.getRange("B2:B121"), "Columns");
        chart.series.getItemAt(0).setXAxisValues(ws.getRange("A2:A121"));
        await ctx.sync();
      });
    });
    const chart = screen.getByTestId("chart");
    expect(screen.getByTestId("chart-note").textContent).toBe(
      "Visar de 50 största av 120 staplar; diagrammet i arbetsboken har alla.",
    );
    const labels = [...chart.querySelectorAll("div > span:first-child")].map(
      (el) => el.textContent,
    );
    expect(labels).toHaveLength(50);
    // The largest first: Region 120 has 120 000 kr.
    expect(labels[0]).toBe("Region 120");
    expect(labels[49]).toBe("Region 71");
  });

  it("draws a small chart whole, in its own order, without the note", async () => {
    const store = setup(3);
    const run = store.runFor(store.workbook.fake);
    await act(async () => {
      await run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Regioner");
        const chart = ws.charts.add("BarClustered", ws.getRange("B2:B4"), "Columns");
        chart.series.getItemAt(0).setXAxisValues(ws.getRange("A2:A4"));
        await ctx.sync();
      });
    });
    expect(screen.queryByTestId("chart-note")).toBeNull();
    const chart = screen.getByTestId("chart");
    const labels = [...chart.querySelectorAll("div > span:first-child")].map(
      (el) => el.textContent,
    );
    expect(labels).toEqual(["Region 1", "Region 2", "Region 3"]);
  });
});
