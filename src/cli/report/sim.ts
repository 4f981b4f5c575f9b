import { loadSimData, prepareRun } from "../../data/scenarios.js";
import { runScenario } from "../../engine/sim/index.js";
import { fmt } from "../format.js";
import { translator } from "../lang.js";
import type { ReportSectionFn } from "./section.js";

const QUARTER = "2028Q4";
const DRAWS = 4000;

/** The simulated gap at the end of 2028 under status-quo and under no-controls (same seed, same draws). */
export const simSection: ReportSectionFn = async (ctx) => {
  const lang = ctx.lang ?? "en";
  const tr = translator(lang);
  const data = loadSimData();
  const rows: Record<string, { p5: number; p50: number; p95: number; pUnder6: number }> = {};
  for (const name of ["status-quo", "no-controls"]) {
    const prep = prepareRun(name, { counterfactual: false, data });
    if (!prep.ok) return null;
    const r = runScenario(prep.value.scenario, prep.value.inputs, {
      draws: DRAWS,
      conditions: [`gapMonths@${QUARTER}<6`],
    });
    if (!r.ok) return null;
    const i = r.value.quarters.indexOf(QUARTER);
    const g = r.value.series.gapMonths;
    rows[name] = {
      p5: g.p5[i]!,
      p50: g.p50[i]!,
      p95: g.p95[i]!,
      pUnder6: r.value.probabilities[`gapMonths@${QUARTER}<6`]!,
    };
  }
  const line = (name: string) => {
    const x = rows[name]!;
    return `${name.padEnd(11)}  ${tr("gap {p50} months (90% band {p5}–{p95}), P(gap < 6 months) {p}", {
      p50: fmt(x.p50, 1, lang),
      p5: fmt(x.p5, 1, lang),
      p95: fmt(x.p95, 1, lang),
      p: fmt(x.pUnder6, 2, lang),
    })}`;
  };
  return {
    title: `Simulated gap in ${QUARTER}`,
    heading: tr("Simulated gap in {quarter}", { quarter: QUARTER }),
    lines: [
      line("status-quo"),
      line("no-controls"),
      tr("({draws} draws each, same seed; chokepoint simulate --scenario status-quo for more)", {
        draws: fmt(DRAWS, 0, lang),
      }),
    ],
    json: { quarter: QUARTER, draws: DRAWS, ...rows },
  };
};
