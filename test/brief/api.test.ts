// GET /api/v1/brief: the page as text/html with the same headline as the CLI's file, JSON errors naming the field.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.js";
import { createServices } from "../../src/server/services.js";
import { captureCli } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "chokepoint-brief-api-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const app = createApp({ services: createServices(), log: () => {} });
const headline = (html: string) => /<p class="headline" id="headline">(.*?)<\/p>/.exec(html)?.[1];

describe("GET /api/v1/brief", () => {
  it("answers text/html whose headline equals the CLI's for the same scenario, seed, draws and date", async () => {
    const res = await app.request("/api/v1/brief?scenario=status-quo&seed=11&draws=600&date=2026-11-30");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    const out = join(dir, "cli.html");
    const cli = await captureCli(
      [
        "brief",
        "--scenario",
        "status-quo",
        "--seed",
        "11",
        "--draws",
        "600",
        "--date",
        "2026-11-30",
        "--out",
        out,
      ],
      { env: { CHOKEPOINT_DB: join(dir, "store.db") } },
    );
    expect(cli.code).toBe(0);
    const h = headline(html);
    expect(h).toMatch(/^Gap in 2028 Q4: -?\d+\.\d months/);
    expect(h).toBe(headline(readFileSync(out, "utf8")));
    // Same query → same bytes.
    const again = await app.request("/api/v1/brief?scenario=status-quo&seed=11&draws=600&date=2026-11-30");
    expect(await again.text()).toBe(html);
    const zh = await app.request(
      "/api/v1/brief?scenario=status-quo&seed=11&draws=300&date=2026-11-30&lang=zh-CN",
    );
    expect(await zh.text()).toContain('<html lang="zh-CN">');
  }, 120_000);

  it("refuses an unknown scenario and out-of-range draws with 400 JSON naming the field", async () => {
    const res = await app.request("/api/v1/brief?scenario=nonexistent");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as { error: { field: string; message: string } };
    expect(body.error.field).toBe("scenario");
    expect(body.error.message).toContain('"nonexistent"');
    const draws = await app.request("/api/v1/brief?scenario=status-quo&draws=20001");
    expect(draws.status).toBe(400);
    expect(((await draws.json()) as { error: { field: string } }).error.field).toBe("draws");
    const missing = await app.request("/api/v1/brief");
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { field: string } }).error.field).toBe("scenario");
  });

  it("is documented in the OpenAPI document as text/html", async () => {
    const doc = (await (await app.request("/api/v1/openapi.json")).json()) as {
      paths: Record<string, { get?: { responses: Record<string, { content: Record<string, unknown> }> } }>;
    };
    expect(Object.keys(doc.paths["/api/v1/brief"]!.get!.responses["200"]!.content)).toEqual(["text/html"]);
  });
});
