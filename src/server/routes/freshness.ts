import { z } from "zod";
import { bundledFreshness } from "../../data/freshness-node.js";
import type { ApiLimits } from "../limits.js";
import { route } from "../route.js";
import { isoDate } from "../schemas.js";
import type { ApiServices } from "../services.js";

export const freshnessQuery = z.strictObject({
  date: isoDate.optional().describe("the day ages are counted to, YYYY-MM-DD (default today, UTC)"),
});

export function freshnessRoutes(_services: ApiServices, _limits: ApiLimits) {
  return [
    route({
      method: "get",
      path: "/datasets/freshness",
      operationId: "datasetFreshness",
      summary: "How old every bundled data file is: newest dated row, source date, age in days and staleness",
      description:
        "One entry per data file under data/ (CSV, JSON, YAML; not editor schemas): `newestRow` (newest date ≤ the day " +
        "in its date columns or fields), `sourceDate` (data/sources.csv, else the file's asOf), `basis` (where the age " +
        "is counted from), `ageDays`, `staleAfterDays` (null = never) and `stale`. `stale` lists the stale files.",
      tag: "datasets",
      query: freshnessQuery,
      handler: ({ query }) => bundledFreshness(query.date ?? new Date().toISOString().slice(0, 10)),
    }),
  ];
}
