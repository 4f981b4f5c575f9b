/** Node loaders for data/chip-counts/; the pure parsers live in chip-counts-parse.ts (browser-safe). */
import { readFileSync } from "node:fs";
import type { OwnerRow, WorldOutputRow } from "../engine/sim/supply-data.js";
import { parseNvidiaOwnersCsv, parseWorldOutputCsv } from "./chip-counts-parse.js";
import { displayPath } from "./chips.js";
import { dataPath } from "./paths.js";

export {
  OWNER_COLUMNS,
  ownerRowSchema,
  ownersToCsv,
  parseNvidiaOwnersCsv,
  parseWorldOutputCsv,
  WORLD_OUTPUT_COLUMNS,
  worldOutputRowSchema,
  worldOutputToCsv,
} from "./chip-counts-parse.js";

/** Reads and validates world-output.csv; throws DataFileError naming file, row and field. */
export function loadWorldOutput(
  file: string = dataPath("chip-counts", "world-output.csv"),
): WorldOutputRow[] {
  return parseWorldOutputCsv(readFileSync(file, "utf8"), displayPath(file));
}

/** Reads and validates nvidia-owners.csv; throws DataFileError naming file, row and field. */
export function loadNvidiaOwners(file: string = dataPath("chip-counts", "nvidia-owners.csv")): OwnerRow[] {
  return parseNvidiaOwnersCsv(readFileSync(file, "utf8"), displayPath(file));
}
