/**
 * The simulator's inputs from the catalogue, the rules and the observed models: the legal-chip schedule a
 * scenario's rule events imply, licensed chips' H100e, US history before the start, and the observed series the
 * backtest scores against. Pure, so the CLI, the server and the dashboard's worker build inputs identically.
 */
import { computeH100e } from "../chips/compute-equivalent.js";
import type { Chip } from "../chips/types.js";
import { modelObservations, observedFrontierByQuarter, observedGapByQuarter } from "../gap/index.js";
import type { ModelRecord } from "../gap/types.js";
import { bestLegalChip } from "../rules/legal.js";
import type { Ruleset } from "../rules/ruleset.js";
import { eciFitInput } from "./eci-input.js";
import type { EciFit, LegalPoint, SimInputs, WorldPoint } from "./inputs.js";
import { filterSupplyRows, type WorldOutputRow, worldOutputByQuarter } from "./supply-data.js";
import { quarterIndex, quarterLabel, quarterRange } from "./quarters.js";
import type { Result, Scenario, ScenarioEvent } from "./scenario.js";

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
    const measure = computeH100e;
    const picks = dates.map((date) =>
      bestLegalChip(merchant, ruleset, { date, maxAgeYears: maxAge(date), measure }),
    );
    const free = dates.map(
      (date) => bestLegalChip(merchant, none, { date, maxAgeYears: maxAge(date), measure })?.h100e ?? 0,
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
  /** data/chip-counts/world-output.csv (Epoch AI chip counts). */
  worldOutput: WorldOutputRow[];
  /** A precomputed ECI fit (the dashboard's worker receives it from the API); else fitted from `models`. */
  eciFit?: EciFit;
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
      const h = c ? computeH100e(c) : null;
      if (h !== null) ids[e.chip] = h;
    }
  const before = quarterRange(HISTORY_FROM, quarterLabel(quarterIndex(s.start)! - 1));
  const obs = modelObservations(data.models, "compute");
  const us = observedFrontierByQuarter(obs, "US", before);
  const usHistory = before.flatMap((q, i) => (us[i] ? [{ quarter: q, flop: us[i]! }] : []));
  let eci = data.eciFit;
  if (!eci) {
    const fit = eciFitInput(data.models);
    if (!fit.ok) return { ok: false, issues: [{ path: "models", message: fit.message }] };
    eci = fit.value;
  }
  return { ok: true, value: { legal, chipH100e: ids, usHistory, world: worldSeries(data.worldOutput), eci } };
}

/** Vendors whose output before their first covered quarter is carried back flat (see docs/model.md §1). */
const CARRY_BACK = new Set(["tpu"] as const);

/**
 * World output per quarter: the sum over vendors of Epoch's complete quarters, bands added as if the vendors'
 * errors were fully correlated (quantiles of a comonotone sum add; the band is then conservative). Google's TPU
 * output before Epoch's first TPU quarter (2023Q1) is carried back at that quarter's level, an estimate: leaving
 * it out would put 2022 world output ~30% low. AMD and Trainium before 2024Q1 are left out (MI250 and Trainium1
 * volumes were small; not covered by the data).
 */
export function worldSeries(rows: readonly WorldOutputRow[]): WorldPoint[] {
  const complete = filterSupplyRows(rows, { completeOnly: true });
  // A carried-back vendor's first covered row stands in for each earlier quarter (an estimate, see above).
  const carried: WorldOutputRow[] = [];
  for (const vendor of CARRY_BACK) {
    const first = complete
      .filter((r) => r.vendor === vendor)
      .reduce<WorldOutputRow | null>((m, r) => (m && m.quarter <= r.quarter ? m : r), null);
    if (first)
      for (const q of new Set(complete.map((r) => r.quarter)))
        if (q < first.quarter) carried.push({ ...first, quarter: q });
  }
  // A quarter counts only when NVIDIA (the bulk) is complete in it.
  return worldOutputByQuarter([...complete, ...carried])
    .filter((q) => q.vendorsCovered.includes("nvidia"))
    .map(({ quarter, median, p5, p95 }) => ({ quarter, median, p5, p95 }));
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
