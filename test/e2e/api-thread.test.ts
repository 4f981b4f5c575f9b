/**
 * The built server's simulation thread (src/server/compute.ts with dist/server/compute-thread.js): the same numbers
 * as runScenario on the calling thread, an event loop left free while a long run computes, the request time limit
 * enforced by ending the thread, and a fresh thread for the next job. Needs `npm run build` (npm test builds first).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { prepareRun } from "../../src/data/scenarios.js";
import { runScenario } from "../../src/engine/sim/run.js";
import { makePlan } from "../../src/engine/sim/plan.js";
import { parseOutputRef } from "../../src/engine/sim/sensitivity.js";
import { type Compute, runJob, threadCompute } from "../../src/server/compute.js";
import { ApiError } from "../../src/server/errors.js";
import { ROOT } from "./browser.js";

const entry = pathToFileURL(join(ROOT, "dist/server/compute-thread.js"));
if (!existsSync(entry))
  throw new Error("dist/server/compute-thread.js is missing: run `npm run build` first");

const prep = prepareRun("status-quo", { counterfactual: false });
if (!prep.ok) throw new Error("status-quo");
const { scenario, inputs } = prep.value;
const FAR = () => Date.now() + 60_000;

/** Longest gap between 5 ms timer ticks on this thread while `work` is pending. */
async function maxTimerGap(work: Promise<unknown>): Promise<{ gap: number; took: number }> {
  const t0 = performance.now();
  let last = t0;
  let gap = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, 5);
  try {
    await work;
  } finally {
    clearInterval(tick);
  }
  return { gap: Math.max(gap, performance.now() - last), took: performance.now() - t0 };
}

describe("simulations on the server's thread", () => {
  const compute: Compute = threadCompute(entry);
  afterAll(() => compute.close());

  it("gives the very numbers runScenario gives on the calling thread, for queued jobs too", async () => {
    const opts = { draws: 3000, seed: 11, conditions: ["gapMonths@2028Q4<6"] };
    const [a, b] = await Promise.all([
      compute.runScenario(scenario, inputs, opts, FAR()),
      compute.runScenario(scenario, inputs, { ...opts, seed: 12 }, FAR()),
    ]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(runScenario(scenario, inputs, opts)));
    expect(JSON.stringify(b)).toBe(JSON.stringify(runScenario(scenario, inputs, { ...opts, seed: 12 })));
    // Bad input comes back as the engine's issues, not a thrown error.
    const bad = await compute.runScenario(scenario, inputs, { draws: 0 }, FAR());
    expect(bad).toEqual({ ok: false, issues: [expect.objectContaining({ path: "draws" })] });
  });

  it("computes the tornado and Sobol indices there with the numbers of the calling thread", async () => {
    const plan = makePlan(scenario, inputs);
    if (!plan.ok) throw new Error("plan");
    const output = parseOutputRef("gapMonths@2028Q4", plan.value);
    if (!output.ok) throw new Error("output");
    const job = {
      plan: plan.value,
      scenario,
      output: output.value,
      sobol: { N: 256, seed: 4, bootstrap: 50 },
    };
    const got = await compute.sensitivity(job, FAR());
    expect(got.sobol?.indices.length).toBeGreaterThan(5);
    expect(JSON.stringify(got)).toBe(JSON.stringify(runJob("sensitivity", job)));
  });

  it("leaves this thread's event loop free while a long run computes (in-process it would be blocked)", async () => {
    const opts = { draws: 60_000, seed: 3 };
    const onThread = await maxTimerGap(compute.runScenario(scenario, inputs, opts, FAR()));
    const inProcess = await maxTimerGap(Promise.resolve().then(() => runScenario(scenario, inputs, opts)));
    // The in-process run holds the loop for its whole length; on the thread timers keep firing.
    expect(inProcess.gap).toBeGreaterThan(0.8 * inProcess.took);
    expect(onThread.gap).toBeLessThan(0.5 * onThread.took);
  });

  it("ends a run that passes its deadline with time_limit, and runs the next job on a fresh thread", async () => {
    const late = compute.runScenario(scenario, inputs, { draws: 200_000, seed: 1 }, Date.now() + 30);
    await expect(late).rejects.toBeInstanceOf(ApiError);
    await expect(late).rejects.toMatchObject({ status: 422, code: "time_limit" });
    // A job whose deadline passed while it waited is refused without running.
    await expect(compute.runScenario(scenario, inputs, { draws: 10 }, Date.now() - 1)).rejects.toMatchObject({
      code: "time_limit",
    });
    const next = await compute.runScenario(scenario, inputs, { draws: 500, seed: 2 }, FAR());
    expect(JSON.stringify(next)).toBe(JSON.stringify(runScenario(scenario, inputs, { draws: 500, seed: 2 })));
  });
});

describe("the built server", () => {
  it("answers other requests while a long simulation runs", async () => {
    const { startServer } = (await import(
      pathToFileURL(join(ROOT, "dist/server/start.js")).href
    )) as typeof import("../../src/server/start.js");
    const dir = mkdtempSync(join(tmpdir(), "chokepoint-thread-"));
    const server = await startServer({ port: 0, db: join(dir, "t.db"), webRoot: null, log: () => {} });
    try {
      const post = (draws: number) =>
        fetch(`${server.url}api/v1/simulate`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ scenario: "status-quo", draws, seed: 5 }),
        });
      await (await post(100)).json(); // warm caches (inputs, thread start)
      const t0 = performance.now();
      const long = post(150_000).then(async (r) => ({ status: r.status, at: performance.now() - t0 }));
      await new Promise((r) => setTimeout(r, 50));
      const health = await fetch(`${server.url}api/v1/health`);
      const healthAt = performance.now() - t0;
      expect(health.status).toBe(200);
      const done = await long;
      expect(done.status).toBe(200);
      // Health answered while the simulation was still running.
      expect(healthAt).toBeLessThan(done.at);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
