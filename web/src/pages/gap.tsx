import * as Plot from "@observablehq/plot";
import { useCallback, useMemo } from "react";
import { formatDate, formatMonths, formatNumber } from "../../../src/engine/format/number.js";
import { getJsonPrefetched, prefetchedJson } from "../api.js";
import { DataTable } from "../charts/data-table.js";
import { PlotFigure } from "../charts/plot-figure.js";
import { LANG, t } from "../i18n.js";
import { LinkIssues } from "../link-issues.js";
import { gapQuery, gapState, METRICS, type Metric } from "../gap-state.js";
import { useLoad } from "../use-api.js";

const METRIC_LABEL: Record<Metric, string> = {
  eci: t("Epoch Capabilities Index (ECI)"),
  gpqa: t("GPQA Diamond accuracy"),
  arena: t("Arena Elo"),
  compute: t("Training compute (FLOP)"),
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
export function GapPage({
  params,
  setParams,
}: {
  params: URLSearchParams;
  setParams: (p: URLSearchParams) => void;
}) {
  const { metric, openOnly, issues } = useMemo(() => gapState(params), [params]);
  const set = (m: Metric, open: boolean) => {
    const p = new URLSearchParams();
    if (m !== "eci") p.set("metric", m);
    if (open) p.set("open", "1");
    setParams(p);
  };
  const data = useLoad(
    () => getJsonPrefetched<GapResponse>("gap", gapQuery(metric, openOnly)),
    [metric, openOnly],
    () => prefetchedJson<GapResponse>("gap", gapQuery(metric, openOnly)),
  );

  const result = useMemo(() => {
    if (data.state !== "ok") return null;
    const gap = data.value;
    const end = gap.to;
    const frontier = [...steps(gap.frontiers.US, "US", end), ...steps(gap.frontiers.CN, "CN", end)];
    const lag = gap.series.map((p) => ({ ...p, when: new Date(`${p.date}T00:00:00Z`) }));
    return { frontier, gap, lag, lagDrawn: lag, count: gap.observations };
  }, [data]);

  // Both charts span the window the summary covers (from the first date both blocs have a value), so the
  // compute view no longer starts in 1950 and the numbers above it describe exactly what is drawn.
  const xDomain = useMemo(() => {
    if (!result?.gap.from || !result.gap.to) return undefined;
    return [new Date(`${result.gap.from}T00:00:00Z`), new Date(`${result.gap.to}T00:00:00Z`)];
  }, [result]);
  const frontierOptions = useCallback(
    (): Plot.PlotOptions => ({
      height: 340,
      marginLeft: 64,
      x: { type: "utc", label: null, grid: true, ...(xDomain ? { domain: xDomain } : {}) },
      y: {
        type: metric === "compute" ? "log" : "linear",
        label: METRIC_LABEL[metric],
        grid: true,
        tickFormat: (v: number) => formatNumber(v, { lang: LANG }),
      },
      color: { domain: ["US", "CN"], range: ["#1f5fbf", "#c8102e"], legend: false },
      marks: [
        Plot.line(
          (result?.frontier ?? []).filter((s) => !xDomain || s.when >= xDomain[0]!),
          {
            x: "when",
            y: "value",
            z: "bloc",
            stroke: "bloc",
            curve: "step-after",
            strokeWidth: 2,
          },
        ),
        Plot.dot(
          (result?.frontier ?? []).filter((s) => s.real && (!xDomain || s.when >= xDomain[0]!)),
          {
            x: "when",
            y: "value",
            fill: "bloc",
            r: 3.5,
            tip: true,
            title: (s: Step) =>
              `${s.bloc === "US" ? t("US") : t("China")}: ${s.model} (${s.organization})\n${formatDate(s.date, LANG)}\n${formatNumber(s.value, { lang: LANG })}`,
          },
        ),
        Plot.text([`— ${t("US")}`], { frameAnchor: "top-left", dx: 6, dy: 6, fill: "#1f5fbf" }),
        Plot.text([`— ${t("China")}`], { frameAnchor: "top-left", dx: 6, dy: 22, fill: "#c8102e" }),
      ],
    }),
    [result, metric, xDomain],
  );
  const lagOptions = useCallback(
    (): Plot.PlotOptions => ({
      height: 240,
      marginLeft: 60,
      x: { type: "utc", label: null, grid: true },
      y: { label: t("China behind (months)"), grid: true },
      marks: [
        Plot.ruleY([0]),
        Plot.areaY(result?.lagDrawn ?? [], { x: "when", y: "lagMonths", fill: "#c8102e", fillOpacity: 0.12 }),
        Plot.line(result?.lagDrawn ?? [], { x: "when", y: "lagMonths", stroke: "#c8102e" }),
        Plot.tip(
          result?.lagDrawn ?? [],
          Plot.pointerX({
            x: "when",
            y: "lagMonths",
            title: (p: { date: string; lagMonths: number }) =>
              `${formatDate(p.date, LANG)}: ${formatMonths(p.lagMonths, LANG)}`,
          }),
        ),
      ],
    }),
    [result],
  );

  const s = result?.gap.summary;
  const point = result?.gap.points.at(-1);
  const newest = result
    ? [...result.gap.frontiers.US, ...result.gap.frontiers.CN].reduce((m, x) => (x.date > m ? x.date : m), "")
    : "";
  const staleDays = newest ? Math.floor((Date.now() - Date.parse(`${newest}T00:00:00Z`)) / 86_400_000) : 0;
  const answer =
    s && result && s.latest !== null
      ? t(
          "On {to}, China's best model by {metric} ({cn}) matches what the US had reached by {reached} ({us}): China is {lag} behind. Over {from} to {to} the lag averaged {mean} (median {median}, range {min} to {max}).",
          {
            to: formatDate(result.gap.to, LANG),
            from: formatDate(result.gap.from, LANG),
            metric: METRIC_LABEL[metric],
            cn: point?.cn ? `${point.cn.model}, ${formatNumber(point.cn.value, { lang: LANG })}` : "—",
            reached: formatDate(point?.reachedBy?.date, LANG),
            us: point?.reachedBy?.model ?? "—",
            lag: formatMonths(s.latest, LANG),
            mean: formatMonths(s.mean, LANG),
            median: formatMonths(s.median, LANG),
            min: formatMonths(s.min, LANG),
            max: formatMonths(s.max, LANG),
          },
        )
      : null;
  const title = `${t("Frontier by bloc")} — ${METRIC_LABEL[metric]}${openOnly ? `, ${t("open weights")}` : ""}`;
  const settings = `metric=${metric} openWeights=${openOnly} dataset=${data.state === "ok" ? data.value.dataset : ""}`;
  return (
    <section>
      <h2>{t("How far behind is China? The observed gap")}</h2>
      <LinkIssues issues={issues} />
      {answer && (
        <p className="answer" data-testid="gap-summary">
          {answer}
        </p>
      )}
      {staleDays > 180 && (
        <p className="note" data-testid="gap-stale">
          {t(
            "The newest model in this dataset was released on {date}, {days} days ago; the gap after that date is not measured. Import a newer Epoch download with `chokepoint data import-epoch`.",
            {
              date: formatDate(newest, LANG),
              days: formatNumber(staleDays, { lang: LANG }),
            },
          )}
        </p>
      )}
      <fieldset className="controls plain" aria-label={t("Gap options")}>
        <label>
          {t("Metric")}
          <select value={metric} onChange={(e) => set(e.target.value as Metric, openOnly)} name="metric">
            {METRICS.map((m) => (
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
            onChange={(e) => set(metric, e.target.checked)}
            name="open-weights"
          />
          {t("Open-weight models only")}
        </label>
        <span className="muted" data-testid="dataset">
          {data.state === "ok" &&
            t("Dataset version {v} · {n} observations with this metric · {from} to {to}", {
              v: data.value.dataset,
              n: formatNumber(result?.count ?? 0, { lang: LANG }),
              from: formatDate(data.value.from, LANG),
              to: formatDate(data.value.to, LANG),
            })}
        </span>
      </fieldset>
      {data.state === "loading" && <p className="status">{t("Measuring…")}</p>}
      {data.state === "error" && (
        <p className="error">{t("Could not measure the gap: {m}", { m: data.message })}</p>
      )}
      {data.state === "ok" &&
        (data.value.frontiers.US.length === 0 || data.value.frontiers.CN.length === 0) && (
          <p className="note" data-testid="gap-empty">
            {t(
              "No {bloc} model in this dataset has a {metric} value{open}, so there is no gap to measure here.",
              {
                bloc: data.value.frontiers.US.length === 0 ? t("US") : t("Chinese"),
                metric: METRIC_LABEL[metric],
                open: openOnly ? t(" and open weights (Arena ratings do not record openness)") : "",
              },
            )}
          </p>
        )}
      <PlotFigure
        id={`gap-frontier-${metric}${openOnly ? "-open" : ""}`}
        title={title}
        summary={answer ?? ""}
        settings={settings}
        source={t(
          "Source: Epoch AI models data (CC BY 4.0), frontier = running maximum of released models; Chokepoint gap engine.",
        )}
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
        caption={t(
          "Running maximum of released models' values. Dots mark the model that set each step (hover for details).",
        )}
      />
      <PlotFigure
        id={`gap-lag-${metric}${openOnly ? "-open" : ""}`}
        title={t("Lag over time (months; negative = China ahead)")}
        summary={answer ?? ""}
        settings={settings}
        source={t(
          "Source: Epoch AI models data (CC BY 4.0), frontier = running maximum of released models; Chokepoint gap engine.",
        )}
        options={lagOptions}
        rows={() => (result?.lag ?? []).map((p) => ({ date: p.date, lag_months: p.lagMonths }))}
        version={`${metric}-${openOnly}`}
        caption={t(
          "Lag on day t = t − first day the US frontier reached China's frontier value on t (30.44-day months), weekly.",
        )}
      />
      <h3>{t("Models that set each step")}</h3>
      <DataTable
        id={`gap-steps-${metric}`}
        caption={title}
        rows={(result?.frontier ?? []).filter((s) => s.real).reverse()}
        columns={[
          { key: "bloc", label: t("Bloc"), value: (r) => (r.bloc === "US" ? t("US") : t("China")) },
          { key: "date", label: t("Release"), value: (r) => r.date },
          { key: "model", label: t("Model"), value: (r) => r.model },
          { key: "organization", label: t("Organization"), value: (r) => r.organization },
          { key: "value", label: METRIC_LABEL[metric], value: (r) => r.value, numeric: true },
        ]}
      />
      <p className="note">
        {t("Model data: Epoch AI, CC BY 4.0 (epoch.ai/data). Joint US–China models count for neither bloc.")}
      </p>
    </section>
  );
}
