/**
 * The observed quarterly series calibration and validation read, built from the observed models as knowable at a
 * vintage date: frontier training compute per bloc (running maximum of released models' FLOP), the ECI frontier per
 * bloc and the ECI gap in months, at each quarter's last day, for quarters that ended by the vintage date. Only models released by then
 * are read, so later rows cannot change anything.
 */
import { modelObservations, observedFrontierByQuarter, observedGapByQuarter } from "../gap/index.js";
import type { ModelRecord } from "../gap/types.js";
import { fitEci } from "../sim/eci-fit.js";
import { quarterRange } from "../sim/quarters.js";
import {
  chinaLegalByQuarter,
  type OwnerRow,
  type WorldOutputRow,
  worldOutputByQuarter,
} from "../sim/supply-data.js";
import type { History, HistoryPoint } from "./observations.js";
import { lastQuarterEndedBy, modelsAsOf } from "./vintage.js";

/** Quarterly history from `from` to the last quarter ended by asOf, from models released by asOf. */
export function historyFromModels(models: readonly ModelRecord[], from: string, asOf: string): History {
  const known = modelsAsOf(models, asOf);
  const quarters = quarterRange(from, lastQuarterEndedBy(asOf));
  const compute = modelObservations(known, "compute");
  const eci = modelObservations(known, "eci");
  const pts = (xs: (number | null)[]): HistoryPoint[] =>
    quarters.flatMap((quarter, i) =>
      xs[i] === null || xs[i] === undefined ? [] : [{ quarter, value: xs[i]! }],
    );
  return {
    usFrontierFlop: pts(observedFrontierByQuarter(compute, "US", quarters)),
    cnFrontierFlop: pts(observedFrontierByQuarter(compute, "CN", quarters)),
    eciGap: pts(observedGapByQuarter(eci, quarters)),
    usEciFrontier: pts(observedFrontierByQuarter(eci, "US", quarters)),
    cnEciFrontier: pts(observedFrontierByQuarter(eci, "CN", quarters)),
  };
}

/**
 * σ of the ECI frontier series: the residual SD of the ECI fit (US equation; China's own when it has one, else the
 * US one) on the same vintage's models — the scatter of a model's ECI around what its compute and date predict.
 * Without a fit (too few models by then) the ECI frontier series are left out.
 */
export function withFitSigma(h: History, models: readonly ModelRecord[], asOf: string): History {
  let us: number | undefined;
  let cn: number | undefined;
  try {
    const fit = fitEci(models, { asOf });
    us = fit.us.sigma;
    cn = fit.cn?.sigma ?? us;
  } catch {
    // fitEci throws RangeError with fewer than 4 US models: no σ, so no ECI frontier points.
  }
  const set = (pts: HistoryPoint[] | undefined, sigma: number | undefined) =>
    sigma !== undefined && sigma > 0 ? pts?.map((p) => ({ ...p, sigma })) : undefined;
  const out: History = { ...h };
  const u = set(h.usEciFrontier, us);
  const c = set(h.cnEciFrontier, cn);
  if (u) out.usEciFrontier = u;
  else delete out.usEciFrontier;
  if (c) out.cnEciFrontier = c;
  else delete out.cnEciFrontier;
  return out;
}

/** Merges histories (e.g. the models' with chip counts); later entries win for a series both define. */
export function mergeHistory(...hs: History[]): History {
  return Object.assign({}, ...hs);
}

/** The newest quarter any series of a history has a point in. */
export function lastObservedQuarter(h: History): string | null {
  let last: string | null = null;
  for (const pts of Object.values(h))
    for (const p of pts) if (last === null || p.quarter > last) last = p.quarter;
  return last;
}

/** The earliest quarter any series has a point in. */
export function firstObservedQuarter(h: History): string | null {
  let first: string | null = null;
  for (const pts of Object.values(h))
    for (const p of pts) if (first === null || p.quarter < first) first = p.quarter;
  return first;
}

/** σ of log10 X for a lognormal whose 5–95% band is [p5, p95]. */
export function log10SigmaFromBand(p5: number, p95: number): number {
  return (Math.log10(p95) - Math.log10(p5)) / (2 * 1.6448536269514722);
}

/**
 * Epoch chip-count series as knowable at asOf: world AI-accelerator output (all covered vendors) and NVIDIA's
 * legal sales into China, H100e per quarter, each point with σ (log10) from its own 5–95% band. Only quarters that
 * ended by asOf and that Epoch marks complete are read (an incomplete quarter is revised later).
 */
export function historyFromChipCounts(
  world: readonly WorldOutputRow[],
  owners: readonly OwnerRow[],
  from: string,
  asOf: string,
): History {
  const filter = { asOf, completeOnly: true };
  const pts = (xs: { quarter: string; median: number; p5: number; p95: number }[]): HistoryPoint[] =>
    xs
      .filter((x) => x.quarter >= from && x.median > 0 && x.p5 > 0 && x.p95 > x.p5)
      .map((x) => ({ quarter: x.quarter, value: x.median, sigma: log10SigmaFromBand(x.p5, x.p95) }));
  return {
    worldOutputH100e: pts(worldOutputByQuarter(world, filter)),
    cnLegalH100e: pts(chinaLegalByQuarter(owners, filter)),
  };
}
