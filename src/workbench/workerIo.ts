/** The page's side of the .xlsx worker: requests by id, answers as promises. */
import type { XlsxModel } from "./xlsxModel";
import type { XlsxIo, XlsxRequest, XlsxResponse } from "./xlsxIo";

/** Starts the worker; webpack builds xlsxWorker.ts as a script of its own. */
export function startXlsxWorker(): Worker {
  // @ts-expect-error import.meta: webpack's worker syntax; tsc checks the project as CommonJS.
  return new Worker(new URL("./xlsxWorker.ts", import.meta.url), { name: "xlsx" });
}

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

type Pending = { resolve(response: XlsxResponse): void; reject(error: Error): void };

/** An XlsxIo whose worker starts at the first call (exceljs is 1 MB the page mostly never needs). */
export function lazyWorkerIo(start: () => Worker = startXlsxWorker): XlsxIo {
  let io: XlsxIo | null = null;
  const get = () => (io ??= workerIo(start()));
  return {
    read: (bytes) => get().read(bytes),
    write: (model) => get().write(model),
  };
}

export function workerIo(worker: Worker): XlsxIo {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  worker.onmessage = (event: MessageEvent<XlsxResponse>) => {
    const waiting = pending.get(event.data.id);
    if (!waiting) return;
    pending.delete(event.data.id);
    waiting.resolve(event.data);
  };
  worker.onerror = (event) => {
    const error = new Error(event.message || "the .xlsx worker failed");
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };

  const ask = (request: WithoutId<XlsxRequest>, transfer: Transferable[] = []) =>
    new Promise<XlsxResponse>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id }, transfer);
    }).then((response) => {
      if (!response.ok) throw new Error(response.message);
      return response;
    });

  const model = (response: XlsxResponse): XlsxModel => {
    if (!response.ok || !("model" in response))
      throw new Error("unexpected answer from the worker");
    return response.model;
  };

  return {
    async read(bytes) {
      // A copy is transferred: the caller keeps its bytes.
      const copy = bytes instanceof Uint8Array ? bytes.slice().buffer : bytes.slice(0);
      return model(await ask({ op: "read", bytes: copy as ArrayBuffer }, [copy as ArrayBuffer]));
    },
    async write(data) {
      const response = await ask({ op: "write", model: data });
      if (!response.ok || !("bytes" in response))
        throw new Error("unexpected answer from the worker");
      return new Uint8Array(response.bytes);
    },
  };
}
