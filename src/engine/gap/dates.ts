/** UTC day numbers (days since 1970-01-01) so daily loops work on integers. */
export const DAYS_PER_MONTH = 30.44;
const MS_PER_DAY = 86_400_000;

/** "2024-02-29" → 19782; NaN when the text is not a real calendar date. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return Number.NaN;
  const y = +m[1]!;
  const mo = +m[2]! - 1;
  const d = +m[3]!;
  const t = Date.UTC(y, mo, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo || back.getUTCDate() !== d) return Number.NaN;
  return t / MS_PER_DAY;
}

/** 19782 → "2024-02-29". */
export function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** "2024Q3" → day number of 2024-09-30, the last day of the quarter; NaN if malformed. */
export function quarterEndDay(quarter: string): number {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) return Number.NaN;
  return Date.UTC(+m[1]!, +m[2]! * 3, 1) / MS_PER_DAY - 1;
}
