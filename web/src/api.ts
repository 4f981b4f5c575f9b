/** Thin client for the Chokepoint HTTP API (/api/v1). Errors carry the server's `{ error: { code, message, field? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

// Relative to the page so the dashboard also works when mounted under a path prefix.
const BASE = new URL("api/v1/", document.baseURI).href;

async function handle<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(res.status, "bad-json", `the server answered ${res.status} with non-JSON text`);
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? "http", err?.message ?? `HTTP ${res.status}`, err?.field);
  }
  return body as T;
}

export async function getJson<T>(
  path: string,
  query?: Record<string, string | number | boolean | undefined>,
) {
  const url = new URL(path.replace(/^\//, ""), BASE);
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== "") url.searchParams.set(k, String(v));
  return handle<T>(await fetch(url, { headers: { accept: "application/json" } }));
}

/**
 * Answers the entry script asked for before the first page's code had arrived (main.tsx), for that page's first
 * render. Kept only briefly, so a later visit to the page asks the server again (data may have been imported).
 */
const prefetched = new Map<
  string,
  { at: number; promise: Promise<unknown>; done: boolean; value?: unknown }
>();
const PREFETCH_KEEP_MS = 10_000;
type Query = Record<string, string | number | boolean | undefined>;
const prefetchKey = (path: string, query?: Query) => JSON.stringify([path, query ?? {}]);

function freshPrefetch(path: string, query?: Query) {
  const e = prefetched.get(prefetchKey(path, query));
  return e && performance.now() - e.at < PREFETCH_KEEP_MS ? e : undefined;
}

/** Starts GET `path` now, for the page that will ask for it through getJsonPrefetched. */
export function prefetchJson(path: string, query?: Query): Promise<unknown> {
  const key = prefetchKey(path, query);
  const have = freshPrefetch(path, query);
  if (have) return have.promise;
  const entry: { at: number; promise: Promise<unknown>; done: boolean; value?: unknown } = {
    at: performance.now(),
    promise: getJson(path, query),
    done: false,
  };
  entry.promise.then(
    (v) => {
      entry.done = true;
      entry.value = v;
    },
    () => prefetched.delete(key),
  );
  prefetched.set(key, entry);
  return entry.promise;
}

/** The prefetched answer if it has arrived (and is recent), for a page's first render. */
export function prefetchedJson<T>(path: string, query?: Query): T | undefined {
  const e = freshPrefetch(path, query);
  return e?.done ? (e.value as T) : undefined;
}

/** GET `path`, taking a recent prefetch of the same request instead of asking again. */
export function getJsonPrefetched<T>(path: string, query?: Query): Promise<T> {
  return (freshPrefetch(path, query)?.promise as Promise<T> | undefined) ?? getJson<T>(path, query);
}

export async function postJson<T>(path: string, body: unknown) {
  const url = new URL(path.replace(/^\//, ""), BASE);
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  return handle<T>(res);
}

/** Lists may come bare or wrapped (`{ chips: [...] }`, `{ items: [...] }`); take the first array found. */
export function asList<T>(body: unknown, ...keys: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === "object") {
    const o = body as Record<string, unknown>;
    for (const k of [...keys, "items", "data", "results"]) if (Array.isArray(o[k])) return o[k] as T[];
  }
  return [];
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return `${e.message}${e.field ? ` (field: ${e.field})` : ""}`;
  return e instanceof Error ? e.message : String(e);
}

/** One curated model row as GET /models serves it (null = unknown, never guessed). */
export interface ModelRow {
  id: string;
  name: string;
  organization: string;
  bloc: "US" | "CN" | "joint" | "other";
  countries: string;
  releaseDate: string;
  accessibility: "open-weights" | "api" | "unreleased" | null;
  trainingComputeFlop: number | null;
  computeMethod: string | null;
  computeConfidence: string | null;
  hardware: string | null;
  hardwareQuantity: number | null;
  eci: number | null;
  gpqaDiamond: number | null;
  arenaElo: number | null;
  variants: string[];
  source: string;
}

export interface ModelPage {
  dataset: { version: number; kind: string; label: string };
  attribution: string;
  fields: Record<string, string>;
  total: number;
  offset: number;
  limit: number;
  count: number;
  models: ModelRow[];
}

/** GET /models: one page of the curated model rows of a dataset version (default the latest). */
export function listModels(query: {
  dataset?: number;
  bloc?: string;
  q?: string;
  limit?: number;
  offset?: number;
}): Promise<ModelPage> {
  return getJson<ModelPage>("models", query);
}

export interface GroupMember {
  code: string;
  from: string | null;
  to: string | null;
}

export interface CountryGroup {
  name: string;
  title: string;
  validFrom: string;
  source: string;
  includes: string[];
  members: GroupMember[];
  resolvedMembers: GroupMember[];
}

export interface CountryGroupsDoc {
  file: string;
  asOf: string;
  count: number;
  groups: CountryGroup[];
  aliases: { code: string; treatAs: string; from: string; note: string; source: string }[];
  notes: string[];
}

/** GET /country-groups: the EAR country groups the rule engine uses. */
export function listCountryGroups(): Promise<CountryGroupsDoc> {
  return getJson<CountryGroupsDoc>("country-groups");
}
