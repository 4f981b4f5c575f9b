import * as Plot from "@observablehq/plot";
import { formatNumber } from "../../../src/engine/format/number.js";
import { LANG, t } from "../i18n.js";
import type { CsvRow } from "./export.js";

/** Quantile bands of one variable per quarter, as the simulator summarises them. */
export interface Bands {
  p5: ArrayLike<number>;
  p25: ArrayLike<number>;
  p50: ArrayLike<number>;
  p75: ArrayLike<number>;
  p95: ArrayLike<number>;
  mean?: ArrayLike<number>;
}

export interface FanSeries {
  label: string;
  color: string;
  quarters: readonly string[];
  bands: Bands;
}

export interface FanRow {
  series: string;
  quarter: string;
  t: Date;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/** "2024Q3" → the quarter's middle as a Date (for a time axis). */
export function quarterDate(q: string): Date {
  const y = Number(q.slice(0, 4));
  const k = Number(q.slice(5));
  return new Date(Date.UTC(y, (k - 1) * 3 + 1, 15));
}

export function fanRows(series: readonly FanSeries[], positiveOnly = false): FanRow[] {
  const rows: FanRow[] = [];
  for (const s of series)
    s.quarters.forEach((q, i) => {
      const r = {
        series: s.label,
        quarter: q,
        t: quarterDate(q),
        p5: s.bands.p5[i]!,
        p25: s.bands.p25[i]!,
        p50: s.bands.p50[i]!,
        p75: s.bands.p75[i]!,
        p95: s.bands.p95[i]!,
      };
      if (positiveOnly && !(r.p95 > 0)) return;
      if ([r.p5, r.p25, r.p50, r.p75, r.p95].every(Number.isFinite)) rows.push(r);
    });
  return rows;
}

export function fanCsv(rows: readonly FanRow[]): CsvRow[] {
  return rows.map(({ series, quarter, p5, p25, p50, p75, p95 }) => ({
    series,
    quarter,
    p5,
    p25,
    p50,
    p75,
    p95,
  }));
}

export interface FanOptions {
  yLabel: string;
  log?: boolean;
  height?: number;
  zeroLine?: boolean;
  extra?: Plot.Markish[];
  /** A reference median (the scenario without the page's changes), drawn dashed in grey. */
  baseline?: FanSeries | null;
}

/**
 * Fan chart: p5–p95 light band, p25–p75 darker band, median line. Compared series (after the first) are drawn as
 * outlines — dashed p5/p95, thin p25/p75, thick median — so their bands never blend with the first one's fill.
 */
export function fanPlot(series: readonly FanSeries[], opts: FanOptions): Plot.PlotOptions {
  const rows = fanRows(series, opts.log);
  const floor = (v: number) => (opts.log ? Math.max(v, 1e-9) : v);
  const colors = Object.fromEntries(series.map((s) => [s.label, s.color]));
  const fill = (r: FanRow) => colors[r.series] ?? "#555";
  const first = series[0]?.label;
  const filled = rows.filter((r) => r.series === first);
  const outlined = rows.filter((r) => r.series !== first);
  const base = opts.baseline ? fanRows([opts.baseline], opts.log) : [];
  const line = (data: FanRow[], y: (r: FanRow) => number, o: Record<string, unknown>) =>
    Plot.line(data, { x: "t", y, z: "series", stroke: fill, ...o });
  return {
    height: opts.height ?? 260,
    marginLeft: 64,
    x: { type: "utc", label: null, grid: true },
    y: {
      type: opts.log ? "log" : "linear",
      label: opts.yLabel,
      grid: true,
      tickFormat: (v: number) => formatNumber(v, { lang: LANG }),
    },
    marks: [
      opts.zeroLine ? Plot.ruleY([0], { stroke: "#888" }) : null,
      Plot.areaY(filled, {
        x: "t",
        y1: (r: FanRow) => floor(r.p5),
        y2: (r: FanRow) => floor(r.p95),
        z: "series",
        fill,
        fillOpacity: 0.15,
      }),
      Plot.areaY(filled, {
        x: "t",
        y1: (r: FanRow) => floor(r.p25),
        y2: (r: FanRow) => floor(r.p75),
        z: "series",
        fill,
        fillOpacity: 0.3,
      }),
      line(outlined, (r) => floor(r.p5), { strokeDasharray: "3,3", strokeWidth: 1 }),
      line(outlined, (r) => floor(r.p95), { strokeDasharray: "3,3", strokeWidth: 1 }),
      line(outlined, (r) => floor(r.p25), { strokeWidth: 1 }),
      line(outlined, (r) => floor(r.p75), { strokeWidth: 1 }),
      base.length
        ? Plot.line(base, { x: "t", y: (r: FanRow) => floor(r.p50), stroke: "#555", strokeDasharray: "6,4" })
        : null,
      Plot.line(rows, {
        x: "t",
        y: (r: FanRow) => floor(r.p50),
        z: "series",
        stroke: fill,
        strokeWidth: 2.2,
      }),
      Plot.tip(
        rows,
        Plot.pointerX({
          x: "t",
          y: (r: FanRow) => floor(r.p50),
          title: (r: FanRow) =>
            `${r.series} ${r.quarter}\n${t("median")} ${fmt(r.p50)}\n50%: ${fmt(r.p25)} – ${fmt(r.p75)}\n90%: ${fmt(r.p5)} – ${fmt(r.p95)}`,
        }),
      ),
      ...series.map((s, i) =>
        Plot.text([s.label], {
          frameAnchor: "top-left",
          dx: 6,
          dy: 4 + 14 * i,
          fill: s.color,
          fontWeight: 600,
        }),
      ),
      base.length
        ? Plot.text([`- - ${opts.baseline!.label}`], {
            frameAnchor: "top-left",
            dx: 6,
            dy: 4 + 14 * series.length,
            fill: "#555",
          })
        : null,
      ...(opts.extra ?? []),
    ],
  };
}

/** Log-axis ticks as powers of ten: 1e24 rather than SI prefixes that run out (yotta) for FLOP. */
export function expFormat(v: number): string {
  return v.toExponential(0).replace("+", "");
}

export function fmt(v: number): string {
  return formatNumber(v, { lang: LANG });
}
