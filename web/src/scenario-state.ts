/** The Scenarios page state and its URL form, so a shared link reproduces the same runs and charts. */
import { PARAM_NAMES, type ParamName } from "../../src/engine/sim/params.js";
import type { Controls } from "./worker/controls.js";

export interface ScenarioState {
  scenario: string;
  compare: string[]; // up to two more scenarios
  draws: number;
  seed: number;
  controls: Controls;
  tornado: boolean;
}

export const DRAW_CHOICES = [1_000, 10_000, 50_000] as const;
export const DEFAULT_STATE: ScenarioState = {
  scenario: "status-quo",
  compare: [],
  draws: 10_000,
  seed: 1,
  controls: { mults: {}, off: [] },
  tornado: false,
};

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function stateFromParams(p: URLSearchParams): ScenarioState {
  const scenario = p.get("s");
  const draws = Number(p.get("draws"));
  const seed = Number(p.get("seed"));
  const mults: Partial<Record<ParamName, number>> = {};
  for (const name of PARAM_NAMES) {
    const v = Number(p.get(`m.${name}`));
    if (p.has(`m.${name}`) && v > 0 && v <= 100) mults[name] = v;
  }
  return {
    scenario: scenario && NAME.test(scenario) ? scenario : DEFAULT_STATE.scenario,
    compare: (p.get("cmp") ?? "")
      .split(",")
      .filter((x) => NAME.test(x))
      .slice(0, 2),
    draws: (DRAW_CHOICES as readonly number[]).includes(draws) ? draws : DEFAULT_STATE.draws,
    seed:
      Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff && p.has("seed") ? seed : DEFAULT_STATE.seed,
    controls: { mults, off: (p.get("off") ?? "").split(",").filter(Boolean) },
    tornado: p.get("tornado") === "1",
  };
}

export function paramsFromState(s: ScenarioState): URLSearchParams {
  const p = new URLSearchParams();
  p.set("s", s.scenario);
  if (s.compare.length) p.set("cmp", s.compare.join(","));
  if (s.draws !== DEFAULT_STATE.draws) p.set("draws", String(s.draws));
  if (s.seed !== DEFAULT_STATE.seed) p.set("seed", String(s.seed));
  for (const [k, v] of Object.entries(s.controls.mults))
    if (v !== undefined && v !== 1) p.set(`m.${k}`, String(v));
  if (s.controls.off.length) p.set("off", [...s.controls.off].sort().join(","));
  if (s.tornado) p.set("tornado", "1");
  return p;
}
