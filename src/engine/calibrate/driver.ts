/**
 * The calibrate and rolling-backtest entry points the CLI, the HTTP API and a worker share: validate the vintage
 * date against the data, build the vintage history and inputs, and run. Pure (data comes in as arguments).
 */
import type { SimData } from "../sim/build-inputs.js";
import { VARIABLES } from "../sim/model.js";
import { quarterIndex, quarterLabel } from "../sim/quarters.js";
import type { Result, Scenario } from "../sim/scenario.js";
import { type Calibration, type CalibrationMethod, calibrate } from "./calibrate.js";
import { historyFromModels, lastObservedQuarter, mergeHistory, withFitSigma } from "./history.js";
import { type History, observationPoints, SERIES } from "./observations.js";
import { vintageRun } from "./prepare.js";
import { halfYearOrigins, MIN_OBSERVATIONS, type RollingReport, rollingBacktest } from "./rolling.js";
import { isIsoDate, lastQuarterEndedBy, quarterEnd } from "./vintage.js";

export interface CalibrationData extends SimData {
  /** Further observed series as knowable at a date (e.g. Epoch chip counts), merged over the models' series. */
  extraHistory?: (asOf: string) => History;
}

/** The newest dated row calibration can read: the latest model release. */
export function newestObservationDate(data: CalibrationData): string {
  return data.models.reduce((m, x) => (x.releaseDate > m ? x.releaseDate : m), "");
}

export function historyAsOf(scenario: Scenario, data: CalibrationData, asOf: string): History {
  const h = historyFromModels(data.models, scenario.start, asOf);
  return data.extraHistory ? mergeHistory(h, data.extraHistory(asOf)) : h;
}

export interface CalibrationRun extends Calibration {
  scenario: string;
  asOf: string;
  skipped: string[];
}

export function runCalibration(
  scenario: Scenario,
  data: CalibrationData,
  opts: { asOf: string; draws: number; seed: number; particles?: number; method?: CalibrationMethod },
): Result<CalibrationRun> {
  const { asOf } = opts;
  const bad = (message: string) => ({ ok: false as const, issues: [{ path: "asOf", message }] });
  if (!isIsoDate(asOf)) return bad(`${JSON.stringify(asOf)} (must be a date like 2025-06-30)`);
  const newest = newestObservationDate(data);
  if (asOf > newest)
    return bad(`${asOf} is after the newest observation (${newest}): nothing is known beyond it`);
  const to = lastQuarterEndedBy(asOf);
  if (to < scenario.start)
    return bad(
      `${asOf} is before the first observation the calibration can use (the scenario starts ${scenario.start})`,
    );
  const horizon = quarterLabel(Math.max(quarterIndex(scenario.horizon)!, quarterIndex(to)!));
  const prep = vintageRun(scenario, data, asOf, horizon);
  if (!prep.ok)
    return bad(
      `${asOf} leaves too little data to build the simulator's inputs (${prep.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}); choose a later date`,
    );
  const hist = withFitSigma(historyAsOf(scenario, data, asOf), data.models, asOf);
  const { points, skipped } = observationPoints(hist, SERIES, VARIABLES, scenario.start, to);
  if (!points.length) return bad(`${asOf} is before the first observation the calibration can use`);
  if (points.length < MIN_OBSERVATIONS)
    return bad(
      `${asOf} leaves ${points.length} half-year observations from ${scenario.start} (need at least ${MIN_OBSERVATIONS}); choose a later date`,
    );
  const cal = calibrate(prep.value.scenario, prep.value.inputs, points, {
    draws: opts.draws,
    seed: opts.seed,
    ...(opts.particles !== undefined ? { particles: opts.particles } : {}),
    ...(opts.method ? { method: opts.method } : {}),
  });
  if (!cal.ok) return cal;
  return { ok: true, value: { ...cal.value, scenario: scenario.name, asOf, skipped } };
}

export const FIRST_ORIGIN = "2024Q2";

export function runRolling(
  scenario: Scenario,
  data: CalibrationData,
  opts: { draws: number; seed: number; first?: string; last?: string; method?: CalibrationMethod },
): Result<RollingReport & { lastObserved: string }> {
  const newest = newestObservationDate(data);
  const truth = historyAsOf(scenario, data, newest);
  const lastObserved = lastObservedQuarter(truth);
  if (!lastObserved)
    return { ok: false, issues: [{ path: "data", message: "no observed series to score against" }] };
  const first = opts.first ?? FIRST_ORIGIN;
  const last = opts.last ?? lastObserved;
  const origins = halfYearOrigins(first, last).filter((o) => quarterEnd(o) <= newest);
  if (!origins.length)
    return {
      ok: false,
      issues: [{ path: "origins", message: `no origin from ${first} to ${last} (data end ${newest})` }],
    };
  const r = rollingBacktest(
    {
      prepare: (asOf, horizon) => vintageRun(scenario, data, asOf, horizon),
      historyAsOf: (asOf) => withFitSigma(historyAsOf(scenario, data, asOf), data.models, asOf),
      truth,
    },
    {
      origins,
      draws: opts.draws,
      seed: opts.seed,
      series: SERIES,
      variables: VARIABLES,
      from: scenario.start,
      ...(opts.method ? { method: opts.method } : {}),
    },
  );
  if (!r.ok) return r;
  return { ok: true, value: { ...r.value, lastObserved } };
}
