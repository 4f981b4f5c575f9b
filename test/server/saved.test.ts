import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash, isContentId, runId, SavedStore } from "../../src/store/saved.js";

function memoryStore() {
  const db = new Database(":memory:");
  return { db, store: new SavedStore(db, () => new Date("2026-01-02T03:04:05Z")) };
}

describe("canonicalJson", () => {
  it("sorts keys at every level and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });
  it("gives equal text for equal values written in a different key order", () => {
    expect(canonicalJson({ x: { q: 1, p: "z" }, y: null })).toBe(
      canonicalJson({ y: null, x: { p: "z", q: 1 } }),
    );
  });
  it("drops undefined properties like JSON.stringify and folds -0 into 0", () => {
    expect(canonicalJson({ a: undefined, b: -0 })).toBe('{"b":0}');
  });
  it("refuses values JSON cannot carry", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/value\.a: NaN/);
    expect(() => canonicalJson({ a: [1, Number.POSITIVE_INFINITY] })).toThrow(/value\.a\[1\]/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(/circular/);
  });
  it("hashes to the SHA-256 of that text", () => {
    // sha256 of the 7 bytes {"a":1} computed independently with node:crypto over the literal text.
    const expected = createHash("sha256").update('{"a":1}').digest("hex");
    expect(contentHash({ a: 1 })).toBe(expected);
    expect(isContentId(expected)).toBe(true);
    expect(isContentId("abc")).toBe(false);
  });
});

describe("SavedStore", () => {
  it("saves a scenario under its content hash and returns it unchanged", () => {
    const { store } = memoryStore();
    const scenario = { name: "x", params: { leak: { dist: "uniform", min: 0, max: 0.1 } } };
    const a = store.saveScenario(scenario, "x");
    expect(a.created).toBe(true);
    expect(a.scenario.id).toBe(contentHash(scenario));
    expect(a.scenario.scenario).toEqual(scenario);
    expect(a.scenario.createdAt).toBe("2026-01-02T03:04:05.000Z");
    // Same content, keys reordered: same id, no second row.
    const b = store.saveScenario({ params: { leak: { max: 0.1, min: 0, dist: "uniform" } }, name: "x" });
    expect(b.created).toBe(false);
    expect(b.scenario.id).toBe(a.scenario.id);
    expect(store.getScenario("0".repeat(64))).toBeNull();
    expect(store.getScenario("not-an-id")).toBeNull();
  });

  it("computes a run once: the same key returns the same id and the stored result", async () => {
    const { store } = memoryStore();
    const { scenario } = store.saveScenario({ name: "s" });
    const key = { scenarioId: scenario.id, seed: 7, draws: 100, options: { horizon: "2030Q4" } };
    let calls = 0;
    const first = await store.run(key, () => ({ value: ++calls }));
    const second = await store.run(key, () => ({ value: ++calls }));
    expect(calls).toBe(1);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.run.id).toBe(first.run.id);
    expect(second.run.result).toEqual({ value: 1 });
    expect(first.run.id).toBe(runId(key));
    // A different seed is a different run.
    const other = await store.run({ ...key, seed: 8 }, () => ({ value: ++calls }));
    expect(other.run.id).not.toBe(first.run.id);
    expect(store.runsOf(scenario.id)).toBe(2);
    expect(store.verify()).toEqual([]);
  });

  it("refuses a run of an unsaved scenario", async () => {
    const { store } = memoryStore();
    await expect(
      store.run({ scenarioId: "a".repeat(64), seed: 1, draws: 1, options: {} }, () => 1),
    ).rejects.toThrow(/unknown scenario id/);
  });

  it("keeps rows immutable (UPDATE refused by the database); deletes remove a run, or a scenario with its runs", async () => {
    const { db, store } = memoryStore();
    const { scenario } = store.saveScenario({ name: "s" });
    const { run } = await store.run({ scenarioId: scenario.id, seed: 1, draws: 10, options: {} }, () => [
      1, 2, 3,
    ]);
    await store.run({ scenarioId: scenario.id, seed: 2, draws: 10, options: {} }, () => [4]);
    expect(() => db.prepare("UPDATE saved_scenarios SET json = '{}'").run()).toThrow(/immutable/);
    expect(() => db.prepare("UPDATE saved_runs SET result_json = '[]'").run()).toThrow(/immutable/);
    // A scenario still referenced by runs cannot be removed on its own.
    expect(() => db.prepare("DELETE FROM saved_scenarios").run()).toThrow(/FOREIGN KEY/);
    expect(store.deleteRun(run.id)).toBe(true);
    expect(store.deleteRun(run.id)).toBe(false);
    expect(store.getRun(run.id)).toBeNull();
    expect(store.deleteScenario(scenario.id)).toEqual({ scenario: scenario.id, runs: 1 });
    expect(store.getScenario(scenario.id)).toBeNull();
    expect(store.deleteScenario(scenario.id)).toBeNull();
  });
});

describe("store migration", () => {
  it("carries the same DDL as saved.ts, so a migrated store has the immutable tables", async () => {
    const { migrations } = await import("../../src/store/migrations.js");
    const { openStore } = await import("../../src/store/index.js");
    const { SAVED_TABLES_SQL } = await import("../../src/store/saved.js");
    const entry = migrations.find((m) => m.name === "saved scenarios and runs");
    expect(entry?.sql).toBe(SAVED_TABLES_SQL);
    const store = openStore(":memory:");
    try {
      const tables = store.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        .all();
      expect(tables.map((t) => (t as { name: string }).name)).toContain("saved_runs_no_update");
    } finally {
      store.close();
    }
  });
});
