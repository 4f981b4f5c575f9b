/**
 * The race model (v2) over many draws: world supply and its allocation, China's five channels, stocks, frontier
 * training compute, capability in ECI and the backward-looking gap. docs/model.md gives the equations and
 * reference.ts runs them one draw at a time with named variables; this kernel must match it to 1e-9 (tested).
 *
 * What makes it fast: draws run in blocks of 256, quarter by quarter (see runModel), so independent draws overlap
 * in the CPU and outputs are written in contiguous runs; per-quarter parameter columns and plan constants are looked
 * up once per block-quarter; growth factors are carried as running products; and the gap's two search pointers
 * only move forward because both frontiers only rise.
 */
import type { ParamName } from "./params.js";
import { fastLog10 } from "./fastmath.js";
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

/**
 * Output buffers for D draws × Q quarters, reusable across runs of the same size. All variables are views into one
 * buffer, in VARIABLES order, so the kernel writes every output through a single array; a tail of BLOCK slots after
 * them takes the values of variables a run was not asked for (writing there costs less than a branch per value).
 */
export function allocOutputs(D: number, Q: number): Outputs {
  const all = new Float64Array(VARIABLES.length * D * Q + BLOCK);
  const o = {} as Outputs;
  VARIABLES.forEach((v, i) => {
    o[v] = all.subarray(i * D * Q, (i + 1) * D * Q);
  });
  return o;
}

/** The single buffer behind outputs made by allocOutputs(D, Q), or null for outputs laid out any other way. */
function packedOutputs(out: Outputs, D: number, Q: number): Float64Array | null {
  const first = out[VARIABLES[0]];
  const n = D * Q;
  if (
    first.length !== n ||
    first.byteOffset !== 0 ||
    first.buffer.byteLength !== (VARIABLES.length * n + BLOCK) * 8
  )
    return null;
  for (let i = 0; i < VARIABLES.length; i++) {
    const a = out[VARIABLES[i]!];
    if (a.buffer !== first.buffer || a.byteOffset !== i * n * 8 || a.length !== n) return null;
  }
  return new Float64Array(first.buffer);
}

const SECONDS_PER_DAY = 86_400;
const MONTHS_PER_YEAR = 12;

/**
 * Draws per block. A block's state (some 50 numbers per draw, plus its US and China frontiers) stays in the L1/L2
 * cache while the block runs through every quarter.
 */
export const BLOCK = 256;
/** Mask that bounds a block's draw index for V8's range analysis (any BLOCK ≤ 1024 passes through unchanged). */
const J_MASK = 1023;

// Slots of one draw's record in the block array: running state, per-draw constants, this quarter's time-varying
// parameters.
const USK = 0;
const CNK = 1;
const ROWK = 2;
const BANK = 3;
const HBMS = 4;
const WORLD = 5;
const DOMGROW = 6;
const SMUGCAP = 7;
const HBMNEW = 8;
const CGROW = 9;
const USF = 10;
const CNF = 11;
const USE = 12;
const CNE = 13;
const CNA = 14;
const A = 15;
const BB = 16;
const C = 17;
const DELTA = 18;
const KAPPA = 19;
const M1 = 20;
const KEEP = 21;
const DOMSTEP = 22;
const SMSTEP = 23;
const HBMSTEP = 24;
const CSTEP = 25;
const FLOPBASE = 26;
const SHOCK = 27;
const SIGMA = 28;
const DOMCAP = 29;
const BANKDRAW = 30;
const SPC = 31;
const USC = 32;
const CNC = 33;
const TAU = 34;
const PERSPC = 35;
const FADE = 36;
// This quarter's value of each time-varying parameter (the world's as its quarterly growth factor), refreshed in
// the quarters where one of them enters a new segment.
const WSTEP = 37;
const USSHARE = 38;
const LEAK = 39;
const RENT = 40;
const YLD = 41;
const HDOM = 42;
const UTIL = 43;
// log10 of this quarter's US and China frontier training compute, handed from the log pass to the ECI pass.
const LUS = 44;
const LCN = 45;
/**
 * Numbers per draw record. A literal stride (with j < 1024) lets V8 prove every index j·STRIDE + slot fits in 32
 * bits, which drops the overflow check and the spilled offset from each of the ~50 accesses per draw-quarter.
 */
const STRIDE = 48;

/** Time-varying parameters, in the order of their record slots WSTEP … UTIL. */
const SEGMENTED = [
  "worldGrowthPerYear",
  "usShareExCn",
  "smuggleShareOfUnmet",
  "remoteShareOfRow",
  "domesticYield",
  "domesticH100ePerChip",
  "utilisation",
] as const satisfies readonly ParamName[];

/** Per-block scratch, reused across runs of the same size. */
export interface Workspace {
  D: number;
  Q: number;
  H: number;
  /** Draws per block: min(D, BLOCK). */
  B: number;
  /** One record of STRIDE numbers per draw of the block. */
  rec: Float64Array;
  /** The gap's two search pointers per draw: [2j] into usRow, [2j+1] into cnRow. */
  ptr: Int32Array;
  /** US ECI frontier per draw: history then simulated quarters (running max), at [h·B + j]. */
  usRow: Float64Array;
  /** China ECI frontier per simulated quarter, at [q·B + j]. */
  cnRow: Float64Array;
  /** Times of usRow's columns: history quarter midpoints, then the simulated quarters. */
  usT: Float64Array;
}

export function allocWorkspace(D: number, Q: number, H: number): Workspace {
  const B = Math.max(1, Math.min(D, BLOCK));
  return {
    D,
    Q,
    H,
    B,
    rec: new Float64Array(B * STRIDE),
    ptr: new Int32Array(2 * B),
    usRow: new Float64Array((H + Q) * B),
    cnRow: new Float64Array(Q * B),
    usT: new Float64Array(H + Q),
  };
}

/**
 * Runs D draws through every quarter of the plan, writing into `out`. With `need`, only those variables are
 * written; the others keep whatever they held.
 *
 * Quarter-major within blocks of draws: for each block, every quarter runs over the block's draws, first the
 * supply side, then capability and the gap. Each draw's state, constants and parameters sit in one record of a
 * single array, and all outputs are views of one buffer, so the inner loops index two arrays instead of some sixty
 * (V8 re-checks every typed array it touches on every iteration); the draws of a block are independent, so the CPU
 * overlaps their long dependency chains; and each quarter's outputs are written in contiguous runs.
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
  const all = packedOutputs(out, D, plan.Q);
  if (all === null) {
    // Outputs laid out some other way: run into packed buffers and copy what was asked for.
    const tmp = runModel(plan, p, D, allocOutputs(D, plan.Q), ws, need);
    for (const v of VARIABLES) if (need === undefined || need.has(v)) out[v].set(tmp[v]);
    return out;
  }
  const k = context(plan, p, D, all, ws, need);
  for (let d0 = 0; d0 < D; d0 += ws.B) {
    const n = Math.min(ws.B, D - d0);
    startBlock(k, p, d0, n);
    for (let q = 0; q < plan.Q; q++) {
      supplyQuarter(k, q, d0, n);
      capabilityQuarter(k, q, d0, n);
    }
  }
  return out;
}

/** Everything the kernel reads, looked up once per run: a fixed shape, so every access stays monomorphic. */
function context(
  plan: Plan,
  p: ParamColumns,
  D: number,
  all: Float64Array,
  ws: Workspace,
  need: ReadonlySet<Variable> | undefined,
) {
  const H = plan.histTime.length;
  const Q = plan.Q;
  // Quarters in which some time-varying parameter enters a new segment (and quarter 0): the record's current values
  // are refreshed there.
  const segChange = Uint8Array.from({ length: Q }, (_, q) =>
    q === 0 || SEGMENTED.some((name) => plan.seg[name][q] !== plan.seg[name][q - 1]) ? 1 : 0,
  );
  // Per variable, its base offset in the packed outputs; the discard tail when not asked for (see allocOutputs),
  // offset back by each quarter's start so that base + q·D + d0 + j lands in the tail's first B slots.
  const discard = VARIABLES.length * D * Q;
  const base = (v: Variable) => (need === undefined || need.has(v) ? VARIABLES.indexOf(v) * D * Q : -1);
  ws.usT.set(plan.histTime, 0);
  ws.usT.set(plan.time, H);
  return {
    plan,
    ws,
    all,
    D,
    H,
    p,
    segChange,
    tEndRel: plan.eci.cn.tEnd - plan.eci.t0,
    smugStart: plan.time[0]! - SMUGGLE_REF_YEAR,
    hbmStart: plan.time[0]! - HBM_REF_YEAR,
    discard,
    oGap: base("gapMonths"),
    oCens: base("gapCensored"),
    oUsE: base("usEci"),
    oCnE: base("cnEci"),
    oUsF: base("usFrontierFlop"),
    oCnF: base("cnFrontierFlop"),
    oW: base("worldOutputH100e"),
    oUsIn: base("usInflowH100e"),
    oRowIn: base("rowInflowH100e"),
    oLegal: base("legalH100e"),
    oStock: base("stockpileH100e"),
    oSmug: base("smugglingH100e"),
    oRemote: base("remoteH100e"),
    oDom: base("domesticH100e"),
    oUsK: base("usStockH100e"),
    oCnK: base("cnStockH100e"),
    oRowK: base("rowStockH100e"),
    oCnA: base("cnAccessibleH100e"),
    oRatio: base("computeRatio"),
  };
}

type Context = ReturnType<typeof context>;

/**
 * Fills the records of draws d0 … d0+n−1: initial stocks, growth steps, ECI coefficients, the draw's parameters
 * (time-varying ones per segment) and the US history frontier.
 */
function startBlock(k: Context, p: ParamColumns, d0: number, n: number): void {
  const { ws, plan, H, smugStart, hbmStart } = k;
  const { us, cn, t0 } = plan.eci;
  const L = us.chol;
  const M = cn.chol;
  const { histTime, histLog10Flop } = plan;
  const B = ws.B;
  const usRow = ws.usRow;
  const r = ws.rec;
  const c0 = (name: ParamName) => p[name][0]!;
  const [z1, z2, z3, y1, y2] = [
    c0("eciFitShock1"),
    c0("eciFitShock2"),
    c0("eciFitShock3"),
    c0("cnFitShock1"),
    c0("cnFitShock2"),
  ];
  const stockM = c0("stockpileMultiplier");
  const life = c0("chipLifetimeYears");
  const domG = c0("domesticGrowthPerYear");
  const smG = c0("smuggleCapacityGrowthPerYear");
  const smCap = c0("smuggleCapacityH100e");
  const hbmG = c0("domesticHbmGrowthPerYear");
  const hbmNew0 = c0("domesticHbmStacksPerQuarter");
  const cG = c0("concentrationGrowthPerYear");
  const days = c0("trainingDays");
  const peak = c0("peakFlopPerH100e");
  const usK0 = c0("usInitialStockH100e");
  const cnK0 = c0("cnInitialStockH100e");
  const rowK0 = c0("rowInitialStockH100e");
  const bank0 = c0("dieBankChips");
  const hbm0 = c0("hbmStockpileStacks");
  const shock = c0("worldOutputShock");
  const sigma = c0("cnDemandShare");
  const domCap = c0("domesticCapacityChipsPerQuarter");
  const bankDraw = c0("dieBankDrawPerQuarter");
  const spc = c0("hbmStacksPerChip");
  const usC = c0("usConcentration");
  const cnC = c0("cnConcentration");
  const tau = c0("catchUpPersistenceYears");
  for (let j = 0; j < n; j++) {
    const d = d0 + j;
    const o = j * STRIDE;
    // ECI coefficients of this draw (fit mean + Cholesky × standard normals).
    const za = z1[d]!;
    const zb = z2[d]!;
    const zc = z3[d]!;
    const a = us.mean[0] + L[0]! * za + L[1]! * zb + L[2]! * zc;
    const b = us.mean[1] + L[3]! * za + L[4]! * zb + L[5]! * zc;
    const c = us.mean[2] + L[6]! * za + L[7]! * zb + L[8]! * zc;
    r[o + A] = a;
    r[o + BB] = b;
    r[o + C] = c;
    const ya = y1[d]!;
    const yb = y2[d]!;
    r[o + DELTA] = cn.mean[0] + M[0]! * ya + M[1]! * yb;
    r[o + KAPPA] = cn.mean[1] + M[2]! * ya + M[3]! * yb;
    let usE = Number.NEGATIVE_INFINITY;
    for (let h = 0; h < H; h++) {
      const e = a + b * histLog10Flop[h]! + c * (histTime[h]! - t0);
      if (e > usE) usE = e;
      usRow[h * B + j] = usE;
    }
    r[o + USE] = usE;
    r[o + CNE] = Number.NEGATIVE_INFINITY;
    ws.ptr[2 * j] = 0;
    ws.ptr[2 * j + 1] = 0;
    r[o + M1] = stockM[d]! - 1;
    r[o + KEEP] = 1 - 1 / (4 * life[d]!);
    r[o + USK] = usK0[d]!;
    r[o + CNK] = cnK0[d]!;
    r[o + ROWK] = rowK0[d]!;
    r[o + BANK] = bank0[d]!;
    r[o + HBMS] = hbm0[d]!;
    r[o + DOMSTEP] = Math.sqrt(Math.sqrt(domG[d]!));
    r[o + DOMGROW] = 1;
    const smGd = smG[d]!;
    const smStep = Math.sqrt(Math.sqrt(smGd));
    r[o + SMUGCAP] = smCap[d]! * quarterPower(smGd, smStep, smugStart);
    r[o + SMSTEP] = smStep;
    const hbmGd = hbmG[d]!;
    const hbmStep = Math.sqrt(Math.sqrt(hbmGd));
    r[o + HBMNEW] = hbmNew0[d]! * quarterPower(hbmGd, hbmStep, hbmStart);
    r[o + HBMSTEP] = hbmStep;
    r[o + CSTEP] = Math.sqrt(Math.sqrt(cG[d]!));
    r[o + CGROW] = 1;
    r[o + FLOPBASE] = days[d]! * SECONDS_PER_DAY * peak[d]!;
    r[o + WORLD] = 0;
    r[o + USF] = 0;
    r[o + CNF] = 0;
    r[o + CNA] = 0;
    r[o + SHOCK] = shock[d]!;
    r[o + SIGMA] = sigma[d]!;
    r[o + DOMCAP] = domCap[d]!;
    r[o + BANKDRAW] = bankDraw[d]!;
    r[o + SPC] = spc[d]!;
    r[o + PERSPC] = 1 / spc[d]!;
    r[o + USC] = usC[d]!;
    r[o + CNC] = cnC[d]!;
    r[o + TAU] = tau[d]!;
  }
}

/**
 * annual^years for a whole number of quarters, as step^(4·years) with step = annual^¼ (repeated multiplication: a
 * pow per draw cost more than the rest of the draw's setup); any other exponent falls back to **.
 */
function quarterPower(annual: number, step: number, years: number): number {
  const n = Math.round(years * 4);
  if (n !== years * 4 || n > 400 || n < -400) return annual ** years;
  let v = 1;
  for (let i = 0; i < (n < 0 ? -n : n); i++) v *= step;
  return n < 0 ? 1 / v : v;
}

/** Where a quarter's run of an output starts in the packed buffer (the discard tail for outputs not asked for). */
function runStart(k: Context, base: number, qo: number): number {
  return base >= 0 ? base + qo : k.discard;
}

/** Copies each time-varying parameter's value in quarter q (its segment in force) into the block's records. */
function currentParams(k: Context, q: number, d0: number, n: number): void {
  const r = k.ws.rec;
  const slots = [WSTEP, USSHARE, LEAK, RENT, YLD, HDOM, UTIL];
  for (let i = 0; i < SEGMENTED.length; i++) {
    const name = SEGMENTED[i]!;
    const col = k.p[name][k.plan.seg[name][q]!]!;
    const at = slots[i]!;
    if (at === WSTEP) for (let j = 0; j < n; j++) r[j * STRIDE + at] = Math.sqrt(Math.sqrt(col[d0 + j]!));
    else for (let j = 0; j < n; j++) r[j * STRIDE + at] = col[d0 + j]!;
  }
}

/** Quarter q, supply side, for draws d0 … d0+n−1 (docs/model.md §1–§8): channels, stocks, accessible compute. */
function supplyQuarter(k: Context, q: number, d0: number, n: number): void {
  const { ws, plan, all, D } = k;
  const r = ws.rec;
  // This quarter's plan constants and record slots.
  const observed = q < plan.nObs;
  const grow = q > 0;
  const wMed = plan.worldMed[q]!;
  const wLo = plan.worldLo[q]!;
  const wHi = plan.worldHi[q]!;
  const demQ = plan.demand[q]!;
  // Reciprocals hoisted: a division in the loop cost as much as the rest of a line.
  const perFree = 1 / plan.freeH[q]!;
  const legalQ = plan.legalH[q]!;
  const lic0 = plan.licFrom[q]!;
  const lic1 = plan.licFrom[q + 1]!;
  const { licShare, licCap, licH } = plan;
  const stockWQ = plan.stockW[q]!;
  const enforceQ = plan.enforce[q]!;
  const equipQ = plan.equip[q]!;
  const bankOn = plan.bankOn[q] === 1;
  const hbmOn = plan.hbmOn[q] === 1;
  const hbmMultQ = plan.hbmMult[q]!;
  const remoteQ = plan.remote[q]!;
  const qo = q * D + d0;
  const at = (base: number) => runStart(k, base, qo);
  const oW = at(k.oW);
  const oUsIn = at(k.oUsIn);
  const oRowIn = at(k.oRowIn);
  const oLegal = at(k.oLegal);
  const oStock = at(k.oStock);
  const oSmug = at(k.oSmug);
  const oRemote = at(k.oRemote);
  const oDom = at(k.oDom);
  const oUsK = at(k.oUsK);
  const oCnK = at(k.oCnK);
  const oRowK = at(k.oRowK);
  const oCnA = at(k.oCnA);
  const oRatio = at(k.oRatio);

  if (k.segChange[q] === 1) currentParams(k, q, d0, n);
  const m = n & J_MASK;
  // §1 world output: observed quarters in a pass of their own, so the main loop makes no calls (a call forces every
  // live value out of registers).
  if (observed) {
    for (let j = 0; j < m; j++) {
      const o = j * STRIDE;
      const z = r[o + SHOCK]!;
      r[o + WORLD] = wMed * Math.exp(z * (z < 0 ? wLo : wHi));
    }
  } else {
    for (let j = 0; j < m; j++) {
      const o = j * STRIDE;
      r[o + WORLD] = r[o + WORLD]! * r[o + WSTEP]!;
    }
  }

  for (let j = 0; j < m; j++) {
    const o = j * STRIDE;
    let domGrow = r[o + DOMGROW]!;
    let smugCap = r[o + SMUGCAP]!;
    let hbmNew = r[o + HBMNEW]!;
    if (grow) {
      domGrow *= r[o + DOMSTEP]!;
      smugCap *= r[o + SMSTEP]!;
      hbmNew *= r[o + HBMSTEP]!;
      r[o + DOMGROW] = domGrow;
      r[o + SMUGCAP] = smugCap;
      r[o + HBMNEW] = hbmNew;
    }
    const world = r[o + WORLD]!;
    // §2–3 demand and legal imports
    const demand = r[o + SIGMA]! * world * demQ;
    const units = demand * perFree;
    let remaining = units;
    let legal = 0;
    for (let l = lic0; l < lic1; l++) {
      const share = licShare[l]!;
      let m = units * share;
      const capL = licCap[l]! * share;
      if (capL < m) m = capL;
      if (remaining < m) m = remaining;
      legal += m * licH[l]!;
      remaining -= m;
    }
    legal += remaining * legalQ;
    // §4 stockpiling
    let stock = r[o + M1]! * units * stockWQ;
    if (stock > world - legal) stock = world - legal;
    // §5 allocation
    const open = world - legal - stock;
    const usIn = r[o + USSHARE]! * open;
    const rowIn = open - usIn;
    // §6 smuggling
    let unmet = demand - legal - stock;
    if (unmet < 0) unmet = 0;
    let sm = r[o + LEAK]! * unmet;
    if (sm > smugCap) sm = smugCap;
    sm *= enforceQ;
    if (sm > rowIn) sm = rowIn;
    // §7 domestic
    const logic = r[o + DOMCAP]! * domGrow * equipQ * r[o + YLD]!;
    let chips = logic;
    if (bankOn) {
      const bank = r[o + BANK]!;
      const draw = r[o + BANKDRAW]!;
      chips += bank < draw ? bank : draw;
    }
    if (hbmOn) {
      const fresh = hbmNew * hbmMultQ;
      const hbmS = r[o + HBMS]!;
      const byHbm = (hbmS + fresh) * r[o + PERSPC]!;
      if (byHbm < chips) chips = byHbm;
      const fromStock = chips * r[o + SPC]! - fresh;
      if (fromStock > 0) r[o + HBMS] = hbmS > fromStock ? hbmS - fromStock : 0;
    }
    if (chips > logic) r[o + BANK] = r[o + BANK]! - (chips - logic);
    const dom = chips * r[o + HDOM]!;
    // §8 stocks
    const keep = r[o + KEEP]!;
    const usK = r[o + USK]! * keep + usIn;
    const rowK = r[o + ROWK]! * keep + rowIn - sm;
    const cnK = r[o + CNK]! * keep + legal + stock + sm + dom;
    r[o + USK] = usK;
    r[o + ROWK] = rowK;
    r[o + CNK] = cnK;
    let rs = r[o + RENT]! * remoteQ;
    if (rs > 1) rs = 1;
    const rem = rs * rowK;
    const cnA = cnK + rem;
    r[o + CNA] = cnA;
    all[oW + j] = world;
    all[oUsIn + j] = usIn;
    all[oRowIn + j] = rowIn;
    all[oLegal + j] = legal;
    all[oStock + j] = stock;
    all[oSmug + j] = sm;
    all[oRemote + j] = rem;
    all[oDom + j] = dom;
    all[oUsK + j] = usK;
    all[oCnK + j] = cnK;
    all[oRowK + j] = rowK;
    all[oCnA + j] = cnA;
    all[oRatio + j] = usK / cnA;
  }
}

/**
 * Quarter q, capability side, for draws d0 … d0+n−1 (docs/model.md §9–§11): frontier training compute, ECI of
 * both frontiers and the backward-looking gap. Reads the stocks the supply pass just wrote.
 */
function capabilityQuarter(k: Context, q: number, d0: number, n: number): void {
  const { ws, plan, all, D, H, tEndRel } = k;
  const B = ws.B;
  const r = ws.rec;
  const { usRow, cnRow, usT, ptr } = ws;
  const { time } = plan;
  const grow = q > 0;
  const t = time[q]!;
  const tStart = time[0]!;
  const tr = t - plan.eci.t0;
  const trc = tr < tEndRel ? tr : tEndRel;
  const late = tr > tEndRel;
  const qo = q * D + d0;
  const gap = k.oGap >= 0 || k.oCens >= 0;
  const at = (base: number) => runStart(k, base, qo);
  const oGap = at(k.oGap);
  const oCens = at(k.oCens);
  const oUsE = at(k.oUsE);
  const oCnE = at(k.oCnE);
  const oUsF = at(k.oUsF);
  const oCnF = at(k.oCnF);
  const hq = (H + q) * B;
  const cq = q * B;
  // After the newest Chinese model, the catch-up lever's fading continuation (years of catch-up still to come),
  // in a pass of its own so the main loop makes no calls.
  const m = n & J_MASK;
  if (late) {
    for (let j = 0; j < m; j++) {
      const o = j * STRIDE;
      const td = r[o + TAU]!;
      r[o + FADE] = td > 0 ? td * (1 - Math.exp(-(tr - tEndRel) / td)) : 0;
    }
  }

  // Three tight loops rather than one long one: a long loop body leaves the CPU no room to overlap one draw's
  // logarithm (a chain of dependent loads and multiplies) with the next draw's; in a short loop it does.
  for (let j = 0; j < m; j++) {
    const o = j * STRIDE;
    let cGrow = r[o + CGROW]!;
    if (grow) {
      cGrow *= r[o + CSTEP]!;
      r[o + CGROW] = cGrow;
    }
    // §9 frontier training compute
    const flop = r[o + UTIL]! * r[o + FLOPBASE]!;
    let cu = r[o + USC]! * cGrow;
    if (cu > 1) cu = 1;
    let cc = r[o + CNC]! * cGrow;
    if (cc > 1) cc = 1;
    const fu = r[o + USK]! * cu * flop;
    if (fu > r[o + USF]!) r[o + USF] = fu;
    const fc = r[o + CNA]! * cc * flop;
    if (fc > r[o + CNF]!) r[o + CNF] = fc;
  }
  for (let j = 0; j < m; j++) {
    const o = j * STRIDE;
    const usF = r[o + USF]!;
    const cnF = r[o + CNF]!;
    r[o + LUS] = fastLog10(usF > 1 ? usF : 1);
    r[o + LCN] = fastLog10(cnF > 1 ? cnF : 1);
  }
  for (let j = 0; j < m; j++) {
    const o = j * STRIDE;
    // §10 ECI
    const a = r[o + A]!;
    const b = r[o + BB]!;
    const ct = r[o + C]! * tr;
    let usE = r[o + USE]!;
    const eu = a + b * r[o + LUS]! + ct;
    if (eu > usE) {
      usE = eu;
      r[o + USE] = usE;
    }
    usRow[hq + j] = usE;
    const pred = a + b * r[o + LCN]! + ct;
    const kappa = r[o + KAPPA]!;
    let off = r[o + DELTA]! + kappa * trc;
    if (late) off += kappa * r[o + FADE]!;
    const ec = pred + off;
    let cnE = r[o + CNE]!;
    if (ec > cnE) {
      cnE = ec;
      r[o + CNE] = cnE;
    }
    cnRow[cq + j] = cnE;
    // §11 gap, looking back only (both frontiers only rise, so each search pointer only moves forward)
    if (gap) {
      let months: number;
      let cens = 0;
      if (usE >= cnE) {
        let jp = ptr[2 * j]!;
        while (usRow[jp * B + j]! < cnE) jp++;
        ptr[2 * j] = jp;
        if (jp === 0) {
          months = (t - usT[0]!) * MONTHS_PER_YEAR;
          cens = 1;
        } else {
          const lo = usRow[(jp - 1) * B + j]!;
          months =
            (t - usT[jp - 1]! - ((usT[jp]! - usT[jp - 1]!) * (cnE - lo)) / (usRow[jp * B + j]! - lo)) *
            MONTHS_PER_YEAR;
        }
      } else {
        let jp = ptr[2 * j + 1]!;
        while (cnRow[jp * B + j]! < usE) jp++;
        ptr[2 * j + 1] = jp;
        if (jp === 0) {
          months = -(t - tStart) * MONTHS_PER_YEAR;
          cens = 1;
        } else {
          const lo = cnRow[(jp - 1) * B + j]!;
          months =
            -(t - time[jp - 1]! - ((time[jp]! - time[jp - 1]!) * (usE - lo)) / (cnRow[jp * B + j]! - lo)) *
            MONTHS_PER_YEAR;
        }
      }
      all[oGap + j] = months;
      all[oCens + j] = cens;
    }
    all[oUsE + j] = usE;
    all[oCnE + j] = cnE;
    all[oUsF + j] = r[o + USF]!;
    all[oCnF + j] = r[o + CNF]!;
  }
}
