import { z } from "zod";
import { ApiError } from "../errors.js";
import type { ApiLimits } from "../limits.js";
import { decodeUtf8, Reply, route } from "../route.js";
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
      undecodedBody: true,
      bodyLimit: (l) => l.maxImportBytes,
      errors: {
        404: "unknown base dataset version",
        422: "the CSV has bad rows (listed); nothing stored",
        503: "no dataset store",
      },
      handler: async ({ query, bytes, deadline }) => {
        const store = services.store;
        if (!store || !services.datasets) {
          decodeUtf8(bytes!); // a body that is not UTF-8 is refused first, as on every route
          throw new ApiError(503, "no_store", "this server runs without a dataset store");
        }
        const job = {
          // Decoded where the import runs (import-job.ts): on the compute thread, off the event loop.
          text: bytes!,
          ...(query.dataset !== undefined ? { dataset: query.dataset } : {}),
          ...(query.label !== undefined ? { label: query.label } : {}),
        };
        // Parsing, merging and storing run on the compute thread in the built server (import-job.ts).
        const out = await services.compute.importDataset(job, store, deadline);
        services.datasets.invalidate();
        return new Reply(out.status, out.report);
      },
    }),
  ];
}
