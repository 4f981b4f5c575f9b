import { readFileSync } from "node:fs";
import type { Accessibility, ArenaRow, Bloc, ModelRecord } from "../engine/gap/types.js";
import { dayNumber } from "../engine/gap/dates.js";
import { formatProvenance, type Provenance, parseProvenance } from "../engine/provenance.js";
import { parseCsv, toCsv } from "./csv.js";
import { dataPath } from "./paths.js";

/** Column order of data/models.csv. */
export const MODEL_COLUMNS = [
  "id",
  "name",
  "organization",
  "bloc",
  "countries",
  "release_date",
  "accessibility",
  "training_compute_flop",
  "compute_method",
  "compute_confidence",
  "hardware",
  "hardware_quantity",
  "eci",
  "gpqa_diamond",
  "arena_elo",
  "variants",
  "source",
  "provenance",
  "restriction",
  "bloc_basis",
] as const;

/** Columns added in data v2: files written before them (older exports, test fixtures) still parse without them. */
const OPTIONAL_MODEL_COLUMNS: readonly string[] = ["provenance", "restriction", "bloc_basis"];

export const ARENA_COLUMNS = ["lab", "bloc", "series", "date", "model", "rating", "source"] as const;

const BLOCS: readonly Bloc[] = ["US", "CN", "joint", "other"];
const ACCESS: readonly Accessibility[] = ["open-weights", "api", "unreleased"];

/** A problem with one row of a data file: file, line, field and value, ready to print. */
export interface RowError {
  file: string;
  line: number;
  field: string;
  message: string;
}

export function formatRowError(e: RowError): string {
  return `${e.file}:${e.line}: ${e.field}: ${e.message}`;
}

function numberField(
  rec: Record<string, string>,
  field: string,
  errs: (f: string, m: string) => void,
  check?: (n: number) => string | null,
): number | null {
  const raw = (rec[field] ?? "").trim();
  if (raw === "") return null;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    errs(field, `invalid ${field}: ${JSON.stringify(raw)} (must be a number)`);
    return null;
  }
  const why = check?.(n);
  if (why) {
    errs(field, `invalid ${field}: ${raw} (${why})`);
    return null;
  }
  return n;
}

/** Parses data/models.csv text; every bad row is reported, none thrown. */
export function parseModelsCsv(
  text: string,
  file = "models.csv",
): { models: ModelRecord[]; errors: RowError[] } {
  const errors: RowError[] = [];
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text);
  } catch (err) {
    return { models: [], errors: [{ file, line: 1, field: "(file)", message: (err as Error).message }] };
  }
  const missing = MODEL_COLUMNS.filter(
    (c) => !table.header.includes(c) && !OPTIONAL_MODEL_COLUMNS.includes(c),
  );
  if (missing.length)
    return {
      models: [],
      errors: [{ file, line: 1, field: missing.join(","), message: "missing column(s)" }],
    };
  const models: ModelRecord[] = [];
  const ids = new Set<string>();
  for (const { line, record: r } of table.rows) {
    let ok = true;
    const err = (field: string, message: string) => {
      ok = false;
      errors.push({ file, line, field, message });
    };
    const id = r.id!.trim();
    if (!id) err("id", "id is empty");
    else if (ids.has(id)) err("id", `duplicate id: ${id}`);
    ids.add(id);
    if (!r.name!.trim()) err("name", "name is empty");
    const bloc = r.bloc as Bloc;
    if (!BLOCS.includes(bloc))
      err("bloc", `invalid bloc: ${JSON.stringify(r.bloc)} (must be ${BLOCS.join(", ")})`);
    if (Number.isNaN(dayNumber(r.release_date!)))
      err("release_date", `invalid release_date: ${JSON.stringify(r.release_date)} (must be YYYY-MM-DD)`);
    const acc = r.accessibility!.trim();
    if (acc && !ACCESS.includes(acc as Accessibility))
      err(
        "accessibility",
        `invalid accessibility: ${JSON.stringify(acc)} (must be ${ACCESS.join(", ")} or empty)`,
      );
    const positive = (n: number) => (n > 0 ? null : "must be > 0");
    const compute = numberField(r, "training_compute_flop", err, positive);
    const qty = numberField(r, "hardware_quantity", err, positive);
    const eci = numberField(r, "eci", err);
    const gpqa = numberField(r, "gpqa_diamond", err, (n) => (n >= 0 && n <= 1 ? null : "must be 0..1"));
    const arena = numberField(r, "arena_elo", err);
    if (!r.source!.trim()) err("source", "source is empty");
    let provenance: Provenance | undefined;
    const provText = (r.provenance ?? "").trim();
    if (provText) {
      const p = parseProvenance(provText, MODEL_COLUMNS);
      if (p.ok) provenance = p.value;
      else err("provenance", `invalid provenance: ${JSON.stringify(provText)} (${p.message})`);
    } else if ("provenance" in r) err("provenance", "provenance is empty (must be a grade, e.g. dataset)");
    if (!ok) continue;
    models.push({
      id,
      name: r.name!.trim(),
      organization: r.organization!.trim(),
      bloc,
      countries: r.countries!.trim(),
      releaseDate: r.release_date!,
      accessibility: acc ? (acc as Accessibility) : null,
      trainingComputeFlop: compute,
      computeMethod: r.compute_method!.trim() || null,
      computeConfidence: r.compute_confidence!.trim() || null,
      hardware: r.hardware!.trim() || null,
      hardwareQuantity: qty,
      eci,
      gpqaDiamond: gpqa,
      arenaElo: arena,
      variants: r
        .variants!.split(";")
        .map((v) => v.trim())
        .filter(Boolean),
      source: r.source!.trim(),
      ...(provenance ? { provenance } : {}),
      ...("restriction" in r ? { restriction: r.restriction!.trim() || null } : {}),
      ...("bloc_basis" in r && r.bloc_basis!.trim() ? { blocBasis: r.bloc_basis!.trim() } : {}),
    });
  }
  return { models, errors };
}

/** Serialises model records in data/models.csv's column order. */
export function modelsToCsv(models: readonly ModelRecord[]): string {
  return toCsv(
    MODEL_COLUMNS,
    models.map((m) => ({
      id: m.id,
      name: m.name,
      organization: m.organization,
      bloc: m.bloc,
      countries: m.countries,
      release_date: m.releaseDate,
      accessibility: m.accessibility ?? "",
      training_compute_flop: m.trainingComputeFlop ?? "",
      compute_method: m.computeMethod ?? "",
      compute_confidence: m.computeConfidence ?? "",
      hardware: m.hardware ?? "",
      hardware_quantity: m.hardwareQuantity ?? "",
      eci: m.eci ?? "",
      gpqa_diamond: m.gpqaDiamond ?? "",
      arena_elo: m.arenaElo ?? "",
      variants: m.variants.join(";"),
      source: m.source,
      provenance: m.provenance ? formatProvenance(m.provenance) : "dataset",
      restriction: m.restriction ?? "",
      bloc_basis: m.blocBasis ?? "countries",
    })),
  );
}

/** Parses data/arena-elo.csv text. */
export function parseArenaCsv(
  text: string,
  file = "arena-elo.csv",
): { rows: ArenaRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text);
  } catch (err) {
    return { rows: [], errors: [{ file, line: 1, field: "(file)", message: (err as Error).message }] };
  }
  const missing = ARENA_COLUMNS.filter((c) => !table.header.includes(c));
  if (missing.length)
    return { rows: [], errors: [{ file, line: 1, field: missing.join(","), message: "missing column(s)" }] };
  const rows: ArenaRow[] = [];
  for (const { line, record: r } of table.rows) {
    let ok = true;
    const err = (field: string, message: string) => {
      ok = false;
      errors.push({ file, line, field, message });
    };
    if (!BLOCS.includes(r.bloc as Bloc)) err("bloc", `invalid bloc: ${JSON.stringify(r.bloc)}`);
    if (r.series !== "highest" && r.series !== "latest")
      err("series", `invalid series: ${JSON.stringify(r.series)} (must be highest or latest)`);
    if (Number.isNaN(dayNumber(r.date!)))
      err("date", `invalid date: ${JSON.stringify(r.date)} (must be YYYY-MM-DD)`);
    const rating = numberField(r, "rating", err);
    if (rating === null && ok) err("rating", "rating is empty");
    if (!ok) continue;
    rows.push({
      lab: r.lab!,
      bloc: r.bloc as Bloc,
      series: r.series as "highest" | "latest",
      date: r.date!,
      model: r.model!,
      rating: rating!,
    });
  }
  return { rows, errors };
}

/** Where every Arena snapshot comes from: the LMArena per-lab history as mirrored (values unchanged). */
export const ARENA_SOURCE =
  "LMArena (lmarena.ai) text leaderboard, per-lab history from mayerwin/AI-Arena-History data.js @ 7cf31a2";

export function arenaToCsv(rows: readonly ArenaRow[]): string {
  return toCsv(
    ARENA_COLUMNS,
    rows.map((r) => ({ ...r, source: `${ARENA_SOURCE}, CHART_DATA_${r.series.toUpperCase()} / ${r.lab}` })),
  );
}

/** Thrown by the Node loaders when a bundled file has bad rows; the message lists them. */
export class DataFileError extends Error {
  override name = "DataFileError";
  constructor(readonly errors: RowError[]) {
    super(
      `${errors.length} bad row(s):\n${errors.slice(0, 20).map(formatRowError).join("\n")}${errors.length > 20 ? "\n…" : ""}`,
    );
  }
}

/** Reads and validates data/models.csv (or `path`). */
export function loadModels(path = dataPath("models.csv")): ModelRecord[] {
  const { models, errors } = parseModelsCsv(readFileSync(path, "utf8"), path);
  if (errors.length) throw new DataFileError(errors);
  return models;
}

/** Reads and validates data/arena-elo.csv (or `path`). */
export function loadArena(path = dataPath("arena-elo.csv")): ArenaRow[] {
  const { rows, errors } = parseArenaCsv(readFileSync(path, "utf8"), path);
  if (errors.length) throw new DataFileError(errors);
  return rows;
}
