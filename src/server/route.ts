/**
 * One table of routes feeds both the Hono app and the OpenAPI document, so the documented request schemas are
 * the very zod schemas that validate requests.
 */
import type { Context, Hono } from "hono";
import type { z } from "zod";
import { ApiError, fieldPath, fromZod } from "./errors.js";
import type { ApiLimits } from "./limits.js";

export type Method = "get" | "post" | "delete";

/** What a handler receives: validated inputs plus the request deadline. */
export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The body's bytes, undecoded: set instead of `body` on routes with `undecodedBody` (see there). */
  bytes?: Uint8Array;
  /** Epoch milliseconds after which long computations must stop (see `checkDeadline`). */
  deadline: number;
  c: Context;
}

/** A JSON reply with an explicit status or headers (201 Created, Location); plain values reply 200. */
export class Reply {
  constructor(
    readonly status: 200 | 201,
    readonly json: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

export type RouteResult = unknown;

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Path under /api/v1 in Hono syntax, e.g. `/chips/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** `json` (default) parses application/json; `csv` hands the raw text to the body schema. */
  bodyKind?: "json" | "csv";
  /**
   * For `csv` bodies: hand the handler the raw bytes (`RouteInput.bytes`) instead of decoded, validated text, so a
   * 16 MB body is decoded (decodeUtf8, the same 400 bad_encoding) where the work runs, off the event loop. The body
   * schema then only documents the body.
   */
  undecodedBody?: boolean;
  /** Byte limit for this route's body; defaults to limits.maxBodyBytes. */
  bodyLimit?: (limits: ApiLimits) => number;
  /** Documented response body schema for 200 (optional; many results are engine objects described in prose). */
  response?: z.ZodType;
  /** Media type of the 200 answer when it is not JSON (the handler then returns a Response, e.g. `c.html(...)`). */
  responseMedia?: string;
  /** Extra error statuses this route may answer, with why (documented in OpenAPI). */
  errors?: Record<number, string>;
  handler: (input: RouteInput<P, Q, B>) => RouteResult | Promise<RouteResult>;
}

/** Typed constructor: infers P, Q and B from the schemas so handlers see parsed types. */
export function route<P = undefined, Q = undefined, B = undefined>(
  spec: RouteSpec<P, Q, B>,
): RouteSpec<unknown, unknown, unknown> {
  return spec as unknown as RouteSpec<unknown, unknown, unknown>;
}

/** The 422 `time_limit` error of a computation that ran past the request time limit; `advice` says what to do. */
export function timeLimitError(advice = "ask for fewer draws"): ApiError {
  return new ApiError(422, "time_limit", `the computation exceeded the request time limit; ${advice}`);
}

/** Throws a 422 `time_limit` once the deadline has passed; long loops call it from their progress callback. */
export function checkDeadline(deadline: number): void {
  if (Date.now() > deadline) throw timeLimitError();
}

/** Bodies declared at most this long are read in one go; longer ones are streamed (see readBody). */
const ONE_GO_BYTES = 1024 * 1024;

/**
 * Reads at most `max` bytes of the body; more is a 413. A body with a Content-Length up to 1 MiB is read in one go
 * (Node's HTTP parser holds the body to that length; the server adapter has a fast path for it). Longer and chunked
 * bodies are streamed into one buffer, refused as soon as they pass the limit: the fast path's concatenation and
 * second copy of a 16 MB import held the event loop for ~70 ms.
 */
async function readBody(c: Context, max: number): Promise<Uint8Array> {
  const declared = c.req.header("content-length");
  if (declared !== undefined && /^\d+$/.test(declared)) {
    if (Number(declared) > max) throw tooLarge(max);
    if (Number(declared) <= ONE_GO_BYTES) {
      const bytes = new Uint8Array(await c.req.arrayBuffer().catch(unreadable));
      if (bytes.byteLength > max) throw tooLarge(max);
      return bytes;
    }
  }
  const expected = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : undefined;
  return readStream(c.req.raw.body, max, expected).catch((err: unknown) => {
    if (err instanceof ApiError) throw err;
    return unreadable();
  });
}

/** The body's text; anything but strict UTF-8 is a 400 bad_encoding. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "bad_encoding", "the request body is not valid UTF-8");
  }
}

/**
 * The stream's bytes in one buffer of exactly their length (so it can be transferred to a worker thread whole).
 * With a declared length the buffer is allocated once and each chunk copied in as it arrives; without, it doubles.
 */
async function readStream(
  stream: ReadableStream<Uint8Array> | null,
  max: number,
  expected?: number,
): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  let buf = new Uint8Array(expected ?? 64 * 1024);
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    if (size + value.byteLength > buf.byteLength) {
      const bigger = new Uint8Array(Math.min(max, Math.max(2 * buf.byteLength, size + value.byteLength)));
      bigger.set(buf.subarray(0, size));
      buf = bigger;
    }
    buf.set(value, size);
    size += value.byteLength;
  }
  return size === buf.byteLength ? buf : buf.slice(0, size);
}

/** The client went away or sent a malformed body stream: nothing to answer, but not a server fault either. */
function unreadable(): never {
  throw new ApiError(400, "bad_body", "the request body could not be read (connection closed early?)");
}

function tooLarge(max: number): ApiError {
  return new ApiError(413, "body_too_large", `the request body exceeds the limit of ${max} bytes`);
}

/** Query string as a plain object; a repeated key keeps its last value (arrays are passed comma-separated). */
function queryObject(c: Context): Record<string, string> {
  if (!c.req.url.includes("?")) return {};
  const out: Record<string, string> = Object.create(null);
  const url = new URL(c.req.url);
  for (const [k, v] of url.searchParams) {
    const bad = invisibleCharacter(v, k) ?? invisibleCharacter(k, "query");
    if (bad) throw new ApiError(400, "bad_input", bad.message, bad.field);
    out[k] = v;
  }
  return { ...out };
}

function mediaType(c: Context): string {
  return (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

async function parseBody(c: Context, spec: RouteSpec, limits: ApiLimits): Promise<unknown> {
  const max = spec.bodyLimit ? spec.bodyLimit(limits) : limits.maxBodyBytes;
  const kind = spec.bodyKind ?? "json";
  const type = mediaType(c);
  if (kind === "json" && type !== "application/json") {
    // Requiring JSON also keeps plain cross-site form posts (which cannot set this type) away from the API.
    throw new ApiError(
      415,
      "unsupported_media_type",
      `expected Content-Type application/json, got ${JSON.stringify(type || "none")}`,
    );
  }
  // text/plain is refused on purpose: a browser sends it cross-site without a preflight (a "simple" request).
  if (kind === "csv" && type !== "text/csv") {
    throw new ApiError(
      415,
      "unsupported_media_type",
      `expected Content-Type text/csv, got ${JSON.stringify(type || "none")}`,
    );
  }
  const bytes = await readBody(c, max);
  if (kind === "csv" && spec.undecodedBody) return bytes;
  const text = decodeUtf8(bytes);
  if (kind === "csv") return text;
  if (text.trim() === "")
    throw new ApiError(400, "invalid_json", "the request body is empty; expected a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    const why = err instanceof Error ? err.message : "parse error";
    throw new ApiError(400, "invalid_json", `the request body is not valid JSON: ${why}`);
  }
  if (jsonDepth(value, limits.maxJsonDepth) > limits.maxJsonDepth) {
    throw new ApiError(
      400,
      "too_deep",
      `the request body nests arrays and objects more than ${limits.maxJsonDepth} levels deep`,
    );
  }
  // After the depth check: the walk below keeps each value's path, cheap only while nesting is bounded.
  const hostile = hostileJson(value);
  if (hostile) throw new ApiError(400, "bad_input", hostile.message, hostile.field);
  return value;
}

/**
 * Characters that change how text looks or reads without being visible: zero-width characters and bidirectional
 * controls. A chip name with one inside would look like a real chip's name (and did resolve to it); refusing them
 * keeps what a user sees equal to what the server matched.
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** The refusal for an invisible character in `text` at `field`, or null. */
export function invisibleCharacter(text: string, field: string): { field: string; message: string } | null {
  const m = INVISIBLE.exec(text);
  if (!m) return null;
  const code = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
  return {
    field,
    message: `invalid ${field}: ${shown} (contains ${code} at position ${m.index}, an invisible or text-direction character; remove it)`,
  };
}

/**
 * The first key `__proto__` or string with an invisible character anywhere in a parsed JSON body, or null.
 * `__proto__` is refused rather than dropped: JSON.parse makes it an own key that object spreads and schema checks
 * treat inconsistently, so what was sent and what was read could differ.
 */
export function hostileJson(value: unknown): { field: string; message: string } | null {
  const stack: [unknown, (string | number)[]][] = [[value, []]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      const bad = invisibleCharacter(v, fieldPath(path) || "body");
      if (bad) return bad;
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], [...path, i]]);
      continue;
    }
    for (const key of Object.keys(v)) {
      const here = [...path, key];
      if (key === "__proto__" || key === "constructor" || key === "prototype")
        return {
          field: fieldPath(here),
          message: `invalid ${fieldPath(here)}: the key "${key}" is not allowed`,
        };
      const bad = invisibleCharacter(key, fieldPath(here));
      if (bad) return { field: bad.field, message: `invalid key ${bad.message.slice("invalid ".length)}` };
      stack.push([(v as Record<string, unknown>)[key], here]);
    }
  }
  return null;
}

/** Nesting depth of a parsed JSON value, counted without recursion and stopping once past `stopAt`. */
export function jsonDepth(value: unknown, stopAt = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    const depth = d + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > stopAt) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth]);
  }
  return deepest;
}

function validate<T>(schema: z.ZodType<T> | undefined, input: unknown, status: 400 | 422 = 400): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(input);
  if (!r.success) throw fromZod(r.error, input, "", status);
  return r.data;
}

/** Registers every route on `app` (already mounted at /api/v1 by the caller). */
export function mountRoutes(app: Hono, routes: RouteSpec[], limits: ApiLimits): void {
  for (const spec of routes) {
    app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const params = validate(spec.params, c.req.param());
      const query = validate(spec.query, queryObject(c));
      const raw = spec.method === "post" && spec.body ? await parseBody(c, spec, limits) : undefined;
      const bytes = raw instanceof Uint8Array ? raw : undefined;
      const body = bytes ? undefined : validate(spec.body, raw);
      const deadline = Date.now() + limits.maxRequestMs;
      const result = await spec.handler({ params, query, body, ...(bytes ? { bytes } : {}), deadline, c });
      if (result instanceof Response) return result;
      if (result instanceof Reply) {
        for (const [k, v] of Object.entries(result.headers)) c.header(k, v);
        return c.json(result.json as object, result.status);
      }
      return c.json(result as object);
    });
  }
}
