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
