/**
 * The client side of the fake Excel: proxy objects that behave like Office.js ones where it
 * matters. Every method call, property set and load is queued and runs at `context.sync()`, in
 * order; a scalar property is readable only after it was loaded AND a sync ran; `isNullObject`
 * and ClientResult values likewise. An object is bound to what it refers to when the batch
 * reaches it (so `getItemOrNullObject(x)` queued before `add(x)` is a null object). What the
 * documentation leaves open is made strict, so that code passing here does not rely on it:
 * calling a method (other than an *OrNullObject one) on a null object fails the batch.
 */
import { FakeEventSource, type FakeEvents } from "./events";
import {
  checkBounds,
  FakeExcelError,
  FakeSheet,
  FakeTable,
  localAddress,
  MAX_COLS,
  parseRangeAddress,
  rangeAddress,
  readFormula,
  readValue,
  readValueType,
  type Area,
  type FakeAnnotation,
  type FakeChart,
  type FakeCell,
  type FakeConditionalFormat,
  type FakeCustomProperty,
  type FakePageLayout,
  type FakeWorkbookModel,
  type RangeRef,
  type SheetVisibility,
} from "./model";

/**
 * What a value weighs on the wire: its JSON in UTF-8, counted by code point. The fake's own
 * measure of what Office.js would send or receive, independent of the adapter's estimate.
 */
export function wireBytes(value: unknown): number {
  const text = JSON.stringify(value ?? null) ?? "null";
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
const jsonBytes = wireBytes;

/** One context.sync() as the fake saw it. */
export interface SyncRecord {
  /** Queued operations (method calls, property sets, loads). */
  ops: number;
  /**
   * Request size: per operation, an action record as Office.js sends it (id, type, name, object
   * path) around the JSON of its arguments, in UTF-8.
   */
  requestBytes: number;
  /** Response size: the JSON of every loaded property, named, in UTF-8. */
  responseBytes: number;
  suspendedScreenUpdating: boolean;
  suspendedCalculation: boolean;
  /** The error code the sync failed with, if it did. */
  error?: string;
}

export interface FakeState {
  model: FakeWorkbookModel;
  syncs: SyncRecord[];
  /** Excel on the web refuses requests and responses above 5 MB; the fake does the same. */
  payloadLimitBytes: number;
  /** ExcelApi version the fake Excel has: members of later sets fail with ApiNotFound. */
  apiVersion: string;
  /** application.calculate calls, in order, with the index of the sync that ran them. */
  calculations: { type: string; sync: number }[];
  /** While the user edits a cell: the code a batch fails with (unless delayForCellEdit). */
  editing: string | null;
  /** While true, syncs do not return (a heavy workbook in Excel on the web). */
  stalled: boolean;
  /** Syncs waiting for the edit to end or the stall to pass. */
  waiters: Array<() => void>;
  /**
   * While another workbook has focus: the code adding or deleting a sheet fails with
   * (GeneralException or InvalidSelection, as seen in Excel on Windows).
   */
  focusElsewhere: string | null;
  /** Change events (events.ts). */
  events?: FakeEvents;
}

/** The options Excel.run takes (Excel.RunOptions) that the fake honours. */
export interface FakeRunOptions {
  delayForCellEdit?: boolean;
}

/** An action record around an operation's arguments, as Office.js sends it. */
const ACTION_ENVELOPE = wireBytes({
  Id: 1000,
  ActionType: 1,
  Name: "",
  ObjectPathId: 1000,
  ArgumentInfo: { Arguments: [] },
});
const OP_BYTES = ACTION_ENVELOPE;

/** Whether ExcelApi `have` includes `need` ("1.13" <= "1.18"). */
export function apiAtLeast(have: string, need: string): boolean {
  const [a, b] = have.split(".").map(Number);
  const [c, d] = need.split(".").map(Number);
  return a > c || (a === c && b >= d);
}

function notLoaded(prop: string): FakeExcelError {
  return new FakeExcelError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

interface Running {
  record: SyncRecord;
  /** Applied only when the whole batch succeeded: loaded values, isNullObject, ClientResults. */
  commits: Array<() => void>;
}

export class FakeContext {
  private ops: Array<{ run: () => void; bytes: number }> = [];
  running: Running | null = null;
  readonly workbook: WorkbookProxy;

  constructor(
    readonly state: FakeState,
    readonly options: FakeRunOptions = {},
  ) {
    this.workbook = new WorkbookProxy(this);
  }

  /** A member of a later ExcelApi set than the fake's fails the batch, as on an older Excel. */
  requireApi(version: string, member: string): void {
    if (!apiAtLeast(this.state.apiVersion, version)) {
      throw new FakeExcelError(
        "ApiNotFound",
        `${member} needs ExcelApi ${version}; this Excel has ${this.state.apiVersion}.`,
      );
    }
  }

  /** Adding or deleting a sheet: fails where the structure is protected or focus is elsewhere. */
  sheetChange(): void {
    this.model.assertStructureWritable();
    const code = this.state.focusElsewhere;
    if (code !== null) throw new FakeExcelError(code, "This operation is not allowed now.");
  }

  private async waitWhile(condition: () => boolean): Promise<void> {
    while (condition()) await new Promise<void>((resolve) => this.state.waiters.push(resolve));
  }

  get model(): FakeWorkbookModel {
    return this.state.model;
  }

  get pending(): number {
    return this.ops.length;
  }

  queue(run: () => void, bytes = 0): void {
    this.ops.push({ run, bytes: bytes + OP_BYTES });
  }

  /** Stages a change to the client side, applied when the running sync succeeds. */
  commit(apply: () => void, bytes = 0): void {
    if (!this.running) throw new Error("fake: commit outside a sync");
    this.running.record.responseBytes += bytes;
    this.running.commits.push(apply);
  }

  async sync(): Promise<void> {
    const ops = this.ops;
    this.ops = [];
    const record: SyncRecord = {
      ops: ops.length,
      requestBytes: ops.reduce((s, op) => s + op.bytes, 0),
      responseBytes: 0,
      suspendedScreenUpdating: false,
      suspendedCalculation: false,
    };
    this.state.syncs.push(record);
    // A round trip: nothing runs before the caller has let go.
    await Promise.resolve();
    await this.waitWhile(() => this.state.stalled);
    if (this.state.editing !== null) {
      if (!this.options.delayForCellEdit) {
        record.error = this.state.editing;
        throw new FakeExcelError(record.error, "The user is editing a cell.");
      }
      // Excel holds the batch until the user leaves the cell.
      await this.waitWhile(() => this.state.editing !== null);
    }
    const limit = this.state.payloadLimitBytes;
    if (record.requestBytes > limit) {
      record.error = "RequestPayloadSizeLimitExceeded";
      throw new FakeExcelError(
        record.error,
        `The request payload size (${record.requestBytes} bytes) has exceeded the limit (${limit}).`,
      );
    }
    const running: Running = { record, commits: [] };
    this.running = running;
    try {
      for (const op of ops) op.run();
    } catch (err) {
      record.error = err instanceof FakeExcelError ? err.code : "GeneralException";
      throw err instanceof FakeExcelError
        ? err
        : new FakeExcelError("GeneralException", String((err as Error)?.message ?? err));
    } finally {
      this.running = null;
    }
    if (record.responseBytes > limit) {
      record.error = "ResponsePayloadSizeLimitExceeded";
      throw new FakeExcelError(
        record.error,
        `The response payload size (${record.responseBytes} bytes) has exceeded the limit (${limit}).`,
      );
    }
    for (const apply of running.commits) apply();
  }
}

type LoadArg = string | string[] | { select?: string } | undefined;

function loadPaths(arg: LoadArg): string[] | "all" {
  if (arg === undefined || arg === null) return "all";
  const text =
    typeof arg === "string" ? arg : Array.isArray(arg) ? arg.join(",") : (arg.select ?? "");
  const paths = text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  return paths.length === 0 ? "all" : paths;
}

/** An unknown property in load() fails at once, as a typo should. */
function unknownProperty(type: string, path: string): FakeExcelError {
  return new FakeExcelError("InvalidArgument", `${type} has no property "${path}" to load.`);
}

type Entity = unknown;
// Proxies of every kind nest in one another; their entity types vary contravariantly.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObject = ClientObject<any>;

export abstract class ClientObject<E = Entity> {
  private bound = false;
  private entity: E | null = null;
  private nullKnown: boolean | undefined;
  private readonly loaded = new Map<string, unknown>();

  constructor(
    protected readonly ctx: FakeContext,
    private readonly resolver: () => E | null,
  ) {}

  get context(): FakeContext {
    return this.ctx;
  }

  protected abstract readonly typeName: string;
  /** Loadable scalar properties. */
  protected abstract scalars(): Record<string, (e: E) => unknown>;
  /** Navigation properties, for load paths such as "format/font/bold". */
  protected navs(): Record<string, () => AnyObject> {
    return {};
  }

  /** Binds the object to what it refers to; runs inside a sync. */
  resolveNow(): E | null {
    if (!this.bound) {
      this.entity = this.resolver();
      this.bound = true;
      const isNull = this.entity === null;
      this.ctx.commit(() => {
        this.nullKnown = isNull;
      });
    }
    return this.entity;
  }

  /** The bound object; a null object cannot be acted on (see the file comment). */
  entityNow(): E {
    const e = this.resolveNow();
    if (e === null) {
      throw new FakeExcelError(
        "InvalidOperation",
        `${this.typeName} is a null object: check isNullObject before acting on it.`,
      );
    }
    return e;
  }

  /** For objects a method creates (add): bound when the creating operation runs. */
  bindNow(e: E): void {
    this.entity = e;
    this.bound = true;
    this.ctx.commit(() => {
      this.nullKnown = false;
    });
  }

  get isNullObject(): boolean {
    if (this.nullKnown === undefined) throw notLoaded("isNullObject");
    return this.nullKnown;
  }

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as T;
  }

  /** Queues an operation on the bound object. */
  protected act(run: (e: E) => void, args?: unknown): void {
    this.ctx.queue(() => run(this.entityNow()), args === undefined ? 0 : jsonBytes(args));
  }

  /** A child object made by a method: queued, so that it binds where the batch reaches it. */
  protected made<C extends AnyObject>(child: C, args?: unknown): C {
    this.ctx.queue(() => void child.resolveNow(), args === undefined ? 0 : jsonBytes(args));
    return child;
  }

  validatePath(path: string): void {
    const [head, ...rest] = path.split("/");
    if (rest.length === 0 && head in this.scalars()) return;
    const nav = this.navs()[head];
    if (nav) {
      if (rest.length > 0) nav().validatePath(rest.join("/"));
      return;
    }
    throw unknownProperty(this.typeName, path);
  }

  load(arg?: LoadArg): this {
    const paths = loadPaths(arg);
    if (paths !== "all") for (const p of paths) this.validatePath(p);
    this.ctx.queue(() => this.loadNow(paths), jsonBytes(paths));
    return this;
  }

  /** Runs inside a sync: reads the properties now, shows them once the sync succeeded. */
  loadNow(paths: string[] | "all"): void {
    const e = this.resolveNow();
    if (e === null) return;
    const scalars = this.scalars();
    const list = paths === "all" ? Object.keys(scalars) : paths;
    for (const path of list) {
      const [head, ...rest] = path.split("/");
      if (rest.length === 0 && head in scalars) {
        const value = scalars[head](e);
        this.ctx.commit(() => this.loaded.set(head, value), wireBytes({ [head]: value }));
      } else {
        const nav = this.navs()[head]();
        nav.loadNow(rest.length > 0 ? [rest.join("/")] : "all");
      }
    }
  }

  /** A bound object for an item of a loaded collection. */
  static bound<T extends AnyObject>(obj: T, e: unknown): T {
    obj.entity = e;
    obj.bound = true;
    obj.ctx.commit(() => {
      obj.nullKnown = false;
    });
    return obj;
  }
}

/** A collection: `items` after load + sync; loading "name" means each item's name. */
export abstract class Collection<Owner, Item, P extends AnyObject> extends ClientObject<Owner> {
  private loadedItems: P[] | undefined;
  private loadedCount: number | undefined;

  protected abstract list(owner: Owner): Item[];
  protected abstract item(e: Item | null): P;

  protected scalars(): Record<string, (o: Owner) => unknown> {
    return { count: (o) => this.list(o).length };
  }

  get items(): P[] {
    if (!this.loadedItems) throw notLoaded("items");
    return this.loadedItems;
  }

  override validatePath(path: string): void {
    if (path === "items" || path === "count") return;
    const itemPath = path.startsWith("items/") ? path.slice("items/".length) : path;
    this.item(null).validatePath(itemPath);
  }

  override loadNow(paths: string[] | "all"): void {
    const owner = this.resolveNow();
    if (owner === null) return;
    const itemPaths: string[] = [];
    let all = paths === "all";
    for (const p of paths === "all" ? [] : paths) {
      if (p === "count") {
        const n = this.list(owner).length;
        this.ctx.commit(() => (this.loadedCount = n), 8);
      } else if (p === "items") all = true;
      else itemPaths.push(p.startsWith("items/") ? p.slice("items/".length) : p);
    }
    if (!all && itemPaths.length === 0) return;
    const items = this.list(owner).map((e) => ClientObject.bound(this.item(null), e) as P);
    for (const it of items) it.loadNow(all ? "all" : itemPaths);
    this.ctx.commit(() => {
      this.loadedItems = items;
    });
  }

  get count(): number {
    if (this.loadedCount === undefined) throw notLoaded("count");
    return this.loadedCount;
  }

  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this.ctx.queue(() => {
      const n = this.list(this.entityNow()).length;
      this.ctx.commit(() => result.set(n), 8);
    });
    return result;
  }
}

export class ClientResult<T> {
  private has = false;
  private v: T | undefined;
  set(v: T): void {
    this.v = v;
    this.has = true;
  }
  get value(): T {
    if (!this.has) throw notLoaded("value");
    return this.v as T;
  }
}

// ---------------------------------------------------------------------------------------------

type RangeArg = RangeProxy | string;

/** A range argument (proxy or address on `sheet`), bound at sync time. */
function rangeOf(arg: RangeArg, sheet: () => FakeSheet): RangeRef {
  if (typeof arg === "string") {
    const i = arg.lastIndexOf("!");
    return parseRangeAddress(sheet(), i < 0 ? arg : arg.slice(i + 1));
  }
  return arg.entityNow();
}

export class WorkbookProxy extends ClientObject<FakeWorkbookModel> {
  protected readonly typeName = "Workbook";
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly application: ApplicationProxy;
  /** Workbook.protection (ExcelApi 1.7): `protected` means the structure is. */
  readonly protection: ProtectionProxy;
  /** Workbook.comments (ExcelApi 1.10) and Workbook.notes (ExcelApi 1.18). */
  readonly comments: AnnotationCollectionProxy;
  readonly notes: AnnotationCollectionProxy;
  /** Workbook.properties (ExcelApi 1.7): the custom document properties only. */
  readonly properties: DocumentPropertiesProxy;

  constructor(ctx: FakeContext) {
    super(ctx, () => ctx.model);
    this.properties = new DocumentPropertiesProxy(ctx, () => {
      ctx.requireApi("1.7", "Workbook.properties");
      return ctx.model;
    });
    this.worksheets = new WorksheetCollectionProxy(ctx, () => ctx.model);
    this.tables = new TableCollectionProxy(ctx, () => ctx.model, null);
    this.application = new ApplicationProxy(ctx, () => ctx.model);
    this.protection = new ProtectionProxy(ctx, () => ({
      isProtected: () => ctx.model.structureProtected,
    }));
    this.comments = new AnnotationCollectionProxy(ctx, () => ctx.model.sheets, "comments");
    this.notes = new AnnotationCollectionProxy(ctx, () => ctx.model.sheets, "notes");
  }

  protected scalars(): Record<string, (e: FakeWorkbookModel) => unknown> {
    return {};
  }

  protected override navs(): Record<string, () => AnyObject> {
    return {
      worksheets: () => this.worksheets,
      tables: () => this.tables,
      protection: () => this.protection,
      comments: () => this.comments,
      notes: () => this.notes,
      properties: () => this.properties,
    };
  }

  /** Throws InvalidSelection (at sync) when a chart is selected: by design in Office.js. */
  getSelectedRange(): RangeProxy {
    const m = this.ctx.model;
    return this.made(
      new RangeProxy(this.ctx, () => {
        if (m.selection === "chart" || m.selection === null) {
          throw new FakeExcelError("InvalidSelection", "The current selection is not a range.");
        }
        return m.selection;
      }),
    );
  }
}

export class ApplicationProxy extends ClientObject<FakeWorkbookModel> {
  protected readonly typeName = "Application";
  protected scalars(): Record<string, (e: FakeWorkbookModel) => unknown> {
    return {};
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.queue(() => {
      if (this.ctx.running) this.ctx.running.record.suspendedScreenUpdating = true;
    });
  }
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.queue(() => {
      if (this.ctx.running) this.ctx.running.record.suspendedCalculation = true;
    });
  }
  /** Recorded, and carried out: every formula gets its value (see FakeWorkbookModel.calculate). */
  calculate(calculationType: string): void {
    this.ctx.queue(() => {
      const state = this.ctx.state;
      state.calculations.push({ type: calculationType, sync: state.syncs.length - 1 });
      this.ctx.model.calculate();
    }, jsonBytes(calculationType));
  }
}

export class WorksheetCollectionProxy extends Collection<
  FakeWorkbookModel,
  FakeSheet,
  WorksheetProxy
> {
  protected readonly typeName = "WorksheetCollection";
  protected list(m: FakeWorkbookModel): FakeSheet[] {
    return m.sheets;
  }
  protected item(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => null);
  }

  getItem(key: string): WorksheetProxy {
    const m = this.ctx.model;
    return this.made(
      new WorksheetProxy(this.ctx, () => m.sheets.find((s) => s.id === key) ?? m.sheetOrThrow(key)),
      key,
    );
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    const m = this.ctx.model;
    return this.made(
      new WorksheetProxy(
        this.ctx,
        () => m.sheets.find((s) => s.id === key) ?? m.sheet(key) ?? null,
      ),
      key,
    );
  }

  getActiveWorksheet(): WorksheetProxy {
    const m = this.ctx.model;
    return this.made(new WorksheetProxy(this.ctx, () => m.active));
  }

  add(name?: string): WorksheetProxy {
    const sheet = new WorksheetProxy(this.ctx, () => null);
    this.ctx.queue(
      () => {
        this.ctx.sheetChange();
        sheet.bindNow(this.ctx.model.addSheet(name));
      },
      jsonBytes(name ?? null),
    );
    return sheet;
  }
}

export class WorksheetProxy extends ClientObject<FakeSheet> {
  protected readonly typeName = "Worksheet";
  private tablesProxy?: TableCollectionProxy;
  private chartsProxy?: ChartCollectionProxy;
  private protectionProxy?: ProtectionProxy;
  private pageLayoutProxy?: PageLayoutProxy;
  private commentsProxy?: AnnotationCollectionProxy;
  private notesProxy?: AnnotationCollectionProxy;

  protected scalars(): Record<string, (s: FakeSheet) => unknown> {
    const m = this.ctx.model;
    return {
      name: (s) => s.name,
      id: (s) => s.id,
      visibility: (s) => s.visibility,
      position: (s) => m.sheets.indexOf(s),
    };
  }

  protected override navs(): Record<string, () => AnyObject> {
    return {
      tables: () => this.tables,
      charts: () => this.charts,
      protection: () => this.protection,
      pageLayout: () => this.pageLayout,
      comments: () => this.comments,
      notes: () => this.notes,
    };
  }

  get name(): string {
    return this.read("name");
  }
  get id(): string {
    return this.read("id");
  }
  get position(): number {
    return this.read("position");
  }
  get visibility(): SheetVisibility {
    return this.read("visibility");
  }
  set visibility(v: SheetVisibility) {
    this.act((s) => {
      this.ctx.model.assertStructureWritable();
      this.ctx.model.setVisibility(s, v);
    }, v);
  }

  get tables(): TableCollectionProxy {
    this.tablesProxy ??= new TableCollectionProxy(
      this.ctx,
      () => this.ctx.model,
      () => this.entityNow(),
    );
    return this.tablesProxy;
  }

  get charts(): ChartCollectionProxy {
    this.chartsProxy ??= new ChartCollectionProxy(this.ctx, () => this.entityNow());
    return this.chartsProxy;
  }

  activate(): void {
    this.act((s) => this.ctx.model.activate(s));
  }

  delete(): void {
    this.act((s) => {
      this.ctx.sheetChange();
      this.ctx.model.deleteSheet(s);
    });
  }

  getRange(address?: string): RangeProxy {
    return this.made(
      new RangeProxy(this.ctx, () => {
        const s = this.entityNow();
        if (address === undefined) return { sheet: s, top: 0, left: 0, rows: 1048576, cols: 16384 };
        return parseRangeAddress(s, address);
      }),
      address ?? null,
    );
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    return this.made(
      new RangeProxy(this.ctx, () => {
        const ref = { sheet: this.entityNow(), top: row, left: col, rows, cols };
        checkBounds(ref);
        return ref;
      }),
      [row, col, rows, cols],
    );
  }

  /** The top-left cell where the sheet is blank, as documented. */
  getUsedRange(valuesOnly = false): RangeProxy {
    return this.made(
      new RangeProxy(this.ctx, () => {
        const s = this.entityNow();
        return (
          this.ctx.model.usedRange(s, valuesOnly) ?? { sheet: s, top: 0, left: 0, rows: 1, cols: 1 }
        );
      }),
    );
  }

  /**
   * A null object where the sheet is blank. On a null worksheet the batch fails: Office.js
   * does not say what a method of a null object does, so the fake does not guess.
   */
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return this.made(
      new RangeProxy(this.ctx, () => this.ctx.model.usedRange(this.entityNow(), valuesOnly)),
    );
  }

  /** Worksheet.pageLayout (ExcelApi 1.9). */
  get pageLayout(): PageLayoutProxy {
    this.pageLayoutProxy ??= new PageLayoutProxy(this.ctx, () => {
      this.ctx.requireApi("1.9", "Worksheet.pageLayout");
      return this.entityNow();
    });
    return this.pageLayoutProxy;
  }

  /** Worksheet.protection (ExcelApi 1.2): `protected` only. */
  get protection(): ProtectionProxy {
    this.protectionProxy ??= new ProtectionProxy(this.ctx, () => {
      const s = this.entityNow();
      return { isProtected: () => s.protected };
    });
    return this.protectionProxy;
  }

  /** Worksheet.comments (ExcelApi 1.10). */
  get comments(): AnnotationCollectionProxy {
    this.commentsProxy ??= new AnnotationCollectionProxy(
      this.ctx,
      () => [this.entityNow()],
      "comments",
    );
    return this.commentsProxy;
  }

  /** Worksheet.onChanged (ExcelApi 1.7), see events.ts. */
  get onChanged(): FakeEventSource {
    return new FakeEventSource(this.ctx, this, "sheet");
  }

  /** Worksheet.notes (ExcelApi 1.18). */
  get notes(): AnnotationCollectionProxy {
    this.notesProxy ??= new AnnotationCollectionProxy(this.ctx, () => [this.entityNow()], "notes");
    return this.notesProxy;
  }
}

export class RangeProxy extends ClientObject<RangeRef> {
  protected readonly typeName = "Range";
  private formatProxy?: RangeFormatProxy;
  private worksheetProxy?: WorksheetProxy;

  protected scalars(): Record<string, (r: RangeRef) => unknown> {
    const m = this.ctx.model;
    return {
      address: (r) => rangeAddress(r),
      values: (r) => m.matrix(r, readValue),
      valueTypes: (r) => m.matrix(r, readValueType),
      numberFormat: (r) => m.matrix(r, (c: FakeCell | undefined) => c?.numberFormat ?? "General"),
      formulas: (r) => m.matrix(r, readFormula),
      rowIndex: (r) => r.top,
      columnIndex: (r) => r.left,
      rowCount: (r) => r.rows,
      columnCount: (r) => r.cols,
    };
  }

  protected override navs(): Record<string, () => AnyObject> {
    return { format: () => this.format, worksheet: () => this.worksheet };
  }

  get address(): string {
    return this.read("address");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(v: unknown[][]) {
    this.act((r) => this.ctx.model.writeValues(r, v), v);
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    this.act((r) => this.ctx.model.writeNumberFormats(r, v), v);
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(v: unknown[][]) {
    this.act((r) => this.ctx.model.writeFormulas(r, v), v);
  }

  /**
   * ExcelApi 1.13. As Excel does (office-js#3611), only the merged areas whose top-left cell
   * lies in the range: a merge reaching in from above or the left is not among them.
   */
  getMergedAreasOrNullObject(): RangeAreasProxy {
    return this.made(
      new RangeAreasProxy(this.ctx, () => {
        this.ctx.requireApi("1.13", "Range.getMergedAreasOrNullObject");
        const r = this.entityNow();
        const areas = r.sheet.merges.filter(
          (m) =>
            m.top >= r.top &&
            m.top < r.top + r.rows &&
            m.left >= r.left &&
            m.left < r.left + r.cols,
        );
        return areas.length === 0 ? null : { sheet: r.sheet, areas };
      }),
    );
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }

  /** Range.conditionalFormats (ExcelApi 1.6): `add(type)`, with cellValue's rule and font colour. */
  get conditionalFormats(): { add(type: string): ConditionalFormatProxy } {
    return {
      add: (type: string) => {
        const holder: { cf?: FakeConditionalFormat } = {};
        this.act((r) => {
          this.ctx.requireApi("1.6", "Range.conditionalFormats");
          this.ctx.model.assertWritable(r.sheet);
          const cf: FakeConditionalFormat = {
            type,
            range: rangeAddress(r).split("!").pop()!,
            rule: null,
            fontColor: null,
          };
          r.sheet.conditionalFormats.push(cf);
          holder.cf = cf;
        }, type);
        return new ConditionalFormatProxy(this.ctx, holder);
      },
    };
  }

  get format(): RangeFormatProxy {
    this.formatProxy ??= new RangeFormatProxy(this.ctx, () => this.entityNow());
    return this.formatProxy;
  }

  get worksheet(): WorksheetProxy {
    this.worksheetProxy ??= new WorksheetProxy(this.ctx, () => this.entityNow().sheet);
    return this.worksheetProxy;
  }

  getTables(fullyContained = false): TableScopedCollectionProxy {
    return this.made(
      new TableScopedCollectionProxy(this.ctx, () => this.entityNow(), fullyContained),
      fullyContained,
    );
  }

  select(): void {
    this.act((r) => this.ctx.model.select(r));
  }

  clear(applyTo: string = "All"): void {
    this.act((r) => this.ctx.model.clear(r, applyTo), applyTo);
  }
}

/** A conditional format being set up: its cellValue's rule and font colour, queued. */
export class ConditionalFormatProxy {
  constructor(
    private readonly ctx: FakeContext,
    private readonly holder: { cf?: FakeConditionalFormat },
  ) {}
  get cellValue(): {
    format: { font: { color: string } };
    rule: { formula1: string; operator: string };
  } {
    const { ctx, holder } = this;
    return {
      format: {
        font: {
          get color(): string {
            return holder.cf?.fontColor ?? "";
          },
          set color(c: string) {
            ctx.queue(() => {
              holder.cf!.fontColor = c;
            }, jsonBytes(c));
          },
        },
      },
      get rule() {
        return holder.cf?.rule ?? { formula1: "", operator: "" };
      },
      set rule(v: { formula1: string; operator: string }) {
        ctx.queue(() => {
          holder.cf!.rule = { formula1: v.formula1, operator: v.operator };
        }, jsonBytes(v));
      },
    };
  }
}

export class RangeFormatProxy extends ClientObject<RangeRef> {
  protected readonly typeName = "RangeFormat";
  private fontProxy?: RangeFontProxy;

  protected scalars(): Record<string, (r: RangeRef) => unknown> {
    return {
      columnWidth: (r) => {
        const widths = new Set(
          Array.from({ length: r.cols }, (_, i) => r.sheet.columnWidths.get(r.left + i) ?? 48),
        );
        return widths.size === 1 ? [...widths][0] : null;
      },
    };
  }

  protected override navs(): Record<string, () => AnyObject> {
    return { font: () => this.font };
  }

  get font(): RangeFontProxy {
    this.fontProxy ??= new RangeFontProxy(this.ctx, () => this.entityNow());
    return this.fontProxy;
  }

  get columnWidth(): number {
    return this.read("columnWidth");
  }
  set columnWidth(points: number) {
    this.act((r) => this.ctx.model.setColumnWidth(r, points), points);
  }

  autofitColumns(): void {
    this.act((r) => this.ctx.model.autofit(r));
  }
}

export class RangeFontProxy extends ClientObject<RangeRef> {
  protected readonly typeName = "RangeFont";
  protected scalars(): Record<string, (r: RangeRef) => unknown> {
    const m = this.ctx.model;
    return {
      bold: (r) => {
        const all = m.matrix(r, (c) => c?.bold === true).flat();
        return all.every(Boolean) ? true : all.some(Boolean) ? null : false;
      },
    };
  }
  get bold(): boolean | null {
    return this.read("bold");
  }
  set bold(b: boolean) {
    this.act((r) => this.ctx.model.setBold(r, b), b);
  }
}

// --- tables ----------------------------------------------------------------------------------

export class TableCollectionProxy extends Collection<FakeWorkbookModel, FakeTable, TableProxy> {
  protected readonly typeName = "TableCollection";

  constructor(
    ctx: FakeContext,
    resolver: () => FakeWorkbookModel,
    /** The worksheet the collection belongs to, or null for the workbook's. */
    private readonly scope: (() => FakeSheet) | null,
  ) {
    super(ctx, resolver);
  }

  protected list(m: FakeWorkbookModel): FakeTable[] {
    const sheet = this.scope?.();
    return m.tables.filter((t) => !sheet || t.sheet === sheet);
  }
  protected item(): TableProxy {
    return new TableProxy(this.ctx, () => null);
  }

  getItem(key: string): TableProxy {
    return this.made(
      new TableProxy(this.ctx, () => {
        const t = this.list(this.ctx.model).find((tb) => tb === this.ctx.model.table(key));
        if (!t) throw new FakeExcelError("ItemNotFound", `The table "${key}" doesn't exist.`);
        return t;
      }),
      key,
    );
  }

  getItemOrNullObject(key: string): TableProxy {
    return this.made(
      new TableProxy(
        this.ctx,
        () => this.list(this.ctx.model).find((tb) => tb === this.ctx.model.table(key)) ?? null,
      ),
      key,
    );
  }

  add(address: RangeArg, hasHeaders: boolean): TableProxy {
    const table = new TableProxy(this.ctx, () => null);
    this.ctx.queue(
      () => {
        const m = this.ctx.model;
        const range = rangeOf(address, () => this.scope?.() ?? m.active);
        table.bindNow(m.addTable(range, hasHeaders));
      },
      jsonBytes([typeof address === "string" ? address : null, hasHeaders]),
    );
    return table;
  }
}

export class TableScopedCollectionProxy extends Collection<RangeRef, FakeTable, TableProxy> {
  protected readonly typeName = "TableScopedCollection";

  constructor(
    ctx: FakeContext,
    resolver: () => RangeRef,
    private readonly fullyContained: boolean,
  ) {
    super(ctx, resolver);
  }

  protected list(r: RangeRef): FakeTable[] {
    return this.ctx.model.tablesIn(r, this.fullyContained);
  }
  protected item(): TableProxy {
    return new TableProxy(this.ctx, () => null);
  }

  /** Throws ItemNotFound when the range touches no table; there is no getFirstOrNullObject. */
  getFirst(): TableProxy {
    return this.made(
      new TableProxy(this.ctx, () => {
        const first = this.list(this.entityNow())[0];
        if (!first) throw new FakeExcelError("ItemNotFound", "The range contains no table.");
        return first;
      }),
    );
  }
}

export class TableProxy extends ClientObject<FakeTable> {
  protected readonly typeName = "Table";
  private columnsProxy?: TableColumnCollectionProxy;
  private rowsProxy?: TableRowCollectionProxy;
  private worksheetProxy?: WorksheetProxy;

  protected scalars(): Record<string, (t: FakeTable) => unknown> {
    return {
      name: (t) => t.name,
      id: (t) => t.id,
      showHeaders: () => true,
      showTotals: (t) => t.showTotals,
    };
  }

  protected override navs(): Record<string, () => AnyObject> {
    return { columns: () => this.columns, rows: () => this.rows, worksheet: () => this.worksheet };
  }

  get name(): string {
    return this.read("name");
  }
  get id(): string {
    return this.read("id");
  }
  /** Table.onChanged (ExcelApi 1.7), see events.ts. */
  get onChanged(): FakeEventSource {
    return new FakeEventSource(this.ctx, this, "table");
  }
  get showHeaders(): boolean {
    return this.read("showHeaders");
  }
  get showTotals(): boolean {
    return this.read("showTotals");
  }

  get columns(): TableColumnCollectionProxy {
    this.columnsProxy ??= new TableColumnCollectionProxy(this.ctx, () => this.entityNow());
    return this.columnsProxy;
  }
  get rows(): TableRowCollectionProxy {
    this.rowsProxy ??= new TableRowCollectionProxy(this.ctx, () => this.entityNow());
    return this.rowsProxy;
  }
  get worksheet(): WorksheetProxy {
    this.worksheetProxy ??= new WorksheetProxy(this.ctx, () => this.entityNow().sheet);
    return this.worksheetProxy;
  }

  private part(make: (t: FakeTable) => RangeRef): RangeProxy {
    return this.made(new RangeProxy(this.ctx, () => make(this.entityNow())));
  }

  getRange(): RangeProxy {
    return this.part((t) => ({
      sheet: t.sheet,
      top: t.top,
      left: t.left,
      rows: t.rowsWithHeader,
      cols: t.columns,
    }));
  }
  getHeaderRowRange(): RangeProxy {
    return this.part((t) => ({
      sheet: t.sheet,
      top: t.top,
      left: t.left,
      rows: 1,
      cols: t.columns,
    }));
  }
  getDataBodyRange(): RangeProxy {
    return this.part((t) => ({
      sheet: t.sheet,
      top: t.top + 1,
      left: t.left,
      rows: t.dataRows,
      cols: t.columns,
    }));
  }
}

interface ColumnRef {
  table: FakeTable;
  index: number;
}

export class TableColumnCollectionProxy extends Collection<FakeTable, ColumnRef, TableColumnProxy> {
  protected readonly typeName = "TableColumnCollection";
  protected list(t: FakeTable): ColumnRef[] {
    return Array.from({ length: t.columns }, (_, index) => ({ table: t, index }));
  }
  protected item(): TableColumnProxy {
    return new TableColumnProxy(this.ctx, () => null);
  }

  private find(t: FakeTable, key: number | string): ColumnRef | null {
    if (typeof key === "number")
      return key >= 0 && key < t.columns ? { table: t, index: key } : null;
    const index = t.columnNames().findIndex((n) => n.toLowerCase() === key.toLowerCase());
    return index < 0 ? null : { table: t, index };
  }

  getItem(key: number | string): TableColumnProxy {
    return this.made(
      new TableColumnProxy(this.ctx, () => {
        const c = this.find(this.entityNow(), key);
        if (!c)
          throw new FakeExcelError("ItemNotFound", `The table column "${key}" doesn't exist.`);
        return c;
      }),
      key,
    );
  }

  getItemOrNullObject(key: number | string): TableColumnProxy {
    return this.made(new TableColumnProxy(this.ctx, () => this.find(this.entityNow(), key)), key);
  }

  add(index?: number | null, values?: unknown[][] | null, name?: string | null): TableColumnProxy {
    const column = new TableColumnProxy(this.ctx, () => null);
    this.ctx.queue(
      () => {
        const t = this.entityNow();
        column.bindNow({ table: t, index: this.ctx.model.addTableColumn(t, index, values, name) });
      },
      jsonBytes([index ?? null, values ?? null, name ?? null]),
    );
    return column;
  }
}

export class TableColumnProxy extends ClientObject<ColumnRef> {
  protected readonly typeName = "TableColumn";
  protected scalars(): Record<string, (c: ColumnRef) => unknown> {
    return {
      name: (c) => c.table.columnNames()[c.index],
      index: (c) => c.index,
      id: (c) => String(c.index + 1),
    };
  }
  get name(): string {
    return this.read("name");
  }
  get index(): number {
    return this.read("index");
  }

  private part(make: (c: ColumnRef, t: FakeTable) => RangeRef): RangeProxy {
    return this.made(
      new RangeProxy(this.ctx, () => {
        const c = this.entityNow();
        return make(c, c.table);
      }),
    );
  }
  getDataBodyRange(): RangeProxy {
    return this.part((c, t) => ({
      sheet: t.sheet,
      top: t.top + 1,
      left: t.left + c.index,
      rows: t.dataRows,
      cols: 1,
    }));
  }
}

export class TableRowCollectionProxy extends Collection<FakeTable, number, TableColumnProxy> {
  protected readonly typeName = "TableRowCollection";
  protected list(t: FakeTable): number[] {
    return Array.from({ length: t.dataRows }, (_, i) => i);
  }
  protected item(): TableColumnProxy {
    // Rows are counted, not listed, in the fake.
    throw new FakeExcelError("NotImplemented", "The fake does not list table rows; load count.");
  }
}

// --- charts ----------------------------------------------------------------------------------

export class ChartCollectionProxy extends Collection<FakeSheet, FakeChart, ChartProxy> {
  protected readonly typeName = "ChartCollection";
  protected list(s: FakeSheet): FakeChart[] {
    return s.charts;
  }
  protected item(): ChartProxy {
    return new ChartProxy(this.ctx, () => null);
  }

  add(type: string, sourceData: RangeArg, seriesBy: string = "Auto"): ChartProxy {
    const chart = new ChartProxy(this.ctx, () => null);
    this.ctx.queue(
      () => {
        const sheet = this.entityNow();
        const source = rangeOf(sourceData, () => sheet);
        const by =
          seriesBy === "Auto" ? (source.rows >= source.cols ? "Columns" : "Rows") : seriesBy;
        chart.bindNow(this.ctx.model.addChart(sheet, type, source, by));
      },
      jsonBytes([type, typeof sourceData === "string" ? sourceData : null, seriesBy]),
    );
    return chart;
  }
}

export class ChartProxy extends ClientObject<FakeChart> {
  protected readonly typeName = "Chart";
  readonly title = new ChartPartProxy(this.ctx, () => this.entityNow(), {
    text: (c, v) => (c.title = String(v)),
  });
  readonly legend = new ChartPartProxy(this.ctx, () => this.entityNow(), {
    visible: (c, v) => (c.legendVisible = Boolean(v)),
  });
  readonly axes = new ChartAxesProxy(this.ctx, () => this.entityNow());
  readonly series = new ChartSeriesCollectionProxy(this.ctx, () => this.entityNow());

  protected scalars(): Record<string, (c: FakeChart) => unknown> {
    return { name: (c) => c.name, id: (c) => c.id };
  }
  get name(): string {
    return this.read("name");
  }
  setPosition(startCell: RangeArg, endCell?: RangeArg): void {
    this.ctx.queue(
      () => {
        const chart = this.entityNow();
        const sheet = this.ctx.model.sheets.find((s) => s.charts.includes(chart));
        if (!sheet) throw new FakeExcelError("InvalidReference", "The chart has been deleted.");
        const start = rangeOf(startCell, () => sheet);
        const end = endCell === undefined ? null : rangeOf(endCell, () => sheet);
        chart.position = {
          start: localAddress({ ...start, rows: 1, cols: 1 }),
          end: end ? localAddress({ ...end, rows: 1, cols: 1 }) : null,
        };
      },
      jsonBytes([
        typeof startCell === "string" ? startCell : null,
        typeof endCell === "string" ? endCell : null,
      ]),
    );
  }
}

/** A settable part of a chart (title, legend, an axis): property sets applied at sync. */
export class ChartPartProxy extends ClientObject<FakeChart> {
  protected readonly typeName = "ChartPart";
  constructor(
    ctx: FakeContext,
    resolver: () => FakeChart,
    setters: Record<string, (c: FakeChart, v: unknown) => void>,
  ) {
    super(ctx, resolver);
    for (const [prop, apply] of Object.entries(setters)) {
      Object.defineProperty(this, prop, {
        set: (v: unknown) => this.act((c) => apply(c, v), v),
        get: () => this.read(prop),
      });
    }
  }
  protected scalars(): Record<string, (c: FakeChart) => unknown> {
    return {};
  }
}

export class ChartAxesProxy extends ClientObject<FakeChart> {
  protected readonly typeName = "ChartAxes";
  readonly categoryAxis = new ChartPartProxy(this.ctx, () => this.entityNow(), {
    reversePlotOrder: (c, v) => (c.categoryAxisReversed = Boolean(v)),
  });
  protected scalars(): Record<string, (c: FakeChart) => unknown> {
    return {};
  }
}

interface SeriesRef {
  chart: FakeChart;
  index: number;
}

export class ChartSeriesCollectionProxy extends Collection<FakeChart, SeriesRef, ChartSeriesProxy> {
  protected readonly typeName = "ChartSeriesCollection";
  protected list(c: FakeChart): SeriesRef[] {
    return c.series.map((_, index) => ({ chart: c, index }));
  }
  protected item(): ChartSeriesProxy {
    return new ChartSeriesProxy(this.ctx, () => null);
  }
  getItemAt(index: number): ChartSeriesProxy {
    return this.made(
      new ChartSeriesProxy(this.ctx, () => {
        const c = this.entityNow();
        if (!c.series[index]) throw new FakeExcelError("ItemNotFound", `No series at ${index}.`);
        return { chart: c, index };
      }),
      index,
    );
  }
}

export class ChartSeriesProxy extends ClientObject<SeriesRef> {
  protected readonly typeName = "ChartSeries";
  protected scalars(): Record<string, (s: SeriesRef) => unknown> {
    return { name: (s) => s.chart.series[s.index].name };
  }
  get name(): string {
    return this.read("name");
  }
  set name(name: string) {
    this.act((s) => (s.chart.series[s.index].name = name), name);
  }
  private setRange(which: "values" | "xValues", range: RangeArg): void {
    this.ctx.queue(
      () => {
        const s = this.entityNow();
        const sheet = this.ctx.model.sheets.find((sh) => sh.charts.includes(s.chart));
        if (!sheet) throw new FakeExcelError("InvalidReference", "The chart has been deleted.");
        const ref = rangeOf(range, () => sheet);
        s.chart.series[s.index][which] = localAddress(ref);
      },
      jsonBytes(typeof range === "string" ? range : null),
    );
  }
  setValues(range: RangeArg): void {
    this.setRange("values", range);
  }
  setXAxisValues(range: RangeArg): void {
    this.setRange("xValues", range);
  }
}

// --- document properties and page layout -------------------------------------------------------

export class DocumentPropertiesProxy extends ClientObject<FakeWorkbookModel> {
  protected readonly typeName = "DocumentProperties";
  readonly custom = new CustomPropertyCollectionProxy(this.ctx, () => this.entityNow());
  protected scalars(): Record<string, (m: FakeWorkbookModel) => unknown> {
    return {};
  }
  protected override navs(): Record<string, () => AnyObject> {
    return { custom: () => this.custom };
  }
}

export class CustomPropertyCollectionProxy extends Collection<
  FakeWorkbookModel,
  FakeCustomProperty,
  CustomPropertyProxy
> {
  protected readonly typeName = "CustomPropertyCollection";
  protected list(m: FakeWorkbookModel): FakeCustomProperty[] {
    return m.customProperties;
  }
  protected item(): CustomPropertyProxy {
    return new CustomPropertyProxy(this.ctx, () => null);
  }
  /** "Creates a new or sets an existing custom property." */
  add(key: string, value: unknown): CustomPropertyProxy {
    const made = new CustomPropertyProxy(this.ctx, () => null);
    this.ctx.queue(
      () => {
        this.entityNow();
        made.bindNow(this.ctx.model.setCustomProperty(key, value));
      },
      jsonBytes([key, value]),
    );
    return made;
  }
  getItemOrNullObject(key: string): CustomPropertyProxy {
    return this.made(
      new CustomPropertyProxy(
        this.ctx,
        () =>
          this.list(this.entityNow()).find((p) => p.key.toLowerCase() === key.toLowerCase()) ??
          null,
      ),
      key,
    );
  }
}

export class CustomPropertyProxy extends ClientObject<FakeCustomProperty> {
  protected readonly typeName = "CustomProperty";
  protected scalars(): Record<string, (p: FakeCustomProperty) => unknown> {
    return { key: (p) => p.key, value: (p) => p.value, type: (p) => p.type };
  }
  get key(): string {
    return this.read("key");
  }
  get value(): unknown {
    return this.read("value");
  }
  get type(): string {
    return this.read("type");
  }
  delete(): void {
    this.act((p) => {
      const list = this.ctx.model.customProperties;
      list.splice(list.indexOf(p), 1);
    });
  }
}

/**
 * Worksheet.pageLayout (ExcelApi 1.9): paperSize, orientation, zoom, setPrintTitleRows and
 * headersFooters.defaultForAllPages, recorded on the sheet (FakeSheet.pageLayout). Property
 * sets run at sync, like every other; reading them back needs a load.
 */
export class PageLayoutProxy extends ClientObject<FakeSheet> {
  protected readonly typeName = "PageLayout";
  readonly headersFooters: HeadersFootersProxy;
  constructor(ctx: FakeContext, resolver: () => FakeSheet) {
    super(ctx, resolver);
    this.headersFooters = new HeadersFootersProxy(ctx, () => this.entityNow());
  }
  protected scalars(): Record<string, (s: FakeSheet) => unknown> {
    return {
      paperSize: (s) => s.pageLayout.paperSize,
      orientation: (s) => s.pageLayout.orientation,
      zoom: (s) => s.pageLayout.zoom,
    };
  }
  protected override navs(): Record<string, () => AnyObject> {
    return { headersFooters: () => this.headersFooters };
  }
  private setLayout<K extends keyof FakePageLayout>(key: K, value: FakePageLayout[K]): void {
    this.act((s) => {
      this.ctx.model.assertWritable(s);
      s.pageLayout[key] = value;
    }, value);
  }
  get paperSize(): string {
    return this.read("paperSize");
  }
  set paperSize(v: string) {
    this.setLayout("paperSize", v);
  }
  get orientation(): string {
    return this.read("orientation");
  }
  set orientation(v: string) {
    this.setLayout("orientation", v);
  }
  get zoom(): FakePageLayout["zoom"] {
    return this.read("zoom");
  }
  set zoom(v: FakePageLayout["zoom"]) {
    this.setLayout("zoom", { ...v });
  }
  /** The rows repeated on every printed page: a range of whole rows, "$5:$5", or a Range. */
  setPrintTitleRows(rows: RangeArg): void {
    this.ctx.queue(
      () => {
        const sheet = this.entityNow();
        this.ctx.model.assertWritable(sheet);
        // Whole rows, as the documentation's own example writes them ("$1:$1").
        const whole = typeof rows === "string" ? /^\$?(\d+):\$?(\d+)$/.exec(rows) : null;
        const ref = whole
          ? { top: Number(whole[1]) - 1, rows: Number(whole[2]) - Number(whole[1]) + 1 }
          : rangeOf(rows, () => sheet);
        if (ref.top < 0 || ref.rows < 1) {
          throw new FakeExcelError(
            "InvalidArgument",
            `The argument is invalid: "${String(rows)}".`,
          );
        }
        sheet.pageLayout.printTitleRows = `$${ref.top + 1}:$${ref.top + ref.rows}`;
      },
      jsonBytes(typeof rows === "string" ? rows : null),
    );
  }
}

export class HeadersFootersProxy extends ClientObject<FakeSheet> {
  protected readonly typeName = "HeaderFooterGroup";
  readonly defaultForAllPages: HeaderFooterTexts;
  constructor(ctx: FakeContext, resolver: () => FakeSheet) {
    super(ctx, resolver);
    const part = new SheetPartProxy(ctx, () => this.entityNow(), {
      centerHeader: (s, v) => (s.pageLayout.centerHeader = String(v)),
      centerFooter: (s, v) => (s.pageLayout.centerFooter = String(v)),
    });
    this.defaultForAllPages = part as unknown as HeaderFooterTexts;
  }
  protected scalars(): Record<string, (s: FakeSheet) => unknown> {
    return {};
  }
}

/** Settable texts of a sheet's header and footer. */
type HeaderFooterTexts = { centerHeader: string; centerFooter: string };

class SheetPartProxy extends ClientObject<FakeSheet> {
  protected readonly typeName = "HeaderFooter";
  constructor(
    ctx: FakeContext,
    resolver: () => FakeSheet,
    setters: Record<string, (s: FakeSheet, v: unknown) => void>,
  ) {
    super(ctx, resolver);
    for (const [prop, apply] of Object.entries(setters)) {
      Object.defineProperty(this, prop, {
        set: (v: unknown) =>
          this.act((s) => {
            this.ctx.model.assertWritable(s);
            apply(s, v);
          }, v),
        get: () => this.read(prop),
      });
    }
  }
  protected scalars(): Record<string, (s: FakeSheet) => unknown> {
    return {
      centerHeader: (s) => s.pageLayout.centerHeader,
      centerFooter: (s) => s.pageLayout.centerFooter,
    };
  }
}

// --- protection, merged areas, comments and notes ----------------------------------------------

/** WorksheetProtection / WorkbookProtection: `protected`, read-only here. */
export class ProtectionProxy extends ClientObject<{ isProtected: () => boolean }> {
  protected readonly typeName = "Protection";
  protected scalars(): Record<string, (p: { isProtected: () => boolean }) => unknown> {
    return { protected: (p) => p.isProtected() };
  }
  get protected(): boolean {
    return this.read("protected");
  }
}

interface AreasRef {
  sheet: FakeSheet;
  areas: Area[];
}

/** RangeAreas, as getMergedAreasOrNullObject returns it: `areaCount`, `address`, `areas`. */
export class RangeAreasProxy extends ClientObject<AreasRef> {
  protected readonly typeName = "RangeAreas";
  private areasProxy?: AreaCollectionProxy;
  protected scalars(): Record<string, (a: AreasRef) => unknown> {
    return {
      areaCount: (a) => a.areas.length,
      address: (a) => a.areas.map((m) => rangeAddress({ sheet: a.sheet, ...m })).join(","),
    };
  }
  protected override navs(): Record<string, () => AnyObject> {
    return { areas: () => this.areas };
  }
  get areaCount(): number {
    return this.read("areaCount");
  }
  get address(): string {
    return this.read("address");
  }
  get areas(): AreaCollectionProxy {
    this.areasProxy ??= new AreaCollectionProxy(this.ctx, () => this.entityNow());
    return this.areasProxy;
  }
}

export class AreaCollectionProxy extends Collection<AreasRef, RangeRef, RangeProxy> {
  protected readonly typeName = "RangeCollection";
  protected list(a: AreasRef): RangeRef[] {
    return a.areas.map((m) => ({ sheet: a.sheet, ...m }));
  }
  protected item(): RangeProxy {
    return new RangeProxy(this.ctx, () => null);
  }
}

interface AnnotationRef {
  sheet: FakeSheet;
  row: number;
  col: number;
  note: FakeAnnotation;
}

/** CommentCollection (ExcelApi 1.10) or NoteCollection (1.18), of a workbook or a sheet. */
export class AnnotationCollectionProxy extends Collection<
  FakeSheet[],
  AnnotationRef,
  AnnotationProxy
> {
  protected readonly typeName: string;
  constructor(
    ctx: FakeContext,
    resolver: () => FakeSheet[],
    private readonly kind: "comments" | "notes",
  ) {
    super(ctx, () => {
      if (kind === "comments") ctx.requireApi("1.10", "comments");
      else ctx.requireApi("1.18", "notes");
      return resolver();
    });
    this.typeName = kind === "comments" ? "CommentCollection" : "NoteCollection";
  }
  protected list(sheets: FakeSheet[]): AnnotationRef[] {
    const out: AnnotationRef[] = [];
    for (const sheet of sheets) {
      for (const [k, note] of sheet[this.kind]) {
        out.push({ sheet, row: Math.floor(k / MAX_COLS), col: k % MAX_COLS, note });
      }
    }
    return out;
  }
  protected item(): AnnotationProxy {
    return new AnnotationProxy(this.ctx, () => null);
  }
  getItemAt(index: number): AnnotationProxy {
    return this.made(
      new AnnotationProxy(this.ctx, () => {
        const item = this.list(this.entityNow())[index];
        if (!item) throw new FakeExcelError("ItemNotFound", `No item at ${index}.`);
        return item;
      }),
      index,
    );
  }
}

export class AnnotationProxy extends ClientObject<AnnotationRef> {
  protected readonly typeName = "Comment";
  protected scalars(): Record<string, (a: AnnotationRef) => unknown> {
    return { id: (a) => a.note.id, content: (a) => a.note.content };
  }
  get id(): string {
    return this.read("id");
  }
  get content(): string {
    return this.read("content");
  }
  /** The cell it is on. */
  getLocation(): RangeProxy {
    return this.made(
      new RangeProxy(this.ctx, () => {
        const a = this.entityNow();
        return { sheet: a.sheet, top: a.row, left: a.col, rows: 1, cols: 1 };
      }),
    );
  }
}
