/**
 * The decision annex as planned (annexSheet.ts): its content top to bottom, its page layout,
 * and whose sheet it may replace.
 */
import { readAndAllocate } from "../../src/app/pipeline";
import { getRuleSet } from "../../src/domain/rules";
import type { RuleSet } from "../../src/domain/ruleSet";
import { parseA1, rangeA1 } from "../../src/workbook/a1";
import { annexTitle, isAnnexTitle, wrapWords } from "../../src/workbook/annexSheet";
import { planWrite } from "../../src/workbook/planWrite";
import type { AnnexPlan, PlannedCell, WorkbookGrid, WritePlan } from "../../src/workbook/types";
import { book, HEADER_2024, ROWS_2024, table } from "./grids";
import { executeOnGrid } from "./planFixtures";

const R2024 = getRuleSet(2024) as RuleSet;
const NOW = new Date("2026-12-01T20:14:00+01:00");

function plan(grid: WorkbookGrid = book(table(HEADER_2024, ROWS_2024)), lang: "sv" | "en" = "sv") {
  const outcome = readAndAllocate(grid, R2024, {});
  return {
    outcome,
    plan: planWrite({
      workbook: grid,
      read: outcome.read!,
      result: outcome.result!,
      issues: outcome.issues,
      lang,
      now: NOW,
      sourceName: "regioner.xlsx",
      ruleSet: R2024,
    }),
  };
}

const texts = (a: AnnexPlan): string[] =>
  a.cells.flat().flatMap((c) => (typeof c.value === "string" ? [c.value] : []));
const rowOf = (a: AnnexPlan, first: string): PlannedCell[] => {
  const row = a.cells.find((r) => r[0]?.value === first);
  if (!row) throw new Error(`no row ${first}`);
  return row;
};

test("the annex holds title, reference, the per-region table with totals, the block checks, the rules in words and the fingerprints", () => {
  const { plan: p, outcome } = plan();
  const a = p.annex!;
  const result = outcome.result!;
  expect(a.sheetName).toBe("Beslutsbilaga");
  expect(a.cells[0][0]).toMatchObject({ value: "Beslutsbilaga – AT-fördelning 2024", bold: true });
  expect(rowOf(a, "Diarienummer")[1].value).toBe("S2024/00586");
  expect(rowOf(a, "Beräknad")[1].value).toBe("1 december 2026 kl. 20.14");
  // The table: its header, one row per region in order, the sum row with SUM formulas.
  const header = a.cells.findIndex((r) => r[0]?.value === "Länskod");
  expect(a.cells[header].map((c) => c.value)).toEqual([
    "Länskod",
    "Region",
    "Block 1 – Redovisa antal AT",
    "Block 2 – Ytterligare utökning",
    "Summa",
  ]);
  result.regions.forEach((r, i) => {
    const row = a.cells[header + 1 + i];
    expect(row.map((c) => c.value)).toEqual([
      r.code,
      r.region,
      r.blocks.block1,
      r.blocks.block2,
      r.total,
    ]);
    expect(row[4].numberFormat).toBe('#,##0 "kr"');
  });
  const sum = a.cells[header + 22];
  expect(sum[0].value).toBe("Summa");
  expect(sum[4]).toMatchObject({
    formula: `=SUM(${rangeA1(header + 1, 4, header + 21, 4)})`,
    value: result.budget,
  });
  // The block checks: OK as computed, formulas over the annex's own cells.
  const block1 = rowOf(a, "Block 1 – Redovisa antal AT");
  expect(block1.slice(1, 5).map((c) => c.value)).toEqual([
    result.blocks[0].budget,
    result.blocks[0].distributed,
    result.blocks[0].undistributed,
    result.blocks[0].roundingDifference,
  ]);
  expect(block1[5].value).toBe("OK");
  expect(block1[5].formula).toContain(`SUM(${rangeA1(header + 1, 2, header + 21, 2)})`);
  const total = a.cells.filter((r) => r[0]?.value === "Summa")[1];
  expect(total[5].value).toBe("OK");
  // The rules and the interpretations in words, not key | value.
  // (Long texts are cut into lines that fit the page: read them joined.)
  const prose = texts(a).join(" ");
  expect(prose).toContain(result.blocks[1].explanation.sv);
  for (const i of result.interpretations) {
    expect(prose).toContain(`${i.description.sv} (`);
    expect(texts(a)).not.toContain(i.key);
  }
  const prov = p.ownership.provenance!;
  expect(rowOf(a, "Regelverket")[1].value).toBe(prov.ruleSet.fingerprint);
  expect(rowOf(a, "Indata")[1].value).toBe(prov.inputs.fingerprint);
  expect(rowOf(a, "Skrivna belopp")[1].value).toBe(prov.written.fingerprint);
  // No header of a kronor column says (kr); no text is taken for a formula.
  expect(texts(a).filter((x) => x.endsWith("(kr)"))).toEqual([]);
  // FEL in red where a check fails.
  expect(a.conditionalFormats).toEqual([
    { range: expect.stringMatching(/^F\d+:F\d+$/), equals: "FEL", fontColor: "#C00000" },
  ]);
  const cf = a.conditionalFormats![0].range.split(":").map(parseA1);
  expect(a.cells[cf[0].row][5].value).toBe("OK");
  expect(a.cells[cf[1].row][5].value).toBe("OK");
});

test("no text runs past the printed width: long ones are cut into lines at spaces", () => {
  const a = plan().plan.annex!;
  const total = a.columnWidths.reduce((x, y) => x + y, 0);
  a.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (typeof cell.value !== "string") return;
      // The last text of its row overflows to the right: it must end within the last column.
      const last = row.every((other, j) => j <= c || other.value === null);
      const room = last ? total - a.columnWidths.slice(0, c).reduce((x, y) => x + y, 0) : 64;
      expect({ r, c, fits: cell.value.length <= Math.max(room, 64) }).toEqual({ r, c, fits: true });
    }),
  );
  expect(wrapWords("ett två tre fyra", 7)).toEqual(["ett två", "tre", "fyra"]);
  expect(wrapWords("", 7)).toEqual([""]);
});

test("its page layout: A4 portrait for two blocks, the table's header row repeated, one page wide, the reference in the header, page numbers in the footer", () => {
  const a = plan().plan.annex!;
  const header = a.cells.findIndex((r) => r[0]?.value === "Länskod");
  expect(a.pageLayout).toEqual({
    paperSize: "A4",
    orientation: "portrait",
    titleRows: { first: header, last: header },
    fitToPagesWide: 1,
    fitToPagesTall: 0,
    centerHeader: "AT-fördelning 2024 – Diarienummer S2024/00586",
    centerFooter: "Sida &P av &N",
  });
  const en = plan(undefined, "en").plan.annex!;
  expect(en.sheetName).toBe("Decision annex");
  expect(en.pageLayout.centerFooter).toBe("Page &P of &N");
  expect(en.cells[0][0].value).toBe("Decision annex – AT allocation 2024");
});

test("more than three block columns print landscape; an & in the reference is Excel's &&", () => {
  const { plan: p, outcome } = plan();
  const result = outcome.result!;
  const four = {
    ...result,
    blocks: [...result.blocks, ...result.blocks.map((b) => ({ ...b, id: `${b.id}x` }))],
  };
  const again = planWrite({
    workbook: book(table(HEADER_2024, ROWS_2024)),
    read: outcome.read!,
    result: { ...four, reference: "A & B 2024/1" },
    issues: [],
    lang: "sv",
    now: NOW,
    sourceName: "x",
  });
  expect(p.annex!.pageLayout.orientation).toBe("portrait");
  expect(again.annex!.pageLayout.orientation).toBe("landscape");
  expect(again.annex!.pageLayout.centerHeader).toBe("AT-fördelning 2024 – Beslut A && B 2024/1");
});

describe("whose sheet it replaces", () => {
  const withSheet = (
    values: (string | null)[][],
    owned: Partial<WritePlan["ownership"]> | null,
  ) => {
    const grid = book(table(HEADER_2024, ROWS_2024));
    grid.sheets.push({ name: "Beslutsbilaga", top: 0, left: 0, values, tables: [] });
    if (owned) grid.owned = { ...plan().plan.ownership, ...owned };
    return grid;
  };

  test("a sheet of the user's with that name: the write is refused, naming it", () => {
    const p = plan(withSheet([["Mina anteckningar"]], null)).plan;
    expect(p.conflicts).toEqual([{ sheet: "Beslutsbilaga", cell: "A1" }]);
    expect(p.annex).toBeUndefined();
  });

  test("named by the record but holding another text in A1: the user's now, refused", () => {
    const p = plan(withSheet([["Mina anteckningar"]], { annexSheet: "Beslutsbilaga" })).plan;
    expect(p.conflicts).toEqual([{ sheet: "Beslutsbilaga", cell: "A1" }]);
  });

  test("an annex of ours from an earlier run (another year too) is replaced", () => {
    const p = plan(withSheet([[annexTitle(2022, "en")]], { annexSheet: "Beslutsbilaga" })).plan;
    expect(p.conflicts).toEqual([]);
    expect(p.annex!.replaces).toBe(true);
    expect(p.ownership.annexSheet).toBe("Beslutsbilaga");
  });

  test("named by the record, its cells not read (the add-in reads the active sheet): replaced, the host checks A1", () => {
    const p = plan(withSheet([], { annexSheet: "Beslutsbilaga" })).plan;
    expect(p.conflicts).toEqual([]);
    expect(p.annex!.replaces).toBe(true);
  });

  test("not named by the record and unread: refused, since it may be anyone's", () => {
    const p = plan(withSheet([], null)).plan;
    expect(p.conflicts).toEqual([{ sheet: "Beslutsbilaga", cell: "A1" }]);
  });

  test("the annex is never read as the region table: with the table gone, it is no table, not the annex", () => {
    const first = plan();
    const grid = executeOnGrid(book(table(HEADER_2024, ROWS_2024)), first.plan);
    // The table deleted since the run; the annex is active: no table, rather than the annex.
    grid.sheets[0].values = [];
    grid.sheets.push({
      name: "Beslutsbilaga",
      top: 0,
      left: 0,
      values: first.plan.annex!.cells.map((r) => r.map((c) => c.value)),
      tables: [],
    });
    grid.activeSheet = "Beslutsbilaga";
    const outcome = readAndAllocate(grid, R2024, {});
    expect(outcome.result).toBeNull();
    expect(outcome.issues.map((i) => i.code)).toContain("table.notFound");
  });

  test("isAnnexTitle: ours in either language and any year, nothing else", () => {
    expect(isAnnexTitle("Beslutsbilaga – AT-fördelning 2025")).toBe(true);
    expect(isAnnexTitle("Decision annex – AT allocation 2024")).toBe(true);
    expect(isAnnexTitle("Beslutsbilaga")).toBe(false);
    expect(isAnnexTitle(null)).toBe(false);
  });
});
