/** API readers for the Chips page: catalogue, rule versions, regions, diffs and classification results. */
import type { Chip } from "../../src/engine/chips/types.js";
import type { VerdictRequirement } from "../../src/engine/format/verdict.js";
import { asList, getJson, postJson } from "./api.js";

export interface RuleInfo {
  id: string;
  title?: string;
  citation?: string;
  published?: string;
  effective?: string;
  status?: unknown;
  families?: string[];
}

export interface Region {
  kind: string; // "3A090.a" | "3A090.b" | "uncontrolled"
  polygon: [number, number][]; // [tpp, pd] vertices
}

export interface Reason {
  ruleId: string;
  paragraph?: string;
  test: string;
  values?: unknown;
  passed?: boolean | null;
  citation?: string;
}

export interface ClassifyResult {
  date: string;
  destination: string;
  buyerHq: string;
  rules?: { id: string; status?: string }[];
  classification: string;
  licenseRequired: boolean | null;
  reviewPolicy?: string | null;
  /** The requirements that impose the licence, strictest review policy first (the verdict line names them). */
  requirements?: VerdictRequirement[];
  transaction?: { kind: string; shipFrom: string; subjectToEar: boolean | null };
  exceptions?: string[];
  reasons?: Reason[];
}

export interface DiffRow {
  chipId: string;
  name?: string;
  before: string;
  after: string;
}

/** A memoised request that can also tell, synchronously, whether its answer is already here. */
export interface Once<T> {
  (): Promise<T>;
  /** The answer if the request has succeeded, else undefined (without starting it). */
  peek(): T | undefined;
}

/** Fetched once per page load and shared by every page (the catalogue and rule files do not change while serving). */
function once<T>(load: () => Promise<T>): Once<T> {
  let p: Promise<T> | null = null;
  let done: { value: T } | null = null;
  const get = () => {
    p ??= load().then(
      (value) => {
        done = { value };
        return value;
      },
      (e) => {
        p = null;
        throw e;
      },
    );
    return p;
  };
  return Object.assign(get, { peek: () => done?.value });
}

export const loadChips: Once<Chip[]> = once(async () => asList<Chip>(await getJson("chips"), "chips"));

export const loadRules: Once<RuleInfo[]> = once(async () =>
  asList<RuleInfo>(await getJson("rules"), "rules"),
);

const DEFAULT_EXTENT = { tpp: 1e6, pd: 1e4 };
const regionKey = (ruleId: string, datacenter: boolean, extent: { tpp: number; pd: number }) =>
  `${ruleId}|${datacenter}|${extent.tpp}|${extent.pd}`;
const regionCache = new Map<string, Promise<Region[]>>();
const regionDone = new Map<string, Region[]>();

/**
 * Regions of one rule in the TPP × PD plane from the rule engine's regions() via the API: each classification with
 * its rectangles. Edges the engine clipped to its view are pushed out to `extent` so the shading fills the chart.
 */
export function loadRegions(ruleId: string, datacenter: boolean, extent = DEFAULT_EXTENT): Promise<Region[]> {
  // Memoised: the page and the start-up prefetch in main.tsx share one request per rule and flag.
  const key = regionKey(ruleId, datacenter, extent);
  let p = regionCache.get(key);
  if (!p) {
    const q = fetchRegions(ruleId, datacenter, extent);
    q.then(
      (r) => regionDone.set(key, r),
      () => regionCache.delete(key),
    );
    regionCache.set(key, q);
    p = q;
  }
  return p;
}

/** The regions loadRegions() would answer, if that request has already succeeded; undefined otherwise. */
export function peekRegions(
  ruleId: string,
  datacenter: boolean,
  extent = DEFAULT_EXTENT,
): Region[] | undefined {
  return regionDone.get(regionKey(ruleId, datacenter, extent));
}

async function fetchRegions(
  ruleId: string,
  datacenter: boolean,
  extent: { tpp: number; pd: number },
): Promise<Region[]> {
  const body = await getJson(`rules/${encodeURIComponent(ruleId)}/regions`, {
    datacenter,
    tppMax: extent.tpp,
    pdMax: extent.pd,
  });
  const raw = asList<Record<string, unknown>>(body, "regions");
  const polys: Region[] = [];
  for (const r of raw) {
    const kind = String(r.classification ?? r.kind ?? "uncontrolled");
    const list = Array.isArray(r.polygons) ? (r.polygons as unknown[]) : r.polygon ? [r.polygon] : [];
    for (const poly of list) polys.push({ kind, polygon: asList<unknown>(poly).map(vertex) });
  }
  let xMax = 0;
  let yMax = 0;
  for (const p of polys)
    for (const [x, y] of p.polygon) {
      xMax = Math.max(xMax, x);
      yMax = Math.max(yMax, y);
    }
  for (const p of polys)
    p.polygon = p.polygon.map(([x, y]) => [x >= xMax ? extent.tpp : x, y >= yMax ? extent.pd : y]);
  return polys;
}

function vertex(v: unknown): [number, number] {
  if (Array.isArray(v)) return [Number(v[0]), Number(v[1])];
  const o = v as { tpp?: number; pd?: number };
  return [Number(o.tpp), Number(o.pd)];
}

export interface RegimeRow {
  row: number;
  ok: boolean;
  result?: ClassifyResult & { chip?: { id: string; name: string } };
  error?: { message: string; field?: string };
}

const regimeCache = new Map<string, Promise<RegimeRow[]>>();
const regimeDone = new Map<string, RegimeRow[]>();
const regimeKey = (date: string, destination: string, buyerHq: string) => `${date}|${destination}|${buyerHq}`;

/**
 * Every catalogue chip classified for one export context by POST /classify/batch: the same evaluate() the CLI runs,
 * so each dot's colour is the engine's answer for that day, destination and buyer. Memoised per context.
 */
export function loadRegime(date: string, destination: string, buyerHq: string): Promise<RegimeRow[]> {
  const key = regimeKey(date, destination, buyerHq);
  let p = regimeCache.get(key);
  if (!p) {
    const q = loadChips().then(async (chips) => {
      const body = await postJson<{ results: RegimeRow[] }>("classify/batch", {
        date,
        destination,
        buyerHq,
        rows: chips.map((c) => ({ chip: c.id })),
      });
      return body.results;
    });
    q.then(
      (r) => {
        regimeDone.set(key, r);
        if (regimeDone.size > 60) regimeDone.delete(regimeDone.keys().next().value!);
      },
      () => regimeCache.delete(key),
    );
    if (regimeCache.size > 60) regimeCache.delete(regimeCache.keys().next().value!);
    regimeCache.set(key, q);
    p = q;
  }
  return p;
}

export function peekRegime(date: string, destination: string, buyerHq: string): RegimeRow[] | undefined {
  return regimeDone.get(regimeKey(date, destination, buyerHq));
}

export async function loadRuleDiff(a: string, b: string): Promise<DiffRow[]> {
  const body = await getJson("rules/diff", { from: a, to: b });
  return asList<Record<string, unknown>>(body, "changes", "changed", "diff").map((d) => ({
    chipId: String(d.chipId ?? d.id ?? d.chip ?? ""),
    name: d.name === undefined ? undefined : String(d.name),
    before: describe(d.before ?? d.a ?? d.from),
    after: describe(d.after ?? d.b ?? d.to),
  }));
}

function describe(v: unknown): string {
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const lic = o.licenseRequired === true ? "licence" : o.licenseRequired === false ? "no licence" : "";
    return [o.classification, lic].filter(Boolean).join(", ");
  }
  return v === undefined || v === null ? "" : String(v);
}

/** Families whose tests live in the TPP × PD plane. */
const PLANE_FAMILIES = new Set(["perf_io", "tpp_pd"]);
export const drawable = (r: Partial<RuleInfo>) => (r.families ?? []).some((f) => PLANE_FAMILIES.has(f));

/** The latest rule version with plane criteria in effect on `date` (rules are listed by effective date). */
export function ruleOn(rules: RuleInfo[], date: string): RuleInfo | undefined {
  return rules.filter((r) => drawable(r) && r.effective !== undefined && r.effective <= date).at(-1);
}

/** The rule the Chips page shows first: the one in effect today. */
export function pickDefaultRule(rules: RuleInfo[]): RuleInfo | undefined {
  const today = new Date().toISOString().slice(0, 10);
  return ruleOn(rules, today) ?? rules[0];
}
