/** The Gap page's state in its link (`#/gap?metric=compute&open=1`) and the API query it asks; shared with main.tsx. */
import { LinkReader } from "./url-state.js";

export type Metric = "eci" | "gpqa" | "arena" | "compute";
export const METRICS: readonly Metric[] = ["eci", "gpqa", "arena", "compute"];

export function gapState(params: URLSearchParams) {
  const r = new LinkReader(params);
  const metric = r.oneOf("metric", METRICS, "eci");
  const openOnly = r.flag("open", false);
  return { metric, openOnly, issues: r.issues };
}

/** GET /gap's query for a state: weekly lag points (every 7 days). */
export function gapQuery(metric: Metric, openOnly: boolean) {
  return { metric, openWeights: openOnly, step: 7 };
}
