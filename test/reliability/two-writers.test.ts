// Issue 13, item 5: two processes importing into one database at once. The duplicate check and the choice of the
// parent version run inside one BEGIN IMMEDIATE transaction (store/index.ts: importOnto), so the same file twice
// gives one version (no UNIQUE-constraint failure) and two different files give two versions, the later built on
// the earlier one with all of its rows. Runs the built CLI (dist/; `npm test` builds first).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getModels, listVersions, openStore } from "../../src/store/index.js";

const root = resolve(import.meta.dirname, "../..");
const bin = join(root, "bin/chokepoint.js");
const fixtures = join(root, "test/fixtures/epoch");
const built = existsSync(join(root, "dist/cli/main.js")) && existsSync(join(root, "dist/server/start.js"));
const dir = mkdtempSync(join(tmpdir(), "chokepoint-writers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A one-row ECI export adding a model that no dataset holds. */
function newModelFile(name: string, country: string): string {
  const f = join(dir, `${name}.csv`);
  writeFileSync(
    f,
    "Model version,ECI Score,Release date,Organization,Country,Model accessibility,Training compute (FLOP),Confidence,Model name\n" +
      `${name},140,2025-06-01,Lab,${country},API access,,Likely,${name}\n`,
  );
  return f;
}

function importing(db: string, file: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [bin, "data", "import-epoch", file.startsWith("/") ? file : join(fixtures, file), "--db", db, "--json"],
      {
        env: { ...process.env, HOME: dir },
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("close", (code) => done({ code, out, err }));
  });
}

async function prepared(name: string): Promise<string> {
  const db = join(dir, name);
  // Load the bundled version first so both writers race on the import itself.
  const store = openStore(db);
  const { ensureBundled } = await import("../../src/store/index.js");
  ensureBundled(store);
  store.close();
  return db;
}

describe.skipIf(!built)("two processes importing at once", () => {
  it("the same file twice: one version, both exit 0, the second reports it already stored", async () => {
    const db = await prepared("same.db");
    const [a, b] = await Promise.all([importing(db, "eci-newer.csv"), importing(db, "eci-newer.csv")]);
    expect([a.code, b.code, a.err + b.err]).toEqual([0, 0, ""]);
    const ra = JSON.parse(a.out);
    const rb = JSON.parse(b.out);
    expect(ra.version).toBe(rb.version);
    expect([ra.alreadyStored, rb.alreadyStored].sort()).toEqual([false, true]);
    const store = openStore(db);
    try {
      expect(listVersions(store).map((v) => v.kind)).toEqual(["bundled", "import"]);
    } finally {
      store.close();
    }
  });

  it("two different files: two versions, the later holds the earlier one's rows", async () => {
    const db = await prepared("two.db");
    const fa = newModelFile("Writer-A", "United States of America");
    const fb = newModelFile("Writer-B", "China");
    const [a, b] = await Promise.all([importing(db, fa), importing(db, fb)]);
    expect([a.code, b.code, a.err + b.err]).toEqual([0, 0, ""]);
    const ra = JSON.parse(a.out);
    const rb = JSON.parse(b.out);
    const [first, second] = ra.version < rb.version ? [ra, rb] : [rb, ra];
    expect(second.baseVersion).toBe(first.version);
    expect(first.added).toHaveLength(1);
    expect(second.added).toHaveLength(1);
    const store = openStore(db);
    try {
      const latest = new Set(getModels(store).map((m) => m.id));
      for (const m of [...first.added, ...second.added]) expect(latest.has(m.id)).toBe(true);
    } finally {
      store.close();
    }
  });
});
