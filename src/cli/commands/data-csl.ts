import { readFileSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { CslError, cslLists, MAX_CSL_BYTES, parseCsl } from "../../data/csl.js";
import { indexParties, type PartyIndex } from "../../engine/rules/parties.js";
import { latestCsl, storeCsl } from "../../store/csl.js";
import { openStore, resolveDbPath } from "../../store/index.js";
import { isoDate, parse, today } from "../args.js";
import { type CliIo, CliFailure, UsageError } from "../command.js";
import { json } from "../format.js";
import { langFlag, translator } from "../lang.js";

/**
 * `chokepoint data import-csl FILE`: reads a Consolidated Screening List the user downloaded from trade.gov (CSV or
 * JSON as published), checks every row, and stores it as a screening-list version in the project store — all or
 * nothing. `classify --buyer` and `screen` then check names against the newest imported version too.
 */
export const IMPORT_CSL_USAGE = `  chokepoint data import-csl <file.csv|file.json> [--as-of YYYY-MM-DD] [--db FILE] [--json]
      store a Consolidated Screening List (trade.gov download; needs the name and source columns) as a
      screening-list version; --as-of is the list's date (default: the file's modification date)`;

export async function importCsl(argv: string[], io: CliIo): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    db: { type: "string" },
    "as-of": { type: "string" },
    json: { type: "boolean" },
    lang: { type: "string" },
  });
  const tr = translator(langFlag(v.lang));
  if (positionals.length !== 1)
    throw new UsageError(
      "import-csl takes exactly one file: chokepoint data import-csl <file.csv|file.json>",
    );
  const file = positionals[0]!;
  const path = resolve(io.cwd, file);
  let size: number;
  let mtime: string;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new UsageError(`invalid file: ${file} is not a file`, "file");
    size = st.size;
    mtime = st.mtime.toISOString().slice(0, 10);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(
      `invalid file: cannot read ${file} (${(err as NodeJS.ErrnoException).code})`,
      "file",
    );
  }
  if (size > MAX_CSL_BYTES)
    throw new UsageError(
      `invalid file: ${file} is ${(size / 1024 / 1024).toFixed(0)} MB (at most ${MAX_CSL_BYTES / 1024 / 1024} MB; the published list is about 20–30 MB); nothing stored`,
      "file",
    );
  const asOf = isoDate("as-of", v["as-of"]) ?? mtime;
  let entries: ReturnType<typeof parseCsl>;
  try {
    entries = parseCsl(
      readFileSync(path, "utf8"),
      file.toLowerCase().endsWith(".json") ? "json" : "csv",
      basename(file),
    );
  } catch (err) {
    if (err instanceof CslError) throw new UsageError(`${err.message}; nothing stored`, err.where);
    throw err;
  }
  if (entries.length === 0)
    throw new UsageError(`invalid file: ${file} holds no entries; nothing stored`, "file");
  const store = openStore(resolveDbPath(v.db, io.env, io.cwd));
  let r: { version: number; existed: boolean };
  try {
    r = storeCsl(store, { label: `import-csl ${basename(file)}`, file: basename(file), asOf, entries });
  } finally {
    store.close();
  }
  const lists = cslLists(entries, { version: r.version, asOf, file: basename(file) });
  const summary = {
    version: r.version,
    existed: r.existed,
    file: basename(file),
    asOf,
    entries: entries.length,
    entityListEntries: lists[0]!.entries.length,
  };
  if (v.json) io.stdout(json(summary));
  else
    io.stdout(
      `${tr(
        r.existed
          ? "Already stored as screening-list version {v}: {n} entries from {file} (as of {asOf}; {el} on the Entity List). `chokepoint screen` and `classify --buyer` now check it too."
          : "Stored as screening-list version {v}: {n} entries from {file} (as of {asOf}; {el} on the Entity List). `chokepoint screen` and `classify --buyer` now check it too.",
        {
          v: r.version,
          n: entries.length.toLocaleString("en-US"),
          file: basename(file),
          asOf,
          el: summary.entityListEntries.toLocaleString("en-US"),
        },
      )}\n`,
    );
  return 0;
}

/**
 * Indexes of the newest imported CSL version, for screening; none when nothing was imported. Opening the store
 * only reads: a missing database file means no import yet.
 */
export function cslIndexes(io: CliIo, db?: string, opts: { date?: string } = {}): PartyIndex[] {
  const path = resolveDbPath(db, io.env, io.cwd);
  try {
    statSync(path);
  } catch {
    return [];
  }
  let store: ReturnType<typeof openStore>;
  try {
    store = openStore(path);
  } catch (err) {
    throw new CliFailure(
      `cannot open the store ${path} to read imported screening lists: ${(err as Error).message}`,
    );
  }
  try {
    const latest = latestCsl(store);
    if (!latest) return [];
    void (opts.date ?? today());
    return cslLists(latest.entries, {
      version: latest.meta.version,
      asOf: latest.meta.asOf,
      file: latest.meta.file,
    })
      .filter((l) => l.entries.length > 0)
      .map(indexParties);
  } finally {
    store.close();
  }
}
