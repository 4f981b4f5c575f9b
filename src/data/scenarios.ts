/**
 * Node adapter for the simulator: reads scenario YAML (built-in names or files), resolves `extends`, applies
 * `--set` overrides, and loads the catalogue, rules and models that the pure input builder
 * (src/engine/sim/build-inputs.ts, re-exported here) turns into the simulator's plain inputs.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import type { SimInputs } from "../engine/sim/inputs.js";
import { quarterIndex } from "../engine/sim/quarters.js";
import {
  applyOverrides,
  parseScenario,
  type Result,
  resolveExtends,
  type Scenario,
  type ScenarioEvent,
} from "../engine/sim/scenario.js";
import { buildInputs, type SimData } from "../engine/sim/build-inputs.js";
import { loadWorldOutput } from "./chip-counts.js";
import { loadChips } from "./chips.js";
import { loadModels } from "./models.js";
import { loadRuleset } from "./rules.js";
import { dataPath } from "./paths.js";

export {
  buildInputs,
  HISTORY_FROM,
  legalSchedule,
  observedSeries,
  type SimData,
  scenarioRuleset,
} from "../engine/sim/build-inputs.js";

export function scenarioDir(): string {
  return dataPath("scenarios");
}

/** Names of the built-in scenarios (data/scenarios/*.yaml). */
export function builtinScenarioNames(): string[] {
  return readdirSync(scenarioDir())
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -5))
    .sort();
}

function readYaml(file: string): Result<Record<string, unknown>> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    return {
      ok: false,
      issues: [{ path: "file", message: `cannot read ${file}: ${(err as Error).message}` }],
    };
  }
  try {
    const v = parseYaml(text);
    if (typeof v !== "object" || v === null || Array.isArray(v))
      return { ok: false, issues: [{ path: "file", message: `${file} is not a YAML mapping` }] };
    return { ok: true, value: v as Record<string, unknown> };
  } catch (err) {
    return {
      ok: false,
      issues: [{ path: "file", message: `${file}: ${(err as Error).message.split("\n")[0]}` }],
    };
  }
}

/** Parses a `--set name=value` argument; the value is YAML (a number, or a flow mapping like {dist: point, value: 0}). */
export function parseSetArg(arg: string): Result<[string, unknown]> {
  const eq = arg.indexOf("=");
  if (eq <= 0)
    return { ok: false, issues: [{ path: "--set", message: `${JSON.stringify(arg)} (must be name=value)` }] };
  const name = arg
    .slice(0, eq)
    .trim()
    .replace(/^params\./, "");
  try {
    return { ok: true, value: [name, parseYaml(arg.slice(eq + 1))] };
  } catch {
    return {
      ok: false,
      issues: [
        { path: `params.${name}`, message: `${JSON.stringify(arg.slice(eq + 1))} (not a number or YAML)` },
      ],
    };
  }
}

/**
 * Loads a scenario by built-in name or by file path (a file's `extends` may name a built-in or a sibling file).
 * Overrides replace parameters after `extends` is resolved.
 */
export function loadScenario(
  nameOrFile: string,
  opts: { cwd?: string; overrides?: Record<string, unknown> } = {},
): Result<Scenario> {
  const builtins = new Set(builtinScenarioNames());
  const isFile = !builtins.has(nameOrFile) || /[/\\]|\.ya?ml$/.test(nameOrFile);
  let file: string;
  if (isFile) {
    file = resolve(opts.cwd ?? process.cwd(), nameOrFile);
    if (!existsSync(file))
      return {
        ok: false,
        issues: [
          {
            path: "scenario",
            message: `${JSON.stringify(nameOrFile)} is neither a built-in (${[...builtins].join(", ")}) nor a file`,
          },
        ],
      };
  } else file = resolve(scenarioDir(), `${nameOrFile}.yaml`);
  const top = readYaml(file);
  if (!top.ok) return top;
  const dir = dirname(file);
  const lookup = (name: string): Record<string, unknown> | null => {
    const local = resolve(dir, name.endsWith(".yaml") ? name : `${name}.yaml`);
    const candidates = [local, resolve(scenarioDir(), `${basename(name, extname(name))}.yaml`)];
    for (const c of candidates)
      if (existsSync(c) && c !== file) {
        const r = readYaml(c);
        return r.ok ? r.value : null;
      }
    return null;
  };
  const merged = resolveExtends(top.value, lookup);
  if (!merged.ok) return merged;
  const raw = opts.overrides ? applyOverrides(merged.value.raw, opts.overrides) : merged.value.raw;
  return parseScenario(raw, merged.value.lineage);
}

/** Loads the catalogue, rules and models once (callers reuse it across scenarios). */
export function loadSimData(): SimData {
  return { chips: loadChips(), ruleset: loadRuleset(), models: loadModels(), worldOutput: loadWorldOutput() };
}

export interface PreparedRun {
  scenario: Scenario;
  inputs: SimInputs;
  counterfactual: { name: string; events: ScenarioEvent[]; inputs: SimInputs } | null;
}

/**
 * Everything runScenario needs for a named or file scenario: the scenario (with overrides and an optional new
 * horizon), its inputs, and the `no-controls` counterfactual's events and inputs over the same quarters.
 */
export function prepareRun(
  nameOrFile: string,
  opts: {
    cwd?: string;
    overrides?: Record<string, unknown>;
    horizon?: string;
    counterfactual?: boolean;
    data?: SimData;
  },
): Result<PreparedRun> {
  const loaded = loadScenario(nameOrFile, opts);
  if (!loaded.ok) return loaded;
  let scenario = loaded.value;
  if (opts.horizon !== undefined) {
    const h = quarterIndex(opts.horizon);
    if (h === null || h < quarterIndex(scenario.start)!)
      return {
        ok: false,
        issues: [
          {
            path: "horizon",
            message: `${JSON.stringify(opts.horizon)} (must be a quarter like 2032Q4, not before ${scenario.start})`,
          },
        ],
      };
    if (h - quarterIndex(scenario.start)! > 400)
      return {
        ok: false,
        issues: [{ path: "horizon", message: `${opts.horizon} (at most 100 years after start)` }],
      };
    scenario = { ...scenario, horizon: opts.horizon };
    for (const c of scenario.conditions)
      if (quarterIndex(c.quarter)! > h)
        scenario = { ...scenario, conditions: scenario.conditions.filter((x) => x !== c) };
  }
  const data = opts.data ?? loadSimData();
  const inputs = buildInputs(scenario, scenario.events, data);
  if (!inputs.ok) return inputs;
  let counterfactual: PreparedRun["counterfactual"] = null;
  if (opts.counterfactual !== false && scenario.name !== "no-controls") {
    const nc = loadScenario("no-controls");
    if (!nc.ok) return nc;
    const cfInputs = buildInputs(scenario, nc.value.events, data);
    if (!cfInputs.ok) return cfInputs;
    counterfactual = { name: "no-controls", events: nc.value.events, inputs: cfInputs.value };
  }
  return { ok: true, value: { scenario, inputs: inputs.value, counterfactual } };
}
