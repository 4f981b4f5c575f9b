/**
 * Schema migrations, applied in `version` order, each once, each in its own transaction. Append new entries with
 * the next version number; never edit an applied one (the store refuses to open a file newer than it knows).
 */
import { CSL_TABLES_SQL } from "./csl.js";
import { POSTERIOR_TABLES_SQL } from "./posteriors.js";
import { SAVED_DELETES_SQL, SAVED_TABLES_SQL } from "./saved.js";

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
    sql: SAVED_TABLES_SQL,
  },
  {
    version: 3,
    name: "calibrated posteriors",
    sql: POSTERIOR_TABLES_SQL,
  },
  {
    // Versions store only what they add (store/index.ts: writeVersion); existing versions stay full copies.
    version: 4,
    name: "dataset versions as deltas",
    sql: `
ALTER TABLE datasets ADD COLUMN storage TEXT NOT NULL DEFAULT 'full' CHECK (storage IN ('full', 'delta'));
ALTER TABLE datasets ADD COLUMN arena_of INTEGER REFERENCES datasets(version);
CREATE TABLE dataset_removed (
  version INTEGER NOT NULL REFERENCES datasets(version),
  id TEXT NOT NULL,
  PRIMARY KEY (version, id)
) STRICT;
`,
  },
  {
    version: 5,
    name: "imported Consolidated Screening List versions",
    sql: CSL_TABLES_SQL,
  },
  {
    version: 6,
    name: "saved scenarios and runs may be deleted",
    sql: SAVED_DELETES_SQL,
  },
];
