import { z } from "zod";
import { parseEpochCsv } from "../../data/epoch.js";
import { mergeEpoch } from "../../data/import-epoch.js";
import { formatRowError } from "../../data/models.js";
import { importOnto } from "../../store/index.js";
import { ApiError } from "../errors.js";
import type { ApiLimits } from "../limits.js";
import { Reply, route } from "../route.js";
import { queryInt } from "../schemas.js";
import type { ApiServices } from "../services.js";

const importQuery = z.strictObject({
  label: z.string().max(200).optional().describe("name recorded with the new version"),
  dataset: queryInt(1, 1_000_000).optional().describe("version to merge onto (default the latest)"),
});

export function datasetRoutes(services: ApiServices, _limits: ApiLimits) {
  return [
    route({
      method: "get",
      path: "/datasets",
      operationId: "listDatasets",
      summary: "Stored dataset versions of the observed model data (bundled and imported)",
      tag: "datasets",
      errors: { 503: "no dataset store" },
      handler: () => {
        if (!services.datasets)
          throw new ApiError(503, "no_store", "this server runs without a dataset store");
        return { latest: services.datasets.latest(), versions: services.datasets.versions() };
      },
    }),
    route({
      method: "post",
      path: "/datasets/import",
      operationId: "importDataset",
      summary: "Import a newer Epoch AI export (CSV body) as a new dataset version",
      description:
        "The export kind (ECI, notable / large-scale / frontier models, ML hardware) is recognised by its header. " +
        "A file with any bad row stores nothing and answers 422 listing the rows. Identical content is not stored twice.",
      tag: "datasets",
      query: importQuery,
      body: z.string().describe("the Epoch CSV file"),
      bodyKind: "csv",
      bodyLimit: (l) => l.maxImportBytes,
      errors: {
        404: "unknown base dataset version",
        422: "the CSV has bad rows (listed); nothing stored",
        503: "no dataset store",
      },
      handler: ({ query, body }) => {
        const store = services.store;
        if (!store || !services.datasets)
          throw new ApiError(503, "no_store", "this server runs without a dataset store");
        const parsed = parseEpochCsv(body, "upload");
        if (parsed.errors.length) {
          const first = parsed.errors.slice(0, 20).map(formatRowError).join("; ");
          const more = parsed.errors.length > 20 ? ` … and ${parsed.errors.length - 20} more` : "";
          throw new ApiError(
            422,
            "bad_rows",
            `${parsed.errors.length} bad row(s); nothing stored: ${first}${more}`,
            "body",
          );
        }
        if (
          query.dataset !== undefined &&
          !services.datasets.versions().some((x) => x.version === query.dataset)
        )
          throw new ApiError(404, "unknown_dataset", `unknown dataset version ${query.dataset}`, "dataset");
        // The base is chosen and read inside the write transaction: a concurrent import is either fully before
        // this one (and becomes its parent) or fully after.
        const stored = importOnto(store, query.dataset, (base) => {
          const merge =
            parsed.kind === "hardware"
              ? {
                  models: base.models,
                  added: [],
                  revised: [],
                  gap: { date: null, before: null, after: null },
                }
              : mergeEpoch(base.models, parsed);
          return {
            result: merge,
            input: {
              kind: "import" as const,
              label: query.label ?? `API import (${parsed.kind})`,
              models: merge.models,
              arena: base.arena,
              hardware: parsed.hardware,
              summary: {
                source: "api",
                kind: parsed.kind,
                added: merge.added.length,
                revised: merge.revised.length,
              },
            },
          };
        });
        const merge = stored.result;
        const base = { version: stored.base };
        services.datasets.invalidate();
        const report = {
          kind: parsed.kind,
          baseVersion: base.version,
          version: stored.version,
          alreadyStored: stored.existed,
          rowsRead: parsed.kind === "hardware" ? parsed.hardware.length : parsed.models.length,
          rowsSkipped: parsed.skipped.length,
          added: merge.added.map((m) => ({
            id: m.id,
            name: m.name,
            bloc: m.bloc,
            releaseDate: m.releaseDate,
          })),
          revised: merge.revised,
          eciGap: merge.gap,
        };
        return new Reply(stored.existed ? 200 : 201, report);
      },
    }),
  ];
}
