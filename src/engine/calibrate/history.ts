/**
 * The observed quarterly series calibration and validation read, built from the observed models as knowable at a
 * vintage date: frontier training compute per bloc (running maximum of released models' FLOP) and the ECI gap in
 * months, at each quarter's last day, for quarters that ended by the vintage date. Only models released by then
 * are read, so later rows cannot change anything.
 */
import { modelObservations, observedFrontierByQuarter, observedGapByQuarter } from "../gap/index.js";
import type { ModelRecord } from "../gap/types.js";
import { quarterRange } from "../sim/quarters.js";
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
  };
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
