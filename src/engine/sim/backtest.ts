/**
 * Scores a simulated distribution against observed quarterly series: coverage of the 50% (p25–p75) and 90%
 * (p5–p95) bands, median error of the median, and the observations that fall outside. Scores are data.
 */
import type { SimResult } from "./run.js";

export const BACKTEST_VARIABLES = ["usFrontierFlop", "cnFrontierFlop", "gapMonths"] as const;
export type BacktestVariable = (typeof BACKTEST_VARIABLES)[number];

export interface BacktestPoint {
  variable: BacktestVariable;
  quarter: string;
  observed: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  in50: boolean;
  in90: boolean;
  /** log10(observed / p50) for FLOP series (decades), observed − p50 for the gap (months). */
  error: number;
}

export interface BacktestScore {
  variable: BacktestVariable;
  unit: "decades" | "months";
  n: number;
  coverage50: number;
  coverage90: number;
  medianAbsError: number;
}

export interface BacktestReport {
  window: { from: string; to: string };
  scores: BacktestScore[];
  overall: { n: number; coverage50: number; coverage90: number };
  points: BacktestPoint[];
  outside90: BacktestPoint[];
}

function median(xs: number[]): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * observed[variable][i] is the observed value in result.quarters[i] (null where there is none); only quarters
 * within [from, to] count. Consecutive quarters of a step series are not independent, so read coverage as a
 * calibration check, not a test statistic.
 */
export function scoreBacktest(
  result: SimResult,
  observed: Record<BacktestVariable, (number | null)[]>,
  from: string,
  to: string,
): BacktestReport {
  const points: BacktestPoint[] = [];
  for (const variable of BACKTEST_VARIABLES) {
    const s = result.series[variable];
    result.quarters.forEach((quarter, i) => {
      if (quarter < from || quarter > to) return;
      const obs = observed[variable][i];
      if (obs === null || obs === undefined || !Number.isFinite(obs)) return;
      const band = { p5: s.p5[i]!, p25: s.p25[i]!, p50: s.p50[i]!, p75: s.p75[i]!, p95: s.p95[i]! };
      points.push({
        variable,
        quarter,
        observed: obs,
        ...band,
        in50: obs >= band.p25 && obs <= band.p75,
        in90: obs >= band.p5 && obs <= band.p95,
        error: variable === "gapMonths" ? obs - band.p50 : Math.log10(obs / band.p50),
      });
    });
  }
  const scores = BACKTEST_VARIABLES.map((variable): BacktestScore => {
    const ps = points.filter((p) => p.variable === variable);
    return {
      variable,
      unit: variable === "gapMonths" ? "months" : "decades",
      n: ps.length,
      coverage50: ps.length ? ps.filter((p) => p.in50).length / ps.length : Number.NaN,
      coverage90: ps.length ? ps.filter((p) => p.in90).length / ps.length : Number.NaN,
      medianAbsError: median(ps.map((p) => Math.abs(p.error))),
    };
  });
  const n = points.length;
  return {
    window: { from, to },
    scores,
    overall: {
      n,
      coverage50: n ? points.filter((p) => p.in50).length / n : Number.NaN,
      coverage90: n ? points.filter((p) => p.in90).length / n : Number.NaN,
    },
    points,
    outside90: points.filter((p) => !p.in90),
  };
}
