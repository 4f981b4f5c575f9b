/**
 * Everything the brief shows, computed from plain data with the engine's own functions: the scenario run with its
 * counterfactual (same seed and draws), the counterfactual's own gap series (same parameters and random numbers,
 * no-controls events and inputs), the observed ECI gap as `chokepoint report` measures it, the best legal chip and
 * the rules in force. Pure: adapters load the data and pass it in.
 */
import type { Chip } from "../chips/types.js";
import { measureGap } from "../gap/lag.js";
import { modelObservations } from "../gap/observations.js";
import type { ModelRecord } from "../gap/types.js";
import { bestLegalChip } from "../rules/legal.js";
import { type Ruleset, statusAt } from "../rules/ruleset.js";
import { quantile } from "../sim/distributions.js";
import { CHANNELS } from "../sim/model.js";
import { PARAMS, type ParamName } from "../sim/params.js";
import { quarterLabel } from "../sim/quarters.js";
import { type RunOptions, runScenario, type SimResult } from "../sim/run.js";
import type { Result, Scenario, ScenarioEvent } from "../sim/scenario.js";
import type { SimInputs } from "../sim/inputs.js";
import type { Summary } from "../sim/summary.js";

/** The quarter the headline reads (the run's last quarter when it ends earlier). */
export const BRIEF_QUARTER = "2028Q4";
export const UNDER_SIX = (q: string) => `gapMonths@${q}<6`;

export interface BriefParam {
  name: string;
  label: string;
  unit: string;
  /** One row per piecewise segment: the quarter it starts (null for the first) and its 5/50/95% quantiles. */
  segments: { from: string | null; p5: number; p50: number; p95: number }[];
  source: string | null;
  assumption: string | null;
}

export interface BriefData {
  scenario: {
    name: string;
    description: string;
    lineage: string[];
    events: ScenarioEvent[];
    params: BriefParam[];
  };
  seed: number;
  draws: number;
  quarters: string[];
  gap: Summary;
  /** The counterfactual's name and its median gap per quarter; null when the scenario is its own counterfactual. */
  counterfactual: { name: string; gapP50: number[] } | null;
  channels: Record<(typeof CHANNELS)[number], number[]>;
  headline: {
    quarter: string;
    index: number;
    p5: number;
    p50: number;
    p95: number;
    pUnder6: number;
    cfP50: number | null;
  };
  observed: {
    date: string;
    lagMonths: number;
    us: { model: string; organization: string | null; value: number };
    cn: { model: string; organization: string | null; value: number };
  } | null;
  bestLegal: { chipId: string; name: string; h100e: number } | null;
  rules: { id: string; title: string; citation: string; status: string; url: string | null }[];
  posterior: { id: string; asOf: string; ess: number } | null;
  /** YYYY-MM-DD: the generation date, also the date rules, chip and observed gap are read on. */
  date: string;
  version: string;
  datasetSource: string;
}

export interface BriefInput {
  scenario: Scenario;
  inputs: SimInputs;
  counterfactual: { name: string; events: ScenarioEvent[]; inputs: SimInputs } | null;
  seed?: number;
  draws?: number;
  maxDraws?: number;
  models: readonly ModelRecord[];
  chips: readonly Chip[];
  ruleset: Ruleset;
  date: string;
  version: string;
  datasetSource: string;
  posterior?: { id: string; asOf: string; ess: number } | null;
  onProgress?: (fraction: number) => void;
}

function paramRows(s: Scenario): BriefParam[] {
  return (Object.keys(s.params) as ParamName[]).map((name) => {
    const def = s.params[name];
    const spec = PARAMS[name];
    return {
      name,
      label: spec?.label ?? name,
      unit: spec?.unit ?? "",
      segments: def.segments.map((seg, k) => ({
        from: k === 0 ? null : quarterLabel(seg.from),
        p5: quantile(seg.dist, 0.05),
        p50: quantile(seg.dist, 0.5),
        p95: quantile(seg.dist, 0.95),
      })),
      source: def.source ?? null,
      assumption: def.assumption ?? null,
    };
  });
}

/** The observed ECI gap on `date` (or on the newest release in the data when that is earlier), as `report` does. */
export function observedGap(models: readonly ModelRecord[], date: string): BriefData["observed"] {
  const obs = modelObservations(models, "eci");
  const newest = obs.reduce((m, o) => (o.date > m ? o.date : m), "");
  const at = newest && newest < date ? newest : date;
  const p = measureGap(obs, { from: at, to: at, at: [at] }).points[0];
  if (!p || p.lagMonths === null || !p.us || !p.cn) return null;
  const org = (name: string, bloc: string) =>
    models.find((m) => m.name === name && m.bloc === bloc)?.organization ?? null;
  return {
    date: at,
    lagMonths: p.lagMonths,
    us: { model: p.us.model, organization: org(p.us.model, "US"), value: p.us.value },
    cn: { model: p.cn.model, organization: org(p.cn.model, "CN"), value: p.cn.value },
  };
}

const FR_LINK = /^https:\/\/(www\.)?(federalregister\.gov|govinfo\.gov|ecfr\.gov)\//;

/** One simulator run the brief needs: what to pass to runScenario (no callbacks, so it can cross a thread). */
export interface BriefJob {
  scenario: Scenario;
  inputs: SimInputs;
  opts: Omit<RunOptions, "onProgress" | "early" | "onChunk">;
}

/**
 * The brief's runs: the scenario (gap, channels, P(gap < 6 months) in the headline quarter; its counterfactual
 * ratio when there is one), then the counterfactual on its own — the scenario's parameters and seed with the
 * counterfactual's events and inputs, so its draws are the same random numbers.
 */
export function briefJobs(input: BriefInput): { main: BriefJob; counterfactual: BriefJob | null } {
  const s = input.scenario;
  const opts = {
    ...(input.draws !== undefined ? { draws: input.draws } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.maxDraws !== undefined ? { maxDraws: input.maxDraws } : {}),
  };
  return {
    main: {
      scenario: s,
      inputs: input.inputs,
      opts: {
        ...opts,
        variables: ["gapMonths", ...CHANNELS],
        ...(input.counterfactual ? { counterfactual: input.counterfactual } : {}),
        conditions: [UNDER_SIX(s.horizon < BRIEF_QUARTER ? s.horizon : BRIEF_QUARTER)],
      },
    },
    counterfactual: input.counterfactual
      ? {
          scenario: { ...s, events: input.counterfactual.events },
          inputs: input.counterfactual.inputs,
          opts: { ...opts, variables: ["gapMonths"] },
        }
      : null,
  };
}

/** Runs the brief's jobs on this thread and assembles the page's data. */
export function computeBrief(input: BriefInput): Result<BriefData> {
  const jobs = briefJobs(input);
  const progress = input.onProgress;
  const main = runScenario(jobs.main.scenario, jobs.main.inputs, {
    ...jobs.main.opts,
    ...(progress ? { onProgress: (f: number) => progress(jobs.counterfactual ? f / 2 : f) } : {}),
  });
  if (!main.ok) return main;
  let cf: SimResult | null = null;
  if (jobs.counterfactual) {
    const r = runScenario(jobs.counterfactual.scenario, jobs.counterfactual.inputs, {
      ...jobs.counterfactual.opts,
      ...(progress ? { onProgress: (f: number) => progress(0.5 + f / 2) } : {}),
    });
    if (!r.ok)
      return { ok: false, issues: r.issues.map((i) => ({ ...i, path: `counterfactual.${i.path}` })) };
    cf = r.value;
  }
  return { ok: true, value: assembleBrief(input, main.value, cf) };
}

/** The page's data from the runs of `briefJobs` (however they were run) and the input's plain data. */
export function assembleBrief(input: BriefInput, r: SimResult, cf: SimResult | null): BriefData {
  const s = input.scenario;
  const quarter = r.quarters.includes(BRIEF_QUARTER) ? BRIEF_QUARTER : r.quarters.at(-1)!;
  const index = r.quarters.indexOf(quarter);
  const counterfactual: BriefData["counterfactual"] =
    cf && input.counterfactual ? { name: input.counterfactual.name, gapP50: cf.series.gapMonths.p50 } : null;
  const g = r.series.gapMonths;
  let best: BriefData["bestLegal"] = null;
  const legal = bestLegalChip(input.chips, input.ruleset, {
    date: input.date,
    destination: "CN",
    buyerHq: "CN",
  });
  if (legal) best = { chipId: legal.chipId, name: legal.name, h100e: legal.h100e };
  const rules: BriefData["rules"] = [];
  for (const rule of input.ruleset.rules) {
    const status = statusAt(rule, input.date);
    if (status === null || status === "superseded") continue;
    const url = (rule.sources ?? []).find((u) => FR_LINK.test(u)) ?? null;
    rules.push({ id: rule.id, title: rule.title, citation: rule.citation, status, url });
  }
  return {
    scenario: {
      name: s.name,
      description: s.description,
      lineage: s.lineage,
      events: s.events,
      params: paramRows(s),
    },
    seed: r.seed,
    draws: r.draws,
    quarters: r.quarters,
    gap: g,
    counterfactual,
    channels: Object.fromEntries(CHANNELS.map((c) => [c, r.series[c].p50])) as BriefData["channels"],
    headline: {
      quarter,
      index,
      p5: g.p5[index]!,
      p50: g.p50[index]!,
      p95: g.p95[index]!,
      pUnder6: r.probabilities[UNDER_SIX(quarter)]!,
      cfP50: counterfactual ? counterfactual.gapP50[index]! : null,
    },
    observed: observedGap(input.models, input.date),
    bestLegal: best,
    rules,
    posterior: input.posterior ?? null,
    date: input.date,
    version: input.version,
    datasetSource: input.datasetSource,
  };
}
