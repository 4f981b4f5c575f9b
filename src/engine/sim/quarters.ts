/**
 * Quarter arithmetic for the simulator ("2022Q3" ↔ index). Kept private to sim/ so the simulator does not wait on
 * units/; quarters are counted as year × 4 + (q − 1).
 */
const QUARTER = /^(\d{4})Q([1-4])$/;

/** "2022Q3" → 8091 (2022 × 4 + 2); null when malformed. */
export function quarterIndex(q: string): number | null {
  const m = QUARTER.exec(q);
  return m ? Number(m[1]) * 4 + Number(m[2]) - 1 : null;
}

/** 8091 → "2022Q3". */
export function quarterLabel(index: number): string {
  return `${Math.floor(index / 4)}Q${(index % 4) + 1}`;
}

/** Inclusive list of quarter labels from start to end. */
export function quarterRange(start: string, end: string): string[] {
  const a = quarterIndex(start);
  const b = quarterIndex(end);
  if (a === null || b === null || b < a) return [];
  const out: string[] = [];
  for (let i = a; i <= b; i++) out.push(quarterLabel(i));
  return out;
}

/** Decimal year of a quarter's midpoint: 2022Q3 → 2022.625. Used for the gap's month arithmetic. */
export function quarterMidYear(q: string | number): number {
  const i = typeof q === "number" ? q : (quarterIndex(q) ?? Number.NaN);
  return i / 4 + 0.125;
}

/** Decimal year of an ISO date "2023-10-17" (day precision, 365.25-day years are close enough here). */
export function dateToYear(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const start = Date.UTC(y, 0, 1);
  const end = Date.UTC(y + 1, 0, 1);
  return y + (Date.UTC(y, m - 1, d) - start) / (end - start);
}

/** The quarter a date falls in: "2023-10-17" → "2023Q4". */
export function quarterOfDate(iso: string): string {
  const [y, m] = iso.split("-").map(Number) as [number, number];
  return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
}

/** Fraction of quarter `index` (as decimal years [i/4, (i+1)/4)) that lies inside [from, to). */
export function quarterOverlap(index: number, from: number, to: number): number {
  const a = index / 4;
  const b = a + 0.25;
  const lo = Math.max(a, from);
  const hi = Math.min(b, to);
  return hi > lo ? (hi - lo) / 0.25 : 0;
}
