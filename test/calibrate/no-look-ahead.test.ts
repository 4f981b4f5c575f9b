/**
 * No look-ahead: calibration at T reads only rows dated ≤ T. Every row dated after T — models (compute, ECI),
 * chips, chip counts (world output, NVIDIA owners), and any other dated array the simulator data holds — is
 * changed, plus a new model after T, and the output must be byte-identical. A control changes one row before T and
 * must change the output, so the comparison can fail.
 */
import { describe, expect, it } from "vitest";
import { calibrationJson } from "../../src/cli/commands/calibrate.js";
import { loadNvidiaOwners, loadWorldOutput } from "../../src/data/chip-counts.js";
import { loadScenario, loadSimData } from "../../src/data/scenarios.js";
import type { CalibrationData } from "../../src/engine/calibrate/driver.js";
import { runCalibration } from "../../src/engine/calibrate/driver.js";
import { historyFromChipCounts } from "../../src/engine/calibrate/history.js";
import { quarterEnd } from "../../src/engine/calibrate/vintage.js";
import type { ModelRecord } from "../../src/engine/gap/types.js";

const T = "2025-06-30";

function after(row: unknown): boolean {
  const r = row as { releaseDate?: unknown; quarter?: unknown };
  if (typeof r.releaseDate === "string") return r.releaseDate > T;
  if (typeof r.quarter === "string" && /^\d{4}Q[1-4]$/.test(r.quarter)) return quarterEnd(r.quarter) > T;
  return false;
}

/** Every numeric field of a row scaled by 1.7 (and text fields marked), keeping it valid. */
function scramble<R>(row: R): R {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row as Record<string, unknown>))
    out[k] = typeof v === "number" && k !== "hardwareQuantity" ? v * 1.7 : v;
  return out as R;
}

function mutateAfter<R>(rows: readonly R[]): R[] {
  return rows.map((r) => (after(r) ? scramble(r) : r));
}

function dataset(change: "none" | "after" | "before"): CalibrationData {
  const base = loadSimData() as unknown as Record<string, unknown>;
  let world = loadWorldOutput();
  let owners = loadNvidiaOwners();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base))
    out[k] = Array.isArray(v) && change === "after" ? mutateAfter(v) : v;
  let models = out.models as ModelRecord[];
  if (change === "after") {
    world = mutateAfter(world);
    owners = mutateAfter(owners);
    models = [
      ...models,
      {
        ...models.find((m) => m.bloc === "CN" && m.eci !== null)!,
        id: "future-cn-model",
        name: "Future CN model",
        releaseDate: "2025-07-01",
        eci: 999,
        trainingComputeFlop: 1e30,
      },
    ];
  }
  if (change === "before") {
    // Control: the newest US model with compute released before T gets 10× its compute.
    const i = models.reduce(
      (best, m, k) =>
        m.bloc === "US" &&
        m.trainingComputeFlop &&
        m.releaseDate <= T &&
        (best < 0 || m.trainingComputeFlop > models[best]!.trainingComputeFlop!)
          ? k
          : best,
      -1,
    );
    models = models.map((m, k) => (k === i ? { ...m, trainingComputeFlop: m.trainingComputeFlop! * 10 } : m));
  }
  out.models = models;
  const s = scenario();
  return {
    ...(out as unknown as CalibrationData),
    extraHistory: (asOf) => historyFromChipCounts(world, owners, s.start, asOf),
  };
}

function scenario() {
  const r = loadScenario("history");
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

function run(data: CalibrationData, method: "is" | "smc" = "is"): string {
  const r = runCalibration(scenario(), data, {
    asOf: T,
    draws: method === "smc" ? 400 : 1500,
    seed: 9,
    particles: 300,
    method,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  // The id hashes the particles, so equal ids mean equal posteriors to the last bit.
  const id = JSON.stringify(
    Object.entries(r.value.posterior.params).map(([k, segs]) => [k, segs.map((g) => Array.from(g.values))]),
  );
  return JSON.stringify({ out: calibrationJson("-", r.value), particles: id });
}

describe("calibration at T does not look ahead", () => {
  const base = run(dataset("none"));
  it("changing every row dated after T (and adding a model after T) changes nothing", () => {
    const d = dataset("after");
    // The mutation really touched rows after T.
    expect(d.models.some((m) => m.id === "future-cn-model")).toBe(true);
    expect(run(d)).toBe(base);
  });
  it("control: changing one row dated before T changes the output", () => {
    expect(run(dataset("before"))).not.toBe(base);
  });
  it("the same holds for sequential Monte Carlo", () => {
    const smc = run(dataset("none"), "smc");
    expect(run(dataset("after"), "smc")).toBe(smc);
    expect(run(dataset("before"), "smc")).not.toBe(smc);
  });
});
