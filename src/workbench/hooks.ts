/**
 * `window.__workbench`: what the end-to-end tests and the benchmark ask the page, so that they
 * check the simulated workbook's cells themselves rather than what the grid happens to draw.
 */
import type { FakeValue } from "../excel/fake";
import type { Lang } from "../domain/ruleSet";
import { parseA1, rangeA1, toA1 } from "../workbook/a1";
import { displayText } from "./cellFormat";
import type { WorkbenchStore } from "./store";

export interface WorkbenchHooks {
  /** A cell's content as the fake holds it: a formula shows as { formula }. */
  cell(sheet: string, a1: string): FakeValue;
  /** A cell as the grid shows it (number format applied). */
  text(sheet: string, a1: string): string;
  /** A cell's number format, null for General. */
  numberFormat(sheet: string, a1: string): string | null;
  values(sheet: string, range: string): FakeValue[][];
  /** The used range of a sheet ("A1:F24"), null when empty. */
  usedRange(sheet: string): string | null;
  sheetNames(): string[];
  sheets(): { name: string; visibility: string }[];
  activeSheet(): string;
  selection(): { sheet: string; address: string } | "chart" | null;
  table(name: string): { name: string; sheet: string; range: string; columns: string[] } | null;
  /** The whole workbook as a string: equal strings, nothing changed. */
  snapshot(): string;
  /** Cells holding formulas, as "Sheet!A1" (the add-in never writes one). */
  formulaCells(): string[];
  /** A click on a cell (or a range): the selection moves there, its sheet becomes active. */
  select(sheet: string, address: string): void;
  /** Typing into a cell, as a user would (parsed like Excel's typed input). */
  setCell(sheet: string, a1: string, text: string): void;
  /** Loads .xlsx bytes (base64 or bytes) as the workbook; resolves with its id once it is in. */
  loadXlsx(bytes: string | ArrayBuffer | Uint8Array | number[], name?: string): Promise<number>;
  /** The workbook as .xlsx, base64. */
  saveXlsxBase64(): Promise<string>;
  /** context.sync calls so far on this workbook. */
  syncCount(): number;
  /** Excel.run batches completed on this workbook (a read is one, a write two). */
  runCount(): number;
  /** performance.now() when the last of those batches completed. */
  lastRunAt(): number;
  /** The current workbook's id (data-workbook on the page). */
  workbookId(): number;
  lang(): Lang;
  /** performance.now() when the task pane was first ready to read, per workbook id. */
  readyAt: Record<number, number>;
}

declare global {
  interface Window {
    __workbench?: WorkbenchHooks;
  }
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function createHooks(store: WorkbenchStore, lang: () => Lang): WorkbenchHooks {
  const fake = () => store.workbook.fake;
  return {
    cell: (sheet, a1) => fake().getValue(sheet, a1),
    text: (sheet, a1) => displayText(fake().getCell(sheet, a1), lang()),
    numberFormat: (sheet, a1) => fake().getCell(sheet, a1)?.numberFormat ?? null,
    values: (sheet, range) => fake().getValues(sheet, range),
    usedRange(sheet) {
      const s = fake().model.sheetOrThrow(sheet);
      const used = fake().model.usedRange(s, true);
      return used
        ? rangeA1(used.top, used.left, used.top + used.rows - 1, used.left + used.cols - 1)
        : null;
    },
    sheetNames: () => fake().sheetNames(),
    sheets: () => fake().model.sheets.map((s) => ({ name: s.name, visibility: s.visibility })),
    activeSheet: () => fake().activeSheet(),
    selection: () => fake().selection(),
    table(name) {
      const t = fake().getTable(name);
      return t ? { name: t.name, sheet: t.sheet, range: t.range, columns: t.columns } : null;
    },
    snapshot: () => fake().snapshot(),
    formulaCells() {
      const out: string[] = [];
      for (const s of fake().model.sheets) {
        for (const [r, c, cell] of s.entries()) {
          if (cell.formula !== undefined) out.push(`${s.name}!${toA1(r, c)}`);
        }
      }
      return out;
    },
    select: (sheet, address) => store.select(sheet, address),
    setCell(sheet, a1, text) {
      const { row, col } = parseA1(a1);
      store.editCell(sheet, row, col, text);
    },
    async loadXlsx(bytes, name = "arbetsbok.xlsx") {
      const data =
        typeof bytes === "string"
          ? fromBase64(bytes)
          : Array.isArray(bytes)
            ? Uint8Array.from(bytes)
            : bytes;
      return (await store.loadBytes(data, name)).id;
    },
    async saveXlsxBase64() {
      return toBase64(await store.save());
    },
    syncCount: () => fake().syncCount,
    runCount: () => store.workbook.runs,
    lastRunAt: () => store.workbook.lastRunAt,
    workbookId: () => store.workbook.id,
    lang,
    readyAt: {},
  };
}
