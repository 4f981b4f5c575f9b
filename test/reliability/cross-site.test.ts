// Issue 13, item 3: a page on another site must not be able to import data (or make any other write) through the
// user's browser. Reproduced in Chromium: a page served from http://localhost:<other port> posts an Epoch CSV to
// the server on 127.0.0.1 the ways a page can without a CORS preflight (fetch no-cors with text/plain, a form
// post). Each is refused (403 cross_site or 415) and the store keeps one version; the same import from the
// server's own origin still works. In-process checks cover the header rules without a browser.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserMissing, launch, tempDir } from "../e2e/browser.js";
import { crossSiteRefusal } from "../../src/server/app.js";
import { listVersions } from "../../src/store/index.js";
import type { RunningServer } from "../../src/server/start.js";
import { expectError, testApp } from "../server/helpers.js";

const csv = readFileSync(join(import.meta.dirname, "../fixtures/epoch/eci-newer.csv"), "utf8");

describe("cross-site writes: header rules", () => {
  const url = "http://127.0.0.1:8080/api/v1/datasets/import";
  it("refuses a foreign Origin or a cross-site / same-site fetch, lets same-origin and non-browser clients through", () => {
    expect(crossSiteRefusal(undefined, undefined, url)).toBeNull();
    expect(crossSiteRefusal("http://127.0.0.1:8080", "same-origin", url)).toBeNull();
    expect(crossSiteRefusal(undefined, "none", url)).toBeNull();
    expect(crossSiteRefusal("http://evil.example", undefined, url)).toContain('Origin "http://evil.example"');
    expect(crossSiteRefusal("null", undefined, url)).toContain("Origin");
    expect(crossSiteRefusal("http://127.0.0.1:9999", "same-site", url)).toContain('"same-site"');
    expect(crossSiteRefusal(undefined, "cross-site", url)).toContain('"cross-site"');
  });
  it("the app answers 403 cross_site on every write, 415 for text/plain; reads stay open", async () => {
    const t = testApp();
    try {
      const cross = await t.app.request("/api/v1/datasets/import", {
        method: "POST",
        headers: {
          "content-type": "text/csv",
          origin: "http://evil.example",
          "sec-fetch-site": "cross-site",
        },
        body: csv,
      });
      await expectError(cross, 403, "cross_site");
      const save = await t.app.request("/api/v1/scenarios", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://evil.example" },
        body: JSON.stringify({ name: "x" }),
      });
      await expectError(save, 403, "cross_site");
      const plain = await t.app.request("/api/v1/datasets/import", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: csv,
      });
      await expectError(plain, 415, "unsupported_media_type");
      const read = await t.app.request("/api/v1/datasets", { headers: { origin: "http://evil.example" } });
      expect(read.status).toBe(200);
      expect(listVersions(t.store)).toHaveLength(1);
    } finally {
      t.close();
    }
  });
});

const missing = browserMissing();
describe.skipIf(missing !== null)("cross-site import in Chromium", () => {
  const tmp = tempDir("chokepoint-xsite-");
  let server: RunningServer;
  let evil: Server;
  let evilUrl = "";
  beforeAll(async () => {
    const { startServer } = await import("../../src/server/start.js");
    server = await startServer({ port: 0, db: join(tmp.dir, "x.db"), webRoot: null });
    const target = `${server.url}api/v1/datasets/import`;
    // The attacker's page: no-cors fetches (text/plain, and text/csv which no-cors mode cannot send) and a form.
    const page = `<!doctype html><html><body>
<form id="f" method="POST" enctype="text/plain" action="${target}"><input name="Model version,ECI Score" value="x"></form>
<script>
const csv = ${JSON.stringify(csv)};
window.done = Promise.allSettled([
  fetch(${JSON.stringify(target)}, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: csv }),
  fetch(${JSON.stringify(target)}, { method: "POST", mode: "no-cors", headers: { "content-type": "text/csv" }, body: csv }),
]);
</script></body></html>`;
    evil = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(page);
    });
    await new Promise<void>((done) => evil.listen(0, "127.0.0.1", done));
    evilUrl = `http://localhost:${(evil.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((done) => evil?.close(done));
    tmp.remove();
  });

  it("refuses every cross-site attempt and stores nothing; the server's own origin still imports", async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const statuses: number[] = [];
      page.on("response", (r) => {
        if (r.url().includes("/datasets/import")) statuses.push(r.status());
      });
      await page.goto(evilUrl);
      await page.evaluate("window.done");
      const formDone = page.waitForResponse((r) => r.url().includes("/datasets/import"));
      await page.evaluate(() => (document.getElementById("f") as HTMLFormElement).submit());
      await formDone;
      expect(statuses).toHaveLength(3);
      for (const s of statuses) expect([403, 415]).toContain(s);
      expect(statuses).toContain(403);
      expect(listVersions(server.store).map((v) => v.kind)).toEqual(["bundled"]);

      // The same import from a page of the server itself is a same-origin request and is stored.
      const own = await browser.newPage();
      await own.goto(`${server.url}api/v1/health`);
      const status = await own.evaluate(
        async (body) =>
          (
            await fetch("/api/v1/datasets/import", {
              method: "POST",
              headers: { "content-type": "text/csv" },
              body,
            })
          ).status,
        csv,
      );
      expect(status).toBe(201);
      expect(listVersions(server.store).map((v) => v.kind)).toEqual(["bundled", "import"]);
    } finally {
      await browser.close();
    }
  });
});
