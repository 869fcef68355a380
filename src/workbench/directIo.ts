/** The .xlsx reader and writer in the same thread: for node (tests, scripts). */
import { readXlsxModel, writeXlsxModel } from "./xlsxBridge";
import type { XlsxIo } from "./xlsxIo";

export const directIo: XlsxIo = { read: readXlsxModel, write: writeXlsxModel };
