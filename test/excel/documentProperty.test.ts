/**
 * The run's fingerprint as a document custom property from the add-in (issue 11, Provenance):
 * Workbook.properties.custom.add in the write's last batch, no extra sync; replaced on a
 * re-run, the user's own properties kept; behind isSetSupported("1.7") with a notice where
 * Excel lacks it. And the fake's CustomPropertyCollection keeps Office.js's load/sync rules.
 */
import { createFakeExcel } from "../../src/excel/fake";
import { MAX_PROPERTY_CHARS } from "../../src/workbook/provenance";
import { caseRows, plannedCase } from "./caseSetup";

const rows = caseRows();
const HALLAND_ROW = rows.findIndex((r) => r[0] === "Halland") + 1;
const setup = (apiVersion?: string) => plannedCase({ apiVersion });

test("written in the write's own batches: the same syncs as without it", async () => {
  const a = setup();
  const plan = await a.plan();
  const report = await a.host.writePlan(plan);
  const prov = plan.ownership.provenance!;
  expect(a.fake.customProperties()).toEqual([
    { key: "AT-fördelning", value: plan.documentProperty!.value, type: "String" },
  ]);
  expect(plan.documentProperty!.value).toContain(`regler sha256:${prov.ruleSet.fingerprint}`);
  expect(plan.documentProperty!.value).toContain(`indata sha256:${prov.inputs.fingerprint}`);
  expect(plan.documentProperty!.value.startsWith("2024; S2024/00586; ")).toBe(true);
  expect(report.notices).toBeUndefined();

  const b = setup();
  const without = { ...(await b.plan()), documentProperty: undefined };
  const reportWithout = await b.host.writePlan(without);
  expect(b.fake.customProperties()).toEqual([]);
  expect(report.syncs).toBe(reportWithout.syncs);
});

test("a re-run replaces it; the user's own properties are kept", async () => {
  const { fake, host, plan } = setup();
  await fake.run(async (ctx) => {
    ctx.workbook.properties.custom.add("Granskare", "Eva");
    await ctx.sync();
  });
  const first = await plan();
  await host.writePlan(first);
  fake.setValues("Blad1", `C${HALLAND_ROW}`, [[70]]);
  const second = await plan();
  expect(second.documentProperty!.value).not.toBe(first.documentProperty!.value);
  await host.writePlan(second);
  expect(fake.customProperties()).toEqual([
    { key: "Granskare", value: "Eva", type: "String" },
    { key: "AT-fördelning", value: second.documentProperty!.value, type: "String" },
  ]);
});

test("an Excel without ExcelApi 1.7: written without it, and the notice says so", async () => {
  const { fake, host, plan } = setup("1.6");
  const report = await host.writePlan(await plan());
  expect(fake.customProperties()).toEqual([]);
  expect(report.notices?.map((n) => n.sv).join(" ")).toContain("ExcelApi 1.7");
  expect(fake.sheetNames()).toContain("AT-fördelning 2024");
});

test("the value stays within the 255 characters Excel keeps, the fingerprints whole", async () => {
  const { plan } = setup();
  const p = await plan();
  const long = "Socialstyrelsen, anvisningar för prestationsbaserade medel ".repeat(4);
  const { documentPropertyOf } = await import("../../src/workbook/provenance");
  const prov = p.ownership.provenance!;
  const value = documentPropertyOf(
    2024,
    { ...prov, ruleSet: { ...prov.ruleSet, reference: long } },
    p.ownership.writtenAt,
  ).value;
  expect(value.length).toBeLessThanOrEqual(MAX_PROPERTY_CHARS);
  expect(value).toContain(prov.ruleSet.fingerprint);
  expect(value).toContain(prov.inputs.fingerprint);
  expect(value.endsWith(p.ownership.writtenAt)).toBe(true);
});

describe("the fake's custom properties follow Office.js's rules", () => {
  test("a value is read only after load and sync; add sets an existing key, whatever its case", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Blad1", values: [["x"]] }] });
    await fake.run(async (ctx) => {
      const custom = ctx.workbook.properties.custom;
      custom.add("Nyckel", "ett");
      custom.add("NYCKEL", 2);
      const item = custom.getItemOrNullObject("nyckel");
      item.load("key,value,type");
      expect(() => item.value).toThrow(/not available/);
      await ctx.sync();
      expect([item.key, item.value, item.type]).toEqual(["Nyckel", 2, "Number"]);
      custom.load("items/key");
      await ctx.sync();
      expect(custom.items.map((i) => i.key)).toEqual(["Nyckel"]);
    });
  });

  test("before ExcelApi 1.7 the batch fails with ApiNotFound", async () => {
    const fake = createFakeExcel({
      sheets: [{ name: "Blad1", values: [["x"]] }],
      apiVersion: "1.6",
    });
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.properties.custom.add("a", "b");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  test("a text longer than 255 characters is cut, as Excel outside the web does", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Blad1", values: [["x"]] }] });
    await fake.run(async (ctx) => {
      ctx.workbook.properties.custom.add("a", "x".repeat(300));
      await ctx.sync();
    });
    expect(fake.customProperties()[0].value).toBe("x".repeat(255));
  });
});
