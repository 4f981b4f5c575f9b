import type { ModelRecord } from "../../engine/gap/types.js";
import type { ApiLimits } from "../limits.js";
import { route } from "../route.js";
import { DEFAULT_MODELS_PAGE, modelListQuery, modelListResponse } from "../schemas.js";
import { type ApiServices, resolveDataset } from "../services.js";

/** Required by Epoch AI's CC BY 4.0 licence for everything derived from its exports; Arena ratings are credited too. */
export const EPOCH_ATTRIBUTION =
  'Data: Epoch AI (epoch.ai), CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Arena ratings: lmarena.ai public leaderboard history. Curated by Chokepoint (data/README.md, "models.csv and scores").';

/** Where each field of a model row comes from (the column table of data/README.md, in short). */
export const MODEL_FIELD_SOURCES: Record<keyof ModelRecord, string> = {
  id: "Chokepoint: slug of the name, suffixed with the release date when one name has several dated releases",
  name: "Epoch AI: ECI 'Model name', else the models database 'Model'",
  organization: "Epoch AI: 'Organization'",
  bloc: "Chokepoint: by the organisation's ultimate parent's headquarters — Epoch's countries (a US entry and no Chinese → US; China or Hong Kong and no US → CN; both → joint; third countries ignored) unless data/bloc-overrides.csv names the organisation",
  countries: "Epoch AI: ECI 'Country' or the models database 'Country (of organization)', verbatim",
  releaseDate: "Epoch AI: ECI 'Release date', else the models database 'Publication date'",
  accessibility: "Epoch AI: 'Model accessibility' (open weights → open-weights; API or hosted access → api)",
  trainingComputeFlop: "Epoch AI: 'Training compute (FLOP)' (frontier > large-scale > notable models files)",
  computeMethod: "Epoch AI: 'Training compute estimation method' (frontier models file only)",
  computeConfidence: "Epoch AI: 'Confidence'",
  hardware: "Epoch AI: 'Training hardware'",
  hardwareQuantity: "Epoch AI: 'Hardware quantity'",
  eci: "Epoch AI: Epoch Capabilities Index, best score over the variants",
  gpqaDiamond: "none of the bundled Epoch exports carries GPQA Diamond; empty unless an import adds it",
  arenaElo: "LMArena: latest rating recorded for any variant id",
  variants: "Epoch AI: ECI 'Model version' ids collapsed into this row",
  source: "the Epoch file(s) and the row's model name there",
  provenance:
    "Chokepoint: `dataset` (an Epoch row), or `unverified` when Epoch flags it; per-field exceptions such as training_compute_flop=estimate (Epoch confidence Speculative) or accessibility=primary (an override citing the developer's release)",
  restriction:
    "Chokepoint: why the row is left out of the capability frontiers by default (not generally available, or a score not comparable); null = counted",
  blocBasis:
    "Chokepoint: how bloc was decided — 'countries' (Epoch's country field, third countries ignored) or the data/bloc-overrides.csv entry that applied",
};

function matches(m: ModelRecord, q: string): boolean {
  return m.id.includes(q) || m.name.toLowerCase().includes(q) || m.organization.toLowerCase().includes(q);
}

export function modelRoutes(services: ApiServices, _limits: ApiLimits) {
  return [
    route({
      method: "get",
      path: "/models",
      operationId: "listModels",
      summary:
        "The curated model rows of a dataset version, with every field, its source and the attribution",
      description:
        `Rows are ordered by release date, then id. Pages hold \`limit\` rows (default ${DEFAULT_MODELS_PAGE}, ` +
        "at most 1000) starting after `offset`; `total` counts every row that matches the filters. " +
        "Epoch AI data is CC BY 4.0: reuse must carry the `attribution` string.",
      tag: "datasets",
      query: modelListQuery,
      response: modelListResponse,
      errors: { 404: "unknown dataset version", 503: "no dataset store" },
      handler: ({ query }) => {
        const data = resolveDataset(services, query.dataset);
        const q = query.q?.trim().toLowerCase();
        const rows = data.models.filter(
          (m) => (!query.bloc || m.bloc === query.bloc) && (!q || matches(m, q)),
        );
        const limit = query.limit ?? DEFAULT_MODELS_PAGE;
        const offset = query.offset ?? 0;
        const page = rows.slice(offset, offset + limit);
        const info = services.datasets?.versions().find((v) => v.version === data.version);
        return {
          dataset: { version: data.version, kind: info?.kind ?? "", label: info?.label ?? "" },
          attribution: EPOCH_ATTRIBUTION,
          fields: MODEL_FIELD_SOURCES,
          total: rows.length,
          offset,
          limit,
          count: page.length,
          models: page,
        };
      },
    }),
  ];
}
