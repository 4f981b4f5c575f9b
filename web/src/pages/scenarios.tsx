import * as Plot from "@observablehq/plot";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { CHANNELS as CHANNEL_VARS } from "../../../src/engine/sim/model.js";
import { parseScenario, type Scenario } from "../../../src/engine/sim/scenario.js";
import { COLORS, US_COLOR } from "../charts/colors.js";
import { type FanSeries, fanCsv, fanPlot, fanRows, quarterDate } from "../charts/fan.js";
import { PlotFigure } from "../charts/plot-figure.js";
import { formatNumber } from "../../../src/engine/format/number.js";
import { LANG, t } from "../i18n.js";
import { LinkIssues } from "../link-issues.js";
import { gapAt, headline } from "../scenario-headline.js";
import {
  DEFAULT_STATE,
  DRAW_CHOICES,
  firstRunNames,
  knownScenarios,
  NO_CONTROLS,
  paramsFromState,
  type ScenarioState,
  scenarioLink,
  serverCanAnswer,
} from "../scenario-state.js";
import { peekServerFirst, serverFirstRuns } from "../sim-first.js";
import { paramLabel, paramUnit, variableLabel, variableUnit } from "../sim-labels.js";
import { loadSimBases, type ScenarioInfo, type SimBases } from "../sim-data.js";
import { type Loaded, useLoad } from "../use-api.js";
import { eventKey, SLIDER_PARAMS } from "../worker/controls.js";
import type { RunOutcome } from "../worker/scheduler.js";
import { simScheduler } from "../worker/sim-client.js";
import type { SimRequest, SimResponse } from "../worker/sim-types.js";
import { Backtest } from "./scenario-backtest.js";
import { type CalibratedInfo, CalibratedToggle } from "./scenario-calibrated.js";
import { RollingBacktest } from "./scenario-rolling.js";
import { describeEvent, medianOf, Slider } from "./scenario-controls.js";
import { Probabilities, TORNADO_OUTPUT, Tornado } from "./scenario-tornado.js";

/** China's five channels, as the engine lists them; labels from the engine's own VARIABLE_INFO. */
const CHANNELS: { key: string; label: string }[] = CHANNEL_VARS.map((key) => ({
  key,
  label: variableLabel(key, LANG),
}));
/** Okabe–Ito colours, one per channel, told apart with the common colour-vision deficiencies. */
const CHANNEL_COLORS = ["#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#009E73"];
/** Every variable the page draws (fan charts and the backtest); the worker summarises only these. */
const SHOWN_VARIABLES = ["gapMonths", "cnFrontierFlop", "usFrontierFlop", ...CHANNELS.map((c) => c.key)];
const PREVIEW_DRAWS = 1_000;
const PREVIEW_AFTER_MS = 150;

/** Timing of the last chart update, exposed on window for the browser benchmark and tests. */
declare global {
  interface Window {
    __chokepointSim?: {
      runs: number;
      lastLatencyMs: number;
      lastWorkerMs: number;
      /** runScenario time per run of the last full answer (the rest of lastWorkerMs is tornado and overhead). */
      lastRunMs: number[];
      history: number[];
      /** Request to the gap chart's early data, ms. */
      lastEarlyMs?: number;
    };
  }
}

/** Scenarios: live Monte Carlo fan charts computed in a Web Worker, driven by sliders and event toggles in the URL. */
export function ScenariosPage({
  params,
  setParams,
}: {
  params: URLSearchParams;
  setParams: (p: URLSearchParams) => void;
}) {
  const link = useMemo(() => scenarioLink(params), [params]);
  // The link's scenarios, the backtest's `history`, the no-controls reference and the default (the fallback for
  // a name the server does not know).
  const wanted = useMemo(
    () => [
      ...new Set([
        link.state.scenario,
        ...link.state.compare,
        "history",
        NO_CONTROLS,
        DEFAULT_STATE.scenario,
      ]),
    ],
    [link],
  );
  const loaded = useLoad(() => loadSimBases(wanted), [wanted.join(",")]);
  // Keep showing the last loaded data while a newly compared scenario is fetched.
  const lastOk = useRef<SimBases | null>(null);
  if (loaded.state === "ok") lastOk.current = loaded.value;
  const bases: Loaded<SimBases> =
    loaded.state === "loading" && lastOk.current ? { state: "ok", value: lastOk.current } : loaded;
  const checked = useMemo(
    () =>
      bases.state === "ok"
        ? knownScenarios(
            link.state,
            bases.value.list.map((x) => x.name),
          )
        : { state: link.state, issues: [] },
    [link, bases],
  );
  const state = checked.state;
  const issues = [...link.issues, ...checked.issues];
  const update = useCallback(
    (patch: Partial<ScenarioState>) => {
      const next = { ...state, ...patch };
      // A slider or event change is sent to the worker now, before the page re-renders from the link (that
      // render would otherwise delay the run by its own length); the effect below then finds it already sent.
      if (patch.controls) sendFor.current(next);
      setParams(paramsFromState(next));
    },
    [state, setParams],
  );
  // The latest answer (a preview, the early part of a full run, or a whole answer) and the latest whole one.
  const [outcome, setOutcome] = useState<RunOutcome<SimResponse> | null>(null);
  const [whole, setWhole] = useState<RunOutcome<SimResponse> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The "Calibrated" option: the posterior the worker holds (null: the scenarios' priors).
  const [calibrated, setCalibrated] = useState<CalibratedInfo | null>(null);
  // Worker milliseconds per draw of the last few full runs, for guessing whether the next one is slow enough to
  // preview. The worker's first answer is left out: it runs before V8 has optimised the code and says nothing
  // about the runs that follow.
  const perDraw = useRef<number[]>([]);
  // Shown from full runs only, so previews do not make the tornado and the backtest flicker.
  const [tornadoBars, setTornadoBars] = useState<SimResponse["tornado"]>(null);
  const [historyRun, setHistoryRun] = useState<{ run: SimResponse["runs"][number]; n: number } | null>(null);
  const loadedRef = useRef(new Set<string>());
  // The server's run of the page's first view (see sim-first.ts), shown until the worker's first answer; `key`
  // names the settings it answers, so it is never shown under other settings.
  const [serverFirst, setServerFirst] = useState<{ key: string; outcome: RunOutcome<SimResponse> } | null>(
    () => {
      // Already here when the entry script waited for it (main.tsx): drawn in the page's first render.
      const s = link.state;
      const runs = serverCanAnswer(s) ? peekServerFirst(firstRunNames(s, false), s.draws, s.seed) : undefined;
      return runs ? serverOutcome(runs, s, 0) : null;
    },
  );
  const firstAsked = useRef(serverFirst !== null);

  useEffect(() => {
    const s = simScheduler();
    const offR = s.onResult((o) => {
      setOutcome(o);
      setError(null);
      if (o.partial) {
        // The gap chart's early hand-over, for the browser benchmark.
        (window.__chokepointSim ??= {
          runs: 0,
          lastLatencyMs: 0,
          lastWorkerMs: 0,
          lastRunMs: [],
          history: [],
        }).lastEarlyMs = o.latencyMs;
        return;
      }
      setWhole(o);
      setBusy(s.busy);
      if (o.preview) return;
      if (!o.result.cold && o.result.draws > 0)
        perDraw.current = [...perDraw.current.slice(-2), o.workerMs / o.result.draws];
      setTornadoBars(o.result.tornado);
      const h = o.result.runs.find((r) => r.name === "history");
      if (h)
        setHistoryRun((prev) => (prev && prev.run.key === h.key ? prev : { run: h, n: (prev?.n ?? 0) + 1 }));
      const w = (window.__chokepointSim ??= {
        runs: 0,
        lastLatencyMs: 0,
        lastWorkerMs: 0,
        lastRunMs: [],
        history: [],
      });
      w.lastRunMs = o.result.runMs;
      w.runs++;
      w.lastLatencyMs = o.latencyMs;
      w.lastWorkerMs = o.workerMs;
      w.history.push(o.latencyMs);
    });
    const offE = s.onError((m) => {
      setError(m);
      setBusy(s.busy);
    });
    return () => {
      offR();
      offE();
    };
  }, []);

  // Hand newly fetched scenarios to the worker once; then every state change is one coalesced run request.
  useEffect(() => {
    if (bases.state !== "ok") return;
    const first = loadedRef.current.size === 0;
    const fresh = Object.fromEntries(
      Object.entries(bases.value.raws).filter(([k]) => !loadedRef.current.has(k)),
    );
    if (Object.keys(fresh).length || first) {
      simScheduler().init(
        first
          ? {
              raws: fresh,
              chips: bases.value.chips,
              usFrontier: bases.value.usFrontier,
              fit: bases.value.fit,
            }
          : { raws: fresh },
      );
      for (const k of Object.keys(fresh)) loadedRef.current.add(k);
    }
  }, [bases]);
  const hasNoControls = bases.state === "ok" && bases.value.list.some((x) => x.name === NO_CONTROLS);
  const { request, preview } = useMemo(
    () => buildRequest(state, hasNoControls, calibrated?.id ?? null),
    [state, hasNoControls, calibrated],
  );
  const ready = bases.state === "ok" && request.runs.every((r) => r.name in bases.value.raws);
  // The last request sent to the worker, so the same request (the effect after a slider's early send) is not
  // sent twice.
  const sent = useRef<string | null>(null);
  const send = useCallback((req: SimRequest, prev: SimRequest) => {
    const key = JSON.stringify(req);
    if (sent.current === key) return;
    sent.current = key;
    // While full runs are slow (over PREVIEW_AFTER_MS on this machine), answer first with a 1,000-draw preview.
    const expected = perDraw.current.length ? Math.min(...perDraw.current) * req.draws : 0;
    const slow = expected > PREVIEW_AFTER_MS && req.draws > PREVIEW_DRAWS;
    simScheduler().request(req, slow ? prev : null);
    setBusy(true);
  }, []);
  const readyRef = useRef(false);
  readyRef.current = ready;
  const sendFor = useRef<(s: ScenarioState) => void>(() => undefined);
  sendFor.current = (s) => {
    const next = buildRequest(s, hasNoControls, calibrated?.id ?? null);
    if (readyRef.current) send(next.request, next.preview);
  };
  const firstKey = JSON.stringify([firstRunNames(state, false), state.draws, state.seed]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked once, for the settings the page opened with
  useEffect(() => {
    if (firstAsked.current) return;
    firstAsked.current = true;
    if (!serverCanAnswer(state) || calibrated) return;
    const t0 = performance.now();
    // Failures are left to the worker's answer, which follows anyway (an unknown name is reported by the page).
    serverFirstRuns(firstRunNames(state, false), state.draws, state.seed).then(
      (runs) => setServerFirst(serverOutcome(runs, state, performance.now() - t0)),
      () => undefined,
    );
  }, []);
  // Until the worker has answered, and only for the settings it was asked with.
  const first = !outcome && !calibrated && serverFirst?.key === firstKey ? serverFirst.outcome : null;
  useEffect(() => {
    if (ready) send(request, preview);
  }, [request, preview, ready, send]);

  const list: ScenarioInfo[] = bases.state === "ok" ? bases.value.list : [];
  const primary = usePrimary(bases.state === "ok" ? bases.value.raws[state.scenario] : undefined);
  const version = whole ? `${whole.id}${whole.preview ? "p" : ""}` : "0";
  const runs = (outcome ?? first)?.result.runs ?? [];

  const names = [state.scenario, ...state.compare];
  const namesKey = names.join(",");
  const settingsText = `scenario=${state.scenario}${state.compare.length ? ` compare=${state.compare.join(",")}` : ""} draws=${state.draws} seed=${state.seed}${
    Object.entries(state.controls.mults)
      .filter(([, m]) => m !== 1)
      .map(([k, m]) => ` ${k}×${m}`)
      .join("") + (state.controls.off.length ? ` off=${state.controls.off.join(",")}` : "")
  }`;
  // The answer in words, from the whole answer's summaries (the very numbers the gap chart draws).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the answer follows whole answers only
  const answer = useMemo(() => {
    const from = whole ?? first;
    if (!from) return null;
    const all = from.result.runs;
    const now = gapAt(all[0]);
    if (!now || all[0]?.name !== state.scenario) return null;
    const ref = all.slice(names.length).find((r) => r.name === state.scenario);
    const nc = state.scenario === NO_CONTROLS ? null : all.find((r) => r.name === NO_CONTROLS);
    return headline(
      {
        scenario: state.scenario,
        now,
        unmodified: ref && ref.key !== all[0]!.key ? gapAt(ref) : null,
        noControls: nc ? gapAt(nc) : null,
      },
      LANG,
    );
  }, [whole, first]);
  const answerRef = useRef<string | null>(null);
  answerRef.current = answer;
  // The charts are built only when an answer arrives: a slider move re-renders the page at once (the URL holds
  // the state), and rebuilding them then would redraw every chart with the old numbers while the worker runs.
  // The gap chart follows every answer, including the early part of a full run (the worker hands the gap over
  // before summarising the rest); the frontier and channel charts follow whole answers and are drawn together in
  // one task (group "sim-whole"), so a whole answer costs one style, layout and paint rather than one per chart.
  // biome-ignore lint/correctness/useExhaustiveDependencies: namesKey stands for names
  const gapChart = useMemo(() => {
    const { fan, version, runs } = fansOf(outcome ?? first);
    const gapSeries = fan("gapMonths", names);
    // The scenario without the page's changes, when they change anything: a dashed reference median.
    const ref = runs.slice(names.length).find((r) => r.name === names[0] && r.series.gapMonths);
    const baseline =
      ref && ref.key !== runs[0]?.key
        ? {
            label: t("{s} without your changes", { s: names[0]! }),
            color: "#555",
            quarters: ref.quarters,
            bands: ref.series.gapMonths!,
          }
        : null;
    return (
      <PlotFigure
        id="sim-gap"
        title={t("Gap in months (China behind the US in capability) — median, 50% and 90% bands")}
        summary={answerRef.current ?? ""}
        settings={settingsText}
        source={t(
          "Source: Chokepoint simulator v2 (seeded Monte Carlo), scenario files in data/scenarios/; Epoch AI data (CC BY 4.0).",
        )}
        options={(w) =>
          fanPlot(gapSeries, {
            yLabel: t("months"),
            zeroLine: true,
            height: w < 500 ? 220 : 280,
            baseline,
          })
        }
        rows={() => fanCsv(fanRows(gapSeries))}
        version={version}
        versioned
      />
    );
  }, [outcome, first, namesKey]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: namesKey stands for names
  const frontierChart = useMemo(() => {
    const { fan, byName, version } = fansOf(whole);
    const primaryRun = byName(names[0]!);
    const frontierSeries: FanSeries[] = [
      ...fan("cnFrontierFlop", names).map((s) => ({ ...s, label: `${t("China")} — ${s.label}` })),
      ...(primaryRun?.series.usFrontierFlop
        ? [
            {
              label: `${t("US")} — ${names[0]}`,
              color: US_COLOR,
              quarters: primaryRun.quarters,
              bands: primaryRun.series.usFrontierFlop,
            },
          ]
        : []),
    ];
    return (
      <PlotFigure
        id="sim-frontier"
        title={t("Largest training run (FLOP), log scale")}
        settings={settingsText}
        source={t(
          "Source: Chokepoint simulator v2 (seeded Monte Carlo), scenario files in data/scenarios/; Epoch AI data (CC BY 4.0).",
        )}
        options={(w) => fanPlot(frontierSeries, { yLabel: "FLOP", log: true, height: w < 500 ? 220 : 280 })}
        rows={() => fanCsv(fanRows(frontierSeries))}
        version={version}
        versioned
        group="sim-whole"
      />
    );
  }, [whole, namesKey]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: namesKey stands for names
  const channelCharts = useMemo(() => {
    const { byName, runs, version } = fansOf(whole);
    const run = byName(names[0]!);
    // The primary scenario's channels: medians on a log scale (each channel visible from 2022, whatever its size)
    // with their 50% bands, and each channel's share of the median total, stacked.
    const rows: { channel: string; t: Date; quarter: string; p25: number; p50: number; p75: number }[] = [];
    const shares: { channel: string; t: Date; quarter: string; share: number }[] = [];
    if (run) {
      run.quarters.forEach((q, i) => {
        // Shares are of inflows only: rented remote capacity is a level available that quarter, not new compute.
        let total = 0;
        for (const c of CHANNELS)
          if (c.key !== "remoteH100e") total += Math.max(0, run.series[c.key]?.p50[i] ?? 0);
        for (const c of CHANNELS) {
          const b = run.series[c.key];
          if (!b) continue;
          const when = quarterDate(q);
          if (b.p50[i]! > 0)
            rows.push({
              channel: c.label,
              t: when,
              quarter: q,
              p25: b.p25[i]!,
              p50: b.p50[i]!,
              p75: b.p75[i]!,
            });
          if (total > 0 && c.key !== "remoteH100e")
            shares.push({ channel: c.label, t: when, quarter: q, share: Math.max(0, b.p50[i]!) / total });
        }
      });
    }
    const domain = CHANNELS.map((c) => c.label);
    const color = { domain, range: CHANNEL_COLORS, legend: true };
    const unit = variableUnit("legalH100e", LANG);
    return (
      <>
        <h3>{t("China's compute by channel, {scenario}", { scenario: names[0]! })}</h3>
        <div className="row">
          <div className="grow">
            <PlotFigure
              id="sim-channels-log"
              title={t("Each channel's median ({unit}), log scale, with its 50% band", { unit })}
              settings={settingsText}
              options={(w) => ({
                height: w < 500 ? 240 : 280,
                marginLeft: 64,
                color,
                x: { type: "utc", label: null, grid: true },
                y: {
                  type: "log",
                  label: unit,
                  grid: true,
                  tickFormat: (v: number) => formatNumber(v, { lang: LANG }),
                },
                marks: [
                  Plot.areaY(rows, {
                    x: "t",
                    y1: (r: (typeof rows)[number]) => Math.max(r.p25, r.p50 / 100),
                    y2: "p75",
                    z: "channel",
                    fill: "channel",
                    fillOpacity: 0.12,
                  }),
                  Plot.line(rows, { x: "t", y: "p50", z: "channel", stroke: "channel", strokeWidth: 2 }),
                  Plot.tip(
                    rows,
                    Plot.pointer({
                      x: "t",
                      y: "p50",
                      title: (r: (typeof rows)[number]) =>
                        `${r.channel} ${r.quarter}\n${t("median")} ${formatNumber(r.p50, { lang: LANG })}`,
                    }),
                  ),
                ],
              })}
              rows={() =>
                rows.map(({ channel, quarter, p25, p50, p75 }) => ({ channel, quarter, p25, p50, p75 }))
              }
              version={version}
              versioned
              group="sim-whole"
            />
          </div>
          <div className="grow">
            <PlotFigure
              id="sim-channels-share"
              title={t(
                "Share of each inflow channel in China's median new compute (rented capacity is not an inflow and is left out)",
              )}
              settings={settingsText}
              options={(w) => ({
                height: w < 500 ? 240 : 280,
                marginLeft: 48,
                color,
                x: { type: "utc", label: null, grid: true },
                y: { label: t("share"), percent: true, grid: true, domain: [0, 100] },
                marks: [
                  Plot.areaY(
                    shares,
                    Plot.stackY({ x: "t", y: "share", z: "channel", fill: "channel", order: domain }),
                  ),
                ],
              })}
              rows={() => shares.map(({ channel, quarter, share }) => ({ channel, quarter, share }))}
              version={version}
              versioned
              group="sim-whole"
            />
          </div>
        </div>
        <Probabilities runs={runs.filter((r, i) => i < names.length && names.includes(r.name))} />
      </>
    );
  }, [whole, namesKey]);
  // The backtest shows `history` at its own settings, which slider moves do not change: redrawn only when its
  // numbers do (the worker answers from its cache, but each answer is a fresh copy).
  const backtest = useMemo(
    () => <Backtest run={historyRun?.run ?? null} version={`h${historyRun?.n ?? 0}`} />,
    [historyRun],
  );

  return (
    <section className="scenarios">
      <h2>{t("What do policy choices change? Live Monte Carlo")}</h2>
      <LinkIssues issues={issues} />
      <p className="answer" data-testid="sim-answer" aria-live="polite">
        {answer ?? (bases.state === "error" ? "" : t("Running the scenario…"))}
      </p>
      {bases.state === "error" && (
        <p className="error">{t("Could not load scenarios: {m}", { m: bases.message })}</p>
      )}
      <fieldset className="panel" aria-label={t("Scenario controls")}>
        <div className="controls">
          <label>
            {t("Scenario")}
            <select
              name="scenario"
              value={state.scenario}
              onChange={(e) =>
                update({
                  scenario: e.target.value,
                  compare: state.compare.filter((c) => c !== e.target.value),
                  controls: { ...state.controls, off: [] },
                })
              }
            >
              {list.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("Draws")}
            <select
              name="draws"
              value={state.draws}
              onChange={(e) => update({ draws: Number(e.target.value) })}
            >
              {DRAW_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {formatNumber(d, { lang: LANG })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("Seed")}
            <input
              type="number"
              name="seed"
              min={0}
              max={4294967295}
              step={1}
              value={state.seed}
              onChange={(e) => update({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
            />
          </label>
          <CalibratedToggle
            value={calibrated}
            onChange={(next) => {
              if (next)
                simScheduler().init({ raws: {}, posterior: { id: next.info.id, particles: next.particles } });
              setCalibrated(next?.info ?? null);
            }}
          />
          <fieldset className="compare">
            <legend className="muted">{t("Compare with (up to 2)")}</legend>
            {list
              .filter((s) => s.name !== state.scenario)
              .map((s) => (
                <label key={s.name} className="inline">
                  <input
                    type="checkbox"
                    name={`compare-${s.name}`}
                    checked={state.compare.includes(s.name)}
                    disabled={!state.compare.includes(s.name) && state.compare.length >= 2}
                    onChange={(e) =>
                      update({
                        compare: e.target.checked
                          ? [...state.compare, s.name]
                          : state.compare.filter((c) => c !== s.name),
                      })
                    }
                  />
                  {s.name}
                </label>
              ))}
          </fieldset>
          <button
            type="button"
            className="action"
            onClick={() => update({ ...DEFAULT_STATE, scenario: state.scenario })}
          >
            {t("Reset")}
          </button>
          <button
            type="button"
            className="action"
            onClick={() => void navigator.clipboard?.writeText(window.location.href)}
          >
            {t("Copy link")}
          </button>
          <a
            className="action"
            data-testid="brief-link"
            href={`api/v1/brief?${new URLSearchParams({
              scenario: state.scenario,
              seed: String(state.seed),
              draws: String(Math.min(state.draws, 20_000)),
              lang: LANG,
            }).toString()}`}
            target="_blank"
            rel="noopener"
            title={t("A one-page printable brief of this scenario as defined (without the sliders' changes)")}
          >
            {t("Brief (printable)")}
          </a>
        </div>
        {list.find((s) => s.name === state.scenario)?.description && (
          <p className="note">{list.find((s) => s.name === state.scenario)?.description}</p>
        )}
        <div className="controls sliders">
          {SLIDER_PARAMS.map(({ name }) => (
            <Slider
              key={name}
              name={name}
              label={paramLabel(name, LANG)}
              unit={paramUnit(name, LANG)}
              mult={state.controls.mults[name] ?? 1}
              median={primary ? medianOf(primary.scenario.params[name]?.segments[0]?.dist) : null}
              onChange={(m) =>
                update({ controls: { ...state.controls, mults: { ...state.controls.mults, [name]: m } } })
              }
            />
          ))}
        </div>
        {primary && primary.scenario.events.length > 0 && (
          <details>
            <summary>
              {t("Events in {s} ({n}; untick to switch off)", {
                s: state.scenario,
                n: primary.scenario.events.length,
              })}
            </summary>
            <div className="controls events">
              {primary.scenario.events.map((ev, i) => {
                const key = eventKey(ev, i);
                const on = !state.controls.off.includes(key);
                return (
                  <label key={key} className="inline" title={ev.citation}>
                    <input
                      type="checkbox"
                      name={`event-${key}`}
                      checked={on}
                      onChange={() =>
                        update({
                          controls: {
                            ...state.controls,
                            off: on
                              ? [...state.controls.off, key]
                              : state.controls.off.filter((k) => k !== key),
                          },
                        })
                      }
                    />
                    {describeEvent(ev)}
                  </label>
                );
              })}
            </div>
          </details>
        )}
        <p
          className="status"
          data-testid="sim-status"
          data-busy={busy || !whole ? "true" : "false"}
          aria-live="polite"
        >
          {error ? (
            <span className="error">{error}</span>
          ) : whole ? (
            t(
              whole.preview
                ? "{n} draws per scenario, seed {seed} — a quick preview; the full {full} draws follow."
                : "{n} draws per scenario, seed {seed} (the CLI's default: chokepoint simulate gives the same numbers).",
              {
                n: formatNumber(whole.preview ? PREVIEW_DRAWS : state.draws, { lang: LANG }),
                full: formatNumber(state.draws, { lang: LANG }),
                seed: state.seed,
              },
            )
          ) : first ? (
            t(
              "{n} draws per scenario, seed {seed}: the headline and gap chart as the server computed them (the same numbers); the page's own simulator is starting, then the other charts and the sliders follow.",
              { n: formatNumber(state.draws, { lang: LANG }), seed: state.seed },
            )
          ) : ready ? (
            t("Running…")
          ) : (
            t("Loading scenarios…")
          )}
        </p>
      </fieldset>

      {runs.length > 0 && gapChart}
      {/* The rest waits for the worker's first whole answer (the server's first answer and the worker's early
          hand-over hold only the gap), so the first render does not build charts that have nothing to draw. */}
      {whole && (
        <>
          {frontierChart}
          {channelCharts}
          <Tornado state={state} update={update} bars={tornadoBars} version={version} />
          {backtest}
          <RollingBacktest />
        </>
      )}
    </section>
  );
}

/**
 * The worker request for a page state: the shown runs, then the references the headline and charts compare against
 * (the first stays first: the tornado is of it), each at its own settings and so cached by the worker across slider
 * moves — the backtest's `history`, the scenario without the page's changes, and the scenario without export
 * controls — and the 1,000-draw preview of the shown runs. Controls are normalised (×1 dropped, events sorted) as
 * the link would give them, so a state and its link ask for the same runs.
 */
function buildRequest(
  state: ScenarioState,
  hasNoControls: boolean,
  posteriorId: string | null,
): { request: SimRequest; preview: SimRequest } {
  const controls = {
    mults: Object.fromEntries(
      Object.entries(state.controls.mults).filter(([, m]) => m !== undefined && m !== 1),
    ),
    off: [...state.controls.off].sort(),
  };
  const shown = [state.scenario, ...state.compare].map((name) => ({ name, controls }));
  const none = { mults: {}, off: [] };
  const changed = Object.keys(controls.mults).length > 0 || controls.off.length > 0;
  const extras = [
    ...(state.scenario === "history" || state.compare.includes("history")
      ? []
      : [{ name: "history", controls: none }]),
    ...(changed ? [{ name: state.scenario, controls: none }] : []),
    ...(!hasNoControls || state.scenario === NO_CONTROLS || state.compare.includes(NO_CONTROLS)
      ? []
      : [{ name: NO_CONTROLS, controls: none }]),
  ];
  const full: SimRequest = {
    runs: [...shown, ...extras],
    draws: state.draws,
    seed: state.seed,
    variables: SHOWN_VARIABLES,
    // The gap chart is drawn as soon as the gap is summarised; the other charts wait for the rest.
    early: ["gapMonths"],
    tornado: state.tornado ? TORNADO_OUTPUT : null,
    posteriorId,
  };
  // The preview answers only what the charts above show; the tornado and backtest wait for the full run.
  return {
    request: full,
    preview: { ...full, runs: shown, draws: PREVIEW_DRAWS, tornado: null, early: [] },
  };
}

/** The server's first runs (sim-first.ts) as an answer of id 0, keyed by the settings they answer. */
function serverOutcome(runs: SimResponse["runs"], s: ScenarioState, latencyMs: number) {
  return {
    key: JSON.stringify([firstRunNames(s, false), s.draws, s.seed]),
    outcome: {
      id: 0,
      result: { runs, tornado: null, runMs: [], draws: s.draws, cold: false },
      preview: false,
      partial: true,
      workerMs: 0,
      latencyMs,
    } satisfies RunOutcome<SimResponse>,
  };
}

/** Fan series of one answer's runs, by variable and scenario names, and the chart version of that answer. */
function fansOf(outcome: RunOutcome<SimResponse> | null) {
  const runs = outcome?.result.runs ?? [];
  const byName = (n: string) => runs.find((r) => r.name === n);
  // Id 0 is the server's first answer (sim-first.ts).
  const version = outcome ? (outcome.id === 0 ? "s" : `${outcome.id}${outcome.preview ? "p" : ""}`) : "0";
  const fan = (variable: string, names: string[]): FanSeries[] =>
    names.flatMap((n, i) => {
      const r = byName(n);
      const b = r?.series[variable];
      return r && b
        ? [
            {
              label: names.length > 1 ? n : `${n}`,
              color: COLORS[i % COLORS.length]!,
              quarters: r.quarters,
              bands: b,
            },
          ]
        : [];
    });
  return { runs, byName, version, fan };
}

/** The primary scenario parsed on the page too (cheap), for slider medians and the event list. */
function usePrimary(raw: Record<string, unknown> | undefined): { scenario: Scenario } | undefined {
  return useMemo(() => {
    if (!raw) return undefined;
    const r = parseScenario(raw);
    return r.ok ? { scenario: r.value } : undefined;
  }, [raw]);
}
