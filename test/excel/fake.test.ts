/** The fake Excel itself: it must be as strict as Office.js where the adapter could go wrong. */
import { createFakeExcel, FakeExcelError } from "../../src/excel/fake";

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (err) {
    return (err as FakeExcelError).code ?? String(err);
  }
  throw new Error("expected a failure");
};

describe("load and sync", () => {
  it("refuses a property read before load and sync, and gives it after", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Blad1", values: [[1, "a"]] }] });
    await fake.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Blad1").getRange("A1:B1");
      expect(() => range.values).toThrow(/not available/);
      range.load("values,address");
      expect(() => range.values).toThrow(/not available/); // loaded but not yet synced
      await ctx.sync();
      expect(range.values).toEqual([[1, "a"]]);
      expect(range.address).toBe("Blad1!A1:B1");
      expect(() => range.valueTypes).toThrow(/not available/); // never loaded
    });
  });

  it("refuses to load a property that does not exist, at once", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      expect(() => sheet.load("nmae")).toThrow(/no property "nmae"/);
      expect(() => ctx.workbook.worksheets.load("items/nmae")).toThrow(/no property "nmae"/);
    });
  });

  it("shows collection items and counts only after load and sync", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "A" }, { name: "B" }] });
    await fake.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const count = sheets.getCount();
      expect(() => sheets.items).toThrow(/not available/);
      expect(() => count.value).toThrow(/not available/);
      sheets.load("items/name");
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["A", "B"]);
      expect(count.value).toBe(2);
    });
  });

  it("runs a batch in order: a load queued before a write sees the old value", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Blad1", values: [[1]] }] });
    await fake.run(async (ctx) => {
      const cell = ctx.workbook.worksheets.getItem("Blad1").getRange("A1");
      cell.load("values");
      cell.values = [[2]];
      await ctx.sync();
      expect(cell.values).toEqual([[1]]);
    });
    expect(fake.getValue("Blad1", "A1")).toBe(2);
  });
});

describe("queued writes", () => {
  it("change nothing until a sync, and every sync is counted", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Blad1").getRange("B2").values = [["x"]];
      expect(fake.getValue("Blad1", "B2")).toBeNull();
      expect(fake.syncCount).toBe(0);
      await ctx.sync();
      expect(fake.getValue("Blad1", "B2")).toBe("x");
      await ctx.sync();
    });
    expect(fake.syncCount).toBe(2);
  });

  it("are sent by Excel.run when the batch returns without a sync", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Blad1").getRange("A1").values = [[5]];
    });
    expect(fake.getValue("Blad1", "A1")).toBe(5);
    expect(fake.syncCount).toBe(1);
  });

  it("leave a cell alone where the input array holds null", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Blad1", values: [["keep", "old"]] }] });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Blad1").getRange("A1:B1").values = [[null, "new"]];
    });
    expect(fake.getValues("Blad1", "A1:B1")).toEqual([["keep", "new"]]);
  });

  it("refuse an input array of the wrong size", async () => {
    const fake = createFakeExcel();
    const code = await codeOf(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Blad1").getRange("A1:B1").values = [[1]];
        await ctx.sync();
      }),
    );
    expect(code).toBe("InvalidArgument");
  });
});

describe("strings are parsed like typed input unless the cell is text", () => {
  const write = async (text: string, textFirst: boolean) => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const cell = ctx.workbook.worksheets.getItem("Blad1").getRange("A1");
      if (textFirst) cell.numberFormat = [["@"]];
      cell.values = [[text]];
      if (!textFirst) cell.numberFormat = [["@"]]; // too late: the text was already parsed
      await ctx.sync();
    });
    return fake.getValue("Blad1", "A1");
  };

  it.each([
    ["=1+1", { formula: "=1+1" }],
    ["+46 70 123 45 67", { formula: "=+46 70 123 45 67" }],
    ["-x", { formula: "=-x" }],
    ["@x", { formula: "=x" }],
    ["01", 1],
    ["+46701234567", 46701234567],
    ["TRUE", true],
    ["2025-03-14", 45730],
    ["12%", 0.12],
  ])("%s without the text format becomes %p", async (text, expected) => {
    expect(await write(text, false)).toEqual(expected);
  });

  it.each(["=1+1", "+46 70 123 45 67", "@x", "01", "2025-03-14"])(
    "%s under the text format stays text",
    async (text) => {
      expect(await write(text, true)).toBe(text);
    },
  );
});

describe("null objects", () => {
  it("tell whether the object exists, after a sync only", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Blad1" }, { name: "Data", values: [[1]] }] });
    await fake.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Saknas");
      const present = ctx.workbook.worksheets.getItemOrNullObject("data");
      const emptyUsed = ctx.workbook.worksheets.getItem("Blad1").getUsedRangeOrNullObject();
      expect(() => missing.isNullObject).toThrow(/not available/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(emptyUsed.isNullObject).toBe(true);
    });
  });

  it("fail the batch where a method, even an *OrNullObject one, is called on a null object", async () => {
    // Office.js does not document what that yields; code that passes here does not rely on it.
    const fake = createFakeExcel();
    const code = await fake
      .run(async (ctx) => {
        ctx.workbook.worksheets.getItemOrNullObject("Saknas").getUsedRangeOrNullObject(true);
        await ctx.sync();
      })
      .catch((e: { code?: string }) => e.code);
    expect(code).toBe("InvalidOperation");
  });

  it("bind where the batch reaches them: before an add, still null", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const before = ctx.workbook.worksheets.getItemOrNullObject("Ny");
      ctx.workbook.worksheets.add("Ny");
      const after = ctx.workbook.worksheets.getItemOrNullObject("Ny");
      await ctx.sync();
      expect(before.isNullObject).toBe(true);
      expect(after.isNullObject).toBe(false);
    });
  });

  it("cannot be acted on: the batch fails, and what came before it stands", async () => {
    const fake = createFakeExcel();
    const code = await codeOf(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Blad1").getRange("A1").values = [["före"]];
        ctx.workbook.worksheets.getItemOrNullObject("Saknas").getRange("A1").values = [[1]];
        ctx.workbook.worksheets.getItem("Blad1").getRange("A2").values = [["efter"]];
        await ctx.sync();
      }),
    );
    expect(code).toBe("InvalidOperation");
    expect(fake.getValue("Blad1", "A1")).toBe("före");
    expect(fake.getValue("Blad1", "A2")).toBeNull();
  });

  it("getItem of a missing sheet fails the batch with ItemNotFound, and loads stay unloaded", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Blad1", values: [[1]] }] });
    await fake.run(async (ctx) => {
      const a1 = ctx.workbook.worksheets.getItem("Blad1").getRange("A1");
      a1.load("values");
      ctx.workbook.worksheets.getItem("Saknas");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
      expect(() => a1.values).toThrow(/not available/);
    });
  });
});

describe("worksheets", () => {
  it("refuse to delete a very hidden sheet or the last visible one, and duplicate names", async () => {
    const fake = createFakeExcel({
      sheets: [{ name: "Blad1" }, { name: "Dold", visibility: "VeryHidden" }],
    });
    const attempt = (f: (ctx: Excel.RequestContext) => void) =>
      codeOf(
        fake.run(async (ctx) => {
          f(ctx);
          await ctx.sync();
        }),
      );
    expect(await attempt((ctx) => ctx.workbook.worksheets.getItem("Dold").delete())).toBe(
      "InvalidOperation",
    );
    expect(await attempt((ctx) => ctx.workbook.worksheets.getItem("Blad1").delete())).toBe(
      "InvalidOperation",
    );
    expect(await attempt((ctx) => void ctx.workbook.worksheets.add("BLAD1"))).toBe(
      "ItemAlreadyExists",
    );
    expect(await attempt((ctx) => void ctx.workbook.worksheets.add("a/b"))).toBe("InvalidArgument");
    expect(fake.sheetNames()).toEqual(["Blad1", "Dold"]);
  });

  it("give the used range, or its first cell on a blank sheet", async () => {
    const fake = createFakeExcel({
      sheets: [
        {
          name: "Blad1",
          top: 2,
          left: 1,
          values: [
            [1, null],
            [null, "x"],
          ],
        },
        { name: "Tom" },
      ],
    });
    await fake.run(async (ctx) => {
      const used = ctx.workbook.worksheets.getItem("Blad1").getUsedRange(true);
      const blank = ctx.workbook.worksheets.getItem("Tom").getUsedRange();
      used.load("address");
      blank.load("address");
      await ctx.sync();
      expect(used.address).toBe("Blad1!B3:C4");
      expect(blank.address).toBe("Tom!A1");
    });
  });
});

describe("tables", () => {
  it("append a column by name, shifting what stands right of the table", async () => {
    const fake = createFakeExcel({
      sheets: [
        {
          name: "Blad1",
          values: [
            ["Region", "AT", null, "annat"],
            ["Skåne", 3, null, null],
          ],
          tables: [{ name: "Regioner", range: "A1:B2" }],
        },
      ],
    });
    await fake.run(async (ctx) => {
      const columns = ctx.workbook.tables.getItem("Regioner").columns;
      columns.add(undefined, undefined, "Summa");
      columns.add(undefined, undefined, "Mer");
      await ctx.sync();
    });
    expect(fake.getTable("Regioner")).toMatchObject({
      range: "A1:D2",
      columns: ["Region", "AT", "Summa", "Mer"],
    });
    // "annat" in D1 was in the way of the second column: shifted right within the table's rows.
    expect(fake.getValue("Blad1", "E1")).toBe("annat");
  });

  it("getTables: the tables a range touches; getFirst fails where there is none", async () => {
    const fake = createFakeExcel({
      sheets: [
        {
          name: "Blad1",
          values: [
            ["a", "b"],
            [1, 2],
          ],
          tables: [{ name: "T", range: "A1:B2" }],
        },
      ],
    });
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Blad1");
      const inside = ws.getRange("B2").getTables(false);
      inside.load("items/name");
      const first = ws.getRange("A1").getTables().getFirst();
      first.load("name");
      await ctx.sync();
      expect(inside.items.map((t) => t.name)).toEqual(["T"]);
      expect(first.name).toBe("T");
      ws.getRange("D9").getTables().getFirst();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });
});

describe("limits and errors Office.js has", () => {
  it("refuses a request above it, and applies none of it", async () => {
    const fake = createFakeExcel({ payloadLimitBytes: 10_000 });
    const code = await codeOf(
      fake.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Blad1");
        ws.getRange("A1").values = [["small"]];
        ws.getRange("A2").values = [["x".repeat(20_000)]];
        await ctx.sync();
      }),
    );
    expect(code).toBe("RequestPayloadSizeLimitExceeded");
    expect(fake.getValue("Blad1", "A1")).toBeNull();
    expect(fake.syncs[0].requestBytes).toBeGreaterThan(20_000);
  });

  it("getSelectedRange fails with InvalidSelection where a chart is selected", async () => {
    const fake = createFakeExcel({ selection: "chart" });
    const code = await codeOf(
      fake.run(async (ctx) => {
        ctx.workbook.getSelectedRange().load("address");
        await ctx.sync();
      }),
    );
    expect(code).toBe("InvalidSelection");
  });
});

describe("what real Excel does to a batch", () => {
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => "ok",
      (e: { code?: string }) => e.code,
    );

  it("fails a batch while a cell is being edited, unless delayForCellEdit; then it waits", async () => {
    const fake = createFakeExcel();
    fake.setCellEditMode(true);
    const write = (ctx: Excel.RequestContext) => {
      ctx.workbook.worksheets.getItem("Blad1").getRange("A1").values = [[1]];
      return ctx.sync();
    };
    expect(await codeOf(fake.run(write))).toBe("InvalidOperationInCellEditMode");
    expect(fake.getValue("Blad1", "A1")).toBeNull();
    const delayed = fake.run(write, { delayForCellEdit: true });
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.getValue("Blad1", "A1")).toBeNull();
    fake.setCellEditMode(false);
    await delayed;
    expect(fake.getValue("Blad1", "A1")).toBe(1);
  });

  it("refuses adding, deleting and hiding sheets where the structure is protected", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Blad1" }, { name: "B" }] });
    fake.protectStructure(true);
    expect(await codeOf(fake.run(async (ctx) => void ctx.workbook.worksheets.add("Ny")))).toBe(
      "AccessDenied",
    );
    expect(
      await codeOf(fake.run(async (ctx) => ctx.workbook.worksheets.getItem("B").delete())),
    ).toBe("AccessDenied");
    expect(
      await codeOf(
        fake.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("B").visibility = "Hidden";
        }),
      ),
    ).toBe("AccessDenied");
    expect(fake.sheetNames()).toEqual(["Blad1", "B"]);
    const loaded = await fake.run(async (ctx) => {
      const p = ctx.workbook.protection.load("protected");
      const s = ctx.workbook.worksheets.getItem("B").protection.load("protected");
      await ctx.sync();
      return [p.protected, s.protected];
    });
    expect(loaded).toEqual([true, false]);
  });

  it("fails a member of a later ExcelApi set with ApiNotFound", async () => {
    const fake = createFakeExcel({ apiVersion: "1.12" });
    expect(fake.isSetSupported("1.12")).toBe(true);
    expect(fake.isSetSupported("1.13")).toBe(false);
    const merges = (ctx: Excel.RequestContext) => {
      ctx.workbook.worksheets.getItem("Blad1").getRange("A1:B2").getMergedAreasOrNullObject();
      return ctx.sync();
    };
    expect(await codeOf(fake.run(merges))).toBe("ApiNotFound");
    const notes = (ctx: Excel.RequestContext) => {
      ctx.workbook.worksheets.getItem("Blad1").notes.load("items");
      return ctx.sync();
    };
    expect(await codeOf(fake.run(notes))).toBe("ApiNotFound");
  });

  it("lists comments and notes with their cells, and clearing everything takes them", async () => {
    const fake = createFakeExcel({
      sheets: [{ name: "Blad1", comments: { B2: "Kolla" }, notes: { C3: "OBS" } }],
    });
    const where = await fake.run(async (ctx) => {
      const comments = ctx.workbook.comments.load("items/content");
      const notes = ctx.workbook.worksheets.getItem("Blad1").notes.load("items/content");
      await ctx.sync();
      const at = [...comments.items, ...notes.items].map((c) => c.getLocation().load("address"));
      await ctx.sync();
      return at.map((r) => r.address);
    });
    expect(where).toEqual(["Blad1!B2", "Blad1!C3"]);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Blad1").getRange("A1:C3").clear("All");
      await ctx.sync();
    });
    const count = await fake.run(async (ctx) => {
      const n = ctx.workbook.comments.getCount();
      await ctx.sync();
      return n.value;
    });
    expect(count).toBe(0);
  });

  it("records application.calculate with the sync that carried it", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      await ctx.sync();
      ctx.workbook.application.calculate("Recalculate" as Excel.CalculationType);
      await ctx.sync();
    });
    expect(fake.calculations).toEqual([{ type: "Recalculate", sync: 1 }]);
  });
});
