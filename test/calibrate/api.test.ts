import { afterAll, describe, expect, it } from "vitest";
import { expectError, jsonOf, post, testApp } from "../server/helpers.js";

describe("POST /api/v1/calibrate", () => {
  const t = testApp();
  afterAll(() => t.close());
  it("answers { id, asOf, seed, priorDraws, ess, ... } and saves the posterior; same request → same answer", async () => {
    const body = { asOf: "2025-06-30", draws: 400, seed: 8, particles: 100 };
    const a = await jsonOf(await post(t.app, "/calibrate", body));
    expect(a).toMatchObject({ asOf: "2025-06-30", seed: 8, priorDraws: 400, particles: 100, saved: true });
    expect(a.id).toMatch(/^[0-9a-f]{64}$/);
    const b = await jsonOf(await post(t.app, "/calibrate", body));
    expect(b).toEqual(a);
    const n = t.store.db.prepare("SELECT count(*) AS n FROM posteriors WHERE id = ?").get(a.id) as {
      n: number;
    };
    expect(n.n).toBe(1);
  });
  it("GET /posteriors/{id|latest} returns the particles; unknown is 404, malformed 400", async () => {
    const a = await jsonOf(
      await post(t.app, "/calibrate", { asOf: "2025-06-30", draws: 300, seed: 9, particles: 50 }),
    );
    const got = await jsonOf<{ id: string; particles: { size: number; params: Record<string, unknown[]> } }>(
      await t.app.request(`/api/v1/posteriors/${a.id}`),
    );
    expect(got.id).toBe(a.id);
    expect(got.particles.size).toBe(50);
    expect(Object.keys(got.particles.params).length).toBeGreaterThan(10);
    const latest = await jsonOf<{ id: string }>(await t.app.request("/api/v1/posteriors/latest"));
    expect(latest.id).toMatch(/^[0-9a-f]{64}$/);
    await expectError(
      await t.app.request(`/api/v1/posteriors/${"0".repeat(64)}`),
      404,
      "unknown_posterior",
      "id",
    );
    await expectError(await t.app.request("/api/v1/posteriors/abc"), 400, "bad_input");
  });
  it("POST /backtest/rolling answers the CLI's pooled record per series, cached", async () => {
    const a = await jsonOf<{
      series: Record<string, { pooled: { model: { crps: number }; baselines: object } }>;
    }>(await post(t.app, "/backtest/rolling", { draws: 300, seed: 2 }));
    expect(Object.keys(a.series)).toEqual(
      expect.arrayContaining(["eciGap", "usFrontierFlop", "cnFrontierFlop"]),
    );
    expect(a.series.eciGap!.pooled.model.crps).toBeGreaterThan(0);
    expect(Object.keys(a.series.eciGap!.pooled.baselines)).toContain("published7");
    const b = await jsonOf(await post(t.app, "/backtest/rolling", { draws: 300, seed: 2 }));
    expect(b).toEqual(a);
    await expectError(await post(t.app, "/backtest/rolling", { draws: 50_000 }), 400, "bad_input", "draws");
  });
  it("400 naming the field for a date outside the data or a malformed one", async () => {
    const e = await expectError(
      await post(t.app, "/calibrate", { asOf: "2099-01-01" }),
      400,
      "bad_input",
      "asOf",
    );
    expect(e.message).toMatch(/2099-01-01 is after the newest observation/);
    await expectError(await post(t.app, "/calibrate", { asOf: "June" }), 400, "bad_input", "asOf");
    await expectError(
      await post(t.app, "/calibrate", { asOf: "2025-06-30", draws: 10 }),
      400,
      "bad_input",
      "draws",
    );
  });
});
