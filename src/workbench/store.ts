/**
 * The workbench's state: the simulated workbook (a fake Excel and what rides beside it), and a
 * change signal for the grid. The fake has no change events of its own, so the store hands the
 * adapter a `run` that signals after every batch, and signals itself after every user edit:
 * whatever changed the cells, the grid re-renders right after.
 */
import type { ExcelRun } from "../excel/errors";
import { createFakeExcel, type FakeExcel } from "../excel/fake";
import { parseA1 } from "../workbook/a1";
import type { Text } from "../domain/ruleSet";
import type { XlsxIo } from "./xlsxIo";
import {
  cellKey,
  emptyExtras,
  fakeToModel,
  modelToFake,
  type LoadedWorkbook,
  type WorkbookExtras,
} from "./xlsxModel";

export interface WorkbookEntry {
  /** Changes on every load: the task pane is mounted anew for each workbook. */
  id: number;
  /** The file name, for the summary sheet's "read from …" and the save dialog. */
  name: string;
  /** Where it came from: a sample (its year), a file the user opened, or nothing. */
  origin: WorkbookOrigin;
  fake: FakeExcel;
  extras: WorkbookExtras;
  warnings: Text[];
  /** Excel.run batches completed on it (a read is one, a write two): for tests to wait on. */
  runs: number;
  /** performance.now() when the last of them completed (for the benchmark). */
  lastRunAt: number;
}

export type WorkbookOrigin =
  { kind: "sample"; year: number } | { kind: "file" } | { kind: "empty" };

function emptyWorkbook(): LoadedWorkbook {
  return { fake: createFakeExcel(), extras: emptyExtras(), warnings: [] };
}

export class WorkbenchStore {
  private entry: WorkbookEntry;
  private listeners = new Set<() => void>();
  private version = 0;
  private nextId = 1;

  constructor(private readonly io: XlsxIo) {
    this.entry = this.makeEntry("Bok1.xlsx", emptyWorkbook(), { kind: "empty" });
  }

  private makeEntry(name: string, loaded: LoadedWorkbook, origin: WorkbookOrigin): WorkbookEntry {
    return { id: this.nextId++, name, origin, runs: 0, lastRunAt: 0, ...loaded };
  }

  get workbook(): WorkbookEntry {
    return this.entry;
  }

  /** A number that changes whenever anything in the workbook may have changed. */
  getVersion = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  notify(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }

  /** The `Excel.run` of one workbook, signalling after each batch (failed ones too). */
  runFor(fake: FakeExcel): ExcelRun {
    return async (batch) => {
      try {
        return await fake.run(batch);
      } finally {
        // A batch of an older workbook changes nothing shown.
        if (fake === this.entry.fake) {
          this.entry.runs++;
          this.entry.lastRunAt = performance.now();
          this.notify();
        }
      }
    };
  }

  replace(name: string, loaded: LoadedWorkbook, origin: WorkbookOrigin): WorkbookEntry {
    this.entry = this.makeEntry(name, loaded, origin);
    this.notify();
    return this.entry;
  }

  /** Replaces the workbook with an .xlsx file's; on a bad file throws and keeps the current one. */
  async loadBytes(
    bytes: ArrayBuffer | Uint8Array,
    name: string,
    origin: WorkbookOrigin = { kind: "file" },
  ): Promise<WorkbookEntry> {
    return this.replace(name, modelToFake(await this.io.read(bytes)), origin);
  }

  /** A new empty workbook (one sheet, Blad1), as Excel opens. */
  clear(): WorkbookEntry {
    return this.replace("Bok1.xlsx", emptyWorkbook(), { kind: "empty" });
  }

  save(): Promise<Uint8Array> {
    return this.io.write(fakeToModel(this.entry.fake, this.entry.extras));
  }

  /**
   * A user's typing into a cell, as Excel takes it: parsed like typed input ("=1+1" becomes a
   * formula, "199" a number, "I.U" a text) unless the cell is formatted as text; "" empties it.
   * A formula remembered for the cell no longer describes it and is dropped (a note stays, as
   * in Excel).
   */
  editCell(sheetName: string, row: number, col: number, text: string): void {
    const { fake, extras } = this.entry;
    const sheet = fake.model.sheetOrThrow(sheetName);
    // As Excel: the typing raises onChanged (the pane's Live mode and stale preview hear it).
    fake.typeInto(sheet.name, row, col, text);
    extras.formulas.delete(cellKey(sheet.name, row, col));
    // Excel recalculates after an edit: the summary's check formulas (A2's verdict, the
    // check columns) flip as the user types over an amount, as they would in Excel.
    fake.calculate();
    this.notify();
  }

  editA1(sheetName: string, a1: string, text: string): void {
    const { row, col } = parseA1(a1);
    this.editCell(sheetName, row, col, text);
  }

  /** A click on a sheet tab: Excel activates the sheet (the selection moves to it). */
  activate(sheetName: string): void {
    const { model } = this.entry.fake;
    model.activate(model.sheetOrThrow(sheetName));
    this.notify();
  }

  /** A click on a cell. */
  select(sheetName: string, address: string): void {
    this.entry.fake.select(sheetName, address);
    this.notify();
  }
}
