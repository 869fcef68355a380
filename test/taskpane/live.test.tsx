/** @jest-environment jsdom */
/**
 * The pane's Live switch and stale preview, the real adapter on the fake Excel: the 2024
 * golden case's region table (an Excel table), edits made as a user makes them (setValues
 * raises onChanged, as Excel does).
 */
import "./setup";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { readAndAllocate } from "../../src/app/pipeline";
import { getRuleSet } from "../../src/domain/rules";
import { createExcelHost } from "../../src/excel/excelHost";
import { createFakeExcel, type FakeExcel } from "../../src/excel/fake";
import { App } from "../../src/taskpane/App";
import { formatInteger } from "../../src/taskpane/i18n";
import { isMarkText } from "../../src/workbook/planStale";
import { caseGrid } from "./helpers";

const NOW = new Date("2025-03-14T09:30:00");
const SUMMARY = "AT-fördelning 2024";
const ruleSet = getRuleSet(2024)!;
const rows = caseGrid("2024-all-regions").sheets[0].values;
const HALLAND = rows.findIndex((r) => r[0] === "Halland") + 1; // sheet row, 1-based
const click = (name: string) => fireEvent.click(screen.getByRole("button", { name }));

function setup(
  excel: FakeExcel = createFakeExcel({
    sheets: [
      { name: "Blad1", values: rows, tables: [{ name: "Regioner", range: `A1:D${rows.length}` }] },
    ],
    selection: "B3",
  }),
) {
  const host = createExcelHost(excel.run, {
    settleMs: 30,
    isSetSupported: (v) => excel.isSetSupported(v),
  });
  const view = render(
    <App
      host={host}
      lang="sv"
      now={() => NOW}
      sourceName="regioner.xlsx"
      live={{ run: excel.run, host }}
    />,
  );
  fireEvent.change(screen.getByRole("combobox", { name: /Bidragsår/ }), {
    target: { value: "shipped:2024" },
  });
  return { excel, view };
}

async function readNow() {
  click("Läs in");
  await screen.findByText(/Läste 21 regioner/);
}

async function writeNow() {
  click("Skriv till arbetsboken");
  await screen.findByText(/Skrev 21 rader/);
}

/** Column letter of a written column found by its header's start (not its unit). */
function columnOf(excel: FakeExcel, prefix: string): string {
  const cols = excel.getTable("Regioner")!.columns;
  const i = cols.findIndex((c) => c.startsWith(prefix));
  if (i < 0) throw new Error(`no column ${prefix}: ${cols.join(", ")}`);
  return String.fromCharCode(65 + i);
}

/** Halland's total by the engine, with its AT count set to `at`. */
function hallandTotal(at: number): number {
  const edited = rows.map((r) => (r[0] === "Halland" ? [r[0], r[1], at, r[3]] : r));
  const grid = createFakeExcel({ sheets: [{ name: "Blad1", values: edited }] }).toGrid();
  return readAndAllocate(grid, ruleSet, {}).result!.regions.find((x) => x.region === "Halland")!
    .total;
}

function liveSwitch(): HTMLInputElement {
  return screen.getByRole("switch", { name: "Live" }) as HTMLInputElement;
}

async function liveStatus(kind: string): Promise<HTMLElement> {
  return waitFor(() => {
    const el = screen.getByTestId("live-status");
    expect(el.dataset.live).toBe(kind);
    return el;
  });
}

function previewRow(region: string): HTMLElement {
  const table = screen.getByRole("table", { name: "Fördelning per region" });
  const row = within(table)
    .getAllByRole("row")
    .find((r) => r.textContent?.includes(region));
  if (!row) throw new Error(`no row ${region}`);
  return row;
}

describe("the Live switch", () => {
  it("is offered after a write, not after reading a table the add-in never wrote", async () => {
    setup();
    await readNow();
    expect(screen.queryByRole("switch", { name: "Live" })).toBeNull();
    await writeNow();
    expect(liveSwitch().checked).toBe(false);
    expect(
      screen.getByText(/räknar om och skriver om efter varje ändring i tabellen/i),
    ).toBeTruthy();
  });

  it("is offered on reading a table the add-in wrote before", async () => {
    const { excel, view } = setup();
    await readNow();
    await writeNow();
    view.unmount();
    // A new pane on the same workbook: the ownership record says the add-in wrote here.
    setup(excel);
    await readNow();
    expect(liveSwitch().checked).toBe(false);
  });

  it("on: an edit rewrites the columns, the summary and the preview", async () => {
    const { excel } = setup();
    await readNow();
    await writeNow();
    fireEvent.click(liveSwitch());
    await liveStatus("current");
    const total = columnOf(excel, "Summa");
    const before = excel.getValue("Blad1", `${total}${HALLAND}`);
    const at = (excel.getValue("Blad1", `C${HALLAND}`) as number) + 3;
    const want = hallandTotal(at);
    expect(want).not.toBe(before);
    act(() => excel.setValues("Blad1", `C${HALLAND}`, [[at]]));
    await waitFor(() => expect(excel.getValue("Blad1", `${total}${HALLAND}`)).toBe(want));
    const summary = excel.toGrid().sheets.find((s) => s.name === SUMMARY)!;
    expect(summary.values.find((r) => r.includes("Halland"))).toContain(want);
    await liveStatus("current");
    await waitFor(() =>
      expect(previewRow("Halland").textContent).toContain(formatInteger(want, "sv")),
    );
  });

  it("a bad edit pauses it: the cell named at the top, the workbook marked; fixed, the mark goes", async () => {
    const { excel } = setup();
    await readNow();
    await writeNow();
    fireEvent.click(liveSwitch());
    await liveStatus("current");
    const total = columnOf(excel, "Summa");
    const written = excel.getValue("Blad1", `${total}${HALLAND}`);
    act(() => excel.setValues("Blad1", `C${HALLAND}`, [["sextio"]]));
    const status = await liveStatus("stale");
    expect(status.textContent).toContain(`Blad1!C${HALLAND}`);
    const paused = screen.getByTestId("live-paused");
    expect(paused.textContent).toContain(`Blad1!C${HALLAND}`);
    expect(paused.textContent).toContain("markerade som inaktuella");
    expect(isMarkText(excel.getValue(SUMMARY, "A4"))).toBe(true);
    expect(excel.getValue("Blad1", `${total}${HALLAND}`)).toBe(written);
    expect(liveSwitch().checked).toBe(true);

    act(() => excel.setValues("Blad1", `C${HALLAND}`, [[61]]));
    await liveStatus("current");
    await waitFor(() => expect(excel.getValue(SUMMARY, "A4")).toBeNull());
    expect(excel.getValue("Blad1", `${total}${HALLAND}`)).toBe(hallandTotal(61));
    expect(screen.queryByTestId("live-paused")).toBeNull();
  });

  it("does not overwrite the add-in's cells edited by hand: it names them and writes nothing; the pane's write resumes it", async () => {
    const { excel } = setup();
    await readNow();
    await writeNow();
    const total = columnOf(excel, "Summa");
    act(() => excel.setValues("Blad1", `${total}3`, [[12345]]));
    const columns = () => excel.getValues("Blad1", `E1:${total}${rows.length}`);
    const before = JSON.stringify(columns());
    fireEvent.click(liveSwitch());
    await liveStatus("failed");
    expect(screen.getByTestId("live-paused").textContent).toContain(`Blad1!${total}3`);
    expect(excel.getValue("Blad1", `${total}3`)).toBe(12345);
    // Nothing of the allocation written; the figures marked out of date instead.
    expect(JSON.stringify(columns())).toBe(before);
    expect(isMarkText(excel.getValue(SUMMARY, "A4"))).toBe(true);
    const noteCell = `${String.fromCharCode(total.charCodeAt(0) + 2)}1`;
    expect(isMarkText(excel.getValue("Blad1", noteCell))).toBe(true);

    // The pane's write, the edit confirmed, replaces it: Live recomputes and the marks go.
    click("Skriv till arbetsboken");
    fireEvent.click(await screen.findByRole("button", { name: "Ersätt ändringarna" }));
    await screen.findByText(/Skrev 21 rader/);
    await liveStatus("current");
    await waitFor(() => expect(excel.getValue("Blad1", noteCell)).toBeNull());
    expect(excel.getValue(SUMMARY, "A4")).toBeNull();
    expect(excel.getValue("Blad1", `${total}3`)).not.toBe(12345);
    expect(screen.queryByTestId("live-paused")).toBeNull();
  });

  it("off again, or with another year chosen, it stops listening; on unmount nothing listens", async () => {
    const { excel, view } = setup();
    await readNow();
    await writeNow();
    fireEvent.click(liveSwitch());
    await liveStatus("current");
    fireEvent.change(screen.getByRole("combobox", { name: /Bidragsår/ }), {
      target: { value: "shipped:2025" },
    });
    await waitFor(() => expect(screen.queryByTestId("live-status")).toBeNull());
    const total = columnOf(excel, "Summa");
    const written = excel.getValue("Blad1", `${total}${HALLAND}`);
    act(() => excel.setValues("Blad1", `C${HALLAND}`, [[70]]));
    await act(() => excel.settleEvents());
    await new Promise((r) => setTimeout(r, 1500));
    expect(excel.getValue("Blad1", `${total}${HALLAND}`)).toBe(written);
    view.unmount();
    await waitFor(() => expect(excel.events.handlerCount).toBe(0));
  });
});

describe("Live off: the preview out of date", () => {
  it("says which input cell changed, and not for the add-in's own columns; a read clears it", async () => {
    const { excel } = setup();
    await readNow();
    await writeNow();
    const total = columnOf(excel, "Summa");
    await waitFor(() => expect(excel.events.handlerCount).toBe(1));
    act(() => excel.setValues("Blad1", `${total}2`, [[1]]));
    await act(() => excel.settleEvents());
    await new Promise((r) => setTimeout(r, 150));
    expect(screen.queryByTestId("preview-stale")).toBeNull();

    act(() => excel.setValues("Blad1", `C${HALLAND}`, [[70]]));
    const stale = await screen.findByTestId("preview-stale");
    expect(stale.textContent).toBe(
      `Förhandsvisningen är inaktuell: C${HALLAND} ändrades. Läs in igen.`,
    );
    await readNow();
    await waitFor(() => expect(screen.queryByTestId("preview-stale")).toBeNull());
  });

  it("also before the first write, for a table just read", async () => {
    const { excel } = setup();
    await readNow();
    await waitFor(() => expect(excel.events.handlerCount).toBe(1));
    act(() => excel.setValues("Blad1", "B5", [[123456]]));
    expect((await screen.findByTestId("preview-stale")).textContent).toContain("B5 ändrades");
  });
});
