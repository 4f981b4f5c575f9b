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

/** Models with a value for `metric`, as observations dated at release. */
export function modelObservations(models: readonly ModelRecord[], metric: Metric): Observation[] {
  const out: Observation[] = [];
  for (const m of models) {
    const v = metricValue(m, metric);
    if (v === null) continue;
    out.push({
      name: m.name,
      organization: m.organization,
      bloc: m.bloc,
      date: m.releaseDate,
      value: v,
      openWeights: m.accessibility === null ? null : m.accessibility === "open-weights",
    });
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
