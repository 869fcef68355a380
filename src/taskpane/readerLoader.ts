/**
 * The reader and the engine (app/pipeline: readRegionTable, the engine, the quiet-zero check)
 * as a chunk of their own, not part of the pane's first paint (bench/bundle.ts). The pane starts
 * fetching it as soon as it has painted, and every read of the workbook waits for it
 * (withReader, in useAllocation), so the synchronous `readAndAllocate` below — which allocates
 * what a read returned — is only called once it is here.
 */
import type { WorkbookHost } from "../app/host";
import type { ReadOutcome } from "../app/pipeline";

type Pipeline = typeof import("../app/pipeline") & typeof import("../workbook/readRegionTable");

let pipeline: Pipeline | null = null;
let loading: Promise<Pipeline> | null = null;

/** Fetches the reader's chunk (once); resolves when it can be used. */
export function loadReader(): Promise<Pipeline> {
  loading ??= Promise.all([
    import(/* webpackChunkName: "reader" */ "../app/pipeline"),
    import(/* webpackChunkName: "reader" */ "../workbook/readRegionTable"),
  ]).then(([p, r]) => (pipeline = { ...r, ...p }));
  return loading;
}

/** app/pipeline's readAndAllocate, once loadReader has resolved. */
export function readAndAllocate(...args: Parameters<Pipeline["readAndAllocate"]>): ReadOutcome {
  if (!pipeline) throw new Error("The reader is still loading (loadReader first)");
  return pipeline.readAndAllocate(...args);
}

/** The same host, whose readWorkbook first waits for the reader's chunk. */
export function withReader<H extends WorkbookHost>(host: H): H {
  return new Proxy(host, {
    get(target, prop) {
      if (prop === "readWorkbook") {
        return async () => {
          await loadReader();
          return target.readWorkbook();
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Whether an issue is the reader's "no region table here" (TABLE_NOT_FOUND). */
export function tableNotFound(issue: { code: string }): boolean {
  if (!pipeline) throw new Error("The reader is still loading (loadReader first)");
  return issue.code === pipeline.TABLE_NOT_FOUND;
}

// After the first paint, not before it: the reader is needed at the first Läs in.
if (typeof window !== "undefined") window.setTimeout(() => void loadReader().catch(() => {}), 0);
