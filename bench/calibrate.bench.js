// Calibration benchmarks (DESIGN §7): importance sampling on 100,000 prior draws (target ≤ 10 s on one core) and
// the whole rolling-origin backtest at its default 20,000 draws per origin (target ≤ 60 s); SMC at 5,000
// particles for comparison. Data loaded once.
import { loadCalibrationData } from "../dist/data/calibration.js";
import { loadScenario } from "../dist/data/scenarios.js";
import { runCalibration, runRolling } from "../dist/engine/calibrate/index.js";

export default async function () {
  const s = loadScenario("history");
  if (!s.ok) throw new Error(JSON.stringify(s.issues));
  const data = loadCalibrationData(s.value.start);
  let t = performance.now();
  const cal = runCalibration(s.value, data, { asOf: "2025-06-30", draws: 100_000, seed: s.value.seed });
  const calMs = performance.now() - t;
  if (!cal.ok) throw new Error(JSON.stringify(cal.issues));
  console.log(
    `  calibrate --as-of 2025-06-30, 100,000 prior draws: ${(calMs / 1000).toFixed(2)} s (target ≤ 10 s); ESS ${cal.value.ess.toFixed(0)}, ${cal.value.observations.length} observations`,
  );
  t = performance.now();
  const smc = runCalibration(s.value, data, {
    asOf: "2025-06-30",
    draws: 5_000,
    seed: s.value.seed,
    method: "smc",
  });
  const smcMs = performance.now() - t;
  if (!smc.ok) throw new Error(JSON.stringify(smc.issues));
  console.log(
    `  calibrate --method smc, 5,000 particles: ${(smcMs / 1000).toFixed(2)} s; ${smc.value.smc.stages} stages, ${smc.value.smc.distinct} distinct particles, last-stage ESS ${smc.value.ess.toFixed(0)}`,
  );
  t = performance.now();
  const roll = runRolling(s.value, data, { draws: 20_000, seed: s.value.seed });
  const rollMs = performance.now() - t;
  if (!roll.ok) throw new Error(JSON.stringify(roll.issues));
  console.log(
    `  backtest --rolling, ${roll.value.origins.length} origins × 20,000 draws: ${(rollMs / 1000).toFixed(2)} s (target ≤ 60 s)`,
  );
}
