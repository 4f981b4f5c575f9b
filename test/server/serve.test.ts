// The real server on a loopback port: startServer() for other tests, and `chokepoint serve` through runCli.
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { serveHooks } from "../../src/cli/commands/serve.js";
import { runCli } from "../../src/cli/main.js";
import { startServer } from "../../src/server/start.js";

const dir = mkdtempSync(join(tmpdir(), "chokepoint-serve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A raw HTTP request so the Host header can be set to anything (fetch forbids that). */
function rawGet(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("startServer", () => {
  it("binds 127.0.0.1 on a free port, loads the bundled data and serves the API until closed", async () => {
    const server = await startServer({ port: 0, db: join(dir, "a.db"), webRoot: null });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(server.datasetVersion).toBe(1);
      const res = await fetch(`${server.url}api/v1/health`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe("ok");
      const chips = (await (await fetch(`${server.url}api/v1/chips?q=h20`)).json()) as { count: number };
      expect(chips.count).toBeGreaterThan(0);
      // A page on another origin that rebinds its DNS name to 127.0.0.1 is refused.
      const rebound = await rawGet(server.port, "/api/v1/health", `evil.example:${server.port}`);
      expect(rebound.status).toBe(400);
      expect(JSON.parse(rebound.body).error.code).toBe("bad_host");
      expect((await rawGet(server.port, "/api/v1/health", `localhost:${server.port}`)).status).toBe(200);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}api/v1/health`)).rejects.toThrow();
  });

  it("keeps saved runs in its database file across restarts", async () => {
    const db = join(dir, "b.db");
    const body = JSON.stringify({ scenario: "history", draws: 100, seed: 5, save: true });
    const init = { method: "POST", headers: { "content-type": "application/json" }, body };
    const first = await startServer({ port: 0, db, webRoot: null });
    const a = (await (await fetch(`${first.url}api/v1/simulate`, init)).json()) as {
      runId: string;
      result: unknown;
    };
    await first.close();
    const second = await startServer({ port: 0, db, webRoot: null });
    try {
      const b = (await (await fetch(`${second.url}api/v1/runs/${a.runId}`)).json()) as {
        runId: string;
        result: unknown;
      };
      expect(b.runId).toBe(a.runId);
      expect(b.result).toEqual(a.result);
    } finally {
      await second.close();
    }
  });

  it("says which port is taken", async () => {
    const first = await startServer({ port: 0, db: ":memory:", webRoot: null });
    try {
      await expect(startServer({ port: first.port, db: ":memory:", webRoot: null })).rejects.toThrow(
        /already in use/,
      );
    } finally {
      await first.close();
    }
  });
});

/** POST over a real socket; `chunked` sends without Content-Length (Transfer-Encoding: chunked). */
function rawPost(
  port: number,
  body: string | Buffer,
  chunked: boolean,
  path = "/api/v1/classify",
  type = "application/json",
): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const headers: Record<string, string> = { "content-type": type };
    if (!chunked) headers["content-length"] = String(Buffer.byteLength(body));
    const req = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => done({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", fail);
    if (chunked) {
      // Several chunks, so the limit is crossed part-way through the stream.
      const step = body.length > 100_000 ? 64 * 1024 : 500;
      for (let i = 0; i < body.length; i += step) req.write(body.slice(i, i + step));
      req.end();
    } else req.end(body);
  });
}

describe("request bodies over a real socket", () => {
  it("reads bodies within the limit and answers 413 past it, with or without Content-Length", async () => {
    const server = await startServer({
      port: 0,
      db: ":memory:",
      webRoot: null,
      limits: { maxBodyBytes: 1000 },
    });
    try {
      const ok = JSON.stringify({ chip: "nvidia-h100-sxm", date: "2024-06-01", destination: "CN" });
      for (const chunked of [false, true]) {
        const small = await rawPost(server.port, ok, chunked);
        expect(small.status, `chunked ${chunked}`).toBe(200);
        expect(JSON.parse(small.body).classification).toBe("3A090.a");
        const big = JSON.stringify({ chip: "nvidia-h100-sxm", endUse: "x".repeat(4000) });
        const refused = await rawPost(server.port, big, chunked);
        expect(refused.status, `chunked ${chunked}`).toBe(413);
        expect(JSON.parse(refused.body).error.code).toBe("body_too_large");
      }
    } finally {
      await server.close();
    }
  });
});

/** An Epoch ECI export of at least `bytes` bytes, every row a new model released in 2024. */
function eciExport(bytes: number): string {
  const lines = [
    "Model version,ECI Score,Release date,Organization,Country,Model accessibility,Training compute (FLOP),Confidence,Model name",
  ];
  let size = lines[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const row = `sock-${i},${100 + (i % 50)},2024-${String(1 + (i % 12)).padStart(2, "0")}-01,Lab ${i % 40},${i % 2 ? "China" : "United States of America"},API access,1e24,Likely,Socket model ${i} ${"x".repeat(150)}`;
    lines.push(row);
    size += row.length + 1;
  }
  return `${lines.join("\n")}\n`;
}

describe("import bodies over a real socket", () => {
  // Bodies over 1 MiB are streamed into one buffer (route.ts readBody) rather than read by the adapter in one go.
  it("reads a 1.5 MB import whole with and without Content-Length, refuses one past the limit, and bad UTF-8", async () => {
    const server = await startServer({
      port: 0,
      db: join(dir, "import.db"),
      webRoot: null,
      limits: { maxImportBytes: 2_000_000 },
    });
    try {
      const body = eciExport(1_500_000);
      const rows = body.trim().split("\n").length - 1;
      const path = "/api/v1/datasets/import";
      const first = await rawPost(server.port, body, false, path, "text/csv");
      expect(first.status).toBe(201);
      expect(JSON.parse(first.body)).toMatchObject({
        rowsRead: rows,
        addedTotal: rows,
        alreadyStored: false,
      });
      // The same bytes sent chunked are the same content: found, not stored twice.
      const again = await rawPost(server.port, body, true, path, "text/csv");
      expect(again.status).toBe(200);
      expect(JSON.parse(again.body)).toMatchObject({ rowsRead: rows, alreadyStored: true });
      const big = eciExport(2_100_000);
      for (const chunked of [false, true]) {
        const refused = await rawPost(server.port, big, chunked, path, "text/csv");
        expect(refused.status, `chunked ${chunked}`).toBe(413);
        expect(JSON.parse(refused.body).error.code).toBe("body_too_large");
      }
      // One Latin-1 byte (é as 0xE9) in a body past 1 MiB.
      const latin1 = Buffer.from(body.replace("Socket model 7 ", "Caf\u00e9 7 "), "latin1");
      const bad = await rawPost(server.port, latin1, false, path, "text/csv");
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body).error).toEqual({
        code: "bad_encoding",
        message: "the request body is not valid UTF-8",
      });
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe("batch replies over a real socket", () => {
  it("a 600-row batch reply streamed in slices arrives whole, with its Content-Length and not chunked", async () => {
    const server = await startServer({ port: 0, db: ":memory:", webRoot: null });
    try {
      const rows = Array.from({ length: 600 }, (_, i) =>
        i % 3 ? { chip: "nvidia-h20" } : { chip: "no-such-chip" },
      );
      const res = await fetch(`${server.url}api/v1/classify/batch`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ date: "2024-06-01", destination: "CN", rows }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("transfer-encoding")).toBeNull();
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(Number(res.headers.get("content-length"))).toBe(bytes.byteLength);
      const text = new TextDecoder().decode(bytes);
      const json = JSON.parse(text) as { count: number; ok: number; failed: number; results: unknown[] };
      expect(text).toBe(JSON.stringify(json));
      // Rows 0, 3, …, 597 name no chip: 200 of 600.
      expect([json.count, json.ok, json.failed, json.results.length]).toEqual([600, 400, 200, 600]);
    } finally {
      await server.close();
    }
  });
});

describe("chokepoint serve", () => {
  it("prints the URL, serves, and stops cleanly", async () => {
    let stop!: () => void;
    const original = serveHooks.waitForStop;
    serveHooks.waitForStop = () => new Promise<void>((done) => (stop = done));
    const out: string[] = [];
    const io = {
      stdout: (s: string) => out.push(s),
      stderr: (s: string) => out.push(s),
      env: {},
      cwd: dir,
      isTTY: false,
    };
    try {
      const exit = runCli(["serve", "--port", "0", "--db", "c.db", "--json"], io);
      await expect.poll(() => out.join(""), { timeout: 20_000 }).toMatch(/"url"/);
      const info = JSON.parse(out.join("")) as { url: string; db: string };
      expect(info.db).toBe(join(dir, "c.db"));
      expect((await fetch(`${info.url}api/v1/health`)).status).toBe(200);
      stop();
      expect(await exit).toBe(0);
    } finally {
      serveHooks.waitForStop = original;
    }
  });

  it("refuses a bad port with exit code 2", async () => {
    const out: string[] = [];
    const io = {
      stdout: (s: string) => out.push(s),
      stderr: (s: string) => out.push(s),
      env: {},
      cwd: dir,
      isTTY: false,
    };
    expect(await runCli(["serve", "--port", "70000"], io)).toBe(2);
    expect(out.join("")).toMatch(/invalid --port/);
  });
});
