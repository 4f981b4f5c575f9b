// Issue 13: the hostile set replayed against the API in-process. Each case is a request an audit sent and the
// answer it must get now: a 4xx JSON error with the code (and field) named, never a 500 and never a quiet 200
// that read something other than what was sent. Expected values come from the issue and the rule each guard states.
import { describe, expect, it } from "vitest";
import { hostileJson, invisibleCharacter } from "../../src/server/route.js";
import { expectError, jsonOf, post, testApp } from "../server/helpers.js";

const json = (body: string) => ({ method: "POST", headers: { "content-type": "application/json" }, body });

describe("hostile requests", () => {
  const t = testApp();

  const cases: {
    name: string;
    req: () => Response | Promise<Response>;
    status: number;
    code: string;
    field?: string;
  }[] = [
    {
      name: "override 1e308 names the parameter",
      req: () =>
        post(t.app, "/simulate", {
          scenario: "status-quo",
          draws: 10,
          overrides: { smuggleCapacityH100e: 1e308 },
        }),
      status: 400,
      code: "bad_input",
      field: "scenario.params.smuggleCapacityH100e.value",
    },
    {
      name: "__proto__ inside overrides is refused, not dropped",
      req: () =>
        t.app.request(
          "/api/v1/simulate",
          json('{"scenario":"status-quo","overrides":{"__proto__":{"draws":1}}}'),
        ),
      status: 400,
      code: "bad_input",
      field: "overrides.__proto__",
    },
    {
      name: "a zero-width space inside a chip name",
      req: () => post(t.app, "/classify", { chip: "H\u200b100 SXM" }),
      status: 400,
      code: "bad_input",
      field: "chip",
    },
    {
      name: "a right-to-left override inside a chip name",
      req: () => post(t.app, "/classify", { chip: "H100\u202e SXM" }),
      status: 400,
      code: "bad_input",
      field: "chip",
    },
    {
      name: "an invisible character in a query value",
      req: () => t.app.request("/api/v1/chips?q=H\u2066100"),
      status: 400,
      code: "bad_input",
      field: "q",
    },
    {
      name: "import as text/plain (no preflight cross-site)",
      req: () =>
        t.app.request("/api/v1/datasets/import", {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: "a,b\n1,2\n",
        }),
      status: 415,
      code: "unsupported_media_type",
    },
    {
      name: "a write with a foreign Origin",
      req: () =>
        t.app.request("/api/v1/scenarios", {
          method: "POST",
          headers: { "content-type": "application/json", origin: "https://example.org" },
          body: JSON.stringify({ scenario: "status-quo" }),
        }),
      status: 403,
      code: "cross_site",
    },
    {
      name: "a delete with Sec-Fetch-Site cross-site",
      req: () =>
        t.app.request(`/api/v1/runs/${"a".repeat(64)}`, {
          method: "DELETE",
          headers: { "sec-fetch-site": "cross-site" },
        }),
      status: 403,
      code: "cross_site",
    },
    {
      name: "deleting a run that does not exist",
      req: () => t.app.request(`/api/v1/runs/${"a".repeat(64)}`, { method: "DELETE" }),
      status: 404,
      code: "unknown_run",
      field: "id",
    },
  ];

  for (const c of cases)
    it(c.name, async () => {
      const err = await expectError(await c.req(), c.status, c.code, c.field);
      expect(err.message.length).toBeGreaterThan(10);
    });

  it("an event dated 2024-02-31 is refused naming the field", async () => {
    const res = await post(t.app, "/scenarios/validate", {
      scenario: {
        extends: "status-quo",
        events: [{ type: "enforcement", date: "2024-02-31", multiplier: 1, citation: "assumption: test" }],
      },
    });
    const out = await jsonOf<{ valid: boolean; issues: { field: string; message: string }[] }>(res);
    expect(out.valid).toBe(false);
    const issue = out.issues.find((i) => i.message.includes("must be a date that exists"));
    expect(issue?.field).toMatch(/events\.\d+\.date$/);
    // The same event on a real day passes that check.
    const ok = await post(t.app, "/scenarios/validate", {
      scenario: {
        extends: "status-quo",
        events: [{ type: "enforcement", date: "2024-02-29", multiplier: 1, citation: "assumption: test" }],
      },
    });
    const okOut = await jsonOf<{ issues?: { message: string }[] }>(ok);
    expect((okOut.issues ?? []).some((i) => i.message.includes("must be a date that exists"))).toBe(false);
  });

  it("saved scenarios and runs can be deleted; a deleted run is gone, saving again restores the same id", async () => {
    const saved = await jsonOf<{ id: string }>(await post(t.app, "/scenarios", { scenario: "status-quo" }));
    const run = await jsonOf<{ runId: string }>(
      await post(t.app, "/simulate", { scenario: saved.id, draws: 20, seed: 1, save: true }),
    );
    expect(run.runId).toMatch(/^[0-9a-f]{64}$/);
    const delRun = await t.app.request(`/api/v1/runs/${run.runId}`, { method: "DELETE" });
    expect(await jsonOf(delRun)).toEqual({ deleted: { runId: run.runId } });
    await expectError(await t.app.request(`/api/v1/runs/${run.runId}`), 404, "unknown_run");
    await post(t.app, "/simulate", { scenario: saved.id, draws: 20, seed: 1, save: true });
    const delScenario = await t.app.request(`/api/v1/scenarios/${saved.id}`, { method: "DELETE" });
    expect(await jsonOf(delScenario)).toEqual({ deleted: { scenarioId: saved.id, runs: 1 } });
    await expectError(await t.app.request(`/api/v1/scenarios/${saved.id}`), 404, "unknown_scenario");
    const again = await jsonOf<{ id: string }>(await post(t.app, "/scenarios", { scenario: "status-quo" }));
    expect(again.id).toBe(saved.id);
  });

  it("the guards: __proto__/constructor keys and invisible characters found at their path", () => {
    expect(hostileJson(JSON.parse('{"a":[{"b":{"__proto__":1}}]}'))?.field).toBe("a[0].b.__proto__");
    expect(hostileJson({ a: { constructor: 1 } })?.field).toBe("a.constructor");
    expect(hostileJson({ chips: [{ name: "ok" }, { name: "A\u200dB" }] })?.field).toBe("chips[1].name");
    expect(hostileJson({ name: "H100 SXM", n: 3, list: ["中文 ok"] })).toBeNull();
    expect(invisibleCharacter("x\ufeffy", "f")?.message).toContain("U+FEFF at position 1");
  });
});
