/**
 * The brief's two charts as SVG text, drawn from summaries (no DOM, no chart library): a fan chart of the gap and
 * a log-scale line chart of China's channels. Every text placed in the markup goes through `esc`; coordinates are
 * rounded to 0.1 px so the same numbers give the same bytes.
 */
import { formatNumber, type Lang } from "../format/number.js";
import { esc } from "./escape.js";

export interface FanSeries {
  p5: readonly number[];
  p25: readonly number[];
  p50: readonly number[];
  p75: readonly number[];
  p95: readonly number[];
}

export interface LineSeries {
  label: string;
  values: readonly number[];
  color: string;
  dash?: string;
}

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const FRAME: Frame = { width: 680, height: 230, left: 62, right: 150, top: 10, bottom: 26 };

/** Okabe & Ito (2008) colour-blind-safe palette. */
export const PALETTE = {
  blue: "#0072B2",
  orange: "#E69F00",
  sky: "#56B4E9",
  green: "#009E73",
  vermillion: "#D55E00",
  purple: "#CC79A7",
  grey: "#555555",
} as const;

const r1 = (x: number) => (Math.round(x * 10) / 10).toString();

/** Round tick values over [lo, hi], about `count` of them, at 1, 2 or 5 × 10^k spacing. */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  // Integer multiples of the step, trimmed of binary tails (0.6000000000000001) and of −0.
  for (let k = Math.ceil(lo / step); k * step <= hi + step * 1e-9; k++)
    out.push(Number((k * step).toPrecision(12)) + 0);
  return out;
}

function xScale(n: number, f: Frame) {
  const w = f.width - f.left - f.right;
  return (i: number) => f.left + (n <= 1 ? w / 2 : (i * w) / (n - 1));
}

/** X axis: a tick and the year under each first quarter (Q1) of a year. */
function xAxis(quarters: readonly string[], f: Frame, x: (i: number) => number): string {
  const parts: string[] = [];
  const y0 = f.height - f.bottom;
  parts.push(
    `<line x1="${r1(f.left)}" y1="${r1(y0)}" x2="${r1(f.width - f.right)}" y2="${r1(y0)}" class="axis"/>`,
  );
  quarters.forEach((q, i) => {
    if (!q.endsWith("Q1")) return;
    parts.push(`<line x1="${r1(x(i))}" y1="${r1(y0)}" x2="${r1(x(i))}" y2="${r1(y0 + 4)}" class="axis"/>`);
    parts.push(`<text x="${r1(x(i))}" y="${r1(y0 + 15)}" text-anchor="middle">${esc(q.slice(0, 4))}</text>`);
  });
  return parts.join("");
}

function path(points: [number, number][]): string {
  return points.map(([px, py], k) => `${k ? "L" : "M"}${r1(px)},${r1(py)}`).join("");
}

/** A closed band between two series. */
function band(
  lo: readonly number[],
  hi: readonly number[],
  x: (i: number) => number,
  y: (v: number) => number,
) {
  const top = hi.map((v, i) => [x(i), y(v)] as [number, number]);
  const bottom = lo.map((v, i) => [x(i), y(v)] as [number, number]).reverse();
  return `${path([...top, ...bottom])}Z`;
}

function open(f: Frame, title: string, desc: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title><desc>${esc(desc)}</desc>`;
}

function legend(f: Frame, items: { label: string; swatch: string }[]): string {
  const x0 = f.width - f.right + 12;
  return items
    .map(
      (it, k) =>
        `<g transform="translate(${r1(x0)},${r1(f.top + 8 + k * 16)})">${it.swatch}<text x="22" y="4">${esc(it.label)}</text></g>`,
    )
    .join("");
}

/**
 * Fan chart of the gap: 90% and 50% bands, the median, an optional second median (the counterfactual) dashed,
 * and a dotted line at `mark` (the quarter the headline reads). Y axis in months with a zero line.
 */
export function fanChart(o: {
  quarters: readonly string[];
  fan: FanSeries;
  compare?: readonly number[] | null;
  markIndex?: number;
  labels: { median: string; band50: string; band90: string; compare: string };
  title: string;
  desc: string;
  lang: Lang;
}): string {
  const f = FRAME;
  const n = o.quarters.length;
  const all = [...o.fan.p5, ...o.fan.p95, ...(o.compare ?? []), 0].filter(Number.isFinite);
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (!(hi > lo)) hi = lo + 1;
  const pad = (hi - lo) * 0.04;
  lo -= pad;
  hi += pad;
  const x = xScale(n, f);
  const y = (v: number) => f.top + ((hi - v) * (f.height - f.top - f.bottom)) / (hi - lo);
  const parts = [open(f, o.title, o.desc)];
  for (const v of linearTicks(lo, hi, 5)) {
    parts.push(
      `<line x1="${r1(f.left)}" y1="${r1(y(v))}" x2="${r1(f.width - f.right)}" y2="${r1(y(v))}" class="${v === 0 ? "zero" : "grid"}"/>`,
    );
    parts.push(
      `<text x="${r1(f.left - 5)}" y="${r1(y(v) + 3)}" text-anchor="end">${esc(formatNumber(v, { lang: o.lang }))}</text>`,
    );
  }
  parts.push(xAxis(o.quarters, f, x));
  parts.push(`<path d="${band(o.fan.p5, o.fan.p95, x, y)}" fill="${PALETTE.blue}" fill-opacity="0.16"/>`);
  parts.push(`<path d="${band(o.fan.p25, o.fan.p75, x, y)}" fill="${PALETTE.blue}" fill-opacity="0.32"/>`);
  parts.push(
    `<path d="${path(o.fan.p50.map((v, i) => [x(i), y(v)]))}" fill="none" stroke="${PALETTE.blue}" stroke-width="2"/>`,
  );
  if (o.compare)
    parts.push(
      `<path d="${path(o.compare.map((v, i) => [x(i), y(v)]))}" fill="none" stroke="${PALETTE.vermillion}" stroke-width="1.8" stroke-dasharray="5 3"/>`,
    );
  if (o.markIndex !== undefined && o.markIndex >= 0)
    parts.push(
      `<line x1="${r1(x(o.markIndex))}" y1="${r1(f.top)}" x2="${r1(x(o.markIndex))}" y2="${r1(f.height - f.bottom)}" class="mark"/>`,
    );
  const items = [
    {
      label: o.labels.median,
      swatch: `<line x1="0" y1="0" x2="18" y2="0" stroke="${PALETTE.blue}" stroke-width="2"/>`,
    },
    {
      label: o.labels.band50,
      swatch: `<rect x="0" y="-5" width="18" height="10" fill="${PALETTE.blue}" fill-opacity="0.45"/>`,
    },
    {
      label: o.labels.band90,
      swatch: `<rect x="0" y="-5" width="18" height="10" fill="${PALETTE.blue}" fill-opacity="0.16"/>`,
    },
  ];
  if (o.compare)
    items.push({
      label: o.labels.compare,
      swatch: `<line x1="0" y1="0" x2="18" y2="0" stroke="${PALETTE.vermillion}" stroke-width="1.8" stroke-dasharray="5 3"/>`,
    });
  parts.push(legend(f, items));
  parts.push("</svg>");
  return parts.join("");
}

/**
 * Lines on a log scale (values ≤ 0 or not finite break the line). The range spans at most six decades below the
 * largest value, so a channel near zero does not squash the others.
 */
export function logLinesChart(o: {
  quarters: readonly string[];
  series: readonly LineSeries[];
  markIndex?: number;
  title: string;
  desc: string;
  lang: Lang;
}): string {
  const f = FRAME;
  const x = xScale(o.quarters.length, f);
  const positive = o.series.flatMap((s) => s.values.filter((v) => Number.isFinite(v) && v > 0));
  const max = positive.length ? Math.max(...positive) : 10;
  const min = positive.length ? Math.max(Math.min(...positive), max / 1e6) : 1;
  const hiE = Math.ceil(Math.log10(max));
  let loE = Math.floor(Math.log10(min));
  if (loE >= hiE) loE = hiE - 1;
  const y = (v: number) => f.top + ((hiE - Math.log10(v)) * (f.height - f.top - f.bottom)) / (hiE - loE);
  const parts = [open(f, o.title, o.desc)];
  for (let e = loE; e <= hiE; e++) {
    const v = 10 ** e;
    parts.push(
      `<line x1="${r1(f.left)}" y1="${r1(y(v))}" x2="${r1(f.width - f.right)}" y2="${r1(y(v))}" class="grid"/>`,
    );
    parts.push(
      `<text x="${r1(f.left - 5)}" y="${r1(y(v) + 3)}" text-anchor="end">${esc(formatNumber(v, { lang: o.lang, compact: true }))}</text>`,
    );
  }
  parts.push(xAxis(o.quarters, f, x));
  const floor = 10 ** loE;
  for (const s of o.series) {
    // Runs of drawable points, each its own sub-path.
    const runs: [number, number][][] = [];
    let cur: [number, number][] = [];
    s.values.forEach((v, i) => {
      if (Number.isFinite(v) && v >= floor) cur.push([x(i), y(v)]);
      else if (cur.length) {
        runs.push(cur);
        cur = [];
      }
    });
    if (cur.length) runs.push(cur);
    const d = runs.map(path).join("");
    if (d)
      parts.push(
        `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.8"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
      );
  }
  if (o.markIndex !== undefined && o.markIndex >= 0)
    parts.push(
      `<line x1="${r1(x(o.markIndex))}" y1="${r1(f.top)}" x2="${r1(x(o.markIndex))}" y2="${r1(f.height - f.bottom)}" class="mark"/>`,
    );
  parts.push(
    legend(
      f,
      o.series.map((s) => ({
        label: s.label,
        swatch: `<line x1="0" y1="0" x2="18" y2="0" stroke="${s.color}" stroke-width="1.8"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
      })),
    ),
  );
  parts.push("</svg>");
  return parts.join("");
}
