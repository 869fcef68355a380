/** @jest-environment jsdom */
/**
 * Kontrollera and the confirm step before a write replaces hand edits, through the real
 * Office.js adapter on the fake Excel and the real pipeline: read → write → edit → verify.
 */
import "./setup";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createFakeExcel, type FakeExcel } from "../../src/excel/fake";
import { createExcelHost } from "../../src/excel/excelHost";
import { App } from "../../src/taskpane/App";
import { caseGrid } from "./helpers";

const NOW = new Date("2025-03-14T09:30:00");
const status = () => screen.getByTestId("status");
const click = (name: string) => fireEvent.click(screen.getByRole("button", { name }));

function paneOn(excel: FakeExcel) {
  const host = createExcelHost(excel.run, { settleMs: 0 });
  const spy = {
    ...host,
    writePlan: jest.fn(host.writePlan),
    readWorkbook: jest.fn(host.readWorkbook),
  };
  render(<App host={spy} lang="sv" now={() => NOW} sourceName="regioner.xlsx" />);
  fireEvent.change(screen.getByRole("combobox", { name: /Bidragsår/ }), {
    target: { value: "shipped:2024" },
  });
  return spy;
}

function excel2024() {
  const values = caseGrid("2024-all-regions").sheets[0].values;
  return createFakeExcel({ sheets: [{ name: "Blad1", values }], selection: "B3" });
}

async function readAndWrite() {
  click("Läs in");
  await screen.findByText(/Läste 21 regioner/);
  click("Skriv till arbetsboken");
  await screen.findByText("Skrev 21 rader och bladet AT-fördelning 2024.");
}

async function verifyNow() {
  click("Kontrollera");
  return screen.findByTestId("verify-result");
}

describe("Kontrollera", () => {
  it("says there is nothing to check in a workbook the add-in did not write", async () => {
    const excel = excel2024();
    paneOn(excel);
    const before = excel.snapshot();
    expect((await verifyNow()).textContent).toContain("inte skriven av AT-fördelning");
    expect(excel.snapshot()).toBe(before);
  });

  it("says all is well right after a write, and changes nothing", async () => {
    const excel = excel2024();
    paneOn(excel);
    await readAndWrite();
    const before = excel.snapshot();
    expect((await verifyNow()).textContent).toContain("Allt stämmer");
    expect(excel.snapshot()).toBe(before);
  });

  it("names a changed input and a hand edit by cell, was → now, grouped by kind", async () => {
    const excel = excel2024();
    paneOn(excel);
    await readAndWrite();
    const stockholm = excel.getValue("Blad1", "E2");
    expect(stockholm).toBe(1881999);
    excel.setValues("Blad1", "E2", [[1000]]); // a hand edit in the add-in's column
    excel.setValues("Blad1", "C3", [[77]]); // an input changed since the run
    const before = excel.snapshot();
    expect((await verifyNow()).textContent).toMatch(/saker stämmer inte/);
    const own = screen.getByTestId("verify-ownEdit");
    expect(own.textContent).toContain("Tilläggets celler ändrade för hand");
    expect(own.textContent).toContain("Blad1!E2");
    expect(own.textContent).toMatch(/1\s881\s999 → 1\s000/);
    expect(screen.getByTestId("verify-input").textContent).toContain("Blad1!C3");
    expect(screen.getByTestId("verify-amount").textContent).toContain("Blad1!E2");
    expect(excel.snapshot()).toBe(before);

    // A finding goes to its cell.
    fireEvent.click(within(own).getByRole("button", { name: /Blad1!E2/ }));
    await waitFor(() => expect(excel.selection()).toEqual({ sheet: "Blad1", address: "E2" }));
  });
});

describe("a write over hand edits", () => {
  it("lists them and writes nothing until the user says so", async () => {
    const excel = excel2024();
    const host = paneOn(excel);
    await readAndWrite();
    expect(host.writePlan).toHaveBeenCalledTimes(1);
    excel.setValues("Blad1", "E3", [[5]]);

    click("Skriv till arbetsboken");
    const list = await screen.findByTestId("hand-edits");
    expect(list.textContent).toContain("Blad1!E3");
    expect(status().textContent).toContain("Skrivningen ersätter den");
    expect(host.writePlan).toHaveBeenCalledTimes(1);

    click("Avbryt");
    await screen.findByText("Avbröt skrivningen. Arbetsboken är som den var.");
    expect(excel.getValue("Blad1", "E3")).toBe(5);
    expect(host.writePlan).toHaveBeenCalledTimes(1);

    click("Skriv till arbetsboken");
    await screen.findByTestId("hand-edits");
    click("Ersätt ändringarna");
    await screen.findByText("Skrev 21 rader och bladet AT-fördelning 2024.");
    expect(host.writePlan).toHaveBeenCalledTimes(2);
    expect(excel.getValue("Blad1", "E3")).not.toBe(5);
    expect((await verifyNow()).textContent).toContain("Allt stämmer");
  });

  it("asks again when another cell was edited after the confirm was asked", async () => {
    const excel = excel2024();
    const host = paneOn(excel);
    await readAndWrite();
    excel.setValues("Blad1", "E3", [[5]]);
    click("Skriv till arbetsboken");
    await screen.findByTestId("hand-edits");
    excel.setValues("Blad1", "E4", [[6]]);
    click("Ersätt ändringarna");
    await waitFor(() => expect(screen.getByTestId("hand-edits").textContent).toContain("E4"));
    expect(host.writePlan).toHaveBeenCalledTimes(1);
    expect(excel.getValue("Blad1", "E4")).toBe(6);
  });
});
