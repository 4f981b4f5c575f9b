/**
 * Saved scenarios and runs: content-addressed and immutable, so a shared link always reproduces the same result.
 *
 * A scenario's id is the SHA-256 of its canonical JSON (keys sorted, no whitespace). A run's id hashes the scenario
 * id with everything else that decides its numbers (seed, draws, options, engine and dataset versions), so asking
 * for the same run twice returns the stored result instead of a second, possibly different, one. Rows are never
 * updated (triggers refuse it); a scenario (with its runs) or a run may be deleted. Durability comes from SQLite's WAL journal; each save is one transaction.
 */
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";

/** DDL for the saved tables; run once by the store's migrations (and by `ensureSavedTables` when they are absent). */
export const SAVED_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS saved_scenarios (
  id TEXT PRIMARY KEY CHECK (length(id) = 64),
  name TEXT,
  json TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS saved_runs (
  id TEXT PRIMARY KEY CHECK (length(id) = 64),
  scenario_id TEXT NOT NULL REFERENCES saved_scenarios(id),
  seed INTEGER NOT NULL,
  draws INTEGER NOT NULL,
  options_json TEXT NOT NULL,
  result_json TEXT NOT NULL,
  result_sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS saved_runs_by_scenario ON saved_runs(scenario_id);
CREATE TRIGGER IF NOT EXISTS saved_scenarios_no_update BEFORE UPDATE ON saved_scenarios
  BEGIN SELECT RAISE(ABORT, 'saved scenarios are immutable'); END;
CREATE TRIGGER IF NOT EXISTS saved_scenarios_no_delete BEFORE DELETE ON saved_scenarios
  BEGIN SELECT RAISE(ABORT, 'saved scenarios are immutable'); END;
CREATE TRIGGER IF NOT EXISTS saved_runs_no_update BEFORE UPDATE ON saved_runs
  BEGIN SELECT RAISE(ABORT, 'saved runs are immutable'); END;
CREATE TRIGGER IF NOT EXISTS saved_runs_no_delete BEFORE DELETE ON saved_runs
  BEGIN SELECT RAISE(ABORT, 'saved runs are immutable'); END;
`;

/**
 * JSON with object keys sorted at every level and no whitespace: equal values give equal text.
 * Refuses what JSON cannot carry faithfully (NaN, Infinity, undefined inside arrays, functions, cycles).
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) === '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const seen = new Set<object>();
  const walk = (v: unknown, where: string): string => {
    if (v === null) return "null";
    switch (typeof v) {
      case "boolean":
        return v ? "true" : "false";
      case "number":
        if (!Number.isFinite(v)) throw new TypeError(`cannot hash ${where}: ${v} is not a finite number`);
        return JSON.stringify(Object.is(v, -0) ? 0 : v);
      case "string":
        return JSON.stringify(v);
      case "object": {
        if (seen.has(v)) throw new TypeError(`cannot hash ${where}: circular reference`);
        seen.add(v);
        let out: string;
        if (Array.isArray(v)) {
          out = `[${v.map((x, i) => walk(x, `${where}[${i}]`)).join(",")}]`;
        } else {
          const obj = v as Record<string, unknown>;
          const keys = Object.keys(obj)
            .filter((k) => obj[k] !== undefined)
            .sort();
          out = `{${keys.map((k) => `${JSON.stringify(k)}:${walk(obj[k], `${where}.${k}`)}`).join(",")}}`;
        }
        seen.delete(v);
        return out;
      }
      default:
        throw new TypeError(`cannot hash ${where}: ${typeof v} is not JSON`);
    }
  };
  return walk(value, "value");
}

/** SHA-256 (hex) of the canonical JSON of `value`. */
export function contentHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value), "utf8").digest("hex");
}

/** True for a string shaped like a content id (64 lowercase hex digits). */
export function isContentId(s: string): boolean {
  return /^[0-9a-f]{64}$/.test(s);
}

export interface SavedScenario {
  id: string;
  name: string | null;
  scenario: unknown;
  createdAt: string;
}

export interface RunKey {
  scenarioId: string;
  seed: number;
  draws: number;
  /** Everything else that changes the numbers: horizon, engine version, dataset version, … */
  options: Record<string, unknown>;
}

export interface SavedRun extends RunKey {
  id: string;
  result: unknown;
  createdAt: string;
}

/** Lets a saved scenario (with its runs) or a run be deleted; updates stay refused (migration 6). */
export const SAVED_DELETES_SQL = `
DROP TRIGGER IF EXISTS saved_scenarios_no_delete;
DROP TRIGGER IF EXISTS saved_runs_no_delete;
`;

/** Creates the saved tables if the store's migrations have not (idempotent); deletes allowed as after migration 6. */
export function ensureSavedTables(db: Database.Database): void {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'saved_scenarios'")
    .get();
  if (exists) return;
  db.exec(SAVED_TABLES_SQL);
  db.exec(SAVED_DELETES_SQL);
}

/** The id a run with this key has (or will have once saved). */
export function runId(key: RunKey): string {
  return contentHash({
    kind: "chokepoint-run",
    scenarioId: key.scenarioId,
    seed: key.seed,
    draws: key.draws,
    options: key.options,
  });
}

interface ScenarioRow {
  id: string;
  name: string | null;
  json: string;
  created_at: string;
}
interface RunRow {
  id: string;
  scenario_id: string;
  seed: number;
  draws: number;
  options_json: string;
  result_json: string;
  result_sha256: string;
  created_at: string;
}

/** Saved scenarios and runs over an open better-sqlite3 database (WAL mode is the store's job). */
export class SavedStore {
  private readonly insertScenario: Database.Statement;
  private readonly selectScenario: Database.Statement;
  private readonly insertRun: Database.Statement;
  private readonly selectRun: Database.Statement;
  private readonly countRuns: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    ensureSavedTables(db);
    this.insertScenario = db.prepare(
      "INSERT INTO saved_scenarios (id, name, json, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
    );
    this.selectScenario = db.prepare("SELECT id, name, json, created_at FROM saved_scenarios WHERE id = ?");
    this.insertRun = db.prepare(
      `INSERT INTO saved_runs (id, scenario_id, seed, draws, options_json, result_json, result_sha256, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
    );
    this.selectRun = db.prepare(
      "SELECT id, scenario_id, seed, draws, options_json, result_json, result_sha256, created_at FROM saved_runs WHERE id = ?",
    );
    this.countRuns = db.prepare("SELECT count(*) AS n FROM saved_runs WHERE scenario_id = ?");
  }

  /**
   * Deletes a saved scenario and every run of it, in one transaction; null when there is no such scenario.
   * Content-addressed ids mean saving the same scenario again later gives it back the same id.
   */
  deleteScenario(id: string): { scenario: string; runs: number } | null {
    return this.db.transaction(() => {
      const runs = this.db.prepare("DELETE FROM saved_runs WHERE scenario_id = ?").run(id).changes;
      const gone = this.db.prepare("DELETE FROM saved_scenarios WHERE id = ?").run(id).changes;
      return gone === 0 ? null : { scenario: id, runs };
    })();
  }

  /** Deletes one saved run; false when there is no such run. */
  deleteRun(id: string): boolean {
    return this.db.prepare("DELETE FROM saved_runs WHERE id = ?").run(id).changes > 0;
  }

  /** Stores a scenario under its content hash; saving the same content again returns the existing row. */
  saveScenario(scenario: unknown, name: string | null = null): { scenario: SavedScenario; created: boolean } {
    const json = canonicalJson(scenario);
    const id = createHash("sha256").update(json, "utf8").digest("hex");
    const info = this.insertScenario.run(id, name, json, this.now().toISOString());
    return { scenario: this.getScenario(id)!, created: info.changes === 1 };
  }

  getScenario(id: string): SavedScenario | null {
    if (!isContentId(id)) return null;
    const row = this.selectScenario.get(id) as ScenarioRow | undefined;
    return row
      ? { id: row.id, name: row.name, scenario: JSON.parse(row.json), createdAt: row.created_at }
      : null;
  }

  getRun(id: string): SavedRun | null {
    if (!isContentId(id)) return null;
    const row = this.selectRun.get(id) as RunRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      scenarioId: row.scenario_id,
      seed: row.seed,
      draws: row.draws,
      options: JSON.parse(row.options_json) as Record<string, unknown>,
      result: JSON.parse(row.result_json),
      createdAt: row.created_at,
    };
  }

  runsOf(scenarioId: string): number {
    return (this.countRuns.get(scenarioId) as { n: number }).n;
  }

  /**
   * The run for `key`: the stored one when it exists, otherwise `compute()`'s result, stored first.
   * The scenario must have been saved (its id is a foreign key).
   */
  async run(
    key: RunKey,
    compute: () => unknown | Promise<unknown>,
  ): Promise<{ run: SavedRun; created: boolean }> {
    const id = runId(key);
    const existing = this.getRun(id);
    if (existing) return { run: existing, created: false };
    if (!this.getScenario(key.scenarioId)) throw new Error(`unknown scenario id ${key.scenarioId}`);
    const result = await compute();
    const resultJson = JSON.stringify(result);
    const digest = createHash("sha256").update(resultJson, "utf8").digest("hex");
    const info = this.insertRun.run(
      id,
      key.scenarioId,
      key.seed,
      key.draws,
      canonicalJson(key.options),
      resultJson,
      digest,
      this.now().toISOString(),
    );
    // A concurrent request may have stored it first: the stored row wins, so every caller sees one result.
    return { run: this.getRun(id)!, created: info.changes === 1 };
  }

  /** Checks every stored run's result against its recorded digest; returns the ids that do not match. */
  verify(): string[] {
    const bad: string[] = [];
    for (const row of this.db
      .prepare("SELECT id, result_json, result_sha256 FROM saved_runs")
      .iterate() as Iterable<Pick<RunRow, "id" | "result_json" | "result_sha256">>) {
      const digest = createHash("sha256").update(row.result_json, "utf8").digest("hex");
      if (digest !== row.result_sha256) bad.push(row.id);
    }
    return bad;
  }
}
