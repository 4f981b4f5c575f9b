import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { parseScenario, type Scenario } from "../../../src/engine/sim/scenario.js";
import { COLORS, US_COLOR } from "../charts/colors.js";
import { type FanSeries, fanCsv, fanPlot, fanRows } from "../charts/fan.js";
import { PlotFigure } from "../charts/plot-figure.js";
import {
  DEFAULT_STATE,
  DRAW_CHOICES,
  paramsFromState,
  type ScenarioState,
  stateFromParams,
} from "../scenario-state.js";
import { loadSimBases, type ScenarioInfo, type SimBases } from "../sim-data.js";
import { type Loaded, useLoad } from "../use-api.js";
import { eventKey, SLIDER_PARAMS } from "../worker/controls.js";
import type { RunOutcome } from "../worker/scheduler.js";
import { simScheduler } from "../worker/sim-client.js";
import type { SimRequest, SimResponse } from "../worker/sim-types.js";
import { Backtest } from "./scenario-backtest.js";
import { describeEvent, medianOf, Slider } from "./scenario-controls.js";
import { Probabilities, TORNADO_OUTPUT, Tornado } from "./scenario-tornado.js";

const CHANNELS: { key: string; label: string }[] = [
  { key: "legalH100e", label: "Legal imports" },
  { key: "stockpileH100e", label: "Stockpiling" },
  { key: "smugglingH100e", label: "Smuggling / diversion" },
  { key: "remoteH100e", label: "Remote access (cloud)" },
  { key: "domesticH100e", label: "Domestic production" },
];
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
  const state = useMemo(() => stateFromParams(params), [params]);
  const update = useCallback(
    (patch: Partial<ScenarioState>) => setParams(paramsFromState({ ...state, ...patch })),
    [state, setParams],
  );
  const wanted = useMemo(
    () => [...new Set([state.scenario, ...state.compare, "history"])],
    [state.scenario, state.compare],
  );
  const loaded = useLoad(() => loadSimBases(wanted), [wanted.join(",")]);
  // Keep showing the last loaded data while a newly compared scenario is fetched.
  const lastOk = useRef<SimBases | null>(null);
  if (loaded.state === "ok") lastOk.current = loaded.value;
  const bases: Loaded<SimBases> =
    loaded.state === "loading" && lastOk.current ? { state: "ok", value: lastOk.current } : loaded;
  // The latest answer (a preview, the early part of a full run, or a whole answer) and the latest whole one.
  const [outcome, setOutcome] = useState<RunOutcome<SimResponse> | null>(null);
  const [whole, setWhole] = useState<RunOutcome<SimResponse> | null>(null);
  const [early, setEarly] = useState<{ id: number; ms: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Worker milliseconds per draw of the last few full runs, for guessing whether the next one is slow enough to
  // preview. The worker's first answer is left out: it runs before V8 has optimised the code and says nothing
  // about the runs that follow.
  const perDraw = useRef<number[]>([]);
  // Shown from full runs only, so previews do not make the tornado and the backtest flicker.
  const [tornadoBars, setTornadoBars] = useState<SimResponse["tornado"]>(null);
  const [historyRun, setHistoryRun] = useState<{ run: SimResponse["runs"][number]; n: number } | null>(null);
  const loadedRef = useRef(new Set<string>());

  useEffect(() => {
    const s = simScheduler();
    const offR = s.onResult((o) => {
      setOutcome(o);
      setError(null);
      if (o.partial) {
        setEarly({ id: o.id, ms: o.latencyMs });
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
  const { request, preview } = useMemo(() => {
    const shown = [state.scenario, ...state.compare].map((name) => ({ name, controls: state.controls }));
    const full: SimRequest = {
      // The backtest view always shows `history` at its own settings; the worker caches that run.
      runs:
        state.scenario === "history" || state.compare.includes("history")
          ? shown
          : [...shown, { name: "history", controls: { mults: {}, off: [] } }],
      draws: state.draws,
      seed: state.seed,
      variables: SHOWN_VARIABLES,
      // The gap chart is drawn as soon as the gap is summarised; the other charts wait for the rest.
      early: ["gapMonths"],
      tornado: state.tornado ? TORNADO_OUTPUT : null,
    };
    // The preview answers only what the charts above show; the tornado and backtest wait for the full run.
    return {
      request: full,
      preview: { ...full, runs: shown, draws: PREVIEW_DRAWS, tornado: null, early: [] } as SimRequest,
    };
  }, [state]);
  const ready = bases.state === "ok" && request.runs.every((r) => r.name in bases.value.raws);
  useEffect(() => {
    if (!ready) return;
    // While full runs are slow (over PREVIEW_AFTER_MS on this machine), answer first with a 1,000-draw preview.
    const expected = perDraw.current.length ? Math.min(...perDraw.current) * request.draws : 0;
    const slow = expected > PREVIEW_AFTER_MS && request.draws > PREVIEW_DRAWS;
    simScheduler().request(request, slow ? preview : null);
    setBusy(true);
  }, [request, preview, ready]);

  const list: ScenarioInfo[] = bases.state === "ok" ? bases.value.list : [];
  const primary = usePrimary(bases.state === "ok" ? bases.value.raws[state.scenario] : undefined);
  const version = whole ? `${whole.id}${whole.preview ? "p" : ""}` : "0";
  const runs = outcome?.result.runs ?? [];

  const names = [state.scenario, ...state.compare];
  const namesKey = names.join(",");
  // The charts are built only when an answer arrives: a slider move re-renders the page at once (the URL holds
  // the state), and rebuilding them then would redraw every chart with the old numbers while the worker runs.
  // The gap chart follows every answer, including the early part of a full run (the worker hands the gap over
  // before summarising the rest); the frontier chart follows whole answers, and the five channel charts and the
  // table follow those in a deferred render, so the headline chart is not held back by the others.
  // biome-ignore lint/correctness/useExhaustiveDependencies: namesKey stands for names
  const gapChart = useMemo(() => {
    const { fan, version } = fansOf(outcome);
    const gapSeries = fan("gapMonths", names);
    return (
      <PlotFigure
        id="sim-gap"
        title="Gap in months (US ahead of China, effective compute) — median, 50% and 90% bands"
        options={(w) => fanPlot(gapSeries, { yLabel: "months", zeroLine: true, height: w < 500 ? 220 : 280 })}
        rows={() => fanCsv(fanRows(gapSeries))}
        version={version}
        versioned
      />
    );
  }, [outcome, namesKey]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: namesKey stands for names
  const frontierChart = useMemo(() => {
    const { fan, byName, version } = fansOf(whole);
    const primaryRun = byName(names[0]!);
    const frontierSeries: FanSeries[] = [
      ...fan("cnFrontierFlop", names).map((s) => ({ ...s, label: `China — ${s.label}` })),
      ...(primaryRun?.series.usFrontierFlop
        ? [
            {
              label: `US — ${names[0]}`,
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
        title="Frontier training compute (FLOP)"
        options={(w) => fanPlot(frontierSeries, { yLabel: "FLOP", log: true, height: w < 500 ? 220 : 280 })}
        rows={() => fanCsv(fanRows(frontierSeries))}
        version={version}
        versioned
      />
    );
  }, [whole, namesKey]);
  const laterOutcome = useDeferredValue(whole);
  // biome-ignore lint/correctness/useExhaustiveDependencies: namesKey stands for names
  const channelCharts = useMemo(() => {
    const { fan, runs, version } = fansOf(laterOutcome);
    return (
      <>
        <h3>China's compute inflows by channel (H100e per quarter)</h3>
        <div className="row">
          {CHANNELS.map((c) => {
            const s = fan(c.key, names);
            return (
              <div className="grow" key={c.key}>
                <PlotFigure
                  id={`sim-channel-${c.key}`}
                  title={c.label}
                  options={() => fanPlot(s, { yLabel: "H100e / quarter", height: 200 })}
                  rows={() => fanCsv(fanRows(s))}
                  version={version}
                  versioned
                />
              </div>
            );
          })}
        </div>
        <Probabilities runs={runs.filter((r) => names.includes(r.name))} />
      </>
    );
  }, [laterOutcome, namesKey]);
  // The backtest shows `history` at its own settings, which slider moves do not change: redrawn only when its
  // numbers do (the worker answers from its cache, but each answer is a fresh copy).
  const backtest = useMemo(
    () => <Backtest run={historyRun?.run ?? null} version={`h${historyRun?.n ?? 0}`} />,
    [historyRun],
  );

  return (
    <section>
      <h2>What do policy choices change? Live Monte Carlo</h2>
      {bases.state === "error" && <p className="error">Could not load scenarios: {bases.message}</p>}
      <fieldset className="panel" aria-label="Scenario controls">
        <div className="controls">
          <label>
            Scenario
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
            Draws
            <select
              name="draws"
              value={state.draws}
              onChange={(e) => update({ draws: Number(e.target.value) })}
            >
              {DRAW_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {d.toLocaleString("en-US")}
                </option>
              ))}
            </select>
          </label>
          <label>
            Seed
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
          <fieldset className="compare">
            <legend className="muted">Compare with (up to 2)</legend>
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
            Reset
          </button>
          <button
            type="button"
            className="action"
            onClick={() => void navigator.clipboard?.writeText(window.location.href)}
          >
            Copy link
          </button>
        </div>
        {list.find((s) => s.name === state.scenario)?.description && (
          <p className="note">{list.find((s) => s.name === state.scenario)?.description}</p>
        )}
        <div className="controls sliders">
          {SLIDER_PARAMS.map(({ name, label }) => (
            <Slider
              key={name}
              name={name}
              label={label}
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
              Events in {state.scenario} ({primary.scenario.events.length}; untick to switch off)
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
            `${whole.result.runs.length} run(s) × ${(whole.preview ? PREVIEW_DRAWS : state.draws).toLocaleString("en-US")} draws${whole.preview ? " (preview; full run follows)" : ""}, seed ${state.seed} — worker ${whole.workerMs.toFixed(0)} ms, request to result ${whole.latencyMs.toFixed(0)} ms${early && early.id === whole.id ? ` (gap chart after ${early.ms.toFixed(0)} ms)` : ""}`
          ) : ready ? (
            "Running…"
          ) : (
            "Loading scenarios…"
          )}
        </p>
      </fieldset>

      {runs.length > 0 && (
        <>
          {gapChart}
          {frontierChart}
          {channelCharts}
          <Tornado state={state} update={update} bars={tornadoBars} version={version} />
          {backtest}
        </>
      )}
    </section>
  );
}

/** Fan series of one answer's runs, by variable and scenario names, and the chart version of that answer. */
function fansOf(outcome: RunOutcome<SimResponse> | null) {
  const runs = outcome?.result.runs ?? [];
  const byName = (n: string) => runs.find((r) => r.name === n);
  const version = outcome ? `${outcome.id}${outcome.preview ? "p" : ""}` : "0";
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
