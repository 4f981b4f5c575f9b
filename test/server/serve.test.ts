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
function rawPost(port: number, body: string, chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (!chunked) headers["content-length"] = String(Buffer.byteLength(body));
    const req = httpRequest(
      { host: "127.0.0.1", port, path: "/api/v1/classify", method: "POST", headers },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => done({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", fail);
    if (chunked) {
      // Several chunks, so the limit is crossed part-way through the stream.
      for (let i = 0; i < body.length; i += 500) req.write(body.slice(i, i + 500));
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
