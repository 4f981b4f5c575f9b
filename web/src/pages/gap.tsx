import * as Plot from "@observablehq/plot";
import { useCallback, useMemo, useState } from "react";
import { getJson } from "../api.js";
import { DataTable } from "../charts/data-table.js";
import { expFormat } from "../charts/fan.js";
import { PlotFigure } from "../charts/plot-figure.js";
import { useLoad } from "../use-api.js";

type Metric = "eci" | "gpqa" | "arena" | "compute";

const METRIC_LABEL: Record<Metric, string> = {
  eci: "Epoch Capabilities Index (ECI)",
  gpqa: "GPQA Diamond accuracy",
  arena: "Arena Elo",
  compute: "Training compute (FLOP)",
};

interface FrontierStep {
  date: string;
  value: number;
  model: string;
  organization: string;
}

/** The API's /gap answer (src/server/routes/gap.ts), itself the gap engine's measureGap plus both frontiers. */
interface GapResponse {
  metric: Metric;
  dataset: number | string;
  from: string | null;
  to: string | null;
  points: {
    at: string;
    us: FrontierCell | null;
    cn: FrontierCell | null;
    lagMonths: number | null;
    reachedBy: (FrontierCell & { bloc: string }) | null;
  }[];
  summary: {
    mean: number | null;
    median: number | null;
    min: number | null;
    max: number | null;
    latest: number | null;
  };
  series: { date: string; lagMonths: number }[];
  frontiers: { US: FrontierStep[]; CN: FrontierStep[] };
  observations: number;
}
interface FrontierCell {
  value: number;
  model: string;
  date: string;
}

interface Step extends FrontierStep {
  bloc: "US" | "CN";
  when: Date;
  /** False for the carried-forward point that extends a staircase to the window's end. */
  real: boolean;
}

function steps(list: readonly FrontierStep[], bloc: "US" | "CN", end: string | null): Step[] {
  const out: Step[] = list.map((s) => ({ ...s, bloc, when: new Date(`${s.date}T00:00:00Z`), real: true }));
  const last = out[out.length - 1];
  if (last && end && end > last.date)
    out.push({ ...last, date: end, when: new Date(`${end}T00:00:00Z`), real: false });
  return out;
}

/** Gap: each bloc's frontier as a staircase, the lag in months over time, and the models that set each step. */
export function GapPage() {
  const [metric, setMetric] = useState<Metric>("eci");
  const [openOnly, setOpenOnly] = useState(false);
  const data = useLoad(
    () => getJson<GapResponse>("gap", { metric, openWeights: openOnly, step: 7 }),
    [metric, openOnly],
  );

  const result = useMemo(() => {
    if (data.state !== "ok") return null;
    const gap = data.value;
    const end = gap.to;
    const frontier = [...steps(gap.frontiers.US, "US", end), ...steps(gap.frontiers.CN, "CN", end)];
    const lag = gap.series.map((p) => ({ ...p, when: new Date(`${p.date}T00:00:00Z`) }));
    return { frontier, gap, lag, lagDrawn: lag, count: gap.observations };
  }, [data]);

  const frontierOptions = useCallback(
    (): Plot.PlotOptions => ({
      height: 340,
      marginLeft: 60,
      x: { type: "utc", label: null, grid: true },
      y: {
        type: metric === "compute" ? "log" : "linear",
        label: METRIC_LABEL[metric],
        grid: true,
        tickFormat: metric === "compute" ? expFormat : undefined,
      },
      color: { domain: ["US", "CN"], range: ["#1f5fbf", "#c8102e"], legend: false },
      marks: [
        Plot.line(result?.frontier ?? [], {
          x: "when",
          y: "value",
          z: "bloc",
          stroke: "bloc",
          curve: "step-after",
          strokeWidth: 2,
        }),
        Plot.dot(
          (result?.frontier ?? []).filter((s) => s.real),
          {
            x: "when",
            y: "value",
            fill: "bloc",
            r: 3.5,
            tip: true,
            title: (s: Step) => `${s.bloc}: ${s.model} (${s.organization})\n${s.date}\n${fmt(s.value)}`,
          },
        ),
        Plot.text(["— US"], { frameAnchor: "top-left", dx: 6, dy: 6, fill: "#1f5fbf" }),
        Plot.text(["— China"], { frameAnchor: "top-left", dx: 6, dy: 22, fill: "#c8102e" }),
      ],
    }),
    [result, metric],
  );
  const lagOptions = useCallback(
    (): Plot.PlotOptions => ({
      height: 240,
      marginLeft: 60,
      x: { type: "utc", label: null, grid: true },
      y: { label: "China behind (months)", grid: true },
      marks: [
        Plot.ruleY([0]),
        Plot.areaY(result?.lagDrawn ?? [], { x: "when", y: "lagMonths", fill: "#c8102e", fillOpacity: 0.12 }),
        Plot.line(result?.lagDrawn ?? [], { x: "when", y: "lagMonths", stroke: "#c8102e" }),
        Plot.tip(
          result?.lagDrawn ?? [],
          Plot.pointerX({
            x: "when",
            y: "lagMonths",
            title: (p: { date: string; lagMonths: number }) => `${p.date}: ${p.lagMonths.toFixed(1)} months`,
          }),
        ),
      ],
    }),
    [result],
  );

  const s = result?.gap.summary;
  const point = result?.gap.points[0];
  return (
    <section>
      <h2>How far behind is China? The observed gap</h2>
      <fieldset className="controls plain" aria-label="Gap options">
        <label>
          Metric
          <select value={metric} onChange={(e) => setMetric(e.target.value as Metric)} name="metric">
            {(Object.keys(METRIC_LABEL) as Metric[]).map((m) => (
              <option key={m} value={m}>
                {METRIC_LABEL[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={openOnly}
            onChange={(e) => setOpenOnly(e.target.checked)}
            name="open-weights"
          />
          Open-weight models only
        </label>
        <span className="muted" data-testid="dataset">
          {data.state === "ok" &&
            `Dataset version ${data.value.dataset} · ${result?.count ?? 0} observations with this metric · ${data.value.from ?? "?"} to ${data.value.to ?? "?"}`}
        </span>
      </fieldset>
      {data.state === "loading" && <p className="status">Measuring…</p>}
      {data.state === "error" && <p className="error">Could not measure the gap: {data.message}</p>}
      {data.state === "ok" &&
        (data.value.frontiers.US.length === 0 || data.value.frontiers.CN.length === 0) && (
          <p className="note" data-testid="gap-empty">
            No {data.value.frontiers.US.length === 0 ? "US" : "Chinese"} model in this dataset has a{" "}
            {METRIC_LABEL[metric]} value
            {openOnly ? " and open weights (Arena ratings do not record openness)" : ""}, so there is no gap
            to measure here.
          </p>
        )}
      {s && (
        <p data-testid="gap-summary">
          Latest lag: <strong>{fmtMonths(s.latest)}</strong> · mean {fmtMonths(s.mean)} · median{" "}
          {fmtMonths(s.median)} · range {fmtMonths(s.min)} to {fmtMonths(s.max)}
          {point?.reachedBy && (
            <span className="muted">
              {" "}
              (China's best, {point.cn?.model}, matches {point.reachedBy.model} of {point.reachedBy.date})
            </span>
          )}
        </p>
      )}
      <PlotFigure
        id={`gap-frontier-${metric}${openOnly ? "-open" : ""}`}
        title={`Frontier by bloc — ${METRIC_LABEL[metric]}${openOnly ? ", open weights" : ""}`}
        options={frontierOptions}
        rows={() =>
          (result?.frontier ?? [])
            .filter((r) => r.real)
            .map((r) => ({
              bloc: r.bloc,
              date: r.date,
              value: r.value,
              model: r.model,
              organization: r.organization,
            }))
        }
        version={`${metric}-${openOnly}`}
        caption="Running maximum of released models' values. Dots mark the model that set each step (hover for details)."
      />
      <PlotFigure
        id={`gap-lag-${metric}${openOnly ? "-open" : ""}`}
        title="Lag over time (months; negative = China ahead)"
        options={lagOptions}
        rows={() => (result?.lag ?? []).map((p) => ({ date: p.date, lag_months: p.lagMonths }))}
        version={`${metric}-${openOnly}`}
        caption="Lag on day t = t − first day the US frontier reached China's frontier value on t (30.44-day months), weekly."
      />
      <h3>Models that set each step</h3>
      <DataTable
        id={`gap-steps-${metric}`}
        rows={(result?.frontier ?? []).filter((s) => s.real)}
        columns={[
          { key: "bloc", label: "Bloc", value: (r) => r.bloc },
          { key: "date", label: "Release", value: (r) => r.date },
          { key: "model", label: "Model", value: (r) => r.model },
          { key: "organization", label: "Organization", value: (r) => r.organization },
          { key: "value", label: METRIC_LABEL[metric], value: (r) => r.value, numeric: true },
        ]}
      />
      <p className="note">
        Model data: Epoch AI, CC BY 4.0 (epoch.ai/data). Joint US–China models count for neither bloc.
      </p>
    </section>
  );
}

function fmt(v: number): string {
  return Math.abs(v) >= 1e6 ? v.toExponential(2) : v.toLocaleString("en-US", { maximumSignificantDigits: 4 });
}
function fmtMonths(v: number | null | undefined): string {
  return v === null || v === undefined ? "—" : `${v.toFixed(1)} months`;
}
