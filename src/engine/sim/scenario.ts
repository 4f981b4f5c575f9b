/**
 * Scenario files: schema, `extends` resolution and `--set` overrides. A scenario is parameters (distributions,
 * optionally piecewise by date) plus dated, typed, cited policy events.
 */
import { z } from "zod";
import { dayNumber } from "../gap/dates.js";
import { type Dist, lognormalFromQuantiles } from "./distributions.js";
import { isParamName, PARAM_NAMES, PARAMS, type ParamName } from "./params.js";
import { quarterIndex } from "./quarters.js";

const QUARTER_RE = /^\d{4}Q[1-4]$/;
const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const quarter = z.string().regex(QUARTER_RE, "must be a quarter like 2022Q3");
// The pattern alone lets 2024-02-31 through; the calendar check refuses a day the month does not have.
const date = z
  .string()
  .regex(DATE_RE, "must be a date YYYY-MM-DD")
  .refine((s) => !DATE_RE.test(s) || !Number.isNaN(dayNumber(s)), "must be a date that exists");
const citation = z.string().min(1, "must cite a source (or start with 'assumption:')");
const multiplier = z.number().nonnegative();
const base = { id: z.string().min(1).optional(), citation, note: z.string().optional() };

export const eventSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("rule"),
    ...base,
    rule: z.string().min(1),
    /** When buyers learnt of (or anticipated) the rule: stockpiling runs from here to `effective`. */
    announced: date.optional(),
    effective: date,
  }),
  z.strictObject({
    type: z.literal("licence"),
    ...base,
    chip: z.string().min(1),
    from: date,
    to: date.optional(),
    volumeCapUnitsPerQuarter: z.number().nonnegative().optional(),
  }),
  z.strictObject({ type: z.literal("enforcement"), ...base, date, multiplier }),
  z.strictObject({ type: z.literal("remote-access"), ...base, date, multiplier }),
  z.strictObject({ type: z.literal("equipment"), ...base, date, multiplier }),
  z.strictObject({ type: z.literal("hbm"), ...base, date, multiplier }),
  z.strictObject({ type: z.literal("demand"), ...base, date, multiplier }),
]);
export type ScenarioEvent = z.infer<typeof eventSchema>;
export type EventType = ScenarioEvent["type"];

const conditionRe = /^([A-Za-z][A-Za-z0-9]*)@(\d{4}Q[1-4])\s*(<=|>=|<|>)\s*(-?[\d.]+(?:e[+-]?\d+)?)$/;

const rawSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes"),
  description: z.string().min(1),
  extends: z.string().optional(),
  start: quarter.default("2022Q3"),
  horizon: quarter.default("2030Q4"),
  draws: z.number().int().positive().default(10_000),
  seed: z.number().int().nonnegative().default(1),
  params: z.record(z.string(), z.unknown()).default({}),
  events: z.array(eventSchema).default([]),
  /** Event ids inherited through `extends` to leave out; "*" drops them all. */
  dropEvents: z.array(z.string()).optional(),
  conditions: z.array(z.string().regex(conditionRe, "must look like gapMonths@2028Q4<6")).default([]),
  notes: z.string().optional(),
});

/** A parameter after validation: one distribution, or segments that start at quarter indices. */
export interface ParamDef {
  segments: { from: number; dist: Dist }[];
  source?: string;
  assumption?: string;
}

export interface Condition {
  text: string;
  variable: string;
  quarter: string;
  op: "<" | "<=" | ">" | ">=";
  value: number;
}

export interface Scenario {
  name: string;
  description: string;
  start: string;
  horizon: string;
  draws: number;
  seed: number;
  params: Record<ParamName, ParamDef>;
  events: ScenarioEvent[];
  conditions: Condition[];
  /** The chain of scenario names this one was built from, itself first. */
  lineage: string[];
}

/** A validation problem with the dotted path it concerns, e.g. `params.leakRate.p95`. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: ScenarioIssue[] };

export function formatIssues(issues: ScenarioIssue[]): string {
  return issues.map((i) => `invalid ${i.path || "scenario"}: ${i.message}`).join("\n");
}

const fin = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Validates one distribution object; returns the normalised Dist or pushes issues naming `path`. */
function parseDist(raw: unknown, path: string, issues: ScenarioIssue[]): Dist | null {
  if (fin(raw)) return { dist: "point", value: raw };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    issues.push({ path, message: `${JSON.stringify(raw)} (must be a number or a distribution object)` });
    return null;
  }
  const o = raw as Record<string, unknown>;
  const kind = o.dist;
  const allowed: Record<string, string[]> = {
    point: ["value"],
    uniform: ["min", "max"],
    normal: ["mean", "sd"],
    lognormal: ["median", "p5", "p95", "mu", "sigma"],
    loguniform: ["min", "max"],
    triangular: ["min", "mode", "max"],
    pert: ["min", "mode", "max", "lambda"],
  };
  if (typeof kind !== "string" || !allowed[kind]) {
    issues.push({
      path: `${path}.dist`,
      message: `${JSON.stringify(kind)} (must be one of ${Object.keys(allowed).join(", ")})`,
    });
    return null;
  }
  const before = issues.length;
  for (const k of Object.keys(o)) {
    if (k === "dist" || k === "source" || k === "assumption" || k === "note") continue;
    if (!allowed[kind]!.includes(k))
      issues.push({ path: `${path}.${k}`, message: `not a field of a ${kind} distribution` });
  }
  const need = (k: string, why?: (v: number) => string | null): number => {
    const v = o[k];
    if (!fin(v)) {
      issues.push({
        path: `${path}.${k}`,
        message: `${v === undefined ? "missing" : JSON.stringify(v)} (must be a finite number)`,
      });
      return Number.NaN;
    }
    const bad = why?.(v);
    if (bad) issues.push({ path: `${path}.${k}`, message: `${v} (${bad})` });
    return v;
  };
  const opt = (k: string) =>
    o[k] === undefined ? undefined : need(k, (v) => (v > 0 ? null : "must be > 0"));
  const ordered = (lo: string) => (v: number) => {
    const a = o[lo];
    return fin(a) && v < a ? `must be ≥ ${lo} (${a})` : null;
  };
  let d: Dist | null = null;
  switch (kind) {
    case "point":
      d = { dist: "point", value: need("value") };
      break;
    case "uniform":
      d = { dist: "uniform", min: need("min"), max: need("max", ordered("min")) };
      break;
    case "normal":
      d = { dist: "normal", mean: need("mean"), sd: need("sd", (v) => (v >= 0 ? null : "must be ≥ 0")) };
      break;
    case "loguniform": {
      const min = need("min", (v) => (v > 0 ? null : "must be > 0"));
      d = { dist: "loguniform", min, max: need("max", ordered("min")) };
      break;
    }
    case "triangular":
    case "pert": {
      const min = need("min");
      const mode = need("mode", ordered("min"));
      const max = need("max", ordered("mode"));
      if (kind === "triangular") d = { dist: "triangular", min, mode, max };
      else {
        const lambda = o.lambda === undefined ? 4 : need("lambda", (v) => (v > 0 ? null : "must be > 0"));
        d = { dist: "pert", min, mode, max, lambda };
      }
      break;
    }
    case "lognormal": {
      if (o.mu !== undefined || o.sigma !== undefined) {
        if (o.median !== undefined || o.p5 !== undefined || o.p95 !== undefined)
          issues.push({ path, message: "give either median with p5/p95, or mu with sigma, not both" });
        d = {
          dist: "lognormal",
          mu: need("mu"),
          sigma: need("sigma", (v) => (v >= 0 ? null : "must be ≥ 0")),
        };
        break;
      }
      const median = need("median", (v) => (v > 0 ? null : "must be > 0"));
      const p5 = opt("p5");
      const p95 = opt("p95");
      if (p5 === undefined && p95 === undefined)
        issues.push({ path: `${path}.p95`, message: "missing (give p5 and/or p95)" });
      if (p95 !== undefined && fin(median) && p95 <= median)
        issues.push({ path: `${path}.p95`, message: `${p95} (must be > median ${median})` });
      if (p5 !== undefined && fin(median) && p5 >= median)
        issues.push({ path: `${path}.p5`, message: `${p5} (must be < median ${median})` });
      d = { dist: "lognormal", ...lognormalFromQuantiles(median, p5, p95) };
      break;
    }
  }
  return issues.length > before ? null : d;
}

function parseParam(name: string, raw: unknown, start: number, issues: ScenarioIssue[]): ParamDef | null {
  const path = `params.${name}`;
  if (!isParamName(name)) {
    issues.push({ path, message: `unknown parameter (known: ${PARAM_NAMES.join(", ")})` });
    return null;
  }
  const spec = PARAMS[name];
  const meta: Pick<ParamDef, "source" | "assumption"> = {};
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    if (typeof o.source === "string") meta.source = o.source;
    if (typeof o.assumption === "string") meta.assumption = o.assumption;
    if (o.piecewise !== undefined) {
      if (!spec.timeVarying) {
        issues.push({ path: `${path}.piecewise`, message: "this parameter cannot vary over time" });
        return null;
      }
      for (const k of Object.keys(o))
        if (!["piecewise", "source", "assumption", "note"].includes(k))
          issues.push({ path: `${path}.${k}`, message: "not allowed beside piecewise" });
      if (!Array.isArray(o.piecewise) || o.piecewise.length === 0) {
        issues.push({ path: `${path}.piecewise`, message: "must be a non-empty list of { from, dist, … }" });
        return null;
      }
      const segments: ParamDef["segments"] = [];
      o.piecewise.forEach((seg: unknown, i: number) => {
        const sp = `${path}.piecewise.${i}`;
        const so = (typeof seg === "object" && seg !== null ? seg : {}) as Record<string, unknown>;
        const fromQ = typeof so.from === "string" ? quarterIndex(so.from) : null;
        if (i === 0 && so.from === undefined) {
          /* the first segment may omit from: it starts with the run */
        } else if (fromQ === null) {
          issues.push({
            path: `${sp}.from`,
            message: `${JSON.stringify(so.from)} (must be a quarter like 2025Q2)`,
          });
          return;
        }
        const { from: _f, ...rest } = so;
        const dist = parseDist(rest, sp, issues);
        const from = fromQ ?? start;
        const prev = segments[segments.length - 1];
        if (prev && from <= prev.from)
          issues.push({ path: `${sp}.from`, message: `${so.from} (segments must be in date order)` });
        if (dist) segments.push({ from, dist });
      });
      if (segments[0] && segments[0].from > start) segments[0].from = start;
      return checkDomain(name, { segments, ...meta }, issues);
    }
  }
  const dist = parseDist(raw, path, issues);
  return dist ? checkDomain(name, { segments: [{ from: start, dist }], ...meta }, issues) : null;
}

/** Bounded distributions must stay inside the parameter's domain (normal/lognormal tails are clamped instead). */
function checkDomain(name: ParamName, def: ParamDef, issues: ScenarioIssue[]): ParamDef | null {
  const { min, max } = PARAMS[name];
  for (const [i, s] of def.segments.entries()) {
    const d = s.dist;
    const path = def.segments.length > 1 ? `params.${name}.piecewise.${i}` : `params.${name}`;
    const lo = d.dist === "point" ? d.value : "min" in d ? d.min : null;
    const hi = d.dist === "point" ? d.value : "max" in d ? d.max : null;
    const field = d.dist === "point" ? "value" : "min";
    if (lo !== null && lo < min)
      issues.push({ path: `${path}.${field}`, message: `${lo} (must be ≥ ${min})` });
    if (hi !== null && hi > max)
      issues.push({
        path: `${path}.${d.dist === "point" ? "value" : "max"}`,
        message: `${hi} (must be ≤ ${max})`,
      });
  }
  return def;
}

/** Reads a `--set name=value` override: a number or a YAML/JSON distribution already parsed by the caller. */
export function applyOverrides(
  raw: Record<string, unknown>,
  overrides: Record<string, unknown>,
): Record<string, unknown> {
  const params = { ...((raw.params as Record<string, unknown> | undefined) ?? {}) };
  for (const [k, v] of Object.entries(overrides)) params[k] = v;
  return { ...raw, params };
}

/**
 * Merges a raw scenario with the chain it extends (child wins per parameter; child events are appended after
 * the parent's minus `dropEvents`). `lookup` returns the raw object of a named scenario, or null.
 */
export function resolveExtends(
  raw: Record<string, unknown>,
  lookup: (name: string) => Record<string, unknown> | null,
): Result<{ raw: Record<string, unknown>; lineage: string[] }> {
  const chain: Record<string, unknown>[] = [raw];
  const seen = new Set<string>([String(raw.name)]);
  let cur = raw;
  while (typeof cur.extends === "string") {
    const parentName = cur.extends;
    if (seen.has(parentName))
      return { ok: false, issues: [{ path: "extends", message: `${JSON.stringify(parentName)} (cycle)` }] };
    const parent = lookup(parentName);
    if (!parent)
      return {
        ok: false,
        issues: [{ path: "extends", message: `${JSON.stringify(parentName)} (no such scenario)` }],
      };
    seen.add(parentName);
    chain.push(parent);
    cur = parent;
  }
  let merged: Record<string, unknown> = {};
  for (const layer of chain.reverse()) {
    const params = { ...((merged.params as object) ?? {}), ...((layer.params as object) ?? {}) };
    let events = (merged.events as { id?: string }[] | undefined) ?? [];
    const drop = layer.dropEvents as string[] | undefined;
    if (Array.isArray(drop))
      events = drop.includes("*") ? [] : events.filter((e) => !e.id || !drop.includes(e.id));
    events = [...events, ...((layer.events as { id?: string }[] | undefined) ?? [])];
    const { extends: _e, dropEvents: _d, ...rest } = layer;
    merged = { ...merged, ...rest, params, events };
  }
  return { ok: true, value: { raw: merged, lineage: [...seen] } };
}

/** Validates a (merged) raw scenario. Every parameter must end up with a distribution. */
export function parseScenario(raw: unknown, lineage: string[] = []): Result<Scenario> {
  const r = rawSchema.safeParse(raw);
  if (!r.success)
    return {
      ok: false,
      issues: r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    };
  const s = r.data;
  const issues: ScenarioIssue[] = [];
  const start = quarterIndex(s.start)!;
  const horizon = quarterIndex(s.horizon)!;
  if (horizon < start)
    issues.push({ path: "horizon", message: `${s.horizon} (must not be before start ${s.start})` });
  if (horizon - start > 400)
    issues.push({ path: "horizon", message: `${s.horizon} (at most 100 years after start)` });
  const params = {} as Record<ParamName, ParamDef>;
  for (const [name, v] of Object.entries(s.params)) {
    const def = parseParam(name, v, start, issues);
    if (def && isParamName(name)) params[name] = def;
  }
  for (const name of PARAM_NAMES)
    if (!(name in s.params))
      issues.push({
        path: `params.${name}`,
        message:
          "missing (every parameter needs a distribution; `extends: history` inherits the cited defaults)",
      });
  s.events.forEach((e, i) => {
    if (e.type === "rule" && e.announced && e.announced > e.effective)
      issues.push({
        path: `events.${i}.announced`,
        message: `${e.announced} (must not be after effective ${e.effective})`,
      });
    if (e.type === "licence" && e.to && e.to < e.from)
      issues.push({ path: `events.${i}.to`, message: `${e.to} (must not be before from ${e.from})` });
  });
  const conditions: Condition[] = s.conditions.map((text) => parseCondition(text)!);
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: {
      name: s.name,
      description: s.description,
      start: s.start,
      horizon: s.horizon,
      draws: s.draws,
      seed: s.seed,
      params,
      events: s.events,
      conditions,
      lineage: lineage.length ? lineage : [s.name],
    },
  };
}

/** "gapMonths@2028Q4<6" → { variable: "gapMonths", quarter: "2028Q4", op: "<", value: 6 }; null when malformed. */
export function parseCondition(text: string): Condition | null {
  const m = conditionRe.exec(text.trim());
  if (!m) return null;
  return {
    text: text.trim(),
    variable: m[1]!,
    quarter: m[2]!,
    op: m[3] as Condition["op"],
    value: Number(m[4]),
  };
}
