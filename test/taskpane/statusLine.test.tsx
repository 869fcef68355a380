/** @jest-environment jsdom */
/**
 * The status line and the pane's own words, on a stubbed pipeline: warnings that move money
 * stated before anyone writes, a host's explanation in place of the reader's, the bold lead-ins'
 * punctuation, and Diagnostik's panel.
 */
import "./setup";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { readAndAllocate, type ReadOutcome } from "../../src/app/pipeline";
import type { DiagnosticsReport } from "../../src/excel/diagnostics";
import { planWrite } from "../../src/workbook/planWrite";
import type { Issue, WritePlan } from "../../src/workbook/types";
import { App } from "../../src/taskpane/App";
import { fakeHost, issue, smallRead, smallResult } from "./helpers";

jest.mock("../../src/app/pipeline", () => ({ readAndAllocate: jest.fn() }));
jest.mock("../../src/workbook/planWrite", () => ({ planWrite: jest.fn() }));

const mockRead = jest.mocked(readAndAllocate);
const mockPlanWrite = jest.mocked(planWrite);
const status = () => screen.getByTestId("status");

function outcome(issues: Issue[], hasErrors = false): ReadOutcome {
  return { read: smallRead(), result: hasErrors ? null : smallResult(), issues, hasErrors };
}

async function readNow() {
  fireEvent.click(screen.getByRole("button", { name: "Läs in" }));
  await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
}

const halland: Issue = {
  ...issue("warning", "D14", "Halland deltar inte i block 1 och 2: AT 2024 saknas i D14"),
  region: "Halland",
  affectsAmounts: true,
};

beforeEach(() => {
  mockRead.mockReset();
  mockPlanWrite.mockReset();
});

describe("warnings that move money", () => {
  it("are stated in the status line, each going to its cell, before anyone writes", async () => {
    mockRead.mockReturnValue(
      outcome([
        issue("notice", "D5", "84–89 läst som 86,5"),
        issue("warning", "B9", "rutin"),
        halland,
      ]),
    );
    const host = fakeHost();
    render(<App host={host} lang="sv" />);
    await readNow();
    const line = within(status()).getByTestId("affects-amounts");
    expect(status().textContent).toContain("Påverkar beloppen:");
    expect(line.textContent).toBe(
      "Blad1!D14 (Halland): Halland deltar inte i block 1 och 2: AT 2024 saknas i D14",
    );
    // Only the money-moving one: routine warnings and notices stay in the list below.
    expect(status().textContent).not.toContain("rutin");
    expect(status().textContent).not.toContain("86,5");
    fireEvent.click(within(line).getByRole("button"));
    await waitFor(() => expect(host.selectCell).toHaveBeenCalledWith("Blad1", "D14"));
    // Writing is still possible: a warning, not an error.
    expect(
      screen.getByRole("button", { name: "Skriv till arbetsboken" }).getAttribute("aria-disabled"),
    ).toBeNull();
  });

  it("several are counted", async () => {
    mockRead.mockReturnValue(outcome([halland, { ...halland, cell: "D15", region: "Skåne" }]));
    render(<App host={fakeHost()} lang="en" />);
    fireEvent.click(screen.getByRole("button", { name: "Read" }));
    await waitFor(() => expect(status().textContent).toContain("2 remarks affect the amounts:"));
  });

  it("no line where none moves money", async () => {
    mockRead.mockReturnValue(outcome([issue("warning", "B9", "rutin")]));
    render(<App host={fakeHost()} lang="sv" />);
    await readNow();
    expect(screen.queryByTestId("affects-amounts")).toBeNull();
  });
});

describe("the host's word on an issue", () => {
  it("replaces the reader's message where the host gives one", async () => {
    mockRead.mockReturnValue(
      outcome(
        [issue("error", "D13", "#NAME? är ett felvärde"), issue("error", "C8", "annat")],
        true,
      ),
    );
    render(
      <App
        host={fakeHost()}
        lang="sv"
        explainIssue={(i) =>
          i.cell === "D13" ? { sv: "formler räknas inte ut här", en: "not calculated here" } : null
        }
      />,
    );
    await readNow();
    const list = screen.getByRole("region", { name: /anmärkning/ });
    expect(list.textContent).toContain("Blad1!D13: formler räknas inte ut här");
    expect(list.textContent).not.toContain("#NAME?");
    expect(list.textContent).toContain("Blad1!C8: annat");
  });
});

describe("bold lead-ins", () => {
  it("end with their punctuation before the sentence runs on", async () => {
    mockRead.mockReturnValue(outcome([]));
    const plan = { conflicts: [{ sheet: "Blad1", cell: "E6" }] } as unknown as WritePlan;
    mockPlanWrite.mockReturnValue(plan);
    render(<App host={fakeHost()} lang="sv" />);
    await readNow();
    fireEvent.click(screen.getByRole("button", { name: "Skriv till arbetsboken" }));
    await waitFor(() => expect(status().textContent).toContain("Inget skrevs."));
    expect(status().textContent).toMatch(/Inget skrevs\. Cellen Blad1!E6/);
  });
});

function report(failed: boolean): DiagnosticsReport {
  return {
    startedAt: "2026-01-02T03:04:05.000Z",
    environment: {
      host: "Excel",
      platform: "PC",
      version: "16.0.1",
      addinVersion: "0.1.0",
      excelApi: ["1.1", "1.9"],
    },
    checks: [
      { id: "sheet.add", label: { sv: "Lägga till ett blad", en: "Add a sheet" }, ok: true },
      {
        id: "chart",
        label: { sv: "Stapeldiagram", en: "Bar chart" },
        ok: !failed,
        ...(failed ? { detail: "ApiNotFound: charts" } : {}),
      },
    ],
    passed: failed ? 1 : 2,
    failed: failed ? 1 : 0,
  };
}

describe("Diagnostik", () => {
  it("is left out where the host cannot run it", () => {
    render(<App host={fakeHost()} lang="sv" />);
    expect(screen.queryByTestId("diagnostics")).toBeNull();
  });

  it("runs, lists each check, names what failed, and copies the report", async () => {
    const diagnose = jest.fn(async () => report(true));
    const writeText = jest.fn(async () => {});
    Object.assign(navigator, { clipboard: { writeText } });
    render(<App host={fakeHost()} lang="sv" diagnose={diagnose} />);
    fireEvent.click(screen.getByRole("button", { name: "Kör diagnostik" }));
    await screen.findByText("1 av 2 kontroller misslyckades.");
    const section = screen.getByTestId("diagnostics");
    const chart = section.querySelector('[data-check="chart"]')!;
    expect(chart.textContent).toBe("FELStapeldiagram — ApiNotFound: charts");
    const text = (screen.getByTestId("diagnostics-report") as HTMLTextAreaElement).value;
    expect(text).toContain("Office: Excel, PC, 16.0.1");
    expect(text).toContain("FEL chart – Stapeldiagram (ApiNotFound: charts)");
    fireEvent.click(screen.getByRole("button", { name: "Kopiera rapporten" }));
    await screen.findByText("Kopierad.");
    expect(writeText).toHaveBeenCalledWith(text);
  });

  it("says all passed", async () => {
    render(<App host={fakeHost()} lang="en" diagnose={async () => report(false)} />);
    fireEvent.click(screen.getByRole("button", { name: "Run diagnostics" }));
    await screen.findByText("All 2 checks passed (2 of 2).");
  });
});
