/**
 * The workbench's state: a user's typing goes into the fake as Excel takes it, every change
 * (typing, clicks, the adapter's batches) signals the grid, and the real adapter on the store's
 * run writes what the command line computes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readAndAllocate } from "../../src/app/pipeline";
import { getRuleSet } from "../../src/domain/rules";
import { createExcelHost } from "../../src/excel/excelHost";
import { readWorkbookFile } from "../../src/files/readWorkbookFile";
import { planWrite } from "../../src/workbook/planWrite";
import { directIo } from "../../src/workbench/directIo";
import { WorkbenchStore } from "../../src/workbench/store";
import type { XlsxIo } from "../../src/workbench/xlsxIo";

const SAMPLE = path.resolve(__dirname, "../../examples/regioner-2024.xlsx");

async function loaded(): Promise<WorkbenchStore> {
  const store = new WorkbenchStore(directIo);
  await store.loadBytes(fs.readFileSync(SAMPLE), "regioner-2024.xlsx", {
    kind: "sample",
    year: 2024,
  });
  return store;
}

describe("the workbench store", () => {
  it("starts on an empty workbook, Blad1, as Excel opens", () => {
    const store = new WorkbenchStore(directIo);
    expect(store.workbook.fake.sheetNames()).toEqual(["Blad1"]);
    expect(store.workbook.origin).toEqual({ kind: "empty" });
  });

  it("takes typing as Excel does and signals every change", async () => {
    const store = await loaded();
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.getVersion()));
    store.editA1("Regioner", "E13", "I.U");
    store.editA1("Regioner", "F10", "=1+1");
    store.editA1("Regioner", "A4", "=1+1"); // a text-formatted cell keeps the text
    store.editA1("Regioner", "D4", "300");
    store.editA1("Regioner", "E4", "");
    const fake = store.workbook.fake;
    expect(fake.getValue("Regioner", "E13")).toBe("I.U");
    expect(fake.getValue("Regioner", "F10")).toEqual({ formula: "=1+1" });
    expect(fake.getValue("Regioner", "A4")).toBe("=1+1");
    expect(fake.getValue("Regioner", "D4")).toBe(300);
    expect(fake.getValue("Regioner", "E4")).toBeNull();
    store.select("Regioner", "B7");
    store.activate("Om exemplet");
    expect(fake.activeSheet()).toBe("Om exemplet");
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it("runs the real adapter on the fake, signalling after each batch, and writes the CLI's amounts", async () => {
    const store = await loaded();
    const entry = store.workbook;
    const host = createExcelHost(store.runFor(entry.fake));
    let signals = 0;
    store.subscribe(() => signals++);

    const rules = getRuleSet(2024)!;
    const grid = await host.readWorkbook();
    expect(entry.runs).toBe(1);
    expect(signals).toBe(1);
    const outcome = readAndAllocate(grid, rules, {});
    const plan = planWrite({
      workbook: grid,
      read: outcome.read!,
      result: outcome.result!,
      issues: outcome.issues,
      lang: "sv",
      now: new Date("2025-03-14T10:00:00Z"),
      sourceName: entry.name,
    });
    await host.writePlan(plan);
    expect(entry.runs).toBe(2);
    expect(signals).toBe(2);
    expect(entry.lastRunAt).toBeGreaterThan(0);

    // The command line's reader on the same file gives the same allocation.
    const cli = readAndAllocate(await readWorkbookFile(SAMPLE), rules, {}).result!;
    const fake = entry.fake;
    const codes = fake.getValues("Regioner", "A4:A24").map((r) => r[0]);
    const totals = fake.getValues("Regioner", "I4:I24").map((r) => r[0]);
    expect(fake.getValue("Regioner", "I3")).toBe("Summa");
    expect(codes.map((code, i) => [code, totals[i]])).toEqual(
      cli.regions.map((r) => [r.code, r.total]),
    );
    expect(fake.sheetNames()).toContain("AT-fördelning 2024");
  });

  it("recalculates after an edit, so the summary's verdict flips as in Excel", async () => {
    const store = await loaded();
    const entry = store.workbook;
    const host = createExcelHost(store.runFor(entry.fake));
    const rules = getRuleSet(2024)!;
    const grid = await host.readWorkbook();
    const outcome = readAndAllocate(grid, rules, {});
    await host.writePlan(
      planWrite({
        workbook: grid,
        read: outcome.read!,
        result: outcome.result!,
        issues: outcome.issues,
        lang: "sv",
        now: new Date("2025-03-14T10:00:00Z"),
        sourceName: entry.name,
      }),
    );
    const verdict = () => entry.fake.getCell("AT-fördelning 2024", "A2")?.value;
    expect(verdict()).toBe("Alla kontroller stämmer");
    store.editA1("Regioner", "G4", "1");
    expect(String(verdict())).toMatch(/stämmer inte/);
  });

  it("keeps the current workbook when a file cannot be read, and saves through its io", async () => {
    const failing: XlsxIo = {
      read: async () => {
        throw new Error("inte en xlsx");
      },
      write: async () => new Uint8Array([1, 2, 3]),
    };
    const store = new WorkbenchStore(failing);
    const before = store.workbook;
    await expect(store.loadBytes(new Uint8Array([0]), "trasig.xlsx")).rejects.toThrow(
      "inte en xlsx",
    );
    expect(store.workbook).toBe(before);
    await expect(store.save()).resolves.toEqual(new Uint8Array([1, 2, 3]));
  });

  it("ignores the batches of a workbook no longer shown", async () => {
    const store = await loaded();
    const old = store.workbook;
    const run = store.runFor(old.fake);
    store.clear();
    let signals = 0;
    store.subscribe(() => signals++);
    await run(async (ctx) => {
      ctx.workbook.worksheets.load("items/name");
      await ctx.sync();
    });
    expect(signals).toBe(0);
    expect(store.workbook.runs).toBe(0);
  });
});
