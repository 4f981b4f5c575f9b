import { DAYS_PER_MONTH, dayNumber, isoDay, quarterEndDay } from "./dates.js";
import { type Frontier, buildFrontier, firstReach, stepAt } from "./frontier.js";
import type { Provenance } from "../provenance.js";
import type { Bloc, Observation } from "./types.js";

export interface GapFilter {
  /** Keep only models with open weights (unknown accessibility is dropped). */
  openWeightsOnly?: boolean;
  /** Organisation names to leave out (case-insensitive; a model is dropped if any of its organisations matches). */
  excludeOrganizations?: readonly string[];
  /**
   * Count observations marked `restricted` (not generally available, or a score not comparable). Default false:
   * headline frontiers use generally available models with comparable scores.
   */
  includeRestricted?: boolean;
}

export interface FrontierPair {
  us: Frontier;
  cn: Frontier;
}

function passesUserFilters(o: Observation, filter: GapFilter, excluded: ReadonlySet<string>): boolean {
  if (filter.openWeightsOnly && o.openWeights !== true) return false;
  if (excluded.size > 0 && o.organization.split(",").some((org) => excluded.has(org.trim().toLowerCase())))
    return false;
  return true;
}

function excludedOrgs(filter: GapFilter): Set<string> {
  return new Set((filter.excludeOrganizations ?? []).map((o) => o.trim().toLowerCase()));
}

/**
 * Applies the filters and builds both blocs' frontiers. Joint US–China models count for neither bloc. Restricted
 * observations are left out unless `filter.includeRestricted`.
 */
export function frontierPair(observations: readonly Observation[], filter: GapFilter = {}): FrontierPair {
  const excluded = excludedOrgs(filter);
  const kept = observations.filter(
    (o) => passesUserFilters(o, filter, excluded) && (filter.includeRestricted || !o.restricted),
  );
  return { us: buildFrontier(kept, "US"), cn: buildFrontier(kept, "CN") };
}

export interface LeftOut {
  name: string;
  organization: string;
  bloc: Bloc;
  date: string;
  value: number;
  reason: string;
}

/**
 * The US and Chinese observations the headline policy leaves out (restricted, and passing the other filters),
 * in date order; empty when `filter.includeRestricted`. Outputs list them so a reader sees what was not counted.
 */
export function restrictedLeftOut(observations: readonly Observation[], filter: GapFilter = {}): LeftOut[] {
  if (filter.includeRestricted) return [];
  const excluded = excludedOrgs(filter);
  return observations
    .filter(
      (o) => o.restricted && (o.bloc === "US" || o.bloc === "CN") && passesUserFilters(o, filter, excluded),
    )
    .map((o) => ({
      name: o.name,
      organization: o.organization,
      bloc: o.bloc,
      date: o.date,
      value: o.value,
      reason: o.restricted!,
    }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.name < b.name ? -1 : 1));
}

/**
 * Lag in days on `day`, NaN when either bloc has no model yet.
 *
 * When the US frontier is at or above China's: lag = day − (first day the US frontier reached China's current value),
 * ≥ 0. When China leads, the same measure with the blocs swapped, negated: −(day − first day China's frontier reached
 * the US's current value), ≤ 0. Ties count as reached, so equal frontiers give the time since the US got there.
 */
export function lagDaysAt(pair: FrontierPair, day: number): number {
  const u = stepAt(pair.us, day);
  const c = stepAt(pair.cn, day);
  if (u < 0 || c < 0) return Number.NaN;
  const uv = pair.us.values[u]!;
  const cv = pair.cn.values[c]!;
  if (uv >= cv) return day - pair.us.days[firstReach(pair.us, cv)]!;
  return pair.cn.days[firstReach(pair.cn, uv)]! - day; // ≤ 0; written this way round so a same-day lead is 0, not −0
}

export interface FrontierCell {
  value: number;
  model: string;
  date: string;
  /** The setting model's caveats ("unverified", "speculative"); absent when it has none. */
  flags?: readonly string[];
  /** The setting model's provenance (model rows only; Arena snapshots have none). */
  provenance?: Provenance;
}

export interface GapPoint {
  at: string;
  us: FrontierCell | null;
  cn: FrontierCell | null;
  lagMonths: number | null;
  /** The model whose release set the reference date s (the leader's first model at the trailer's level). */
  reachedBy: (FrontierCell & { bloc: Bloc }) | null;
}

function cell(f: Frontier, k: number): FrontierCell | null {
  if (k < 0) return null;
  const o = f.observations[f.setter[k]!]!;
  const c: FrontierCell = { value: f.values[k]!, model: o.name, date: isoDay(f.days[k]!) };
  if (o.flags?.length) c.flags = o.flags;
  if (o.provenance) c.provenance = o.provenance;
  return c;
}

/** The gap on one date, with the models that set each frontier and the one that set the reference date. */
export function gapAt(pair: FrontierPair, date: string): GapPoint {
  const day = dayNumber(date);
  const u = stepAt(pair.us, day);
  const c = stepAt(pair.cn, day);
  const lag = lagDaysAt(pair, day);
  let reachedBy: GapPoint["reachedBy"] = null;
  if (u >= 0 && c >= 0) {
    const usLeads = pair.us.values[u]! >= pair.cn.values[c]!;
    const lead = usLeads ? pair.us : pair.cn;
    const k = firstReach(lead, usLeads ? pair.cn.values[c]! : pair.us.values[u]!);
    reachedBy = { ...cell(lead, k)!, bloc: usLeads ? "US" : "CN" };
  }
  return {
    at: date,
    us: cell(pair.us, u),
    cn: cell(pair.cn, c),
    lagMonths: Number.isNaN(lag) ? null : lag / DAYS_PER_MONTH,
    reachedBy,
  };
}

/** Daily lag in days from `fromDay` to `toDay` inclusive (NaN where undefined). */
export function lagSeriesDays(pair: FrontierPair, fromDay: number, toDay: number): Float64Array {
  const n = Math.max(0, toDay - fromDay + 1);
  const out = new Float64Array(n);
  // Walk both step functions forward instead of searching each day; only the reach lookup needs a search.
  let u = stepAt(pair.us, fromDay);
  let c = stepAt(pair.cn, fromDay);
  const us = pair.us;
  const cn = pair.cn;
  let cachedU = -2;
  let cachedC = -2;
  let refDay = Number.NaN;
  let usLeads = true;
  for (let i = 0; i < n; i++) {
    const day = fromDay + i;
    while (u + 1 < us.days.length && us.days[u + 1]! <= day) u++;
    while (c + 1 < cn.days.length && cn.days[c + 1]! <= day) c++;
    if (u < 0 || c < 0) {
      out[i] = Number.NaN;
      continue;
    }
    if (u !== cachedU || c !== cachedC) {
      cachedU = u;
      cachedC = c;
      usLeads = us.values[u]! >= cn.values[c]!;
      refDay = usLeads ? us.days[firstReach(us, cn.values[c]!)]! : cn.days[firstReach(cn, us.values[u]!)]!;
    }
    out[i] = usLeads ? day - refDay : refDay - day;
  }
  return out;
}

export interface GapSummary {
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  latest: number | null;
}

/** Mean, median, min, max and last defined value of a series in days, reported in months. */
export function summarizeLag(lagDays: Float64Array): GapSummary {
  const vals: number[] = [];
  for (const v of lagDays) if (!Number.isNaN(v)) vals.push(v / DAYS_PER_MONTH);
  if (vals.length === 0) return { mean: null, median: null, min: null, max: null, latest: null };
  const latest = vals[vals.length - 1]!;
  const sorted = Float64Array.from(vals).sort();
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { mean: sum / sorted.length, median, min: sorted[0]!, max: sorted[sorted.length - 1]!, latest };
}

export interface GapMeasureOptions extends GapFilter {
  /** First day of the series window, YYYY-MM-DD; default the first day both blocs have a model. */
  from?: string;
  /** Last day of the series window; default the latest observation's date. */
  to?: string;
  /** Dates for `points`; default just `to`. */
  at?: readonly string[];
}

export interface GapMeasure {
  points: GapPoint[];
  series: { date: string; lagMonths: number }[];
  summary: GapSummary;
  from: string | null;
  to: string | null;
}

/**
 * Measures the gap: points at chosen dates, the daily series over the window (undefined days left out) and its
 * summary. Models released before `from` still count toward the frontier; the window only limits evaluation.
 */
export function measureGap(observations: readonly Observation[], opts: GapMeasureOptions = {}): GapMeasure {
  const pair = frontierPair(observations, opts);
  const first =
    pair.us.days.length && pair.cn.days.length ? Math.max(pair.us.days[0]!, pair.cn.days[0]!) : Number.NaN;
  let last = Number.NEGATIVE_INFINITY;
  for (const o of observations) {
    const d = dayNumber(o.date);
    if (d > last) last = d;
  }
  const fromDay = opts.from ? dayNumber(opts.from) : first;
  const toDay = opts.to ? dayNumber(opts.to) : last;
  const series: GapMeasure["series"] = [];
  let lags: Float64Array = new Float64Array(0);
  if (Number.isFinite(fromDay) && Number.isFinite(toDay) && toDay >= fromDay) {
    lags = lagSeriesDays(pair, fromDay, toDay);
    for (let i = 0; i < lags.length; i++)
      if (!Number.isNaN(lags[i]!))
        series.push({ date: isoDay(fromDay + i), lagMonths: lags[i]! / DAYS_PER_MONTH });
  }
  const toDate = Number.isFinite(toDay) ? isoDay(toDay) : null;
  const atDates = opts.at && opts.at.length > 0 ? opts.at : toDate ? [toDate] : [];
  return {
    points: atDates.map((d) => gapAt(pair, d)),
    series,
    summary: summarizeLag(lags),
    from: Number.isFinite(fromDay) ? isoDay(fromDay) : null,
    to: toDate,
  };
}

/** US frontier ÷ China frontier on a date (meaningful for training compute), null before either has a model. */
export function frontierRatioAt(pair: FrontierPair, date: string): number | null {
  const day = dayNumber(date);
  const u = stepAt(pair.us, day);
  const c = stepAt(pair.cn, day);
  if (u < 0 || c < 0) return null;
  return pair.us.values[u]! / pair.cn.values[c]!;
}

/** Frontier value of `bloc` at the last day of each quarter ("2024Q3"), null before its first model. */
export function observedFrontierByQuarter(
  observations: readonly Observation[],
  bloc: "US" | "CN",
  quarters: readonly string[],
  filter: GapFilter = {},
): (number | null)[] {
  const pair = frontierPair(observations, filter);
  const f = bloc === "US" ? pair.us : pair.cn;
  return quarters.map((q) => {
    const k = stepAt(f, quarterEndDay(q));
    return k < 0 ? null : f.values[k]!;
  });
}

/** Lag in months at the last day of each quarter, null where undefined. */
export function observedGapByQuarter(
  observations: readonly Observation[],
  quarters: readonly string[],
  filter: GapFilter = {},
): (number | null)[] {
  const pair = frontierPair(observations, filter);
  return quarters.map((q) => {
    const d = lagDaysAt(pair, quarterEndDay(q));
    return Number.isNaN(d) ? null : d / DAYS_PER_MONTH;
  });
}
