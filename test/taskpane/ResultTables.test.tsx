/** @jest-environment jsdom */
import "./setup";
import { render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { allocate } from "../../src/domain/engine";
import { parseRuleSet } from "../../src/domain/parseRuleSet";
import { PREVIEW_ROWS, RegionTable } from "../../src/taskpane/ResultTables";
import { strings } from "../../src/taskpane/i18n";

function bigResult(n: number) {
  const regions = Array.from({ length: n }, (_, i) => ({
    code: `R${String(i + 1).padStart(4, "0")}`,
    name: `Region ${i + 1}`,
    aliases: [],
  }));
  const rs = parseRuleSet({
    format: 1,
    year: 2090,
    title: { sv: "Stor", en: "Big" },
    reference: "T",
    sources: ["t"],
    budget: 1000000,
    regions,
    inputs: { at: { required: true } },
    blocks: [
      {
        id: "block1",
        name: { sv: "Block 1", en: "Block 1" },
        budget: 1000000,
        eligible: [{ reported: "at" }],
        split: { kind: "equal" },
      },
    ],
  });
  return allocate(
    rs,
    regions.map((r) => ({ code: r.code, at: 1 })),
  );
}

test("the preview draws at most PREVIEW_ROWS regions, says so, and sums them all", () => {
  const result = bigResult(PREVIEW_ROWS + 50);
  render(
    <FluentProvider theme={webLightTheme}>
      <RegionTable result={result} lang="sv" t={strings("sv")} />
    </FluentProvider>,
  );
  const table = screen.getByRole("table");
  const bodyRows = within(table).getAllByRole("row").slice(1, -1);
  expect(bodyRows).toHaveLength(PREVIEW_ROWS);
  expect(
    screen.getByText(`Visar de första ${PREVIEW_ROWS} av ${PREVIEW_ROWS + 50} regioner`, {
      exact: false,
    }),
  ).toBeTruthy();
  const sumRow = within(table).getAllByRole("row").at(-1)!;
  expect(sumRow.textContent).toContain("1\u00a0000\u00a0000");
});

test("a table of 21 regions is drawn whole, without the note", () => {
  const result = bigResult(21);
  render(
    <FluentProvider theme={webLightTheme}>
      <RegionTable result={result} lang="en" t={strings("en")} />
    </FluentProvider>,
  );
  expect(within(screen.getByRole("table")).getAllByRole("row")).toHaveLength(23);
  expect(screen.queryByText(/Showing the first/)).toBeNull();
});
