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
export const CHANNELS = [
  "legalH100e",
  "stockpileH100e",
  "smugglingH100e",
  "remoteH100e",
  "domesticH100e",
] as const;

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
/** Draws processed together through all quarters, so their per-draw state stays in cache. */
const BLOCK = 512;
const MONTHS_PER_YEAR = 12;

/** Per-draw state and per-draw constants, reused across runs of the same size. */
export interface Workspace {
  D: number;
  Q: number;
  H: number;
  f: Float64Array[];
  ptr: Int32Array;
  /** Log of the US effective frontier (history then simulated), running max, [(H + Q) × BLOCK] per block. */
  usLog: Float64Array;
}

const STATE = 21;

export function allocWorkspace(D: number, Q: number, H: number): Workspace {
  return {
    D,
    Q,
    H,
    f: Array.from({ length: STATE }, () => new Float64Array(D)),
    ptr: new Int32Array(D),
    usLog: new Float64Array((H + Q) * BLOCK),
  };
}

/**
 * Runs D draws through every quarter of the plan, writing into `out`. The loop runs quarter by quarter over all
 * draws so every array is read and written in order (draw-major loops would stride through the output columns).
 */
export function runModel(
  plan: Plan,
  p: ParamColumns,
  D: number,
  out: Outputs = allocOutputs(D, plan.Q),
  ws: Workspace = allocWorkspace(D, plan.Q, plan.histTime.length),
): Outputs {
  const {
    Q,
    legalH,
    freeH,
    licBoost,
    licCap,
    demand,
    enforce,
    remote,
    controlled,
    stockW,
    hbm,
    equipIdx,
    equipValues,
    seg,
  } = plan;
  const { histTime, histLogFlop, time } = plan;
  const H = histTime.length;
  if (ws.D !== D || ws.Q !== Q || ws.H !== H) ws = allocWorkspace(D, Q, H);
  const c0 = (n: ParamName) => p[n][0]!;
  const usConc0 = c0("usConcentration");
  const cnConc0 = c0("cnConcentration");
  const [
    keep,
    _unused,
    gU,
    gH,
    gC,
    gA,
    lnA,
    flopPerH,
    m1,
    kUs,
    kCn,
    prod,
    units,
    domCap,
    hbmCap,
    cUs,
    cCn,
    eUs,
    eCn,
  ] = ws.f as [Float64Array, ...Float64Array[]] as Float64Array[];
  const fr = ws.f;
  const fUs = fr[19]!;
  const fCn = fr[20]!;
  // Per-draw constants and initial state.
  {
    const life = c0("chipLifetimeYears");
    const unitsG = c0("legalUnitsGrowthPerYear");
    const hbmG = c0("hbmCapGrowthPerYear");
    const concG = c0("concentrationGrowthPerYear");
    const algo = c0("algoProgressPerYear");
    const lag = c0("diffusionLagYears");
    const eff = c0("cnEfficiencyFactor");
    const peak = c0("peakFlopPerH100e");
    const days = c0("trainingDays");
    const stockM = c0("stockpileMultiplier");
    const usInit = c0("usInitialStockH100e");
    const cnInit = c0("cnInitialStockH100e");
    const prod0 = c0("globalProductionH100e");
    const units0 = c0("cnLegalUnitsPerQuarter");
    const dom0 = c0("domesticCapacityChipsPerQuarter");
    const hbm0 = c0("hbmCapChipsPerQuarter");
    for (let d = 0; d < D; d++) {
      keep![d] = 1 - 1 / (4 * life[d]!);
      gU![d] = Math.sqrt(Math.sqrt(unitsG[d]!));
      gH![d] = Math.sqrt(Math.sqrt(hbmG[d]!));
      gC![d] = Math.sqrt(Math.sqrt(concG[d]!));
      const la = Math.log(algo[d]!);
      lnA![d] = la;
      gA![d] = Math.sqrt(Math.sqrt(algo[d]!));
      flopPerH![d] = peak[d]! * days[d]! * SECONDS_PER_DAY;
      m1![d] = stockM[d]! - 1;
      kUs![d] = usInit[d]!;
      kCn![d] = cnInit[d]!;
      prod![d] = prod0[d]!;
      units![d] = units0[d]!;
      domCap![d] = dom0[d]!;
      hbmCap![d] = hbm0[d]!;
      cUs![d] = usConc0[d]!;
      cCn![d] = cnConc0[d]!;
      eUs![d] = 1;
      eCn![d] = Math.exp(-la * lag[d]!) * eff[d]!;
      fUs[d] = 0;
      fCn[d] = 0;
    }
  }
  // World output growth per quarter, per piecewise segment: growth^(1/4).
  const prodSteps = p.productionGrowthPerYear.map((col) => {
    const a = new Float64Array(D);
    for (let d = 0; d < D; d++) a[d] = Math.sqrt(Math.sqrt(col[d]!));
    return a;
  });
  // Domestic growth per quarter under each distinct equipment-control multiplier: gD^(m/4), per draw.
  const domG = c0("domesticGrowthPerYear");
  const domSteps = equipValues.map((m) => {
    const a = new Float64Array(D);
    for (let d = 0; d < D; d++) a[d] = Math.exp((Math.log(domG[d]!) / 4) * m);
    return a;
  });
  // US history in effective terms (observed FLOP × g^(t − t0)) and the gap use a per-block log buffer.
  const usLog = ws.usLog;
  const t0 = time[0]!;
  const N = H + Q;
  const T = new Float64Array(N);
  T.set(histTime, 0);
  T.set(time, H);
  const oGap = out.gapMonths;
  const ptr = ws.ptr;

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
  const oRatio = out.computeRatio;

  for (let b0 = 0; b0 < D; b0 += BLOCK) {
    const b1 = b0 + BLOCK < D ? b0 + BLOCK : D;
    for (let h = 0; h < H; h++) {
      const base = histLogFlop[h]!;
      const dt = histTime[h]! - t0;
      const row = h * BLOCK - b0;
      for (let d = b0; d < b1; d++) {
        const v = base + lnA![d]! * dt;
        const prev = h > 0 ? usLog[row - BLOCK + d]! : Number.NEGATIVE_INFINITY;
        usLog[row + d] = prev > v ? prev : v;
      }
    }
    for (let q = 0; q < Q; q++) {
      const grow = q > 0;
      const base = q * D;
      const prev = base - D;
      const dem = demand[q]!;
      const lh = legalH[q]!;
      const fh = freeH[q]!;
      const gP = prodSteps[seg.productionGrowthPerYear[q]!]!;
      const lb = licBoost[q]!;
      const lc = licCap[q]!;
      const sw = stockW[q]!;
      const enf = enforce[q]! * controlled[q]!;
      const rm = remote[q]!;
      const hm = hbm[q]!;
      const hbmOn = !Number.isNaN(hm);
      const dstep = domSteps[equipIdx[q]!]!;
      const usS = p.usShare[seg.usShare[q]!]!;
      const leak = p.leakRate[seg.leakRate[q]!]!;
      const ctrl = p.controlledShare[seg.controlledShare[q]!]!;
      const cloud = p.cloudShare[seg.cloudShare[q]!]!;
      const off = p.offshoreCapacityShare[seg.offshoreCapacityShare[q]!]!;
      const yl = p.domesticYield[seg.domesticYield[q]!]!;
      const chip = p.domesticH100ePerChip[seg.domesticH100ePerChip[q]!]!;
      const ut = p.utilisation[seg.utilisation[q]!]!;
      const histRow = (H + q) * BLOCK - b0;
      for (let d = b0; d < b1; d++) {
        let pr = prod![d]!;
        let un = units![d]!;
        let dc = domCap![d]!;
        let hc = hbmCap![d]!;
        let cu = cUs![d]!;
        let cc = cCn![d]!;
        let eu = eUs![d]!;
        let ec = eCn![d]!;
        if (grow) {
          pr *= gP[d]!;
          un *= gU![d]!;
          hc *= gH![d]!;
          const g = gC![d]!;
          cu *= g;
          cc *= g;
          const a = gA![d]!;
          eu *= a;
          ec *= a;
          dc *= dstep[d]!;
          prod![d] = pr;
          units![d] = un;
          domCap![d] = dc;
          hbmCap![d] = hc;
          cUs![d] = cu;
          cCn![d] = cc;
          eUs![d] = eu;
          eCn![d] = ec;
        }
        // Foreign chips through all three channels never exceed what the same demand would buy with no rules.
        const legal = dem * (un * lh + (un < lc ? un : lc) * lb);
        let room = un * fh * (dem > 1 ? dem : 1) - legal;
        if (room < 0) room = 0;
        let stock = m1![d]! * un * dem * sw;
        if (stock > room) stock = room;
        room -= stock;
        let smug = leak[d]! * enf * pr * ctrl[d]!;
        if (smug > room) smug = room;
        let good = dc * yl[d]!;
        if (hbmOn && good > hc * hm) good = hc * hm;
        const dom = good * chip[d]!;
        const kp = keep![d]!;
        const ku = kUs![d]! * kp + usS[d]! * pr;
        const kc = kCn![d]! * kp + legal + stock + smug + dom;
        kUs![d] = ku;
        kCn![d] = kc;
        const rem = cloud[d]! * rm * off[d]! * ku;
        const ac = kc + rem;
        const fl = ut[d]! * flopPerH![d]!;
        const trUs = ku * (cu < 1 ? cu : 1) * fl;
        const trCn = ac * (cc < 1 ? cc : 1) * fl;
        let fu = fUs[d]!;
        let fc = fCn[d]!;
        if (trUs > fu) fUs[d] = fu = trUs;
        if (trCn > fc) fCn[d] = fc = trCn;
        const ecUs = trUs * eu;
        const ecCn = trCn * ec;
        const i = base + d;
        const pe = q > 0 ? oUsE[prev + d]! : 0;
        const pc = q > 0 ? oCnE[prev + d]! : 0;
        const feu = ecUs > pe ? ecUs : pe;
        oLegal[i] = legal;
        oStock[i] = stock;
        oSmug[i] = smug;
        oRemote[i] = rem;
        oDom[i] = dom;
        oCnK[i] = kc;
        oUsK[i] = ku;
        oCnA[i] = ac;
        oCnF[i] = fc;
        oUsF[i] = fu;
        oCnE[i] = ecCn > pc ? ecCn : pc;
        oUsE[i] = feu;
        oRatio[i] = ku / ac;
        const lu = Math.log(feu);
        const before = H + q > 0 ? usLog[histRow - BLOCK + d]! : Number.NEGATIVE_INFINITY;
        usLog[histRow + d] = lu > before ? lu : before;
      }
    }
    // Gap: China's frontier only rises, so each draw's search pointer into the US series only moves forward.
    for (let d = b0; d < b1; d++) ptr[d] = 0;
    for (let q = 0; q < Q; q++) {
      const tq = time[q]!;
      const base = q * D;
      for (let d = b0; d < b1; d++) {
        const target = Math.log(oCnE[base + d]!);
        let j = ptr[d]!;
        const col = d - b0;
        while (j < N && usLog[j * BLOCK + col]! < target) j++;
        ptr[d] = j;
        let s: number;
        if (j === 0) s = T[0]!;
        else if (j === N) s = T[N - 1]! + 0.25;
        else {
          const a = usLog[(j - 1) * BLOCK + col]!;
          const b = usLog[j * BLOCK + col]!;
          s = T[j - 1]! + ((T[j]! - T[j - 1]!) * (target - a)) / (b - a);
        }
        oGap[base + d] = (tq - s) * MONTHS_PER_YEAR;
      }
    }
  }

  return out;
}
