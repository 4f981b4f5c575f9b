// The HTTP plumbing: error bodies, limits on bodies, headers, 404/405, static dashboard files and the OpenAPI doc.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CONTENT_SECURITY_POLICY, createApp } from "../../src/server/app.js";
import { ApiError, fromZod } from "../../src/server/errors.js";
import { createServices } from "../../src/server/services.js";
import { tinyCatalogue } from "./fixtures.js";

const web = mkdtempSync(join(tmpdir(), "chokepoint-web-"));
mkdirSync(join(web, "assets"));
writeFileSync(join(web, "index.html"), "<!doctype html><title>Chokepoint</title>");
writeFileSync(join(web, "assets", "app-abc123.js"), "console.log(1)");
afterAll(() => rmSync(web, { recursive: true, force: true }));

const logged: string[] = [];
const app = createApp({
  services: createServices({ chips: tinyCatalogue }),
  webRoot: web,
  log: (m) => logged.push(m),
});

async function json(res: Response) {
  return (await res.json()) as Record<string, unknown> & {
    error?: { code: string; message: string; field?: string };
  };
}

describe("errors", () => {
  it("names field and value from a zod issue", () => {
    const schema = z.object({ draws: z.number().max(10) });
    const input = { draws: 11 };
    const r = schema.safeParse(input);
    const err = fromZod(r.error!, input);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(400);
    expect(err.field).toBe("draws");
    expect(err.message).toMatch(/^invalid draws: 11 \(/);
  });

  it("answers an unknown endpoint with a JSON 404", async () => {
    const res = await app.request("/api/v1/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect((await json(res)).error?.code).toBe("not_found");
  });

  it("answers a known path with the wrong method with a JSON 405 and Allow", async () => {
    const res = await app.request("/api/v1/chips", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect((await json(res)).error?.code).toBe("method_not_allowed");
  });

  it("refuses unknown query parameters and names them", async () => {
    const res = await app.request("/api/v1/chips?colour=red");
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error?.code).toBe("bad_input");
    expect(body.error?.message).toMatch(/colour/);
  });
});

describe("security headers", () => {
  it("sets a strict CSP and the other headers on API and page responses", async () => {
    for (const path of ["/api/v1/health", "/"]) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toBe(CONTENT_SECURITY_POLICY);
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  it("refuses a Host it does not answer for when allowedHosts is set (DNS rebinding)", async () => {
    const guarded = createApp({
      services: createServices({ chips: tinyCatalogue }),
      allowedHosts: ["127.0.0.1", "localhost"],
    });
    expect((await guarded.request("http://127.0.0.1:8080/api/v1/health")).status).toBe(200);
    expect((await guarded.request("http://localhost/api/v1/health")).status).toBe(200);
    const evil = await guarded.request("http://evil.example:8080/api/v1/health");
    expect(evil.status).toBe(400);
    expect((await json(evil)).error?.code).toBe("bad_host");
  });
});

describe("static dashboard", () => {
  it("serves index.html at / and for client-side routes, but not for missing assets", async () => {
    const root = await app.request("/");
    expect(root.headers.get("content-type")).toMatch(/text\/html/);
    expect(await root.text()).toMatch(/<title>Chokepoint/);
    const spa = await app.request("/scenarios/compare");
    expect(spa.status).toBe(200);
    expect(await spa.text()).toMatch(/<title>Chokepoint/);
    const missing = await app.request("/assets/missing.js");
    expect(missing.status).toBe(404);
  });

  it("serves hashed assets with a long cache lifetime and the right type", async () => {
    const res = await app.request("/assets/app-abc123.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/javascript/);
    expect(res.headers.get("cache-control")).toMatch(/immutable/);
    expect(await res.text()).toBe("console.log(1)");
  });

  it("never serves files outside its root", async () => {
    for (const path of [
      "/../package.json",
      "/%2e%2e/package.json",
      "/assets/..%2f..%2fpackage.json",
      "/%00",
      "/%E0%A4%A",
    ]) {
      const res = await app.request(path);
      const text = await res.text();
      expect(text, path).not.toMatch(/"name"/);
    }
  });

  it("does not fall back to the dashboard for /api paths", async () => {
    const res = await app.request("/api/v1/unknown/page");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/json/);
  });
});

describe("OpenAPI", () => {
  it("documents every route with its parameters and the limits", async () => {
    const res = await app.request("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      info: { description: string };
      paths: Record<string, Record<string, { parameters: { name: string; in: string }[] }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.description).toMatch(/200000/);
    expect(doc.paths["/api/v1/chips/{id}"]?.get?.parameters).toContainEqual(
      expect.objectContaining({ name: "id", in: "path" }),
    );
    expect(doc.paths["/api/v1/chips"]?.get?.parameters.map((p) => p.name)).toEqual([
      "q",
      "vendor",
      "datacenter",
      "country",
    ]);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema objects, read by the assertions
type JsonSchema = Record<string, any>;
interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
  >;
  "x-limits": Record<string, number>;
}

describe("OpenAPI coverage", () => {
  it("documents every endpoint, request bodies from the zod schemas with their limits", async () => {
    const doc = (await (await app.request("/api/v1/openapi.json")).json()) as OpenApiDoc;
    const expected = [
      "get /health",
      "get /chips",
      "get /chips/{id}",
      "post /classify",
      "post /classify/batch",
      "post /screen",
      "get /screen/lists",
      "get /sanctions",
      "get /rules",
      "get /rules/diff",
      "get /rules/{id}",
      "get /rules/{id}/regions",
      "get /rules/{id}/max-tpp",
      "get /events",
      "get /models",
      "get /country-groups",
      "get /gap",
      "get /scenarios",
      "post /scenarios",
      "post /scenarios/validate",
      "get /scenarios/{id}",
      "post /simulate",
      "get /runs/{id}",
      "delete /runs/{id}",
      "delete /scenarios/{id}",
      "post /sensitivity",
      "post /backtest",
      "post /calibrate",
      "post /backtest/rolling",
      "get /posteriors/{id}",
      "get /datasets",
      "get /datasets/freshness",
      "post /datasets/import",
      "get /openapi.json",
      "get /simulation/fit",
      "get /brief",
    ];
    const have = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p.replace("/api/v1", "")}`),
    );
    expect(have.sort()).toEqual(expected.sort());
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    const sim = doc.paths["/api/v1/simulate"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(sim.properties.draws.maximum).toBe(200_000);
    expect(sim.required).toEqual(["scenario"]);
    const batch = doc.paths["/api/v1/classify/batch"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(batch.properties.rows.maxItems).toBe(10_000);
    expect(doc["x-limits"].maxBodyBytes).toBe(1024 * 1024);
  });
});

describe("unexpected errors", () => {
  it("become a 500 JSON body without a stack trace, logged on the server", async () => {
    const broken = createApp({
      services: {
        ...createServices(),
        chips: () => {
          throw new Error("disk on fire");
        },
      },
      log: (m) => logged.push(m),
    });
    const res = await broken.request("/api/v1/chips");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/disk on fire|at .*\.ts/);
    expect(JSON.parse(text).error.code).toBe("internal");
    expect(logged.some((m) => m.includes("disk on fire"))).toBe(true);
  });
});

describe("jsonDepth", () => {
  it("counts nesting of arrays and objects; scalars are depth 0", async () => {
    const { jsonDepth } = await import("../../src/server/route.js");
    expect(jsonDepth(5)).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [1, { b: [] }] })).toBe(4);
    expect(jsonDepth(JSON.parse(`${"[".repeat(200_000)}${"]".repeat(200_000)}`), 32)).toBe(33);
  });
});
