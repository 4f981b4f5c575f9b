/**
 * Chip specifications as users give them, defined once for every entry point: the CLI's flags, its CSV/JSON batch
 * files (snake_case columns of data/chips.csv, or camelCase keys) and the HTTP API's `specs` object (camelCase).
 * One table names each field in every spelling, states its rule, and documents it; one reader checks a value
 * against the rule; one builder turns a checked spec into the engine's Chip. Pure: no Node, DOM or zod imports.
 */
import type { Chip } from "./types.js";
import { PRECISIONS } from "./types.js";

/** Largest figure accepted for any measure (TFLOPS, GB/s, mm², W …): far above any real chip, below float trouble. */
export const MAX_MEASURE = 1e12;

/** What a field accepts. `nullable` fields take null (JSON) or a blank cell (CSV) for "unknown". */
export type SpecRule =
  | { kind: "number"; min: number; exclusiveMin: boolean; max: number }
  | { kind: "boolean" }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "text"; maxLength: number }
  | { kind: "date" }
  | { kind: "country" };

/** The camelCase keys a spec may carry: the Chip's own fields plus `tpp`, a TPP stated directly. */
export type SpecKey =
  | "id"
  | "name"
  | "vendor"
  | "type"
  | "releaseDate"
  | "datacenter"
  | (typeof PRECISIONS)[number]["field"]
  | "memoryGB"
  | "memoryBandwidthGBps"
  | "ioBandwidthGBps"
  | "dieAreaMm2"
  | "transistorsBillion"
  | "tdpW"
  | "hbm"
  | "origin"
  | "country"
  | "tpp";

export interface SpecField {
  /** camelCase: the API's `specs` key and the Chip field (tpp → Chip has none; it becomes `tppGiven`). */
  key: SpecKey;
  /** snake_case: the data/chips.csv column and the CLI batch column. */
  column: string;
  /** The CLI flag (without --) for fields that `chokepoint classify` takes as flags. */
  flag?: string;
  rule: SpecRule;
  nullable: boolean;
  description?: string;
}

/** A checked spec: every key optional (absent = not given), null = unknown. Values are normalised (ISO2 upper-cased). */
export interface ChipSpec {
  id?: string;
  name?: string;
  vendor?: string;
  type?: Chip["type"];
  releaseDate?: string | null;
  datacenter?: boolean | null;
  fp64Tflops?: number | null;
  tf32Tflops?: number | null;
  fp16Tflops?: number | null;
  fp8Tflops?: number | null;
  int8Tops?: number | null;
  fp4Tflops?: number | null;
  memoryGB?: number | null;
  memoryBandwidthGBps?: number | null;
  ioBandwidthGBps?: number | null;
  dieAreaMm2?: number | null;
  transistorsBillion?: number | null;
  tdpW?: number | null;
  hbm?: boolean | null;
  origin?: Chip["origin"];
  country?: string | null;
  tpp?: number | null;
}

/** The chip a spec builds: a full Chip, plus the directly stated TPP when one was given. */
export type SpecChip = Chip & { tppGiven?: number };

const measure = (min = 0, exclusiveMin = false): SpecRule => ({
  kind: "number",
  min,
  exclusiveMin,
  max: MAX_MEASURE,
});

/** Every accepted field, in the order the API documents them. */
export const SPEC_FIELDS: readonly SpecField[] = [
  {
    key: "id",
    column: "id",
    rule: { kind: "text", maxLength: 100 },
    nullable: false,
    description: "label echoed in the result",
  },
  { key: "name", column: "name", rule: { kind: "text", maxLength: 200 }, nullable: false },
  { key: "vendor", column: "vendor", rule: { kind: "text", maxLength: 100 }, nullable: false },
  {
    key: "type",
    column: "type",
    rule: { kind: "enum", values: ["gpu", "asic", "fpga", "other"] },
    nullable: false,
  },
  { key: "releaseDate", column: "release_date", rule: { kind: "date" }, nullable: true },
  {
    key: "datacenter",
    column: "datacenter",
    flag: "datacenter",
    rule: { kind: "boolean" },
    nullable: true,
    description: "designed or marketed for data centres (Note 2 to 3A090)",
  },
  ...PRECISIONS.map(
    (p): SpecField => ({
      key: p.field,
      column: p.column,
      flag: p.column.replace(/_/g, "-"),
      rule: measure(),
      nullable: true,
      ...(p.field === "fp16Tflops" ? { description: "dense FP16/BF16 tensor TFLOPS" } : {}),
    }),
  ),
  { key: "memoryGB", column: "memory_gb", rule: measure(), nullable: true },
  {
    key: "memoryBandwidthGBps",
    column: "memory_bw_gbps",
    flag: "memory-bw",
    rule: measure(),
    nullable: true,
  },
  {
    key: "ioBandwidthGBps",
    column: "io_bw_gbps",
    flag: "io-bw",
    rule: measure(),
    nullable: true,
    description: "aggregate bidirectional chip-to-chip I/O, GB/s",
  },
  {
    key: "dieAreaMm2",
    column: "die_area_mm2",
    flag: "die-area",
    rule: measure(0, true),
    nullable: true,
    description: "applicable die area: all logic dies, no HBM",
  },
  { key: "transistorsBillion", column: "transistors_billion", rule: measure(), nullable: true },
  { key: "tdpW", column: "tdp_w", rule: measure(), nullable: true },
  { key: "hbm", column: "hbm", flag: "hbm", rule: { kind: "boolean" }, nullable: true },
  { key: "origin", column: "origin", rule: { kind: "enum", values: ["US", "foreign"] }, nullable: false },
  { key: "country", column: "country", rule: { kind: "country" }, nullable: true },
  {
    key: "tpp",
    column: "tpp",
    flag: "tpp",
    rule: measure(),
    nullable: true,
    description:
      "total processing performance stated directly (dense TOPS × bit length); used when above the TPP the per-precision figures give",
  },
];

/** Spec fields by camelCase key and by snake_case column. */
export const SPEC_BY_KEY: ReadonlyMap<string, SpecField> = new Map(SPEC_FIELDS.map((f) => [f.key, f]));
export const SPEC_BY_COLUMN: ReadonlyMap<string, SpecField> = new Map(SPEC_FIELDS.map((f) => [f.column, f]));

/** Fields `chokepoint classify` takes as flags, with the flag name. */
export const SPEC_FLAGS: readonly (SpecField & { flag: string })[] = SPEC_FIELDS.filter(
  (f): f is SpecField & { flag: string } => f.flag !== undefined,
);

/**
 * Where a value comes from, which decides what it may look like:
 * - `json`: typed JSON (the API): numbers are numbers, booleans booleans, null is unknown.
 * - `text`: batch files: CSV cells are text, so "12.5", "yes" and "" (unknown) are read too; typed JSON values pass.
 * - `flag`: a CLI flag's text: like `text`, but an empty value is an error, not "unknown".
 */
export type SpecMode = "json" | "text" | "flag";

export type SpecRead =
  | { ok: true; value: unknown }
  | { ok: true; value: undefined; blank: true }
  | { ok: false; value: unknown; reason: string };

const TRUE_WORDS = new Set(["true", "yes", "1", "y"]);
const FALSE_WORDS = new Set(["false", "no", "0", "n"]);
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO2_RE = /^[A-Za-z]{2}$/;
const MIN_DATE = "1950-01-01";
const MAX_DATE = "2100-12-31";

/** The rule in words, as error messages end: "must be > 0", "must be one of gpu, asic, fpga, other". */
export function ruleText(rule: SpecRule): string {
  switch (rule.kind) {
    case "number":
      return `must be a finite number ${rule.exclusiveMin ? ">" : "≥"} ${rule.min} and ≤ ${exp(rule.max)}`;
    case "boolean":
      return "must be true or false";
    case "enum":
      return `must be one of ${rule.values.join(", ")}`;
    case "text":
      return `must be text of at most ${rule.maxLength} characters`;
    case "date":
      return `must be a date YYYY-MM-DD between ${MIN_DATE} and ${MAX_DATE}`;
    case "country":
      return "must be an ISO 3166-1 alpha-2 country code such as CN or US";
  }
}

/** 1e12 rather than 1000000000000 or 1e+12. */
const exp = (n: number) => (Math.abs(n) >= 1e6 ? n.toExponential().replace("+", "") : String(n));

function existingDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const fail = (value: unknown, reason: string): SpecRead => ({ ok: false, value, reason });

function readNumber(rule: Extract<SpecRule, { kind: "number" }>, raw: unknown, mode: SpecMode): SpecRead {
  let n: number;
  if (typeof raw === "number") n = raw;
  else if (mode !== "json" && typeof raw === "string" && raw.trim() !== "") n = Number(raw.trim());
  else return fail(raw, "must be a finite number");
  // Once the text reads as a number, messages show the number (-5), not the text ("-5").
  if (!Number.isFinite(n)) return fail(raw, "must be a finite number");
  if (rule.exclusiveMin ? n <= rule.min : n < rule.min)
    return fail(n, `must be ${rule.exclusiveMin ? ">" : "≥"} ${rule.min}`);
  if (n > rule.max) return fail(n, `must be ≤ ${exp(rule.max)}`);
  return { ok: true, value: n };
}

/**
 * Checks one value against its field's rule. `undefined` (not given) is never passed here. Returns the normalised
 * value, `blank` for a blank cell (or a null where null is no value) in a batch file: not given, or the reason
 * it is refused.
 */
export function readSpecValue(field: SpecField, raw: unknown, mode: SpecMode): SpecRead {
  if (raw === null) {
    if (field.nullable) return { ok: true, value: null };
    // A batch file's null reads like its blank cell: not given. Typed JSON must leave the key out instead.
    return mode === "json" ? fail(raw, "must not be null") : { ok: true, value: undefined, blank: true };
  }
  if (mode === "text" && typeof raw === "string" && raw.trim() === "")
    return { ok: true, value: undefined, blank: true };
  const rule = field.rule;
  const text = typeof raw === "string" ? (mode === "json" ? raw : raw.trim()) : undefined;
  switch (rule.kind) {
    case "number":
      return readNumber(rule, raw, mode);
    case "boolean": {
      if (typeof raw === "boolean") return { ok: true, value: raw };
      if (mode !== "json" && (text !== undefined || typeof raw === "number")) {
        const word = (text ?? String(raw)).toLowerCase();
        if (TRUE_WORDS.has(word)) return { ok: true, value: true };
        if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      }
      return fail(raw, "must be true or false");
    }
    case "enum":
      return text !== undefined && rule.values.includes(text)
        ? { ok: true, value: text }
        : fail(raw, ruleText(rule));
    case "text":
      if (text === undefined) return fail(raw, "must be text");
      return text.length <= rule.maxLength
        ? { ok: true, value: text }
        : fail(raw, `must be at most ${rule.maxLength} characters`);
    case "date":
      if (text === undefined || !DATE_RE.test(text)) return fail(raw, "must be a date YYYY-MM-DD");
      if (!existingDate(text)) return fail(raw, "must be a date that exists");
      if (text < MIN_DATE || text > MAX_DATE) return fail(raw, `must be between ${MIN_DATE} and ${MAX_DATE}`);
      return { ok: true, value: text };
    case "country":
      return text !== undefined && ISO2_RE.test(text)
        ? { ok: true, value: text.toUpperCase() }
        : fail(raw, ruleText(rule));
  }
}

/** A value as error messages quote it: numbers bare, text in quotes, long values cut. */
export function showValue(value: unknown): string {
  let s: string;
  try {
    s = typeof value === "number" ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** A refused field: its name as the input spelled it, the value, the rule, and the message naming all three. */
export interface SpecError {
  field: string;
  spec: SpecField;
  value: unknown;
  reason: string;
  /** `invalid die_area_mm2: -3 (must be > 0)` */
  message: string;
}

export type SpecResult = { ok: true; spec: ChipSpec } | { ok: false; error: SpecError };

export function specError(name: string, field: SpecField, value: unknown, reason: string): SpecError {
  return {
    field: name,
    spec: field,
    value,
    reason,
    message: `invalid ${name}: ${showValue(value)} (${reason})`,
  };
}

/** Both spellings → field (the two agree where a name is the same in both). */
const SPEC_BY_NAME: ReadonlyMap<string, SpecField> = new Map([...SPEC_BY_KEY, ...SPEC_BY_COLUMN]);

/**
 * Reads a spec from a record. `spelling` says which names count: `key` (camelCase, the API), `column`
 * (snake_case) or `either` (batch files; the column wins when both are present). Names that are no spec field are
 * skipped: batch rows also carry context (date, destination) and catalogue columns (notes, sources).
 * The first bad field, in the record's order, ends the read.
 */
export function parseChipSpec(
  record: Readonly<Record<string, unknown>>,
  opts: { mode: SpecMode; spelling: "key" | "column" | "either" },
): SpecResult {
  const names =
    opts.spelling === "key" ? SPEC_BY_KEY : opts.spelling === "column" ? SPEC_BY_COLUMN : SPEC_BY_NAME;
  const spec: Record<string, unknown> = {};
  for (const name of Object.keys(record)) {
    const f = names.get(name);
    const raw = record[name];
    if (f === undefined || raw === undefined) continue;
    if (name !== f.column && opts.spelling === "either" && record[f.column] !== undefined) continue;
    const r = readSpecValue(f, raw, opts.mode);
    if (!r.ok) return { ok: false, error: specError(name, f, r.value, r.reason) };
    if (r.value !== undefined) spec[f.key] = r.value;
  }
  return { ok: true, spec: spec as ChipSpec };
}

/** Writes a spec's given fields into `chip` (null = unknown); `tpp` becomes `tppGiven`, a null one removes it. */
function laySpec(chip: SpecChip, spec: ChipSpec): SpecChip {
  const out = chip as unknown as Record<string, unknown>;
  const given = spec as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    const value = given[key];
    if (value === undefined || !SPEC_BY_KEY.has(key)) continue;
    if (key !== "tpp") out[key] = value;
    else if (value === null) delete chip.tppGiven;
    else chip.tppGiven = value as number;
  }
  return chip;
}

/** A catalogue chip with a spec's given fields laid over it; the catalogue chip itself is not changed. */
export function applySpec(base: Chip, spec: ChipSpec): SpecChip {
  return laySpec({ ...base }, spec);
}

/** Every Chip field that may be unknown, set to null. The table lists them all (its tests check it against the CSV). */
const UNKNOWN_FIGURES = Object.fromEntries(
  SPEC_FIELDS.filter((f) => f.nullable && f.key !== "tpp").map((f) => [f.key, null]),
) as { [K in keyof Chip as null extends Chip[K] ? K : never]: null };

/**
 * A full Chip from a spec alone: unknown figures are null (never guessed), the origin US unless given, and the
 * label "custom" (or "custom-N" for the Nth row of a batch when `index` is given).
 */
export function chipFromSpec(spec: ChipSpec, index?: number): SpecChip {
  const label = index === undefined ? "custom" : `custom-${index + 1}`;
  const base: Chip = {
    id: label,
    name: spec.name ?? spec.id ?? "custom chip",
    vendor: "",
    type: "gpu",
    ...UNKNOWN_FIGURES,
    origin: "US",
    notes: "specs given in the request",
    sources: [],
  };
  return laySpec(base, spec);
}

/** JSON Schema (draft 2020-12) of one field as the API takes it, for the OpenAPI document. */
export function specJsonSchema(field: SpecField): Record<string, unknown> {
  const rule = field.rule;
  let s: Record<string, unknown>;
  switch (rule.kind) {
    case "number":
      s = {
        type: "number",
        ...(rule.exclusiveMin ? { exclusiveMinimum: rule.min } : { minimum: rule.min }),
        maximum: rule.max,
      };
      break;
    case "boolean":
      s = { type: "boolean" };
      break;
    case "enum":
      s = { type: "string", enum: [...rule.values] };
      break;
    case "text":
      s = { type: "string", maxLength: rule.maxLength };
      break;
    case "date":
      s = {
        type: "string",
        maxLength: 10,
        pattern: DATE_RE.source.replace(/[()]/g, ""),
        description: "date YYYY-MM-DD",
      };
      break;
    case "country":
      s = { type: "string", maxLength: 2, pattern: ISO2_RE.source };
      break;
  }
  const typed = field.nullable ? { anyOf: [s, { type: "null" }] } : s;
  return field.description ? { description: field.description, ...typed } : typed;
}

// ---- batch files: which column names a row may carry ----------------------------------------------------------

/** Per-row context columns of a batch file (both spellings): they override the command's flags for that row. */
export const BATCH_CONTEXT_NAMES: readonly string[] = [
  "date",
  "destination",
  "buyer_hq",
  "buyerHq",
  // the shipment (src/engine/rules/evaluate.ts EvalContext): where from, what kind, region, party names
  "ship_from",
  "shipFrom",
  "kind",
  "region",
  "buyer",
  "consignee",
  // the item as software/technology, a .z item, and the buyer's owners (NAME:PERCENT; NAME:PERCENT …)
  "software_tech",
  "softwareTech",
  "also_eccn",
  "alsoEccn",
  "owned_by",
  "ownedBy",
];

/** data/chips.csv columns that describe a catalogue row but are no spec: a copy of the catalogue reads as a batch. */
export const BATCH_IGNORED_NAMES: readonly string[] = ["notes", "sources", "provenance"];

/**
 * Every name a batch row may carry: spec fields in both spellings, context and catalogue-only columns. `first`
 * puts that spelling first, so a suggestion keeps the spelling the file uses (fp8Tflop → fp8Tflops).
 */
export function batchNames(first: "column" | "key" = "column"): string[] {
  const names = new Set<string>();
  for (const f of SPEC_FIELDS) names.add(first === "column" ? f.column : f.key);
  for (const f of SPEC_FIELDS) names.add(first === "column" ? f.key : f.column);
  for (const n of [...BATCH_CONTEXT_NAMES, ...BATCH_IGNORED_NAMES]) names.add(n);
  return [...names];
}

/** Edit distance (insert, delete, substitute one character) between two short names. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The known name closest to `name` (case and _/- ignored first, then edit distance; ties keep table order). */
export function nearestName(name: string, known: readonly string[]): string {
  const norm = (s: string) => s.toLowerCase().replace(/[_\-\s]/g, "");
  let best = known[0] ?? "";
  let bestD = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = editDistance(norm(name), norm(k));
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/** A batch file's column (or a JSON row's key) that is no known name, with the nearest known one. */
export interface BatchNameError {
  name: string;
  nearest: string;
  /** `unknown column "fp8_tflop" (did you mean fp8_tflops?)` */
  message: string;
}

/**
 * Checks the names a batch file's rows carry. An unknown name is refused rather than skipped: a misspelled figure
 * (`fp8_tflop`) would otherwise be read as "not given" and could turn a licence-required chip into a free one.
 * `what` is "column" for CSV headers and "key" for JSON objects. Returns the first unknown name, or null.
 */
export function checkBatchNames(names: readonly string[], what: "column" | "key"): BatchNameError | null {
  const known = batchNames(what);
  const set = new Set(known);
  for (const name of names) {
    if (set.has(name)) continue;
    const nearest = nearestName(name, known);
    return {
      name,
      nearest,
      message: `unknown ${what} ${JSON.stringify(name)} (did you mean ${nearest}?)`,
    };
  }
  return null;
}

/** The figure columns (numbers: TFLOPS, TPP, die area …) a batch file may carry. */
export function batchFigureColumns(): string[] {
  return SPEC_FIELDS.filter((f) => f.rule.kind === "number").map((f) => f.column);
}

/** True when the names include at least one figure; without one, every row would classify from nothing. */
export function batchHasFigures(names: readonly string[]): boolean {
  return names.some((n) => SPEC_BY_NAME.get(n)?.rule.kind === "number");
}
