/**
 * The Office.js adapter (excel/excelHost: the batched read, the write runs, the checks before
 * writing) as a chunk of its own, not part of the pane's first paint (bench/bundle.ts). The
 * host the pane gets is the same ExcelHost, created when its chunk is here: every call waits
 * for it; the chunk is fetched right after the first paint. Until then nothing can have been
 * written, so isWriting and isOwnChange say no.
 */
import type { ExcelRun } from "../excel/errors";
import type { ExcelHost, ExcelHostOptions } from "../excel/excelHost";

export function createLazyExcelHost(run: ExcelRun, options?: ExcelHostOptions): ExcelHost {
  let host: ExcelHost | null = null;
  let loading: Promise<ExcelHost> | null = null;
  const load = (): Promise<ExcelHost> =>
    (loading ??= import(/* webpackChunkName: "excel" */ "../excel/excelHost").then(
      (m) => (host = m.createExcelHost(run, options)),
    ));
  if (typeof window !== "undefined") window.setTimeout(() => void load().catch(() => {}), 0);
  return {
    readWorkbook: async () => (await load()).readWorkbook(),
    writePlan: async (plan, onProgress) => (await load()).writePlan(plan, onProgress),
    selectCell: async (sheet, a1) => (await load()).selectCell(sheet, a1),
    insertSheet: async (plan) => (await load()).insertSheet(plan),
    readSheet: async (sheetName) => (await load()).readSheet(sheetName),
    isWriting: () => host?.isWriting() ?? false,
    isOwnChange: (event) => host?.isOwnChange(event) ?? false,
  };
}
