import { dayNumber } from "./dates.js";
import type { Bloc, Observation } from "./types.js";

/**
 * A bloc's frontier as a step function: step k starts on `days[k]` with `values[k]`, set by `observations[setter[k]]`.
 * Values strictly increase, so "first day the frontier reached v" is a binary search.
 */
export interface Frontier {
  days: Float64Array;
  values: Float64Array;
  setter: Int32Array;
  observations: readonly Observation[];
}

/**
 * Running maximum of one bloc's observations. On a same-day tie the alphabetically first name sets the step, so
 * the result does not depend on input order.
 */
export function buildFrontier(observations: readonly Observation[], bloc: Bloc): Frontier {
  const idx: number[] = [];
  const dayOf = new Float64Array(observations.length);
  observations.forEach((o, i) => {
    dayOf[i] = dayNumber(o.date);
    if (o.bloc === bloc && Number.isFinite(o.value) && Number.isFinite(dayOf[i])) idx.push(i);
  });
  idx.sort(
    (a, b) =>
      dayOf[a]! - dayOf[b]! ||
      observations[b]!.value - observations[a]!.value ||
      (observations[a]!.name < observations[b]!.name
        ? -1
        : observations[a]!.name > observations[b]!.name
          ? 1
          : 0),
  );
  const days: number[] = [];
  const values: number[] = [];
  const setter: number[] = [];
  let best = Number.NEGATIVE_INFINITY;
  for (const i of idx) {
    const v = observations[i]!.value;
    if (v > best) {
      best = v;
      days.push(dayOf[i]!);
      values.push(v);
      setter.push(i);
    }
  }
  return {
    days: Float64Array.from(days),
    values: Float64Array.from(values),
    setter: Int32Array.from(setter),
    observations,
  };
}

/** Index of the step in force on `day` (the last step starting on or before it), or -1 before the first model. */
export function stepAt(f: Frontier, day: number): number {
  let lo = 0;
  let hi = f.days.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (f.days[mid]! <= day) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** Index of the first step whose value is ≥ `value` (ties count as reached), or -1 if the frontier never got there. */
export function firstReach(f: Frontier, value: number): number {
  let lo = 0;
  let hi = f.values.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (f.values[mid]! >= value) {
      ans = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return ans;
}

/** The frontier value on `day` or null before the first model. */
export function frontierValue(f: Frontier, day: number): number | null {
  const k = stepAt(f, day);
  return k < 0 ? null : f.values[k]!;
}
