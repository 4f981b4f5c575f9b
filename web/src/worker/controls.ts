/**
 * The Scenarios page's controls applied to a scenario: slider multipliers on parameters and events switched off.
 * Pure, so the page, the worker and the tests apply them the same way.
 */
import type { Dist } from "../../../src/engine/sim/distributions.js";
import { PARAMS, type ParamName } from "../../../src/engine/sim/params.js";
import type { Scenario } from "../../../src/engine/sim/scenario.js";

export interface Controls {
  /** Parameter → multiplier on its whole distribution (1 = the scenario's own). */
  mults: Partial<Record<ParamName, number>>;
  /** Event keys (see eventKey) switched off. */
  off: string[];
}

/** Stable key of an event: its id when it has one, else type@date. */
export function eventKey(e: Scenario["events"][number], index: number): string {
  if (e.id) return e.id;
  const when = "date" in e ? e.date : "effective" in e ? e.effective : "from" in e ? e.from : String(index);
  return `${e.type}@${when}`;
}

/**
 * Scales the random variable X ~ d to k·X, keeping the family (for k > 0). Fractions are capped at the parameter's
 * maximum by the sampler's clamp, so only the distribution's own parameters change here.
 */
export function scaleDist(d: Dist, k: number): Dist {
  switch (d.dist) {
    case "point":
      return { dist: "point", value: d.value * k };
    case "uniform":
      return { dist: "uniform", min: d.min * k, max: d.max * k };
    case "normal":
      return { dist: "normal", mean: d.mean * k, sd: d.sd * Math.abs(k) };
    case "lognormal":
      return { dist: "lognormal", mu: d.mu + Math.log(k), sigma: d.sigma };
    case "loguniform":
      return { dist: "loguniform", min: d.min * k, max: d.max * k };
    case "triangular":
      return { dist: "triangular", min: d.min * k, mode: d.mode * k, max: d.max * k };
    case "pert":
      return { dist: "pert", min: d.min * k, mode: d.mode * k, max: d.max * k, lambda: d.lambda };
  }
}

export function applyControls(s: Scenario, c: Controls): Scenario {
  const params = { ...s.params };
  for (const [name, k] of Object.entries(c.mults) as [ParamName, number][]) {
    if (!(k > 0) || k === 1 || !params[name]) continue;
    params[name] = {
      ...params[name],
      segments: params[name].segments.map((seg) => ({ ...seg, dist: scaleDist(seg.dist, k) })),
    };
  }
  const off = new Set(c.off);
  const events = off.size ? s.events.filter((e, i) => !off.has(eventKey(e, i))) : s.events;
  return { ...s, params, events };
}

/** Parameters the page offers as sliders: those a policy or an unknown most plausibly moves. */
export const SLIDER_PARAMS: { name: ParamName; label: string }[] = (
  [
    "smuggleShareOfUnmet",
    "smuggleCapacityH100e",
    "remoteShareOfRow",
    "cnDemandShare",
    "stockpileMultiplier",
    "domesticCapacityChipsPerQuarter",
    "domesticGrowthPerYear",
    "domesticYield",
    "dieBankChips",
    "hbmStockpileStacks",
    "domesticHbmStacksPerQuarter",
    "cnConcentration",
  ] as const
).map((name) => ({ name, label: PARAMS[name].label }));

export const MULT_MIN = 0.25;
export const MULT_MAX = 4;
export const MULT_STEPS = 40;

/** Slider position 0..MULT_STEPS ↔ multiplier on a log scale from ×0.25 to ×4 (20 = ×1). */
export function multFromStep(step: number): number {
  const r = Math.log(MULT_MAX / MULT_MIN);
  return Math.round(MULT_MIN * Math.exp((r * step) / MULT_STEPS) * 1000) / 1000;
}
export function stepFromMult(m: number): number {
  const r = Math.log(MULT_MAX / MULT_MIN);
  return Math.max(0, Math.min(MULT_STEPS, Math.round((Math.log(m / MULT_MIN) * MULT_STEPS) / r)));
}

export function paramMax(name: ParamName): number {
  return PARAMS[name].max;
}
