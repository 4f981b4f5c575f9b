// Issue 13, smaller items: formula cells in CLI CSV exports are defused; SIGINT says what happened (exit 130);
// requests Node's HTTP parser refuses still get a JSON error body.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toExportCsv } from "../../src/data/csv.js";
import { captureCli } from "../support/cli.js";

const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "chokepoint-climisc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("CSV exports", () => {
  it("defuse =, +, -, @ cells (apostrophe), keep numbers and signed numeric text", () => {
    const out = toExportCsv(
      ["a", "b", "c"],
      [
        { a: '=HYPERLINK("http://x","y")', b: "@SUM(1)", c: -3.5 },
        { a: "-12", b: "+cmd|' /C calc'!A0", c: 2368 },
      ],
    );
    expect(out.split("\n")).toEqual([
      "a,b,c",
      `"'=HYPERLINK(""http://x"",""y"")",'@SUM(1),-3.5`,
      "-12,'+cmd|' /C calc'!A0,2368",
      "",
    ]);
  });
  it("classify --format csv writes a formula id defused", async () => {
    const f = join(dir, "chips.csv");
    writeFileSync(f, 'id,fp8_tflops,datacenter\n"=HYPERLINK(""http://evil"")",1979,true\n');
    const r = await captureCli(["classify", "--file", f, "--date", "2024-06-01", "--format", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[1]).toMatch(/^2,"'=HYPERLINK\(""http:\/\/evil""\)",3A090\.a,true,/);
  });
});

const built = existsSync(join(root, "dist/cli/main.js"));
describe.skipIf(!built)("process-level (dist/)", () => {
  it("SIGINT during a long simulation prints one line and exits 130", async () => {
    const child = spawn(
      process.execPath,
      [join(root, "bin/chokepoint.js"), "simulate", "--scenario", "status-quo", "--draws", "200000"],
      {
        env: { ...process.env, HOME: dir },
      },
    );
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    await new Promise((r) => setTimeout(r, 2500));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
    expect(code).toBe(130);
    expect(err).toContain("chokepoint simulate: interrupted (SIGINT); stopped before finishing");
  });

  it("a request Node cannot parse gets a JSON 400", async () => {
    const { startServer } = await import("../../src/server/start.js");
    const server = await startServer({ port: 0, db: ":memory:", webRoot: null });
    try {
      const reply = await new Promise<string>((done) => {
        const s = connect(server.port, "127.0.0.1", () =>
          s.write("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n"),
        );
        let text = "";
        s.on("data", (d) => {
          text += d;
        });
        s.on("close", () => done(text));
      });
      expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(reply).toContain("Content-Type: application/json");
      const body = JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4));
      expect(body.error.code).toBe("bad_request");
    } finally {
      await server.close();
    }
  });
});
