/**
 * Reading a tall range past Excel on the web's 5 MB response limit: in row blocks, one sync
 * each, a block Excel refuses as too large halved and read again. About two syncs per 5 MB,
 * never one per row.
 */

/** Whether an error is Excel's refusal to send a response that large. */
export function isResponseTooLarge(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "ResponsePayloadSizeLimitExceeded";
}

/**
 * Rows [top, top + rows), in order: `queue` queues the loads of a block and returns how to
 * read it once synced. Starts with two halves (the whole was refused already).
 */
export async function inRowBlocks<T>(
  ctx: Excel.RequestContext,
  top: number,
  rows: number,
  queue: (top: number, rows: number) => () => T,
): Promise<T[]> {
  const out: T[] = [];
  const first = Math.ceil(rows / 2);
  // A stack of [top, rows] still to read; the next block on top.
  const todo: [number, number][] = [];
  if (rows - first > 0) todo.push([top + first, rows - first]);
  todo.push([top, first]);
  while (todo.length > 0) {
    const [from, n] = todo.pop()!;
    const read = queue(from, n);
    try {
      await ctx.sync();
    } catch (err) {
      if (!isResponseTooLarge(err) || n === 1) throw err;
      const half = Math.ceil(n / 2);
      todo.push([from + half, n - half], [from, half]);
      continue;
    }
    out.push(read());
  }
  return out;
}
