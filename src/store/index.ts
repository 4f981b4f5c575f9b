/**
 * The embedded store (better-sqlite3, WAL): dataset versions of the observed model data, and the tables other
 * features add through `migrations.ts`. Node only; the engine never imports this folder.
 *
 *   resolveDbPath(flag?, env?)     --db FILE, else $CHOKEPOINT_DB, else ~/.chokepoint/chokepoint.db
 *   openStore(path)                creates the file and folder on first use, applies migrations
 *   ensureBundled(store)           loads data/models.csv + data/arena-elo.csv once (content-hashed) → version
 *   importDataset(store, input)    one BEGIN IMMEDIATE transaction; a failure or kill leaves earlier versions as they were
 *   importOnto(store, base, build) picks and reads the base inside that transaction, then stores what build returns
 *   listVersions(store), latestVersion(store), getModels(store, version?), getArena(store, version?)
 * Storage faults (read-only, full, damaged file) come out as StoreFault (faults.ts) naming the file.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { parseArenaCsv, parseModelsCsv, DataFileError } from "../data/models.js";
import { dataPath } from "../data/paths.js";
import type { ArenaRow, ModelRecord } from "../engine/gap/types.js";
import { StoreFault, toStoreFault } from "./faults.js";
import { type Migration, migrations } from "./migrations.js";

export { StoreFault } from "./faults.js";

export interface Store {
  db: Database.Database;
  path: string;
  close(): void;
}

export interface DatasetVersion {
  version: number;
  kind: "bundled" | "import";
  label: string;
  contentHash: string;
  parent: number | null;
  createdAt: string;
  summary: Record<string, unknown>;
}

/** The database file to use: the --db flag, then $CHOKEPOINT_DB, then ~/.chokepoint/chokepoint.db. */
export function resolveDbPath(
  flag?: string,
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): string {
  if (flag) return resolve(cwd, flag);
  if (env.CHOKEPOINT_DB) return resolve(cwd, env.CHOKEPOINT_DB);
  return join(env.HOME || homedir(), ".chokepoint", "chokepoint.db");
}

/** Applies every migration newer than the file's, each in a transaction. */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations): number {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT",
  );
  const current = (
    db.prepare("SELECT coalesce(max(version), 0) AS v FROM schema_migrations").get() as { v: number }
  ).v;
  const known = Math.max(0, ...list.map((m) => m.version));
  if (current > known)
    throw new Error(
      `database schema version ${current} is newer than this chokepoint knows (${known}); upgrade chokepoint`,
    );
  const applied = new Set(
    (db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const sorted = [...list].sort((a, b) => a.version - b.version);
  // Every migration not yet recorded runs, not only those above the highest: entries appended on parallel
  // branches (3 landing after 4) still reach a file that already has the later one.
  for (const m of sorted) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    })();
  }
  return known;
}

/** The path of the store opened last in this process: the CLI names it when a storage fault ends a command. */
let lastPath: string | null = null;
export function lastStorePath(): string | null {
  return lastPath;
}

/** A file given as the store that holds another program's tables: opened only when asked (`adopt`). */
export class ForeignDatabaseError extends Error {
  override name = "ForeignDatabaseError";
}

export interface OpenOptions {
  /**
   * Add chokepoint's tables to an existing SQLite file that has other tables and none of ours. Default: the
   * CHOKEPOINT_ADOPT_DB environment variable is "1"; otherwise such a file is refused untouched.
   */
  adopt?: boolean;
  /** Run the integrity and writability checks (default true; ":memory:" skips them). */
  check?: boolean;
}

/**
 * Opens (creating on first use) the store at `path` in WAL mode, safe for concurrent readers. Before answering
 * anything it checks the file: SQLite's quick_check (a damaged page is store_corrupt) and a rolled-back write
 * (a read-only file or folder is store_unavailable). Storage faults come back as StoreFault naming the path.
 */
export function openStore(path: string, opts: OpenOptions = {}): Store {
  lastPath = path;
  let db: Database.Database | undefined;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    if (path !== ":memory:") refuseForeign(db, path, opts.adopt ?? process.env.CHOKEPOINT_ADOPT_DB === "1");
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    if (path !== ":memory:" && opts.check !== false) checkStore(db, path);
    migrate(db);
  } catch (err) {
    db?.close();
    throw toStoreFault(err, path) ?? err;
  }
  const opened = db;
  return { db: opened, path, close: () => opened.close() };
}

/** Refuses a SQLite file that holds tables and no schema_migrations table: it belongs to something else. */
function refuseForeign(db: Database.Database, path: string, adopt: boolean): void {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  if (tables.length === 0 || tables.includes("schema_migrations") || adopt) return;
  const shown = tables.slice(0, 5).join(", ") + (tables.length > 5 ? `, … (${tables.length} tables)` : "");
  throw new ForeignDatabaseError(
    `${path} is a SQLite database chokepoint did not create (tables: ${shown}); it was left untouched. ` +
      "Give another --db file, or set CHOKEPOINT_ADOPT_DB=1 to add chokepoint's tables to it",
  );
}

/** Integrity (quick_check) and writability (a write rolled back) of an opened file; throws a StoreFault. */
function checkStore(db: Database.Database, path: string): void {
  const result = db.pragma("quick_check(1)", { simple: true });
  if (result !== "ok")
    throw new StoreFault(
      "store_corrupt",
      `database ${path} is damaged (integrity check: ${String(result).replace(/\s+/g, " ").slice(0, 200)})`,
      path,
    );
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec("CREATE TABLE chokepoint_write_probe (x INTEGER)");
  } finally {
    db.exec("ROLLBACK");
  }
}

/** SHA-256 over the canonical content of a dataset (models sorted by id, arena and hardware in order). */
export function datasetHash(
  models: readonly ModelRecord[],
  arena: readonly ArenaRow[],
  hardware: readonly unknown[] = [],
): string {
  const h = createHash("sha256");
  const sorted = [...models].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  h.update(JSON.stringify(sorted));
  h.update(JSON.stringify(arena));
  h.update(JSON.stringify(hardware));
  return h.digest("hex");
}

export interface ImportInput {
  kind: "bundled" | "import";
  label: string;
  parent: number | null;
  models: readonly ModelRecord[];
  arena: readonly ArenaRow[];
  hardware?: readonly { name: string; manufacturer: string; releaseDate: string | null; record: unknown }[];
  summary?: Record<string, unknown>;
  /** Test hook: called after each model row is written inside the transaction (throw to simulate a crash). */
  onRow?: (written: number) => void;
}

/**
 * A version's stored rows: `full` holds every model row; `delta` holds only the rows that differ from its parent
 * (added or changed) plus the ids it removes, so a version costs what it adds. Reading walks up to the nearest full
 * version. A chain never grows past MAX_DELTA_CHAIN deltas: the next version is then stored full.
 */
export const MAX_DELTA_CHAIN = 32;

/** The dataset a write builds on, read inside the write transaction. */
export interface ImportBase {
  version: number | null;
  models: ModelRecord[];
  arena: ArenaRow[];
}

/**
 * Stores a complete dataset snapshot as a new version in one BEGIN IMMEDIATE transaction: the duplicate check
 * (identical content comes back as the existing version with `existed: true`) and the insert see the same state,
 * so two writers on one file never collide on the content hash.
 */
export function importDataset(store: Store, input: ImportInput): { version: number; existed: boolean } {
  const run = store.db.transaction(() => writeVersion(store, input));
  return asFault(store, () => run.immediate());
}

/** Runs a store operation; a storage fault comes out as a StoreFault naming the file. */
export function asFault<T>(store: Store, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toStoreFault(err, store.path) ?? err;
  }
}

/**
 * Builds a version on top of `base` (a version number, or the latest when undefined) and stores it, all inside one
 * BEGIN IMMEDIATE transaction: the base is chosen and read under the write lock, so a concurrent import cannot
 * make this one build on a stale parent and drop its rows. `build` must be pure (it may run while other writers
 * wait for the lock, up to busy_timeout).
 */
export function importOnto<T>(
  store: Store,
  base: number | undefined,
  build: (base: ImportBase) => { input: Omit<ImportInput, "parent">; result: T },
): { version: number; existed: boolean; base: number | null; result: T } {
  const run = store.db.transaction(() => {
    const v = base ?? latestVersion(store);
    if (v !== null) pickVersion(store, v);
    const parent: ImportBase =
      v === null
        ? { version: null, models: [], arena: [] }
        : { version: v, models: getModels(store, v), arena: getArena(store, v) };
    const { input, result } = build(parent);
    const stored = writeVersion(store, { ...input, parent: v });
    return { ...stored, base: v, result };
  });
  return asFault(store, () => run.immediate());
}

interface VersionRow {
  version: number;
  parent: number | null;
  storage: "full" | "delta";
  arena_of: number | null;
}

function versionRow(store: Store, version: number): VersionRow | undefined {
  return store.db
    .prepare("SELECT version, parent, storage, arena_of FROM datasets WHERE version = ?")
    .get(version) as VersionRow | undefined;
}

/** Number of delta versions between `version` and its nearest full one (0 for a full version). */
function deltaDepth(store: Store, version: number): number {
  let depth = 0;
  let row = versionRow(store, version);
  while (row && row.storage === "delta" && row.parent !== null) {
    depth++;
    row = versionRow(store, row.parent);
  }
  return depth;
}

/** The version whose dataset_arena rows hold `version`'s arena. */
function arenaSource(store: Store, version: number): number {
  const row = versionRow(store, version);
  return row?.arena_of ?? version;
}

function arenaKey(arena: readonly ArenaRow[]): string {
  return JSON.stringify(arena);
}

/** The write itself; callers hold the write transaction. */
function writeVersion(store: Store, input: ImportInput): { version: number; existed: boolean } {
  const hash = datasetHash(input.models, input.arena, input.hardware ?? []);
  const existing = store.db.prepare("SELECT version FROM datasets WHERE content_hash = ?").get(hash) as
    | { version: number }
    | undefined;
  if (existing) return { version: existing.version, existed: true };
  const parent = input.parent;
  const asDelta =
    parent !== null &&
    versionRow(store, parent) !== undefined &&
    deltaDepth(store, parent) < MAX_DELTA_CHAIN - 1;
  const parentModels = asDelta
    ? new Map(getModels(store, parent).map((m) => [m.id, JSON.stringify(m)]))
    : null;
  const sharedArena = asDelta && arenaKey(getArena(store, parent)) === arenaKey(input.arena);
  const info = store.db
    .prepare(
      "INSERT INTO datasets (kind, label, content_hash, parent, created_at, summary_json, storage, arena_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .run(
      input.kind,
      input.label,
      hash,
      parent,
      new Date().toISOString(),
      JSON.stringify({
        models: input.models.length,
        arena: input.arena.length,
        hardware: input.hardware?.length ?? 0,
        ...input.summary,
      }),
      asDelta ? "delta" : "full",
      sharedArena ? arenaSource(store, parent!) : null,
    );
  const version = Number(info.lastInsertRowid);
  const insModel = store.db.prepare(
    "INSERT INTO dataset_models (version, id, name, bloc, release_date, json) VALUES (?, ?, ?, ?, ?, ?)",
  );
  let n = 0;
  const ids = new Set<string>();
  for (const m of input.models) {
    const json = JSON.stringify(m);
    ids.add(m.id);
    if (parentModels && parentModels.get(m.id) === json) continue;
    insModel.run(version, m.id, m.name, m.bloc, m.releaseDate, json);
    input.onRow?.(++n);
  }
  if (parentModels) {
    const insRemoved = store.db.prepare("INSERT INTO dataset_removed (version, id) VALUES (?, ?)");
    for (const id of parentModels.keys()) if (!ids.has(id)) insRemoved.run(version, id);
  }
  if (!sharedArena) {
    const insArena = store.db.prepare(
      "INSERT INTO dataset_arena (version, lab, bloc, series, date, model, rating) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    for (const a of input.arena) insArena.run(version, a.lab, a.bloc, a.series, a.date, a.model, a.rating);
  }
  const insHw = store.db.prepare(
    "INSERT INTO dataset_hardware (version, name, manufacturer, release_date, json) VALUES (?, ?, ?, ?, ?)",
  );
  for (const h of input.hardware ?? [])
    insHw.run(version, h.name, h.manufacturer, h.releaseDate, JSON.stringify(h.record));
  return { version, existed: false };
}

/** Loads the bundled curated files into the store once; returns their version. */
export function ensureBundled(
  store: Store,
  paths = { models: dataPath("models.csv"), arena: dataPath("arena-elo.csv") },
): number {
  const m = parseModelsCsv(readFileSync(paths.models, "utf8"), paths.models);
  const a = parseArenaCsv(readFileSync(paths.arena, "utf8"), paths.arena);
  if (m.errors.length || a.errors.length) throw new DataFileError([...m.errors, ...a.errors]);
  return importDataset(store, {
    kind: "bundled",
    label: "bundled data/models.csv + data/arena-elo.csv",
    parent: null,
    models: m.models,
    arena: a.rows,
  }).version;
}

function rowToVersion(r: Record<string, unknown>): DatasetVersion {
  return {
    version: r.version as number,
    kind: r.kind as DatasetVersion["kind"],
    label: r.label as string,
    contentHash: r.content_hash as string,
    parent: (r.parent as number | null) ?? null,
    createdAt: r.created_at as string,
    summary: JSON.parse(r.summary_json as string) as Record<string, unknown>,
  };
}

export function listVersions(store: Store): DatasetVersion[] {
  return (store.db.prepare("SELECT * FROM datasets ORDER BY version").all() as Record<string, unknown>[]).map(
    rowToVersion,
  );
}

export function latestVersion(store: Store): number | null {
  const r = store.db.prepare("SELECT max(version) AS v FROM datasets").get() as { v: number | null };
  return r.v;
}

/** The version asked for, or the latest; throws naming the version when it does not exist. */
export function pickVersion(store: Store, version?: number): number {
  const v = version ?? latestVersion(store);
  if (v === null) throw new Error("the store holds no dataset version");
  const hit = store.db.prepare("SELECT 1 FROM datasets WHERE version = ?").get(v);
  if (!hit) throw new RangeError(`invalid --dataset: ${v} (no such version; see chokepoint data versions)`);
  return v;
}

/** A version's models, sorted by release date then id: its own rows over its parents' up to the nearest full one. */
export function getModels(store: Store, version?: number): ModelRecord[] {
  const v = pickVersion(store, version);
  const chain: number[] = [];
  for (let row = versionRow(store, v); row; ) {
    chain.push(row.version);
    if (row.storage === "full" || row.parent === null) break;
    row = versionRow(store, row.parent);
  }
  const rows = store.db.prepare("SELECT id, release_date, json FROM dataset_models WHERE version = ?");
  const removed = store.db.prepare("SELECT id FROM dataset_removed WHERE version = ?");
  const byId = new Map<string, { date: string; json: string }>();
  for (let i = chain.length - 1; i >= 0; i--) {
    for (const r of removed.all(chain[i]) as { id: string }[]) byId.delete(r.id);
    for (const r of rows.all(chain[i]) as { id: string; release_date: string; json: string }[])
      byId.set(r.id, { date: r.release_date, json: r.json });
  }
  const ids = [...byId.keys()].sort((a, b) => {
    const da = byId.get(a)!.date;
    const db = byId.get(b)!.date;
    return da < db ? -1 : da > db ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });
  return ids.map((id) => JSON.parse(byId.get(id)!.json) as ModelRecord);
}

export function getArena(store: Store, version?: number): ArenaRow[] {
  const v = arenaSource(store, pickVersion(store, version));
  return store.db
    .prepare(
      "SELECT lab, bloc, series, date, model, rating FROM dataset_arena WHERE version = ? ORDER BY rowid",
    )
    .all(v) as ArenaRow[];
}
