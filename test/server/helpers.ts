// Builds in-process apps for the API tests: the real rules and scenarios, a hand-made or bundled dataset in an
import { expect } from "vitest";
// in-memory store, and optional small limits so each refusal is quick to reach.
import type { Hono } from "hono";
import { createApp } from "../../src/server/app.js";
import type { ApiLimits } from "../../src/server/limits.js";
import { createServices } from "../../src/server/services.js";
import { ensureBundled, importDataset, openStore, type Store } from "../../src/store/index.js";
import { SavedStore } from "../../src/store/saved.js";
import type { Chip } from "../../src/engine/chips/types.js";
import type { ModelRecord } from "../../src/engine/gap/types.js";

export interface TestApp {
  app: Hono;
  store: Store;
  logged: string[];
  close(): void;
}

export function testApp(
  opts: { limits?: Partial<ApiLimits>; chips?: Chip[]; models?: ModelRecord[] } = {},
): TestApp {
  const store = openStore(":memory:");
  if (opts.models)
    importDataset(store, { kind: "bundled", label: "test", parent: null, models: opts.models, arena: [] });
  else ensureBundled(store);
  const logged: string[] = [];
  const app = createApp({
    services: createServices({
      store,
      saved: new SavedStore(store.db),
      ...(opts.chips ? { chips: opts.chips } : {}),
    }),
    ...(opts.limits ? { limits: opts.limits } : {}),
    log: (m) => logged.push(m),
  });
  return { app, store, logged, close: () => store.close() };
}

export type ErrorJson = { error: { code: string; message: string; field?: string } };

/** POSTs JSON (or raw text when `body` is a string and `raw` is set). */
export function post(app: Hono, path: string, body: unknown, init: { raw?: boolean; type?: string } = {}) {
  return app.request(`/api/v1${path}`, {
    method: "POST",
    headers: { "content-type": init.type ?? "application/json" },
    body: init.raw ? (body as string) : JSON.stringify(body),
  });
}

export async function jsonOf<T = Record<string, unknown>>(res: Response): Promise<T> {
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return (await res.json()) as T;
}

/** Asserts a 4xx JSON error with the code (and field) expected; returns the error. */
export async function expectError(res: Response, status: number, code: string, field?: string) {
  const body = await jsonOf<ErrorJson>(res);
  expect({ status: res.status, code: body.error?.code }).toEqual({ status, code });
  expect(typeof body.error.message).toBe("string");
  if (field !== undefined) expect(body.error.field).toBe(field);
  return body.error;
}
