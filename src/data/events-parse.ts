/**
 * The policy and market timeline (data/events.csv): schema and parser, pure so the dashboard can use it too.
 * `loadEvents()` in events.ts adds the file read.
 */
import { z } from "zod";
import {
  DataFileError,
  oneOf,
  optionalText,
  parseTable,
  requiredDate,
  requiredText,
  sourceList,
} from "./table.js";

export const EVENT_COLUMNS = [
  "date",
  "type",
  "title",
  "detail",
  "bloc",
  "source",
  "confidence",
  "title_zh",
] as const;

export const EVENT_TYPES = [
  "rule",
  "is-informed",
  "licence",
  "entity-list",
  "china-guidance",
  "stockpiling",
  "market",
  "legal",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const CONFIDENCE_LEVELS = ["high", "medium", "low"] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** One dated event. `bloc` is the ISO2 code of the acting government or market (US, CN, TW…), or "multi". */
export interface PolicyEvent {
  date: string; // YYYY-MM-DD
  type: EventType;
  title: string;
  detail: string;
  bloc: string;
  sources: string[]; // the `source` column split on " | "
  /** high = primary text (Federal Register, SEC filing, GAO, paper); medium = press or law-firm report; low = conflicting reports. */
  confidence: Confidence;
  /** The measure's own Chinese title (a MOFCOM announcement's 公告 title, a CAC or SAMR notice), or null. */
  titleZh: string | null;
}

const bloc = z.string().transform((s, ctx) => {
  const t = s.trim();
  if (/^[A-Z]{2}$/.test(t) || t === "multi") return t;
  ctx.addIssue({
    code: "custom",
    message: `${JSON.stringify(t)} is not an ISO 3166 alpha-2 code (US, CN, …) or "multi"`,
  });
  return z.NEVER;
});

export const eventRowSchema = z
  .object({
    date: requiredDate,
    type: oneOf(EVENT_TYPES),
    title: requiredText,
    detail: optionalText,
    bloc,
    source: sourceList,
    confidence: oneOf(CONFIDENCE_LEVELS),
    title_zh: optionalText,
  })
  .transform(
    (r): PolicyEvent => ({
      date: r.date,
      type: r.type,
      title: r.title,
      detail: r.detail,
      bloc: r.bloc,
      sources: r.source,
      confidence: r.confidence,
      titleZh: r.title_zh ? r.title_zh : null,
    }),
  );

/**
 * Parses the text of an events CSV; throws a DataFileError listing every problem as
 * `data/events.csv row 7 (2023-10-17 rule), field confidence: "sure" is not one of high, medium, low`.
 * Rows must be in date order (ties allowed) so the timeline reads top to bottom.
 */
export function parseEventsCsv(text: string, file = "data/events.csv"): PolicyEvent[] {
  const rows = parseTable(text, file, EVENT_COLUMNS, eventRowSchema, (r) =>
    r.date?.trim() ? `${r.date.trim()} ${r.type?.trim() ?? ""}`.trim() : null,
  );
  const problems: string[] = [];
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1]!;
    const cur = rows[i]!;
    if (cur.value.date < prev.value.date)
      problems.push(
        `${file} row ${cur.line} (${cur.value.date} ${cur.value.type}), field date: ${cur.value.date} comes before row ${prev.line}'s ${prev.value.date} (keep rows in date order)`,
      );
  }
  if (problems.length) throw new DataFileError(file, problems);
  return rows.map((r) => r.value);
}

/** Events with from ≤ date ≤ to (inclusive, YYYY-MM-DD strings compare in date order). */
export function eventsBetween(events: readonly PolicyEvent[], from: string, to: string): PolicyEvent[] {
  return events.filter((e) => e.date >= from && e.date <= to);
}
