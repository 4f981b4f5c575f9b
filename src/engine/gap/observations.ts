import type { ArenaRow, Metric, ModelRecord, Observation } from "./types.js";

/** The value a model contributes to a metric, or null when unknown. Arena comes from the lab history instead. */
export function metricValue(m: ModelRecord, metric: Metric): number | null {
  switch (metric) {
    case "eci":
      return m.eci;
    case "gpqa":
      return m.gpqaDiamond;
    case "compute":
      return m.trainingComputeFlop;
    case "arena":
      return m.arenaElo;
  }
}

/** Epoch's compute confidence labels that mean the figure is imputed rather than derived from reported inputs. */
const SPECULATIVE = new Set(["speculative"]);

/**
 * Caveats a model's value carries on `metric`: "unverified" when Epoch flags the row (its "Unverified" confidence —
 * kept, not a reason to leave a model out), "speculative" when the training-compute figure is Epoch's speculative
 * estimate (e.g. imputed from benchmarks).
 */
export function observationFlags(m: ModelRecord, metric: Metric): string[] {
  const flags: string[] = [];
  if (m.provenance?.grade === "unverified") flags.push("unverified");
  if (metric === "compute" && m.computeConfidence && SPECULATIVE.has(m.computeConfidence.toLowerCase()))
    flags.push("speculative");
  return flags;
}

/**
 * Models with a value for `metric`, as observations dated at release. A row's `restriction` (not generally
 * available, or a score not comparable) marks the observation restricted on the capability metrics; training
 * compute is spent whether or not the model is released, so the compute frontier keeps such rows.
 */
export function modelObservations(models: readonly ModelRecord[], metric: Metric): Observation[] {
  const out: Observation[] = [];
  for (const m of models) {
    const v = metricValue(m, metric);
    if (v === null) continue;
    const o: Observation = {
      name: m.name,
      organization: m.organization,
      bloc: m.bloc,
      date: m.releaseDate,
      value: v,
      openWeights: m.accessibility === null ? null : m.accessibility === "open-weights",
    };
    if (m.restriction && metric !== "compute") o.restricted = m.restriction;
    if (m.provenance) o.provenance = m.provenance;
    const flags = observationFlags(m, metric);
    if (flags.length) o.flags = flags;
    out.push(o);
  }
  return out;
}

/**
 * Arena snapshots as observations: each "highest" snapshot is the lab's best rating on that day. Arena refits
 * ratings over time, so the frontier is the best rating any snapshot has shown so far. Openness is not recorded.
 */
export function arenaObservations(rows: readonly ArenaRow[]): Observation[] {
  return rows
    .filter((r) => r.series === "highest")
    .map((r) => ({
      name: r.model,
      organization: r.lab,
      bloc: r.bloc,
      date: r.date,
      value: r.rating,
      openWeights: null,
    }));
}
