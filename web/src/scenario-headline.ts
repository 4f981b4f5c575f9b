/**
 * The Scenarios page's answer in words: the gap in the headline quarter with its 90% band, the chance it is
 * under six months, what the scenario without export controls gives, and what the page's changes moved.
 * Computed from the very summaries the fan charts draw. Pure.
 */
import {
  formatFixed,
  formatMonths,
  formatPercent,
  formatQuarter,
  type Lang,
} from "../../src/engine/format/number.js";
import { tIn } from "./i18n.js";
import type { SimRunResult } from "./worker/sim-types.js";

export const HEADLINE_QUARTER = "2028Q4";

export interface GapAt {
  quarter: string;
  p5: number;
  p50: number;
  p95: number;
  /** P(gap < 6 months) from the scenario's named condition, when it has one for this quarter. */
  pUnder6: number | null;
}

/** The gap figures of a run in `quarter` (its last quarter when the run ends earlier); null without a gap series. */
export function gapAt(run: SimRunResult | undefined, quarter = HEADLINE_QUARTER): GapAt | null {
  const s = run?.series.gapMonths;
  if (!run || !s) return null;
  let i = run.quarters.indexOf(quarter);
  if (i < 0) i = run.quarters.length - 1;
  if (i < 0) return null;
  const q = run.quarters[i]!;
  const p = run.probabilities[`gapMonths@${q}<6`];
  return { quarter: q, p5: s.p5[i]!, p50: s.p50[i]!, p95: s.p95[i]!, pUnder6: p ?? null };
}

export function headline(
  o: {
    scenario: string;
    now: GapAt;
    /** The same scenario without the page's changes (null when nothing is changed). */
    unmodified: GapAt | null;
    /** The no-controls scenario, when it is not the one shown. */
    noControls: GapAt | null;
  },
  lang: Lang,
): string {
  const tr = (en: string, vars?: Record<string, string | number>) => tIn(lang, en, vars);
  const parts = [
    tr("Gap in {quarter} under {scenario}: China {p50} behind (90% band {p5} to {p95}).", {
      quarter: formatQuarter(o.now.quarter, lang),
      scenario: o.scenario,
      p50: formatMonths(o.now.p50, lang),
      p5: formatFixed(o.now.p5, 1, lang),
      p95: formatMonths(o.now.p95, lang),
    }),
  ];
  if (o.now.pUnder6 !== null)
    parts.push(tr("Chance the gap is under 6 months: {p}.", { p: formatPercent(o.now.pUnder6, lang) }));
  if (o.noControls)
    parts.push(
      tr("Without export controls: {p50} (90% band {p5} to {p95}).", {
        p50: formatMonths(o.noControls.p50, lang),
        p5: formatFixed(o.noControls.p5, 1, lang),
        p95: formatMonths(o.noControls.p95, lang),
      }),
    );
  if (o.unmodified) {
    const d = o.now.p50 - o.unmodified.p50;
    parts.push(
      tr("Your changes move the median from {before} to {after} ({delta}).", {
        before: formatMonths(o.unmodified.p50, lang),
        after: formatMonths(o.now.p50, lang),
        delta: `${d >= 0 ? "+" : "−"}${formatMonths(Math.abs(d), lang)}`,
      }),
    );
  }
  return parts.join(" ");
}
