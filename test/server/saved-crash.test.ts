// Durability: a process killed mid-write must leave the database intact and every committed save readable.
// The child runs the real src/store/saved.ts (transpiled with TypeScript into a temp folder) in a write loop,
// announces each committed run id on stdout, and is SIGKILLed while writing.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { SavedStore } from "../../src/store/saved.js";

const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "chokepoint-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeChild(): string {
  const source = readFileSync(join(root, "src/store/saved.ts"), "utf8");
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  writeFileSync(join(dir, "saved.mjs"), js);
  const child = `
import { createRequire } from "node:module";
import { SavedStore } from "./saved.mjs";
const require = createRequire(${JSON.stringify(join(root, "package.json"))});
const Database = require("better-sqlite3");
const db = new Database(process.argv[2]);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
const store = new SavedStore(db);
// About 400 KB per result so the kill usually lands inside a write.
const filler = Array.from({ length: 50000 }, (_, i) => i * 0.5);
for (let i = 0; ; i++) {
  const { scenario } = store.saveScenario({ name: "crash", i });
  const { run } = await store.run({ scenarioId: scenario.id, seed: i, draws: 100, options: {} }, () => ({ i, filler }));
  process.stdout.write(run.id + " " + scenario.id + "\\n");
}
`;
  const file = join(dir, "child.mjs");
  writeFileSync(file, child);
  return file;
}

describe("saved runs survive a killed writer", () => {
  it("keeps the database intact and every announced commit readable after SIGKILL", async () => {
    const dbFile = join(dir, "store.db");
    const child = spawn(process.execPath, [writeChild(), dbFile], { stdio: ["ignore", "pipe", "pipe"] });
    const committed: { run: string; scenario: string }[] = [];
    let buffer = "";
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.on("exit", (_code, signal) => done(signal)),
    );
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`child made too little progress: ${stderr}`)), 30_000);
      child.stdout.on("data", (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split("\n");
        buffer = lines.pop()!;
        for (const line of lines) {
          const [run, scenario] = line.split(" ");
          committed.push({ run: run!, scenario: scenario! });
        }
        if (committed.length >= 40) {
          clearTimeout(timer);
          child.kill("SIGKILL");
          done();
        }
      });
    });
    expect(await exited).toBe("SIGKILL");

    const db = new Database(dbFile);
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const store = new SavedStore(db);
      for (const c of committed) {
        const run = store.getRun(c.run);
        expect(run, `run ${c.run} announced as committed`).not.toBeNull();
        expect(run!.scenarioId).toBe(c.scenario);
        expect((run!.result as { filler: number[] }).filler).toHaveLength(50000);
        expect(store.getScenario(c.scenario)).not.toBeNull();
      }
      expect(store.verify()).toEqual([]);
      // The database stays writable after recovery.
      expect(store.saveScenario({ name: "after-crash" }).created).toBe(true);
    } finally {
      db.close();
    }
  });
});
