/** @jest-environment jsdom */
/**
 * The workbench page: the real task pane on the simulated workbook, the menu (samples, files,
 * language), and the ready signal the end-to-end tests wait for.
 */
import "./setup";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { Workbench } from "../../src/workbench/Workbench";
import { WorkbenchStore } from "../../src/workbench/store";
import { modelToFake, type XlsxModel } from "../../src/workbench/xlsxModel";
import type { XlsxIo } from "../../src/workbench/xlsxIo";
import { parseQuery } from "../../src/workbench/samples";

const sheet = (name: string, value: string): XlsxModel => ({
  sheets: [{ name, state: "visible", cells: [{ r: 0, c: 0, v: value }], widths: [], tables: [] }],
});

function page(options: { loadSample?: (year: number) => Promise<unknown>; io?: XlsxIo } = {}) {
  const io: XlsxIo = options.io ?? {
    read: async () => sheet("Fil", "från filen"),
    write: async () => new Uint8Array([80, 75]),
  };
  const store = new WorkbenchStore(io);
  const onLangChange = jest.fn();
  const onReady = jest.fn();
  const loadSample =
    options.loadSample ??
    jest.fn(async (year: number) =>
      store.replace(`regioner-${year}.xlsx`, modelToFake(sheet("Regioner", `exempel ${year}`)), {
        kind: "sample",
        year,
      }),
    );
  const view = render(
    <Workbench
      store={store}
      lang="sv"
      onLangChange={onLangChange}
      loadSample={loadSample}
      onReady={onReady}
    />,
  );
  return { store, onLangChange, onReady, loadSample, view };
}

const root = () => document.getElementById("workbench")!;

describe("the workbench page", () => {
  it("shows the real task pane beside the workbook, and says when it is ready", () => {
    const { onReady, store } = page();
    expect(root().dataset.ready).toBe("true");
    expect(root().dataset.workbook).toBe(String(store.workbook.id));
    expect(onReady).toHaveBeenCalledWith(store.workbook.id);
    const pane = screen.getByTestId("taskpane");
    expect(within(pane).getByRole("button", { name: "Läs in" })).toBeTruthy();
    expect(within(pane).getByRole("button", { name: "Skriv till arbetsboken" })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Blad1" })).toBeTruthy();
  });

  it("loads a sample from the menu, with a new task pane for the new workbook", async () => {
    const { store, loadSample } = page();
    const first = store.workbook.id;
    fireEvent.change(screen.getByTestId("sample-select"), { target: { value: "2025" } });
    await waitFor(() => expect(root().dataset.workbook).not.toBe(String(first)));
    expect(loadSample).toHaveBeenCalledWith(2025);
    expect(root().dataset.ready).toBe("true");
    expect(store.workbook.fake.getValue("Regioner", "A1")).toBe("exempel 2025");
    expect(screen.getByTestId("sample-select")).toHaveProperty("value", "2025");
  });

  it("opens a file the user picks, and names it in the menu", async () => {
    const { store } = page();
    const file = new File([new Uint8Array([80, 75, 3, 4])], "min.xlsx");
    Object.defineProperty(file, "arrayBuffer", { value: async () => new ArrayBuffer(4) });
    fireEvent.change(screen.getByTestId("open-xlsx"), { target: { files: [file] } });
    await waitFor(() => expect(store.workbook.name).toBe("min.xlsx"));
    expect(store.workbook.fake.getValue("Fil", "A1")).toBe("från filen");
    expect(screen.getByTestId("sample-select")).toHaveProperty("value", "file");
  });

  it("says in both languages when a sample cannot be loaded, and keeps the workbook", async () => {
    const loadSample = async () => {
      throw new Error("404 Not Found");
    };
    const { store, view } = page({ loadSample });
    const before = store.workbook;
    fireEvent.change(screen.getByTestId("sample-select"), { target: { value: "2022" } });
    await screen.findByText("Kunde inte öppna regioner-2022.xlsx: 404 Not Found");
    expect(store.workbook).toBe(before);
    expect(root().dataset.ready).toBe("true");
    view.rerender(
      <Workbench store={store} lang="en" onLangChange={() => {}} loadSample={loadSample} />,
    );
    expect(screen.getByText("Could not open regioner-2022.xlsx: 404 Not Found")).toBeTruthy();
  });

  it("switches the language through its menu", () => {
    const { onLangChange } = page();
    fireEvent.change(screen.getByTestId("lang-select"), { target: { value: "en" } });
    expect(onLangChange).toHaveBeenCalledWith("en");
  });

  it("tells the grid about the task pane's writes", async () => {
    const { store } = page();
    await act(async () => {
      await store.runFor(store.workbook.fake)(async (ctx) => {
        ctx.workbook.worksheets.getItem("Blad1").getRange("B2").values = [["skrivet"]];
        await ctx.sync();
      });
    });
    expect(document.querySelector('[data-cell="B2"]')!.textContent).toBe("skrivet");
  });
});

describe("the page's address", () => {
  it("chooses the sample and the language, the 2024 sample in Swedish by default", () => {
    expect(parseQuery("")).toEqual({ sample: 2024, lang: "sv", pane: 380 });
    expect(parseQuery("?sample=2022&lang=en")).toEqual({ sample: 2022, lang: "en", pane: 380 });
    expect(parseQuery("?sample=empty")).toEqual({ sample: "empty", lang: "sv", pane: 380 });
    expect(parseQuery("?sample=1999&lang=de")).toEqual({ sample: 2024, lang: "sv", pane: 380 });
  });

  it("takes the task pane's width, within reason", () => {
    expect(parseQuery("?pane=320").pane).toBe(320);
    expect(parseQuery("?pane=10").pane).toBe(380);
    expect(parseQuery("?pane=wide").pane).toBe(380);
  });
});
