/**
 * Change events of the fake Excel, as Excel raises them: Worksheet.onChanged and
 * Table.onChanged (ExcelApi 1.7), delivered after the sync that made the change, one event per
 * range written. `source` is "Local" for this Excel's edits and "Remote" for a co-author's;
 * from ExcelApi 1.14 `triggerSource` says "ThisLocalAddin" for the add-in's own writes (and
 * "Unknown" otherwise); before 1.14 it is absent, so an add-in cannot tell its own writes by it.
 */
import type { ClientObject, FakeContext } from "./proxies";
import { localAddress, type FakeSheet, type FakeTable, type RangeRef } from "./model";

export interface FakeChangedEvent {
  type: "WorksheetChanged" | "TableChanged";
  changeType: "RangeEdited";
  /** The range changed, without its sheet ("B5", "B5:C9"); for a table, the part in it. */
  address: string;
  worksheetId: string;
  tableId?: string;
  source: "Local" | "Remote";
  /** ExcelApi 1.14 and later only. */
  triggerSource?: "ThisLocalAddin" | "Unknown";
}

type Handler = (event: FakeChangedEvent) => Promise<unknown> | unknown;

interface Registration {
  id: number;
  target: { sheet: FakeSheet } | { table: FakeTable };
  handler: Handler;
}

export type ChangeOrigin = "addin" | "user" | "remote";

function intersect(a: RangeRef, t: FakeTable): RangeRef | null {
  const top = Math.max(a.top, t.top);
  const left = Math.max(a.left, t.left);
  const bottom = Math.min(a.top + a.rows - 1, t.bottom);
  const right = Math.min(a.left + a.cols - 1, t.right);
  if (top > bottom || left > right) return null;
  return { sheet: a.sheet, top, left, rows: bottom - top + 1, cols: right - left + 1 };
}

export class FakeEvents {
  private registrations: Registration[] = [];
  private nextId = 1;
  private readonly inflight = new Set<Promise<void>>();
  /** Every event raised, in order, whether or not a handler took it. */
  readonly log: FakeChangedEvent[] = [];
  /** Handlers that threw (Excel swallows them; a test may want to know). */
  readonly errors: unknown[] = [];

  /** `hasTriggerSource`: whether this Excel has ExcelApi 1.14. */
  constructor(private readonly hasTriggerSource: () => boolean) {}

  register(target: Registration["target"], handler: Handler): number {
    const id = this.nextId++;
    this.registrations.push({ id, target, handler });
    return id;
  }

  unregister(id: number): void {
    this.registrations = this.registrations.filter((r) => r.id !== id);
  }

  get handlerCount(): number {
    return this.registrations.length;
  }

  /** Cells of `range` changed; raises the events, delivered after the current task. */
  edited(range: RangeRef, origin: ChangeOrigin): void {
    const base = {
      changeType: "RangeEdited" as const,
      worksheetId: range.sheet.id,
      source: origin === "remote" ? ("Remote" as const) : ("Local" as const),
      ...(this.hasTriggerSource()
        ? { triggerSource: origin === "addin" ? ("ThisLocalAddin" as const) : ("Unknown" as const) }
        : {}),
    };
    const sheetEvent: FakeChangedEvent = {
      type: "WorksheetChanged",
      address: localAddress(range),
      ...base,
    };
    this.log.push(sheetEvent);
    for (const r of this.registrations) {
      if ("sheet" in r.target) {
        if (r.target.sheet === range.sheet) this.deliver(r.handler, sheetEvent);
      } else {
        const part = r.target.table.sheet === range.sheet ? intersect(range, r.target.table) : null;
        if (!part) continue;
        const event: FakeChangedEvent = {
          type: "TableChanged",
          address: localAddress(part),
          tableId: r.target.table.id,
          ...base,
        };
        this.log.push(event);
        this.deliver(r.handler, event);
      }
    }
  }

  private deliver(handler: Handler, event: FakeChangedEvent): void {
    const p = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(() => handler(event))
      .then(
        () => undefined,
        (err: unknown) => void this.errors.push(err),
      )
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }

  /** Resolves once every event raised so far has been handled (and what those raised). */
  async settle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }
}

/** What EventSource.add returns: remove() unregisters at the next sync. */
export class FakeEventHandlerResult {
  constructor(
    readonly context: FakeContext,
    private readonly events: FakeEvents,
    private readonly id: () => number | null,
  ) {}

  remove(): void {
    this.context.queue(() => {
      const id = this.id();
      if (id !== null) this.events.unregister(id);
    });
  }
}

/** Worksheet.onChanged / Table.onChanged: add() registers when the batch is synced. */
export class FakeEventSource {
  constructor(
    private readonly ctx: FakeContext,
    private readonly owner: ClientObject<FakeSheet> | ClientObject<FakeTable>,
    private readonly kind: "sheet" | "table",
  ) {}

  add(handler: Handler): FakeEventHandlerResult {
    const events = this.ctx.state.events;
    if (!events) throw new Error("fake: no events in this Excel");
    let id: number | null = null;
    this.ctx.queue(() => {
      this.ctx.requireApi("1.7", `${this.kind === "sheet" ? "Worksheet" : "Table"}.onChanged`);
      const e = (this.owner as ClientObject<FakeSheet | FakeTable>).entityNow();
      id = events.register(
        this.kind === "sheet" ? { sheet: e as FakeSheet } : { table: e as FakeTable },
        handler,
      );
    });
    return new FakeEventHandlerResult(this.ctx, events, () => id);
  }
}
