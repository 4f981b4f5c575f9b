/** `chokepoint data freshness`: how old every bundled data file is, and which are past their threshold. */
import type { FreshnessReport } from "../../data/freshness.js";
import { bundledFreshness } from "../../data/freshness-node.js";
import { isoDate, parse, today } from "../args.js";
import { type CliIo, CliFailure, UsageError } from "../command.js";
import { json, table } from "../format.js";

export const FRESHNESS_USAGE = `  chokepoint data freshness [--date YYYY-MM-DD] [--json]
      For every bundled data file: its newest dated row, its source's date (data/sources.csv, else the file's
      asOf) and its age on --date (default today); files past their stale_after_days threshold are flagged.`;

/** The report for the bundled files, or a CliFailure naming the file that could not be read. */
export function loadFreshness(date: string): FreshnessReport {
  try {
    return bundledFreshness(date);
  } catch (err) {
    throw new CliFailure(`cannot build the freshness report: ${(err as Error).message}`);
  }
}

/** One line per stale file, for `data validate` and the freshness command. */
export function staleWarnings(r: FreshnessReport): string[] {
  return r.files
    .filter((f) => f.stale)
    .map(
      (f) =>
        `${f.file} is ${f.ageDays} days old on ${r.today} (${f.basis === "newest row" ? "newest row" : "source"} ${f.asOf}; threshold ${f.staleAfterDays} days)`,
    );
}

export async function freshness(argv: string[], io: CliIo): Promise<number> {
  const { values: v, positionals } = parse(argv, { json: { type: "boolean" }, date: { type: "string" } });
  if (positionals.length) throw new UsageError(`unexpected argument: ${JSON.stringify(positionals[0])}`);
  const date = isoDate("date", v.date) ?? today();
  const r = loadFreshness(date);
  if (v.json) {
    io.stdout(json(r));
    return 0;
  }
  const oldest = r.files.filter((f) => f.ageDays !== null).sort((a, b) => b.ageDays! - a.ageDays!)[0];
  io.stdout(
    `${r.files.length} bundled data files on ${r.today}: ${r.stale.length} past their threshold` +
      (oldest ? `; oldest ${oldest.file} at ${oldest.ageDays} days` : "") +
      ".\n\n",
  );
  io.stdout(
    table(
      ["file", "newest row", "source date", "age (days)", "threshold", "status"],
      r.files.map((f) => [
        f.file,
        f.newestRow ?? "—",
        f.sourceDate ?? (f.basis === "newest row" ? "(not recorded)" : "—"),
        f.ageDays,
        f.staleAfterDays === null ? "never" : f.staleAfterDays,
        f.error ? `unreadable: ${f.error}` : f.stale ? "STALE" : f.ageDays === null ? "undated" : "ok",
      ]),
    ),
  );
  io.stdout(
    "\nAge = days from the source's date (data/sources.csv, else the file's asOf, else its newest row) to the date.\n",
  );
  for (const w of staleWarnings(r)) io.stdout(`warning: ${w}\n`);
  return 0;
}
