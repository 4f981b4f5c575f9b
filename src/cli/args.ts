import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./command.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Strict argv parsing; unknown flags and missing values become a UsageError naming the flag. */
export function parse<O extends Options>(argv: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true, allowNegative: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new UsageError(msg.replace(/^TypeError \[[A-Z_]+\]: /, ""));
  }
}

/** A finite number from a flag, or a UsageError `invalid --flag: value (must be …)`. */
export function num(
  flag: string,
  value: string | undefined,
  opts: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  const bad = (why: string) => new UsageError(`invalid --${flag}: ${JSON.stringify(value)} (${why})`, flag);
  if (value.trim() === "" || !Number.isFinite(n)) throw bad("must be a finite number");
  if (opts.integer && !Number.isInteger(n)) throw bad("must be an integer");
  if (opts.min !== undefined && (opts.exclusiveMin ? n <= opts.min : n < opts.min))
    throw bad(`must be ${opts.exclusiveMin ? ">" : "≥"} ${opts.min}`);
  if (opts.max !== undefined && n > opts.max) throw bad(`must be ≤ ${opts.max}`);
  return n;
}

/** A calendar date YYYY-MM-DD that exists (2023-02-30 is refused). */
export function isoDate(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
  if (!m || !d || d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!)
    throw new UsageError(`invalid --${flag}: ${JSON.stringify(value)} (must be a date YYYY-MM-DD)`, flag);
  return value;
}

/** Today's date in UTC as YYYY-MM-DD (the default for --date). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
