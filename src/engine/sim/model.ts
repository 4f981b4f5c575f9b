/**
 * The model step of DESIGN §5, vectorised over draws: flows into China by channel, stocks with depreciation,
 * frontier training compute, algorithmic efficiency, effective frontier and the gap in months.
 *
 * Conventions (worked through by hand in test/sim/model.test.ts):
 * - quarter q = 0 is the start quarter; `years` since start = q / 4;
 * - stocks are end-of-quarter: K(q) = K(q−1)·(1 − δ) + inflows(q), K(−1) = the initial stock, δ = 1/(4·lifetime);
 * - world output(q) = output₀ · growth^(q/4); legal units(q) = units₀ · unitsGrowth^(q/4);
 * - E_US(q) = g^(q/4); E_CN(q) = g^(q/4 − lag) · cnEfficiencyFactor;
 * - C_b(q) = A_b(q) · min(1, conc_b · concGrowth^(q/4)) · utilisation · peak · trainingDays · 86,400 s;
 * - gap(q) = t_q − the first time the US effective frontier (observed history, then simulated) reaches China's,
 *   interpolated log-linearly between quarters, in months (years × 12).
 */
import type { ParamName } from "./params.js";
import type { Plan } from "./plan.js";

/** Every per-draw, per-quarter output, stored quarter-major: value of draw d in quarter q at [q·D + d]. */
export const VARIABLES = [
  "legalH100e",
  "stockpileH100e",
  "smugglingH100e",
  "remoteH100e",
  "domesticH100e",
  "cnStockH100e",
  "usStockH100e",
  "cnAccessibleH100e",
  "cnFrontierFlop",
  "usFrontierFlop",
  "cnEffectiveFlop",
  "usEffectiveFlop",
  "gapMonths",
  "computeRatio",
] as const;
export type Variable = (typeof VARIABLES)[number];
export const CHANNELS = ["legalH100e", "stockpileH100e", "smugglingH100e", "remoteH100e", "domesticH100e"] as const;

/** Sampled parameter values: per parameter, one column per piecewise segment, each of length D. */
export type ParamColumns = Record<ParamName, Float64Array[]>;

export type Outputs = Record<Variable, Float64Array>;

/** Output buffers for D draws × Q quarters, reusable across runs of the same size. */
export function allocOutputs(D: number, Q: number): Outputs {
  const o = {} as Outputs;
  for (const v of VARIABLES) o[v] = new Float64Array(D * Q);
  return o;
}

const SECONDS_PER_DAY = 86_400;
const MONTHS_PER_YEAR = 12;

/** Runs D draws through every quarter of the plan, writing into `out` (allocated when omitted). */
export function runModel(plan: Plan, p: ParamColumns, D: number, out: Outputs = allocOutputs(D, plan.Q)): Outputs {
  const { Q, legalH, licBoost, licCap, demand, enforce, remote, controlled, stockW, hbm, equipIdx, equipValues, seg } =
    plan;
  const { histTime, histLogFlop, time } = plan;
  const H = histTime.length;
  const c0 = (n: ParamName) => p[n][0]!;
  const usInit = c0("usInitialStockH100e");
  const cnInit = c0("cnInitialStockH100e");
  const prod0 = c0("globalProductionH100e");
  const prodG = c0("productionGrowthPerYear");
  const units0 = c0("cnLegalUnitsPerQuarter");
  const unitsG = c0("legalUnitsGrowthPerYear");
  const stockM = c0("stockpileMultiplier");
  const dom0 = c0("domesticCapacityChipsPerQuarter");
  const domG = c0("domesticGrowthPerYear");
  const hbm0 = c0("hbmCapChipsPerQuarter");
  const hbmG = c0("hbmCapGrowthPerYear");
  const life = c0("chipLifetimeYears");
  const usConc0 = c0("usConcentration");
  const cnConc0 = c0("cnConcentration");
  const concG = c0("concentrationGrowthPerYear");
  const days = c0("trainingDays");
  const peak = c0("peakFlopPerH100e");
  const algo = c0("algoProgressPerYear");
  const lag = c0("diffusionLagYears");
  const eff = c0("cnEfficiencyFactor");
  const usShare = p.usShare;
  const leak = p.leakRate;
  const ctrlShare = p.controlledShare;
  const cloud = p.cloudShare;
  const offshore = p.offshoreCapacityShare;
  const yieldC = p.domesticYield;
  const perChip = p.domesticH100ePerChip;
  const util = p.utilisation;
  const sUs = seg.usShare;
  const sLeak = seg.leakRate;
  const sCtrl = seg.controlledShare;
  const sCloud = seg.cloudShare;
  const sOff = seg.offshoreCapacityShare;
  const sYield = seg.domesticYield;
  const sChip = seg.domesticH100ePerChip;
  const sUtil = seg.utilisation;

  const oLegal = out.legalH100e;
  const oStock = out.stockpileH100e;
  const oSmug = out.smugglingH100e;
  const oRemote = out.remoteH100e;
  const oDom = out.domesticH100e;
  const oCnK = out.cnStockH100e;
  const oUsK = out.usStockH100e;
  const oCnA = out.cnAccessibleH100e;
  const oCnF = out.cnFrontierFlop;
  const oUsF = out.usFrontierFlop;
  const oCnE = out.cnEffectiveFlop;
  const oUsE = out.usEffectiveFlop;
  const oGap = out.gapMonths;
  const oRatio = out.computeRatio;

  const nEq = equipValues.length;
  const domStep = new Float64Array(nEq);
  // Log of the US effective frontier: observed history (H points) then the simulated quarters.
  const usLog = new Float64Array(H + Q);
  const usT = new Float64Array(H + Q);
  usT.set(histTime, 0);
  usT.set(time, H);
  const cnLog = new Float64Array(Q);
  const t0 = time[0]!;

  for (let d = 0; d < D; d++) {
    const delta = 1 / (4 * life[d]!);
    const keep = 1 - delta;
    const gP = prodG[d]! ** 0.25;
    const gU = unitsG[d]! ** 0.25;
    const gH = hbmG[d]! ** 0.25;
    const gC = concG[d]! ** 0.25;
    const lnA = Math.log(algo[d]!);
    const gA = Math.exp(lnA / 4);
    const lnGd = Math.log(domG[d]!) / 4;
    for (let k = 0; k < nEq; k++) domStep[k] = Math.exp(lnGd * equipValues[k]!);
    const flopPerH = peak[d]! * days[d]! * SECONDS_PER_DAY;
    const m1 = stockM[d]! - 1;
    let kUs = usInit[d]!;
    let kCn = cnInit[d]!;
    let prod = prod0[d]!;
    let units = units0[d]!;
    let domCap = dom0[d]!;
    let hbmCap = hbm0[d]!;
    let cUs = usConc0[d]!;
    let cCn = cnConc0[d]!;
    let eUs = 1;
    let eCn = Math.exp(-lnA * lag[d]!) * eff[d]!;
    let fUs = 0;
    let fCn = 0;
    let feUs = 0;
    let feCn = 0;
    // History of the US frontier in effective terms: observed FLOP × g^(t − t0), as a running max in logs.
    let runLog = Number.NEGATIVE_INFINITY;
    for (let h = 0; h < H; h++) {
      const v = histLogFlop[h]! + lnA * (histTime[h]! - t0);
      if (v > runLog) runLog = v;
      usLog[h] = runLog;
    }
    for (let q = 0; q < Q; q++) {
      if (q > 0) {
        prod *= gP;
        units *= gU;
        hbmCap *= gH;
        cUs *= gC;
        cCn *= gC;
        eUs *= gA;
        eCn *= gA;
        domCap *= domStep[equipIdx[q]!]!;
      }
      const i = q * D + d;
      const dem = demand[q]!;
      const legal = dem * (units * legalH[q]! + Math.min(units, licCap[q]!) * licBoost[q]!);
      const stock = m1 * units * dem * stockW[q]!;
      const smug = leak[sLeak[q]!]![d]! * enforce[q]! * prod * ctrlShare[sCtrl[q]!]![d]! * controlled[q]!;
      let good = domCap * yieldC[sYield[q]!]![d]!;
      const hm = hbm[q]!;
      if (hm === hm && good > hbmCap * hm) good = hbmCap * hm;
      const dom = good * perChip[sChip[q]!]![d]!;
      kUs = kUs * keep + usShare[sUs[q]!]![d]! * prod;
      kCn = kCn * keep + legal + stock + smug + dom;
      const rem = cloud[sCloud[q]!]![d]! * remote[q]! * offshore[sOff[q]!]![d]! * kUs;
      const aCn = kCn + rem;
      const fl = util[sUtil[q]!]![d]! * flopPerH;
      const trUs = kUs * (cUs < 1 ? cUs : 1) * fl;
      const trCn = aCn * (cCn < 1 ? cCn : 1) * fl;
      if (trUs > fUs) fUs = trUs;
      if (trCn > fCn) fCn = trCn;
      const ecUs = trUs * eUs;
      const ecCn = trCn * eCn;
      if (ecUs > feUs) feUs = ecUs;
      if (ecCn > feCn) feCn = ecCn;
      oLegal[i] = legal;
      oStock[i] = stock;
      oSmug[i] = smug;
      oRemote[i] = rem;
      oDom[i] = dom;
      oCnK[i] = kCn;
      oUsK[i] = kUs;
      oCnA[i] = aCn;
      oCnF[i] = fCn;
      oUsF[i] = fUs;
      oCnE[i] = feCn;
      oUsE[i] = feUs;
      oRatio[i] = kUs / aCn;
      const lu = Math.log(feUs);
      if (lu > runLog) runLog = lu;
      usLog[H + q] = runLog;
      cnLog[q] = Math.log(feCn);
    }
    // Gap: China's frontier only rises, so the search pointer into the US series only moves forward.
    let j = 0;
    const N = H + Q;
    for (let q = 0; q < Q; q++) {
      const target = cnLog[q]!;
      while (j < N && usLog[j]! < target) j++;
      let s: number;
      if (j === 0) s = usT[0]!;
      else if (j === N) s = usT[N - 1]! + 0.25;
      else {
        const a = usLog[j - 1]!;
        const b = usLog[j]!;
        s = usT[j - 1]! + ((usT[j]! - usT[j - 1]!) * (target - a)) / (b - a);
      }
      oGap[q * D + d] = (time[q]! - s) * MONTHS_PER_YEAR;
    }
  }
  return out;
}
