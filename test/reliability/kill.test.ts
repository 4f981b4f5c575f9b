// Issue 13: a server killed (SIGKILL) in the middle of an import or a save leaves a database that passes SQLite's
// integrity check and holds either the whole write or none of it. Runs the built CLI's `serve` (dist/; `npm test`
// builds first) as a child process on a temporary file.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { getModels, listVersions, openStore } from "../../src/store/index.js";
import { SavedStore } from "../../src/store/saved.js";

const root = resolve(import.meta.dirname, "../..");
const built = existsSync(join(root, "dist/cli/main.js"));
const dir = mkdtempSync(join(tmpdir(), "chokepoint-kill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function serve(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [join(root, "bin/chokepoint.js"), "serve", "--port", "0", "--json", "--db", db],
    {
      env: { ...process.env, HOME: dir },
    },
  );
  const url = await new Promise<string>((done, fail) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n")[0]!;
      if (out.includes("\n")) done((JSON.parse(line) as { url: string }).url);
    });
    child.on("exit", (c) => fail(new Error(`serve exited ${c}`)));
  });
  return { child, url };
}

function integrity(db: string): string {
  const d = new Database(db, { readonly: true });
  try {
    return String(d.pragma("integrity_check", { simple: true }));
  } finally {
    d.close();
  }
}

function bigImport(rows: number, tag: string): string {
  const head =
    "Model version,ECI Score,Release date,Organization,Country,Model accessibility,Training compute (FLOP),Confidence,Model name";
  const lines = [head];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${tag}-${i},${100 + (i % 50)},2024-05-01,Lab,${i % 2 ? "China" : "United States of America"},API access,,Likely,${tag} ${i}`,
    );
  return lines.join("\n");
}

describe.skipIf(!built)("SIGKILL mid-write", () => {
  for (const delay of [150, 400, 900])
    it(`import killed after ${delay} ms: integrity ok, the import is all there or absent`, async () => {
      const db = join(dir, `import-${delay}.db`);
      const { child, url } = await serve(db);
      const rows = 20_000;
      void fetch(`${url}api/v1/datasets/import`, {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: bigImport(rows, `k${delay}`),
      }).catch(() => {});
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      await new Promise((r) => child.on("close", r));
      expect(integrity(db)).toBe("ok");
      const store = openStore(db);
      try {
        const versions = listVersions(store);
        expect(versions[0]!.kind).toBe("bundled");
        const base = getModels(store, versions[0]!.version).length;
        if (versions.length > 1) expect(getModels(store).length).toBe(base + rows);
        else expect(versions).toHaveLength(1);
      } finally {
        store.close();
      }
    });

  it("save killed mid-run: integrity ok, every stored run reads back with its checksum", async () => {
    const db = join(dir, "save.db");
    const { child, url } = await serve(db);
    const post = (seed: number) =>
      fetch(`${url}api/v1/simulate`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: "status-quo", draws: 2_000, seed, save: true }),
      })
        .then((r) => r.arrayBuffer())
        .catch(() => {});
    for (let i = 0; i < 6; i++) void post(i);
    await new Promise((r) => setTimeout(r, 1_500));
    child.kill("SIGKILL");
    await new Promise((r) => child.on("close", r));
    expect(integrity(db)).toBe("ok");
    const store = openStore(db);
    try {
      const saved = new SavedStore(store.db);
      const ids = store.db.prepare("SELECT id FROM saved_runs").all() as { id: string }[];
      for (const { id } of ids) expect(saved.getRun(id)?.id).toBe(id);
    } finally {
      store.close();
    }
  });
});
