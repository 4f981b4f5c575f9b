import { z } from "zod";
import { isoDay } from "../../engine/gap/dates.js";
import type { Frontier } from "../../engine/gap/frontier.js";
import { frontierPair, frontierRatioAt, measureGap, restrictedLeftOut } from "../../engine/gap/lag.js";
import { arenaObservations, modelObservations } from "../../engine/gap/observations.js";
import { METRICS, type Observation } from "../../engine/gap/types.js";
import type { Provenance } from "../../engine/provenance.js";
import { ApiError } from "../errors.js";
import type { ApiLimits } from "../limits.js";
import { route } from "../route.js";
import { commaList, isoDate, queryBool, queryInt } from "../schemas.js";
import { type ApiServices, resolveDataset } from "../services.js";

export const gapQuery = z.strictObject({
  metric: z
    .enum(METRICS as unknown as [string, ...string[]])
    .default("eci")
    .describe("eci, gpqa, arena or compute"),
  openWeights: queryBool.optional().describe("only open-weight models"),
  includeRestricted: queryBool
    .optional()
    .describe(
      "count models left out by default: not generally available (e.g. Claude Mythos Preview) or with a score Epoch marks not comparable (*); the answer's leftOut lists them",
    ),
  exclude: commaList(50, z.string().max(200))
    .optional()
    .describe("organisations to leave out, comma-separated"),
  from: isoDate.optional().describe("first day of the series window"),
  to: isoDate.optional().describe("last day of the series window"),
  at: commaList(100, isoDate).optional().describe("dates for point estimates, comma-separated"),
  step: queryInt(1, 366).optional().describe("series spacing in days (default 7; 1 for daily)"),
  dataset: queryInt(1, 1_000_000).optional().describe("dataset version (default the latest)"),
});

function steps(f: Frontier) {
  const out: {
    date: string;
    value: number;
    model: string;
    organization: string;
    flags?: readonly string[];
    provenance?: Provenance;
  }[] = [];
  for (let k = 0; k < f.days.length; k++) {
    const o = f.observations[f.setter[k]!]!;
    out.push({
      date: isoDay(f.days[k]!),
      value: f.values[k]!,
      model: o.name,
      organization: o.organization,
      ...(o.flags?.length ? { flags: o.flags } : {}),
      ...(o.provenance ? { provenance: o.provenance } : {}),
    });
  }
  return out;
}

export function gapRoutes(services: ApiServices, _limits: ApiLimits) {
  return [
    route({
      method: "get",
      path: "/gap",
      operationId: "gap",
      summary:
        "Observed US–China gap in months: frontier curves, the lag series, point estimates and a summary",
      description:
        "Lag at t = t − min{s : US frontier(s) ≥ CN frontier(t)}, in months of 30.44 days; negative when China leads. " +
        "Each frontier step names the model that set it and its caveats (`flags`: unverified = Epoch's Unverified flag; " +
        "speculative = a training-compute figure Epoch rates Speculative). Models not generally available or with a " +
        "score not comparable are left out unless includeRestricted=true; `leftOut` lists them with the reason.",
      tag: "gap",
      query: gapQuery,
      errors: { 404: "unknown dataset version", 503: "no dataset store" },
      handler: ({ query }) => {
        if (query.from && query.to && query.from > query.to) {
          throw new ApiError(
            400,
            "bad_input",
            `invalid from: ${query.from} (must not be after to ${query.to})`,
            "from",
          );
        }
        const data = resolveDataset(services, query.dataset);
        const metric = query.metric as (typeof METRICS)[number];
        const observations: Observation[] =
          metric === "arena" ? arenaObservations(data.arena) : modelObservations(data.models, metric);
        const filter = {
          openWeightsOnly: query.openWeights ?? false,
          excludeOrganizations: query.exclude ?? [],
          includeRestricted: query.includeRestricted ?? false,
        };
        const measure = measureGap(observations, {
          ...filter,
          ...(query.from ? { from: query.from } : {}),
          ...(query.to ? { to: query.to } : {}),
          ...(query.at ? { at: query.at } : {}),
        });
        const pair = frontierPair(observations, filter);
        const step = query.step ?? 7;
        const series = measure.series.filter((_, i) => i % step === 0 || i === measure.series.length - 1);
        return {
          metric,
          dataset: data.version,
          filter,
          from: measure.from,
          to: measure.to,
          points:
            metric === "compute"
              ? measure.points.map((p) => ({ ...p, usToCnRatio: frontierRatioAt(pair, p.at) }))
              : measure.points,
          summary: measure.summary,
          series,
          frontiers: { US: steps(pair.us), CN: steps(pair.cn) },
          leftOut: restrictedLeftOut(observations, filter),
          observations: observations.length,
        };
      },
    }),
  ];
}
