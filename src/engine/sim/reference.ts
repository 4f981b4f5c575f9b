/**
 * The race model of docs/model.md written plainly: one draw, one quarter at a time, named variables, no packing.
 * It is the oracle the fast kernel (model.ts) must match to 1e-9 in the tests, and the place to read the model.
 * Section numbers refer to docs/model.md.
 */
import type { ParamColumns } from "./model.js";
import type { ParamName } from "./params.js";
import { HBM_REF_YEAR, type Plan, SMUGGLE_REF_YEAR } from "./plan.js";

const SECONDS_PER_DAY = 86_400;
const MONTHS_PER_YEAR = 12;

export interface ReferenceQuarter {
  quarter: string;
  worldOutputH100e: number;
  usInflowH100e: number;
  rowInflowH100e: number;
  legalH100e: number;
  stockpileH100e: number;
  smugglingH100e: number;
  remoteH100e: number;
  domesticH100e: number;
  usStockH100e: number;
  cnStockH100e: number;
  rowStockH100e: number;
  cnAccessibleH100e: number;
  usFrontierFlop: number;
  cnFrontierFlop: number;
  usEci: number;
  cnEci: number;
  gapMonths: number;
  gapCensored: number;
  computeRatio: number;
}

/** Draw d of the sampled parameters through every quarter of the plan. */
export function referenceDraw(plan: Plan, params: ParamColumns, d: number): ReferenceQuarter[] {
  /** A parameter's value for this draw in quarter q (its piecewise segment, if it has several). */
  const p = (name: ParamName, q = 0): number => params[name][plan.seg[name][q]!]![d]!;

  // ECI coefficients of this draw: the fit's mean plus its Cholesky factor times the draw's standard normals (§6).
  const { us, cn, t0 } = plan.eci;
  const z = [p("eciFitShock1"), p("eciFitShock2"), p("eciFitShock3")];
  const [a, b, c] = [0, 1, 2].map(
    (i) => us.mean[i]! + [0, 1, 2].reduce((s, j) => s + us.chol[i * 3 + j]! * z[j]!, 0),
  );
  const zc = [p("cnFitShock1"), p("cnFitShock2")];
  const [delta, kappa] = [0, 1].map(
    (i) => cn.mean[i]! + [0, 1].reduce((s, j) => s + cn.chol[i * 2 + j]! * zc[j]!, 0),
  );
  const eciOf = (log10Flop: number, year: number) => a! + b! * log10Flop + c! * (year - t0);

  // US history before the start, in ECI (running maximum): the gap may look back into it.
  const histEci: number[] = [];
  for (let h = 0; h < plan.histTime.length; h++) {
    const e = eciOf(plan.histLog10Flop[h]!, plan.histTime[h]!);
    histEci.push(h > 0 ? Math.max(histEci[h - 1]!, e) : e);
  }

  const keep = 1 - 1 / (4 * p("chipLifetimeYears"));
  let usStock = p("usInitialStockH100e");
  let cnStock = p("cnInitialStockH100e");
  let rowStock = p("rowInitialStockH100e");
  let dieBank = p("dieBankChips");
  let hbmStock = p("hbmStockpileStacks");
  let world = 0;
  let usFrontier = 0;
  let cnFrontier = 0;
  let usEciFrontier = Number.NEGATIVE_INFINITY;
  let cnEciFrontier = Number.NEGATIVE_INFINITY;
  const usSeries = [...histEci];
  const usTimes = [...plan.histTime];
  const cnSeries: number[] = [];
  const out: ReferenceQuarter[] = [];

  for (let q = 0; q < plan.Q; q++) {
    const t = plan.time[q]!;
    const years = q / 4;

    // §1 World output: inside Epoch's band while observed, then grown.
    if (q < plan.nObs) {
      const shock = p("worldOutputShock");
      world = plan.worldMed[q]! * Math.exp(shock * (shock < 0 ? plan.worldLo[q]! : plan.worldHi[q]!));
    } else world *= p("worldGrowthPerYear", q) ** 0.25;

    // §2 China's demand for foreign chips, in H100e and in units of the frontier chip.
    const demand = p("cnDemandShare") * world * plan.demand[q]!;
    const units = demand / plan.freeH[q]!;

    // §3 Legal imports: licensed chips first (best first, each within its cap and the share of the quarter it is
    // in force), the remaining units as the best licence-free chip.
    let remaining = units;
    let legal = 0;
    for (let k = plan.licFrom[q]!; k < plan.licFrom[q + 1]!; k++) {
      const share = plan.licShare[k]!;
      const n = Math.min(remaining, units * share, plan.licCap[k]! * share);
      legal += n * plan.licH[k]!;
      remaining -= n;
    }
    legal += remaining * plan.legalH[q]!;

    // §4 Stockpiling: extra units of a chip about to be controlled, counted at that chip's full H100e.
    const stockpile = Math.min((p("stockpileMultiplier") - 1) * units * plan.stockW[q]!, world - legal);

    // §5 The rest of world output goes to US owners and the rest of the world.
    const open = world - legal - stockpile;
    const usInflow = p("usShareExCn", q) * open;
    const rowInflow = open - usInflow;

    // §6 Smuggling: a share of unmet demand, bounded by network capacity and by what RoW buys.
    const unmet = Math.max(0, demand - legal - stockpile);
    const capacity = p("smuggleCapacityH100e") * p("smuggleCapacityGrowthPerYear") ** (t - SMUGGLE_REF_YEAR);
    const smuggling = Math.min(
      rowInflow,
      plan.enforce[q]! * Math.min(p("smuggleShareOfUnmet", q) * unmet, capacity),
    );

    // §7 Domestic production: the least of logic dies (SMIC output plus the die bank) and HBM.
    const logic =
      p("domesticCapacityChipsPerQuarter") *
      p("domesticGrowthPerYear") ** years *
      plan.equip[q]! *
      p("domesticYield", q);
    const bankAvailable = plan.bankOn[q] ? Math.min(dieBank, p("dieBankDrawPerQuarter")) : 0;
    let chips = logic + bankAvailable;
    if (plan.hbmOn[q]) {
      const stacksPerChip = p("hbmStacksPerChip");
      const newStacks =
        p("domesticHbmStacksPerQuarter") *
        p("domesticHbmGrowthPerYear") ** (t - HBM_REF_YEAR) *
        plan.hbmMult[q]!;
      chips = Math.min(chips, (hbmStock + newStacks) / stacksPerChip);
      hbmStock -= Math.max(0, chips * stacksPerChip - newStacks);
      if (hbmStock < 0) hbmStock = 0;
    }
    dieBank -= Math.max(0, chips - logic);
    const domestic = chips * p("domesticH100ePerChip", q);

    // §8 Stocks with depreciation; remote access is rented from RoW's stock.
    usStock = usStock * keep + usInflow;
    rowStock = rowStock * keep + rowInflow - smuggling;
    cnStock = cnStock * keep + legal + stockpile + smuggling + domestic;
    const remote = Math.min(1, p("remoteShareOfRow", q) * plan.remote[q]!) * rowStock;
    const cnAccessible = cnStock + remote;

    // §9 Frontier training compute: the largest run's share of accessible compute × utilisation × duration.
    const flopPerH100e = p("utilisation", q) * p("trainingDays") * SECONDS_PER_DAY * p("peakFlopPerH100e");
    const growth = p("concentrationGrowthPerYear") ** years;
    usFrontier = Math.max(usFrontier, usStock * Math.min(1, p("usConcentration") * growth) * flopPerH100e);
    cnFrontier = Math.max(
      cnFrontier,
      cnAccessible * Math.min(1, p("cnConcentration") * growth) * flopPerH100e,
    );

    // §10 Capability in ECI: the fit at the frontier compute and date; China's offset and its catch-up to tEnd.
    usEciFrontier = Math.max(
      usEciFrontier,
      eciOf(Math.log10(Math.max(1, usFrontier)), t),
      usSeries.length ? usSeries[usSeries.length - 1]! : Number.NEGATIVE_INFINITY,
    );
    const predicted = eciOf(Math.log10(Math.max(1, cnFrontier)), t);
    // China's offset: the measured trend up to tEnd, then a continuation that fades with time constant τ.
    const tau = p("catchUpPersistenceYears");
    const after = Math.max(0, t - cn.tEnd);
    const offset =
      delta! +
      kappa! * (Math.min(t, cn.tEnd) - t0) +
      (tau > 0 ? kappa! * tau * (1 - Math.exp(-after / tau)) : 0);
    cnEciFrontier = Math.max(cnEciFrontier, predicted + offset);
    usSeries.push(usEciFrontier);
    usTimes.push(t);
    cnSeries.push(cnEciFrontier);

    // §11 The gap, looking back only.
    const gap = backwardGap(usSeries, usTimes, cnSeries, plan.time, q);

    out.push({
      quarter: plan.quarters[q]!,
      worldOutputH100e: world,
      usInflowH100e: usInflow,
      rowInflowH100e: rowInflow,
      legalH100e: legal,
      stockpileH100e: stockpile,
      smugglingH100e: smuggling,
      remoteH100e: remote,
      domesticH100e: domestic,
      usStockH100e: usStock,
      cnStockH100e: cnStock,
      rowStockH100e: rowStock,
      cnAccessibleH100e: cnAccessible,
      usFrontierFlop: usFrontier,
      cnFrontierFlop: cnFrontier,
      usEci: usEciFrontier,
      cnEci: cnEciFrontier,
      gapMonths: gap.months,
      gapCensored: gap.censored ? 1 : 0,
      computeRatio: usStock / cnAccessible,
    });
  }
  return out;
}

/**
 * §11: at quarter q, if the US frontier is at or above China's, the time since the US first reached China's
 * current level (positive); otherwise minus the time since China first reached the US's current level. Levels are
 * interpolated linearly between quarters. When the level was already reached at the first point of a series, the
 * lag runs off the start of history: the bound is returned and `censored` is set.
 */
export function backwardGap(
  us: readonly number[],
  usTime: ArrayLike<number>,
  cn: readonly number[],
  cnTime: ArrayLike<number>,
  q: number,
): { months: number; censored: boolean } {
  const t = cnTime[q]!;
  const usNow = us[us.length - 1]!;
  const cnNow = cn[q]!;
  const leader = usNow >= cnNow ? us : cn;
  const times = usNow >= cnNow ? usTime : cnTime;
  const target = usNow >= cnNow ? cnNow : usNow;
  const sign = usNow >= cnNow ? 1 : -1;
  let j = 0;
  while (leader[j]! < target) j++;
  if (j === 0) return { months: sign * (t - times[0]!) * MONTHS_PER_YEAR, censored: true };
  const s =
    times[j - 1]! + ((times[j]! - times[j - 1]!) * (target - leader[j - 1]!)) / (leader[j]! - leader[j - 1]!);
  return { months: sign * (t - s) * MONTHS_PER_YEAR, censored: false };
}
