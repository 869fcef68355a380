/** @jest-environment jsdom */
/**
 * The pane as the entry mounts it: Office's language and theme, and the real Office.js adapter
 * running on the in-memory fake Excel, so read → preview → write goes through every layer.
 */
import "./setup";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { webDarkTheme } from "@fluentui/react-components";
import type { Root } from "react-dom/client";
import { createFakeExcel } from "../../src/excel/fake";
import type { ExcelRun } from "../../src/excel/errors";
import { mount, type OfficeEnvironment } from "../../src/taskpane/mount";
import { caseGrid } from "./helpers";

let root: Root | null = null;

function mountPane(env: Partial<OfficeEnvironment> & { run: ExcelRun }) {
  document.body.innerHTML = '<div id="root"></div>';
  act(() => {
    root = mount(document.getElementById("root")!, {
      displayLanguage: "sv-SE",
      excelApiSupported: true,
      ...env,
    });
  });
}

afterEach(() => {
  act(() => root?.unmount());
  root = null;
});

function fakeExcel2024() {
  const values = caseGrid("2024-all-regions").sheets[0].values;
  return createFakeExcel({ sheets: [{ name: "Blad1", values }], selection: "B3" });
}

describe("mount", () => {
  it("says which ExcelApi version is needed where Excel lacks it", () => {
    const run = jest.fn();
    mountPane({ excelApiSupported: false, run });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("ExcelApi 1.9 eller senare");
    expect(screen.queryByRole("button", { name: "Läs in" })).toBeNull();
    expect(run).not.toHaveBeenCalled();
  });

  it("says to open it in Excel where office.js runs outside Office (host null)", () => {
    const run = jest.fn();
    mountPane({ host: null, excelApiSupported: false, run });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Öppna tillägget i Excel.");
    expect(alert.textContent).not.toContain("ExcelApi");
    expect(screen.queryByRole("button")).toBeNull();
    expect(run).not.toHaveBeenCalled();
  });

  it("follows Office's language and theme", () => {
    mountPane({
      displayLanguage: "en-GB",
      officeTheme: { bodyBackgroundColor: "#1f1f1f" },
      run: jest.fn(),
    });
    expect(document.documentElement.lang).toBe("en");
    expect(screen.getByRole("button", { name: "Write to the workbook" })).toBeTruthy();
    // Fluent puts the theme's tokens in a style sheet (by insertRule): the dark background.
    const css = [...document.styleSheets]
      .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
      .join("\n");
    expect(css).toContain(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1};`);
  });

  it("reads, previews and writes through the Office.js adapter on the fake Excel", async () => {
    const excel = fakeExcel2024();
    mountPane({ run: excel.run, documentUrl: "https://x/Delade/AT%202024.xlsx" });
    fireEvent.change(screen.getByRole("combobox", { name: /Bidragsår/ }), {
      target: { value: "shipped:2024" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Läs in" }));
    await screen.findByText(/Läste 21 regioner från Blad1!A1:D22/);
    const table = screen.getByRole("table", { name: "Fördelning per region" });
    expect(within(table).getAllByRole("row")).toHaveLength(23); // header, 21 regions, sum
    expect(excel.getValue("Blad1", "E1")).toBeNull(); // reading wrote nothing

    fireEvent.click(screen.getByRole("button", { name: "Skriv till arbetsboken" }));
    await screen.findByText("Skrev 21 rader och bladet AT-fördelning 2024.");
    expect(typeof excel.getValue("Blad1", "E1")).toBe("string"); // a header of ours
    expect(excel.getValue("Blad1", "E2")).toBe(1881999); // Stockholm, block 1 (golden case)
    expect(excel.sheetNames()).toContain("AT-fördelning 2024");
    // The summary names the workbook from Office's document URL.
    const summary = excel.getValues("AT-fördelning 2024", "A1:B12").flat();
    expect(summary.some((v) => typeof v === "string" && v.includes("AT 2024.xlsx"))).toBe(true);
  });

  it("refuses to overwrite a user's cell and leaves the workbook as it was", async () => {
    const values = caseGrid("2024-all-regions").sheets[0].values.map((r) => [...r, null]);
    values[3][4] = "anteckning"; // E4
    const excel = createFakeExcel({ sheets: [{ name: "Blad1", values }], selection: "B3" });
    mountPane({ run: excel.run });
    fireEvent.change(screen.getByRole("combobox", { name: /Bidragsår/ }), {
      target: { value: "shipped:2024" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Läs in" }));
    await screen.findByText(/Läste 21 regioner/);
    const before = excel.sheetNames();
    fireEvent.click(screen.getByRole("button", { name: "Skriv till arbetsboken" }));
    await screen.findByText(/Cellen Blad1!E4 innehåller ett eget värde/);
    expect(screen.getByTestId("status").textContent).toContain("Arbetsboken lämnades som den var.");
    expect(excel.getValue("Blad1", "E4")).toBe("anteckning");
    expect(excel.getValue("Blad1", "E2")).toBeNull();
    expect(excel.sheetNames()).toEqual(before);
  });

  it("shows the adapter's own sentence for an Excel error, in the pane's language", async () => {
    const failing: ExcelRun = async () => {
      throw Object.assign(new Error("cell edit"), { code: "InvalidOperationInCellEditMode" });
    };
    mountPane({ run: failing });
    fireEvent.click(screen.getByRole("button", { name: "Läs in" }));
    const sentence =
      "Kunde inte läsa arbetsboken: Excel redigerar en cell. Tryck Enter eller Esc och försök igen.";
    await waitFor(() => expect(screen.getByTestId("status").textContent).toContain(sentence));
    // Said once: the pane does not wrap the adapter's sentence in another "Kunde inte läsa".
    expect(screen.getByTestId("status").textContent!.split("Kunde inte läsa").length).toBe(2);
  });
});
