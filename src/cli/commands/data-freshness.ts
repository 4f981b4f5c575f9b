/** `chokepoint data freshness`: how old every bundled data file is, and which are past their threshold. */
import type { FreshnessReport } from "../../data/freshness.js";
import { bundledFreshness } from "../../data/freshness-node.js";
import { isoDate, parse, today } from "../args.js";
import { type CliIo, CliFailure, UsageError } from "../command.js";
import { json, table } from "../format.js";
import { langFlag, type Tr, translator } from "../lang.js";

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
export function staleWarnings(r: FreshnessReport, tr: Tr = translator("en")): string[] {
  return r.files
    .filter((f) => f.stale)
    .map((f) =>
      tr("{file} is {days} days old on {date} ({basis} {asOf}; threshold {threshold} days)", {
        file: f.file,
        days: f.ageDays ?? "—",
        date: r.today,
        basis: f.basis === "newest row" ? tr("newest row") : tr("source"),
        asOf: f.asOf ?? "—",
        threshold: f.staleAfterDays ?? "—",
      }),
    );
}

export async function freshness(argv: string[], io: CliIo): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    json: { type: "boolean" },
    date: { type: "string" },
    lang: { type: "string" },
  });
  const tr = translator(langFlag(v.lang));
  if (positionals.length) throw new UsageError(`unexpected argument: ${JSON.stringify(positionals[0])}`);
  const date = isoDate("date", v.date) ?? today();
  const r = loadFreshness(date);
  if (v.json) {
    io.stdout(json(r));
    return 0;
  }
  const oldest = r.files.filter((f) => f.ageDays !== null).sort((a, b) => b.ageDays! - a.ageDays!)[0];
  const head = { n: r.files.length, date: r.today, k: r.stale.length };
  io.stdout(
    `${
      oldest
        ? tr("{n} bundled data files on {date}: {k} past their threshold; oldest {file} at {days} days.", {
            ...head,
            file: oldest.file,
            days: oldest.ageDays!,
          })
        : tr("{n} bundled data files on {date}: {k} past their threshold.", head)
    }\n\n`,
  );
  io.stdout(
    table(
      [tr("file"), tr("newest row"), tr("source date"), tr("age (days)"), tr("threshold"), tr("status")],
      r.files.map((f) => [
        f.file,
        f.newestRow ?? "—",
        f.sourceDate ?? (f.basis === "newest row" ? tr("(not recorded)") : "—"),
        f.ageDays,
        f.staleAfterDays === null ? tr("never") : f.staleAfterDays,
        f.error
          ? tr("unreadable: {error}", { error: f.error })
          : f.stale
            ? tr("STALE")
            : f.ageDays === null
              ? tr("undated")
              : tr("ok"),
      ]),
    ),
  );
  io.stdout(
    `\n${tr("Age = days from the source's date (data/sources.csv, else the file's asOf, else its newest row) to the date.")}\n`,
  );
  for (const w of staleWarnings(r, tr)) io.stdout(`${tr("warning: {text}", { text: w })}\n`);
  return 0;
}
