import { IMPORT_CSL_USAGE, importCsl } from "./data-csl.js";
import { FRESHNESS_USAGE, freshness, loadFreshness, staleWarnings } from "./data-freshness.js";
import { parseSourcesCsv } from "../../data/freshness.js";
import { parseBlocOverridesCsv, parseModelOverridesCsv } from "../../data/model-policy.js";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadNvidiaOwners, loadWorldOutput } from "../../data/chip-counts.js";
import { loadChips } from "../../data/chips.js";
import { loadEvents } from "../../data/events.js";
import { loadEntityList, loadRuleset } from "../../data/rules.js";
import { builtinScenarioNames, loadScenario } from "../../data/scenarios.js";
import { parseEpochCsv } from "../../data/epoch.js";
import { mergeEpoch } from "../../data/import-epoch.js";
import { formatRowError, parseArenaCsv, parseModelsCsv } from "../../data/models.js";
import { dataPath } from "../../data/paths.js";
import { readInputFile } from "../../data/read-input.js";
import { parseDatasetFlag } from "../../store/datasets.js";
import {
  ensureBundled,
  importOnto,
  listVersions,
  openStore,
  pickVersion,
  resolveDbPath,
} from "../../store/index.js";
import { parse, today } from "../args.js";
import { type CliIo, type Command, UsageError } from "../command.js";
import { fmt, json, table } from "../format.js";
import { LANG_HELP, langFlag, translator } from "../lang.js";

const USAGE = `chokepoint data — curated datasets and stored dataset versions

Usage:
  chokepoint data import-epoch <file.csv> [--dataset V] [--db FILE] [--json]
      Validate a newer Epoch AI export (ECI, notable / large-scale / frontier models, or ML hardware — recognised
      by its header), merge it onto dataset V (default latest) and store the result as a new version. Prints rows
      added, values revised and the ECI gap before → after. A file with any bad row stores nothing.
${IMPORT_CSL_USAGE}
  chokepoint data versions [--db FILE] [--json]
      List stored dataset versions (the bundled data loads as a version on first use).
  chokepoint data validate [--json]
      Check every curated file under data/ (models, arena, chips, events, chip counts, rules,
      country groups, scenarios); warn about files past their freshness threshold (exit status unchanged).
${FRESHNESS_USAGE}

Every sub-command takes [--lang en|zh-CN]:
${LANG_HELP}

--db FILE defaults to $CHOKEPOINT_DB, else ~/.chokepoint/chokepoint.db.`;

function withStore<T>(db: string | undefined, io: CliIo, fn: (store: ReturnType<typeof openStore>) => T): T {
  const store = openStore(resolveDbPath(db, io.env, io.cwd));
  try {
    ensureBundled(store);
    return fn(store);
  } finally {
    store.close();
  }
}

async function importEpoch(argv: string[], io: CliIo): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    db: { type: "string" },
    dataset: { type: "string" },
    json: { type: "boolean" },
    lang: { type: "string" },
  });
  const tr = translator(langFlag(v.lang));
  if (positionals.length !== 1)
    throw new UsageError("import-epoch takes exactly one file: chokepoint data import-epoch <file.csv>");
  const file = positionals[0]!;
  const text = readInputFile(resolve(io.cwd, file), "file");
  const parsed = parseEpochCsv(text, file);
  if (parsed.errors.length) {
    if (v.json) {
      io.stdout(
        json({
          error: {
            code: "bad_input",
            message: `${parsed.errors.length} bad row(s) in ${file}; nothing stored`,
          },
          rows: parsed.errors,
        }),
      );
    } else {
      io.stderr(
        `chokepoint data import-epoch: ${parsed.errors.length} bad row(s) in ${file}; nothing stored\n`,
      );
      for (const e of parsed.errors.slice(0, 50)) io.stderr(`  ${formatRowError(e)}\n`);
      if (parsed.errors.length > 50) io.stderr(`  … and ${parsed.errors.length - 50} more\n`);
    }
    return 2;
  }
  const wanted = parseDatasetFlagUsage(v.dataset);
  const out = withStore(v.db, io, (store) => {
    if (wanted !== undefined) pickVersionUsage(store, wanted);
    // Base chosen and read inside the write transaction, so a concurrent import never leaves this one stale.
    const stored = importOnto(store, wanted, (baseSet) => {
      const merge =
        parsed.kind === "hardware"
          ? { models: baseSet.models, added: [], revised: [], gap: { date: null, before: null, after: null } }
          : mergeEpoch(baseSet.models, parsed);
      return {
        result: merge,
        input: {
          kind: "import" as const,
          label: `import-epoch ${file} (${parsed.kind})`,
          models: merge.models,
          arena: baseSet.arena,
          hardware: parsed.hardware,
          summary: { file, kind: parsed.kind, added: merge.added.length, revised: merge.revised.length },
        },
      };
    });
    return { base: stored.base, merge: stored.result, stored };
  });
  const { merge, stored, base } = out;
  const report = {
    file,
    kind: parsed.kind,
    baseVersion: base,
    version: stored.version,
    alreadyStored: stored.existed,
    rowsRead: parsed.kind === "hardware" ? parsed.hardware.length : parsed.models.length,
    rowsSkipped: parsed.skipped.length,
    added: merge.added.map((m) => ({ id: m.id, name: m.name, bloc: m.bloc, releaseDate: m.releaseDate })),
    revised: merge.revised,
    eciGap: merge.gap,
  };
  if (v.json) {
    io.stdout(json(report));
    return 0;
  }
  io.stdout(
    `${tr("{file}: Epoch {kind} export, {read} rows read, {skipped} skipped (no name or date)", {
      file,
      kind: parsed.kind,
      read: report.rowsRead,
      skipped: report.rowsSkipped,
    })}\n${
      stored.existed
        ? tr("Nothing new: identical to stored version {v}", { v: stored.version })
        : tr("Stored as dataset version {v} (on top of version {base})", {
            v: stored.version,
            base: base ?? "—",
          })
    }\n${tr("Rows added: {added}   values revised: {revised}", {
      added: merge.added.length,
      revised: merge.revised.length,
    })}\n`,
  );
  if (merge.added.length)
    io.stdout(
      `\n${table(
        [tr("added"), tr("bloc"), tr("released")],
        merge.added.slice(0, 20).map((m) => [m.name, m.bloc, m.releaseDate]),
      )}`,
    );
  if (merge.added.length > 20) io.stdout(`${tr("… and {n} more added", { n: merge.added.length - 20 })}\n`);
  if (merge.revised.length)
    io.stdout(
      `\n${table(
        [tr("model"), tr("field"), tr("before"), tr("after")],
        merge.revised.slice(0, 20).map((r) => [r.id, r.field, String(r.before ?? "—"), String(r.after)]),
      )}`,
    );
  if (merge.revised.length > 20)
    io.stdout(`${tr("… and {n} more revised", { n: merge.revised.length - 20 })}\n`);
  if (parsed.kind !== "hardware")
    io.stdout(
      `\n${tr("ECI gap on {date}: {before} → {after} months", {
        date: merge.gap.date ?? "—",
        before: fmt(merge.gap.before, 1),
        after: fmt(merge.gap.after, 1),
      })}\n`,
    );
  return 0;
}

function parseDatasetFlagUsage(value: string | undefined): number | undefined {
  try {
    return parseDatasetFlag(value);
  } catch (err) {
    throw new UsageError((err as Error).message, "dataset");
  }
}

function pickVersionUsage(store: ReturnType<typeof openStore>, v: number | undefined): number {
  try {
    return pickVersion(store, v);
  } catch (err) {
    throw new UsageError((err as Error).message, "dataset");
  }
}

async function versions(argv: string[], io: CliIo): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    db: { type: "string" },
    json: { type: "boolean" },
    lang: { type: "string" },
  });
  const tr = translator(langFlag(v.lang));
  if (positionals.length) throw new UsageError(`unexpected argument: ${JSON.stringify(positionals[0])}`);
  const list = withStore(v.db, io, (store) => listVersions(store));
  if (v.json) {
    io.stdout(json({ versions: list }));
    return 0;
  }
  io.stdout(
    table(
      [tr("version"), tr("kind"), tr("created"), tr("models"), tr("label"), tr("hash")],
      list.map((d) => [
        d.version,
        d.kind,
        d.createdAt.slice(0, 19).replace("T", " "),
        Number(d.summary.models ?? 0),
        d.label,
        d.contentHash.slice(0, 12),
      ]),
    ),
  );
  return 0;
}

interface FileCheck {
  file: string;
  ok: boolean;
  rows: number | null;
  errors: string[];
}

async function validate(argv: string[], io: CliIo): Promise<number> {
  const { values: v, positionals } = parse(argv, { json: { type: "boolean" }, lang: { type: "string" } });
  const tr = translator(langFlag(v.lang));
  if (positionals.length) throw new UsageError(`unexpected argument: ${JSON.stringify(positionals[0])}`);
  const checks: FileCheck[] = [];
  const read = (name: string): string | null => {
    try {
      return readFileSync(dataPath(name), "utf8");
    } catch (err) {
      checks.push({
        file: `data/${name}`,
        ok: false,
        rows: null,
        errors: [`cannot read: ${(err as Error).message}`],
      });
      return null;
    }
  };
  const models = read("models.csv");
  if (models !== null) {
    const r = parseModelsCsv(models, "data/models.csv");
    checks.push({
      file: "data/models.csv",
      ok: r.errors.length === 0,
      rows: r.models.length,
      errors: r.errors.map(formatRowError),
    });
  }
  const arena = read("arena-elo.csv");
  if (arena !== null) {
    const r = parseArenaCsv(arena, "data/arena-elo.csv");
    checks.push({
      file: "data/arena-elo.csv",
      ok: r.errors.length === 0,
      rows: r.rows.length,
      errors: r.errors.map(formatRowError),
    });
  }
  // The other curated files, through their own loaders (each throws naming file, row and field).
  const viaLoader = (file: string, load: () => number) => {
    try {
      checks.push({ file, ok: true, rows: load(), errors: [] });
    } catch (err) {
      checks.push({ file, ok: false, rows: null, errors: [(err as Error).message] });
    }
  };
  viaLoader("data/chips.csv", () => loadChips().length);
  viaLoader("data/events.csv", () => loadEvents().length);
  // The curation policy files and the freshness manifest (read by the curation script and data freshness).
  viaLoader(
    "data/bloc-overrides.csv",
    () => parseBlocOverridesCsv(readFileSync(dataPath("bloc-overrides.csv"), "utf8")).length,
  );
  viaLoader(
    "data/model-overrides.csv",
    () => parseModelOverridesCsv(readFileSync(dataPath("model-overrides.csv"), "utf8")).length,
  );
  viaLoader("data/sources.csv", () => parseSourcesCsv(readFileSync(dataPath("sources.csv"), "utf8")).length);
  viaLoader("data/chip-counts/world-output.csv", () => loadWorldOutput().length);
  viaLoader("data/chip-counts/nvidia-owners.csv", () => loadNvidiaOwners().length);
  viaLoader(
    "data/rules/ + data/country-groups.json",
    () => loadRuleset({ rulesDir: dataPath("rules") }).rules.length,
  );
  // The other rule-engine layers, each checked on its own so a bad file is named.
  viaLoader("data/sanctions.json", () => loadRuleset().sanctions?.file.programmes.length ?? 0);
  viaLoader("data/items.json", () => {
    const items = loadRuleset().items;
    return (
      (items?.computers.length ?? 0) +
      (items?.zParagraphs.length ?? 0) +
      (items?.softwareTechnology.length ?? 0)
    );
  });
  viaLoader("data/entity-list.csv", () => loadEntityList().entries.length);
  let names: string[] = [];
  viaLoader("data/scenarios/", () => (names = builtinScenarioNames()).length);
  for (const name of names) {
    const r = loadScenario(name);
    checks.push({
      file: `data/scenarios/${name}.yaml`,
      ok: r.ok,
      rows: null,
      errors: r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`),
    });
  }
  const ok = checks.every((c) => c.ok);
  // Staleness warns, never fails: an old file is still a valid file.
  const report = loadFreshness(today());
  if (v.json) io.stdout(json({ ok, files: checks, warnings: staleWarnings(report) }));
  else {
    const bad = checks.filter((c) => !c.ok).length;
    io.stdout(
      `${
        bad
          ? tr("{bad} of {n} curated files are invalid:", { bad, n: checks.length })
          : tr("All {n} curated files are valid.", { n: checks.length })
      }\n`,
    );
    io.stdout(
      table(
        [tr("file"), tr("status"), tr("rows")],
        checks.map((c) => [c.file, c.ok ? tr("ok") : tr("INVALID"), c.rows]),
      ),
    );
    for (const c of checks) for (const e of c.errors.slice(0, 30)) io.stdout(`  ${e}\n`);
    for (const w of staleWarnings(report, tr))
      io.stdout(`${tr("warning: {text} — see chokepoint data freshness", { text: w })}\n`);
  }
  return ok ? 0 : 1;
}

export const dataCommand: Command = {
  name: "data",
  summary: "Validate curated data, import a newer Epoch CSV as a dataset version, list versions",
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case "import-epoch":
        return importEpoch(rest, io);
      case "import-csl":
        return importCsl(rest, io);
      case "versions":
        return versions(rest, io);
      case "validate":
        return validate(rest, io);
      case "freshness":
        return freshness(rest, io);
      case undefined:
        throw new UsageError("missing subcommand: import-epoch, import-csl, versions, validate or freshness");
      default:
        throw new UsageError(
          `unknown subcommand: ${JSON.stringify(sub)} (must be import-epoch, import-csl, versions, validate or freshness)`,
        );
    }
  },
};
