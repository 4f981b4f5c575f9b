/** Node loader for data/chips.csv; the pure parser and lookup live in chips-parse.ts (browser-safe). */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type { Chip } from "../engine/chips/types.js";
import { parseChipsCsv } from "./chips-parse.js";
import { dataPath, packageRoot } from "./paths.js";

export { chipRowSchema, editDistance, findChip, parseChipsCsv, type FindChipResult } from "./chips-parse.js";
export { DataFileError } from "./table.js";

/** Display name for a data file: relative to the package root when inside it (data/chips.csv), else as given. */
export function displayPath(file: string): string {
  try {
    const rel = relative(packageRoot(), file);
    return rel.startsWith("..") ? file : rel.split("\\").join("/");
  } catch {
    return file;
  }
}

/** Reads and validates the chip catalogue; throws DataFileError naming file, row and field. */
export function loadChips(file: string = dataPath("chips.csv")): Chip[] {
  return parseChipsCsv(readFileSync(file, "utf8"), displayPath(file));
}
