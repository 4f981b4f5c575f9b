/**
 * A scenario as it could be run at a vintage date T: only the events known by T, and inputs built only from rows
 * dated ≤ T (models released by T, chips released by T), over quarters from the scenario's start to `horizon`.
 */
import { buildInputs, type SimData } from "../sim/build-inputs.js";
import type { SimInputs } from "../sim/inputs.js";
import { quarterIndex } from "../sim/quarters.js";
import type { Result, Scenario } from "../sim/scenario.js";
import { eventsKnownBy, modelsAsOf } from "./vintage.js";

/** The simulator data as of T. */
export function simDataAsOf(data: SimData, asOf: string): SimData {
  return {
    ...data,
    chips: data.chips.filter((c) => !c.releaseDate || c.releaseDate <= asOf),
    models: modelsAsOf(data.models, asOf),
  };
}

export function vintageRun(
  scenario: Scenario,
  data: SimData,
  asOf: string,
  horizon: string,
): Result<{ scenario: Scenario; inputs: SimInputs }> {
  if (quarterIndex(horizon)! < quarterIndex(scenario.start)!)
    return {
      ok: false,
      issues: [{ path: "asOf", message: `${asOf} is before the scenario's start ${scenario.start}` }],
    };
  const s: Scenario = {
    ...scenario,
    horizon,
    events: eventsKnownBy(scenario.events, asOf),
    conditions: scenario.conditions.filter((c) => quarterIndex(c.quarter)! <= quarterIndex(horizon)!),
  };
  const inputs = buildInputs(s, s.events, simDataAsOf(data, asOf));
  if (!inputs.ok) return inputs;
  return { ok: true, value: { scenario: s, inputs: inputs.value } };
}
