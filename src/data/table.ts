/**
 * Shared validation for the curated CSV files: parse the text, check the header, run every row through a zod
 * schema keyed by CSV column, and collect every problem into one error that names file, row and field.
 * Pure (no Node imports) so the browser bundle can validate the same files.
 */
import { z } from "zod";
import { CsvError, parseCsv } from "./csv.js";

/** One or more problems in a curated data file; `problems` holds one line each. */
export class DataFileError extends Error {
  override name = "DataFileError";
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      problems.length === 1
        ? problems[0]!
        : `${file}: ${problems.length} problems\n  ${problems.slice(0, 50).join("\n  ")}${
            problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ""
          }`,
    );
  }
}

// ---- field parsers (raw CSV text in, typed value out) -------------------------------------------------------

const quote = (s: string) => JSON.stringify(s);

/** Required non-empty text, trimmed. */
export const requiredText = z.string().transform((s, ctx) => {
  const t = s.trim();
  if (t === "") {
    ctx.addIssue({ code: "custom", message: "is required but empty" });
    return z.NEVER;
  }
  return t;
});

/** Optional text: trimmed, empty allowed. */
export const optionalText = z.string().transform((s) => s.trim());

/** Empty → null; otherwise a finite decimal number ≥ 0. */
export const optionalNonNegative = z.string().transform((s, ctx): number | null => {
  const t = s.trim();
  if (t === "") return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    ctx.addIssue({ code: "custom", message: `${quote(t)} is not a number` });
    return z.NEVER;
  }
  const n = Number(t);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: "custom", message: `${quote(t)} is not a finite number` });
    return z.NEVER;
  }
  if (n < 0) {
    ctx.addIssue({ code: "custom", message: `${t} is negative (must be ≥ 0)` });
    return z.NEVER;
  }
  return n;
});

/** Empty → null; otherwise exactly `true` or `false`. */
export const optionalBoolean = z.string().transform((s, ctx): boolean | null => {
  const t = s.trim();
  if (t === "") return null;
  if (t === "true") return true;
  if (t === "false") return false;
  ctx.addIssue({ code: "custom", message: `${quote(t)} is not a boolean (use true, false or leave empty)` });
  return z.NEVER;
});

/** True when `s` is a real calendar date written YYYY-MM-DD. */
export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

function dateField(required: boolean) {
  return z.string().transform((s, ctx): string | null => {
    const t = s.trim();
    if (t === "") {
      if (!required) return null;
      ctx.addIssue({ code: "custom", message: "is required but empty" });
      return z.NEVER;
    }
    if (!isValidIsoDate(t)) {
      ctx.addIssue({ code: "custom", message: `${quote(t)} is not a valid date (YYYY-MM-DD)` });
      return z.NEVER;
    }
    return t;
  });
}
export const optionalDate = dateField(false);
export const requiredDate = dateField(true).transform((s) => s as string);

/** One of a fixed set of words. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.string().transform((s, ctx): T[number] => {
    const t = s.trim();
    if ((values as readonly string[]).includes(t)) return t as T[number];
    ctx.addIssue({
      code: "custom",
      message: `${quote(t)} is not one of ${values.join(", ")}`,
    });
    return z.NEVER;
  });
}

/** Sources separated by " | "; at least one, none empty. */
export const sourceList = z.string().transform((s, ctx): string[] => {
  const parts = s.split("|").map((p) => p.trim());
  if (s.trim() === "") {
    ctx.addIssue({ code: "custom", message: "is required but empty (name at least one source)" });
    return z.NEVER;
  }
  if (parts.some((p) => p === "")) {
    ctx.addIssue({ code: "custom", message: `${quote(s)} has an empty entry between " | " separators` });
    return z.NEVER;
  }
  return parts;
});

// ---- table parsing ------------------------------------------------------------------------------------------

export interface ParsedRow<T> {
  /** 1-based line of the file where the row starts (the header is line 1). */
  line: number;
  value: T;
}

/**
 * Parses `text` as a CSV whose header must hold exactly `columns`, validating each row with `rowSchema`
 * (an object schema keyed by column name). Throws one DataFileError listing every problem.
 * `label(record)` names the row in messages, e.g. `id nvidia-h20`.
 */
export function parseTable<S extends z.ZodType>(
  text: string,
  file: string,
  columns: readonly string[],
  rowSchema: S,
  label: (record: Record<string, string>) => string | null,
): ParsedRow<z.output<S>>[] {
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) throw new DataFileError(file, [`${file} ${e.message}`]);
    throw e;
  }
  const problems: string[] = [];
  const missing = columns.filter((c) => !table.header.includes(c));
  const unknown = table.header.filter((h) => !columns.includes(h));
  const dupes = table.header.filter((h, i) => table.header.indexOf(h) !== i);
  if (missing.length) problems.push(`${file} header: missing column(s) ${missing.join(", ")}`);
  if (unknown.length) problems.push(`${file} header: unknown column(s) ${unknown.join(", ")}`);
  if (dupes.length) problems.push(`${file} header: duplicate column(s) ${dupes.join(", ")}`);
  if (problems.length) throw new DataFileError(file, problems);

  const out: ParsedRow<z.output<S>>[] = [];
  for (const { line, record } of table.rows) {
    const result = rowSchema.safeParse(record);
    if (result.success) {
      out.push({ line, value: result.data });
      continue;
    }
    const name = label(record);
    const where = `${file} row ${line}${name ? ` (${name})` : ""}`;
    for (const issue of result.error.issues) {
      const field = issue.path.length ? String(issue.path[0]) : "?";
      problems.push(`${where}, field ${field}: ${issue.message}`);
    }
  }
  if (problems.length) throw new DataFileError(file, problems);
  return out;
}
