// Issue 13, item 2: a dataset version costs what it adds. A version built on a parent stores only its added or
// changed model rows (and the ids it drops), shares the parent's arena rows, and reads back exactly the snapshot
// it was given; every MAX_DELTA_CHAIN-th version in a chain is stored whole so a read never walks far.
import { describe, expect, it } from "vitest";
import type { ModelRecord } from "../../src/engine/gap/types.js";
import {
  ensureBundled,
  getArena,
  getModels,
  importDataset,
  MAX_DELTA_CHAIN,
  openStore,
  type Store,
} from "../../src/store/index.js";

const count = (store: Store, table: string, version: number) =>
  (store.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE version = ?`).get(version) as { n: number }).n;
const storage = (store: Store, version: number) =>
  (store.db.prepare("SELECT storage FROM datasets WHERE version = ?").get(version) as { storage: string })
    .storage;
const byId = (a: ModelRecord, b: ModelRecord) =>
  a.releaseDate < b.releaseDate ? -1 : a.releaseDate > b.releaseDate ? 1 : a.id < b.id ? -1 : 1;

describe("dataset versions as deltas", () => {
  it("one added and one changed model cost two rows; arena shared; read back equals the snapshot", () => {
    const store = openStore(":memory:");
    const v1 = ensureBundled(store);
    const base = getModels(store, v1);
    const arena = getArena(store, v1);
    expect(base.length).toBeGreaterThan(10);
    const added: ModelRecord = { ...base[0]!, id: "added-one", name: "Added One", releaseDate: "2025-07-01" };
    const next = [...base.map((m, i) => (i === 3 ? { ...m, eci: 123.5 } : m)), added];
    const { version } = importDataset(store, { kind: "import", label: "t", parent: v1, models: next, arena });
    expect(storage(store, version)).toBe("delta");
    expect(count(store, "dataset_models", version)).toBe(2);
    expect(count(store, "dataset_arena", version)).toBe(0);
    expect(getModels(store, version)).toEqual([...next].sort(byId));
    expect(getArena(store, version)).toEqual(arena);
    expect(getModels(store, v1)).toEqual(base);
    store.close();
  });

  it("a dropped model is recorded as removed and absent from the read", () => {
    const store = openStore(":memory:");
    const v1 = ensureBundled(store);
    const base = getModels(store, v1);
    const fewer = base.slice(1);
    const { version } = importDataset(store, {
      kind: "import",
      label: "t",
      parent: v1,
      models: fewer,
      arena: [],
    });
    expect(count(store, "dataset_models", version)).toBe(0);
    expect(count(store, "dataset_removed", version)).toBe(1);
    expect(count(store, "dataset_arena", version)).toBe(0);
    expect(getModels(store, version)).toEqual(fewer);
    expect(getArena(store, version)).toEqual([]);
    store.close();
  });

  it(`a chain of deltas stores version ${MAX_DELTA_CHAIN} of the chain whole and reads back exactly`, () => {
    const store = openStore(":memory:");
    const v1 = ensureBundled(store);
    let models = getModels(store, v1);
    let parent = v1;
    const kinds: string[] = [];
    for (let i = 0; i < MAX_DELTA_CHAIN + 1; i++) {
      models = models.map((m, j) => (j === 0 ? { ...m, eci: 100 + i } : m));
      parent = importDataset(store, { kind: "import", label: `c${i}`, parent, models, arena: [] }).version;
      kinds.push(storage(store, parent));
    }
    expect(kinds.filter((k) => k === "full")).toHaveLength(1);
    expect(kinds.indexOf("full")).toBe(MAX_DELTA_CHAIN - 1);
    expect(getModels(store, parent)).toEqual(models);
    store.close();
  });
});
