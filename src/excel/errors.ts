/**
 * Every Excel call of the adapter goes through `excelCall`, which returns a result or a typed
 * error with a message in both languages, so the task pane can say what went wrong in words
 * an officer understands instead of "RichApi.Error: GeneralException".
 */
import { HostConflictError } from "../app/host";
import type { Text } from "../domain/ruleSet";

export type HostOperation = "read" | "write" | "select" | "insertSheet";

/** The Excel.run options the adapter asks for (Excel.RunOptions). */
export interface ExcelRunOptions {
  /** Wait while the user is editing a cell instead of failing the batch (Excel.run's own). */
  delayForCellEdit?: boolean;
}

/**
 * Excel.run, or the fake's. Pass the options on: `(batch, options) => Excel.run(options ?? {},
 * batch)`; a wrapper that drops them loses delayForCellEdit (the batch then fails while a
 * cell is being edited, and the error says what to do).
 */
export type ExcelRun = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  options?: ExcelRunOptions,
) => Promise<T>;

/** How long the first sync of a call may take before the adapter gives up: 30 s. */
export const FIRST_SYNC_TIMEOUT_MS = 30_000;

/** A failed Excel call: Office.js's error code (or one of ours) and what to tell the user. */
export class ExcelHostError extends Error {
  constructor(
    readonly code: string,
    readonly operation: HostOperation,
    readonly text: Text,
    override readonly cause?: unknown,
  ) {
    super(text.en);
    this.name = "ExcelHostError";
  }
}

export type ExcelResult<T> = { ok: true; value: T } | { ok: false; error: ExcelHostError };

const WHAT: Record<HostOperation, Text> = {
  read: { sv: "Kunde inte läsa arbetsboken", en: "Could not read the workbook" },
  write: { sv: "Kunde inte skriva resultatet", en: "Could not write the result" },
  select: { sv: "Kunde inte markera cellen", en: "Could not select the cell" },
  insertSheet: { sv: "Kunde inte lägga till bladet", en: "Could not add the sheet" },
};

/** Office.js error codes (Excel JavaScript API error list) in words. */
const REASONS: Record<string, Text> = {
  InvalidOperationInCellEditMode: {
    sv: "Excel redigerar en cell. Tryck Enter eller Esc och försök igen.",
    en: "Excel is editing a cell. Press Enter or Esc and try again.",
  },
  // Some hosts say only this where a cell is being edited; other causes are rarer.
  InvalidOperation: {
    sv: "Excel kunde inte utföra åtgärden just nu. Om du redigerar en cell: avsluta redigeringen av cellen först (Enter eller Esc) och försök igen.",
    en: "Excel could not do it just now. If you are editing a cell: finish editing the cell first (Enter or Esc) and try again.",
  },
  AccessDenied: {
    sv: "Excel nekade ändringen. Bladet eller arbetsboken kan vara skyddad eller skrivskyddad.",
    en: "Excel denied the change. The sheet or workbook may be protected or read-only.",
  },
  ItemNotFound: {
    sv: "Ett blad eller en tabell som behövdes finns inte längre. Läs in arbetsboken igen.",
    en: "A sheet or table that was needed no longer exists. Read the workbook again.",
  },
  ItemAlreadyExists: {
    sv: "Ett blad eller en tabell med samma namn finns redan.",
    en: "A sheet or table with the same name already exists.",
  },
  InvalidReference: {
    sv: "En referens gäller inte längre (något har tagits bort). Läs in arbetsboken igen.",
    en: "A reference is no longer valid (something was deleted). Read the workbook again.",
  },
  InvalidSelection: {
    sv: "Markeringen är inte ett cellområde (ett diagram eller en bild är markerad).",
    en: "The selection is not a range of cells (a chart or picture is selected).",
  },
  RequestPayloadSizeLimitExceeded: {
    sv: "För mycket data för en förfrågan till Excel.",
    en: "Too much data for one request to Excel.",
  },
  ResponsePayloadSizeLimitExceeded: {
    sv: "Bladet är för stort för att läsas i en förfrågan till Excel. Flytta regiontabellen till ett eget blad.",
    en: "The sheet is too large to read in one request to Excel. Move the region table to a sheet of its own.",
  },
  ActivityLimitReached: {
    sv: "Excel är upptaget. Vänta en stund och försök igen.",
    en: "Excel is busy. Wait a moment and try again.",
  },
  ApiNotFound: {
    sv: "Den här Excel-versionen saknar en funktion som tillägget behöver. Uppdatera Excel.",
    en: "This version of Excel lacks a feature the add-in needs. Update Excel.",
  },
  MergedRangeConflict: {
    sv: "Sammanfogade celler ligger i vägen för det som ska skrivas.",
    en: "Merged cells are in the way of what is to be written.",
  },
  InsertDeleteConflict: {
    sv: "Excel kunde inte flytta celler (en tabell, sammanfogning eller ett skydd ligger i vägen).",
    en: "Excel could not shift cells (a table, merge or protection is in the way).",
  },
};

/** A sync that does not return (a heavy workbook in Excel on the web, a long cell edit). */
export const NO_ANSWER: Text = {
  sv: "Excel svarar inte. Vänta tills Excel är klart (och avsluta redigeringen av en cell om du skriver i en), och försök sedan igen.",
  en: "Excel is not responding. Wait until Excel is done (and finish editing a cell if you are typing in one), then try again.",
};

/** Sheet add or delete failing with GeneralException or InvalidSelection: another workbook had focus. */
export const SHEET_FOCUS: Text = {
  sv: "Excel kunde inte lägga till eller ta bort ett blad. Har en annan arbetsbok fokus? Klicka i den här arbetsboken och försök igen.",
  en: "Excel could not add or delete a sheet. Does another workbook have focus? Click into this workbook and try again.",
};

/** The code of an Office.js error (OfficeExtension.Error), or "GeneralException". */
export function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && code !== "" ? code : "GeneralException";
}

/** An error of the adapter's own making, with its words. */
export function hostError(
  code: string,
  operation: HostOperation,
  reason: Text,
  cause?: unknown,
): ExcelHostError {
  const what = WHAT[operation];
  return new ExcelHostError(
    code,
    operation,
    { sv: `${what.sv}: ${reason.sv}`, en: `${what.en}: ${reason.en}` },
    cause,
  );
}

export function toHostError(err: unknown, operation: HostOperation): ExcelHostError {
  if (err instanceof ExcelHostError) return err;
  const code = errorCode(err);
  const message = String((err as { message?: unknown } | null)?.message ?? err);
  const reason = REASONS[code] ?? {
    sv: `Excel svarade med ett fel (${code}): ${message}`,
    en: `Excel reported an error (${code}): ${message}`,
  };
  const what = WHAT[operation];
  return new ExcelHostError(
    code,
    operation,
    { sv: `${what.sv}: ${reason.sv}`, en: `${what.en}: ${reason.en}` },
    err,
  );
}

export interface CallOptions {
  /** Give up when the first sync has not returned after this long (default 30 s). */
  firstSyncTimeoutMs?: number;
}

/**
 * Makes every sync of the context fail once the call has given up, so a batch whose first
 * sync returns late queues and sends nothing more (the look returns, the write does not go).
 */
function guardSyncs(ctx: Excel.RequestContext, gaveUp: () => boolean, answered: () => void): void {
  const sync = ctx.sync.bind(ctx);
  const abandoned = (): Error =>
    Object.assign(new Error("The call gave up waiting for Excel."), { code: "Timeout" });
  const guarded = async <P>(passThroughValue?: P): Promise<P> => {
    if (gaveUp()) throw abandoned();
    const value = await sync(passThroughValue);
    answered();
    if (gaveUp()) throw abandoned();
    return value as P;
  };
  ctx.sync = guarded as typeof ctx.sync;
}

/**
 * Runs one batch through `run` (Excel.run or the fake's) with delayForCellEdit: a value, or
 * the error in words. A HostConflictError found inside the batch is the answer, not a
 * failure: it passes through. Where the first sync does not return within the timeout, the
 * answer is NO_ANSWER, and the batch is stopped at its next sync should Excel come back.
 */
export async function excelCall<T>(
  run: ExcelRun,
  operation: HostOperation,
  batch: (context: Excel.RequestContext) => Promise<T>,
  options: CallOptions = {},
): Promise<ExcelResult<T>> {
  const timeoutMs = options.firstSyncTimeoutMs ?? FIRST_SYNC_TIMEOUT_MS;
  let gaveUp = false;
  let answered = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      if (answered) return;
      gaveUp = true;
      reject(hostError("Timeout", operation, NO_ANSWER));
    }, timeoutMs);
  });
  const work = run(
    async (ctx) => {
      guardSyncs(
        ctx,
        () => gaveUp,
        () => {
          answered = true;
          clearTimeout(timer);
        },
      );
      return batch(ctx);
    },
    { delayForCellEdit: true },
  );
  // Whichever loses the race must not end as an unhandled rejection.
  work.catch(() => undefined);
  timeout.catch(() => undefined);
  try {
    return { ok: true, value: await Promise.race([work, timeout]) };
  } catch (err) {
    if (err instanceof HostConflictError) throw err;
    return { ok: false, error: toHostError(err, operation) };
  } finally {
    clearTimeout(timer);
  }
}

export function unwrap<T>(result: ExcelResult<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}
