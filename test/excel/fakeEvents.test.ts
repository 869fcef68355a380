/** The fake Excel's change events, as Excel raises them (src/excel/fake/events.ts). */
import { createFakeExcel, type FakeChangedEvent } from "../../src/excel/fake";

function workbook(apiVersion = "1.18") {
  return createFakeExcel({
    apiVersion,
    sheets: [
      {
        name: "Blad1",
        values: [
          ["Region", "AT"],
          ["Uppsala", 58],
          ["Halland", 63],
        ],
        tables: [{ name: "T", range: "A1:B3" }],
      },
    ],
  });
}

async function subscribe(fake: ReturnType<typeof workbook>, got: FakeChangedEvent[]) {
  return fake.run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem("Blad1").onChanged.add(async (e) => {
      got.push(e as unknown as FakeChangedEvent);
    });
    const table = ctx.workbook.tables.getItem("T").onChanged.add(async (e) => {
      got.push(e as unknown as FakeChangedEvent);
    });
    await ctx.sync();
    return [sheet, table];
  });
}

describe("onChanged in the fake Excel", () => {
  test("delivered after the sync: worksheet and table, the table's part of the range", async () => {
    const fake = workbook();
    const got: FakeChangedEvent[] = [];
    await subscribe(fake, got);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Blad1").getRange("B3:C3").values = [[64, "x"]];
      await ctx.sync();
      expect(got).toEqual([]); // not before the batch has let go
    });
    await fake.settleEvents();
    expect(got).toEqual([
      expect.objectContaining({
        type: "WorksheetChanged",
        address: "B3:C3",
        source: "Local",
        triggerSource: "ThisLocalAddin",
      }),
      expect.objectContaining({
        type: "TableChanged",
        address: "B3",
        triggerSource: "ThisLocalAddin",
      }),
    ]);
  });

  test("a user's edit, a co-author's; no triggerSource before ExcelApi 1.14", async () => {
    const fake = workbook("1.13");
    const got: FakeChangedEvent[] = [];
    await subscribe(fake, got);
    fake.setValues("Blad1", "B2", [[59]]);
    fake.remoteEdit("Blad1", "D9", [[1]]);
    await fake.settleEvents();
    expect(got.map((e) => [e.type, e.address, e.source, "triggerSource" in e])).toEqual([
      ["WorksheetChanged", "B2", "Local", false],
      ["TableChanged", "B2", "Local", false],
      ["WorksheetChanged", "D9", "Remote", false],
    ]);
  });

  test("remove() unregisters at the next sync; before ExcelApi 1.7 add fails", async () => {
    const fake = workbook();
    const got: FakeChangedEvent[] = [];
    const results = await subscribe(fake, got);
    expect(fake.events.handlerCount).toBe(2);
    for (const r of results) r.remove();
    await results[0].context.sync();
    expect(fake.events.handlerCount).toBe(0);
    fake.setValues("Blad1", "B2", [[1]]);
    await fake.settleEvents();
    expect(got).toEqual([]);

    const old = workbook("1.6");
    await expect(subscribe(old, [])).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});
