import { createHash } from "node:crypto";
import type { PartyEntry } from "../engine/rules/parties.js";
import type { Store } from "./index.js";

/**
 * Imported Consolidated Screening List versions: one row per import (label, file, as-of date, content hash) and its
 * entries as JSON. An import is one transaction, so a failed one leaves nothing behind; the same content imported
 * twice is the same version.
 */

export const CSL_TABLES_SQL = `
CREATE TABLE csl_versions (
  version INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  file TEXT NOT NULL,
  as_of TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  entries INTEGER NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE csl_entries (
  version INTEGER NOT NULL REFERENCES csl_versions(version),
  seq INTEGER NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (version, seq)
) STRICT;
`;

export interface CslVersion {
  version: number;
  label: string;
  file: string;
  asOf: string;
  contentHash: string;
  entries: number;
  createdAt: string;
}

function hashOf(entries: readonly PartyEntry[]): string {
  const h = createHash("sha256");
  for (const e of entries) h.update(JSON.stringify(e)).update("\n");
  return h.digest("hex");
}

/** Stores an import (all or nothing); returns its version and whether that content was already stored. */
export function storeCsl(
  store: Store,
  input: { label: string; file: string; asOf: string; entries: readonly PartyEntry[] },
): { version: number; existed: boolean } {
  const hash = hashOf(input.entries);
  const have = store.db.prepare("SELECT version FROM csl_versions WHERE content_hash = ?").get(hash) as
    | { version: number }
    | undefined;
  if (have) return { version: have.version, existed: true };
  const tx = store.db.transaction(() => {
    const r = store.db
      .prepare(
        "INSERT INTO csl_versions (label, file, as_of, content_hash, entries, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(input.label, input.file, input.asOf, hash, input.entries.length, new Date().toISOString());
    const version = Number(r.lastInsertRowid);
    const ins = store.db.prepare("INSERT INTO csl_entries (version, seq, json) VALUES (?, ?, ?)");
    for (const [i, e] of input.entries.entries()) ins.run(version, i, JSON.stringify(e));
    return version;
  });
  return { version: tx(), existed: false };
}

export function listCsl(store: Store): CslVersion[] {
  return (
    store.db
      .prepare(
        "SELECT version, label, file, as_of AS asOf, content_hash AS contentHash, entries, created_at AS createdAt FROM csl_versions ORDER BY version",
      )
      .all() as CslVersion[]
  ).map((r) => ({ ...r }));
}

/** The newest imported version with its entries, or null when none was imported. */
export function latestCsl(store: Store): { meta: CslVersion; entries: PartyEntry[] } | null {
  const all = listCsl(store);
  const meta = all[all.length - 1];
  if (!meta) return null;
  const rows = store.db
    .prepare("SELECT json FROM csl_entries WHERE version = ? ORDER BY seq")
    .all(meta.version) as { json: string }[];
  return { meta, entries: rows.map((r) => JSON.parse(r.json) as PartyEntry) };
}
