import { resolve } from "node:path";
import { classificationCaveats } from "../../engine/chips/caveats.js";
import { loadChips } from "../../data/chips.js";
import { findChip } from "../../data/chips-parse.js";
import { parseCsv } from "../../data/csv.js";
import { readInputFile } from "../../data/read-input.js";
import { loadRuleset } from "../../data/rules.js";
import {
  batchFigureColumns,
  batchHasFigures,
  checkBatchNames,
  type ChipSpec,
  chipFromSpec,
  parseChipSpec,
  readSpecValue,
  SPEC_FLAGS,
  type SpecChip,
} from "../../engine/chips/spec.js";
import { isIso2 } from "../../engine/rules/countries.js";
import {
  type EvalChip,
  type EvalContext,
  type Evaluation,
  evaluate,
  RuleInputError,
  TRANSACTION_KINDS,
  type TransactionKind,
  tryEvaluate,
} from "../../engine/rules/evaluate.js";
import type { Ruleset } from "../../engine/rules/ruleset.js";
import { isoDate, num, parse, today } from "../args.js";
import { type CliIo, CliFailure, type Command, UsageError } from "../command.js";
import { fmt, json, table, width } from "../format.js";
import { langFlag, type Tr, translator } from "../lang.js";
import type { Lang } from "../../engine/format/number.js";
import { oneLineReason } from "../../engine/format/verdict.js";
import { cslIndexes } from "./data-csl.js";
import { toExportCsv } from "../../data/csv.js";

const USAGE = `chokepoint classify — classify an accelerator under the US export-control rules in force on a date

Usage:
  chokepoint classify --chip <id or name> [--date YYYY-MM-DD] [--dest ISO2] [--hq ISO2] [--json]
  chokepoint classify (--tpp N | --fp8-tflops N …) [--die-area MM2] [--datacenter | --no-datacenter]
                      [--memory-bw GBPS] [--io-bw GBPS] [--hbm] [--date …] [--dest …] [--hq …] [--json]
  chokepoint classify --hbm-stack-bw GBPS --hbm-stack-area MM2 [--date …] [--dest …]     (an HBM stack, 3A090.c)
  chokepoint classify --file chips.csv|chips.json [--format table|csv|json] [--date …] [--dest …] [--hq …]

The shipment (any mode):
  --ship-from ISO2      where the item ships from (default US): from the US it is an export, between two
                        foreign countries a reexport, within one a transfer (in-country); a delivery inside the
                        US (--dest US) is not an export
  --kind K              export | reexport | in-country-transfer (checked against --ship-from and --dest)
  --region NAME         a sanctioned region of the destination: crimea, sevastopol, donetsk, luhansk (UA)
  --buyer NAME          buyer's name, screened against the restricted-party lists (with --consignee NAME)
  --informed | --no-informed   whether BIS sent the exporter an is-informed letter (the 2025-04 bandwidth
                        letters bind only those informed, 15 CFR 744.23(b)); unknown when not given
  --fdp | --no-fdp      a foreign-made item is (not) a direct product under 15 CFR 734.9(h)
  --us-content PCT      a foreign-made item's controlled US content, % of value (de minimis, 15 CFR 734.4)
  --computer N          the item is a computer (server, board) holding N of this chip: 4A090 (e.g. --chip
                        nvidia-h100-sxm --computer 8 for an 8-GPU server)
  --also-eccn ECCN      the item is also described by ECCN (3A001, 4A003, 4A004, 4A005, 5A002, 5A992): a
                        3A090-level item is then listed under its .z paragraph (e.g. 5A992.z)
  --software-tech ECCN  the item is software or technology for the chip (or computer, or .z item) described:
                        3D001, 3E001, 4D090, 4E001, 4D001, 5D002, 5D992, 5E002, 5E992 (the last four .z ones with
                        --also-eccn); it takes the hardware's licence answer. Release to a foreign person inside the
                        US (a deemed export) is not decided
  --owned-by NAME:PCT   an owner of the buyer and its share in % (repeatable): owners are screened against the
                        Entity List and, while the Affiliates rule is in force, listed owners holding 50 % or more
                        together make the buyer restricted as they are (e.g. --owned-by "Huawei Technologies:60")
  --lang zh-CN          the answer and the labels in Simplified Chinese (--json stays English)
  --db FILE             store holding an imported Consolidated Screening List (default $CHOKEPOINT_DB, else
                        ~/.chokepoint/chokepoint.db); the curated Entity List entries are always checked

Spec flags (dense, never sparse figures): --fp64-tflops --tf32-tflops --fp16-tflops --fp8-tflops --int8-tops
  --fp4-tflops, or --tpp directly. --date defaults to today, --dest to CN, --hq to the destination.
  Hong Kong counts as China. Without --datacenter or --no-datacenter the datacenter flag is unknown, so a
  chip that only Note 2 to 3A090 could release comes back indeterminate.
Batch files use the data/chips.csv column names (any subset; a tpp column is accepted; date, destination,
  buyer_hq, ship_from, kind, region, buyer and consignee columns override the flags per row). Per-row item
  and owner columns: software_tech (as --software-tech), also_eccn (as --also-eccn) and owned_by, the buyer's
  owners as NAME:PCT separated by ";" (e.g. "Huawei Technologies Co., Ltd.:60; Jane Doe Holdings:40"; in a JSON
  file also an array of { name, percent }). A bad row is reported with its line (CSV) or row (JSON) and column;
  the others still run. Exit code 2 when any row was bad.
`;

/** Spec flags taking a figure (any of them selects the specs mode); the others are on/off switches. */
const FIGURE_FLAGS = SPEC_FLAGS.filter((f) => f.rule.kind === "number").map((f) => f.flag);

const options = {
  chip: { type: "string" },
  file: { type: "string" },
  format: { type: "string" },
  ...Object.fromEntries(
    SPEC_FLAGS.map((f) => [f.flag, { type: f.rule.kind === "boolean" ? "boolean" : "string" }]),
  ),
  date: { type: "string" },
  dest: { type: "string" },
  hq: { type: "string" },
  lang: { type: "string" },
  "end-use": { type: "string" },
  "ship-from": { type: "string" },
  kind: { type: "string" },
  region: { type: "string" },
  buyer: { type: "string" },
  consignee: { type: "string" },
  informed: { type: "boolean" },
  fdp: { type: "boolean" },
  "us-content": { type: "string" },
  "hbm-stack-bw": { type: "string" },
  "hbm-stack-area": { type: "string" },
  db: { type: "string" },
  computer: { type: "string" },
  "also-eccn": { type: "string" },
  "software-tech": { type: "string" },
  "owned-by": { type: "string", multiple: true },
  json: { type: "boolean" },
} as const;

function country(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const code = value.trim().toUpperCase();
  if (!isIso2(code))
    throw new UsageError(
      `invalid --${flag}: ${JSON.stringify(value)} (must be an ISO 3166-1 alpha-2 country code, e.g. CN${code === "UK" ? "; the United Kingdom is GB" : ""})`,
      flag,
    );
  return code;
}

type Owner = { name: string; percent: number };

/** One "NAME:PCT" owner (the share after the last colon, so a name may hold colons), or null when malformed. */
function parseOwner(raw: string): Owner | null {
  const at = raw.lastIndexOf(":");
  const name = at < 0 ? "" : raw.slice(0, at).trim();
  const pct = at < 0 ? "" : raw.slice(at + 1).trim();
  const percent = Number(pct);
  return name === "" || pct === "" || !Number.isFinite(percent) ? null : { name, percent };
}

/** A user's value, quoted and cut to 80 characters for an error message. */
function quoted(raw: string): string {
  return JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}…` : raw);
}

/** --owned-by "NAME:PCT" values. */
export function parseOwnedBy(values: readonly string[]): Owner[] {
  return values.map((raw) => {
    const owner = parseOwner(raw);
    if (owner === null)
      throw new UsageError(
        `invalid --owned-by: ${quoted(raw)} (must be NAME:PERCENT, e.g. "Huawei Technologies Co., Ltd.:60")`,
        "owned-by",
      );
    return owner;
  });
}

/**
 * An engine error's field names as the user spelled them: ownedBy[1].percent → `${name("ownedBy")} ${entry(2)}
 * percent`, and ownedBy, softwareTech, alsoEccn → name(field).
 */
function spelledAs(message: string, name: (field: string) => string, entry: (n: number) => string): string {
  return message
    .replace(
      /ownedBy\[(\d+)\]\.(name|percent)/g,
      (_, i: string, f: string) => `${name("ownedBy")} ${entry(Number(i) + 1)} ${f}`,
    )
    .replace(/\b(ownedBy|softwareTech|alsoEccn)\b/g, (field: string) => name(field));
}

const FLAGS: Record<string, string> = {
  ownedBy: "--owned-by",
  softwareTech: "--software-tech",
  alsoEccn: "--also-eccn",
};
const COLUMNS: Record<string, string> = {
  ownedBy: "owned_by",
  softwareTech: "software_tech",
  alsoEccn: "also_eccn",
};

/** An engine error's field names as the flags the user typed (ownedBy[1].percent → --owned-by #2 percent). */
function flagWords(message: string): string {
  return spelledAs(
    message,
    (f) => FLAGS[f] ?? f,
    (n) => `#${n}`,
  );
}

/**
 * A batch row's owned_by cell (or ownedBy key): "NAME:PCT; NAME:PCT …", or in JSON an array of { name, percent }
 * (checked by the engine). Returns the owners, or an error naming the column.
 */
export function parseOwnedByCell(
  v: unknown,
  column: string,
): { ok: true; owners: Owner[] } | { ok: false; message: string } {
  if (Array.isArray(v)) return { ok: true, owners: v as Owner[] };
  if (typeof v !== "string")
    return {
      ok: false,
      message: `invalid ${column}: ${JSON.stringify(v)} (must be NAME:PERCENT entries separated by ";")`,
    };
  const owners: Owner[] = [];
  for (const [i, raw] of v
    .split(";")
    .map((x) => x.trim())
    .entries()) {
    const owner = parseOwner(raw);
    if (owner === null)
      return {
        ok: false,
        message: `invalid ${column} entry ${i + 1}: ${quoted(raw)} (must be NAME:PERCENT, entries separated by ";", e.g. "Huawei Technologies Co., Ltd.:60; Jane Doe Holdings:40")`,
      };
    owners.push(owner);
  }
  return { ok: true, owners };
}

/** An engine error's field names as a batch file's columns (ownedBy[1].percent → owned_by entry 2 percent). */
function columnWords(message: string, spelling: "column" | "key"): string {
  return spelledAs(
    message,
    (f) => (spelling === "column" ? (COLUMNS[f] ?? f) : f),
    (n) => `entry ${n}`,
  );
}

/** Runs evaluate() and turns its input errors into usage errors naming the flag. */
function evaluateOrUsage(chip: EvalChip, ctx: EvalContext, ruleset: Ruleset): Evaluation {
  try {
    return evaluate(chip, ctx, ruleset);
  } catch (err) {
    if (err instanceof RuleInputError) throw new UsageError(flagWords(err.message), err.field);
    throw err;
  }
}

const YES_NO = (b: boolean | null, tr: Tr = translator("en")) =>
  b === null ? tr("unknown (indeterminate)") : b ? tr("yes") : tr("no");
const MARK = (p: boolean | null) => (p === null ? "?" : p ? "✓" : "✗");
const STANDING: Record<string, string> = {
  "not-enforced": "NOT ENFORCED",
  "is-informed-only": "IS-INFORMED ONLY",
  guidance: "GUIDANCE",
  "secondary-source": "SECONDARY SOURCE",
};

function transactionLine(r: Evaluation): string {
  const t = r.transaction;
  const what =
    t.kind === "not-an-export"
      ? "not an export (delivered inside the United States)"
      : t.kind === "export"
        ? "export from the United States"
        : t.kind === "reexport"
          ? `reexport from ${t.shipFrom}`
          : `transfer (in-country) within ${t.destination}`;
  const ear =
    t.subjectToEar === null
      ? "; subject to the EAR assumed (foreign-made: give --fdp or --us-content)"
      : t.subjectToEar
        ? ""
        : "; not subject to the EAR";
  return `${what}${ear}`;
}

function screeningLines(r: Evaluation, tr: Tr = translator("en")): string[] {
  const label = `  ${tr("Screening")}${" ".repeat(Math.max(1, 17 - width(tr("Screening"))))}`;
  if (!r.screening) return [`${label}${tr("— (no --buyer or --consignee given)")}`];
  const out: string[] = [];
  for (const s of r.screening) {
    const x = s.result;
    const head = `${label}${s.role} ${JSON.stringify(x.query)}: `;
    if (x.hits.length)
      out.push(
        `${head}HIT ${x.hits.map((h) => `${h.name} (score ${h.score}, ${h.listTitle}; ${h.citation})`).join("; ")}`,
      );
    else out.push(`${head}no hit`);
    for (const h of x.nearMisses)
      out.push(
        `                   near miss: ${h.name} (score ${h.score}, ${h.listTitle}) — check before shipping`,
      );
    out.push(`                   ${x.caveat}`);
  }
  return out;
}

/**
 * The human rendering of one evaluation: the answer in one sentence (the dashboard's, src/engine/format/verdict.ts),
 * then metrics, rules and every test with its citation. Labels in `lang`; rule texts and citations as published.
 */
export function formatEvaluation(label: string, r: Evaluation, lang: Lang = "en"): string {
  const m = r.metrics;
  const tr = translator(lang);
  // Row labels padded to one column in terminal cells (a Chinese character takes two).
  const row = (name: string, value: string) =>
    `  ${tr(name)}${" ".repeat(Math.max(1, 17 - width(tr(name))))}${value}`;
  const lines = [
    r.buyerHq !== r.destination
      ? tr("{label} → {dest}, buyer headquartered in {hq}, on {date}", {
          label,
          dest: r.destination,
          hq: r.buyerHq,
          date: r.date,
        })
      : tr("{label} → {dest}, on {date}", { label, dest: r.destination, date: r.date }),
    oneLineReason(r, lang),
    "",
    row("Transaction", transactionLine(r)),
    `${row("Classification", r.classification)}${r.item.eccn !== r.classification || r.item.kind === "software" || r.item.kind === "technology" ? `  → ${r.item.kind === "software" || r.item.kind === "technology" ? r.item.kind : "item"} ${r.item.eccn}${r.item.kind === "computer" ? ` (computer holding ${r.item.units} chip${r.item.units === 1 ? "" : "s"}; ${fmt(r.item.aggregateTpp ?? null)} TPP, ${fmt(r.item.aggregateH100e ?? null, 3)} H100e in all)` : ""}` : ""}`,
    row("Licence required", YES_NO(r.licenseRequired, tr)),
    row(
      "Review policy",
      r.reviewPolicy
        ? tr(r.reviewPolicy)
        : r.licenseRequired
          ? tr("unknown (not published, or an input is missing)")
          : "—",
    ),
    row(
      "Sanctions",
      r.sanctions.length
        ? r.sanctions.map((id) => `${id} (15 CFR part 746)`).join(", ")
        : tr("none for this destination"),
    ),
    ...screeningLines(r, tr),
    ...(r.ownership
      ? [
          row(
            "Ownership",
            `${r.ownership.owners.map((o) => `${o.name} ${fmt(o.percent)} %${o.listed ? ` (Entity List: ${o.entries.join(", ")})` : ""}`).join("; ")} — listed owners ${fmt(r.ownership.listedPercent)} %: Affiliates rule ${r.ownership.applied ? "applied (the buyer is restricted as its listed owners are)" : r.ownership.status === "suspended" ? "suspended on this date, not applied" : r.ownership.status === null ? "not in effect on this date" : "does not reach the buyer"}`,
          ),
        ]
      : []),
    row("Exceptions", r.exceptions.length ? r.exceptions.join(", ") : "—"),
    ...r.exceptionDetails.flatMap((e) => [
      `    ${e.id}: ${e.paragraph} (${e.citation})${e.standing ? ` [${STANDING[e.standing]}]` : ""}`,
      ...e.conditions.map((c) => `      if: ${c}`),
      ...e.mechanics.map((m) => `      how: ${m}`),
    ]),
    "",
    `  TPP    ${fmt(m.tpp)}   (${m.how.tpp})`,
    `  PD     ${fmt(m.pd)}   (${m.how.pd})`,
    `  H100e  ${fmt(m.h100e, 3)}   (${m.how.h100e})`,
    `  ${tr("Memory bandwidth {mem} GB/s · I/O bandwidth {io} GB/s", { mem: fmt(m.memoryBandwidthGBps), io: fmt(m.ioBandwidthGBps) })}`,
    "",
    `  ${tr("Rules on this date: {list}", { list: r.rules.length ? r.rules.map((x) => `${x.id} (${tr(x.status)})`).join(", ") : tr("none") })}`,
    "",
    `  ${tr("Reasons (✓ holds, ✗ does not, ? missing input):")}`,
  ];
  for (const x of r.reasons) {
    const vals = Object.entries(x.values)
      .map(([k, v]) => `${k}=${typeof v === "number" ? fmt(v, 4) : v === null ? "—" : String(v)}`)
      .join(" ");
    const mark = x.standing ? ` [${STANDING[x.standing]}]` : "";
    lines.push(`   ${MARK(x.passed)} [${x.ruleId}] ${x.paragraph}${mark}: ${x.test}  (${vals})`);
    lines.push(`       ${x.citation}${x.pin ? ` (pin: ${x.pin})` : ""}${x.note ? ` — ${x.note}` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

interface BatchRow {
  row: number;
  id: string | null;
  result?: Evaluation;
  error?: { field: string; message: string };
}

/**
 * The chip the spec flags describe (--fp8-tflops, --die-area, --datacenter …), read by the shared spec reader;
 * a bad value is a usage error quoting the flag as typed: `invalid --die-area: "0" (must be > 0)`.
 */
export function chipFromFlags(values: Record<string, string | boolean | undefined>): SpecChip {
  const spec: Record<string, unknown> = {};
  for (const f of SPEC_FLAGS) {
    const raw = values[f.flag];
    if (raw === undefined) continue;
    const r = readSpecValue(f, raw, "flag");
    if (!r.ok) throw new UsageError(`invalid --${f.flag}: ${JSON.stringify(raw)} (${r.reason})`, f.flag);
    spec[f.key] = r.value;
  }
  return chipFromSpec(spec as ChipSpec);
}

/**
 * One batch record (CSV columns or JSON keys, in snake_case or camelCase) → a chip and context, or an error.
 * The chip fields are read by the shared spec reader (src/engine/chips/spec.ts); date, destination and buyer_hq
 * override the command's context per row. Exported for the CLI/API agreement tests.
 */
export function rowToInput(
  rec: Record<string, unknown>,
  defaults: EvalContext,
): { chip: SpecChip; ctx: EvalContext } | { field: string; message: string } {
  const read = parseChipSpec(rec, { mode: "text", spelling: "either" });
  if (!read.ok) return { field: read.error.field, message: read.error.message };
  const chip = chipFromSpec(read.spec);
  const get = (col: string, key: string): unknown => (rec[col] !== undefined ? rec[col] : rec[key]);
  const text = (col: string, key: string) => {
    const v = get(col, key);
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  const ctx: EvalContext = {
    date: text("date", "date") ?? defaults.date,
    destination: text("destination", "destination")?.toUpperCase() ?? defaults.destination,
  };
  const hq = text("buyer_hq", "buyerHq")?.toUpperCase() ?? defaults.buyerHq;
  if (hq !== undefined) ctx.buyerHq = hq;
  // The shipment's other fields: per-row columns win over the command's flags.
  const shipFrom = text("ship_from", "shipFrom")?.toUpperCase() ?? defaults.shipFrom;
  if (shipFrom !== undefined) ctx.shipFrom = shipFrom;
  const kind = text("kind", "kind") ?? defaults.kind;
  if (kind !== undefined) ctx.kind = kind as TransactionKind;
  const region = text("region", "region")?.toLowerCase() ?? defaults.region;
  if (region !== undefined) ctx.region = region;
  for (const role of ["buyer", "consignee"] as const) {
    const name = text(role, role) ?? defaults[role];
    if (name !== undefined) ctx[role] = name;
  }
  if (defaults.informed !== undefined) ctx.informed = defaults.informed;
  if (defaults.foreignDirectProduct !== undefined) ctx.foreignDirectProduct = defaults.foreignDirectProduct;
  if (defaults.usContentPercent !== undefined) ctx.usContentPercent = defaults.usContentPercent;
  // The item as software/technology or a .z item, and the buyer's owners (validated by the engine, like the API's).
  const item: EvalChip = chip;
  const softwareTech = text("software_tech", "softwareTech")?.toUpperCase();
  if (softwareTech !== undefined) item.softwareTech = softwareTech;
  const alsoEccn = text("also_eccn", "alsoEccn")?.toUpperCase();
  if (alsoEccn !== undefined) item.alsoEccn = alsoEccn;
  const ownedCol = rec.owned_by !== undefined ? "owned_by" : "ownedBy";
  const owned = get("owned_by", "ownedBy");
  if (owned !== undefined && owned !== null && !(typeof owned === "string" && owned.trim() === "")) {
    const o = parseOwnedByCell(owned, ownedCol);
    if (!o.ok) return { field: ownedCol, message: o.message };
    ctx.ownedBy = o.owners;
  }
  return { chip: item as SpecChip, ctx };
}

/**
 * Classifies many records; a bad record becomes an error row and the rest continue. `row` is the CSV line
 * number (or the 1-based array index for JSON). Exported for the benchmark.
 */
export function classifyRecords(
  records: { row: number; record: Record<string, unknown> }[],
  defaults: EvalContext,
  ruleset: Ruleset,
  detail: "full" | "summary" = "full",
): BatchRow[] {
  const out: BatchRow[] = [];
  for (const { row, record } of records) {
    const idv = record.id;
    const id = typeof idv === "string" && idv !== "" ? idv : null;
    const input = rowToInput(record, defaults);
    if ("message" in input) {
      out.push({ row, id, error: { field: input.field, message: `row ${row}: ${input.message}` } });
      continue;
    }
    const r = tryEvaluate(input.chip, input.ctx, ruleset, { detail });
    if (r.ok) out.push({ row, id, result: r.result });
    else {
      // The error in the file's own spelling (snake_case columns, or the camelCase keys a JSON row used).
      const spelling = Object.keys(record).some(
        (k) => k === "ownedBy" || k === "softwareTech" || k === "alsoEccn",
      )
        ? "key"
        : "column";
      out.push({
        row,
        id,
        error: {
          field: columnWords(r.error.field, spelling),
          message: `row ${row}: ${columnWords(r.error.message, spelling)}`,
        },
      });
    }
  }
  return out;
}

function readBatch(path: string): { row: number; record: Record<string, unknown> }[] {
  const text = readInputFile(path, "--file");
  if (path.toLowerCase().endsWith(".json")) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`invalid --file: ${path} is not valid JSON (${(err as Error).message})`, "file");
    }
    if (!Array.isArray(data))
      throw new UsageError(`invalid --file: ${path} must hold a JSON array of chips`, "file");
    // Every row is checked before any is classified: a partial read must never produce an answer.
    const rows = data.map((record, i) => {
      if (record === null || typeof record !== "object" || Array.isArray(record))
        throw new UsageError(
          `invalid --file: ${path} row ${i + 1} is ${record === null ? "null" : Array.isArray(record) ? "an array" : typeof record}, not an object of chip fields`,
          "file",
        );
      const bad = checkBatchNames(Object.keys(record), "key");
      if (bad) throw new UsageError(`invalid --file: ${path} row ${i + 1}: ${bad.message}`, bad.name);
      return { row: i + 1, record: record as Record<string, unknown> };
    });
    if (!rows.some((r) => batchHasFigures(Object.keys(r.record))))
      throw new UsageError(
        `invalid --file: ${path} gives no chip figure in any row (use one of ${batchFigureColumns().join(", ")})`,
        "file",
      );
    return rows;
  }
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text);
  } catch (err) {
    throw new UsageError(`invalid --file: ${path}: ${(err as Error).message}`, "file");
  }
  const bad = checkBatchNames(table.header, "column");
  if (bad) throw new UsageError(`invalid --file: ${path}: ${bad.message}`, bad.name);
  if (!batchHasFigures(table.header))
    throw new UsageError(
      `invalid --file: ${path} has no chip figure column (missing one of ${batchFigureColumns().join(", ")})`,
      "file",
    );
  return table.rows.map((r) => ({ row: r.line, record: r.record }));
}

function batchCsv(rows: BatchRow[]): string {
  return toExportCsv(
    ["row", "id", "classification", "license_required", "review_policy", "exceptions", "tpp", "pd", "error"],
    rows.map((r) => ({
      row: r.row,
      id: r.id ?? "",
      classification: r.result?.classification ?? "",
      license_required: r.result
        ? r.result.licenseRequired === null
          ? "unknown"
          : String(r.result.licenseRequired)
        : "",
      review_policy: r.result?.reviewPolicy ?? "",
      exceptions: r.result?.exceptions.join(" ") ?? "",
      tpp: r.result?.metrics.tpp ?? "",
      pd: r.result?.metrics.pd ?? "",
      error: r.error?.message ?? "",
    })),
  );
}

export const classifyCommand: Command = {
  name: "classify",
  summary: "Classify a chip (by name, specs or a batch file) for a date, destination and buyer",
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values: v, positionals } = parse(argv, options, false);
    if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const lang = langFlag((v as Record<string, unknown>).lang as string | undefined);
    const tr = translator(lang);
    const s = (k: string) => (v as Record<string, string | boolean | undefined>)[k] as string | undefined;
    const date = isoDate("date", s("date")) ?? today();
    const destination = country("dest", s("dest")) ?? "CN";
    const buyerHq = country("hq", s("hq")) ?? destination;
    const b = (k: string) => (v as Record<string, string | boolean | undefined>)[k] as boolean | undefined;
    const kind = s("kind");
    if (kind !== undefined && !TRANSACTION_KINDS.includes(kind as TransactionKind))
      throw new UsageError(
        `invalid --kind: ${JSON.stringify(kind)} (must be one of ${TRANSACTION_KINDS.join(", ")})`,
        "kind",
      );
    const shipFrom = country("ship-from", s("ship-from"));
    const usContent = num("us-content", s("us-content"), { min: 0, max: 100 });
    const ctx: EvalContext = {
      date,
      destination,
      buyerHq,
      ...(s("end-use") ? { endUse: s("end-use")! } : {}),
      ...(shipFrom ? { shipFrom } : {}),
      ...(kind ? { kind: kind as TransactionKind } : {}),
      ...(s("region") !== undefined ? { region: s("region")!.trim().toLowerCase() } : {}),
      ...(s("buyer") !== undefined ? { buyer: s("buyer")! } : {}),
      ...(s("consignee") !== undefined ? { consignee: s("consignee")! } : {}),
      ...(b("informed") !== undefined ? { informed: b("informed")! } : {}),
      ...(b("fdp") !== undefined ? { foreignDirectProduct: b("fdp")! } : {}),
      ...(usContent !== undefined ? { usContentPercent: usContent } : {}),
    };
    const ownedBy = (v as Record<string, unknown>)["owned-by"] as string[] | undefined;
    if (ownedBy?.length) ctx.ownedBy = parseOwnedBy(ownedBy);
    const base = loadRuleset();
    // Names are also screened against the newest imported Consolidated Screening List (data import-csl), if any.
    const withCsl = (): Ruleset => ({ ...base, parties: [...base.parties, ...cslIndexes(io, s("db"))] });
    const ruleset: Ruleset =
      ctx.buyer !== undefined || ctx.consignee !== undefined || ctx.ownedBy !== undefined ? withCsl() : base;
    const format = s("format") ?? (v.json ? "json" : "table");
    if (!["table", "csv", "json"].includes(format))
      throw new UsageError(
        `invalid --format: ${JSON.stringify(format)} (must be table, csv or json)`,
        "format",
      );

    const specFlags = FIGURE_FLAGS.filter((f) => s(f) !== undefined);
    const stackBw = num("hbm-stack-bw", s("hbm-stack-bw"), { min: 0, max: 1e9 });
    const stackArea = num("hbm-stack-area", s("hbm-stack-area"), { min: 0, exclusiveMin: true, max: 1e9 });
    if ((stackBw === undefined) !== (stackArea === undefined))
      throw new UsageError(
        `give both --hbm-stack-bw and --hbm-stack-area (memory bandwidth density = bandwidth ÷ stack area)`,
        stackBw === undefined ? "hbm-stack-bw" : "hbm-stack-area",
      );
    const stackMode = stackBw !== undefined;
    const modes = [
      s("chip") !== undefined,
      s("file") !== undefined,
      specFlags.length > 0 || stackMode,
    ].filter(Boolean).length;
    if (modes !== 1)
      throw new UsageError(
        "give exactly one of --chip, --file, or spec flags (--tpp, --fp8-tflops, … or --hbm-stack-bw/--hbm-stack-area); see --help",
      );

    if (s("file") !== undefined) {
      for (const flag of ["software-tech", "owned-by", "also-eccn", "computer"])
        if ((v as Record<string, unknown>)[flag] !== undefined)
          throw new UsageError(
            `--${flag} applies to one item, not to a --file batch${flag === "computer" ? "" : ` (give a ${flag.replace("-", "_")} column per row instead)`}`,
            flag,
          );
      // Per-row destinations take their own headquarters default unless --hq was given.
      const defaults: EvalContext = { ...ctx };
      if (s("hq") === undefined) delete defaults.buyerHq;
      // Only JSON output carries the reasons; tables and CSV skip building them (much faster on big files).
      const detail = format === "json" ? "full" : "summary";
      const records = readBatch(resolve(io.cwd, s("file")!));
      // The store is opened for the imported screening list only when some row names a party.
      const named = records.some(
        (r) =>
          r.record.buyer !== undefined ||
          r.record.consignee !== undefined ||
          r.record.owned_by !== undefined ||
          r.record.ownedBy !== undefined,
      );
      const rows = classifyRecords(
        records,
        defaults,
        named && ruleset === base ? withCsl() : ruleset,
        detail,
      );
      if (format === "json") io.stdout(json(rows));
      else if (format === "csv") io.stdout(batchCsv(rows));
      else {
        io.stdout(
          table(
            [tr("row"), "id", tr("classification"), tr("licence"), tr("review policy"), "TPP", "PD"],
            rows
              .filter((r) => r.result)
              .map((r) => [
                r.row,
                r.id,
                r.result!.classification,
                YES_NO(r.result!.licenseRequired, tr),
                r.result!.reviewPolicy,
                fmt(r.result!.metrics.tpp),
                fmt(r.result!.metrics.pd),
              ]),
          ),
        );
        for (const r of rows) if (r.error) io.stderr(`${r.error.message}\n`);
      }
      return rows.some((r) => r.error) ? 2 : 0;
    }

    const units = num("computer", s("computer"), { min: 1, max: 1_000_000, integer: true });
    const alsoEccn = s("also-eccn")?.trim().toUpperCase();
    const softwareTech = s("software-tech")?.trim().toUpperCase();
    let chip: EvalChip;
    let label: string;
    if (s("chip") !== undefined) {
      let catalogue: ReturnType<typeof loadChips>;
      try {
        catalogue = loadChips();
      } catch (err) {
        throw new CliFailure(`cannot load the chip catalogue: ${(err as Error).message}`);
      }
      const found = findChip(catalogue, s("chip")!);
      if (!("chip" in found))
        throw new UsageError(
          `unknown chip: ${JSON.stringify(s("chip"))} is not one chip's id or name${found.suggestions.length ? `; did you mean ${found.suggestions.join(", ")}?` : "; run chokepoint chips for the list"}`,
          "chip",
        );
      chip = found.chip;
      label = `${found.chip.vendor} ${found.chip.name} (${found.chip.id})`;
    } else {
      chip = chipFromFlags(v as Record<string, string | boolean | undefined>);
      label = "Chip from specs";
      if (stackMode) {
        chip = { ...chip, hbm: true, hbmStack: { bandwidthGBps: stackBw!, areaMm2: stackArea! } };
        label = `HBM stack, ${stackBw} GB/s over ${stackArea} mm² (${Math.round((stackBw! / stackArea!) * 1000) / 1000} GB/s per mm²)`;
      }
    }
    if (units !== undefined) {
      chip = { ...chip, computer: { units } };
      label = `Computer holding ${units} × ${label}`;
    }
    if (alsoEccn !== undefined) chip = { ...chip, alsoEccn };
    if (softwareTech !== undefined) {
      chip = { ...chip, softwareTech };
      label = `${softwareTech[1] === "D" ? "Software" : "Technology"} ${softwareTech} for ${label}`;
    }
    const r = evaluateOrUsage(chip, ctx, ruleset);
    io.stdout(v.json || format === "json" ? json(r) : formatEvaluation(label, r, lang));
    // A lower-bound TPP or a press / estimated / roadmap figure under the answer is said next to it (data v2).
    if (!(v.json || format === "json"))
      for (const c of classificationCaveats(chip))
        io.stdout(`${translator(lang)("Caveat: {message}.", { message: c.message })}\n`);
    return 0;
  },
};
