/**
 * One dataset import, start to finish: parse and check the Epoch CSV, then (inside the store's write transaction)
 * pick the base version, merge, and store. Runs on the compute thread in the built server (its own connection to
 * the same database file), so a 16 MB import never holds up other requests; in-process for an in-memory store.
 */
import { parseEpochCsv } from "../data/epoch.js";
import { mergeEpoch } from "../data/import-epoch.js";
import { formatRowError } from "../data/models.js";
import { importOnto, listVersions, type Store } from "../store/index.js";
import { ApiError } from "./errors.js";
import { decodeUtf8 } from "./route.js";

/** Most added models and revised values an import's reply lists (the totals are always given). */
export const MAX_LISTED = 1_000;

export interface ImportJob {
  /**
   * The CSV body, already checked against the byte limit: its text, or its undecoded bytes (decoded here as strict
   * UTF-8, so a 16 MB body is decoded on the compute thread rather than the event loop; 400 bad_encoding).
   */
  text: string | Uint8Array;
  /** Version to merge onto (default: the latest, chosen inside the write transaction). */
  dataset?: number;
  label?: string;
}

export interface ImportOutcome {
  status: 200 | 201;
  report: Record<string, unknown>;
}

export function runImport(store: Store, job: ImportJob): ImportOutcome {
  const text = typeof job.text === "string" ? job.text : decodeUtf8(job.text);
  const parsed = parseEpochCsv(text, "upload");
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
  if (job.dataset !== undefined && !listVersions(store).some((x) => x.version === job.dataset))
    throw new ApiError(404, "unknown_dataset", `unknown dataset version ${job.dataset}`, "dataset");
  // The base is chosen and read inside the write transaction: a concurrent import is either fully before this one
  // (and becomes its parent) or fully after.
  const stored = importOnto(store, job.dataset, (base) => {
    const merge =
      parsed.kind === "hardware"
        ? { models: base.models, added: [], revised: [], gap: { date: null, before: null, after: null } }
        : mergeEpoch(base.models, parsed);
    return {
      result: merge,
      input: {
        kind: "import" as const,
        label: job.label ?? `API import (${parsed.kind})`,
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
  return {
    status: stored.existed ? 200 : 201,
    report: {
      kind: parsed.kind,
      baseVersion: stored.base,
      version: stored.version,
      alreadyStored: stored.existed,
      rowsRead: parsed.kind === "hardware" ? parsed.hardware.length : parsed.models.length,
      rowsSkipped: parsed.skipped.length,
      // The lists are capped so a 16 MB import's reply (and the JSON the server builds for it) stays small.
      addedTotal: merge.added.length,
      added: merge.added
        .slice(0, MAX_LISTED)
        .map((m) => ({ id: m.id, name: m.name, bloc: m.bloc, releaseDate: m.releaseDate })),
      revisedTotal: merge.revised.length,
      revised: merge.revised.slice(0, MAX_LISTED),
      eciGap: merge.gap,
    },
  };
}
