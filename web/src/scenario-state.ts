/** The Scenarios page state and its URL form, so a shared link reproduces the same runs and charts. */
import { PARAM_NAMES, type ParamName } from "../../src/engine/sim/params.js";
import { LinkReader, type LinkIssue } from "./url-state.js";
import { type Controls, MULT_MAX, MULT_MIN } from "./worker/controls.js";

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
  // The seed the CLI, the README and the built-in scenarios use (the date of the first 3A090 rule), so the
  // dashboard's numbers are the CLI's.
  seed: 20221007,
  controls: { mults: {}, off: [] },
  tornado: false,
};

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The scenario the headline compares against. */
export const NO_CONTROLS = "no-controls";

/**
 * The scenarios the page's first answer runs: the shown ones, then no-controls (the headline's comparison); with
 * `all`, also the backtest's `history` and the default scenario (everything the page hands its worker).
 */
export function firstRunNames(s: ScenarioState, all: boolean): string[] {
  return [
    ...new Set([
      s.scenario,
      ...s.compare,
      ...(all ? ["history"] : []),
      NO_CONTROLS,
      ...(all ? [DEFAULT_STATE.scenario] : []),
    ]),
  ];
}

/** True when the server can give the page's first answer: built-in scenarios as defined (no slider or event changes). */
export function serverCanAnswer(s: ScenarioState): boolean {
  return (
    Object.values(s.controls.mults).every((m) => m === undefined || m === 1) && s.controls.off.length === 0
  );
}

export function stateFromParams(p: URLSearchParams): ScenarioState {
  return scenarioLink(p).state;
}

/**
 * The state a link asks for, and every value in it that was refused (unknown names, out-of-range numbers) with
 * the default used instead. Scenario names are checked against the list once it has arrived (see knownScenarios).
 */
export function scenarioLink(p: URLSearchParams): { state: ScenarioState; issues: LinkIssue[] } {
  const r = new LinkReader(p);
  const issues = r.issues;
  const scenario = p.get("s");
  const mults: Partial<Record<ParamName, number>> = {};
  for (const [key, value] of p.entries()) {
    if (!key.startsWith("m.")) continue;
    const name = key.slice(2);
    if (!(PARAM_NAMES as readonly string[]).includes(name)) {
      issues.push({ param: key, value, why: "not a known id", fallback: "—" });
      continue;
    }
    const v = r.number(key, MULT_MIN, MULT_MAX, 1);
    if (v !== 1) mults[name as ParamName] = v;
  }
  if (scenario !== null && !NAME.test(scenario))
    issues.push({ param: "s", value: scenario, why: "not a known id", fallback: DEFAULT_STATE.scenario });
  const compare = (p.get("cmp") ?? "").split(",").filter(Boolean);
  for (const c of compare)
    if (!NAME.test(c)) issues.push({ param: "cmp", value: c, why: "not a known id", fallback: "—" });
  if (compare.filter((x) => NAME.test(x)).length > 2)
    issues.push({
      param: "cmp",
      value: compare.join(","),
      why: "more than two scenarios",
      fallback: "the first two",
    });
  const state: ScenarioState = {
    scenario: scenario && NAME.test(scenario) ? scenario : DEFAULT_STATE.scenario,
    compare: compare.filter((x) => NAME.test(x)).slice(0, 2),
    draws: Number(r.oneOf("draws", DRAW_CHOICES.map(String), String(DEFAULT_STATE.draws))),
    seed: r.number("seed", 0, 0xffffffff, DEFAULT_STATE.seed, true),
    controls: { mults, off: (p.get("off") ?? "").split(",").filter(Boolean) },
    tornado: r.flag("tornado", false),
  };
  return { state, issues };
}

/** The state with scenario names the server does not know replaced by the default, and each replacement named. */
export function knownScenarios(
  s: ScenarioState,
  known: readonly string[],
): { state: ScenarioState; issues: LinkIssue[] } {
  const issues: LinkIssue[] = [];
  let scenario = s.scenario;
  if (!known.includes(scenario)) {
    issues.push({ param: "s", value: scenario, why: "not a known id", fallback: DEFAULT_STATE.scenario });
    scenario = DEFAULT_STATE.scenario;
  }
  const compare = s.compare.filter((c) => {
    const ok = known.includes(c) && c !== scenario;
    if (!known.includes(c)) issues.push({ param: "cmp", value: c, why: "not a known id", fallback: "—" });
    return ok;
  });
  return issues.length ? { state: { ...s, scenario, compare }, issues } : { state: s, issues };
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
