/**
 * Vintage filtering: what was knowable at a date T. Calibration at T reads only these, so no row dated after T
 * can change its output (test/calibrate/no-look-ahead.test.ts changes every later row and compares bytes).
 */
import type { ModelRecord } from "../gap/types.js";
import { quarterIndex, quarterLabel } from "../sim/quarters.js";
import type { ScenarioEvent } from "../sim/scenario.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Models released on or before T. */
export function modelsAsOf(models: readonly ModelRecord[], asOf: string): ModelRecord[] {
  return models.filter((m) => m.releaseDate <= asOf);
}

/** When an event became known: a rule's announcement (else its effective date), otherwise its first date. */
export function eventKnownDate(e: ScenarioEvent): string {
  switch (e.type) {
    case "rule":
      return e.announced ?? e.effective;
    case "licence":
      return e.from;
    default:
      return e.date;
  }
}

/** A scenario's events known by T: a forecast from T cannot know of a rule announced later. */
export function eventsKnownBy(events: readonly ScenarioEvent[], asOf: string): ScenarioEvent[] {
  return events.filter((e) => eventKnownDate(e) <= asOf);
}

/** Last day of a quarter ("2025Q2" → "2025-06-30"). */
export function quarterEnd(quarter: string): string {
  const i = quarterIndex(quarter)!;
  const y = Math.floor(i / 4);
  return `${y}${["-03-31", "-06-30", "-09-30", "-12-31"][i % 4]}`;
}

/** The last quarter that has ended by T ("2025-06-30" → "2025Q2"; "2025-06-29" → "2025Q1"). */
export function lastQuarterEndedBy(asOf: string): string {
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7));
  const q = quarterLabel(y * 4 + Math.floor((m - 1) / 3));
  return quarterEnd(q) <= asOf ? q : quarterLabel(quarterIndex(q)! - 1);
}
