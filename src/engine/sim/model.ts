/**
 * The race model (v2) over many draws: world supply and its allocation, China's five channels, stocks, frontier
 * training compute, capability in ECI and the backward-looking gap. docs/model.md gives the equations and
 * reference.ts runs them one draw at a time with named variables; this kernel must match it to 1e-9 (tested).
 *
 * What makes it fast: per-quarter parameter columns and plan constants are looked up once per run, each draw runs
 * through every quarter with its state in local variables (no per-draw state arrays), growth factors are carried as
 * running products, and the gap's two search pointers only move forward because both frontiers only rise.
 */
import type { ParamName } from "./params.js";
import { HBM_REF_YEAR, type Plan, SMUGGLE_REF_YEAR } from "./plan.js";

/** Every per-draw, per-quarter output, stored quarter-major: value of draw d in quarter q at [q·D + d]. */
export const VARIABLES = [
  "gapMonths",
  "gapCensored",
  "usEci",
  "cnEci",
  "usFrontierFlop",
  "cnFrontierFlop",
  "worldOutputH100e",
  "usInflowH100e",
  "rowInflowH100e",
  "legalH100e",
  "stockpileH100e",
  "smugglingH100e",
  "remoteH100e",
  "domesticH100e",
  "usStockH100e",
  "cnStockH100e",
  "rowStockH100e",
  "cnAccessibleH100e",
  "computeRatio",
] as const;
export type Variable = (typeof VARIABLES)[number];

/** China's five channels, in H100e per quarter (remote access is capacity rented that quarter, not an inflow). */
export const CHANNELS = [
  "legalH100e",
  "stockpileH100e",
  "smugglingH100e",
  "remoteH100e",
  "domesticH100e",
] as const;

/** Human labels and units of the outputs, for tables, charts and exports. */
export const VARIABLE_INFO: Record<Variable, { label: string; unit: string }> = {
  gapMonths: { label: "Gap (China behind the US)", unit: "months" },
  gapCensored: { label: "Gap ran off the start of history", unit: "share of draws" },
  usEci: { label: "US frontier capability", unit: "ECI" },
  cnEci: { label: "China frontier capability", unit: "ECI" },
  usFrontierFlop: { label: "US largest training run", unit: "FLOP" },
  cnFrontierFlop: { label: "China largest training run", unit: "FLOP" },
  worldOutputH100e: { label: "World accelerator output", unit: "H100e (8-bit) per quarter" },
  usInflowH100e: { label: "Bought by US owners", unit: "H100e (8-bit) per quarter" },
  rowInflowH100e: {
    label: "Bought by the rest of the world (incl. chips later smuggled)",
    unit: "H100e (8-bit) per quarter",
  },
  legalH100e: { label: "China: legal imports", unit: "H100e (8-bit) per quarter" },
  stockpileH100e: { label: "China: stockpiling before a rule", unit: "H100e (8-bit) per quarter" },
  smugglingH100e: { label: "China: smuggling", unit: "H100e (8-bit) per quarter" },
  remoteH100e: { label: "China: rented offshore capacity", unit: "H100e (8-bit) available that quarter" },
  domesticH100e: { label: "China: domestic production", unit: "H100e (8-bit) per quarter" },
  usStockH100e: { label: "US stock", unit: "H100e (8-bit)" },
  cnStockH100e: { label: "China stock (owned)", unit: "H100e (8-bit)" },
  rowStockH100e: { label: "Rest-of-world stock (before renting to China)", unit: "H100e (8-bit)" },
  cnAccessibleH100e: { label: "China accessible compute (stock + rented)", unit: "H100e (8-bit)" },
  computeRatio: { label: "US ÷ China accessible compute", unit: "×" },
};

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

/** Per-draw scratch, reused across runs of the same size. */
export interface Workspace {
  D: number;
  Q: number;
  H: number;
  /** One draw's US ECI frontier: history then simulated quarters (running max), and their times. */
  usRow: Float64Array;
  usT: Float64Array;
  /** One draw's China ECI frontier per simulated quarter. */
  cnRow: Float64Array;
}

export function allocWorkspace(D: number, Q: number, H: number): Workspace {
  return {
    D,
    Q,
    H,
    usRow: new Float64Array(H + Q),
    usT: new Float64Array(H + Q),
    cnRow: new Float64Array(Q),
  };
}

/** Per quarter, the column of a parameter (its piecewise segment in force). */
function perQuarter(plan: Plan, p: ParamColumns, name: ParamName): Float64Array[] {
  return Array.from(plan.seg[name], (k) => p[name][k]!);
}

/**
 * Runs D draws through every quarter of the plan, writing into `out`. With `need`, only those variables are
 * written; the others keep whatever they held.
 */
export function runModel(
  plan: Plan,
  p: ParamColumns,
  D: number,
  out: Outputs = allocOutputs(D, plan.Q),
  ws: Workspace = allocWorkspace(D, plan.Q, plan.histTime.length),
  need?: ReadonlySet<Variable>,
): Outputs {
  const H = plan.histTime.length;
  if (ws.D !== D || ws.Q !== plan.Q || ws.H !== H) ws = allocWorkspace(D, plan.Q, H);
  // One small function per draw: it optimises quickly as a whole (one big loop function took ~250 ms per
  // optimising compile and ran on-stack-replaced code), and the context keeps its reads monomorphic.
  const k = context(plan, p, D, out, ws, need);
  for (let d = 0; d < D; d++) simulateDraw(k, d);
  return out;
}

/** Everything one draw reads, looked up once per run: a fixed shape, so every access stays monomorphic. */
function context(
  plan: Plan,
  p: ParamColumns,
  D: number,
  out: Outputs,
  ws: Workspace,
  need: ReadonlySet<Variable> | undefined,
) {
  const { Q, time, histTime, histLog10Flop } = plan;
  const H = histTime.length;
  const w = Uint8Array.from(VARIABLES, (v) => (need === undefined || need.has(v) ? 1 : 0));
  const c0 = (n: ParamName) => p[n][0]!;
  // Time-varying parameters, per quarter.
  const gW = perQuarter(plan, p, "worldGrowthPerYear");
  const usShare = perQuarter(plan, p, "usShareExCn");
  const leak = perQuarter(plan, p, "smuggleShareOfUnmet");
  const rent = perQuarter(plan, p, "remoteShareOfRow");
  const yld = perQuarter(plan, p, "domesticYield");
  const hDom = perQuarter(plan, p, "domesticH100ePerChip");
  const util = perQuarter(plan, p, "utilisation");
  // Constant parameters.
  const shock = c0("worldOutputShock");
  const sigma = c0("cnDemandShare");
  const stockM = c0("stockpileMultiplier");
  const smCap = c0("smuggleCapacityH100e");
  const smG = c0("smuggleCapacityGrowthPerYear");
  const domCap = c0("domesticCapacityChipsPerQuarter");
  const domG = c0("domesticGrowthPerYear");
  const bank0 = c0("dieBankChips");
  const bankDraw = c0("dieBankDrawPerQuarter");
  const hbm0 = c0("hbmStockpileStacks");
  const hbmNew0 = c0("domesticHbmStacksPerQuarter");
  const hbmG = c0("domesticHbmGrowthPerYear");
  const spcCol = c0("hbmStacksPerChip");
  const usK0 = c0("usInitialStockH100e");
  const cnK0 = c0("cnInitialStockH100e");
  const rowK0 = c0("rowInitialStockH100e");
  const life = c0("chipLifetimeYears");
  const usC0 = c0("usConcentration");
  const cnC0 = c0("cnConcentration");
  const cG = c0("concentrationGrowthPerYear");
  const days = c0("trainingDays");
  const peak = c0("peakFlopPerH100e");
  const z1 = c0("eciFitShock1");
  const z2 = c0("eciFitShock2");
  const z3 = c0("eciFitShock3");
  const y1 = c0("cnFitShock1");
  const y2 = c0("cnFitShock2");
  const tauCol = c0("catchUpPersistenceYears");
  const { us, cn, t0 } = plan.eci;
  const L = us.chol;
  const M = cn.chol;
  const {
    nObs,
    worldMed,
    worldLo,
    worldHi,
    demand: dem,
    freeH,
    legalH,
    licFrom,
    licH,
    licShare,
    licCap,
    stockW,
    enforce,
    remote: remoteM,
    equip,
    bankOn,
    hbmOn,
    hbmMult,
  } = plan;
  const {
    gapMonths: oGap,
    gapCensored: oCens,
    usEci: oUsE,
    cnEci: oCnE,
    usFrontierFlop: oUsF,
    cnFrontierFlop: oCnF,
    worldOutputH100e: oW,
    usInflowH100e: oUsIn,
    rowInflowH100e: oRowIn,
    legalH100e: oLegal,
    stockpileH100e: oStock,
    smugglingH100e: oSmug,
    remoteH100e: oRemote,
    domesticH100e: oDom,
    usStockH100e: oUsK,
    cnStockH100e: oCnK,
    rowStockH100e: oRowK,
    cnAccessibleH100e: oCnA,
    computeRatio: oRatio,
  } = out;
  const [
    wGap,
    wCens,
    wUsE,
    wCnE,
    wUsF,
    wCnF,
    wW,
    wUsIn,
    wRowIn,
    wLegal,
    wStock,
    wSmug,
    wRemote,
    wDom,
    wUsK,
    wCnK,
    wRowK,
    wCnA,
    wRatio,
  ] = Array.from(w, (x) => x === 1);
  const usRow = ws.usRow;
  const usT = ws.usT;
  const cnRow = ws.cnRow;
  usT.set(histTime, 0);
  usT.set(time, H);
  const tEndRel = cn.tEnd - t0;
  const smugStart = time[0]! - SMUGGLE_REF_YEAR;
  const hbmStart = time[0]! - HBM_REF_YEAR;

  return {
    H,
    gW,
    usShare,
    leak,
    rent,
    yld,
    hDom,
    util,
    shock,
    sigma,
    stockM,
    smCap,
    smG,
    domCap,
    domG,
    bank0,
    bankDraw,
    hbm0,
    hbmNew0,
    hbmG,
    spcCol,
    usK0,
    cnK0,
    rowK0,
    life,
    usC0,
    cnC0,
    cG,
    days,
    peak,
    z1,
    z2,
    z3,
    y1,
    y2,
    tauCol,
    L,
    M,
    usRow,
    usT,
    cnRow,
    tEndRel,
    smugStart,
    hbmStart,
    Q,
    time,
    histTime,
    histLog10Flop,
    us,
    cn,
    t0,
    nObs,
    worldMed,
    worldLo,
    worldHi,
    dem,
    freeH,
    legalH,
    licFrom,
    licH,
    licShare,
    licCap,
    stockW,
    enforce,
    remoteM,
    equip,
    bankOn,
    hbmOn,
    hbmMult,
    oGap,
    oCens,
    oUsE,
    oCnE,
    oUsF,
    oCnF,
    oW,
    oUsIn,
    oRowIn,
    oLegal,
    oStock,
    oSmug,
    oRemote,
    oDom,
    oUsK,
    oCnK,
    oRowK,
    oCnA,
    oRatio,
    wGap,
    wCens,
    wUsE,
    wCnE,
    wUsF,
    wCnF,
    wW,
    wUsIn,
    wRowIn,
    wLegal,
    wStock,
    wSmug,
    wRemote,
    wDom,
    wUsK,
    wCnK,
    wRowK,
    wCnA,
    wRatio,
    D,
  };
}

type Context = ReturnType<typeof context>;

/** One draw through every quarter (docs/model.md §1–§11), state in locals. */
function simulateDraw(k: Context, d: number): void {
  const {
    H,
    gW,
    usShare,
    leak,
    rent,
    yld,
    hDom,
    util,
    shock,
    sigma,
    stockM,
    smCap,
    smG,
    domCap,
    domG,
    bank0,
    bankDraw,
    hbm0,
    hbmNew0,
    hbmG,
    spcCol,
    usK0,
    cnK0,
    rowK0,
    life,
    usC0,
    cnC0,
    cG,
    days,
    peak,
    z1,
    z2,
    z3,
    y1,
    y2,
    tauCol,
    L,
    M,
    usRow,
    usT,
    cnRow,
    tEndRel,
    smugStart,
    hbmStart,
    Q,
    time,
    histTime,
    histLog10Flop,
    us,
    cn,
    t0,
    nObs,
    worldMed,
    worldLo,
    worldHi,
    dem,
    freeH,
    legalH,
    licFrom,
    licH,
    licShare,
    licCap,
    stockW,
    enforce,
    remoteM,
    equip,
    bankOn,
    hbmOn,
    hbmMult,
    oGap,
    oCens,
    oUsE,
    oCnE,
    oUsF,
    oCnF,
    oW,
    oUsIn,
    oRowIn,
    oLegal,
    oStock,
    oSmug,
    oRemote,
    oDom,
    oUsK,
    oCnK,
    oRowK,
    oCnA,
    oRatio,
    wGap,
    wCens,
    wUsE,
    wCnE,
    wUsF,
    wCnF,
    wW,
    wUsIn,
    wRowIn,
    wLegal,
    wStock,
    wSmug,
    wRemote,
    wDom,
    wUsK,
    wCnK,
    wRowK,
    wCnA,
    wRatio,
    D,
  } = k;

  // ECI coefficients of this draw (fit mean + Cholesky × standard normals).
  const za = z1[d]!;
  const zb = z2[d]!;
  const zc = z3[d]!;
  const a = us.mean[0] + L[0]! * za + L[1]! * zb + L[2]! * zc;
  const b = us.mean[1] + L[3]! * za + L[4]! * zb + L[5]! * zc;
  const c = us.mean[2] + L[6]! * za + L[7]! * zb + L[8]! * zc;
  const ya = y1[d]!;
  const yb = y2[d]!;
  const delta = cn.mean[0] + M[0]! * ya + M[1]! * yb;
  const kappa = cn.mean[1] + M[2]! * ya + M[3]! * yb;
  const tau = tauCol[d]!;
  let usE = Number.NEGATIVE_INFINITY;
  for (let h = 0; h < H; h++) {
    const e = a + b * histLog10Flop[h]! + c * (histTime[h]! - t0);
    if (e > usE) usE = e;
    usRow[h] = usE;
  }
  const z = shock[d]!;
  const sig = sigma[d]!;
  const m1 = stockM[d]! - 1;
  const keep = 1 - 1 / (4 * life[d]!);
  let usK = usK0[d]!;
  let cnK = cnK0[d]!;
  let rowK = rowK0[d]!;
  let bank = bank0[d]!;
  let hbmS = hbm0[d]!;
  const draw = bankDraw[d]!;
  const spc = spcCol[d]!;
  const cap0 = domCap[d]!;
  const domStep = Math.sqrt(Math.sqrt(domG[d]!));
  let domGrow = 1;
  const smGd = smG[d]!;
  let smugCap = smCap[d]! * smGd ** smugStart;
  const smStep = Math.sqrt(Math.sqrt(smGd));
  const hbmGd = hbmG[d]!;
  let hbmNew = hbmNew0[d]! * hbmGd ** hbmStart;
  const hbmStep = Math.sqrt(Math.sqrt(hbmGd));
  const cStep = Math.sqrt(Math.sqrt(cG[d]!));
  let cGrow = 1;
  const usC = usC0[d]!;
  const cnC = cnC0[d]!;
  const flopBase = days[d]! * SECONDS_PER_DAY * peak[d]!;
  let world = 0;
  let usF = 0;
  let cnF = 0;
  let cnE = Number.NEGATIVE_INFINITY;
  let jUs = 0;
  let jCn = 0;
  for (let q = 0, i = d; q < Q; q++, i += D) {
    if (q > 0) {
      domGrow *= domStep;
      smugCap *= smStep;
      hbmNew *= hbmStep;
      cGrow *= cStep;
    }
    // §1 world output
    if (q < nObs) world = worldMed[q]! * Math.exp(z * (z < 0 ? worldLo[q]! : worldHi[q]!));
    else world *= Math.sqrt(Math.sqrt(gW[q]![d]!));
    // §2–3 demand and legal imports
    const demand = sig * world * dem[q]!;
    const units = demand / freeH[q]!;
    let remaining = units;
    let legal = 0;
    for (let k = licFrom[q]!, k1 = licFrom[q + 1]!; k < k1; k++) {
      const share = licShare[k]!;
      let n = units * share;
      const capK = licCap[k]! * share;
      if (capK < n) n = capK;
      if (remaining < n) n = remaining;
      legal += n * licH[k]!;
      remaining -= n;
    }
    legal += remaining * legalH[q]!;
    // §4 stockpiling
    let stock = m1 * units * stockW[q]!;
    if (stock > world - legal) stock = world - legal;
    // §5 allocation
    const open = world - legal - stock;
    const usIn = usShare[q]![d]! * open;
    const rowIn = open - usIn;
    // §6 smuggling
    let unmet = demand - legal - stock;
    if (unmet < 0) unmet = 0;
    let sm = leak[q]![d]! * unmet;
    if (sm > smugCap) sm = smugCap;
    sm *= enforce[q]!;
    if (sm > rowIn) sm = rowIn;
    // §7 domestic
    const logic = cap0 * domGrow * equip[q]! * yld[q]![d]!;
    let chips = logic + (bankOn[q] ? (bank < draw ? bank : draw) : 0);
    if (hbmOn[q]) {
      const fresh = hbmNew * hbmMult[q]!;
      const byHbm = (hbmS + fresh) / spc;
      if (byHbm < chips) chips = byHbm;
      const fromStock = chips * spc - fresh;
      if (fromStock > 0) {
        hbmS -= fromStock;
        if (hbmS < 0) hbmS = 0;
      }
    }
    if (chips > logic) bank -= chips - logic;
    const dom = chips * hDom[q]![d]!;
    // §8 stocks
    usK = usK * keep + usIn;
    rowK = rowK * keep + rowIn - sm;
    cnK = cnK * keep + legal + stock + sm + dom;
    let rs = rent[q]![d]! * remoteM[q]!;
    if (rs > 1) rs = 1;
    const rem = rs * rowK;
    const cnA = cnK + rem;
    // §9 frontier training compute
    const flop = util[q]![d]! * flopBase;
    let cu = usC * cGrow;
    if (cu > 1) cu = 1;
    let cc = cnC * cGrow;
    if (cc > 1) cc = 1;
    const fu = usK * cu * flop;
    if (fu > usF) usF = fu;
    const fc = cnA * cc * flop;
    if (fc > cnF) cnF = fc;
    // §10 ECI
    const tr = time[q]! - t0;
    const eu = a + b * Math.log10(usF > 1 ? usF : 1) + c * tr;
    if (eu > usE) usE = eu;
    usRow[H + q] = usE;
    const pred = a + b * Math.log10(cnF > 1 ? cnF : 1) + c * tr;
    let off = delta + kappa * (tr < tEndRel ? tr : tEndRel);
    if (tr > tEndRel && tau > 0) off += kappa * tau * (1 - Math.exp(-(tr - tEndRel) / tau));
    const ec = pred + off;
    if (ec > cnE) cnE = ec;
    cnRow[q] = cnE;
    // §11 gap, looking back only
    if (wGap || wCens) {
      let months: number;
      let cens = 0;
      const t = time[q]!;
      if (usE >= cnE) {
        while (usRow[jUs]! < cnE) jUs++;
        if (jUs === 0) {
          months = (t - usT[0]!) * MONTHS_PER_YEAR;
          cens = 1;
        } else {
          const lo = usRow[jUs - 1]!;
          months =
            (t - usT[jUs - 1]! - ((usT[jUs]! - usT[jUs - 1]!) * (cnE - lo)) / (usRow[jUs]! - lo)) *
            MONTHS_PER_YEAR;
        }
      } else {
        while (cnRow[jCn]! < usE) jCn++;
        if (jCn === 0) {
          months = -(t - time[0]!) * MONTHS_PER_YEAR;
          cens = 1;
        } else {
          const lo = cnRow[jCn - 1]!;
          months =
            -(t - time[jCn - 1]! - ((time[jCn]! - time[jCn - 1]!) * (usE - lo)) / (cnRow[jCn]! - lo)) *
            MONTHS_PER_YEAR;
        }
      }
      if (wGap) oGap[i] = months;
      if (wCens) oCens[i] = cens;
    }
    if (wUsE) oUsE[i] = usE;
    if (wCnE) oCnE[i] = cnE;
    if (wUsF) oUsF[i] = usF;
    if (wCnF) oCnF[i] = cnF;
    if (wW) oW[i] = world;
    if (wUsIn) oUsIn[i] = usIn;
    if (wRowIn) oRowIn[i] = rowIn;
    if (wLegal) oLegal[i] = legal;
    if (wStock) oStock[i] = stock;
    if (wSmug) oSmug[i] = sm;
    if (wRemote) oRemote[i] = rem;
    if (wDom) oDom[i] = dom;
    if (wUsK) oUsK[i] = usK;
    if (wCnK) oCnK[i] = cnK;
    if (wRowK) oRowK[i] = rowK;
    if (wCnA) oCnA[i] = cnA;
    if (wRatio) oRatio[i] = usK / cnA;
  }
}
