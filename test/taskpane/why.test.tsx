/** @jest-environment jsdom */
/**
 * "Varför?" in the preview: each region opens its trace per block — the engine's own words —
 * with the block's amount, and closes again; a native button, so the keyboard reaches it.
 */
import "./setup";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { traceLines } from "../../src/taskpane/ResultTables";
import { caseExpected, caseGrid, fakeHost } from "./helpers";

async function readCase(lang: "sv" | "en") {
  const host = fakeHost(caseGrid("2024-all-regions"));
  render(<App host={host} lang={lang} sourceName="regioner.xlsx" />);
  fireEvent.change(
    screen.getByRole("combobox", { name: lang === "sv" ? /Bidragsår/ : /Grant year/ }),
    {
      target: { value: "shipped:2024" },
    },
  );
  fireEvent.click(screen.getByRole("button", { name: lang === "sv" ? "Läs in" : "Read" }));
  await screen.findByText(lang === "sv" ? /Läste 21 regioner/ : /Read 21 regions/);
}

test("traceLines cuts a trace at its semicolons", () => {
  expect(traceLines("a 1; b 2;  summa 3")).toEqual(["a 1", "b 2", "summa 3"]);
  expect(traceLines("")).toEqual([]);
});

test("Varför? opens Halland's trace per block in Swedish, and closes it", async () => {
  await readCase("sv");
  const halland = caseExpected("2024-all-regions").regions.find((r) => r.region === "Halland")!;
  const button = screen.getByRole("button", { name: "Varför? Beloppen för Halland" });
  expect(button.tagName).toBe("BUTTON");
  expect(button.getAttribute("type")).toBe("button");
  expect(button.getAttribute("aria-expanded")).toBe("false");
  button.focus();
  expect(document.activeElement).toBe(button);
  fireEvent.click(button);
  expect(button.getAttribute("aria-expanded")).toBe("true");
  const why = screen.getByTestId("why");
  expect(button.getAttribute("aria-controls")).toBe(why.id);
  const kr = (n: number) => n.toLocaleString("sv-SE").replace(/\s/g, "\u00a0");
  expect(why.textContent).toContain(`Halland får ${kr(halland.total)} kr:`);
  const block2 = why.querySelector('[data-block="block2"]')!;
  expect(block2.textContent).toContain(
    `Block 2 – Ytterligare utökning: ${kr(halland.blocks.block2)} kr`,
  );
  // The ladder in words: 63 AT against 56 planned is 7 more, step 7.
  const lines = within(block2 as HTMLElement)
    .getAllByRole("listitem")
    .map((li) => (li.textContent ?? "").replace(/\s/g, " "));
  expect(lines[0]).toMatch(/^AT 63 − planerat 56 = utökning 7 → steg 7 → /);
  expect(lines.at(-1)).toBe(`summa ${kr(halland.blocks.block2).replace(/\s/g, " ")} kr`);
  expect(why.querySelector('[data-block="block1"]')!.textContent).toContain("per 100 000 invånare");
  // Only Halland's is open; the table's region rows are still 21 and a sum row.
  expect(screen.getAllByTestId("why")).toHaveLength(1);
  fireEvent.click(button);
  expect(screen.queryByTestId("why")).toBeNull();
  expect(button.getAttribute("aria-expanded")).toBe("false");
});

test("Why? reads in English", async () => {
  await readCase("en");
  fireEvent.click(screen.getByRole("button", { name: "Why? The amounts for Halland" }));
  const why = screen.getByTestId("why");
  expect(why.textContent).toMatch(/Halland receives [\d,]+ kr:/);
  expect(why.textContent).toContain("AT 63 − planned 56 = expansion 7 → step 7");
});
