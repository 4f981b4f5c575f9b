import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadModels } from "../../src/data/models.js";
import {
  ensureBundled,
  getArena,
  getModels,
  importDataset,
  latestVersion,
  listVersions,
  openStore,
  resolveDbPath,
} from "../../src/store/index.js";
import { migrations } from "../../src/store/migrations.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "chokepoint-store-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("store", () => {
  it("creates the file and folder on first use, in WAL mode, with every migration applied", () => {
    const store = openStore(join(dir, "nested", "cp.db"));
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    const applied = store.db.prepare("SELECT version FROM schema_migrations ORDER BY version").all() as {
      version: number;
    }[];
    expect(applied.map((r) => r.version)).toEqual(migrations.map((m) => m.version).sort((a, b) => a - b));
    store.close();
  });

  it("resolves the path from --db, then $CHOKEPOINT_DB, then ~/.chokepoint", () => {
    expect(resolveDbPath("x.db", { CHOKEPOINT_DB: "/e.db" }, "/w")).toBe("/w/x.db");
    expect(resolveDbPath(undefined, { CHOKEPOINT_DB: "/e.db" }, "/w")).toBe("/e.db");
    expect(resolveDbPath(undefined, { HOME: "/home/u" }, "/w")).toBe("/home/u/.chokepoint/chokepoint.db");
  });

  it("loads the bundled data once (content-hashed) and reads it back unchanged", () => {
    const store = openStore(join(dir, "cp.db"));
    const v1 = ensureBundled(store);
    expect(ensureBundled(store)).toBe(v1);
    expect(listVersions(store)).toHaveLength(1);
    expect(getModels(store)).toEqual(
      [...loadModels()].sort((a, b) => (a.releaseDate + a.id < b.releaseDate + b.id ? -1 : 1)),
    );
    expect(getArena(store).length).toBeGreaterThan(1000);
    store.close();
  });

  it("stores a new version; older versions stay readable; --dataset picks one", () => {
    const store = openStore(join(dir, "cp.db"));
    const v1 = ensureBundled(store);
    const models = getModels(store, v1);
    const changed = models.map((m) => (m.id === "deepseek-r1" ? { ...m, eci: 999 } : m));
    const r = importDataset(store, { kind: "import", label: "test", parent: v1, models: changed, arena: [] });
    expect(r).toEqual({ version: v1 + 1, existed: false });
    expect(latestVersion(store)).toBe(v1 + 1);
    expect(getModels(store).find((m) => m.id === "deepseek-r1")!.eci).toBe(999);
    expect(getModels(store, v1).find((m) => m.id === "deepseek-r1")!.eci).not.toBe(999);
    expect(
      importDataset(store, { kind: "import", label: "again", parent: v1, models: changed, arena: [] }),
    ).toEqual({
      version: v1 + 1,
      existed: true,
    });
    expect(() => getModels(store, 42)).toThrow(/invalid --dataset: 42/);
    store.close();
  });

  it("an import that dies mid-transaction leaves the previous version intact", () => {
    const path = join(dir, "cp.db");
    const store = openStore(path);
    const v1 = ensureBundled(store);
    const models = getModels(store, v1).map((m) => ({ ...m, eci: m.eci === null ? null : m.eci + 1 }));
    expect(() =>
      importDataset(store, {
        kind: "import",
        label: "crash",
        parent: v1,
        models,
        arena: [],
        onRow: (n) => {
          if (n === 100) throw new Error("simulated crash");
        },
      }),
    ).toThrow("simulated crash");
    expect(listVersions(store).map((v) => v.version)).toEqual([v1]);
    expect(
      (
        store.db.prepare("SELECT count(*) AS n FROM dataset_models WHERE version <> ?").get(v1) as {
          n: number;
        }
      ).n,
    ).toBe(0);
    store.close();
  });

  it("a process killed (SIGKILL) inside the write transaction leaves the file readable with the old versions", () => {
    const path = join(dir, "cp.db");
    const store = openStore(path);
    const v1 = ensureBundled(store);
    store.close();
    // The child writes like importDataset (one transaction) and kills itself before COMMIT.
    const child = join(dir, "child.cjs");
    writeFileSync(
      child,
      `const Database = require(${JSON.stringify(require.resolve("better-sqlite3"))});
const db = new Database(${JSON.stringify(path)}); db.pragma("journal_mode = WAL");
db.exec("BEGIN IMMEDIATE");
db.prepare("INSERT INTO datasets (kind, label, content_hash, parent, created_at, summary_json) VALUES ('import','killed','h',1,'now','{}')").run();
for (let i = 0; i < 5000; i++) db.prepare("INSERT INTO dataset_models VALUES (2, ?, 'x', 'US', '2024-01-01', '{}')").run('m' + i);
process.kill(process.pid, "SIGKILL");`,
    );
    const res = spawnSync(process.execPath, [child]);
    expect(res.signal).toBe("SIGKILL");
    const again = openStore(path);
    expect(listVersions(again).map((v) => v.version)).toEqual([v1]);
    expect(getModels(again).length).toBe(loadModels().length);
    again.close();
  });

  it("a reader keeps its snapshot while a writer stores a version", () => {
    const path = join(dir, "cp.db");
    const writer = openStore(path);
    const v1 = ensureBundled(writer);
    const reader = new Database(path, { readonly: true });
    reader.exec("BEGIN");
    const before = (reader.prepare("SELECT count(*) AS n FROM datasets").get() as { n: number }).n;
    importDataset(writer, { kind: "import", label: "x", parent: v1, models: [], arena: [] });
    expect((reader.prepare("SELECT count(*) AS n FROM datasets").get() as { n: number }).n).toBe(before);
    reader.exec("COMMIT");
    expect((reader.prepare("SELECT count(*) AS n FROM datasets").get() as { n: number }).n).toBe(before + 1);
    reader.close();
    writer.close();
  });

  it("refuses a database whose schema is newer than this build", () => {
    const path = join(dir, "cp.db");
    openStore(path).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'now')").run();
    db.close();
    expect(() => openStore(path)).toThrow(/schema version 999 is newer/);
  });
});
