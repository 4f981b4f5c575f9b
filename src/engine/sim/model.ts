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
  /** One draw's log US effective frontier (history then simulated quarters), running max: H + Q rows. */
  usRow: Float64Array;
  /** The block's China and US effective frontier, draw-major: [draw within block × Q + quarter]. */
  cnB: Float64Array;
  usB: Float64Array;
  /** Packed per-draw state of one block, [BLOCK × S]. */
  packed: Float64Array;
  /** Per-draw growth factors per piecewise segment / equipment multiplier, grown on demand. */
  steps: Float64Array[];
}

const STATE = 21;

// Fields of the packed per-draw state (stride S): running state, per-draw constants, then the current quarter's
// parameter values (P_PARAM + slot: 0 production growth step, 1 domestic growth step, 2 usShare, 3 leakRate,
// 4 controlledShare, 5 cloudShare, 6 offshoreCapacityShare, 7 domesticYield, 8 domesticH100ePerChip, 9 utilisation).
const P_PR = 0;
const P_UN = 1;
const P_DC = 2;
const P_HC = 3;
const P_CU = 4;
const P_CC = 5;
const P_EU = 6;
const P_EC = 7;
const P_GU = 8;
const P_GH = 9;
const P_GC = 10;
const P_GA = 11;
const P_KEEP = 12;
const P_M1 = 13;
const P_FLOP = 14;
const P_KUS = 15;
const P_KCN = 16;
const P_FUS = 17;
const P_FCN = 18;
const P_PE = 19;
const P_PC = 20;
const P_PARAM = 21;
const PARAM_SLOTS = 10;
const S = P_PARAM + PARAM_SLOTS;

export function allocWorkspace(D: number, Q: number, H: number): Workspace {
  return {
    D,
    Q,
    H,
    f: Array.from({ length: STATE }, () => new Float64Array(D)),
    usRow: new Float64Array(H + Q),
    cnB: new Float64Array(BLOCK * Q),
    usB: new Float64Array(BLOCK * Q),
    packed: new Float64Array(BLOCK * S),
    steps: [],
  };
}

/** The i-th step buffer of a workspace (length D), allocated once and reused by later runs. */
function stepBuffer(ws: Workspace, i: number): Float64Array {
  while (ws.steps.length <= i) ws.steps.push(new Float64Array(ws.D));
  return ws.steps[i]!;
}

/**
 * Runs D draws through every quarter of the plan, writing into `out`. Draws go in blocks of BLOCK; within a block
 * the model runs quarter by quarter over the draws, so the outputs are written in order (a draw-by-draw loop over
 * quarters was measured slower), then the gap runs draw by draw over the block's effective frontiers, kept
 * draw-major in the workspace. With `need`, only those variables are written; the others keep whatever they held.
 * Writing 14 columns of D × Q doubles is much of the run time.
 */
export function runModel(
  plan: Plan,
  p: ParamColumns,
  D: number,
  out: Outputs = allocOutputs(D, plan.Q),
  ws: Workspace = allocWorkspace(D, plan.Q, plan.histTime.length),
  need?: ReadonlySet<Variable>,
): Outputs {
  const { Q, equipIdx, equipValues, seg, histTime, time } = plan;
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
  let nStep = 0;
  const prodSteps = p.productionGrowthPerYear.map((col) => {
    const a = stepBuffer(ws, nStep++);
    for (let d = 0; d < D; d++) a[d] = Math.sqrt(Math.sqrt(col[d]!));
    return a;
  });
  // Domestic growth per quarter under each distinct equipment-control multiplier: gD^(m/4), per draw.
  const domG = c0("domesticGrowthPerYear");
  const domSteps = equipValues.map((m) => {
    const a = stepBuffer(ws, nStep++);
    for (let d = 0; d < D; d++) a[d] = Math.exp((Math.log(domG[d]!) / 4) * m);
    return a;
  });
  // US history in effective terms (observed FLOP × g^(t − t0)) and the gap use a per-draw log buffer.
  // Per quarter and slot, the column the packed state reads (see P_PARAM), and whether it changed since the
  // previous quarter (piecewise segments and equipment-control steps change rarely).
  const colAt: Float64Array[] = [];
  const changed = new Uint8Array(Q * PARAM_SLOTS);
  for (let q = 0; q < Q; q++) {
    const at = [
      prodSteps[seg.productionGrowthPerYear[q]!]!,
      domSteps[equipIdx[q]!]!,
      p.usShare[seg.usShare[q]!]!,
      p.leakRate[seg.leakRate[q]!]!,
      p.controlledShare[seg.controlledShare[q]!]!,
      p.cloudShare[seg.cloudShare[q]!]!,
      p.offshoreCapacityShare[seg.offshoreCapacityShare[q]!]!,
      p.domesticYield[seg.domesticYield[q]!]!,
      p.domesticH100ePerChip[seg.domesticH100ePerChip[q]!]!,
      p.utilisation[seg.utilisation[q]!]!,
    ];
    for (let slot = 0; slot < PARAM_SLOTS; slot++) {
      const col = at[slot]!;
      changed[q * PARAM_SLOTS + slot] = q === 0 || colAt[(q - 1) * PARAM_SLOTS + slot] !== col ? 1 : 0;
      colAt.push(col);
    }
  }
  const all = need === undefined;
  const has = (v: Variable) => all || need.has(v);
  const N = H + Q;
  const T = new Float64Array(N);
  T.set(histTime, 0);
  T.set(time, H);
  const ctx: BlockContext = {
    D,
    Q,
    H,
    plan,
    out,
    ws,
    colAt,
    changed,
    T,
    write: Uint8Array.from(VARIABLES, (v) => (has(v) ? 1 : 0)),
  };
  // One call per block, to two small functions: each compiles quickly and reads its inputs from one fixed-shape
  // context (the single function they replace took 100–350 ms per optimising compile; run time is the same).
  for (let b0 = 0; b0 < D; b0 += BLOCK) {
    const b1 = b0 + BLOCK < D ? b0 + BLOCK : D;
    modelBlock(ctx, b0, b1);
    if (has("gapMonths")) gapBlock(ctx, b0, b1);
  }
  return out;
}

/** Everything the block functions read: a fixed shape, so every access stays monomorphic. */
interface BlockContext {
  D: number;
  Q: number;
  H: number;
  plan: Plan;
  out: Outputs;
  ws: Workspace;
  /** [q × PARAM_SLOTS + slot]: the column of that parameter slot in quarter q. */
  colAt: Float64Array[];
  /** [q × PARAM_SLOTS + slot]: 1 when the slot's column differs from the previous quarter's. */
  changed: Uint8Array;
  /** History then simulated quarter times, decimal years. */
  T: Float64Array;
  /** Per VARIABLES index: 1 to write that output. */
  write: Uint8Array;
}

const W = Object.fromEntries(VARIABLES.map((v, i) => [v, i])) as Record<Variable, number>;

/** Draws [b0, b1) through every quarter: flows, stocks, frontiers; the effective frontiers also into cnB / usB. */
function modelBlock(ctx: BlockContext, b0: number, b1: number): void {
  const { D, Q, plan, out, ws, colAt, changed, write } = ctx;
  const { legalH, freeH, licBoost, licCap, demand, enforce, remote, controlled, stockW, hbm } = plan;
  const [keep, , gU, gH, gC, gA, , flopPerH, m1, kUs, kCn, prod, units, domCap, hbmCap, cUs, cCn, eUs, eCn] =
    ws.f as Float64Array[];
  const fUs = ws.f[19]!;
  const fCn = ws.f[20]!;
  const pk = ws.packed;
  const cnB = ws.cnB;
  const usB = ws.usB;
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
  const wLegal = write[W.legalH100e] === 1;
  const wStock = write[W.stockpileH100e] === 1;
  const wSmug = write[W.smugglingH100e] === 1;
  const wRemote = write[W.remoteH100e] === 1;
  const wDom = write[W.domesticH100e] === 1;
  const wCnK = write[W.cnStockH100e] === 1;
  const wUsK = write[W.usStockH100e] === 1;
  const wCnA = write[W.cnAccessibleH100e] === 1;
  const wCnF = write[W.cnFrontierFlop] === 1;
  const wUsF = write[W.usFrontierFlop] === 1;
  const wCnE = write[W.cnEffectiveFlop] === 1;
  const wUsE = write[W.usEffectiveFlop] === 1;
  const wRatio = write[W.computeRatio] === 1;
  // The block's per-draw state and the current quarter's parameter values, packed draw by draw in one array
  // (one base pointer for the loop instead of some thirty typed arrays); the arithmetic is unchanged.
  for (let d = b0, o = 0; d < b1; d++, o += S) {
    pk[o + P_PR] = prod![d]!;
    pk[o + P_UN] = units![d]!;
    pk[o + P_DC] = domCap![d]!;
    pk[o + P_HC] = hbmCap![d]!;
    pk[o + P_CU] = cUs![d]!;
    pk[o + P_CC] = cCn![d]!;
    pk[o + P_EU] = eUs![d]!;
    pk[o + P_EC] = eCn![d]!;
    pk[o + P_GU] = gU![d]!;
    pk[o + P_GH] = gH![d]!;
    pk[o + P_GC] = gC![d]!;
    pk[o + P_GA] = gA![d]!;
    pk[o + P_KEEP] = keep![d]!;
    pk[o + P_M1] = m1![d]!;
    pk[o + P_FLOP] = flopPerH![d]!;
    pk[o + P_KUS] = kUs![d]!;
    pk[o + P_KCN] = kCn![d]!;
    pk[o + P_FUS] = fUs[d]!;
    pk[o + P_FCN] = fCn[d]!;
    pk[o + P_PE] = 0;
    pk[o + P_PC] = 0;
  }
  for (let q = 0; q < Q; q++) {
    const grow = q > 0;
    const base = q * D;
    const dem = demand[q]!;
    const lh = legalH[q]!;
    const fh = freeH[q]!;
    const lb = licBoost[q]!;
    const lc = licCap[q]!;
    const sw = stockW[q]!;
    const enf = enforce[q]! * controlled[q]!;
    const rm = remote[q]!;
    const hm = hbm[q]!;
    const hbmOn = !Number.isNaN(hm);
    // Copy a parameter's column into the packed state when its segment (or equipment step) changes.
    for (let slot = 0; slot < PARAM_SLOTS; slot++) {
      if (!changed[q * PARAM_SLOTS + slot]) continue;
      const col = colAt[q * PARAM_SLOTS + slot]!;
      const k = P_PARAM + slot;
      for (let d = b0, o = k; d < b1; d++, o += S) pk[o] = col[d]!;
    }
    for (let d = b0, o = 0; d < b1; d++, o += S) {
      let pr = pk[o + P_PR]!;
      let un = pk[o + P_UN]!;
      let dc = pk[o + P_DC]!;
      let hc = pk[o + P_HC]!;
      let cu = pk[o + P_CU]!;
      let cc = pk[o + P_CC]!;
      let eu = pk[o + P_EU]!;
      let ec = pk[o + P_EC]!;
      if (grow) {
        pr *= pk[o + P_PARAM]!;
        un *= pk[o + P_GU]!;
        hc *= pk[o + P_GH]!;
        const g = pk[o + P_GC]!;
        cu *= g;
        cc *= g;
        const a = pk[o + P_GA]!;
        eu *= a;
        ec *= a;
        dc *= pk[o + P_PARAM + 1]!;
        pk[o + P_PR] = pr;
        pk[o + P_UN] = un;
        pk[o + P_DC] = dc;
        pk[o + P_HC] = hc;
        pk[o + P_CU] = cu;
        pk[o + P_CC] = cc;
        pk[o + P_EU] = eu;
        pk[o + P_EC] = ec;
      }
      // Foreign chips through all three channels never exceed what the same demand would buy with no rules.
      const legal = dem * (un * lh + (un < lc ? un : lc) * lb);
      let room = un * fh * (dem > 1 ? dem : 1) - legal;
      if (room < 0) room = 0;
      let stock = pk[o + P_M1]! * un * dem * sw;
      if (stock > room) stock = room;
      room -= stock;
      let smug = pk[o + P_PARAM + 3]! * enf * pr * pk[o + P_PARAM + 4]!;
      if (smug > room) smug = room;
      let good = dc * pk[o + P_PARAM + 7]!;
      if (hbmOn && good > hc * hm) good = hc * hm;
      const dom = good * pk[o + P_PARAM + 8]!;
      const kp = pk[o + P_KEEP]!;
      const ku = pk[o + P_KUS]! * kp + pk[o + P_PARAM + 2]! * pr;
      const kc = pk[o + P_KCN]! * kp + legal + stock + smug + dom;
      pk[o + P_KUS] = ku;
      pk[o + P_KCN] = kc;
      const rem = pk[o + P_PARAM + 5]! * rm * pk[o + P_PARAM + 6]! * ku;
      const ac = kc + rem;
      const fl = pk[o + P_PARAM + 9]! * pk[o + P_FLOP]!;
      const trUs = ku * (cu < 1 ? cu : 1) * fl;
      const trCn = ac * (cc < 1 ? cc : 1) * fl;
      let fu = pk[o + P_FUS]!;
      let fc = pk[o + P_FCN]!;
      if (trUs > fu) pk[o + P_FUS] = fu = trUs;
      if (trCn > fc) pk[o + P_FCN] = fc = trCn;
      const ecUs = trUs * eu;
      const ecCn = trCn * ec;
      const i = base + d;
      const pe = pk[o + P_PE]!;
      const pc = pk[o + P_PC]!;
      const feu = ecUs > pe ? ecUs : pe;
      const fec = ecCn > pc ? ecCn : pc;
      pk[o + P_PE] = feu;
      pk[o + P_PC] = fec;
      if (wLegal) oLegal[i] = legal;
      if (wStock) oStock[i] = stock;
      if (wSmug) oSmug[i] = smug;
      if (wRemote) oRemote[i] = rem;
      if (wDom) oDom[i] = dom;
      if (wCnK) oCnK[i] = kc;
      if (wUsK) oUsK[i] = ku;
      if (wCnA) oCnA[i] = ac;
      if (wCnF) oCnF[i] = fc;
      if (wUsF) oUsF[i] = fu;
      if (wCnE) oCnE[i] = fec;
      if (wUsE) oUsE[i] = feu;
      const c = (d - b0) * Q + q;
      cnB[c] = fec;
      usB[c] = feu;
      if (wRatio) oRatio[i] = ku / ac;
    }
  }
}

/** The gap in months for draws [b0, b1), from the block's effective frontiers (cnB, usB) and the US history. */
function gapBlock(ctx: BlockContext, b0: number, b1: number): void {
  const { D, Q, H, plan, out, ws, T } = ctx;
  const { histTime, histLogFlop, time } = plan;
  const lnA = ws.f[6]!;
  const usRow = ws.usRow;
  const cnB = ws.cnB;
  const usB = ws.usB;
  const oGap = out.gapMonths;
  const t0 = time[0]!;
  const N = H + Q;
  // Gap, draw by draw: China's frontier only rises, so the search pointer into the US series only moves
  // forward. Row j of `usRow` is the running max of log US effective compute over the history and then the
  // simulated quarters; simulated rows are filled only as far as some search reaches (the log is costly).
  for (let d = b0; d < b1; d++) {
    const la = lnA[d]!;
    let prev = Number.NEGATIVE_INFINITY;
    for (let h = 0; h < H; h++) {
      const v = histLogFlop[h]! + la * (histTime[h]! - t0);
      if (v > prev) prev = v;
      usRow[h] = prev;
    }
    let j = 0;
    let ready = H;
    const c0 = (d - b0) * Q;
    for (let q = 0, i = d; q < Q; q++, i += D) {
      const target = Math.log(cnB[c0 + q]!);
      while (j < N) {
        if (j === ready) {
          const lu = Math.log(usB[c0 + j - H]!);
          const before = j > 0 ? usRow[j - 1]! : Number.NEGATIVE_INFINITY;
          usRow[j] = lu > before ? lu : before;
          ready = j + 1;
        }
        if (!(usRow[j]! < target)) break;
        j++;
      }
      let s: number;
      if (j === 0) s = T[0]!;
      else if (j === N) s = T[N - 1]! + 0.25;
      else {
        const a = usRow[j - 1]!;
        const b = usRow[j]!;
        s = T[j - 1]! + ((T[j]! - T[j - 1]!) * (target - a)) / (b - a);
      }
      oGap[i] = (time[q]! - s) * MONTHS_PER_YEAR;
    }
  }
}
