#!/usr/bin/env node
// Runs every bench/*.bench.js in name order against the compiled dist/ (npm run bench builds first) and prints figures.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.js") && (!only || f.includes(only)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f.replace(".bench.js", "")}`);
  try {
    const mod = await import(pathToFileURL(join(here, f)).href);
    if (typeof mod.default === "function") await mod.default();
  } catch (err) {
    failed++;
    console.log(`  FAILED: ${err instanceof Error ? err.message : String(err)}`);
  }
}
process.exitCode = failed ? 1 : 0;
