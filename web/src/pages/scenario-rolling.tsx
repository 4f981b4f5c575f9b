import { useState } from "react";
import { formatNumber, formatPercent } from "../../../src/engine/format/number.js";
import { errorText, postJson } from "../api.js";
import { DataTable } from "../charts/data-table.js";
import { LANG, t } from "../i18n.js";
import { variableLabel } from "../sim-labels.js";

interface Score {
  n: number;
  crps: number | null;
  coverage50: number | null;
  coverage90: number | null;
  bias: number | null;
  width90: number | null;
}
interface Rolling {
  seed: number;
  priorDraws: number;
  lastObserved: string;
  origins: { origin: string; asOf: string; ess: number; warning?: string; scored: number }[];
  series: Record<string, { unit: string; pooled: { model: Score; baselines: Record<string, Score> } }>;
}

const BASELINE: Record<string, string> = {
  constant: "constant (last value held)",
  persistence: "persistence (last change held)",
  linearTrend: "linear trend",
  published7: "a published 7-month gap",
};

/**
 * The calibration engineer's rolling out-of-sample record (POST /backtest/rolling, the CLI's `backtest --rolling`):
 * at each origin the model is calibrated on data up to that date and scored on what came after, against naive
 * baselines. Run on request: it takes the server seconds.
 */
export function RollingBacktest() {
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [r, setR] = useState<Rolling | null>(null);
  const run = async () => {
    setBusy(true);
    setErr(null);
    try {
      setR(await postJson<Rolling>("backtest/rolling", { draws: 5000 }));
    } catch (e) {
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const rows = r
    ? Object.entries(r.series).map(([name, s]) => {
        const best = Object.entries(s.pooled.baselines)
          .filter(([, b]) => b.crps !== null)
          .sort((a, b) => a[1].crps! - b[1].crps!)[0];
        return { name, unit: s.unit, model: s.pooled.model, best };
      })
    : [];
  const gap = rows.find((x) => x.name === "eciGap");
  return (
    <div className="panel" data-testid="rolling-backtest">
      <h3>{t("Rolling out-of-sample backtest (calibrated at each origin)")}</h3>
      <button type="button" className="action" onClick={run} disabled={busy}>
        {busy
          ? t("Running… (the server takes several seconds)")
          : t("Run the rolling backtest (5,000 prior draws)")}
      </button>
      {err && <p className="error">{err}</p>}
      {r && (
        <>
          <p className="answer" data-testid="rolling-answer">
            {gap
              ? t(
                  "At {k} origins ({first} to {last}), calibrated only on data before each, the model's 90% bands covered {c90} of the observed ECI-gap points (90% is the aim) and its CRPS was {crps} {unit} against {bcrps} for the best naive baseline, {bname} (lower is better).",
                  {
                    k: r.origins.length,
                    first: r.origins[0]?.origin ?? "—",
                    last: r.origins.at(-1)?.origin ?? "—",
                    c90: formatPercent(gap.model.coverage90, LANG),
                    crps: formatNumber(gap.model.crps, { lang: LANG }),
                    unit: t(gap.unit),
                    bcrps: formatNumber(gap.best?.[1].crps, { lang: LANG }),
                    bname: t(BASELINE[gap.best?.[0] ?? ""] ?? gap.best?.[0] ?? "—"),
                  },
                )
              : ""}
          </p>
          <DataTable
            id="rolling-backtest"
            caption={t("Pooled scores per series: model against the best naive baseline")}
            rows={rows}
            columns={[
              { key: "series", label: t("Series"), value: (x) => variableLabel(x.name, LANG) },
              { key: "unit", label: t("Unit"), value: (x) => t(x.unit) },
              { key: "n", label: t("Points"), value: (x) => x.model.n, numeric: true },
              {
                key: "coverage90",
                label: t("90% band coverage"),
                value: (x) => x.model.coverage90,
                render: (x) => formatPercent(x.model.coverage90, LANG),
                numeric: true,
              },
              {
                key: "coverage50",
                label: t("50% band coverage"),
                value: (x) => x.model.coverage50,
                render: (x) => formatPercent(x.model.coverage50, LANG),
                numeric: true,
              },
              { key: "crps", label: t("CRPS, model"), value: (x) => x.model.crps, numeric: true },
              {
                key: "best_crps",
                label: t("CRPS, best baseline"),
                value: (x) => x.best?.[1].crps,
                numeric: true,
              },
              {
                key: "best",
                label: t("Best baseline"),
                value: (x) => t(BASELINE[x.best?.[0] ?? ""] ?? x.best?.[0] ?? "—"),
              },
            ]}
          />
          {r.origins.some((o) => o.warning) && (
            <p className="note">
              {t(
                "Effective sample sizes at the origins: {list} of {n} prior draws — few draws carry each posterior, so these scores are rough.",
                {
                  list: r.origins.map((o) => formatNumber(o.ess, { lang: LANG })).join(", "),
                  n: formatNumber(r.priorDraws, { lang: LANG }),
                },
              )}
            </p>
          )}
        </>
      )}
    </div>
  );
}
