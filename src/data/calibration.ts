/**
 * Node adapter for calibration: the simulator's data plus Epoch's chip counts (world output, NVIDIA sales to
 * China) as vintage-filtered observed series. Shared by `chokepoint calibrate`, `backtest --rolling` and the API.
 */
import type { CalibrationData } from "../engine/calibrate/driver.js";
import { historyFromChipCounts } from "../engine/calibrate/history.js";
import type { SimData } from "../engine/sim/build-inputs.js";
import { loadNvidiaOwners, loadWorldOutput } from "./chip-counts.js";
import { loadSimData } from "./scenarios.js";

/** `from`: the first quarter the series are read from (the scenario's start). */
export function loadCalibrationData(from: string, base: SimData = loadSimData()): CalibrationData {
  const world = loadWorldOutput();
  const owners = loadNvidiaOwners();
  return { ...base, extraHistory: (asOf) => historyFromChipCounts(world, owners, from, asOf) };
}
