/**
 * Calendar quarters as "YYYYQn" strings, the simulator's time step.
 * Dates are ISO "YYYY-MM-DD" strings and all arithmetic is done on integers, so no time zone can shift a result.
 */

export type Quarter = `${number}Q${1 | 2 | 3 | 4}`;

const QUARTER_RE = /^(\d{4})Q([1-4])$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date written YYYY-MM-DD (2023-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = +m[1]!;
  const mo = +m[2]!;
  const d = +m[3]!;
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function parseQuarter(q: string): { year: number; n: number } {
  const m = QUARTER_RE.exec(q);
  if (!m) throw new RangeError(`invalid quarter: ${JSON.stringify(q)} (must look like 2022Q3)`);
  return { year: +m[1]!, n: +m[2]! };
}

function index(q: string): number {
  const { year, n } = parseQuarter(q);
  return year * 4 + (n - 1);
}

function fromIndex(i: number): Quarter {
  const year = Math.floor(i / 4);
  return `${year}Q${(i - year * 4 + 1) as 1 | 2 | 3 | 4}` as Quarter;
}

/** The quarter a date falls in: quarterOf("2022-10-07") → "2022Q4". */
export function quarterOf(date: string): Quarter {
  if (!isIsoDate(date)) throw new RangeError(`invalid date: ${JSON.stringify(date)} (must be YYYY-MM-DD)`);
  const year = +date.slice(0, 4);
  const month = +date.slice(5, 7);
  return fromIndex(year * 4 + Math.floor((month - 1) / 3));
}

/** First day of a quarter: quarterStart("2022Q3") → "2022-07-01". */
export function quarterStart(q: string): string {
  const { year, n } = parseQuarter(q);
  return `${year}-${String((n - 1) * 3 + 1).padStart(2, "0")}-01`;
}

/** Last day of a quarter: quarterEnd("2022Q3") → "2022-09-30". */
export function quarterEnd(q: string): string {
  const { year, n } = parseQuarter(q);
  const month = n * 3;
  return `${year}-${String(month).padStart(2, "0")}-${daysInMonth(year, month)}`;
}

/** Quarter arithmetic: addQuarters("2022Q4", 1) → "2023Q1"; n may be negative. */
export function addQuarters(q: string, n: number): Quarter {
  if (!Number.isInteger(n)) throw new RangeError(`invalid quarter offset: ${n} (must be an integer)`);
  return fromIndex(index(q) + n);
}

/** Every quarter from a to b inclusive, in order; empty when b is before a. */
export function quartersBetween(a: string, b: string): Quarter[] {
  const start = index(a);
  const end = index(b);
  const out: Quarter[] = [];
  for (let i = start; i <= end; i++) out.push(fromIndex(i));
  return out;
}
