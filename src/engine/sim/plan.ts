/**
 * Turns a scenario's dated events and the legal-chip schedule into per-quarter constants, once per run, so the
 * hot loop only reads small typed arrays.
 */
import type { SimInputs } from "./inputs.js";
import { PARAM_NAMES, PARAMS, type ParamName } from "./params.js";
import { dateToYear, quarterIndex, quarterLabel, quarterMidYear, quarterOverlap } from "./quarters.js";
import type { Result, Scenario, ScenarioEvent, ScenarioIssue } from "./scenario.js";

export interface Plan {
  Q: number;
  quarters: string[];
  /** Decimal year of each quarter's midpoint. */
  time: Float64Array;
  /** H100e per unit of the best licence-free chip. */
  legalH: Float64Array;
  /** H100e per unit of the best chip with no rules: the ceiling on foreign-chip inflow per unit of demand. */
  freeH: Float64Array;
  /** Extra H100e per unit when a licensed chip beats the licence-free one, × the share of the quarter licensed. */
  licBoost: Float64Array;
  /** Units per quarter the licence lets through (Infinity: no cap). */
  licCap: Float64Array;
  demand: Float64Array;
  enforce: Float64Array;
  remote: Float64Array;
  /** 1 once any export rule is in force: smuggling needs something to smuggle around. */
  controlled: Float64Array;
  /** Σ over tightening events of (share of the quarter in the stockpiling window × H100e/unit about to be lost). */
  stockW: Float64Array;
  /** HBM cap multiplier; NaN while HBM is not controlled. */
  hbm: Float64Array;
  /** Index into equipValues of the equipment-control growth multiplier in force. */
  equipIdx: Int32Array;
  equipValues: number[];
  /** Per time-varying parameter: which piecewise segment applies in each quarter. */
  seg: Record<ParamName, Int32Array>;
  histTime: Float64Array;
  histLogFlop: Float64Array;
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
  const byQuarter = new Map(inputs.legal.map((p) => [p.quarter, p]));
  const legalH = new Float64Array(Q);
  const freeH = new Float64Array(Q);
  quarters.forEach((q, i) => {
    const p = byQuarter.get(q);
    if (!p) issues.push({ path: "inputs.legal", message: `no legal-chip entry for ${q}` });
    else if (!(p.h100e >= 0))
      issues.push({ path: `inputs.legal.${q}`, message: `invalid h100e: ${p.h100e} (must be ≥ 0)` });
    else if (!(p.freeH100e >= p.h100e))
      issues.push({
        path: `inputs.legal.${q}`,
        message: `invalid freeH100e: ${p.freeH100e} (must be ≥ h100e ${p.h100e})`,
      });
    else {
      legalH[i] = p.h100e;
      freeH[i] = p.freeH100e;
    }
  });

  const licBoost = new Float64Array(Q);
  const licCap = new Float64Array(Q).fill(Number.POSITIVE_INFINITY);
  const controlled = new Float64Array(Q);
  const stockW = new Float64Array(Q);
  const hbm = new Float64Array(Q).fill(Number.NaN);
  s.events.forEach((e, i) => {
    if (e.type === "licence") {
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
        const boost = Math.max(0, Math.min(h, freeH[q]!) - legalH[q]!) * share;
        if (boost > licBoost[q]!) {
          licBoost[q] = boost;
          licCap[q] = e.volumeCapUnitsPerQuarter ?? Number.POSITIVE_INFINITY;
        }
      }
    } else if (e.type === "rule") {
      const eff = dateToYear(e.effective);
      for (let q = 0; q < Q; q++) if (eff <= time[q]!) controlled[q] = 1;
      if (e.announced && e.announced < e.effective) {
        const from = dateToYear(e.announced);
        // The chips about to be lost: licence-free H100e now versus in the first whole quarter under the rule.
        const effQ = quarterIndex(
          `${e.effective.slice(0, 4)}Q${Math.floor((Number(e.effective.slice(5, 7)) - 1) / 3) + 1}`,
        )!;
        const after = legalH[Math.min(Q - 1, Math.max(0, effQ + 1 - q0))]!;
        for (let q = 0; q < Q; q++) {
          const share = quarterOverlap(q0 + q, from, eff);
          if (share > 0) stockW[q]! += share * Math.max(0, legalH[q]! - after);
        }
      }
    } else if (e.type === "hbm") {
      const at = dateToYear(e.date);
      for (let q = 0; q < Q; q++) if (at <= time[q]!) hbm[q] = e.multiplier;
    }
  });
  // The latest HBM event wins, as for the other stepwise multipliers.
  const hbmSteps = stepSeries(s.events, "hbm", time);
  for (let q = 0; q < Q; q++) if (!Number.isNaN(hbm[q]!)) hbm[q] = hbmSteps[q]!;

  const equip = stepSeries(s.events, "equipment", time);
  const equipValues: number[] = [];
  const equipIdx = new Int32Array(Q);
  for (let q = 0; q < Q; q++) {
    let k = equipValues.indexOf(equip[q]!);
    if (k < 0) k = equipValues.push(equip[q]!) - 1;
    equipIdx[q] = k;
  }

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
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: {
      Q,
      quarters,
      time,
      legalH,
      freeH,
      licBoost,
      licCap,
      demand: stepSeries(s.events, "demand", time),
      enforce: stepSeries(s.events, "enforcement", time),
      remote: stepSeries(s.events, "remote-access", time),
      controlled,
      stockW,
      hbm,
      equipIdx,
      equipValues,
      seg,
      histTime: Float64Array.from(hist, (h) => quarterMidYear(h.q)),
      histLogFlop: Float64Array.from(hist, (h) => Math.log(h.flop)),
    },
  };
}
