// Property-based fuzz of the API's inputs: random JSON bodies, mutated valid bodies, random raw text, random
// query strings and random paths, sent to every route. Whatever arrives, the answer is a status below 500 with a
// JSON body, errors in the { error: { code, message } } shape, and never a stack trace.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { testApp } from "./helpers.js";

const t = testApp({
  limits: { maxDraws: 200, maxBatchRows: 20, maxRequestMs: 5_000, maxBodyBytes: 64 * 1024 },
});
const { app } = t;
afterAll(() => t.close());

const POST_TEMPLATES: Record<string, Record<string, unknown>> = {
  "/classify": { chip: "nvidia-h20", date: "2024-06-01", destination: "CN", buyerHq: "CN" },
  "/classify/batch": {
    date: "2024-06-01",
    rows: [{ chip: "nvidia-h100-sxm" }, { specs: { fp8Tflops: 600, dieAreaMm2: 814 } }],
  },
  "/scenarios/validate": { scenario: "history", overrides: { smuggleShareOfUnmet: 0.01 } },
  "/scenarios": {
    scenario: { name: "fuzz", description: "d", extends: "history", params: { smuggleShareOfUnmet: 0.02 } },
  },
  "/simulate": { scenario: "history", draws: 20, seed: 3, horizon: "2024Q4" },
  "/sensitivity": { scenario: "history", N: 16, bootstrap: 5, output: "gapMonths@2025Q4" },
  "/backtest": { scenario: "history", draws: 20, from: "2023Q1", to: "2024Q4" },
};
const GET_PATHS = [
  "/health",
  "/chips",
  "/chips/nvidia-h20",
  "/rules",
  "/rules/2023-10-17",
  "/rules/diff",
  "/rules/2023-10-17/regions",
  "/rules/2023-10-17/max-tpp",
  "/events",
  "/models",
  "/country-groups",
  "/gap",
  "/scenarios",
  "/scenarios/history",
  "/datasets",
  "/openapi.json",
];

async function check(res: Response, what: string) {
  const text = await res.text();
  expect(res.status, `${what} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(res.headers.get("content-type"), what).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  if (res.status >= 400) {
    expect(typeof body.error?.code, what).toBe("string");
    expect(typeof body.error?.message, what).toBe("string");
  }
  expect(text, what).not.toMatch(/\n\s+at |\.ts:\d+/);
  expect(t.logged, what).toEqual([]);
}

function postJson(path: string, body: string, type = "application/json") {
  return app.request(`/api/v1${path}`, { method: "POST", headers: { "content-type": type }, body });
}

/** Replaces, deletes or adds one key somewhere in a JSON object. */
function mutate(value: unknown, path: string[], replacement: unknown, op: "set" | "delete"): unknown {
  if (path.length === 0 || value === null || typeof value !== "object")
    return op === "set" ? replacement : value;
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ([...value] as unknown as Record<string, unknown>)
    : { ...(value as object) };
  if (rest.length === 0 && op === "delete") delete copy[head];
  else copy[head] = mutate(copy[head], rest, replacement, op);
  return copy;
}

function keyPaths(v: unknown, prefix: string[] = []): string[][] {
  if (v === null || typeof v !== "object") return [prefix];
  const out: string[][] = [prefix];
  for (const [k, x] of Object.entries(v)) out.push(...keyPaths(x, [...prefix, k]));
  return out;
}

const routeArb = fc.constantFrom(...Object.keys(POST_TEMPLATES));
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    -1,
    0,
    1e308,
    -1e308,
    2 ** 53,
    0.5,
    "",
    "NaN",
    "2024-02-30",
    "CN",
    "../../etc/passwd",
    "__proto__",
    null,
    true,
    [],
    {},
  ),
);

describe("API fuzz", () => {
  it("random JSON bodies to every POST route answer < 500 with a JSON body", async () => {
    await fc.assert(
      fc.asyncProperty(routeArb, fc.jsonValue({ maxDepth: 4 }), async (path, body) => {
        await check(
          await postJson(path, JSON.stringify(body)),
          `POST ${path} ${JSON.stringify(body).slice(0, 200)}`,
        );
      }),
      { numRuns: 150 },
    );
  });

  it("valid bodies with one field replaced, removed or added answer < 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        routeArb,
        fc.nat(),
        oddValue,
        fc.constantFrom<"set" | "delete" | "add">("set", "delete", "add"),
        fc.string({ maxLength: 12 }),
        async (path, pick, value, op, newKey) => {
          const template = POST_TEMPLATES[path]!;
          const paths = keyPaths(template).filter((p) => p.length > 0);
          const target = paths[pick % paths.length]!;
          const body =
            op === "add"
              ? mutate(template, [...target.slice(0, -1), newKey || "x"], value, "set")
              : mutate(template, target, value, op);
          await check(
            await postJson(path, JSON.stringify(body)),
            `POST ${path} ${JSON.stringify(body).slice(0, 300)}`,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("raw text bodies (broken JSON, binary, huge numbers) answer < 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        routeArb,
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string({ unit: "binary", maxLength: 200 }),
          fc.constantFrom("{", "[]", "1e999", '{"a":1}{', '"\\ud800"', "\u0000"),
        ),
        fc.constantFrom("application/json", "text/plain", "application/json; charset=utf-8", ""),
        async (path, body, type) => {
          await check(
            await postJson(path, body, type),
            `POST ${path} ${type} ${JSON.stringify(body).slice(0, 100)}`,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it("random CSV uploads to the dataset import answer < 500", async () => {
    const header =
      "Model version,ECI Score,Release date,Organization,Country,Model accessibility,Training compute (FLOP),Confidence,Model name,Description,Display name";
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        "",
        "China",
        "United States of America",
        "2024-01-01",
        "1e999",
        "-5",
        '"a,b"',
        "Open weights (unrestricted)",
      ),
    );
    const row = fc.array(cell, { minLength: 0, maxLength: 12 }).map((cells) => cells.join(","));
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(row, { maxLength: 6 }), async (withHeader, rows) => {
        const text = `${withHeader ? `${header}\n` : ""}${rows.join("\n")}`;
        await check(
          await postJson("/datasets/import", text, "text/csv"),
          `POST /datasets/import ${JSON.stringify(text).slice(0, 200)}`,
        );
      }),
      { numRuns: 100 },
    );
  });

  it("random query strings to every GET route answer < 500", async () => {
    const key = fc.oneof(
      fc.constantFrom(
        "q",
        "date",
        "from",
        "to",
        "at",
        "metric",
        "dieArea",
        "tppMax",
        "dataset",
        "step",
        "datacenter",
        "openWeights",
        "exclude",
        "type",
      ),
      fc.string({ maxLength: 8 }),
    );
    const val = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        "-1",
        "0",
        "1e999",
        "NaN",
        "2024-06-01",
        "2024-02-30",
        "true",
        "eci",
        "compute",
        "2023-10-17",
        "CN",
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...GET_PATHS),
        fc.array(fc.tuple(key, val), { maxLength: 4 }),
        async (path, pairs) => {
          const qs = new URLSearchParams(pairs).toString();
          await check(await app.request(`/api/v1${path}${qs ? `?${qs}` : ""}`), `GET ${path}?${qs}`);
        },
      ),
      { numRuns: 250 },
    );
  });

  it("random paths and methods under /api/v1 answer < 500", async () => {
    const segment = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("chips", "rules", "runs", "scenarios", "..", "%2e%2e", "%ZZ", "diff", "regions"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"),
        async (segs, method) => {
          const path = `/api/v1/${segs.map((s) => encodeURIComponent(s)).join("/")}`;
          const res = await app.request(path, {
            method,
            headers: { "content-type": "application/json" },
            ...(method === "GET" ? {} : { body: "{}" }),
          });
          await check(res, `${method} ${path}`);
        },
      ),
      { numRuns: 200 },
    );
  });
});
