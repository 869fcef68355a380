/**
 * How the workbench turns .xlsx bytes into plain data and back. On the page it is a worker
 * (workerIo.ts), started at the first file, so exceljs never loads on the page's thread nor
 * before it is needed; in node it is exceljs directly (directIo.ts).
 */
import type { XlsxModel } from "./xlsxModel";

export interface XlsxIo {
  read(bytes: ArrayBuffer | Uint8Array): Promise<XlsxModel>;
  write(model: XlsxModel): Promise<Uint8Array>;
}

/** The messages between the page and the worker. */
export type XlsxRequest =
  { id: number; op: "read"; bytes: ArrayBuffer } | { id: number; op: "write"; model: XlsxModel };

export type XlsxResponse =
  | { id: number; ok: true; model: XlsxModel }
  | { id: number; ok: true; bytes: ArrayBuffer }
  | { id: number; ok: false; message: string };
