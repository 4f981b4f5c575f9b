/** The Scenarios page sensitivity views: probabilities of named conditions and the tornado. */
import * as Plot from "@observablehq/plot";
import { DataTable } from "../charts/data-table.js";
import { fmt } from "../charts/fan.js";
import { PlotFigure } from "../charts/plot-figure.js";
import type { ScenarioState } from "../scenario-state.js";
import type { SimResponse } from "../worker/sim-types.js";
import { formatPercent, formatQuarter } from "../../../src/engine/format/number.js";
import { LANG, t } from "../i18n.js";
import { conditionText, paramLabel, variableLabel } from "../sim-labels.js";

export const TORNADO_OUTPUT = { variable: "gapMonths", quarter: "2028Q4" };

export function Probabilities({ runs }: { runs: SimResponse["runs"] }) {
  const rows = runs.flatMap((r) =>
    Object.entries(r.probabilities).map(([condition, p]) => ({ scenario: r.name, condition, p })),
  );
  if (rows.length === 0) return null;
  return (
    <>
      <h3>{t("Chances of the scenarios' named conditions")}</h3>
      <DataTable
        id="sim-probabilities"
        rows={rows}
        columns={[
          { key: "scenario", label: t("Scenario"), value: (r) => r.scenario },
          { key: "condition", label: t("Condition"), value: (r) => conditionText(r.condition, LANG) },
          {
            key: "p",
            label: t("Chance"),
            value: (r) => Math.round(r.p * 1000) / 1000,
            render: (r) => formatPercent(r.p, LANG),
            numeric: true,
          },
        ]}
      />
    </>
  );
}

export function Tornado({
  state,
  update,
  bars,
  version,
}: {
  state: ScenarioState;
  update: (p: Partial<ScenarioState>) => void;
  bars: SimResponse["tornado"];
  version: string;
}) {
  return (
    <>
      <h3>
        {t("Sensitivity: what moves the gap in {quarter}", {
          quarter: formatQuarter(TORNADO_OUTPUT.quarter, LANG),
        })}
      </h3>
      <label className="inline">
        <input
          type="checkbox"
          name="tornado"
          checked={state.tornado}
          onChange={(e) => update({ tornado: e.target.checked })}
        />
        {t("Compute the tornado (each parameter from its p10 to its p90, others at their medians)")}
      </label>
      {state.tornado && bars && (
        <PlotFigure
          id="sim-tornado"
          title={t("What moves the gap in {quarter} most — {s}", {
            quarter: formatQuarter(TORNADO_OUTPUT.quarter, LANG),
            s: state.scenario,
          })}
          version={version}
          versioned
          options={(w) => ({
            height: 28 * bars.length + 60,
            marginLeft: w < 500 ? 150 : 210,
            x: { label: `${variableLabel(TORNADO_OUTPUT.variable, LANG)} (${t("months")})`, grid: true },
            y: {
              label: null,
              domain: bars.map((b) => b.param),
              tickFormat: (p: string) => paramLabel(p, LANG),
            },
            marks: [
              Plot.barX(bars, { y: "param", x1: "base", x2: "low", fill: "#0072B2", fillOpacity: 0.8 }),
              Plot.barX(bars, { y: "param", x1: "base", x2: "high", fill: "#E69F00", fillOpacity: 0.8 }),
              Plot.ruleX([bars[0]?.base ?? 0]),
              Plot.tip(
                bars,
                Plot.pointerY({
                  y: "param",
                  x: "high",
                  title: (b: (typeof bars)[number]) =>
                    `${paramLabel(b.param, LANG)}\np10 ${fmt(b.p10)} → ${fmt(b.low)} ${t("months")}\np90 ${fmt(b.p90)} → ${fmt(b.high)} ${t("months")}`,
                }),
              ),
              Plot.text([t("blue: parameter at its p10 · orange: at its p90")], {
                frameAnchor: "bottom-right",
                dy: -4,
              }),
            ],
          })}
          rows={() =>
            bars.map((b) => ({
              param: b.param,
              p10: b.p10,
              p90: b.p90,
              output_at_p10: b.low,
              output_at_p90: b.high,
              output_at_median: b.base,
            }))
          }
        />
      )}
    </>
  );
}
