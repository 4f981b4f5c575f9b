/**
 * Merging a newer Epoch export into a dataset snapshot, and what changed. Pure: the CLI stores the result.
 */
import { measureGap } from "../engine/gap/lag.js";
import { modelObservations } from "../engine/gap/observations.js";
import type { ModelRecord } from "../engine/gap/types.js";
import { collapseModels, type EpochParse, nameKey } from "./epoch.js";
import { applyModelPolicy } from "./model-policy.js";

export interface Revision {
  id: string;
  field: keyof ModelRecord;
  before: unknown;
  after: unknown;
}

export interface MergeResult {
  models: ModelRecord[];
  added: ModelRecord[];
  revised: Revision[];
  /** ECI gap (months) on `gapDate`, before and after. */
  gap: { date: string | null; before: number | null; after: number | null };
}

const ECI_FIELDS: (keyof ModelRecord)[] = [
  "eci",
  "accessibility",
  "trainingComputeFlop",
  "organization",
  "countries",
  "bloc",
];
/** The ECI file repeats training compute from Epoch's models database; it fills a gap but never overrides it. */
const FILL_ONLY = new Set<keyof ModelRecord>(["trainingComputeFlop"]);
const DB_FIELDS: (keyof ModelRecord)[] = [
  "trainingComputeFlop",
  "computeMethod",
  "computeConfidence",
  "hardware",
  "hardwareQuantity",
  "accessibility",
];

/** ECI gap at the latest release date in `models` (or `date`). */
export function currentEciGap(
  models: readonly ModelRecord[],
  date?: string,
): { date: string | null; lag: number | null } {
  const obs = modelObservations(models, "eci");
  const last = date ?? obs.reduce<string | null>((d, o) => (d === null || o.date > d ? o.date : d), null);
  if (!last) return { date: null, lag: null };
  const g = measureGap(obs, { at: [last], from: last, to: last });
  return { date: last, lag: g.points[0]?.lagMonths ?? null };
}

/**
 * Applies a parsed export on top of `base`. ECI rows match a model by name and release date (a new dated version
 * is a new model); models-database rows match by name. Only non-empty incoming values revise a field.
 */
export function mergeEpoch(base: readonly ModelRecord[], parsed: EpochParse): MergeResult {
  // The same policy as the curated file (Unreleased and "*" restrictions, grades); the override files are the
  // bundled curation's own and are not applied to imports — an imported row is as Epoch publishes it.
  const incoming = applyModelPolicy(collapseModels(parsed.models)).models;
  const models = base.map((m) => ({ ...m, variants: [...m.variants] }));
  const byNameDate = new Map(models.map((m) => [`${nameKey(m.name)}|${m.releaseDate}`, m]));
  const byName = new Map<string, ModelRecord[]>();
  for (const m of models) {
    const list = byName.get(nameKey(m.name)) ?? [];
    list.push(m);
    byName.set(nameKey(m.name), list);
  }
  const ids = new Set(models.map((m) => m.id));
  const added: ModelRecord[] = [];
  const revised: Revision[] = [];
  const isEci = parsed.kind === "eci";
  for (const inc of incoming) {
    let target = byNameDate.get(`${nameKey(inc.name)}|${inc.releaseDate}`);
    if (!target && !isEci) {
      const list = byName.get(nameKey(inc.name));
      if (list) target = [...list].sort((a, b) => (a.releaseDate < b.releaseDate ? -1 : 1))[0];
    }
    if (!target) {
      let id = inc.id;
      if (ids.has(id)) id = `${id}-${inc.releaseDate}`;
      let n = 2;
      const stem = id;
      while (ids.has(id)) id = `${stem}-${n++}`;
      ids.add(id);
      const m = { ...inc, id, source: inc.source };
      models.push(m);
      added.push(m);
      continue;
    }
    const t = target as unknown as Record<string, unknown>;
    for (const f of isEci ? ECI_FIELDS : DB_FIELDS) {
      const after = (inc as unknown as Record<string, unknown>)[f];
      if (after === null || after === undefined || after === "") continue;
      if (f === "bloc" && !inc.countries) continue;
      if (isEci && FILL_ONLY.has(f) && t[f] !== null) continue;
      if (t[f] !== after) {
        revised.push({ id: target.id, field: f, before: t[f], after });
        t[f] = after;
      }
    }
    for (const v of inc.variants) if (!target.variants.includes(v)) target.variants.push(v);
    if (!target.source.includes(inc.source)) target.source += `; import ${inc.source}`;
  }
  models.sort((a, b) =>
    a.releaseDate < b.releaseDate ? -1 : a.releaseDate > b.releaseDate ? 1 : a.id < b.id ? -1 : 1,
  );
  const after = currentEciGap(models);
  const before = currentEciGap(base, after.date ?? undefined);
  return { models, added, revised, gap: { date: after.date, before: before.lag, after: after.lag } };
}
