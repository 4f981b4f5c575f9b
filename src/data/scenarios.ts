/**
 * Node adapter for the simulator: reads scenario YAML (built-in names or files), resolves `extends`, applies
 * `--set` overrides, and computes the simulator's plain inputs from the rule engine, the chip catalogue and the
 * observed model data. The browser worker does the same with fetched JSON and calls the same engine functions.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { h100e as chipH100e } from "../engine/chips/metrics.js";
import type { Chip } from "../engine/chips/types.js";
import { modelObservations, observedFrontierByQuarter, observedGapByQuarter } from "../engine/gap/index.js";
import type { ModelRecord } from "../engine/gap/types.js";
import { bestLegalChip } from "../engine/rules/legal.js";
import { buildRuleset, type Ruleset } from "../engine/rules/ruleset.js";
import type { LegalPoint, SimInputs } from "../engine/sim/inputs.js";
import { quarterIndex, quarterLabel, quarterRange } from "../engine/sim/quarters.js";
import {
  applyOverrides,
  parseScenario,
  type Result,
  resolveExtends,
  type Scenario,
  type ScenarioEvent,
} from "../engine/sim/scenario.js";
import { loadChips } from "./chips.js";
import { loadModels } from "./models.js";
import { dataPath } from "./paths.js";

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

/** Reads the rule files and country groups into a ruleset (throws naming the file on bad data). */
export function loadRuleset(): Ruleset {
  const dir = dataPath("rules");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"))
    .sort()
    .map((f) => ({
      file: `data/rules/${f}`,
      json: JSON.parse(readFileSync(resolve(dir, f), "utf8")) as unknown,
    }));
  const groupsFile = dataPath("country-groups.json");
  return buildRuleset(files, {
    file: "data/country-groups.json",
    json: JSON.parse(readFileSync(groupsFile, "utf8")),
  });
}

/**
 * The ruleset a scenario implies: only the rule versions its `rule` events name, each in force from the event's
 * effective date (so a scenario can move a rule earlier or later, or drop it).
 */
export function scenarioRuleset(all: Ruleset, events: readonly ScenarioEvent[]): Result<Ruleset> {
  const rules: Ruleset["rules"] = [];
  for (const [i, e] of events.entries()) {
    if (e.type !== "rule") continue;
    const r = all.rules.find((x) => x.id === e.rule);
    if (!r)
      return {
        ok: false,
        issues: [
          {
            path: `events.${i}.rule`,
            message: `${JSON.stringify(e.rule)} (no such rule in data/rules; known: ${all.rules.map((x) => x.id).join(", ")})`,
          },
        ],
      };
    rules.push({ ...r, effective: e.effective, status: [{ from: e.effective, status: "in-force" }] });
  }
  return { ok: true, value: { ...all, rules } };
}

/** The mid-month dates of a quarter, at which the legal-chip schedule is sampled and averaged. */
function monthDates(quarter: string): string[] {
  const i = quarterIndex(quarter)!;
  const y = Math.floor(i / 4);
  const first = (i % 4) * 3 + 1;
  return [0, 1, 2].map((k) => `${y}-${String(first + k).padStart(2, "0")}-15`);
}

/** Vendors that sell accelerators to third parties; TPUs, Trainium and the like are not for sale, so not imports. */
const MERCHANT = new Set(["NVIDIA", "AMD", "Intel"]);

/**
 * Best chip a CN-headquartered buyer may import without a licence, per quarter, from the rule engine's
 * bestLegalChip (US-designed data-center parts released in the last five years; after the catalogue's newest
 * release, the five years before it) restricted to merchant vendors.
 * Sampled on the 15th of each month and averaged, so a rule effective mid-quarter counts for part of it.
 * `freeH100e` is the same with no rules at all.
 */
export function legalSchedule(
  chips: readonly Chip[],
  ruleset: Ruleset,
  quarters: readonly string[],
): LegalPoint[] {
  const merchant = chips.filter((c) => MERCHANT.has(c.vendor));
  const none: Ruleset = { ...ruleset, rules: [] };
  // Past the catalogue's newest chip, its last five years of chips stay on sale (no chip is invented).
  const newest = merchant.reduce((m, c) => (c.releaseDate && c.releaseDate > m ? c.releaseDate : m), "");
  const maxAge = (date: string) =>
    5 + (date > newest ? Math.max(0, Number(date.slice(0, 4)) - Number(newest.slice(0, 4))) : 0);
  return quarters.map((q) => {
    const dates = monthDates(q);
    const picks = dates.map((date) => bestLegalChip(merchant, ruleset, { date, maxAgeYears: maxAge(date) }));
    const free = dates.map(
      (date) => bestLegalChip(merchant, none, { date, maxAgeYears: maxAge(date) })?.h100e ?? 0,
    );
    const h = picks.reduce((sum, p) => sum + (p?.h100e ?? 0), 0) / picks.length;
    const f = free.reduce((sum, x) => sum + x, 0) / free.length;
    return {
      quarter: q,
      chipId: picks[picks.length - 1]?.chipId ?? null,
      h100e: h,
      freeH100e: Math.max(f, h),
    };
  });
}

export interface SimData {
  chips: Chip[];
  ruleset: Ruleset;
  models: ModelRecord[];
}

/** Loads the catalogue, rules and models once (callers reuse it across scenarios). */
export function loadSimData(): SimData {
  return { chips: loadChips(), ruleset: loadRuleset(), models: loadModels() };
}

/** First quarter of US training-compute history handed to the simulator. */
export const HISTORY_FROM = "2018Q1";

/** The simulator's inputs for a scenario's events over its quarters. */
export function buildInputs(
  s: Pick<Scenario, "start" | "horizon">,
  events: readonly ScenarioEvent[],
  data: SimData,
): Result<SimInputs> {
  const rs = scenarioRuleset(data.ruleset, events);
  if (!rs.ok) return rs;
  const quarters = quarterRange(s.start, s.horizon);
  const legal = legalSchedule(data.chips, rs.value, quarters);
  const ids: Record<string, number> = {};
  for (const e of events)
    if (e.type === "licence") {
      const c = data.chips.find((x) => x.id === e.chip);
      const h = c ? chipH100e(c) : null;
      if (h !== null) ids[e.chip] = h;
    }
  const before = quarterRange(HISTORY_FROM, quarterLabel(quarterIndex(s.start)! - 1));
  const obs = modelObservations(data.models, "compute");
  const us = observedFrontierByQuarter(obs, "US", before);
  const usHistory = before.flatMap((q, i) => (us[i] ? [{ quarter: q, flop: us[i]! }] : []));
  return { ok: true, value: { legal, chipH100e: ids, usHistory } };
}

/**
 * Observed series the backtest scores against, per quarter: frontier training compute per bloc and the ECI gap.
 * Quarters ending after a metric's latest model release are null: past the data's end, a running maximum stays
 * flat and a lag keeps growing for want of newer rows, not because the race changed.
 */
export function observedSeries(models: readonly ModelRecord[], quarters: readonly string[]) {
  const compute = modelObservations(models, "compute");
  const eci = modelObservations(models, "eci");
  const last = (obs: { date: string }[]) => obs.reduce((m, o) => (o.date > m ? o.date : m), "");
  const cut = <T>(xs: (T | null)[], lastDate: string) =>
    xs.map((x, i) => (quarterEndDate(quarters[i]!) <= lastDate ? x : null));
  return {
    usFrontierFlop: cut(observedFrontierByQuarter(compute, "US", quarters), last(compute)),
    cnFrontierFlop: cut(observedFrontierByQuarter(compute, "CN", quarters), last(compute)),
    gapMonths: cut(observedGapByQuarter(eci, quarters), last(eci)),
  };
}

function quarterEndDate(q: string): string {
  const i = quarterIndex(q)!;
  const y = Math.floor(i / 4);
  return ["-03-31", "-06-30", "-09-30", "-12-31"].map((d) => `${y}${d}`)[i % 4]!;
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
