import { createFakeExcel } from "../../src/excel/fake";
import {
  diagnosticChecks,
  runDiagnostics,
  type DiagnosticsEnvironment,
} from "../../src/excel/diagnostics";
import { formatReport } from "../../src/taskpane/diagnosticsText";
import { regionSheet } from "./helpers";

const ENV: DiagnosticsEnvironment = {
  host: "Excel",
  platform: "Workbench",
  version: "fake",
  addinVersion: "0.1.0",
  excelApi: ["1.1", "1.2", "1.9"],
};
const NOW = () => new Date("2026-01-02T03:04:05.000Z");

describe("Diagnostik", () => {
  test("passes every check on the fake Excel and leaves the workbook as it was", async () => {
    const fake = createFakeExcel({
      sheets: [regionSheet(3), { name: "Blad2" }],
      activeSheet: "Blad2",
    });
    const before = fake.snapshot();
    const report = await runDiagnostics((batch) => fake.run(batch), ENV, NOW);
    const failed = report.checks.filter((c) => !c.ok);
    expect(failed).toEqual([]);
    expect(report.checks.map((c) => c.id)).toEqual(diagnosticChecks().map((c) => c.id));
    expect(report.passed).toBe(report.checks.length);
    expect(fake.sheetNames()).toEqual(["Blad1", "Blad2"]);
    expect(fake.activeSheet()).toBe("Blad2");
    // The temporary sheets are gone, and nothing else changed.
    expect(fake.snapshot()).toBe(before);
  });

  test("a failing call is a failed line with Office's words, and the clean-up still runs", async () => {
    const fake = createFakeExcel({ sheets: [regionSheet(3)] });
    let calls = 0;
    const report = await runDiagnostics(
      async (batch) => {
        calls++;
        // The fourth run (reading the used range back) fails as Office.js would.
        if (calls === 4)
          throw Object.assign(new Error("The API is not supported"), { code: "ApiNotFound" });
        return fake.run(batch);
      },
      ENV,
      NOW,
    );
    const failed = report.checks.filter((c) => !c.ok);
    expect(failed.map((c) => c.id)).toEqual(["range.read"]);
    expect(failed[0].detail).toBe("ApiNotFound: The API is not supported");
    expect(report.checks.at(-1)).toMatchObject({ id: "cleanup", ok: true });
    expect(fake.sheetNames()).toEqual(["Blad1"]);
  });

  test("without the temporary sheet, the checks that need it are failed, not run", async () => {
    const fake = createFakeExcel({ sheets: [regionSheet(3)] });
    let calls = 0;
    const report = await runDiagnostics(
      async (batch) => {
        calls++;
        if (calls === 2) throw new Error("no sheets today");
        return fake.run(batch);
      },
      ENV,
      NOW,
    );
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId["sheet.add"]).toMatchObject({ ok: false, detail: "no sheets today" });
    expect(byId["range.write"]).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/skipped/),
    });
    expect(byId["sheet.veryHidden"].ok).toBe(true);
    expect(fake.sheetNames()).toEqual(["Blad1"]);
  });

  test("the report as text: environment, API sets, one line per check", async () => {
    const fake = createFakeExcel({ sheets: [regionSheet(3)] });
    const report = await runDiagnostics((batch) => fake.run(batch), ENV, NOW);
    const text = formatReport(report, "sv");
    expect(text).toContain("Tid: 2026-01-02T03:04:05.000Z");
    expect(text).toContain("Tillägg: 0.1.0");
    expect(text).toContain("Office: Excel, Workbench, fake");
    expect(text).toContain("ExcelApi: 1.1, 1.2, 1.9");
    expect(text).toMatch(/^OK {2}range\.textFormula – /m);
    expect(text.split("\n").filter((l) => /^(OK |FEL)/.test(l))).toHaveLength(report.checks.length);
    expect(formatReport(report, "en")).toContain("Result: ");
  });
});
