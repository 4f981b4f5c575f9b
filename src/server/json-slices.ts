/**
 * Large JSON replies built and sent in slices. A 10,000-row batch classification is about 25 MB of JSON; built as
 * one object graph, stringified to one string and encoded to one buffer, it held several times that at once (and
 * eight of them well over a gigabyte). Here each slice of array items is stringified and encoded as soon as it is
 * computed, so only its UTF-8 bytes are kept, and each slice is let go once the socket has taken it.
 */
import type { Context } from "hono";
import { ApiError } from "./errors.js";

/** Array items per slice: small enough that one slice's objects and strings are young garbage, large enough to be cheap. */
export const SLICE_ITEMS = 250;

const encoder = new TextEncoder();

/** Lets queued I/O callbacks (other requests, health checks) run between slices of a long synchronous loop. */
export const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** The error a computation stops with once its client has closed the connection (nobody reads the answer). */
export function clientGone(): ApiError {
  return new ApiError(408, "client_gone", "the client closed the connection before the answer was ready");
}

/**
 * Encodes `items` as the bytes of a JSON array's members (`a,b,c`, without the brackets), one buffer per
 * `SLICE_ITEMS` items, computing each item only when its slice is encoded and yielding to the event loop between
 * slices. `item(i)` must return what `JSON.stringify` would write inside the array for index i. Once `signal` is
 * aborted (the client went away) it stops between slices with clientGone().
 */
export async function encodeArraySlices(
  count: number,
  item: (i: number) => unknown,
  signal?: AbortSignal,
): Promise<Uint8Array[]> {
  const slices: Uint8Array[] = [];
  for (let start = 0; start < count; start += SLICE_ITEMS) {
    if (start > 0) await yieldToEventLoop();
    if (signal?.aborted) throw clientGone();
    const end = Math.min(count, start + SLICE_ITEMS);
    const parts: string[] = [];
    for (let i = start; i < end; i++) parts.push(JSON.stringify(item(i)) ?? "null");
    slices.push(encoder.encode((start > 0 ? "," : "") + parts.join(",")));
  }
  return slices;
}

/**
 * A 200 `application/json` reply whose body is the object `head` with `key` appended as the array whose members are
 * `slices` (from encodeArraySlices): byte for byte what `c.json({ ...head, [key]: items })` sends, with the same
 * Content-Length, but streamed slice by slice and never joined into one string or buffer.
 */
export function slicedJsonReply(
  c: Context,
  head: Record<string, unknown>,
  key: string,
  slices: Uint8Array[],
  /** Called once the last byte has been taken by the socket, or the client went away. */
  onDone?: () => void,
): Response {
  const open = JSON.stringify(head);
  const prefix = encoder.encode(`${open.length > 2 ? `${open.slice(0, -1)},` : "{"}${JSON.stringify(key)}:[`);
  const suffix = encoder.encode("]}");
  const parts: (Uint8Array | undefined)[] = [prefix, ...slices, suffix];
  const length = parts.reduce((n, p) => n + p!.byteLength, 0);
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(ctrl) {
      const part = parts[next];
      if (part === undefined) {
        ctrl.close();
        onDone?.();
        return;
      }
      parts[next++] = undefined; // the stream holds it now; this array must not
      ctrl.enqueue(part);
    },
    cancel() {
      parts.length = 0;
      onDone?.();
    },
  });
  return c.body(body, 200, { "Content-Type": "application/json", "Content-Length": String(length) });
}
