/**
 * The workbench's .xlsx worker: exceljs reads and writes files here, off the page's thread, so
 * the page renders while a workbook is parsed (and the 900 kB of exceljs never block it).
 */
import { readXlsxModel, writeXlsxModel } from "./xlsxBridge";
import type { XlsxRequest, XlsxResponse } from "./xlsxIo";

interface WorkerScope {
  onmessage: ((event: MessageEvent<XlsxRequest>) => void) | null;
  postMessage(message: XlsxResponse, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

async function handle(request: XlsxRequest): Promise<void> {
  try {
    switch (request.op) {
      case "read":
        scope.postMessage({ id: request.id, ok: true, model: await readXlsxModel(request.bytes) });
        break;
      case "write": {
        const bytes = await writeXlsxModel(request.model);
        const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
        scope.postMessage({ id: request.id, ok: true, bytes: buffer as ArrayBuffer }, [
          buffer as ArrayBuffer,
        ]);
        break;
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message || error.name : String(error);
    scope.postMessage({ id: request.id, ok: false, message });
  }
}

scope.onmessage = (event) => void handle(event.data);
