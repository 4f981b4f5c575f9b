/** Node loader for data/events.csv; the pure parser lives in events-parse.ts (browser-safe). */
import { readFileSync } from "node:fs";
import { displayPath } from "./chips.js";
import { type PolicyEvent, parseEventsCsv } from "./events-parse.js";
import { dataPath } from "./paths.js";

export {
  CONFIDENCE_LEVELS,
  type Confidence,
  EVENT_COLUMNS,
  EVENT_TYPES,
  type EventType,
  eventRowSchema,
  eventsBetween,
  type PolicyEvent,
  parseEventsCsv,
} from "./events-parse.js";

/** Reads and validates the events timeline; throws DataFileError naming file, row and field. */
export function loadEvents(file: string = dataPath("events.csv")): PolicyEvent[] {
  return parseEventsCsv(readFileSync(file, "utf8"), displayPath(file));
}
