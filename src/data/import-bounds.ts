/**
 * Bounds on imported Epoch exports. A value outside them is refused (the whole file, naming line, column and
 * value) rather than stored: one row dated 9999-01-01 or scored 1e308 would otherwise become part of every later
 * dataset version and of the default gap. Pure (no Node imports); the CLI and the API read files through the same
 * parser, so they refuse the same files. docs/api.md lists every bound.
 *
 * Each bound wraps the values Epoch's own exports hold with a wide margin, so a real newer export passes and a
 * typo or an overflow does not. Figures observed in the reference copies (Epoch AI, CC BY 4.0, downloaded 2025):
 *   epoch_capabilities_index.csv  ECI Score 61.9 … 161.0 (585 rows)
 *   notable_ai_models.csv         Publication date 1950-07-02 (Theseus) … 2025-04-10; Training compute 40 … 4.64e26 FLOP
 *   frontier_ai_models.csv        Training compute up to 5.0e26 FLOP; Hardware quantity up to 200,000
 *   ml_hardware.csv               FP16/BF16 ≤ 2.5e15 FLOP/s, FP8 ≤ 5.0e15 FLOP/s, memory bandwidth ≤ 8.0e13 byte/s,
 *                                 TDP 8 … 1,400 W, die 105 … 1,280 mm², release dates 2008 … 2026-03-11 (announced)
 *   longest cell in any of them   5,162 characters (an abstract in the models database)
 */

export interface Bound {
  min: number;
  max: number;
  unit: string;
  /** Why these limits (the source figure and the margin). */
  why: string;
}

/** Earliest release / publication date accepted: Epoch's earliest notable model is from July 1950. */
export const MIN_IMPORT_DATE = "1950-01-01";

/** Longest accepted cell, characters (3× the longest cell Epoch's exports hold). */
export const MAX_CELL_CHARS = 16_384;

/**
 * Most data rows one imported file may hold: about 50× Epoch's largest export (notable models, 954 rows); a file
 * with more is refused before any row is validated.
 */
export const MAX_IMPORT_ROWS = 50_000;

export const NUMBER_BOUNDS: Record<string, Bound> = {
  "ECI Score": {
    min: 0,
    max: 1_000,
    unit: "ECI points",
    why: "Epoch's exports range 61.9–161.0; a score above 1,000 (six times the best) is a typo or an overflow",
  },
  "Training compute (FLOP)": {
    min: 1,
    max: 1e31,
    unit: "FLOP",
    why: "the largest estimate is 5e26 FLOP; 1e31 leaves four orders of magnitude of growth",
  },
  "Hardware quantity": {
    min: 1,
    max: 100_000_000,
    unit: "chips",
    why: "the largest recorded training cluster is 200,000 chips; 1e8 is 500 times that",
  },
  "Tensor-FP16/BF16 performance (FLOP/s)": {
    min: 1,
    max: 1e18,
    unit: "FLOP/s",
    why: "the fastest chip listed does 2.5e15 FLOP/s; wafer-scale parts stay below 1e18",
  },
  "FP8 performance (FLOP/s)": {
    min: 1,
    max: 1e18,
    unit: "FLOP/s",
    why: "the fastest chip listed does 5e15 FLOP/s; wafer-scale parts stay below 1e18",
  },
  "Memory bandwidth (byte/s)": {
    min: 1,
    max: 1e17,
    unit: "byte/s",
    why: "the widest listed is 8e13 byte/s; wafer-scale on-chip memory stays below 1e17",
  },
  "TDP (W)": {
    min: 0.1,
    max: 100_000,
    unit: "W",
    why: "listed parts draw 8–1,400 W; a whole wafer-scale system stays below 100 kW",
  },
  "Die Size (mm^2)": {
    min: 1,
    max: 100_000,
    unit: "mm²",
    why: "listed dies are 105–1,280 mm²; a 300 mm wafer is about 70,000 mm²",
  },
};

/** Latest accepted date: one year after `today` (YYYY-MM-DD), so announced releases pass and far-future ones do not. */
export function maxImportDate(today: string): string {
  const y = Number(today.slice(0, 4)) + 1;
  const md = today.slice(5);
  // 29 February has no twin next year; the day before it keeps the bound a real date.
  return `${y}-${md === "02-29" ? "02-28" : md}`;
}

/** Today's UTC date, YYYY-MM-DD. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The refusal for a number outside its bound, or null when it is inside (or the column has no bound). */
export function checkNumberBound(column: string, value: number): string | null {
  const b = NUMBER_BOUNDS[column];
  if (!b || (value >= b.min && value <= b.max)) return null;
  return `invalid ${column}: ${value} (must be between ${b.min} and ${b.max} ${b.unit}: ${b.why})`;
}

/** The refusal for a date outside [MIN_IMPORT_DATE, maxImportDate(today)], or null. */
export function checkDateBound(column: string, date: string, today: string): string | null {
  const max = maxImportDate(today);
  if (date >= MIN_IMPORT_DATE && date <= max) return null;
  return `invalid ${column}: ${date} (must be between ${MIN_IMPORT_DATE} and ${max}, one year past today)`;
}
