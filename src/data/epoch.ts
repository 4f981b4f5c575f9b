/**
 * Epoch AI exports → model records. Pure (no Node imports): the curation script, `data import-epoch` and
 * `gap --data` all parse the same way. Recognises a file by its header, validates every row and reports each
 * problem with line and field; a file with any error yields no rows.
 */
import { dayNumber } from "../engine/gap/dates.js";
import type { Accessibility, Bloc, ModelRecord } from "../engine/gap/types.js";
import { parseCsv } from "./csv.js";
import {
  checkDateBound,
  checkNumberBound,
  MAX_CELL_CHARS,
  MAX_IMPORT_ROWS,
  todayUtc,
} from "./import-bounds.js";
import { blocFromOrganizations, type BlocOverride, NOT_COMPARABLE } from "./model-policy.js";
import type { RowError } from "./models.js";

export type EpochKind = "eci" | "frontier" | "large-scale" | "notable" | "hardware";

const REQUIRED: Record<EpochKind, string[]> = {
  eci: ["Model version", "ECI Score", "Release date", "Organization", "Country", "Model name"],
  frontier: [
    "Model",
    "Publication date",
    "Organization",
    "Training compute (FLOP)",
    "Country (of organization)",
  ],
  "large-scale": [
    "Model",
    "Publication date",
    "Organization",
    "Training compute (FLOP)",
    "Country (of organization)",
  ],
  notable: [
    "Model",
    "Publication date",
    "Organization",
    "Training compute (FLOP)",
    "Country (of organization)",
  ],
  hardware: ["Hardware name", "Manufacturer", "Release date"],
};

/** Which Epoch export a header belongs to, or null. Distinguishing columns: see data/README.md. */
export function detectEpochKind(header: readonly string[]): EpochKind | null {
  const has = (c: string) => header.includes(c);
  if (has("ECI Score") || has("Model version")) return "eci";
  if (has("Hardware name")) return "hardware";
  if (has("Model") && has("Publication date")) {
    if (has("Open model weights?") || has("Training compute estimation method")) return "frontier";
    if (has("Organization categorization (from Organization)")) return "large-scale";
    return "notable";
  }
  return null;
}

/** One validated row of an Epoch model-level export (before variants are collapsed). */
export interface EpochModelRow {
  kind: Exclude<EpochKind, "hardware">;
  line: number;
  name: string;
  variant: string | null;
  organization: string;
  countries: string;
  date: string | null;
  accessibility: Accessibility | null;
  eci: number | null;
  compute: number | null;
  computeMethod: string | null;
  confidence: string | null;
  hardware: string | null;
  hardwareQuantity: number | null;
  /** ECI "Display name"; Epoch ends it with "*" when the score is not comparable. */
  displayName?: string | null;
}

export interface EpochHardwareRow {
  line: number;
  name: string;
  manufacturer: string;
  releaseDate: string | null;
  record: Record<string, string>;
}

export interface EpochParse {
  kind: EpochKind;
  file: string;
  models: EpochModelRow[];
  hardware: EpochHardwareRow[];
  errors: RowError[];
  /** Rows left out on purpose (no date, no name), with why; not errors. */
  skipped: { line: number; reason: string }[];
}

/** Epoch accessibility labels → ours. Empty stays unknown. */
export function mapAccessibility(label: string): Accessibility | null | undefined {
  const s = label.trim();
  if (s === "") return null;
  if (s.startsWith("Open weights")) return "open-weights";
  if (s === "API access" || s === "Hosted access (no API)") return "api";
  if (s === "Unreleased") return "unreleased";
  return undefined;
}

/**
 * Bloc from Epoch's country list alone (Hong Kong counted as China, as the 2022 chip rule's destinations are):
 * a US entry and no Chinese one → US, the other way round → CN, both → joint, neither (or empty) → other.
 * Third countries do not decide, in either direction (see model-policy.ts for the organisation rule).
 */
export function blocOf(countries: string): Bloc {
  return blocFromOrganizations("", countries).bloc;
}

/**
 * Parses one Epoch export. Never throws: a malformed file comes back as errors. Values outside the import bounds
 * (import-bounds.ts; dates judged against `opts.today`, default today UTC) are errors too.
 */
export function parseEpochCsv(text: string, file = "(input)", opts: { today?: string } = {}): EpochParse {
  const today = opts.today ?? todayUtc();
  const out: EpochParse = { kind: "eci", file, models: [], hardware: [], errors: [], skipped: [] };
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text);
  } catch (err) {
    out.errors.push({
      file,
      line: (err as { line?: number }).line ?? 1,
      field: "(file)",
      message: (err as Error).message,
    });
    return out;
  }
  const kind = detectEpochKind(table.header);
  if (!kind) {
    out.errors.push({
      file,
      line: 1,
      field: "(header)",
      message:
        "not a recognised Epoch export (expected the header of the ECI, notable / large-scale / frontier models or ML hardware CSV)",
    });
    return out;
  }
  out.kind = kind;
  if (table.rows.length > MAX_IMPORT_ROWS) {
    out.errors.push({
      file,
      line: 1,
      field: "(file)",
      message: `${table.rows.length} data rows exceed the limit of ${MAX_IMPORT_ROWS} rows per import`,
    });
    return out;
  }
  const missing = REQUIRED[kind].filter((c) => !table.header.includes(c));
  if (missing.length) {
    out.errors.push({
      file,
      line: 1,
      field: missing.join(", "),
      message: `missing column(s) for the ${kind} export`,
    });
    return out;
  }
  const seen = new Map<string, number>();
  for (const { line, record: r } of table.rows) {
    const errs: RowError[] = [];
    const err = (field: string, message: string) => errs.push({ file, line, field, message });
    for (const [col, cell] of Object.entries(r))
      if (cell.length > MAX_CELL_CHARS)
        err(
          col,
          `invalid ${col}: ${JSON.stringify(cell.slice(0, 40))}… (${cell.length} characters; the limit is ${MAX_CELL_CHARS})`,
        );
    const num = (field: string, positive = false): number | null => {
      const raw = (r[field] ?? "").trim();
      if (raw === "") return null;
      const n = Number(raw);
      if (!Number.isFinite(n)) {
        err(field, `invalid ${field}: ${JSON.stringify(raw)} (must be a number)`);
        return null;
      }
      if (positive && n <= 0) {
        err(field, `invalid ${field}: ${raw} (must be > 0)`);
        return null;
      }
      const outside = checkNumberBound(field, n);
      if (outside) {
        err(field, outside);
        return null;
      }
      return n;
    };
    const date = (field: string): string | null => {
      const raw = (r[field] ?? "").trim();
      if (raw === "") return null;
      if (Number.isNaN(dayNumber(raw))) {
        err(field, `invalid ${field}: ${JSON.stringify(raw)} (must be a date YYYY-MM-DD)`);
        return null;
      }
      const outside = checkDateBound(field, raw, today);
      if (outside) {
        err(field, outside);
        return null;
      }
      return raw;
    };
    const key =
      kind === "eci"
        ? (r["Model version"] ?? "").trim()
        : kind === "hardware"
          ? (r["Hardware name"] ?? "").trim()
          : (r.Model ?? "").trim();
    if (key) {
      const prev = seen.get(key);
      if (prev !== undefined)
        err(
          kind === "eci" ? "Model version" : kind === "hardware" ? "Hardware name" : "Model",
          `duplicate row: ${JSON.stringify(key)} (first on line ${prev})`,
        );
      else seen.set(key, line);
    }
    if (kind === "hardware") {
      const releaseDate = date("Release date");
      for (const c of [
        "Tensor-FP16/BF16 performance (FLOP/s)",
        "FP8 performance (FLOP/s)",
        "Memory bandwidth (byte/s)",
        "TDP (W)",
        "Die Size (mm^2)",
      ])
        if (c in r) num(c, true);
      if (!key) err("Hardware name", "Hardware name is empty");
      if (errs.length) out.errors.push(...errs);
      else
        out.hardware.push({ line, name: key, manufacturer: r.Manufacturer!.trim(), releaseDate, record: r });
      continue;
    }
    const isEci = kind === "eci";
    const d = date(isEci ? "Release date" : "Publication date");
    const eci = isEci ? num("ECI Score") : null;
    const compute = num("Training compute (FLOP)", true);
    const qty = "Hardware quantity" in r ? num("Hardware quantity", true) : null;
    let access = mapAccessibility(r["Model accessibility"] ?? "");
    if (access === undefined) {
      err(
        "Model accessibility",
        `invalid Model accessibility: ${JSON.stringify(r["Model accessibility"])} (unknown label)`,
      );
      access = null;
    }
    if (access === null && kind === "frontier") {
      const ow = (r["Open model weights?"] ?? "").trim();
      if (ow === "Yes") access = "open-weights";
    }
    if (errs.length) {
      out.errors.push(...errs);
      continue;
    }
    const name = isEci ? (r["Model name"] ?? "").trim() || (r["Display name"] ?? "").trim() : key;
    if (!name) {
      out.skipped.push({ line, reason: "no model name" });
      continue;
    }
    if (!d) {
      out.skipped.push({ line, reason: `${name}: no release date` });
      continue;
    }
    out.models.push({
      kind,
      line,
      name: name.replace(/\s+/g, " "),
      variant: isEci ? key : null,
      organization: (r.Organization ?? "").trim(),
      countries: (r[isEci ? "Country" : "Country (of organization)"] ?? "").trim(),
      date: d,
      accessibility: access,
      eci,
      compute,
      computeMethod: (r["Training compute estimation method"] ?? "").trim() || null,
      confidence: (r.Confidence ?? "").trim() || null,
      hardware: (r["Training hardware"] ?? "").trim() || null,
      hardwareQuantity: qty,
      displayName: isEci ? (r["Display name"] ?? "").trim() || null : null,
    });
  }
  return out;
}

/** Normalised name used to match one model across Epoch files. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, " ").trim();
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const FILE_OF: Record<EpochModelRow["kind"], string> = {
  eci: "epoch_capabilities_index.csv",
  frontier: "frontier_ai_models.csv",
  "large-scale": "large_scale_ai_models.csv",
  notable: "notable_ai_models.csv",
};

/** A variant id with a host prefix ("fireworks/kimi-k2p5", "chutes/…"): the same weights run by a third party. */
function isHostVariant(variant: string | null): boolean {
  return variant?.includes("/") ?? false;
}

/** A host's re-evaluation dated this many days or fewer after the developer's release joins that release. */
export const HOST_JOIN_DAYS = 31;

/**
 * Collapses Epoch rows into one record per model and release date.
 * - ECI rows with the same model name and release date are variants (effort levels, hosts): best ECI kept, every
 *   variant id listed. The same name on different dates stays separate (a later version is a later release),
 *   except a host's re-run (`host/model` id) dated up to HOST_JOIN_DAYS after the developer's own row of that
 *   name: it is the same release (e.g. chutes/Llama-4-Maverick one day after Meta's).
 * - Models-database rows (frontier > large-scale > notable: first non-empty field wins) attach their training
 *   compute, method, confidence, hardware and accessibility to the ECI entry of the same name and date, else the
 *   earliest ECI entry of that name; without any ECI entry they stand alone when they carry a compute estimate.
 *   The compute confidence is the highest-priority file's label even when a lower file carries the figure.
 * - Bloc by organisation (model-policy.ts, with `opts.blocOverrides`); only US, CN and joint models are kept.
 * - Provenance `unverified` when any ECI row of the model carries Epoch's "Unverified"; restriction when a
 *   display name ends with "*" (score not comparable).
 */
export function collapseModels(
  rows: readonly EpochModelRow[],
  opts: { blocOverrides?: readonly BlocOverride[] } = {},
): ModelRecord[] {
  const blocFor = (organization: string, countries: string) =>
    blocFromOrganizations(organization, countries, opts.blocOverrides ?? []);
  const byKey = new Map<string, ModelRecord>();
  const eciByName = new Map<string, ModelRecord[]>();
  const unverified = new Set<ModelRecord>();
  const notComparable = new Set<ModelRecord>();
  const eciRows = rows.filter((r) => r.kind === "eci");
  const ordered = [
    ...eciRows.filter((r) => !isHostVariant(r.variant)),
    ...eciRows.filter((r) => isHostVariant(r.variant)),
  ];
  for (const r of ordered) {
    const k = `${nameKey(r.name)}|${r.date}`;
    let m = byKey.get(k);
    if (!m && isHostVariant(r.variant)) {
      const day = dayNumber(r.date!);
      m = (eciByName.get(nameKey(r.name)) ?? [])
        .filter((t) => {
          const d = day - dayNumber(t.releaseDate);
          return d >= 0 && d <= HOST_JOIN_DAYS;
        })
        .sort((a, b) => (a.releaseDate > b.releaseDate ? -1 : 1))[0];
    }
    if (!m) {
      const b = blocFor(r.organization, r.countries);
      m = {
        id: "",
        name: r.name,
        organization: r.organization,
        bloc: b.bloc,
        countries: r.countries,
        releaseDate: r.date!,
        accessibility: r.accessibility,
        trainingComputeFlop: r.compute,
        computeMethod: null,
        computeConfidence: r.compute !== null ? r.confidence : null,
        hardware: null,
        hardwareQuantity: null,
        eci: r.eci,
        gpqaDiamond: null,
        arenaElo: null,
        variants: [],
        source: `${FILE_OF.eci}: ${r.name}`,
        blocBasis: b.basis,
      };
      byKey.set(k, m);
      const list = eciByName.get(nameKey(r.name)) ?? [];
      list.push(m);
      eciByName.set(nameKey(r.name), list);
    } else {
      if (r.eci !== null && (m.eci === null || r.eci > m.eci)) m.eci = r.eci;
      if (m.accessibility === null) m.accessibility = r.accessibility;
      if (m.trainingComputeFlop === null && r.compute !== null) {
        m.trainingComputeFlop = r.compute;
        m.computeConfidence = r.confidence;
      }
      if (!m.organization) m.organization = r.organization;
      if (!m.countries) {
        m.countries = r.countries;
        const b = blocFor(m.organization, r.countries);
        m.bloc = b.bloc;
        m.blocBasis = b.basis;
      }
    }
    if (r.variant && !m.variants.includes(r.variant)) m.variants.push(r.variant);
    if (r.confidence === "Unverified") unverified.add(m);
    if (r.displayName?.endsWith("*")) notComparable.add(m);
  }
  const priority: EpochModelRow["kind"][] = ["frontier", "large-scale", "notable"];
  const dbRows = rows
    .filter((r) => r.kind !== "eci")
    .sort((a, b) => priority.indexOf(a.kind) - priority.indexOf(b.kind));
  const dbByName = new Map<string, EpochModelRow[]>();
  for (const r of dbRows) {
    const list = dbByName.get(nameKey(r.name)) ?? [];
    list.push(r);
    dbByName.set(nameKey(r.name), list);
  }
  const standalone: ModelRecord[] = [];
  for (const [key, list] of dbByName) {
    const first = <T>(get: (r: EpochModelRow) => T | null): T | null => {
      for (const r of list) {
        const v = get(r);
        if (v !== null && v !== "") return v;
      }
      return null;
    };
    const compute = first((r) => r.compute);
    const computeRow = list.find((r) => r.compute !== null);
    const files = [...new Set(list.map((r) => FILE_OF[r.kind]))].join(" + ");
    const targets = eciByName.get(key);
    if (targets) {
      const date = list[0]!.date;
      const target =
        targets.find((t) => t.releaseDate === date) ??
        [...targets].sort((a, b) => (a.releaseDate < b.releaseDate ? -1 : 1))[0]!;
      if (compute !== null) {
        target.trainingComputeFlop = compute;
        target.computeMethod = computeRow?.computeMethod ?? first((r) => r.computeMethod);
        target.computeConfidence = first((r) => r.confidence);
      }
      target.hardware = first((r) => r.hardware);
      target.hardwareQuantity = first((r) => r.hardwareQuantity);
      if (target.accessibility === null) target.accessibility = first((r) => r.accessibility);
      target.source += `; ${files}: ${list[0]!.name}`;
      continue;
    }
    if (compute === null) continue;
    const countries = first((r) => r.countries) ?? "";
    const organization = first((r) => r.organization) ?? "";
    const b = blocFor(organization, countries);
    standalone.push({
      id: "",
      name: list[0]!.name,
      organization,
      bloc: b.bloc,
      blocBasis: b.basis,
      countries,
      releaseDate: list[0]!.date!,
      accessibility: first((r) => r.accessibility),
      trainingComputeFlop: compute,
      computeMethod: computeRow?.computeMethod ?? first((r) => r.computeMethod),
      computeConfidence: first((r) => r.confidence),
      hardware: first((r) => r.hardware),
      hardwareQuantity: first((r) => r.hardwareQuantity),
      eci: null,
      gpqaDiamond: null,
      arenaElo: null,
      variants: [],
      source: `${files}: ${list[0]!.name}`,
    });
  }
  for (const m of byKey.values()) {
    m.provenance = { grade: unverified.has(m) ? "unverified" : "dataset", fields: {} };
    m.restriction = notComparable.has(m) ? NOT_COMPARABLE : null;
  }
  for (const m of standalone) {
    m.provenance = { grade: "dataset", fields: {} };
    m.restriction = null;
  }
  const all = [...new Set(byKey.values()), ...standalone].filter(
    (m) =>
      (m.bloc === "US" || m.bloc === "CN" || m.bloc === "joint") &&
      (m.eci !== null || m.trainingComputeFlop !== null),
  );
  all.sort((a, b) =>
    a.releaseDate < b.releaseDate
      ? -1
      : a.releaseDate > b.releaseDate
        ? 1
        : a.name < b.name
          ? -1
          : a.name > b.name
            ? 1
            : 0,
  );
  const count = new Map<string, number>();
  for (const m of all) count.set(slug(m.name), (count.get(slug(m.name)) ?? 0) + 1);
  const used = new Set<string>();
  for (const m of all) {
    let id = slug(m.name) || "model";
    if ((count.get(id) ?? 0) > 1) id = `${id}-${m.releaseDate}`;
    let n = 2;
    const base = id;
    while (used.has(id)) id = `${base}-${n++}`;
    used.add(id);
    m.id = id;
  }
  return all;
}
