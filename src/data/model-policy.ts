/**
 * The curation policy for observed-model rows, beyond Epoch's own fields (pure; no Node imports):
 * - organisation → bloc: by the headquarters of the organisation's ultimate parent. Epoch's country field records
 *   where a lab sits; it agrees with the parent's headquarters except for foreign labs of a US or Chinese parent,
 *   which data/bloc-overrides.csv lists with a source. Third countries never decide: a row is US when it has a
 *   US organisation and no Chinese one, CN the other way round, joint with both, other with neither.
 * - per-model overrides (data/model-overrides.csv): a field Epoch leaves empty or labels differently than its own
 *   notes say, filled from a cited source (e.g. open weights published on Hugging Face), and restrictions.
 * - restrictions: a row is left out of the capability frontiers by default when it is not generally available
 *   (Epoch: Unreleased, or an override with a source) or its score is not comparable (Epoch's display name ends
 *   with "*": scored on the developer's own version of the benchmarks).
 */
import type { Accessibility, Bloc, ModelRecord } from "../engine/gap/types.js";
import { z } from "zod";
import { formatProvenance, type Grade, isGrade } from "../engine/provenance.js";
import { DataFileError, oneOf, parseTable, requiredDate, requiredText, sourceList } from "./table.js";

export const BLOC_OVERRIDE_COLUMNS = ["organization", "bloc", "reason", "source"] as const;

export interface BlocOverride {
  organization: string;
  bloc: "US" | "CN" | "other";
  reason: string;
  source: string[];
}

const blocOverrideRow = z.object({
  organization: requiredText,
  bloc: oneOf(["US", "CN", "other"] as const),
  reason: requiredText,
  source: sourceList,
});

/** Parses data/bloc-overrides.csv; throws a DataFileError naming file, row and field. */
export function parseBlocOverridesCsv(text: string, file = "data/bloc-overrides.csv"): BlocOverride[] {
  const rows = parseTable(text, file, BLOC_OVERRIDE_COLUMNS, blocOverrideRow, (r) =>
    r.organization?.trim() ? `organization ${r.organization.trim()}` : null,
  );
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const { line, value } of rows) {
    const k = value.organization.toLowerCase();
    if (seen.has(k))
      problems.push(`${file} row ${line}, field organization: duplicate ${value.organization}`);
    seen.add(k);
  }
  if (problems.length) throw new DataFileError(file, problems);
  return rows.map((r) => r.value);
}

const US = "United States of America";
const CN = new Set(["China", "Hong Kong"]);

function countryBloc(country: string): Bloc {
  if (country === US) return "US";
  if (CN.has(country)) return "CN";
  return "other";
}

function combine(blocs: Iterable<Bloc>): Bloc {
  let us = false;
  let cn = false;
  for (const b of blocs) {
    if (b === "US") us = true;
    else if (b === "CN") cn = true;
  }
  return us && cn ? "joint" : us ? "US" : cn ? "CN" : "other";
}

/**
 * Bloc of a model from its organisations and Epoch's country field. When Epoch lists one country per organisation
 * (the counts match) each organisation is mapped on its own, an override replacing its country; otherwise the
 * country list decides, and overrides apply only when every organisation has one.
 */
export function blocFromOrganizations(
  organization: string,
  countries: string,
  overrides: readonly BlocOverride[] = [],
): { bloc: Bloc; basis: string } {
  const split = (s: string) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean);
  const orgs = split(organization);
  const list = split(countries);
  const byOrg = new Map(overrides.map((o) => [o.organization.toLowerCase(), o]));
  const hits = orgs.map((o) => byOrg.get(o.toLowerCase()));
  const used = hits.filter((h): h is BlocOverride => h !== undefined);
  const basis = used.length
    ? `override: ${used.map((h) => `${h.organization} → ${h.bloc}`).join("; ")}`
    : "countries";
  if (used.length && orgs.length === list.length)
    return { bloc: combine(orgs.map((_, i) => hits[i]?.bloc ?? countryBloc(list[i]!))), basis };
  if (used.length && used.length === orgs.length) return { bloc: combine(used.map((h) => h.bloc)), basis };
  return { bloc: combine(list.map(countryBloc)), basis: "countries" };
}

// ---- per-model overrides ------------------------------------------------------------------------------------

export const MODEL_OVERRIDE_COLUMNS = [
  "name",
  "release_date",
  "field",
  "value",
  "grade",
  "reason",
  "source",
] as const;

export const OVERRIDABLE = ["accessibility", "restriction", "compute_confidence", "drop"] as const;
export type Overridable = (typeof OVERRIDABLE)[number];

export interface ModelOverride {
  name: string;
  releaseDate: string;
  field: Overridable;
  value: string;
  grade: Grade;
  reason: string;
  source: string[];
}

const gradeField = z.string().transform((s, ctx): Grade => {
  const t = s.trim();
  if (isGrade(t)) return t;
  ctx.addIssue({ code: "custom", message: `${JSON.stringify(t)} is not a provenance grade` });
  return z.NEVER;
});

const modelOverrideRow = z
  .object({
    name: requiredText,
    release_date: requiredDate,
    field: oneOf(OVERRIDABLE),
    value: z.string().transform((s) => s.trim()),
    grade: gradeField,
    reason: requiredText,
    source: sourceList,
  })
  .superRefine((r, ctx) => {
    if (r.field === "accessibility" && !["open-weights", "api", "unreleased"].includes(r.value))
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: `${JSON.stringify(r.value)} is not an accessibility (open-weights, api, unreleased)`,
      });
    if (r.field !== "drop" && r.value === "")
      ctx.addIssue({ code: "custom", path: ["value"], message: "is required but empty" });
  });

/** Parses data/model-overrides.csv; throws a DataFileError naming file, row and field. */
export function parseModelOverridesCsv(text: string, file = "data/model-overrides.csv"): ModelOverride[] {
  return parseTable(text, file, MODEL_OVERRIDE_COLUMNS, modelOverrideRow, (r) =>
    r.name?.trim() ? `${r.name.trim()} ${r.release_date?.trim() ?? ""}`.trim() : null,
  ).map(({ value: r }) => ({
    name: r.name,
    releaseDate: r.release_date,
    field: r.field,
    value: r.value,
    grade: r.grade,
    reason: r.reason,
    source: r.source,
  }));
}

/** Epoch's marker for a score that is not comparable with the others: a display name ending in "*". */
export const NOT_COMPARABLE =
  "score not comparable: Epoch marks it * (measured on the developer's own version of the evaluations)";
export const UNRELEASED = "not generally available: Epoch lists the model as Unreleased";

export interface PolicyResult {
  models: ModelRecord[];
  /** Overrides that matched no row (name + release date): the override file is out of date. */
  unmatched: ModelOverride[];
}

/**
 * Applies per-model overrides, the Unreleased restriction and field grades to collapsed rows (order kept; the
 * rows are copied). Keeps what collapseModels set (row grade, "*" restriction) and adds:
 * `training_compute_flop=estimate` when Epoch's compute confidence is Speculative; an overridden field takes
 * the override's grade; `drop` removes a row.
 */
export function applyModelPolicy(
  models: readonly ModelRecord[],
  opts: { overrides?: readonly ModelOverride[] } = {},
): PolicyResult {
  const key = (name: string, date: string) => `${name.toLowerCase()}|${date}`;
  const byKey = new Map<string, ModelOverride[]>();
  for (const o of opts.overrides ?? []) {
    const k = key(o.name, o.releaseDate);
    byKey.set(k, [...(byKey.get(k) ?? []), o]);
  }
  const matched = new Set<ModelOverride>();
  const out: ModelRecord[] = [];
  for (const m0 of models) {
    const m: ModelRecord = { ...m0 };
    const fields: Record<string, Grade> = { ...m.provenance?.fields };
    const reasons: string[] = m.restriction ? [m.restriction] : [];
    let drop = false;
    for (const o of byKey.get(key(m.name, m.releaseDate)) ?? []) {
      matched.add(o);
      const note = `${o.reason} (${o.source.join("; ")})`;
      switch (o.field) {
        case "accessibility":
          m.accessibility = o.value as Accessibility;
          fields.accessibility = o.grade;
          break;
        case "compute_confidence":
          m.computeConfidence = o.value;
          fields.compute_confidence = o.grade;
          if (o.value.toLowerCase() === "speculative" && m.trainingComputeFlop !== null)
            fields.training_compute_flop = "estimate";
          break;
        case "restriction":
          reasons.push(`${o.value}: ${note}`);
          fields.restriction = o.grade;
          break;
        case "drop":
          drop = true;
          break;
      }
    }
    if (drop) continue;
    if (m.accessibility === "unreleased") reasons.push(UNRELEASED);
    if (m.computeConfidence?.toLowerCase() === "speculative" && m.trainingComputeFlop !== null)
      fields.training_compute_flop = "estimate";
    m.restriction = reasons.length ? reasons.join("; ") : null;
    m.provenance = { grade: m.provenance?.grade ?? "dataset", fields };
    out.push(m);
  }
  return { models: out, unmatched: (opts.overrides ?? []).filter((o) => !matched.has(o)) };
}

/** The provenance cell of a model row. */
export function modelProvenanceCell(m: ModelRecord): string {
  return m.provenance ? formatProvenance(m.provenance) : "";
}
