import type { Chip } from "../chips/types.js";
import { type EvalContext, evaluateUnder, regimeWith } from "./evaluate.js";
import type { RuleVersion, Ruleset } from "./ruleset.js";
import type { Criterion, Prong } from "./schema.js";

export interface MaxTpp {
  /** The bound: uncontrolled chips have TPP below it (or at it when `inclusive`). Infinity when no TPP test bites. */
  tpp: number;
  inclusive: boolean;
  /** The test that sets the bound, e.g. "ECCN 3A090.b.1: 2400 ≤ TPP < 4800 and 1.6 ≤ PD < 5.92". */
  binding: string;
}

type TppPd = Extract<Criterion, { family: "tpp_pd" }>;

/** The classifying criterion of a rule version (perf_io or tpp_pd), if it has one. */
function classifier(rule: RuleVersion) {
  return rule.criteria.find((c) => c.family === "tpp_pd" || c.family === "perf_io") ?? null;
}

/** The TPP interval [lo, hi) over which a prong holds for a chip of die area `area` (PD = TPP / area). */
function prongInterval(p: Prong, area: number): [number, number] {
  const lo = Math.max(p.tppAtLeast ?? 0, p.pdAtLeast === undefined ? 0 : p.pdAtLeast * area);
  const hi = Math.min(p.tppBelow ?? Infinity, p.pdBelow === undefined ? Infinity : p.pdBelow * area);
  return [lo, hi];
}

/**
 * The largest TPP a chip of this applicable die area can have and stay outside the rule's 3A090 tests.
 * Example: 2023 rule, 814 mm², datacenter → { tpp: 2400, inclusive: false } — the H20 design point (2,368).
 */
export function maxUncontrolledTpp(
  rule: RuleVersion,
  opts: { dieArea: number; datacenter: boolean; ioBandwidthGBps?: number },
): MaxTpp {
  if (!(opts.dieArea > 0)) throw new RangeError(`invalid dieArea: ${opts.dieArea} (must be > 0)`);
  const c = classifier(rule);
  if (!c) return { tpp: Infinity, inclusive: true, binding: `${rule.id} has no TPP test` };
  if (c.family === "perf_io") {
    if (opts.ioBandwidthGBps !== undefined && opts.ioBandwidthGBps < c.io.atLeastGBps)
      return {
        tpp: Infinity,
        inclusive: true,
        binding: `${c.io.paragraph}: I/O below ${c.io.atLeastGBps} GB/s`,
      };
    return { tpp: c.perf.atLeast, inclusive: false, binding: `${c.perf.paragraph}: ${c.perf.test}` };
  }
  const tp = c as TppPd;
  let best: MaxTpp = { tpp: Infinity, inclusive: true, binding: "no prong reachable" };
  for (const k of tp.classes)
    for (const p of k.prongs) {
      const [lo, hi] = prongInterval(p, opts.dieArea);
      if (lo < hi && lo < best.tpp)
        best = { tpp: lo, inclusive: false, binding: `${p.paragraph}: ${p.test}` };
    }
  if (!opts.datacenter && best.tpp < tp.note2.tppBelow)
    return { tpp: tp.note2.tppBelow, inclusive: false, binding: `${tp.note2.paragraph}: ${tp.note2.test}` };
  return best;
}

export interface Region {
  classification: "3A090.a" | "3A090.b" | "uncontrolled";
  /** Rectangles as closed polygons [[tpp, pd], …] in the TPP × PD plane, clipped to the view. */
  polygons: [number, number][][];
}

/**
 * The TPP × PD plane split into 3A090.a / 3A090.b / uncontrolled polygons for plotting, clipped to
 * [0, tppMax] × [0, pdMax]. Lower edges are inclusive, upper edges exclusive, as the rule text reads.
 */
export function regions(
  rule: RuleVersion,
  opts: { datacenter: boolean; tppMax?: number; pdMax?: number },
): Region[] {
  const tppMax = opts.tppMax ?? 8000;
  const pdMax = opts.pdMax ?? 12;
  const c = classifier(rule);
  const out: Record<Region["classification"], [number, number][][]> = {
    "3A090.a": [],
    "3A090.b": [],
    uncontrolled: [],
  };
  const rect = (x0: number, x1: number, y0: number, y1: number): [number, number][] => [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
  if (!c) {
    out.uncontrolled.push(rect(0, tppMax, 0, pdMax));
  } else if (c.family === "perf_io") {
    // The 2022 test has no PD axis; with I/O ≥ 600 GB/s assumed the plane splits at TPP 4800.
    const x = Math.min(c.perf.atLeast, tppMax);
    out.uncontrolled.push(rect(0, x, 0, pdMax));
    if (x < tppMax) out["3A090.a"].push(rect(x, tppMax, 0, pdMax));
  } else {
    const tp = c as TppPd;
    const xs = new Set([0, tppMax]);
    const ys = new Set([0, pdMax]);
    for (const k of tp.classes)
      for (const p of k.prongs) {
        for (const v of [p.tppAtLeast, p.tppBelow]) if (v !== undefined && v < tppMax) xs.add(v);
        for (const v of [p.pdAtLeast, p.pdBelow]) if (v !== undefined && v < pdMax) ys.add(v);
      }
    if (!opts.datacenter && tp.note2.tppBelow < tppMax) xs.add(tp.note2.tppBelow);
    const X = [...xs].sort((a, b) => a - b);
    const Y = [...ys].sort((a, b) => a - b);
    const classify = (t: number, d: number): Region["classification"] => {
      if (!opts.datacenter && t < tp.note2.tppBelow) return "uncontrolled";
      const holds = (p: Prong) =>
        (p.tppAtLeast === undefined || t >= p.tppAtLeast) &&
        (p.tppBelow === undefined || t < p.tppBelow) &&
        (p.pdAtLeast === undefined || d >= p.pdAtLeast) &&
        (p.pdBelow === undefined || d < p.pdBelow);
      for (const k of tp.classes) if (k.prongs.some(holds)) return k.eccn;
      return "uncontrolled";
    };
    for (let j = 0; j + 1 < Y.length; j++) {
      let start = 0;
      let current: Region["classification"] | null = null;
      for (let i = 0; i + 1 < X.length; i++) {
        const cls = classify((X[i]! + X[i + 1]!) / 2, (Y[j]! + Y[j + 1]!) / 2);
        if (cls !== current) {
          if (current !== null) out[current].push(rect(X[start]!, X[i]!, Y[j]!, Y[j + 1]!));
          current = cls;
          start = i;
        }
      }
      if (current !== null) out[current].push(rect(X[start]!, X[X.length - 1]!, Y[j]!, Y[j + 1]!));
    }
  }
  return (Object.keys(out) as Region["classification"][]).map((k) => ({
    classification: k,
    polygons: out[k],
  }));
}

export interface DiffRow {
  chipId: string;
  name: string;
  before: { classification: string; licenseRequired: boolean | null; reviewPolicy: string | null };
  after: { classification: string; licenseRequired: boolean | null; reviewPolicy: string | null };
}

/**
 * Chips whose classification, licence requirement or review policy differs between two rule versions.
 * mode "regime" (default) compares the whole regime as it stood when each took effect (each rule applied
 * on top of what was then in force — so a review-policy rule like 2026-01-15 shows its effect); mode
 * "alone" applies each rule version by itself. The date defaults to each rule's effective date.
 */
export function diff(
  ruleA: RuleVersion,
  ruleB: RuleVersion,
  catalogue: readonly Chip[],
  ruleset: Ruleset,
  ctx: Omit<EvalContext, "date"> & { date?: string },
  mode: "regime" | "alone" = "regime",
): DiffRow[] {
  const rows: DiffRow[] = [];
  const dateA = ctx.date ?? ruleA.effective;
  const dateB = ctx.date ?? ruleB.effective;
  const setA = mode === "alone" ? [ruleA] : regimeWith(ruleset, ruleA, dateA);
  const setB = mode === "alone" ? [ruleB] : regimeWith(ruleset, ruleB, dateB);
  const pick = (e: ReturnType<typeof evaluateUnder>) => ({
    classification: e.classification,
    licenseRequired: e.licenseRequired,
    reviewPolicy: e.reviewPolicy,
  });
  for (const chip of catalogue) {
    const a = pick(evaluateUnder(chip, { ...ctx, date: dateA }, ruleset, setA));
    const b = pick(evaluateUnder(chip, { ...ctx, date: dateB }, ruleset, setB));
    if (
      a.classification !== b.classification ||
      a.licenseRequired !== b.licenseRequired ||
      a.reviewPolicy !== b.reviewPolicy
    )
      rows.push({ chipId: chip.id, name: chip.name, before: a, after: b });
  }
  return rows;
}
