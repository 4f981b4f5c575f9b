import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root (holds data/ and package.json), found from this file in src/ or dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "data"))) return dir;
    dir = resolve(dir, "..");
  }
  throw new Error("cannot find the chokepoint package root (no data/ beside package.json)");
}

/** Absolute path of a file under the bundled data/ folder. */
export function dataPath(...parts: string[]): string {
  return join(packageRoot(), "data", ...parts);
}
