/**
 * The simulator behind the API: resolves a scenario given by built-in name, saved id or inline object (with
 * `extends` allowed only to built-ins — a request never names a file), applies overrides, checks the limits and
 * builds the simulator's inputs from the same adapters the CLI uses, caching them per events and dataset.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { loadModels } from "../data/models.js";
import { builtinScenarioNames, buildInputs, scenarioDir, type SimData } from "../data/scenarios.js";
import type { SimInputs } from "../engine/sim/inputs.js";
import { quarterIndex } from "../engine/sim/quarters.js";
import {
  applyOverrides,
  parseScenario,
  resolveExtends,
  type Scenario,
  type ScenarioEvent,
  type ScenarioIssue,
} from "../engine/sim/scenario.js";
import { canonicalJson, isContentId } from "../store/saved.js";
import { ApiError } from "./errors.js";
import type { ApiLimits } from "./limits.js";
import { type ApiServices, once, resolveDataset } from "./services.js";
import { loadWorldOutput } from "../data/chip-counts.js";

export interface ResolvedScenario {
  /** The self-contained scenario object (extends resolved, overrides applied): what a save hashes. */
  raw: Record<string, unknown>;
  scenario: Scenario;
  source: { kind: "builtin" | "saved" | "inline"; id: string };
}

const bundledModels = once(() => loadModels());
/** Epoch's world output per quarter (data/chip-counts/world-output.csv), read once. */
export const bundledWorldOutput = once(() => loadWorldOutput());

/** The models a dataset version (or the bundled data) holds: what the ECI fit and the gap history read. */
export function modelsFor(services: ApiServices, dataset?: number) {
  const data = services.datasets ? resolveDataset(services, dataset) : null;
  return { models: data?.models ?? bundledModels(), version: data?.version ?? null };
}

const builtinRaw = once(() => {
  const out = new Map<string, Record<string, unknown>>();
  for (const name of builtinScenarioNames()) {
    const v = parseYaml(readFileSync(join(scenarioDir(), `${name}.yaml`), "utf8")) as unknown;
    if (typeof v === "object" && v !== null && !Array.isArray(v)) out.set(name, v as Record<string, unknown>);
  }
  return out;
});

/** Names of the built-in scenarios. */
export function builtinNames(): string[] {
  return [...builtinRaw().keys()];
}

function issuesError(issues: ScenarioIssue[], prefix: string): ApiError {
  const first = issues[0]!;
  const field = first.path ? `${prefix}.${first.path}` : prefix;
  const more =
    issues.length > 1
      ? ` (+${issues.length - 1} more: ${issues
          .slice(1, 4)
          .map((i) => i.path)
          .join(", ")})`
      : "";
  return new ApiError(400, "bad_input", `invalid ${field}: ${first.message}${more}`, field);
}

/** Every problem, for /scenarios/validate. */
export function issueList(issues: ScenarioIssue[], prefix: string) {
  return issues.map((i) => ({ field: i.path ? `${prefix}.${i.path}` : prefix, message: i.message }));
}

/**
 * The scenario a request means. `ref` is a built-in name, a saved id, or an inline scenario object.
 * Returns issues instead of throwing when `collect` is set (validation endpoint).
 */
export function resolveScenarioInput(
  services: ApiServices,
  ref: string | Record<string, unknown>,
  overrides: Record<string, unknown> | undefined,
  limits: ApiLimits,
  patch: { horizon?: string } = {},
): { ok: true; value: ResolvedScenario } | { ok: false; issues: ScenarioIssue[]; status: 400 | 404 } {
  let top: Record<string, unknown>;
  let source: ResolvedScenario["source"];
  if (typeof ref === "string") {
    const b = builtinRaw().get(ref);
    if (b) {
      top = b;
      source = { kind: "builtin", id: ref };
    } else if (isContentId(ref)) {
      const saved = services.saved?.getScenario(ref);
      if (!saved)
        return {
          ok: false,
          status: 404,
          issues: [{ path: "", message: `no saved scenario with id ${ref}` }],
        };
      top = saved.scenario as Record<string, unknown>;
      source = { kind: "saved", id: ref };
    } else {
      return {
        ok: false,
        status: 404,
        issues: [
          {
            path: "",
            message: `${JSON.stringify(ref.slice(0, 100))} is neither a built-in scenario (${builtinNames().join(", ")}) nor a saved id`,
          },
        ],
      };
    }
  } else {
    top = ref;
    source = { kind: "inline", id: typeof ref.name === "string" ? ref.name : "" };
  }
  const merged = resolveExtends(top, (name) => builtinRaw().get(name) ?? null);
  if (!merged.ok) return { ok: false, status: 400, issues: merged.issues };
  const events = merged.value.raw.events;
  if (Array.isArray(events) && events.length > limits.maxScenarioEvents) {
    return {
      ok: false,
      status: 400,
      issues: [
        {
          path: "events",
          message: `${events.length} events (the API allows at most ${limits.maxScenarioEvents})`,
        },
      ],
    };
  }
  let raw =
    overrides && Object.keys(overrides).length
      ? applyOverrides(merged.value.raw, overrides)
      : merged.value.raw;
  if (patch.horizon !== undefined) {
    // A shorter horizon drops the scenario's own conditions on quarters it no longer reaches.
    const h = quarterIndex(patch.horizon);
    const conditions = Array.isArray(raw.conditions)
      ? raw.conditions.filter((c) => {
          const q = typeof c === "string" ? /@(\d{4}Q[1-4])/.exec(c)?.[1] : undefined;
          return q === undefined || h === null || quarterIndex(q)! <= h;
        })
      : raw.conditions;
    raw = { ...raw, horizon: patch.horizon, ...(conditions !== undefined ? { conditions } : {}) };
  }
  const parsed = parseScenario(raw, merged.value.lineage);
  if (!parsed.ok) return { ok: false, status: 400, issues: parsed.issues };
  const maxQ = quarterIndex(`${limits.maxHorizonYear}Q4`)!;
  if (quarterIndex(parsed.value.horizon)! > maxQ) {
    return {
      ok: false,
      status: 400,
      issues: [
        {
          path: "horizon",
          message: `${parsed.value.horizon} (the API runs to ${limits.maxHorizonYear}Q4 at most)`,
        },
      ],
    };
  }
  return { ok: true, value: { raw, scenario: parsed.value, source } };
}

/** Like resolveScenarioInput, but throws the first problem as an ApiError naming `prefix.path`. */
export function requireScenario(
  services: ApiServices,
  ref: string | Record<string, unknown>,
  overrides: Record<string, unknown> | undefined,
  limits: ApiLimits,
  patch: { horizon?: string } = {},
  prefix = "scenario",
): ResolvedScenario {
  const r = resolveScenarioInput(services, ref, overrides, limits, patch);
  if (r.ok) return r.value;
  if (r.status === 404) throw new ApiError(404, "unknown_scenario", r.issues[0]!.message, prefix);
  throw issuesError(r.issues, prefix);
}

/** Simulator inputs for a scenario's quarters and events (and the dataset version they used). */
export type InputsFor = (
  s: Pick<Scenario, "start" | "horizon">,
  events: readonly ScenarioEvent[],
  dataset?: number,
) => { inputs: SimInputs; dataset: number | null };

/** Simulator inputs, cached by (start, horizon, events, dataset version): rule evaluation is the slow part. */
export function inputsCache(services: ApiServices): InputsFor {
  const cache = new Map<string, SimInputs>();
  return (
    s: Pick<Scenario, "start" | "horizon">,
    events: readonly ScenarioEvent[],
    dataset?: number,
  ): { inputs: SimInputs; dataset: number | null } => {
    const data = services.datasets ? resolveDataset(services, dataset) : null;
    const key = canonicalJson({ start: s.start, horizon: s.horizon, events, dataset: data?.version ?? null });
    let inputs = cache.get(key);
    if (!inputs) {
      const simData: SimData = {
        chips: [...services.chips()],
        ruleset: services.ruleset(),
        models: data?.models ?? bundledModels(),
        worldOutput: bundledWorldOutput(),
      };
      const r = buildInputs(s, events, simData);
      if (!r.ok) throw issuesError(r.issues, "scenario");
      inputs = r.value;
      if (cache.size >= 64) cache.delete(cache.keys().next().value!);
      cache.set(key, inputs);
    }
    return { inputs, dataset: data?.version ?? null };
  };
}
