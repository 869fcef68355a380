/**
 * The baseline read back from a written workbook, the comparison against it, and the
 * comparison and marginal sheets inserted into the fake Excel.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readAndAllocate } from "../../src/app/pipeline";
import { getRuleSet } from "../../src/domain/rules";
import { compareAllocations } from "../../src/domain/whatif/compare";
import { goalSeek, marginalTable, RegionVariations } from "../../src/domain/whatif/marginal";
import { createExcelHost } from "../../src/excel/excelHost";
import { createFakeExcel, type FakeInitValue } from "../../src/excel/fake";
import { planComparisonSheet } from "../../src/workbook/planComparison";
import { planMarginalSheet } from "../../src/workbook/planMarginal";
import { planWrite } from "../../src/workbook/planWrite";
import { readWrittenAllocation } from "../../src/workbook/readWritten";

const CASE = "/work/shared/cases/2024-all-regions";
const ruleSet = getRuleSet(2024)!;
const rows: FakeInitValue[][] = readFileSync(join(CASE, "input.csv"), "utf8")
  .replace(/^\uFEFF/, "")
  .trim()
  .split(/\r?\n/)
  .map((line) => line.split(";").map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell)));
const HALLAND_ROW = rows.findIndex((r) => r[0] === "Halland") + 1;

async function written(lang: "sv" | "en" = "sv") {
  const fake = createFakeExcel({ sheets: [{ name: "Blad1", values: rows }] });
  const host = createExcelHost(fake.run);
  const grid = await host.readWorkbook();
  const outcome = readAndAllocate(grid, ruleSet, {});
  await host.writePlan(
    planWrite({
      workbook: grid,
      read: outcome.read!,
      result: outcome.result!,
      issues: outcome.issues,
      lang,
      now: new Date("2025-03-14T10:22:05+01:00"),
      sourceName: "regioner.xlsx",
    }),
  );
  return { fake, host, first: outcome.result! };
}

describe("the last written allocation as the baseline", () => {
  test("read back exactly, then compared with the edited inputs' allocation", async () => {
    const { fake, host, first } = await written();
    fake.setValues("Blad1", `C${HALLAND_ROW}`, [[66]]);
    const grid = await host.readWorkbook();
    const now = readAndAllocate(grid, ruleSet, {});
    const base = readWrittenAllocation(grid, now.read!, now.result!, ruleSet);
    if (!base.ok) throw new Error(JSON.stringify(base.issues));
    // Exactly what was written: the first run's figures and ladder steps.
    for (const r of first.regions) {
      const b = base.allocation.regions.find((x) => x.code === r.code)!;
      expect(b.blocks).toEqual(r.blocks);
      expect(b.total).toBe(r.total);
      expect(b.steps).toEqual(r.steps);
    }
    const c = compareAllocations(base.allocation, now.result!);
    const halland = c.regions.find((r) => r.region === "Halland")!;
    const before = first.regions.find((r) => r.region === "Halland")!;
    const after = now.result!.regions.find((r) => r.region === "Halland")!;
    expect(halland.diff).toBe(after.total - before.total);
    expect(halland.diff).toBeGreaterThan(0);
    expect(halland.steps).toEqual([
      { block: "block2", before: before.steps.block2, after: after.steps.block2 },
    ]);
    // The budget is shared: what Halland gains, the others lose, to the krona.
    expect(c.losers.reduce((s, r) => s + r.diff, 0)).toBe(-halland.diff);
    expect(c.summary.sv).toMatch(
      /^Halland \+[\d\u00a0]+\u00a0kr, 20 regioner \u2212[\d\u00a0]+\u00a0kr sammanlagt; block 2 trappsteg \d+ \u2192 \d+$/,
    );
  });

  test("written in English: read back the same", async () => {
    const { host } = await written("en");
    const grid = await host.readWorkbook();
    const now = readAndAllocate(grid, ruleSet, {});
    const base = readWrittenAllocation(grid, now.read!, now.result!, ruleSet);
    expect(base.ok).toBe(true);
  });

  test("a written amount edited by hand: refused, naming the cell", async () => {
    const { fake, host } = await written();
    const grid0 = await host.readWorkbook();
    const col = grid0.owned!.columnsRange.split(":")[0].replace(/\d+/, "");
    fake.setValues("Blad1", `${col}${HALLAND_ROW}`, [[123]]);
    const grid = await host.readWorkbook();
    const now = readAndAllocate(grid, ruleSet, {});
    const base = readWrittenAllocation(grid, now.read!, now.result!, ruleSet);
    expect(base.ok).toBe(false);
    if (!base.ok) {
      expect(base.issues[0]).toMatchObject({ code: "baseline.sum", sheet: "Blad1" });
      expect(base.issues[0].message.sv).toContain("summan");
    }
    fake.setValues("Blad1", `${col}${HALLAND_ROW}`, [["x"]]);
    const grid2 = await host.readWorkbook();
    const now2 = readAndAllocate(grid2, ruleSet, {});
    const base2 = readWrittenAllocation(grid2, now2.read!, now2.result!, ruleSet);
    expect(!base2.ok && base2.issues[0]).toMatchObject({
      code: "baseline.cell",
      cell: `${col}${HALLAND_ROW}`,
    });
  });

  test("nothing written: refused", () => {
    const grid = createFakeExcel({ sheets: [{ name: "Blad1", values: rows }] }).toGrid();
    const now = readAndAllocate(grid, ruleSet, {});
    const base = readWrittenAllocation(grid, now.read!, now.result!, ruleSet);
    expect(!base.ok && base.issues[0].code).toBe("baseline.none");
  });
});

describe("the comparison and marginal sheets", () => {
  test("the comparison sheet: texts as texts, amounts exact, inserted as a new sheet", async () => {
    const { fake, host, first } = await written();
    fake.setValues("Blad1", `C${HALLAND_ROW}`, [[66]]);
    const now = readAndAllocate(await host.readWorkbook(), ruleSet, {}).result!;
    const c = compareAllocations(first, now);
    const plan = planComparisonSheet({
      comparison: c,
      lang: "sv",
      before: "Senast skriven",
      after: "Nu",
    });
    const name = await host.insertSheet(plan);
    expect(name).toBe("Jämförelse 2024");
    const grid = fake.toGrid().sheets.find((s) => s.name === name)!;
    const line = grid.values.find((r) => r[1] === "Halland")!;
    const h = c.regions.find((r) => r.region === "Halland")!;
    expect(line.slice(0, 5)).toEqual(["13", "Halland", h.before, h.after, h.diff]);
    expect(fake.getCell(name, "A8")?.numberFormat).toBe("@"); // "01" stays a text
    expect(grid.values.some((r) => r[1] === "Summa" && r[4] === 0)).toBe(true);
    expect(grid.values[4][1]).toBe(c.summary.sv);
  });

  test("the marginal sheet with its chart", async () => {
    const { fake, host } = await written();
    const outcome = readAndAllocate(await host.readWorkbook(), ruleSet, {});
    const v = new RegionVariations(ruleSet, outcome.read!.inputs, "13", {}, outcome.result!);
    const table = marginalTable(ruleSet, outcome.read!.inputs, "13", {}, v);
    const plan = planMarginalSheet({
      table,
      year: 2024,
      blocks: outcome.result!.blocks,
      lang: "sv",
      goal: goalSeek(v, 30_000_000),
    });
    const name = await host.insertSheet(plan);
    expect(name).toBe("Marginal Halland 2024");
    const sheet = fake.getSheet(name)!;
    expect(sheet.charts).toHaveLength(1);
    const values = fake.toGrid().sheets.find((s) => s.name === name)!.values;
    const zero = values.find((r) => r[0] === 0 && r[1] === 63)!;
    expect(zero[4]).toBe(outcome.result!.regions.find((r) => r.code === "13")!.total);
    expect(String(values[1][0])).toMatch(/^nästa steg \(block 2\) kräver \d+ AT till/);
    expect(values.filter((r) => typeof r[0] === "number")).toHaveLength(26);
  });
});
