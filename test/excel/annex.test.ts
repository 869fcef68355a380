/**
 * The decision annex written by the add-in into the fake Excel: in the write's own batches
 * (no sync of its own), its page layout recorded (Worksheet.pageLayout, ExcelApi 1.9),
 * replaced on a re-run, a user's sheet of that name refused with nothing changed, and an
 * Excel without 1.9 told in the notices.
 */
import { HostConflictError } from "../../src/app/host";
import { createFakeExcel } from "../../src/excel/fake";
import { caseRows, plannedCase } from "./caseSetup";

const rows = caseRows();
const HALLAND_ROW = rows.findIndex((r) => r[0] === "Halland") + 1;
const setup = plannedCase;

test("written with its page layout in the write's own batches: the same syncs as without it", async () => {
  const a = setup();
  const plan = await a.plan();
  const report = await a.host.writePlan(plan);
  const annex = plan.annex!;
  expect(a.fake.sheetNames()).toEqual(["Blad1", "ATF_meta", "AT-fördelning 2024", "Beslutsbilaga"]);
  expect(a.fake.getValue("Beslutsbilaga", "A1")).toBe("Beslutsbilaga – AT-fördelning 2024");
  // Every planned value is in the sheet (formulas calculated to the planned value).
  annex.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell.value === null) return;
      const a1 = `${String.fromCharCode(65 + c)}${r + 1}`;
      const got = a.fake.getCell("Beslutsbilaga", a1);
      expect({ a1, value: got?.value }).toEqual({ a1, value: cell.value });
    }),
  );
  const header = annex.pageLayout.titleRows.first + 1;
  expect(a.fake.getSheet("Beslutsbilaga")!.pageLayout).toEqual({
    paperSize: "A4",
    orientation: "Portrait",
    printTitleRows: `$${header}:$${header}`,
    zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    centerHeader: "AT-fördelning 2024 – Diarienummer S2024/00586",
    centerFooter: "Sida &P av &N",
  });
  expect(report.notices).toBeUndefined();

  const b = setup();
  const { annex: _left, ...without } = await b.plan();
  const reportWithout = await b.host.writePlan(without);
  expect(b.fake.sheetNames()).not.toContain("Beslutsbilaga");
  expect(report.syncs).toBe(reportWithout.syncs);
});

test("a re-run replaces it, once, with the new figures", async () => {
  const { fake, host, plan } = setup();
  await host.writePlan(await plan());
  fake.setValues("Blad1", `C${HALLAND_ROW}`, [[70]]);
  const second = await plan();
  expect(second.annex!.replaces).toBe(true);
  const before = fake.syncCount;
  await host.writePlan(second);
  const first = fake.syncs.slice(before);
  expect(first.every((s) => !s.error)).toBe(true);
  expect(fake.sheetNames().filter((n) => n === "Beslutsbilaga")).toHaveLength(1);
  const halland = second.annex!.cells.find((r) => r[1]?.value === "Halland")!;
  const row = second.annex!.cells.indexOf(halland) + 1;
  expect(fake.getValue("Beslutsbilaga", `E${row}`)).toBe(halland[4].value);
  expect(fake.getSheet("Beslutsbilaga")!.pageLayout.paperSize).toBe("A4");
});

test("a user's sheet named Beslutsbilaga: refused, naming it, nothing changed", async () => {
  const { fake, host, plan } = setup({
    extra: { name: "Beslutsbilaga", values: [["Mina anteckningar"]] },
  });
  const p = await plan();
  expect(p.conflicts).toEqual([{ sheet: "Beslutsbilaga", cell: "A1" }]);
  const snapshot = fake.snapshot();
  await expect(host.writePlan(p)).rejects.toBeInstanceOf(HostConflictError);
  expect(fake.snapshot()).toBe(snapshot);
});

test("the record names it but its A1 is the user's since: refused in the plan, or by the host when typed after the read", async () => {
  const { fake, host, plan } = setup();
  await host.writePlan(await plan());
  // Typed between the read and the write: the host's look before writing catches it.
  const p = await plan();
  expect(p.annex!.replaces).toBe(true);
  fake.setValues("Beslutsbilaga", "A1", [["Mitt eget blad"]]);
  const snapshot = fake.snapshot();
  const err = await host.writePlan(p).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(HostConflictError);
  expect((err as HostConflictError).cells).toEqual([{ sheet: "Beslutsbilaga", cell: "A1" }]);
  expect(fake.snapshot()).toBe(snapshot);
  // Read again: the read sees every sheet it needs, so the plan itself names the cell.
  const again = await plan();
  expect(again.conflicts).toEqual([{ sheet: "Beslutsbilaga", cell: "A1" }]);
  await expect(host.writePlan(again)).rejects.toBeInstanceOf(HostConflictError);
  expect(fake.snapshot()).toBe(snapshot);
});

test("a sheet of that name added by the user between the read and the write: refused, nothing changed", async () => {
  const { fake, host, plan } = setup();
  const p = await plan();
  expect(p.annex!.replaces).toBe(false);
  fake.addSheet({ name: "Beslutsbilaga", values: [["Mitt blad"]] });
  const snapshot = fake.snapshot();
  const err = await host.writePlan(p).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(HostConflictError);
  expect(fake.snapshot()).toBe(snapshot);
  expect(fake.getValue("Beslutsbilaga", "A1")).toBe("Mitt blad");
});

test("an Excel without ExcelApi 1.9: the annex is written without its page layout, and the notice says so", async () => {
  const { fake, host, plan } = setup({ apiVersion: "1.8" });
  const report = await host.writePlan(await plan());
  expect(fake.getValue("Beslutsbilaga", "A1")).toBe("Beslutsbilaga – AT-fördelning 2024");
  expect(fake.getSheet("Beslutsbilaga")!.pageLayout).toEqual({});
  expect(report.notices?.map((n) => n.sv).join(" ")).toContain("ExcelApi 1.9");
});

test("the fake's pageLayout: set at sync, read after load, ApiNotFound before 1.9", async () => {
  const fake = createFakeExcel({ sheets: [{ name: "Blad1", values: [["x"]] }] });
  await fake.run(async (ctx) => {
    const pl = ctx.workbook.worksheets.getItem("Blad1").pageLayout;
    pl.orientation = "Landscape" as Excel.PageOrientation;
    expect(fake.getSheet("Blad1")!.pageLayout).toEqual({});
    pl.load("orientation");
    await ctx.sync();
    expect(pl.orientation).toBe("Landscape");
  });
  const old = createFakeExcel({ sheets: [{ name: "Blad1", values: [["x"]] }], apiVersion: "1.8" });
  await expect(
    old.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Blad1").pageLayout.setPrintTitleRows("$1:$1");
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "ApiNotFound" });
});
