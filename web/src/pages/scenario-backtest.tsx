/** The Scenarios page backtest view: the history scenario's bands with the observed series over them. */
import * as Plot from "@observablehq/plot";
import type { Summary } from "../../../src/engine/sim/summary.js";
import { errorText } from "../api.js";
import { CN_COLOR, US_COLOR } from "../charts/colors.js";
import { type FanSeries, fanCsv, fanPlot, fanRows, fmt, quarterDate } from "../charts/fan.js";
import { PlotFigure } from "../charts/plot-figure.js";
import { loadBacktestObservations } from "../sim-data.js";
import { useLoad } from "../use-api.js";
import type { SimResponse } from "../worker/sim-types.js";
import { t } from "../i18n.js";

export function Backtest({ run, version }: { run: SimResponse["runs"][number] | null; version: string }) {
  const obs = useLoad(loadBacktestObservations, []);
  if (!run) return null;
  const until = "2026Q4";
  const cut = (q: string) => q <= until;
  const clip = (b: Summary | undefined) => {
    if (!b) return null;
    const n = run.quarters.filter(cut).length;
    return {
      p5: b.p5.slice(0, n),
      p25: b.p25.slice(0, n),
      p50: b.p50.slice(0, n),
      p75: b.p75.slice(0, n),
      p95: b.p95.slice(0, n),
    };
  };
  const quarters = run.quarters.filter(cut);
  const cn = clip(run.series.cnFrontierFlop);
  const us = clip(run.series.usFrontierFlop);
  const gap = clip(run.series.gapMonths);
  const o = obs.state === "ok" ? obs.value : null;
  const series: FanSeries[] = [
    ...(us ? [{ label: t("US (simulated)"), color: US_COLOR, quarters, bands: us }] : []),
    ...(cn ? [{ label: t("China (simulated)"), color: CN_COLOR, quarters, bands: cn }] : []),
  ];
  const flopObs = (o?.frontier ?? []).filter((p) => cut(p.quarter));
  const gapObs = (o?.gap ?? []).filter((p) => cut(p.quarter));
  return (
    <>
      <h3>{t("Backtest: the history scenario against what happened")}</h3>
      {obs.state === "error" && <p className="error">Observations: {errorText(obs.message)}</p>}
      <PlotFigure
        id="sim-backtest-frontier"
        title={t("Largest training run: simulated bands (history) and observed frontier (dots)")}
        version={`${version}-${flopObs.length}`}
        versioned
        options={() =>
          fanPlot(series, {
            yLabel: "FLOP",
            log: true,
            extra: [
              Plot.dot(flopObs, {
                x: (p: { quarter: string }) => quarterDate(p.quarter),
                y: "value",
                stroke: (p: { bloc: string }) => (p.bloc === "US" ? US_COLOR : CN_COLOR),
                fill: "#fff",
                r: 3.5,
                tip: true,
                title: (p: { bloc: string; quarter: string; value: number }) =>
                  `observed ${p.bloc} ${p.quarter}: ${fmt(p.value)} FLOP`,
              }),
            ],
          })
        }
        rows={() => [
          ...fanCsv(fanRows(series)),
          ...flopObs.map((p) => ({ series: `observed ${p.bloc}`, quarter: p.quarter, observed: p.value })),
        ]}
      />
      {gap && (
        <PlotFigure
          id="sim-backtest-gap"
          title={t("Gap: simulated vs observed ECI gap (dots)")}
          version={`${version}-${gapObs.length}`}
          versioned
          options={() =>
            fanPlot([{ label: t("history (simulated)"), color: CN_COLOR, quarters, bands: gap }], {
              yLabel: "months",
              zeroLine: true,
              extra: [
                Plot.dot(gapObs, {
                  x: (p: { quarter: string }) => quarterDate(p.quarter),
                  y: "value",
                  stroke: "#000",
                  fill: "#fff",
                  r: 3.5,
                  tip: true,
                }),
              ],
            })
          }
          rows={() => [
            ...fanCsv(fanRows([{ label: "history", color: "", quarters, bands: gap }])),
            ...gapObs.map((p) => ({ series: "observed ECI gap", quarter: p.quarter, observed: p.value })),
          ]}
        />
      )}
    </>
  );
}
