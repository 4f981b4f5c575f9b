/**
 * What the API's routes need from the rest of Chokepoint, behind one object so tests can inject a store and the
 * server loads each bundled dataset once, on first use.
 */
import { type Compute, inProcessCompute } from "./compute.js";
import type { Chip } from "../engine/chips/types.js";
import type { ArenaRow, ModelRecord } from "../engine/gap/types.js";
import { loadChips } from "../data/chips.js";
import { loadEvents, type PolicyEvent } from "../data/events.js";
import { loadRuleset } from "../data/rules.js";
import type { Ruleset } from "../engine/rules/ruleset.js";
import {
  getArena,
  getModels,
  latestVersion,
  listVersions,
  type DatasetVersion,
  type Store,
} from "../store/index.js";
import type { SavedStore } from "../store/saved.js";
import { ApiError } from "./errors.js";

export interface ApiServices {
  /** The chip catalogue (data/chips.csv). */
  chips(): readonly Chip[];
  /** Every rule version and the country groups (data/rules/*.json, data/country-groups.json). */
  ruleset(): Ruleset;
  /** The policy and market timeline (data/events.csv). */
  events(): readonly PolicyEvent[];
  /** The dataset store (observed models by version); null when the server runs without one. */
  store: Store | null;
  /** Dataset versions of the store, read through a cache; null without a store. */
  datasets: DatasetAccess | null;
  /** Saved scenarios and runs; null when the server runs without a store. */
  saved: SavedStore | null;
  /** Where simulations run: a worker thread in the built server, else in-process (compute.ts). */
  compute: Compute;
}

export interface DatasetAccess {
  versions(): DatasetVersion[];
  /** The newest version number, or null when the store is empty. */
  latest(): number | null;
  /** Models and arena rows of a version; throws RangeError for an unknown one. */
  get(version: number): { models: ModelRecord[]; arena: ArenaRow[] };
  /** Forgets cached versions (after an import). */
  invalidate(): void;
}

/** Memoises a loader: the first successful call loads, later calls return the same value. */
export function once<T>(load: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = load();
      done = true;
    }
    return value;
  };
}

export interface ServiceOptions {
  store?: Store | null;
  saved?: SavedStore | null;
  /** Overrides for tests: a small catalogue instead of data/chips.csv. */
  chips?: readonly Chip[];
  events?: readonly PolicyEvent[];
  ruleset?: Ruleset;
  compute?: Compute;
}

/** Services over the bundled data/ files and the given store. */
export function createServices(opts: ServiceOptions = {}): ApiServices {
  return {
    chips: opts.chips ? () => opts.chips! : once(() => loadChips()),
    ruleset: opts.ruleset ? () => opts.ruleset! : once(() => loadRuleset()),
    events: opts.events ? () => opts.events! : once(() => loadEvents()),
    store: opts.store ?? null,
    datasets: opts.store ? datasetCache(opts.store) : null,
    saved: opts.saved ?? null,
    compute: opts.compute ?? inProcessCompute(),
  };
}

/** Models and arena rows of one dataset version (default the latest) — cached, since versions are immutable. */
export function datasetCache(store: Store): DatasetAccess {
  const cache = new Map<number, { models: ModelRecord[]; arena: ArenaRow[] }>();
  return {
    versions: () => listVersions(store),
    latest: () => latestVersion(store),
    invalidate: () => cache.clear(),
    get(version: number): { models: ModelRecord[]; arena: ArenaRow[] } {
      let hit = cache.get(version);
      if (!hit) {
        hit = { models: getModels(store, version), arena: getArena(store, version) };
        if (cache.size > 8) cache.clear();
        cache.set(version, hit);
      }
      return hit;
    },
  };
}

/** The dataset version asked for (or the latest), as a 404 when the store lacks it. */
export function resolveDataset(services: ApiServices, version: number | undefined) {
  const ds = services.datasets;
  if (!ds) throw new ApiError(503, "no_store", "this server runs without a dataset store");
  const v = version ?? ds.latest();
  if (v === null) throw new ApiError(503, "no_data", "the store holds no dataset version yet");
  if (version !== undefined && !ds.versions().some((x) => x.version === version)) {
    throw new ApiError(404, "unknown_dataset", `unknown dataset version ${version}`, "dataset");
  }
  return { version: v, ...ds.get(v) };
}
