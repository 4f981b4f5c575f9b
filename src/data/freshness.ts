/**
 * How old each bundled data file is (pure; the Node side lists and reads the files). For every file: its newest
 * dated row (the latest date ≤ today found in its date columns or date fields), its source's date (from
 * data/sources.csv, else the file's own `asOf`), and its age today = today − source date (or − newest row when no
 * source date is recorded). A file is stale when its age exceeds the manifest's `stale_after_days` (default 365).
 */
import { dayNumber, isoDay } from "../engine/gap/dates.js";
import { parseCsv } from "./csv.js";
import { DataFileError, optionalDate, parseTable, requiredText } from "./table.js";
import { z } from "zod";

export const DEFAULT_STALE_AFTER_DAYS = 365;

export const SOURCES_COLUMNS = ["file", "source", "source_date", "stale_after_days", "note"] as const;

export interface SourceEntry {
  /** A file path under the package (`data/models.csv`) or a pattern with one `*` (`data/rules/*.json`). */
  file: string;
  source: string;
  sourceDate: string | null;
  /** Age in days past which the file is reported stale; null = never (definitions, not observations). */
  staleAfterDays: number | null;
  note: string;
}

const staleDays = z.string().transform((s, ctx): number | null => {
  const t = s.trim();
  if (t === "") return DEFAULT_STALE_AFTER_DAYS;
  if (t === "never") return null;
  if (!/^\d+$/.test(t) || Number(t) < 1) {
    ctx.addIssue({
      code: "custom",
      message: `${JSON.stringify(t)} is not a whole number of days ≥ 1 (or never)`,
    });
    return z.NEVER;
  }
  return Number(t);
});

const sourceRow = z
  .object({
    file: requiredText,
    source: requiredText,
    source_date: optionalDate,
    stale_after_days: staleDays,
    note: z.string().transform((s) => s.trim()),
  })
  .transform(
    (r): SourceEntry => ({
      file: r.file,
      source: r.source,
      sourceDate: r.source_date,
      staleAfterDays: r.stale_after_days,
      note: r.note,
    }),
  );

/** Parses data/sources.csv; throws a DataFileError naming file, row and field. */
export function parseSourcesCsv(text: string, file = "data/sources.csv"): SourceEntry[] {
  return parseTable(text, file, SOURCES_COLUMNS, sourceRow, (r) =>
    r.file?.trim() ? r.file.trim() : null,
  ).map((r) => r.value);
}

/** The manifest entry for a path: an exact match first, else the first pattern that matches. */
export function sourceFor(entries: readonly SourceEntry[], path: string): SourceEntry | null {
  const exact = entries.find((e) => e.file === path);
  if (exact) return exact;
  for (const e of entries) {
    const star = e.file.indexOf("*");
    if (star < 0) continue;
    const pre = e.file.slice(0, star);
    const post = e.file.slice(star + 1);
    const mid = path.slice(pre.length, path.length - post.length);
    if (
      path.length >= pre.length + post.length &&
      path.startsWith(pre) &&
      path.endsWith(post) &&
      !mid.includes("/")
    )
      return e;
  }
  return null;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const QUARTER = /^(\d{4})Q([1-4])$/;

/** CSV columns read as dates, in this order of preference (the first present wins). */
export const DATE_COLUMNS = ["date", "release_date", "effective", "quarter"] as const;
/** JSON / YAML keys read as dates. */
const DATE_KEYS = new Set(["date", "asOf", "published", "effective", "validFrom", "from", "release_date"]);

function quarterEnd(q: string): string | null {
  const m = QUARTER.exec(q);
  if (!m) return null;
  const [y, n] = [Number(m[1]), Number(m[2])];
  return `${y}-${["03-31", "06-30", "09-30", "12-31"][n - 1]}`;
}

/** Newest date ≤ today in a text, by the file's kind; null when it has no dated rows. */
export function newestDate(path: string, text: string, today: string): { date: string | null; from: string } {
  const cap = (d: string | null | undefined) =>
    d && ISO.test(d) && d <= today && !Number.isNaN(dayNumber(d)) ? d : null;
  let best: string | null = null;
  const take = (d: string | null) => {
    if (d && (best === null || d > best)) best = d;
  };
  if (path.endsWith(".csv")) {
    const t = parseCsv(text);
    const col = DATE_COLUMNS.find((c) => t.header.includes(c));
    if (!col) return { date: null, from: "no date column" };
    for (const { record } of t.rows) {
      const raw = (record[col] ?? "").trim();
      take(cap(col === "quarter" ? quarterEnd(raw) : raw));
    }
    return { date: best, from: `column ${col}` };
  }
  if (path.endsWith(".json")) {
    const walk = (v: unknown, key: string | null) => {
      if (typeof v === "string") {
        if (key !== null && DATE_KEYS.has(key)) take(cap(v));
      } else if (Array.isArray(v)) for (const x of v) walk(x, key);
      else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(JSON.parse(text), null);
    return { date: best, from: `fields ${[...DATE_KEYS].join(", ")}` };
  }
  // YAML and anything else: every `key: YYYY-MM-DD` line whose key is a date key.
  for (const m of text.matchAll(/^\s*-?\s*([A-Za-z_]+):\s*["']?(\d{4}-\d{2}-\d{2})["']?\s*(#.*)?$/gm))
    if (DATE_KEYS.has(m[1]!)) take(cap(m[2]!));
  return { date: best, from: `keys ${[...DATE_KEYS].join(", ")}` };
}

/** The file's own `asOf` (JSON), if any. */
function ownAsOf(path: string, text: string): string | null {
  if (!path.endsWith(".json")) return null;
  try {
    const v = JSON.parse(text) as { asOf?: unknown };
    return typeof v.asOf === "string" && ISO.test(v.asOf) ? v.asOf : null;
  } catch {
    return null;
  }
}

export interface FileFreshness {
  file: string;
  /** Newest date ≤ today in the file's date columns / fields; null when it has none. */
  newestRow: string | null;
  /** Which columns or keys were read. */
  dateFrom: string;
  source: string | null;
  /** The source's date: the manifest's, else the file's own asOf; null when neither is recorded. */
  sourceDate: string | null;
  /** "manifest", "asOf", "newest row" or "none": where `asOf` comes from. */
  basis: "manifest" | "asOf" | "newest row" | "none";
  /** The date the age is counted from. */
  asOf: string | null;
  /** today − asOf in days; null when nothing is dated. */
  ageDays: number | null;
  /** null = never stale (definitions rather than observations). */
  staleAfterDays: number | null;
  stale: boolean;
  /** A problem reading the file (bad CSV/JSON); the other fields are then best effort. */
  error?: string;
}

export interface FreshnessReport {
  today: string;
  files: FileFreshness[];
  stale: string[];
}

/** Builds the report for the given files (paths relative to the package, e.g. data/models.csv). */
export function freshnessReport(
  files: readonly { path: string; text: string }[],
  manifest: readonly SourceEntry[],
  today: string,
): FreshnessReport {
  const t = dayNumber(today);
  if (Number.isNaN(t)) throw new Error(`invalid today: ${JSON.stringify(today)} (must be YYYY-MM-DD)`);
  const out: FileFreshness[] = [];
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const entry = sourceFor(manifest, f.path);
    let newest: { date: string | null; from: string } = { date: null, from: "" };
    let error: string | undefined;
    try {
      newest = newestDate(f.path, f.text, today);
    } catch (e) {
      error = (e as Error).message;
    }
    const own = ownAsOf(f.path, f.text);
    const sourceDate = entry?.sourceDate ?? own;
    const basis = entry?.sourceDate ? "manifest" : own ? "asOf" : newest.date ? "newest row" : "none";
    const asOf = sourceDate ?? newest.date;
    const ageDays = asOf ? t - dayNumber(asOf) : null;
    const staleAfterDays = entry ? entry.staleAfterDays : DEFAULT_STALE_AFTER_DAYS;
    out.push({
      file: f.path,
      newestRow: newest.date,
      dateFrom: newest.from,
      source: entry?.source ?? null,
      sourceDate,
      basis,
      asOf,
      ageDays,
      staleAfterDays,
      stale: ageDays !== null && staleAfterDays !== null && ageDays > staleAfterDays,
      ...(error ? { error } : {}),
    });
  }
  return { today: isoDay(t), files: out, stale: out.filter((f) => f.stale).map((f) => f.file) };
}

/** Which bundled files the report covers: data files, not documentation, licences or editor schemas. */
export function isDataFile(path: string): boolean {
  return /\.(csv|json|ya?ml)$/.test(path) && !path.endsWith(".schema.json");
}

export { DataFileError };
