/** writePlan, insertSheet and selectCell against the fake Excel, with plans made by hand. */
import { HostConflictError } from "../../src/app/host";
import { createExcelHost } from "../../src/excel/excelHost";
import { ExcelHostError } from "../../src/excel/errors";
import { createFakeExcel } from "../../src/excel/fake";
import { charsToPoints } from "../../src/excel/writeSteps";
import { OWNERSHIP_SHEET } from "../../src/workbook/types";
import { handPlan, KR, regionSheet } from "./helpers";

const LIMIT = 5_000_000;

describe("writePlan on plain cells", () => {
  it.each([21, 5000])(
    "writes %i rows in one sync after one look, with formats, bold headers, summary, chart and record",
    async (n) => {
      const fake = createFakeExcel({ sheets: [regionSheet(n)] });
      const host = createExcelHost(fake.run);
      await host.readWorkbook();
      const plan = handPlan({ rows: n });
      const before = fake.syncCount;
      const progress: number[] = [];
      const report = await host.writePlan(plan, (f) => progress.push(f));

      expect(fake.syncCount - before).toBe(2);
      expect(report.syncs).toBe(2);
      expect(progress).toEqual([1]);
      const write = fake.syncs[fake.syncs.length - 1];
      expect(write.suspendedScreenUpdating).toBe(true);
      expect(write.suspendedCalculation).toBe(true);
      expect(write.requestBytes).toBeLessThan(LIMIT);

      // The columns beside the table: headers bold and text, amounts with the kr format.
      expect(fake.getValues("Blad1", "E1:F2")).toEqual([
        ["Block 1 (kr)", "Summa (kr)"],
        [1000, 1007],
      ]);
      expect(fake.getValue("Blad1", `F${n + 1}`)).toBe(1000 * n + 7);
      expect(fake.getCell("Blad1", "E1")).toMatchObject({ bold: true, numberFormat: "@" });
      expect(fake.getCell("Blad1", "E2")).toEqual({ value: 1000, numberFormat: KR });
      expect(fake.getSheet("Blad1")!.autofitColumns).toEqual(["E", "F"]);
      // The user's cells are untouched.
      expect(fake.getValues("Blad1", "A1:D2")).toEqual([
        ["Region", "Kod", "Folkmängd", "AT 2024"],
        ["Region 1", "01", 100000, 0],
      ]);

      const summary = fake.getSheet("AT-fördelning 2024")!;
      expect(summary.visibility).toBe("Visible");
      expect(fake.getValue("AT-fördelning 2024", "A1")).toBe(
        "AT-fördelning 2024 – sammanställning",
      );
      expect(fake.getCell("AT-fördelning 2024", "A1")?.bold).toBe(true);
      expect(fake.getValues("AT-fördelning 2024", "A4:B4")).toEqual([["Region 1", 1007]]);
      expect(summary.columnWidths).toEqual({ A: charsToPoints(30), B: charsToPoints(14) });
      expect(summary.charts).toHaveLength(1);
      expect(summary.charts[0]).toMatchObject({
        type: "BarClustered",
        title: "Summa per region 2024 (kr)",
        legendVisible: false,
        categoryAxisReversed: true,
        series: [{ name: "Summa (kr)", values: "B4:B6", xValues: "A4:A6" }],
        position: { start: "A9", end: "H30" },
      });

      expect(fake.getSheet(OWNERSHIP_SHEET)!.visibility).toBe("VeryHidden");
      expect(JSON.parse(fake.getValue(OWNERSHIP_SHEET, "A1") as string)).toEqual(plan.ownership);
      expect(report.cellsWritten).toBe((n + 1) * 2 + 1 + 6 * 2);
    },
  );

  it("writes a second time to the same cells, no more sheets, nothing else changed", async () => {
    const fake = createFakeExcel({ sheets: [regionSheet(21), { name: "Annat", values: [["x"]] }] });
    const host = createExcelHost(fake.run);
    const plan = handPlan({ rows: 21 });
    await host.readWorkbook();
    await host.writePlan(plan);
    const first = fake.snapshot();
    await host.readWorkbook();
    const before = fake.syncCount;
    await host.writePlan(plan);
    expect(fake.syncCount - before).toBe(2);
    expect(fake.snapshot()).toBe(first);
    expect(fake.sheetNames()).toEqual(["Blad1", "Annat", OWNERSHIP_SHEET, "AT-fördelning 2024"]);
  });

  it("clears what a previous run wrote and this one no longer covers", async () => {
    const fake = createFakeExcel({
      sheets: [regionSheet(3, { values: [...regionSheetValues(3), ["gammal", 5]] })],
    });
    fake.setValues("Blad1", "H1", [["Gammal (kr)"], [5], [6], [7]]);
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    await host.writePlan(handPlan({ rows: 3, clear: ["Blad1!H1:H4"] }));
    expect(fake.getValues("Blad1", "H1:H4")).toEqual([[null], [null], [null], [null]]);
    expect(fake.getValue("Blad1", "A5")).toBe("gammal");
  });

  it("writes texts a host could take for formulas, numbers or dates as the texts they are", async () => {
    const texts = ["=1+1", "+46 70 123 45 67", "-x", "@x", "01", "2025-03-14", "TRUE"];
    const fake = createFakeExcel({ sheets: [regionSheet(texts.length)] });
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    const plan = handPlan({
      rows: texts.length,
      // No numberFormat given: the adapter must make text text by itself.
      columns: {
        headers: [{ value: "=Rubrik" }],
        rows: texts.map((t) => [{ value: t }]),
      },
      summaryCells: [[{ value: "@sammanställning" }, { value: "+1" }]],
      chart: false,
    });
    await host.writePlan(plan);
    expect(fake.getValues("Blad1", `E1:E${texts.length + 1}`)).toEqual([
      ["=Rubrik"],
      ...texts.map((t) => [t]),
    ]);
    expect(fake.getValues("AT-fördelning 2024", "A1:B1")).toEqual([["@sammanställning", "+1"]]);
    expect(fake.getCell("Blad1", "E2")?.numberFormat).toBe("@");
  });

  it("refuses a plan with conflicts: throws, writes nothing, does not even call Excel", async () => {
    const fake = createFakeExcel({ sheets: [regionSheet(21)] });
    fake.setValues("Blad1", "F3", [["användarens"]]);
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    const before = fake.snapshot();
    const syncs = fake.syncCount;
    const plan = handPlan({ rows: 21, conflicts: [{ sheet: "Blad1", cell: "F3" }] });
    const err = await host.writePlan(plan).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostConflictError);
    expect((err as HostConflictError).cells).toEqual([{ sheet: "Blad1", cell: "F3" }]);
    expect(fake.syncCount).toBe(syncs);
    expect(fake.snapshot()).toBe(before);
  });

  it("refuses where a target cell got a value after the read, after the look only", async () => {
    const fake = createFakeExcel({ sheets: [regionSheet(21)] });
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    fake.setValues("Blad1", "F7", [["skrivet sedan"]]);
    const before = fake.snapshot();
    const syncs = fake.syncCount;
    const err = await host.writePlan(handPlan({ rows: 21 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostConflictError);
    expect((err as HostConflictError).cells).toEqual([{ sheet: "Blad1", cell: "F7" }]);
    expect(fake.syncCount - syncs).toBe(1);
    expect(fake.snapshot()).toBe(before);
  });

  it("replaces a summary sheet of the same name (ours, by the plan)", async () => {
    const fake = createFakeExcel({
      sheets: [regionSheet(3), { name: "AT-fördelning 2024", values: [["gammal"], ["rest"]] }],
    });
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    await host.writePlan(handPlan({ rows: 3 }));
    expect(fake.sheetNames().filter((n) => n.startsWith("AT-fördelning"))).toEqual([
      "AT-fördelning 2024",
    ]);
    expect(fake.getValue("AT-fördelning 2024", "A2")).toBeNull();
  });
});

function regionSheetValues(n: number) {
  return regionSheet(n).values!;
}

describe("writePlan into an Excel table", () => {
  const tableFake = (n: number, extra: { totals?: boolean } = {}) =>
    createFakeExcel({
      sheets: [
        regionSheet(n, {
          values: extra.totals
            ? [...regionSheetValues(n), ["Summa", null, null, 1]]
            : regionSheetValues(n),
          tables: [
            {
              name: "Regioner",
              range: `A1:D${n + 1 + (extra.totals ? 1 : 0)}`,
              showTotals: extra.totals,
            },
          ],
        }),
      ],
    });

  it("adds the columns to the table, then writes over them on a re-run", async () => {
    const fake = tableFake(21);
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    const plan = handPlan({ rows: 21, table: "Regioner" });
    await host.writePlan(plan);
    expect(fake.getTable("Regioner")).toMatchObject({
      range: "A1:F22",
      columns: ["Region", "Kod", "Folkmängd", "AT 2024", "Block 1 (kr)", "Summa (kr)"],
    });
    expect(fake.getValues("Blad1", "E22:F22")).toEqual([[21000, 21007]]);
    const first = fake.snapshot();

    await host.readWorkbook();
    const before = fake.syncCount;
    await host.writePlan(plan);
    expect(fake.syncCount - before).toBe(2);
    expect(fake.getTable("Regioner")!.columns).toHaveLength(6);
    expect(fake.snapshot()).toBe(first);
  });

  it("takes 1 + 1 syncs for 5000 rows too", async () => {
    const fake = tableFake(5000);
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    const before = fake.syncCount;
    await host.writePlan(handPlan({ rows: 5000, table: "Regioner" }));
    expect(fake.syncCount - before).toBe(2);
    expect(fake.getTable("Regioner")!.range).toBe("A1:F5001");
    expect(fake.getValue("Blad1", "F5001")).toBe(5000007);
  });

  it("leaves a totals row of the table to Excel", async () => {
    const fake = tableFake(3, { totals: true });
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    await host.writePlan(handPlan({ rows: 3, table: "Regioner" }));
    expect(fake.getTable("Regioner")).toMatchObject({ range: "A1:F5", showTotals: true });
    expect(fake.getValues("Blad1", "E5:F5")).toEqual([[null, null]]);
  });

  it("refuses where a column of the user's table sits where the plan puts ours", async () => {
    const fake = createFakeExcel({
      sheets: [
        regionSheet(3, {
          values: regionSheetValues(3).map((row, i) => [...row, i === 0 ? "Egen" : i]),
          tables: [{ name: "Regioner", range: "A1:E4" }],
        }),
      ],
    });
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    const before = fake.snapshot();
    const err = await host
      .writePlan(handPlan({ rows: 3, table: "Regioner" }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostConflictError);
    expect((err as HostConflictError).cells).toEqual([{ sheet: "Blad1", cell: "E1" }]);
    expect(fake.snapshot()).toBe(before);
  });

  it("refuses, as stale, a plan for a table that has since grown", async () => {
    const fake = tableFake(3);
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    const err = await host
      .writePlan(handPlan({ rows: 2, table: "Regioner" }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExcelHostError);
    expect((err as ExcelHostError).code).toBe("TableChanged");
    expect((err as ExcelHostError).text.sv).toMatch(/tabellen Regioner har ändrats/);
  });
});

describe("writePlan past Excel on the web's 5 MB request limit", () => {
  // 4 000 rows of two long texts: about 8.5 MB of values and formats (å is two bytes).
  const rows = 4000;
  const bigColumns = () => ({
    headers: [{ value: "Förklaring A" }, { value: "Förklaring B" }],
    rows: Array.from({ length: rows }, (_, i) => [
      { value: `Rad ${i}: ${"å".repeat(700)}` },
      { value: `Rad ${i}: ${"x".repeat(700)}` },
    ]),
  });

  it("splits the write into batches that each fit, deterministically, and writes every cell", async () => {
    const counts: number[] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const fake = createFakeExcel({ sheets: [regionSheet(rows)], payloadLimitBytes: LIMIT });
      const host = createExcelHost(fake.run);
      await host.readWorkbook();
      const before = fake.syncCount;
      const progress: number[] = [];
      const report = await host.writePlan(handPlan({ rows, columns: bigColumns() }), (f) =>
        progress.push(f),
      );
      const writes = fake.syncs.slice(before + 1);
      expect(writes.length).toBeGreaterThanOrEqual(3);
      expect(report.syncs).toBe(1 + writes.length);
      for (const s of writes) {
        expect(s.error).toBeUndefined();
        expect(s.requestBytes).toBeLessThanOrEqual(LIMIT);
        expect(s.suspendedScreenUpdating).toBe(true);
      }
      expect(progress).toEqual(writes.map((_, i) => (i + 1) / writes.length));
      expect(fake.getValue("Blad1", "E2")).toBe(`Rad 0: ${"å".repeat(700)}`);
      expect(fake.getValue("Blad1", `F${rows + 1}`)).toBe(`Rad ${rows - 1}: ${"x".repeat(700)}`);
      expect(fake.getCell("Blad1", `E${rows + 1}`)?.numberFormat).toBe("@");
      counts.push(writes.length);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});

describe("insertSheet", () => {
  it("adds a sheet with a free name, codes as text, widths, and activates it", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Blad1" }, { name: "Mall AT 2024" }] });
    const host = createExcelHost(fake.run);
    const name = await host.insertSheet({
      sheetName: "Mall AT 2024",
      cells: [
        [
          { value: "Region", bold: true },
          { value: "Länskod", bold: true },
        ],
        [{ value: "Stockholm" }, { value: "01" }],
        [{ value: "Blekinge" }, { value: "10", numberFormat: "@" }],
      ],
      columnWidths: [20, 10],
    });
    expect(name).toBe("Mall AT 2024 (2)");
    expect(fake.syncCount).toBe(2);
    expect(fake.activeSheet()).toBe(name);
    expect(fake.getValues(name, "A2:B3")).toEqual([
      ["Stockholm", "01"],
      ["Blekinge", "10"],
    ]);
    expect(fake.getCell(name, "A1")?.bold).toBe(true);
    expect(fake.getSheet(name)!.columnWidths).toEqual({
      A: charsToPoints(20),
      B: charsToPoints(10),
    });
  });
});

describe("selectCell", () => {
  it("activates the sheet and selects the cell in one sync", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Blad1" }, { name: "Data" }] });
    await createExcelHost(fake.run).selectCell("Data", "D7");
    expect(fake.syncCount).toBe(1);
    expect(fake.activeSheet()).toBe("Data");
    expect(fake.selection()).toEqual({ sheet: "Data", address: "D7" });
  });

  it("says so, in both languages, where the sheet is gone", async () => {
    const fake = createFakeExcel();
    const err = await createExcelHost(fake.run)
      .selectCell("Borta", "A1")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExcelHostError);
    expect((err as ExcelHostError).code).toBe("ItemNotFound");
    expect((err as ExcelHostError).text.sv).toMatch(/^Kunde inte markera cellen: /);
  });
});

describe("isWriting / isOwnChange", () => {
  it("count change events as ours during a write and for the settle time after", async () => {
    let clock = 0;
    const fake = createFakeExcel({ sheets: [regionSheet(3)] });
    let during = false;
    const host = createExcelHost(
      async (batch) => {
        during = host.isWriting();
        return fake.run(batch);
      },
      { now: () => clock, settleMs: 500 },
    );
    expect(host.isWriting()).toBe(false);
    await host.writePlan(handPlan({ rows: 3 }));
    expect(during).toBe(true);
    clock = 499;
    expect(host.isWriting()).toBe(true);
    expect(host.isOwnChange({ triggerSource: "Unknown" })).toBe(true);
    clock = 500;
    expect(host.isWriting()).toBe(false);
    expect(host.isOwnChange({})).toBe(false);
    // From ExcelApi 1.14, Excel says it itself.
    expect(host.isOwnChange({ triggerSource: "ThisLocalAddin" })).toBe(true);
  });
});
