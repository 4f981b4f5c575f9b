/**
 * What a command measures on: the stored dataset (bundled loaded on first use, `--dataset V` or latest), or an
 * Epoch CSV given directly. Shared by `gap`, `data` and the report section.
 */
import { resolve } from "node:path";
import { collapseModels, parseEpochCsv } from "../data/epoch.js";
import { formatRowError } from "../data/models.js";
import { readInputFile } from "../data/read-input.js";
import type { ArenaRow, ModelRecord } from "../engine/gap/types.js";
import { ensureBundled, getArena, getModels, openStore, pickVersion, resolveDbPath } from "./index.js";

export interface LoadedDataset {
  models: ModelRecord[];
  arena: ArenaRow[];
  /** Dataset version in the store, or null when read from --data. */
  version: number | null;
  source: string;
}

export class DatasetInputError extends Error {
  override name = "DatasetInputError";
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** Parses `--dataset` text: a positive integer. */
export function parseDatasetFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value.trim()))
    throw new DatasetInputError(
      `invalid --dataset: ${JSON.stringify(value)} (must be a version number ≥ 1)`,
      "dataset",
    );
  return Number(value);
}

export function loadDataset(opts: {
  data?: string;
  dataset?: number;
  db?: string;
  env: Record<string, string | undefined>;
  cwd: string;
}): LoadedDataset {
  if (opts.data) {
    const file = resolve(opts.cwd, opts.data);
    let text: string;
    try {
      text = readInputFile(file, "--data");
    } catch (err) {
      throw new DatasetInputError((err as Error).message, "data");
    }
    const parsed = parseEpochCsv(text, opts.data);
    if (parsed.errors.length)
      throw new DatasetInputError(
        `${parsed.errors.length} bad row(s) in ${opts.data}:\n${parsed.errors.slice(0, 20).map(formatRowError).join("\n")}`,
        "data",
      );
    if (parsed.kind === "hardware")
      throw new DatasetInputError(
        `--data ${opts.data} is the ML hardware export; it has no models to measure`,
        "data",
      );
    return { models: collapseModels(parsed.models), arena: [], version: null, source: opts.data };
  }
  const store = openStore(resolveDbPath(opts.db, opts.env, opts.cwd));
  try {
    ensureBundled(store);
    let version: number;
    try {
      version = pickVersion(store, opts.dataset);
    } catch (err) {
      throw new DatasetInputError((err as Error).message, "dataset");
    }
    return {
      models: getModels(store, version),
      arena: getArena(store, version),
      version,
      source: `dataset ${version}`,
    };
  } finally {
    store.close();
  }
}
