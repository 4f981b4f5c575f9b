/** Node side of the freshness report: lists and reads every data file under the bundled data/ folder. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { type FreshnessReport, freshnessReport, isDataFile, parseSourcesCsv } from "./freshness.js";
import { dataPath, packageRoot } from "./paths.js";

/** Every data file under `dir` (default the bundled data/), as package-relative paths with their text. */
export function readDataFiles(
  dir: string = dataPath(),
  root: string = packageRoot(),
): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const path = relative(root, full).split("\\").join("/");
        if (isDataFile(path)) out.push({ path, text: readFileSync(full, "utf8") });
      }
    }
  };
  walk(dir);
  return out;
}

/** The freshness of every bundled data file on `today` (YYYY-MM-DD). */
export function bundledFreshness(
  today: string,
  dir: string = dataPath(),
  root: string = packageRoot(),
): FreshnessReport {
  const files = readDataFiles(dir, root);
  const manifest = files.find((f) => f.path.endsWith("sources.csv"));
  return freshnessReport(files, manifest ? parseSourcesCsv(manifest.text, manifest.path) : [], today);
}
