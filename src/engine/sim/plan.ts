/**
 * Turns a scenario's dated events, the legal-chip schedule and the observed world output into per-quarter
 * constants, once per run, so the model only reads small typed arrays. The equations that read them are in
 * docs/model.md and, one draw at a time, in reference.ts.
 */
import { Z95 } from "./distributions.js";
import type { EciFit, SimInputs } from "./inputs.js";
import { PARAM_NAMES, PARAMS, type ParamName } from "./params.js";
import { dateToYear, quarterIndex, quarterLabel, quarterMidYear, quarterOverlap } from "./quarters.js";
import type { Result, Scenario, ScenarioEvent, ScenarioIssue } from "./scenario.js";

/** The TSMC-made die bank reaches Huawei's packaging from 2024Q1 (dies ordered through Sophgo in 2023–24). */
export const DIE_BANK_FROM_YEAR = 2024;
/** Reference dates of parameters given "at" a quarter: smuggling capacity at 2024Q1, domestic HBM at 2025Q1. */
export const SMUGGLE_REF_YEAR = quarterMidYear("2024Q1");
export const HBM_REF_YEAR = quarterMidYear("2025Q1");

export interface Plan {
  Q: number;
  quarters: string[];
  /** Decimal year of each quarter's midpoint. */
  time: Float64Array;
  /** Observed world output: median and the log-spread below / above it per unit of z (NaN past the data). */
  worldMed: Float64Array;
  worldLo: Float64Array;
  worldHi: Float64Array;
  /** Number of leading quarters with observed world output; later quarters grow from the last one. */
  nObs: number;
  /** H100e per unit of the best licence-free chip and of the best chip with no rules. */
  legalH: Float64Array;
  freeH: Float64Array;
  /** Licences per quarter, best chip first, only those better than the licence-free chip: [licFrom[q], licFrom[q+1]). */
  licFrom: Int32Array;
  licH: Float64Array;
  /** Share of the quarter the licence is in force. */
  licShare: Float64Array;
  /** Units per quarter the licence lets through (Infinity: no cap). */
  licCap: Float64Array;
  demand: Float64Array;
  enforce: Float64Array;
  remote: Float64Array;
  /** Σ over tightening windows of (share of the quarter in the window × H100e/unit of the chip about to be lost). */
  stockW: Float64Array;
  /** 1 once HBM is controlled; then the multiplier on domestic HBM output. */
  hbmOn: Uint8Array;
  hbmMult: Float64Array;
  /** Capacity multiplier from equipment controls, ≤ 1. */
  equip: Float64Array;
  /** 1 once the die bank is available. */
  bankOn: Uint8Array;
  /** Per time-varying parameter: which piecewise segment applies in each quarter. */
  seg: Record<ParamName, Int32Array>;
  /** US history before the start: quarter midpoints and log10 frontier FLOP. */
  histTime: Float64Array;
  histLog10Flop: Float64Array;
  eci: EciFit;
}

/** Value of a stepwise multiplier: the latest event of that type dated at or before the quarter's midpoint. */
function stepSeries(events: ScenarioEvent[], type: ScenarioEvent["type"], time: Float64Array): Float64Array {
  const dated = events
    .filter((e): e is Extract<ScenarioEvent, { date: string }> => e.type === type && "date" in e)
    .map((e) => ({ at: dateToYear(e.date), m: e.multiplier }))
    .sort((a, b) => a.at - b.at);
  const out = new Float64Array(time.length).fill(1);
  for (let q = 0; q < time.length; q++) for (const e of dated) if (e.at <= time[q]!) out[q] = e.m;
  return out;
}

export function makePlan(s: Scenario, inputs: SimInputs): Result<Plan> {
  const issues: ScenarioIssue[] = [];
  const q0 = quarterIndex(s.start)!;
  const q1 = quarterIndex(s.horizon)!;
  const Q = q1 - q0 + 1;
  const quarters = Array.from({ length: Q }, (_, i) => quarterLabel(q0 + i));
  const time = Float64Array.from(quarters, (q) => quarterMidYear(q));

  // Legal-chip schedule.
  const byQuarter = new Map(inputs.legal.map((p) => [p.quarter, p]));
  const legalH = new Float64Array(Q);
  const freeH = new Float64Array(Q);
  quarters.forEach((q, i) => {
    const p = byQuarter.get(q);
    if (!p) issues.push({ path: "inputs.legal", message: `no legal-chip entry for ${q}` });
    else if (!(p.h100e >= 0))
      issues.push({ path: `inputs.legal.${q}`, message: `invalid h100e: ${p.h100e} (must be ≥ 0)` });
    else if (!(p.freeH100e > 0 && p.freeH100e >= p.h100e))
      issues.push({
        path: `inputs.legal.${q}`,
        message: `invalid freeH100e: ${p.freeH100e} (must be > 0 and ≥ h100e ${p.h100e})`,
      });
    else {
      legalH[i] = p.h100e;
      freeH[i] = p.freeH100e;
    }
  });

  // World output: observed quarters from the start on, contiguous.
  const worldMed = new Float64Array(Q).fill(Number.NaN);
  const worldLo = new Float64Array(Q).fill(Number.NaN);
  const worldHi = new Float64Array(Q).fill(Number.NaN);
  const world = new Map(inputs.world.map((w) => [quarterIndex(w.quarter), w]));
  let nObs = 0;
  while (nObs < Q && world.has(q0 + nObs)) {
    const w = world.get(q0 + nObs)!;
    if (!(w.p5 > 0 && w.median >= w.p5 && w.p95 >= w.median && Number.isFinite(w.p95))) {
      issues.push({
        path: `inputs.world.${w.quarter}`,
        message: `invalid band p5 ${w.p5} / median ${w.median} / p95 ${w.p95} (must be 0 < p5 ≤ median ≤ p95)`,
      });
      break;
    }
    worldMed[nObs] = w.median;
    worldLo[nObs] = Math.log(w.median / w.p5) / Z95;
    worldHi[nObs] = Math.log(w.p95 / w.median) / Z95;
    nObs++;
  }
  if (nObs === 0)
    issues.push({
      path: "start",
      message: `${s.start} has no observed world output (Epoch's chip counts cover ${inputs.world[0]?.quarter ?? "nothing"}–${inputs.world.at(-1)?.quarter ?? ""}); start a scenario inside that range`,
    });

  // Licences: per quarter, those better than the licence-free chip, best first.
  const lic: { h: number; share: number; cap: number }[][] = quarters.map(() => []);
  s.events.forEach((e, i) => {
    if (e.type !== "licence") return;
    const h = inputs.chipH100e[e.chip];
    if (h === undefined) {
      issues.push({
        path: `events.${i}.chip`,
        message: `${JSON.stringify(e.chip)} (not in the chip catalogue)`,
      });
      return;
    }
    const from = dateToYear(e.from);
    const to = e.to ? dateToYear(e.to) : Number.POSITIVE_INFINITY;
    for (let q = 0; q < Q; q++) {
      const share = quarterOverlap(q0 + q, from, to);
      const hq = Math.min(h, freeH[q]!);
      if (share > 0 && hq > legalH[q]!)
        lic[q]!.push({ h: hq, share, cap: e.volumeCapUnitsPerQuarter ?? Number.POSITIVE_INFINITY });
    }
  });
  const licFrom = new Int32Array(Q + 1);
  const flat = lic.flatMap((l, q) => {
    l.sort((a, b) => b.h - a.h);
    licFrom[q + 1] = licFrom[q]! + l.length;
    return l;
  });

  // Stockpiling windows: between announcement and effect, the chip about to be lost is bought ahead.
  const stockW = new Float64Array(Q);
  for (const e of s.events) {
    if (e.type !== "rule" || !e.announced || !(e.announced < e.effective)) continue;
    const from = dateToYear(e.announced);
    const eff = dateToYear(e.effective);
    const effQ = quarterIndex(
      `${e.effective.slice(0, 4)}Q${Math.floor((Number(e.effective.slice(5, 7)) - 1) / 3) + 1}`,
    )!;
    const after = legalH[Math.min(Q - 1, Math.max(0, effQ + 1 - q0))]!;
    for (let q = 0; q < Q; q++) {
      const share = quarterOverlap(q0 + q, from, eff);
      if (share > 0 && legalH[q]! > after) stockW[q]! += share * legalH[q]!;
    }
  }

  // HBM: controlled from the first hbm event; the latest event's multiplier scales domestic HBM output.
  const hbmMult = stepSeries(s.events, "hbm", time);
  const hbmOn = new Uint8Array(Q);
  const firstHbm = Math.min(
    ...s.events.filter((e) => e.type === "hbm").map((e) => dateToYear((e as { date: string }).date)),
  );
  for (let q = 0; q < Q; q++) hbmOn[q] = firstHbm <= time[q]! ? 1 : 0;
  const equip = stepSeries(s.events, "equipment", time).map((m) => Math.min(1, m));
  const bankOn = Uint8Array.from(time, (t) => (t >= DIE_BANK_FROM_YEAR ? 1 : 0));

  const seg = {} as Record<ParamName, Int32Array>;
  for (const name of PARAM_NAMES) {
    const idx = new Int32Array(Q);
    const segs = s.params[name].segments;
    if (PARAMS[name].timeVarying)
      for (let q = 0; q < Q; q++)
        for (let k = 0; k < segs.length; k++) if (segs[k]!.from <= q0 + q) idx[q] = k;
    seg[name] = idx;
  }

  const hist = inputs.usHistory
    .map((h) => ({ q: quarterIndex(h.quarter), flop: h.flop }))
    .filter((h): h is { q: number; flop: number } => h.q !== null && h.q < q0 && h.flop > 0)
    .sort((a, b) => a.q - b.q);
  const { eci } = inputs;
  if (
    eci.us.chol.length !== 9 ||
    eci.cn.chol.length !== 4 ||
    ![...eci.us.mean, ...eci.cn.mean].every(Number.isFinite)
  )
    issues.push({
      path: "inputs.eci",
      message: "the ECI fit needs 3 + 2 finite coefficients and 3×3 / 2×2 Cholesky factors",
    });
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: {
      Q,
      quarters,
      time,
      worldMed,
      worldLo,
      worldHi,
      nObs,
      legalH,
      freeH,
      licFrom,
      licH: Float64Array.from(flat, (l) => l.h),
      licShare: Float64Array.from(flat, (l) => l.share),
      licCap: Float64Array.from(flat, (l) => l.cap),
      demand: stepSeries(s.events, "demand", time),
      enforce: stepSeries(s.events, "enforcement", time),
      remote: stepSeries(s.events, "remote-access", time),
      stockW,
      hbmOn,
      hbmMult,
      equip,
      bankOn,
      seg,
      histTime: Float64Array.from(hist, (h) => quarterMidYear(h.q)),
      histLog10Flop: Float64Array.from(hist, (h) => Math.log10(h.flop)),
      eci,
    },
  };
}
