/** @jest-environment jsdom */
import "./setup";
import * as fs from "fs";
import * as path from "path";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { HostConflictError, type SheetPlan } from "../../src/app/host";
import { readAndAllocate, type ReadOutcome } from "../../src/app/pipeline";
import { parseRuleSet } from "../../src/domain/parseRuleSet";
import { getRuleSet } from "../../src/domain/rules";
import type { RuleSet } from "../../src/domain/ruleSet";
import { planTemplate } from "../../src/workbook/planTemplate";
import { planWrite } from "../../src/workbook/planWrite";
import type { WritePlan } from "../../src/workbook/types";
import { App } from "../../src/taskpane/App";
import { fakeHost, issue, smallRead, smallResult, type FakeHost } from "./helpers";

jest.mock("../../src/app/pipeline", () => ({ readAndAllocate: jest.fn() }));
jest.mock("../../src/workbook/planWrite", () => ({ planWrite: jest.fn() }));
jest.mock("../../src/workbook/planTemplate", () => ({ planTemplate: jest.fn() }));

const mockRead = jest.mocked(readAndAllocate);
const mockPlanWrite = jest.mocked(planWrite);
const mockPlanTemplate = jest.mocked(planTemplate);

const NOW = new Date("2025-03-14T09:30:00");
const nbsp = (s: string) => s.replace(/ /g, "\u00a0");

function okOutcome(
  issues = [issue("notice", "D5", "Östergötland: 84–89 läst som 86,5")],
): ReadOutcome {
  return { read: smallRead(), result: smallResult(), issues, hasErrors: false };
}

function errorOutcome(): ReadOutcome {
  return {
    read: smallRead(),
    result: null,
    issues: [
      issue("notice", "D5", "notering om D5"),
      issue("warning", "B9", "varning om B9"),
      issue("error", "C8", '"femtio" är inget antal', '"femtio" is not a count', "Kalmar"),
      issue("error", "B12", "folkmängden är negativ", "the population is negative", "Halland"),
    ],
    hasErrors: true,
  };
}

function plan(conflicts: WritePlan["conflicts"] = []): WritePlan {
  return {
    year: 2024,
    columns: { sheet: "Blad1", headerRow: 0, firstCol: 4, headers: [], rows: [] },
    summary: { sheetName: "AT-fördelning 2024", cells: [], columnWidths: [] },
    ownership: {
      version: 1,
      year: 2024,
      sheet: "Blad1",
      columnsRange: "E1:G3",
      headers: [],
      summarySheet: "AT-fördelning 2024",
      writtenAt: NOW.toISOString(),
    },
    clear: [],
    conflicts,
  };
}

function renderApp(host: FakeHost, props: { lang?: "sv" | "en"; ruleSets?: RuleSet[] } = {}) {
  return render(
    <App host={host} lang={props.lang ?? "sv"} ruleSets={props.ruleSets} now={() => NOW} />,
  );
}

const yearSelect = () => screen.getByRole("combobox", { name: /Bidragsår och regler/ });
const writeButton = () => screen.getByRole("button", { name: "Skriv till arbetsboken" });
const status = () => screen.getByTestId("status");

async function readNow() {
  fireEvent.click(screen.getByRole("button", { name: "Läs in" }));
  await waitFor(() => expect(screen.queryByText("Läser arbetsboken…")).toBeNull());
}

beforeEach(() => {
  mockRead.mockReset();
  mockPlanWrite.mockReset();
  mockPlanTemplate.mockReset();
});

describe("year picker", () => {
  it("lists the shipped years, picks the latest and shows its title, reference and budgets", () => {
    renderApp(fakeHost());
    const select = yearSelect() as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(["2022", "2024", "2025"]);
    expect(select.selectedOptions[0].textContent).toBe("2025");
    const info = screen.getByTestId("ruleset-info");
    expect(info.textContent).toContain(getRuleSet(2025)!.title.sv);
    expect(info.textContent).toContain(nbsp("226 000 000 kr"));
    expect(info.textContent).toContain(nbsp("44 000 000 kr"));
    expect(info.textContent).toContain(nbsp("182 000 000 kr"));
  });

  it("shows another year's rule set when it is chosen", () => {
    renderApp(fakeHost());
    fireEvent.change(yearSelect(), { target: { value: "shipped:2024" } });
    const info = screen.getByTestId("ruleset-info");
    expect(info.textContent).toContain("S2024/00586");
    expect(info.textContent).toContain(nbsp("63 000 000 kr"));
    expect(info.textContent).toContain(nbsp("160 000 000 kr"));
    expect(info.textContent).toContain("Block 2 – Ytterligare utökning");
  });

  function loadFile(name: string, content: string) {
    const input = screen.getByLabelText("Regelfil (JSON)") as HTMLInputElement;
    const file = new File([content], name, { type: "application/json" });
    fireEvent.change(input, { target: { files: [file] } });
  }

  it("loads a rule-set file, selects it and shows it", async () => {
    renderApp(fakeHost());
    const json = fs.readFileSync(
      path.resolve(__dirname, "../fixtures/rules-2023-style.json"),
      "utf8",
    );
    loadFile("regler-2023.json", json);
    await waitFor(() =>
      expect((yearSelect() as HTMLSelectElement).selectedOptions[0].textContent).toBe(
        "2023 (regelfil regler-2023.json)",
      ),
    );
    const info = screen.getByTestId("ruleset-info");
    expect(info.textContent).toContain("TEST-2023");
    expect(info.textContent).toContain(nbsp("200 000 000 kr"));
    expect(status().textContent).toContain("Läste in regelfilen regler-2023.json (2023)");
    // The shipped years stay offered.
    expect((yearSelect() as HTMLSelectElement).options).toHaveLength(4);
  });

  it("shows why a malformed rule file was refused, and keeps the current rule set", async () => {
    renderApp(fakeHost());
    loadFile("trasig.json", "{ inte json");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("trasig.json är ingen giltig JSON-fil");

    loadFile("fel.json", JSON.stringify({ format: 1, year: 2023 }));
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toContain("fel.json är ingen giltig regelfil"),
    );
    // parseRuleSet's own words say what is wrong.
    expect(() => parseRuleSet({ format: 1, year: 2023 })).toThrow();
    try {
      parseRuleSet({ format: 1, year: 2023 });
    } catch (error) {
      expect(screen.getByRole("alert").textContent).toContain((error as Error).message);
    }
    expect((yearSelect() as HTMLSelectElement).selectedOptions[0].textContent).toBe("2025");
  });
});

describe("interpretations", () => {
  const select = (label: RegExp) =>
    screen.getByRole("combobox", { name: label }) as HTMLSelectElement;

  it("lists the year's interpretations with the defaults chosen", () => {
    renderApp(fakeHost());
    fireEvent.change(yearSelect(), { target: { value: "shipped:2022" } });
    const section = screen.getByRole("region", { name: "Tolkningar" });
    const selects = within(section).getAllByRole("combobox") as HTMLSelectElement[];
    expect(selects.map((s) => s.dataset.key)).toEqual([
      "rounding",
      "range",
      "overflow",
      "block1-2022",
      "top3-2022",
    ]);
    expect(selects.map((s) => s.value)).toEqual([
      "largest-remainder",
      "midpoint",
      "pro-rata",
      "equal",
      "equal",
    ]);
    // 2025 has neither planning values nor a ladder: only rounding applies.
    fireEvent.change(yearSelect(), { target: { value: "shipped:2025" } });
    expect(
      within(section)
        .getAllByRole("combobox")
        .map((s) => s.dataset.key),
    ).toEqual(["rounding"]);
  });

  it("passes the chosen values to readAndAllocate, and recomputes on a change", async () => {
    mockRead.mockReturnValue(okOutcome());
    const host = fakeHost();
    renderApp(host);
    fireEvent.change(yearSelect(), { target: { value: "shipped:2022" } });
    fireEvent.change(select(/Block 1 2022/), { target: { value: "rate" } });
    fireEvent.change(select(/intervall/), { target: { value: "upper" } });
    await readNow();
    expect(mockRead).toHaveBeenLastCalledWith(
      await host.readWorkbook.mock.results[0].value,
      getRuleSet(2022),
      {
        rounding: "largest-remainder",
        range: "upper",
        overflow: "pro-rata",
        "block1-2022": "rate",
        "top3-2022": "equal",
      },
    );
    // A change after the read recomputes from the grid already read: no new round trip.
    fireEvent.change(select(/Avrundning/), { target: { value: "half-up" } });
    expect(mockRead.mock.lastCall?.[2]).toMatchObject({
      rounding: "half-up",
      "block1-2022": "rate",
    });
    expect(host.readWorkbook).toHaveBeenCalledTimes(1);
  });
});

describe("reading", () => {
  it("shows the range read, amounts per region, block totals against budgets", async () => {
    mockRead.mockReturnValue(okOutcome());
    renderApp(fakeHost());
    await readNow();
    expect(status().textContent).toContain("Läste 2 regioner från Blad1!A1:D3.");
    const table = screen.getByRole("table", { name: "Fördelning per region" });
    const rows = within(table).getAllByRole("row");
    // A region's cell holds its "Varför?" button too (why.test.tsx): the text beside it.
    const text = (c: Element) =>
      [...c.childNodes]
        .filter((n) => n.nodeName !== "BUTTON")
        .map((n) => n.textContent)
        .join("");
    const texts = rows.map((r) => [...r.querySelectorAll("th,td")].map(text));
    expect(texts).toEqual([
      ["Kod", "Region", "Block 1", "Block 2", "Summa"],
      ["01", "Stockholm", "600", nbsp("1 500"), nbsp("2 100")],
      ["03", "Uppsala", "400", "300", "700"],
      ["", "Summa", nbsp("1 000"), nbsp("1 800"), nbsp("2 800")],
    ]);
    const blocks = screen.getByRole("table", { name: "Block mot budget" });
    const block2 = within(blocks).getAllByRole("row")[2];
    expect([...block2.querySelectorAll("td")].map((c) => c.textContent)).toEqual([
      "Block 2",
      nbsp("2 000"),
      nbsp("1 800"),
      "200",
    ]);
    expect(block2.querySelector("td")!.getAttribute("title")).toBe(
      "Block 2 – Ytterligare utökning",
    );
    expect(screen.getByText(/stegbeloppen översteg budgeten/)).toBeTruthy();
  });

  it("says when reading the workbook failed", async () => {
    const host = fakeHost();
    host.readWorkbook.mockRejectedValueOnce(new Error("RichApi.Error: The request failed"));
    renderApp(host);
    await readNow();
    expect(status().textContent).toContain(
      "Kunde inte läsa arbetsboken: RichApi.Error: The request failed",
    );
    expect(writeButton().getAttribute("aria-disabled")).toBe("true");
  });
});

describe("issue list", () => {
  it("lists errors first, each a button that selects its cell", async () => {
    mockRead.mockReturnValue(errorOutcome());
    const host = fakeHost();
    renderApp(host);
    await readNow();
    const list = screen.getByRole("region", { name: "4 anmärkningar" });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((li) => li.dataset.severity)).toEqual(["error", "error", "warning", "notice"]);
    expect(items[0].textContent).toContain('Blad1!C8 (Kalmar): "femtio" är inget antal');
    const button = within(items[1]).getByRole("button");
    expect(button.tagName).toBe("BUTTON"); // native: Enter and Space activate it
    expect(button.getAttribute("title")).toBe("Gå till Blad1!B12");
    fireEvent.click(button);
    expect(host.selectCell).toHaveBeenCalledWith("Blad1", "B12");
    fireEvent.click(within(items[0]).getByRole("button"));
    expect(host.selectCell).toHaveBeenLastCalledWith("Blad1", "C8");
  });

  it("shows an issue without a cell as text, not as a button", async () => {
    mockRead.mockReturnValue(
      okOutcome([issue("warning", undefined, "Gotland saknas", "", "Gotland")]),
    );
    renderApp(fakeHost());
    await readNow();
    const list = screen.getByRole("region", { name: "1 anmärkning" });
    expect(within(list).queryByRole("button")).toBeNull();
    expect(list.textContent).toContain("Gotland: Gotland saknas");
  });

  it("reports a failure to select the cell", async () => {
    mockRead.mockReturnValue(errorOutcome());
    const host = fakeHost();
    host.selectCell.mockRejectedValue(new Error("ItemNotFound"));
    renderApp(host);
    await readNow();
    fireEvent.click(screen.getAllByTitle("Gå till Blad1!C8")[0]);
    await waitFor(() =>
      expect(status().textContent).toContain("Kunde inte markera Blad1!C8: ItemNotFound"),
    );
  });
});

describe("writing", () => {
  it("is disabled before a read and while errors stand, enabled when none", async () => {
    mockRead.mockReturnValue(errorOutcome());
    const host = fakeHost();
    renderApp(host);
    expect(writeButton().getAttribute("aria-disabled")).toBe("true");
    expect(screen.getByText("Läs in regiontabellen först.")).toBeTruthy();
    await readNow();
    expect(writeButton().getAttribute("aria-disabled")).toBe("true");
    expect(screen.getByText(/Rätta felen nedan/)).toBeTruthy();
    expect(status().textContent).toContain("2 fel måste rättas innan något skrivs.");
    fireEvent.click(writeButton());
    expect(host.writePlan).not.toHaveBeenCalled();

    mockRead.mockReturnValue(okOutcome());
    await readNow();
    expect(writeButton().getAttribute("aria-disabled")).toBeNull();
    expect(screen.queryByText(/Rätta felen nedan/)).toBeNull();
  });

  it("re-reads, plans and writes, then says what it wrote", async () => {
    const first = okOutcome();
    const second = okOutcome();
    mockRead.mockReturnValueOnce(first).mockReturnValue(second);
    const thePlan = plan();
    mockPlanWrite.mockReturnValue(thePlan);
    const host = fakeHost();
    renderApp(host, {});
    await readNow();
    fireEvent.click(writeButton());
    await screen.findByText("Skrev 2 rader och bladet AT-fördelning 2024.");
    expect(host.readWorkbook).toHaveBeenCalledTimes(2);
    const grid = await host.readWorkbook.mock.results[1].value;
    expect(mockPlanWrite).toHaveBeenCalledWith({
      workbook: grid,
      read: second.read,
      result: second.result,
      issues: second.issues,
      lang: "sv",
      now: NOW,
      sourceName: "den här arbetsboken",
      // The rule set in use: its fingerprint goes into the record, for verify.
      ruleSet: expect.objectContaining({ year: 2025 }),
    });
    expect(host.writePlan).toHaveBeenCalledWith(thePlan, expect.any(Function));
  });

  it("shows progress while writing", async () => {
    mockRead.mockReturnValue(okOutcome());
    mockPlanWrite.mockReturnValue(plan());
    const host = fakeHost();
    let progress: ((f: number) => void) | undefined;
    let finish: () => void = () => {};
    host.writePlan.mockImplementation(
      (_plan, onProgress) =>
        new Promise((resolve) => {
          progress = onProgress;
          finish = () => resolve({ cellsWritten: 1, syncs: 1 });
        }),
    );
    renderApp(host);
    await readNow();
    fireEvent.click(writeButton());
    await waitFor(() => expect(progress).toBeDefined());
    act(() => progress!(0.4));
    const bar = screen.getByRole("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe("0.4");
    expect(status().textContent).toContain("40 % skrivet");
    // Nothing else can start meanwhile.
    expect(screen.getByRole("button", { name: "Läs in" })).toHaveProperty("disabled", true);
    await act(async () => finish());
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(status().textContent).toContain("Skrev 2 rader");
  });

  it("names the conflicting cells and says the workbook was left as it was", async () => {
    mockRead.mockReturnValue(okOutcome());
    mockPlanWrite.mockReturnValue(
      plan([
        { sheet: "Blad1", cell: "H3" },
        { sheet: "Blad1", cell: "H4" },
      ]),
    );
    const host = fakeHost();
    renderApp(host);
    await readNow();
    fireEvent.click(writeButton());
    await screen.findByText(/innehåller egna värden/);
    expect(status().textContent).toContain(
      "Cellerna Blad1!H3, H4 innehåller egna värden — flytta eller töm dem.",
    );
    expect(status().textContent).toContain("Arbetsboken lämnades som den var.");
    expect(host.writePlan).not.toHaveBeenCalled();
  });

  it("says the same when the host refuses with HostConflictError", async () => {
    mockRead.mockReturnValue(okOutcome());
    mockPlanWrite.mockReturnValue(plan());
    const host = fakeHost();
    host.writePlan.mockRejectedValue(new HostConflictError([{ sheet: "Data 2024", cell: "E7" }]));
    renderApp(host);
    await readNow();
    fireEvent.click(writeButton());
    await screen.findByText(/innehåller ett eget värde/);
    expect(status().textContent).toContain(
      "Cellen 'Data 2024'!E7 innehåller ett eget värde — flytta eller töm den.",
    );
    expect(status().textContent).toContain("Arbetsboken lämnades som den var.");
  });

  it("shows any other failure's text", async () => {
    mockRead.mockReturnValue(okOutcome());
    mockPlanWrite.mockReturnValue(plan());
    const host = fakeHost();
    host.writePlan.mockRejectedValue(new Error("Payload too large"));
    renderApp(host);
    await readNow();
    fireEvent.click(writeButton());
    await screen.findByText(/Payload too large/);
    expect(status().textContent).toContain("Inget skrevs");
    expect(status().textContent).toContain("Arbetsboken lämnades som den var.");
    // The user can try again.
    expect(writeButton().getAttribute("aria-disabled")).toBeNull();
  });

  it("writes nothing when the workbook changed and now has errors", async () => {
    mockRead.mockReturnValueOnce(okOutcome()).mockReturnValue(errorOutcome());
    const host = fakeHost();
    renderApp(host);
    await readNow();
    fireEvent.click(writeButton());
    await screen.findByText(/har ändrats sedan den lästes in och har nu 2 fel/);
    expect(mockPlanWrite).not.toHaveBeenCalled();
    expect(host.writePlan).not.toHaveBeenCalled();
    // The preview now shows the workbook as it is.
    expect(screen.getByRole("region", { name: "4 anmärkningar" })).toBeTruthy();
    expect(writeButton().getAttribute("aria-disabled")).toBe("true");
  });
});

describe("template", () => {
  it("inserts the planned template sheet and names it", async () => {
    const sheetPlan: SheetPlan = { sheetName: "Mall AT 2025", cells: [], columnWidths: [] };
    mockPlanTemplate.mockReturnValue(sheetPlan);
    const host = fakeHost();
    host.insertSheet.mockResolvedValue("Mall AT 2025 (2)");
    renderApp(host);
    fireEvent.click(screen.getByRole("button", { name: "Skapa mall" }));
    await screen.findByText(/Skapade bladet Mall AT 2025 \(2\)/);
    expect(mockPlanTemplate).toHaveBeenCalledWith(getRuleSet(2025), "sv");
    expect(host.insertSheet).toHaveBeenCalledWith(sheetPlan);
  });

  it("says why a template could not be created", async () => {
    mockPlanTemplate.mockReturnValue({ sheetName: "Mall", cells: [], columnWidths: [] });
    const host = fakeHost();
    host.insertSheet.mockRejectedValue(new Error("The workbook is protected"));
    renderApp(host);
    fireEvent.click(screen.getByRole("button", { name: "Skapa mall" }));
    await screen.findByText("Kunde inte skapa mallen: The workbook is protected");
  });
});

describe("language", () => {
  it("speaks Swedish by default and English when lang is en", async () => {
    mockRead.mockReturnValue(okOutcome());
    const { unmount } = renderApp(fakeHost());
    for (const name of ["Läs in", "Skriv till arbetsboken", "Skapa mall", "Läs in regelfil…"]) {
      expect(screen.getByRole("button", { name })).toBeTruthy();
    }
    expect(screen.getByRole("heading", { name: "Tolkningar" })).toBeTruthy();
    expect(screen.getByText(/Avrundning till hela kronor/)).toBeTruthy();
    unmount();

    mockPlanWrite.mockReturnValue(plan());
    const host = fakeHost();
    renderApp(host, { lang: "en" });
    for (const name of ["Read", "Write to the workbook", "Create template", "Load rule file…"]) {
      expect(screen.getByRole("button", { name })).toBeTruthy();
    }
    expect(screen.getByRole("heading", { name: "Interpretations" })).toBeTruthy();
    expect(screen.getByText(/Rounding to whole kronor/)).toBeTruthy();
    expect(screen.getByTestId("ruleset-info").textContent).toContain(getRuleSet(2025)!.title.en);
    expect(screen.queryByText(/Läs in/)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Read" }));
    await screen.findByText("Read 2 regions from Blad1!A1:D3.");
    fireEvent.click(screen.getByRole("button", { name: "Write to the workbook" }));
    await screen.findByText("Wrote 2 rows and the sheet AT-fördelning 2024.");
    expect(mockPlanWrite.mock.lastCall?.[0].lang).toBe("en");
    expect(mockPlanWrite.mock.lastCall?.[0].sourceName).toBe("this workbook");
  });
});
