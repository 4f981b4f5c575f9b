/**
 * A scenario as it could be run at a vintage date T: only the events known by T, and inputs built only from rows
 * dated ≤ T (models released by T, chips released by T), over quarters from the scenario's start to `horizon`.
 */
import { buildInputs, type SimData } from "../sim/build-inputs.js";
import type { SimInputs } from "../sim/inputs.js";
import { quarterIndex } from "../sim/quarters.js";
import type { Result, Scenario } from "../sim/scenario.js";
import { eventsKnownBy, quarterEnd } from "./vintage.js";

/**
 * The simulator data as of T. Generic over SimData's fields, so a new dated dataset is filtered without code here:
 * every array of rows is cut to rows dated ≤ T — a `releaseDate` (models; chips, whose unknown date is kept) or a
 * `quarter` that has ended by T (chip counts). A precomputed `eciFit` is dropped: it was fitted on all models, so
 * the inputs refit it on the vintage's models.
 */
export function simDataAsOf<T extends SimData>(data: T, asOf: string): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k === "eciFit") continue;
    out[k] = Array.isArray(v) ? v.filter((row) => datedBy(row, asOf)) : v;
  }
  return out as T;
}

function datedBy(row: unknown, asOf: string): boolean {
  if (typeof row !== "object" || row === null) return true;
  const r = row as { releaseDate?: unknown; quarter?: unknown };
  if (typeof r.releaseDate === "string") return r.releaseDate <= asOf;
  if (typeof r.quarter === "string" && /^\d{4}Q[1-4]$/.test(r.quarter)) return quarterEnd(r.quarter) <= asOf;
  return true;
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
