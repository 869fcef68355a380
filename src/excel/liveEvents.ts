/**
 * Live mode's ear on the workbook: subscribes to the region table's change events in one
 * batch (Table.onChanged where the table is an Excel table, else Worksheet.onChanged — ExcelApi
 * 1.7), lets through only edits that can change the allocation, and coalesces a burst of them
 * (a paste, a fill, fast typing) into one call of `onChange` after `debounceMs` of quiet — or
 * `maxWaitMs` after the first, so a long burst still recomputes within a second.
 *
 * Never its own writes: Excel says so from ExcelApi 1.14 (triggerSource "ThisLocalAddin");
 * before that, an event that comes while we write (isWriting, the host's write flag, which
 * stays up a while after the write, as Excel delivers events late) is taken for ours. A
 * co-author's edit (source "Remote") is never ours, whatever the flag says. An edit outside
 * the user's input columns (our own columns, the stale mark) cannot change the allocation.
 */
import { parseA1 } from "../workbook/a1";
import type { ExcelRun } from "./errors";

/** What Excel's WorksheetChangedEventArgs / TableChangedEventArgs carry that we use. */
export interface ChangeEvent {
  address: string;
  source?: string;
  triggerSource?: string;
  type?: string;
}

export interface InputArea {
  /** Zero-based sheet columns of the user's table, inclusive; rows from the header row down. */
  left: number;
  right: number;
  headerRow: number;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LiveWatchOptions {
  run: ExcelRun;
  sheet: string;
  /** The Excel table the region table is, if it is one. */
  table?: string;
  /**
   * The user's input cells (or how to get them now: the table may grow); an event wholly
   * outside is ignored. Unknown: every event counts.
   */
  inputs?: InputArea | (() => InputArea | undefined);
  /** True while the add-in writes (ExcelHost.isWriting). */
  isWriting: () => boolean;
  /** Quiet time before a recompute (default 300 ms). */
  debounceMs?: number;
  /** Longest wait after the first edit of a burst (default 1000 ms). */
  maxWaitMs?: number;
  timers?: Timers;
  /** One call per burst, with the events it coalesced. */
  onChange: (events: ChangeEvent[]) => void;
}

export interface LiveWatchCounts {
  received: number;
  own: number;
  outside: number;
  bursts: number;
}

export interface LiveWatch {
  /** Unsubscribes (one batch) and drops a pending burst. */
  stop(): Promise<void>;
  readonly counts: Readonly<LiveWatchCounts>;
  /** Whether a burst is waiting for its recompute. */
  readonly pending: boolean;
}

/** Every cell of an address ("B5", "B5:C9", "$B$5", "B:B", "5:5") as a rectangle, or null. */
export function addressBounds(
  address: string,
): { top: number; left: number; bottom: number; right: number } | null {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [a, b = a] = local.replace(/\$/g, "").split(":");
  const cell = /^[A-Z]+\d+$/i;
  if (cell.test(a) && cell.test(b)) {
    const p = parseA1(a);
    const q = parseA1(b);
    return {
      top: Math.min(p.row, q.row),
      left: Math.min(p.col, q.col),
      bottom: Math.max(p.row, q.row),
      right: Math.max(p.col, q.col),
    };
  }
  if (/^[A-Z]+$/i.test(a) && /^[A-Z]+$/i.test(b)) {
    const p = parseA1(`${a}1`).col;
    const q = parseA1(`${b}1`).col;
    return { top: 0, left: Math.min(p, q), bottom: 1048575, right: Math.max(p, q) };
  }
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    return { top: Number(a) - 1, left: 0, bottom: Number(b) - 1, right: 16383 };
  }
  return null;
}

/** Whether an event can change the allocation (see the file comment). */
export function classify(
  event: ChangeEvent,
  inputs: InputArea | undefined,
  writing: boolean,
): "own" | "outside" | "input" {
  if (event.triggerSource === "ThisLocalAddin") return "own";
  const remote = event.source === "Remote";
  if (inputs) {
    const b = addressBounds(event.address);
    if (b && (b.right < inputs.left || b.left > inputs.right || b.bottom < inputs.headerRow)) {
      return "outside";
    }
    if (b) return "input"; // we never write the user's input cells
  }
  if (!remote && event.triggerSource === undefined && writing) return "own";
  return "input";
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Subscribes (one batch, one sync) and returns the watch. */
export async function watchChanges(options: LiveWatchOptions): Promise<LiveWatch> {
  const timers = options.timers ?? realTimers;
  const debounceMs = options.debounceMs ?? 300;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const counts: LiveWatchCounts = { received: 0, own: 0, outside: 0, bursts: 0 };
  let burst: ChangeEvent[] = [];
  let quiet: unknown = null;
  let longest: unknown = null;
  let stopped = false;

  const fire = (): void => {
    if (quiet !== null) timers.clearTimeout(quiet);
    if (longest !== null) timers.clearTimeout(longest);
    quiet = longest = null;
    const events = burst;
    burst = [];
    if (stopped || events.length === 0) return;
    counts.bursts++;
    options.onChange(events);
  };

  const handler = async (event: ChangeEvent): Promise<void> => {
    if (stopped) return;
    counts.received++;
    const inputs = typeof options.inputs === "function" ? options.inputs() : options.inputs;
    const kind = classify(event, inputs, options.isWriting());
    if (kind !== "input") {
      counts[kind]++;
      return;
    }
    burst.push(event);
    if (quiet !== null) timers.clearTimeout(quiet);
    quiet = timers.setTimeout(fire, debounceMs);
    if (longest === null) longest = timers.setTimeout(fire, maxWaitMs);
  };

  const subscription = await options.run(async (ctx) => {
    const source = options.table
      ? ctx.workbook.tables.getItem(options.table)
      : ctx.workbook.worksheets.getItem(options.sheet);
    const result = source.onChanged.add(handler);
    await ctx.sync();
    return result;
  });

  return {
    counts,
    get pending() {
      return burst.length > 0;
    },
    async stop() {
      stopped = true;
      burst = [];
      if (quiet !== null) timers.clearTimeout(quiet);
      if (longest !== null) timers.clearTimeout(longest);
      quiet = longest = null;
      // The handler is removed through the context it was added in (Office.js's rule).
      subscription.remove();
      await subscription.context.sync();
    },
  };
}
