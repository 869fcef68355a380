/**
 * Live mode against the fake Excel: the 2024 golden case's region table (an Excel table), once
 * written; then edits as a user, a co-author and the add-in itself make them.
 */
import { readAndAllocate } from "../../src/app/pipeline";
import { allocate } from "../../src/domain/engine";
import { getRuleSet } from "../../src/domain/rules";
import { createExcelHost } from "../../src/excel/excelHost";
import { createFakeExcel, type FakeExcel } from "../../src/excel/fake";
import { classify } from "../../src/excel/liveEvents";
import { readTableSheetWith } from "../../src/excel/liveRead";
import { startLiveMode, type LiveMode } from "../../src/excel/liveMode";
import { planWrite } from "../../src/workbook/planWrite";
import { isMarkText } from "../../src/workbook/planStale";
import { regionSheet } from "./helpers";
import { caseRows } from "./caseSetup";

const ruleSet = getRuleSet(2024)!;
const now = () => new Date("2025-03-14T10:22:05+01:00");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const rows = caseRows();
const HALLAND_ROW = rows.findIndex((r) => r[0] === "Halland") + 1; // sheet row, 1-based
const SUMMARY = "AT-fördelning 2024";

async function setup(apiVersion = "1.18") {
  const fake = createFakeExcel({
    apiVersion,
    sheets: [
      { name: "Blad1", values: rows, tables: [{ name: "Regioner", range: `A1:D${rows.length}` }] },
    ],
  });
  const host = createExcelHost(fake.run, {
    settleMs: 30,
    isSetSupported: (v) => fake.isSetSupported(v),
  });
  const grid = await host.readWorkbook();
  const outcome = readAndAllocate(grid, ruleSet, {});
  await host.writePlan(
    planWrite({
      workbook: grid,
      read: outcome.read!,
      result: outcome.result!,
      issues: outcome.issues,
      lang: "sv",
      now: now(),
      sourceName: "regioner.xlsx",
    }),
  );
  await fake.settleEvents();
  const live = await startLiveMode({
    run: fake.run,
    host,
    ruleSet,
    settings: {},
    lang: "sv",
    sourceName: "regioner.xlsx",
    sheet: "Blad1",
    table: "Regioner",
    debounceMs: 15,
    maxWaitMs: 150,
    markSettleMs: 30,
    now,
  });
  return { fake, host, live };
}

/** Until every event is handled, no burst waits and no recompute runs. */
async function idle(fake: FakeExcel, live: LiveMode): Promise<void> {
  for (let i = 0; i < 400; i++) {
    await fake.settleEvents();
    if (!live.watch.pending && !live.controller.busy) {
      await sleep(40); // longer than the debounce: a late burst would show
      await fake.settleEvents();
      if (!live.watch.pending && !live.controller.busy) return;
    }
    await sleep(5);
  }
  throw new Error("live mode did not settle");
}

function totalColumn(fake: FakeExcel): string {
  const cols = fake.getTable("Regioner")!.columns;
  return String.fromCharCode(65 + cols.indexOf("Summa"));
}

function expectedTotal(at: number, region = "Halland"): number {
  const edited = rows.map((r) => (r[0] === region ? [r[0], r[1], at, r[3]] : r));
  const fake = createFakeExcel({ sheets: [{ name: "Blad1", values: edited }] });
  const outcome = readAndAllocate(fake.toGrid(), ruleSet, {});
  return outcome.result!.regions.find((x) => x.region === region)!.total;
}

describe("live mode in the fake Excel", () => {
  test("an edit rewrites the columns and the summary; a burst is one recompute", async () => {
    const { fake, live } = await setup();
    const col = totalColumn(fake);
    const before = fake.getValue("Blad1", `${col}${HALLAND_ROW}`);
    for (const at of [64, 65, 66]) fake.setValues("Blad1", `C${HALLAND_ROW}`, [[at]]);
    await idle(fake, live);
    expect(live.watch.counts.bursts).toBe(1);
    expect(live.controller.state).toMatchObject({ status: "current", runs: 1 });
    const after = fake.getValue("Blad1", `${col}${HALLAND_ROW}`);
    expect(after).not.toBe(before);
    expect(after).toBe(expectedTotal(66));
    // The summary follows: Halland's row there carries the same total.
    const summary = fake.toGrid().sheets.find((s) => s.name === SUMMARY)!;
    const line = summary.values.find((r) => r.includes("Halland"))!;
    expect(line).toContain(after);
    await live.stop();
    expect(fake.events.handlerCount).toBe(0);
  });

  test("a pasted block (two regions' AT at once) is one recompute of both", async () => {
    const { fake, live } = await setup();
    const r = HALLAND_ROW;
    fake.setValues("Blad1", `C${r}`, [
      [80, 56],
      [300, 252],
    ]);
    await idle(fake, live);
    expect(live.controller.state).toMatchObject({ status: "current", runs: 1 });
    const col = totalColumn(fake);
    const edited = rows.map((x, i) =>
      i === r - 1 ? [x[0], x[1], 80, 56] : i === r ? [x[0], x[1], 300, 252] : x,
    );
    const want = readAndAllocate(
      createFakeExcel({ sheets: [{ name: "Blad1", values: edited }] }).toGrid(),
      ruleSet,
      {},
    ).result!;
    const next = rows[r][0] as string;
    expect(fake.getValue("Blad1", `${col}${r}`)).toBe(
      want.regions.find((x) => x.region === "Halland")!.total,
    );
    expect(fake.getValue("Blad1", `${col}${r + 1}`)).toBe(
      want.regions.find((x) => x.region === next)!.total,
    );
    await live.stop();
  });

  test("its own writes raise events (ThisLocalAddin) and never a recompute", async () => {
    const { fake, live } = await setup();
    fake.setValues("Blad1", `C${HALLAND_ROW}`, [[70]]);
    await idle(fake, live);
    const own = fake.events.log.filter((e) => e.triggerSource === "ThisLocalAddin");
    expect(own.length).toBeGreaterThan(0);
    expect(live.watch.counts.own).toBeGreaterThan(0);
    expect(live.controller.state!.runs).toBe(1);
    await live.stop();
  });

  test("before ExcelApi 1.14 (no triggerSource) its own writes still never recompute", async () => {
    const { fake, live } = await setup("1.13");
    fake.setValues("Blad1", `C${HALLAND_ROW}`, [[70]]);
    await idle(fake, live);
    expect(fake.events.log.every((e) => e.triggerSource === undefined)).toBe(true);
    expect(live.watch.counts.received).toBeGreaterThan(1);
    expect(live.controller.state!.runs).toBe(1);
    expect(fake.getValue("Blad1", `${totalColumn(fake)}${HALLAND_ROW}`)).toBe(expectedTotal(70));
    await live.stop();
  });

  test("a co-author's edit (source Remote) is followed the same way", async () => {
    const { fake, live } = await setup();
    fake.remoteEdit("Blad1", `C${HALLAND_ROW}`, [[59]]);
    await idle(fake, live);
    expect(fake.events.log.some((e) => e.source === "Remote")).toBe(true);
    expect(live.controller.state!.status).toBe("current");
    expect(fake.getValue("Blad1", `${totalColumn(fake)}${HALLAND_ROW}`)).toBe(expectedTotal(59));
    await live.stop();
  });

  test("an error writes nothing, marks the figures out of date; fixed, the mark goes", async () => {
    const { fake, live } = await setup();
    const col = totalColumn(fake);
    const columns = () => fake.getValues("Blad1", `E1:${col}${rows.length}`);
    const written = JSON.stringify(columns());
    fake.setValues("Blad1", `C${HALLAND_ROW}`, [["sextio"]]);
    await idle(fake, live);
    const state = live.controller.state!;
    expect(state.status).toBe("stale");
    expect(state.errors.map((e) => e.cell)).toContain(`C${HALLAND_ROW}`);
    expect(JSON.stringify(columns())).toBe(written);
    // The banner under the summary's title, the note one column right of the columns.
    expect(isMarkText(fake.getValue(SUMMARY, "A4"))).toBe(true);
    const noteCol = String.fromCharCode(col.charCodeAt(0) + 2);
    expect(isMarkText(fake.getValue("Blad1", `${noteCol}1`))).toBe(true);
    expect(String(fake.getValue(SUMMARY, "A4"))).toMatch(/^INAKTUELLT/);
    expect(state.marked).toBe(true);
    // Nothing else of the summary changed while the error stands.
    const summaryCells = () =>
      JSON.stringify(
        fake
          .toGrid()
          .sheets.find((s) => s.name === SUMMARY)!
          .values.filter((_, i) => i !== 1),
      );
    const frozen = summaryCells();
    fake.setValues("Blad1", `C${HALLAND_ROW}`, [["sextiotvå"]]);
    await idle(fake, live);
    expect(summaryCells()).toBe(frozen);
    expect(JSON.stringify(columns())).toBe(written);

    fake.setValues("Blad1", `C${HALLAND_ROW}`, [[61]]);
    await idle(fake, live);
    expect(live.controller.state).toMatchObject({ status: "current", marked: false });
    expect(fake.getValue(SUMMARY, "A4")).toBeNull();
    expect(fake.getValue("Blad1", `${noteCol}1`)).toBeNull();
    expect(fake.getValue("Blad1", `${col}${HALLAND_ROW}`)).toBe(expectedTotal(61));
    await live.stop();
  });

  test("a write refused (the user's value in our columns) marks the old figures too", async () => {
    const { fake, live } = await setup();
    const col = totalColumn(fake);
    fake.setValues("Blad1", `${col}2`, [["mitt eget"]]);
    fake.setValues("Blad1", `C${HALLAND_ROW}`, [[70]]);
    await idle(fake, live);
    expect(live.controller.state).toMatchObject({ status: "failed", marked: true });
    expect(String(live.controller.state!.error)).toContain(`${col}2`);
    expect(fake.getValue("Blad1", `${col}2`)).toBe("mitt eget");
    expect(isMarkText(fake.getValue(SUMMARY, "A4"))).toBe(true);
    await live.stop();
  });

  test("a user's text typed over the mark is kept when the mark is cleared", async () => {
    const { fake, live } = await setup();
    fake.setValues("Blad1", `C${HALLAND_ROW}`, [["x"]]);
    await idle(fake, live);
    const col = totalColumn(fake);
    const noteCell = `${String.fromCharCode(col.charCodeAt(0) + 2)}1`;
    fake.setValues("Blad1", noteCell, [["min anteckning"]]);
    fake.setValues("Blad1", `C${HALLAND_ROW}`, [[63]]);
    await idle(fake, live);
    expect(live.controller.state!.status).toBe("current");
    expect(fake.getValue("Blad1", noteCell)).toBe("min anteckning");
    await live.stop();
  });

  test("edits outside the inputs (a cell of our columns' neighbour) do not recompute", async () => {
    const { fake, live } = await setup();
    fake.setValues("Blad1", "Z40", [["anteckning"]]);
    await idle(fake, live);
    expect(live.watch.counts.received).toBe(0); // not in the table: the table raises nothing
    await live.stop();
  });
});

describe("the read per recompute is constant in rows", () => {
  test.each([21, 5000])("%i rows: one sync without a record", async (n) => {
    const fake = createFakeExcel({ sheets: [regionSheet(n), { name: "Annat" }] });
    const before = fake.syncCount;
    const grid = await readTableSheetWith(fake.run, "Blad1");
    expect(fake.syncCount - before).toBe(1);
    expect(grid.sheets.find((s) => s.name === "Blad1")!.values).toHaveLength(n + 1);
    expect(grid.sheets.find((s) => s.name === "Annat")!.values).toEqual([]);
  });

  test("with the record and the summary: three, for 21 rows as for 5 000", async () => {
    const counts: number[] = [];
    for (const n of [21, 5000]) {
      const fake = createFakeExcel({ sheets: [regionSheet(n)] });
      const host = createExcelHost(fake.run);
      await host.readWorkbook();
      const { handPlan } = await import("./helpers");
      await host.writePlan(handPlan({ rows: n }));
      const before = fake.syncCount;
      const grid = await readTableSheetWith(fake.run, "Blad1");
      counts.push(fake.syncCount - before);
      expect(grid.owned).not.toBeNull();
    }
    expect(counts).toEqual([3, 3]);
  });
});

describe("classify", () => {
  const inputs = { left: 0, right: 3, headerRow: 0 };
  test.each<[string, Parameters<typeof classify>[0], boolean, ReturnType<typeof classify>]>([
    ["ThisLocalAddin", { address: "C5", triggerSource: "ThisLocalAddin" }, false, "own"],
    ["a user's edit in the inputs", { address: "C5", triggerSource: "Unknown" }, false, "input"],
    ["a paste reaching into the inputs", { address: "D2:G9" }, true, "input"],
    ["our columns", { address: "E1:H22" }, false, "outside"],
    ["a whole column of ours", { address: "F:F" }, false, "outside"],
  ])("%s", (_what, event, writing, want) => {
    expect(classify(event, inputs, writing)).toBe(want);
  });

  test("without the input area: the write flag before 1.14, but never for a co-author", () => {
    expect(classify({ address: "C5" }, undefined, true)).toBe("own");
    expect(classify({ address: "C5", source: "Remote" }, undefined, true)).toBe("input");
    expect(classify({ address: "C5" }, undefined, false)).toBe("input");
  });
});

test("the engine agrees with the expected totals used here", () => {
  // expectedTotal reads the edited table the way the add-in does; the engine on the same inputs.
  const grid = createFakeExcel({ sheets: [{ name: "Blad1", values: rows }] }).toGrid();
  const read = readAndAllocate(grid, ruleSet, {}).read!;
  const inputs = read.inputs.map((i) => (i.code === "13" ? { ...i, at: 66 } : i));
  expect(allocate(ruleSet, inputs).regions.find((r) => r.code === "13")!.total).toBe(
    expectedTotal(66),
  );
});
