/**
 * Schema migrations, applied in `version` order, each once, each in its own transaction. Append new entries with
 * the next version number; never edit an applied one (the store refuses to open a file newer than it knows).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: "dataset versions",
    sql: `
CREATE TABLE datasets (
  version INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('bundled', 'import')),
  label TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  parent INTEGER REFERENCES datasets(version),
  created_at TEXT NOT NULL,
  summary_json TEXT NOT NULL
) STRICT;
CREATE TABLE dataset_models (
  version INTEGER NOT NULL REFERENCES datasets(version),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  bloc TEXT NOT NULL,
  release_date TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (version, id)
) STRICT;
CREATE TABLE dataset_arena (
  version INTEGER NOT NULL REFERENCES datasets(version),
  lab TEXT NOT NULL,
  bloc TEXT NOT NULL,
  series TEXT NOT NULL,
  date TEXT NOT NULL,
  model TEXT NOT NULL,
  rating REAL NOT NULL
) STRICT;
CREATE INDEX dataset_arena_by_version ON dataset_arena(version);
CREATE TABLE dataset_hardware (
  version INTEGER NOT NULL REFERENCES datasets(version),
  name TEXT NOT NULL,
  manufacturer TEXT NOT NULL,
  release_date TEXT,
  json TEXT NOT NULL,
  PRIMARY KEY (version, name)
) STRICT;
`,
  },
  {
    version: 2,
    name: "saved scenarios and runs",
    // Same text as SAVED_TABLES_SQL in saved.ts (a test keeps them equal).
    sql: `
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
`,
  },
];
