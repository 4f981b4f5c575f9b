/**
 * `npm start` runs `chokepoint serve`: the PORT environment variable picks the port, a bad PORT is refused naming
 * the variable, and a port already taken gets a message naming the command that picks another.
 */
import { afterAll, describe, expect, it } from "vitest";
import { serveHooks } from "../../src/cli/commands/serve.js";
import { startServer } from "../../src/server/start.js";
import { captureCli } from "../support/cli.js";

const original = serveHooks.waitForStop;
afterAll(() => {
  serveHooks.waitForStop = original;
});

describe("chokepoint serve and PORT", () => {
  it("listens on $PORT when no --port is given", async () => {
    // A free port, found by binding 0 and releasing it.
    const probe = await startServer({ port: 0, db: ":memory:", webRoot: null });
    const port = probe.port;
    await probe.close();
    serveHooks.waitForStop = () => Promise.resolve();
    const r = await captureCli(["serve", "--db", ":memory:", "--json"], { env: { PORT: String(port) } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).url).toBe(`http://127.0.0.1:${port}/`);
  });

  it("refuses a bad PORT, naming the variable and its value (exit 2)", async () => {
    const r = await captureCli(["serve", "--db", ":memory:"], { env: { PORT: "eighty" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid PORT environment variable: "eighty"');
  });

  it("names `npm start -- --port N` when the port is taken (exit 1)", async () => {
    const first = await startServer({ port: 0, db: ":memory:", webRoot: null });
    try {
      serveHooks.waitForStop = () => Promise.resolve();
      const r = await captureCli(["serve", "--db", ":memory:", "--port", String(first.port)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`port ${first.port} is already in use`);
      expect(r.stderr).toContain(`npm start -- --port ${first.port + 1}`);
    } finally {
      await first.close();
    }
  });
});
