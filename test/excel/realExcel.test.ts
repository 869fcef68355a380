/**
 * What real Excel does to a batch (issue 15) and the writer rules of issue 8, against the fake
 * Excel that now models them: each test fails the way Excel would without the adapter's fix.
 */
import { HostConflictError } from "../../src/app/host";
import { createExcelHost } from "../../src/excel/excelHost";
import { ExcelHostError, NO_ANSWER, SHEET_FOCUS, type ExcelRun } from "../../src/excel/errors";
import { createFakeExcel, type FakeExcel, type FakeWorkbookInit } from "../../src/excel/fake";
import { OWNERSHIP_SHEET, type PlannedCell } from "../../src/workbook/types";
import { handPlan, regionSheet } from "./helpers";

const ROWS = 21;

/** A fake with the region table at A1:D22 (the plan writes E1:F22), read once. */
async function setup(init: Partial<FakeWorkbookInit> = {}, hostOptions = {}) {
  const fake = createFakeExcel({ sheets: [regionSheet(ROWS)], ...init });
  const host = createExcelHost(fake.run, { isSetSupported: fake.isSetSupported, ...hostOptions });
  await host.readWorkbook();
  return { fake, host, plan: handPlan({ rows: ROWS }) };
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );
}

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe("cell-edit mode", () => {
  it("waits while a cell is being edited (delayForCellEdit), then reads", async () => {
    const fake = createFakeExcel({ sheets: [regionSheet(ROWS)] });
    const host = createExcelHost(fake.run);
    fake.setCellEditMode(true);
    let done = false;
    const read = host.readWorkbook().then((grid) => {
      done = true;
      return grid;
    });
    await tick(20);
    expect(done).toBe(false);
    fake.setCellEditMode(false);
    const grid = await read;
    expect(grid.sheets[0].values).toHaveLength(ROWS + 1);
    expect(fake.syncs.every((s) => s.error === undefined)).toBe(true);
  });

  it.each([
    ["InvalidOperationInCellEditMode", "Excel redigerar en cell. Tryck Enter eller Esc"],
    ["InvalidOperation", "avsluta redigeringen av cellen först"],
  ])(
    "says what to do where the run does not pass delayForCellEdit on and Excel fails with %s",
    async (code, sv) => {
      const fake = createFakeExcel({ sheets: [regionSheet(3)] });
      // A wrapper that drops the options, as `(batch) => Excel.run(batch)` does.
      const dropping: ExcelRun = (batch) => fake.run(batch);
      fake.setCellEditMode(true, code);
      const err = (await failure(createExcelHost(dropping).readWorkbook())) as ExcelHostError;
      expect(err).toBeInstanceOf(ExcelHostError);
      expect(err.code).toBe(code);
      expect(err.text.sv).toContain(sv);
      expect(err.text.en).toMatch(/editing a cell/);
    },
  );
});

describe("a sync that does not return", () => {
  it("gives up after the timeout with a sentence, and the batch then sends nothing more", async () => {
    const { fake, host, plan } = await setup({}, { firstSyncTimeoutMs: 30 });
    const before = fake.snapshot();
    fake.stall(true);
    const err = (await failure(host.writePlan(plan))) as ExcelHostError;
    expect(err.code).toBe("Timeout");
    expect(err.text.sv).toBe(`Kunde inte skriva resultatet: ${NO_ANSWER.sv}`);
    expect(err.text.sv).toContain("Excel svarar inte");
    // Excel comes back: the look's sync returns, and the write is not sent after all.
    const syncs = fake.syncCount;
    fake.stall(false);
    await tick(20);
    expect(fake.syncCount).toBe(syncs);
    expect(fake.snapshot()).toBe(before);
  });

  it("counts a cell edit longer than the timeout as no answer", async () => {
    const fake = createFakeExcel({ sheets: [regionSheet(3)] });
    fake.setCellEditMode(true);
    const err = (await failure(
      createExcelHost(fake.run, { firstSyncTimeoutMs: 20 }).readWorkbook(),
    )) as ExcelHostError;
    expect(err.code).toBe("Timeout");
    expect(err.text.en).toContain("finish editing a cell");
    fake.setCellEditMode(false);
  });

  it("does not time out a long write once the first sync has answered", async () => {
    const fake = createFakeExcel({ sheets: [regionSheet(ROWS)] });
    // Every sync after a run's first takes twice the timeout.
    const slow: ExcelRun = (batch, options) =>
      fake.run(async (ctx) => {
        const sync = ctx.sync.bind(ctx);
        let first = true;
        ctx.sync = (async () => {
          if (!first) await tick(60);
          first = false;
          return sync();
        }) as typeof ctx.sync;
        return batch(ctx);
      }, options);
    const host = createExcelHost(slow, { firstSyncTimeoutMs: 30 });
    await host.readWorkbook();
    await expect(host.writePlan(handPlan({ rows: ROWS }))).resolves.toMatchObject({ syncs: 2 });
  });
});

describe("protected sheets and workbooks", () => {
  it("the fake fails a write to a protected sheet after the batch's earlier operations ran", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Blad1", protected: true }] });
    const code = await fake
      .run(async (ctx) => {
        ctx.workbook.worksheets.add("Ny");
        ctx.workbook.worksheets.getItem("Blad1").getRange("A1").values = [[1]];
        await ctx.sync();
      })
      .catch((e: { code?: string }) => e.code);
    expect(code).toBe("AccessDenied");
    expect(fake.sheetNames()).toEqual(["Blad1", "Ny"]);
  });

  it("refuses, naming the sheet, before writing anything to a protected sheet", async () => {
    const { fake, host, plan } = await setup();
    fake.protectSheet("Blad1", true);
    const before = fake.snapshot();
    const syncs = fake.syncCount;
    const err = (await failure(host.writePlan(plan))) as ExcelHostError;
    expect(err.code).toBe("SheetProtected");
    expect(err.text.sv).toContain('bladet "Blad1" är skyddat');
    expect(err.text.en).toContain('the sheet "Blad1" is protected');
    expect(fake.syncCount - syncs).toBe(1);
    // Without the check, the record sheet would be added before Excel refused the cells.
    expect(fake.snapshot()).toBe(before);
  });

  it("refuses a protected record sheet too", async () => {
    const { fake, host, plan } = await setup();
    await host.writePlan(plan);
    fake.protectSheet(OWNERSHIP_SHEET, true);
    await host.readWorkbook();
    const before = fake.snapshot();
    const err = (await failure(host.writePlan(plan))) as ExcelHostError;
    expect(err.code).toBe("SheetProtected");
    expect(err.text.sv).toContain(OWNERSHIP_SHEET);
    expect(fake.snapshot()).toBe(before);
  });

  it("refuses where the workbook's structure is protected: the write adds sheets", async () => {
    const { fake, host, plan } = await setup({ structureProtected: true });
    const before = fake.snapshot();
    const err = (await failure(host.writePlan(plan))) as ExcelHostError;
    expect(err.code).toBe("WorkbookProtected");
    expect(err.text.sv).toContain("arbetsbokens struktur är skyddad");
    expect(fake.snapshot()).toBe(before);
  });

  it("insertSheet refuses too, before adding anything", async () => {
    const fake = createFakeExcel({ structureProtected: true });
    const before = fake.snapshot();
    const err = (await failure(
      createExcelHost(fake.run).insertSheet({ sheetName: "Mall", cells: [], columnWidths: [] }),
    )) as ExcelHostError;
    expect(err.code).toBe("WorkbookProtected");
    expect(fake.snapshot()).toBe(before);
  });
});

describe("merged cells, formulas, comments and notes in the target cells", () => {
  it("the fake writes through a merge's top-left cell, and fails a write that cuts through one", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Blad1", merges: ["B2:C3"] }] });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Blad1").getRange("A1:C3").values = [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ];
      await ctx.sync();
    });
    expect(fake.getValues("Blad1", "A1:C3")).toEqual([
      [1, 2, 3],
      [4, 5, null],
      [7, null, null],
    ]);
    const code = await fake
      .run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Blad1").getRange("C3:D3").values = [[1, 2]];
        await ctx.sync();
      })
      .catch((e: { code?: string }) => e.code);
    expect(code).toBe("InvalidOperation");
  });

  it("refuses by cell a merge reaching into the target from the left, its note kept", async () => {
    // A note below the table, merged over D24:E25: its top-left is outside the target E1:F25.
    const sheet = regionSheet(ROWS, { merges: ["D24:E25"] });
    const fake = createFakeExcel({ sheets: [sheet] });
    fake.setValues("Blad1", "D24", [["Anteckning"]]);
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    const plan = handPlan({ rows: 24 });
    const before = fake.snapshot();
    const err = (await failure(host.writePlan(plan))) as HostConflictError;
    expect(err).toBeInstanceOf(HostConflictError);
    expect(err.cells).toEqual([
      { sheet: "Blad1", cell: "E24" },
      { sheet: "Blad1", cell: "E25" },
    ]);
    expect(fake.snapshot()).toBe(before);
  });

  it("refuses an empty merge inside the target that Excel would write through", async () => {
    const { fake, host, plan } = await setup({
      sheets: [regionSheet(ROWS, { merges: ["E5:F6"] })],
    });
    const before = fake.snapshot();
    const err = (await failure(host.writePlan(plan))) as HostConflictError;
    expect(err.cells.map((c) => c.cell)).toEqual(["E5", "F5", "E6", "F6"]);
    expect(fake.snapshot()).toBe(before);
  });

  it("refuses a formula in a target cell, also one whose value is empty", async () => {
    const { fake, host, plan } = await setup();
    fake.setValues("Blad1", "F3", [[{ formula: '=IF(A1="x";1;"")', value: "" }]]);
    fake.setValues("Blad1", "E7", [[{ formula: "=1+1", value: 2 }]]);
    // Read again: F3 reads as empty, E7 as 2, and both are as read when the look comes.
    await host.readWorkbook();
    const before = fake.snapshot();
    const err = (await failure(host.writePlan(plan))) as HostConflictError;
    expect(err.cells).toEqual([
      { sheet: "Blad1", cell: "F3" },
      { sheet: "Blad1", cell: "E7" },
    ]);
    expect(fake.snapshot()).toBe(before);
  });

  it("refuses a comment or a note on a target cell, in one more sync of the look", async () => {
    const { fake, host, plan } = await setup({
      sheets: [regionSheet(ROWS, { comments: { E10: "Kolla" }, notes: { F12: "OBS" } })],
    });
    const before = fake.snapshot();
    const syncs = fake.syncCount;
    const err = (await failure(host.writePlan(plan))) as HostConflictError;
    expect(err.cells).toEqual([
      { sheet: "Blad1", cell: "E10" },
      { sheet: "Blad1", cell: "F12" },
    ]);
    expect(fake.syncCount - syncs).toBe(2);
    expect(fake.snapshot()).toBe(before);
  });

  it("writes where comments are elsewhere on the sheet: look + locations + write", async () => {
    const { fake, host, plan } = await setup({
      sheets: [regionSheet(ROWS, { comments: { A30: "Källa: SCB" }, merges: ["A32:D32"] })],
    });
    const report = await host.writePlan(plan);
    expect(report.syncs).toBe(3);
    expect(fake.getValue("Blad1", "E2")).toBe(1000);
  });

  it("replaces its own previous cells on a re-run: they are plain values", async () => {
    const { fake, host, plan } = await setup({
      sheets: [regionSheet(ROWS, { comments: { A30: "Källa" } })],
    });
    await host.writePlan(plan);
    await host.readWorkbook();
    await expect(host.writePlan(plan)).resolves.toMatchObject({ syncs: 3 });
    expect(fake.getValue("Blad1", "F2")).toBe(1007);
  });

  it("before ExcelApi 1.13, names the cells a merge swallowed instead of leaving a silent gap", async () => {
    const { fake, host, plan } = await setup({
      apiVersion: "1.12",
      sheets: [regionSheet(ROWS, { merges: ["E5:F6"] })],
    });
    const err = (await failure(host.writePlan(plan))) as ExcelHostError;
    expect(err).toBeInstanceOf(ExcelHostError);
    expect(err.code).toBe("ValuesNotKept");
    // Excel wrote E5 through the merge and dropped the rest.
    expect(err.text.sv).toContain("Blad1!F5, Blad1!E6, Blad1!F6");
    expect(err.text.sv).toContain("sammanfogade celler");
    expect(fake.getValue("Blad1", "E5")).toBe(4000);
    expect(fake.getValue("Blad1", "F5")).toBeNull();
  });

  it("before ExcelApi 1.13, says what a merge cut through by the write is", async () => {
    const { host } = await setup({
      apiVersion: "1.12",
      sheets: [regionSheet(ROWS, { merges: ["D24:E25"] })],
    });
    const err = (await failure(host.writePlan(handPlan({ rows: 24 })))) as ExcelHostError;
    expect(err.code).toBe("InvalidOperation");
    expect(err.text.sv).toContain("sammanfogade celler där resultatet ska skrivas");
    expect(err.text.en).toContain("Finish editing the cell first");
  });

  it.each(["1.9", "1.12"])(
    "on ExcelApi %s asks for no member it lacks (merges 1.13, comments 1.10, notes 1.18)",
    async (apiVersion) => {
      const { fake, host, plan } = await setup({ apiVersion });
      await expect(host.writePlan(plan)).resolves.toMatchObject({ syncs: 2 });
      expect(fake.syncs.every((s) => s.error === undefined)).toBe(true);
    },
  );
});

describe("text that looks like a formula", () => {
  const texts = ["=1+1", "+46 8 123", "-x", "@hem"];
  const summaryCells = (): PlannedCell[][] => [texts.map((value) => ({ value }))];

  it.each([true, false])(
    "comes back as text whether or not Excel honours '@' (honours: %s)",
    async (honours) => {
      const fake: FakeExcel = createFakeExcel({
        sheets: [regionSheet(3)],
        honoursTextFormat: honours,
      });
      const host = createExcelHost(fake.run);
      await host.readWorkbook();
      const report = await host.writePlan(
        handPlan({ rows: 3, summaryCells: summaryCells(), chart: false }),
      );
      expect(fake.getValues("AT-fördelning 2024", "A1:D1")).toEqual([texts]);
      if (honours) {
        expect(report.syncs).toBe(2);
        expect(report.notices).toBeUndefined();
      } else {
        // One sync more, only then, and a notice naming the cells.
        expect(report.syncs).toBe(3);
        expect(report.notices).toHaveLength(1);
        expect(report.notices![0].sv).toContain("'AT-fördelning 2024'!A1, 'AT-fördelning 2024'!B1");
        expect(report.notices![0].en).toContain("leading apostrophe");
      }
    },
  );

  it("the fake, not honouring '@', turns such a text into a formula (so the check can fail)", async () => {
    const fake = createFakeExcel({ honoursTextFormat: false });
    await fake.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Blad1").getRange("A1:B1");
      range.numberFormat = [["@", "@"]];
      range.values = [["=1+1", "'=1+1"]];
      await ctx.sync();
    });
    expect(fake.getValues("Blad1", "A1:B1")).toEqual([[{ formula: "=1+1" }, "=1+1"]]);
  });
});

describe("calculation", () => {
  it("suspends calculation and asks for none where the plan has no formula", async () => {
    const { fake, host, plan } = await setup();
    await host.writePlan(plan);
    expect(fake.syncs[fake.syncs.length - 1].suspendedCalculation).toBe(true);
    expect(fake.calculations).toEqual([]);
  });

  it("writes a planned formula as a formula and recalculates at the end of the write", async () => {
    const { fake, host } = await setup();
    const formula = { value: null, formula: "=SUM(B4:B6)" } as PlannedCell;
    const plan = handPlan({ rows: ROWS, summaryCells: [[{ value: "Summa" }, formula]] });
    await host.writePlan(plan);
    expect(fake.getValue("AT-fördelning 2024", "B1")).toEqual({ formula: "=SUM(B4:B6)" });
    const last = fake.syncs.length - 1;
    expect(fake.syncs[last].suspendedCalculation).toBe(false);
    expect(fake.calculations).toEqual([{ type: "Recalculate", sync: last }]);
  });
});

describe("another workbook has focus", () => {
  it.each(["GeneralException", "InvalidSelection"])(
    "says so where adding a sheet fails with %s",
    async (code) => {
      const { fake, host, plan } = await setup();
      fake.setFocusElsewhere(code);
      const err = (await failure(host.writePlan(plan))) as ExcelHostError;
      expect(err.code).toBe("SheetFocus");
      expect(err.text.sv).toBe(`Kunde inte skriva resultatet: ${SHEET_FOCUS.sv}`);
      expect((err.cause as { code?: string }).code).toBe(code);
    },
  );
});

describe("payload limits", () => {
  it("re-reads a used range past the response limit in row blocks, a bounded number of syncs", async () => {
    const n = 3000;
    const big = createFakeExcel({ sheets: [regionSheet(n)] });
    const whole = await createExcelHost(big.run).readWorkbook();
    const limit = 40_000;
    const fake = createFakeExcel({ sheets: [regionSheet(n)], payloadLimitBytes: limit });
    const grid = await createExcelHost(fake.run).readWorkbook();
    expect(grid).toEqual(whole);
    expect(fake.syncs[0].error).toBe("ResponsePayloadSizeLimitExceeded");
    const total = big.syncs[0].responseBytes;
    // Halving: at most about twice the blocks the size needs, plus the failed and bounds syncs.
    expect(fake.syncCount).toBeLessThanOrEqual(2 + 4 * Math.ceil(total / limit));
    expect(fake.syncCount).toBeLessThan(n / 10);
    for (const s of fake.syncs.filter((x) => x.error === undefined)) {
      expect(s.responseBytes).toBeLessThanOrEqual(limit);
    }
  });

  it("sends again, cut smaller, a batch Excel refuses as too large though the estimate let it pass", async () => {
    const rows = 2000;
    const limit = 2_500_000;
    const fake = createFakeExcel({ sheets: [regionSheet(rows)], payloadLimitBytes: limit });
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    const before = fake.syncCount;
    const columns = {
      headers: [{ value: "Förklaring A" }, { value: "Förklaring B" }],
      rows: Array.from({ length: rows }, (_, i) => [
        { value: `Rad ${i}: ${"å".repeat(700)}` },
        { value: `Rad ${i}: ${"x".repeat(700)}` },
      ]),
    };
    const progress: number[] = [];
    const report = await host.writePlan(handPlan({ rows, columns }), (f) => progress.push(f));
    const writes = fake.syncs.slice(before + 1);
    // The adapter's 4 MB batch is refused whole (nothing of it ran), then sent in halves.
    expect(writes[0].error).toBe("RequestPayloadSizeLimitExceeded");
    expect(writes.filter((s) => s.error === undefined).length).toBeGreaterThanOrEqual(2);
    expect(report.syncs).toBe(1 + writes.length);
    expect(progress[progress.length - 1]).toBe(1);
    expect(fake.getValue("Blad1", "E2")).toBe(`Rad 0: ${"å".repeat(700)}`);
    expect(fake.getValue("Blad1", `F${rows + 1}`)).toBe(`Rad ${rows - 1}: ${"x".repeat(700)}`);
    expect(fake.sheetNames()).toEqual(["Blad1", OWNERSHIP_SHEET, "AT-fördelning 2024"]);
  });

  it("looks at the target cells in row blocks where the look passes the response limit", async () => {
    const rows = 6000;
    const fake = createFakeExcel({ sheets: [regionSheet(rows)], payloadLimitBytes: 200_000 });
    const host = createExcelHost(fake.run);
    await host.readWorkbook();
    fake.setValues("Blad1", "F5000", [["användarens"]]);
    const before = fake.snapshot();
    const syncs = fake.syncCount;
    const err = (await failure(host.writePlan(handPlan({ rows })))) as HostConflictError;
    expect(err).toBeInstanceOf(HostConflictError);
    expect(err.cells).toEqual([{ sheet: "Blad1", cell: "F5000" }]);
    expect(fake.syncs[syncs].error).toBe("ResponsePayloadSizeLimitExceeded");
    expect(fake.syncCount - syncs).toBeLessThan(20);
    expect(fake.snapshot()).toBe(before);

    fake.setValues("Blad1", "F5000", [[null]]);
    await host.readWorkbook();
    await host.writePlan(handPlan({ rows }));
    expect(fake.getValue("Blad1", `F${rows + 1}`)).toBe(1000 * rows + 7);
  });

  it("the fake measures the JSON that would travel, in UTF-8, not the adapter's estimate", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Blad1", values: [["Västra Götaland 😀"]] }] });
    const values = [["Västra Götaland 😀"]];
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Blad1").getRange("A1").load("values");
      await ctx.sync();
    });
    expect(fake.syncs[0].responseBytes).toBe(Buffer.byteLength(JSON.stringify({ values })));
    const write = async (text: string) => {
      const f = createFakeExcel();
      await f.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Blad1").getRange("A1").values = [[text]];
        await ctx.sync();
      });
      return f.syncs[0].requestBytes;
    };
    // The same number of characters, the bytes UTF-8 takes for them.
    expect((await write("åäö😀")) - (await write("aaaaa"))).toBe(
      Buffer.byteLength("åäö😀") - Buffer.byteLength("aaaaa"),
    );
  });
});
