/** API readers for the Scenarios page: built-in scenarios, the data the worker builds inputs from, observations. */
import type { Chip } from "../../src/engine/chips/types.js";
import { asList, getJson } from "./api.js";
import { loadChips } from "./rules-data.js";
import type { FrontierStep, SimFit } from "./worker/sim-inputs.js";

export interface ScenarioInfo {
  name: string;
  description?: string;
  error?: string;
}

export interface SimBases {
  list: ScenarioInfo[];
  /** Built-in scenarios as the API resolves them (extends applied), parsed again by the worker's engine. */
  raws: Record<string, Record<string, unknown>>;
  chips: Chip[];
  /** Observed US training-compute frontier, for the simulated gap's history before the start. */
  usFrontier: FrontierStep[];
  /** The ECI fit and Epoch's world output (GET /simulation/fit). */
  fit: SimFit;
}

const rawCache = new Map<string, Promise<Record<string, unknown>>>();
let shared: Promise<{ list: ScenarioInfo[]; chips: Chip[]; usFrontier: FrontierStep[]; fit: SimFit }> | null =
  null;

function memo<T>(p: Promise<T>, forget: () => void): Promise<T> {
  p.catch(forget);
  return p;
}

let listed: Promise<ScenarioInfo[]> | null = null;

/** The built-in scenarios the server can run (GET /scenarios, those without an error), fetched once per page load. */
export function loadScenarioList(): Promise<ScenarioInfo[]> {
  listed ??= memo(
    getJson("scenarios").then((b) => asList<ScenarioInfo>(b, "scenarios").filter((s) => !s.error)),
    () => {
      listed = null;
    },
  );
  return listed;
}

/** Everything the simulation worker needs for the wanted scenarios; each piece is fetched once per page load. */
export async function loadSimBases(names: readonly string[]): Promise<SimBases> {
  shared ??= memo(
    Promise.all([
      loadScenarioList(),
      loadChips(),
      // Only the frontier steps are read, and they do not depend on the window: a one-day window spares the
      // server the daily lag series (~5× less work and data) while the page is loading.
      getJson<{ frontiers: { US: FrontierStep[] } }>("gap", {
        metric: "compute",
        from: "2000-01-01",
        to: "2000-01-01",
      }).then((g) => g.frontiers.US),
      getJson<SimFit>("simulation/fit"),
    ]).then(([list, chips, usFrontier, fit]) => ({
      list,
      chips,
      usFrontier,
      fit: { eci: fit.eci, worldOutput: fit.worldOutput },
    })),
    () => {
      shared = null;
    },
  );
  const { list, chips, usFrontier, fit } = await shared;
  const known = new Set(list.map((s) => s.name));
  const raws: SimBases["raws"] = {};
  await Promise.all(
    names
      .filter((n) => known.has(n))
      .map(async (n) => {
        let p = rawCache.get(n);
        if (!p) {
          p = memo(
            getJson<{ scenario: Record<string, unknown> }>(`scenarios/${encodeURIComponent(n)}`).then(
              (b) => b.scenario,
            ),
            () => rawCache.delete(n),
          );
          rawCache.set(n, p);
        }
        raws[n] = await p;
      }),
  );
  return { list, raws, chips, usFrontier, fit };
}

export interface BacktestObservations {
  frontier: { bloc: "US" | "CN"; quarter: string; value: number }[];
  gap: { quarter: string; value: number }[];
}

const BACKTEST_QUARTERS = ((): string[] => {
  const out: string[] = [];
  for (let y = 2022; y <= 2026; y++)
    for (let q = 1; q <= 4; q++) if (y > 2022 || q >= 3) out.push(`${y}Q${q}`);
  return out;
})();

function quarterEndDate(q: string): string {
  const y = Number(q.slice(0, 4));
  const k = Number(q.slice(5));
  return new Date(Date.UTC(y, k * 3, 0)).toISOString().slice(0, 10);
}

interface GapPoints {
  to: string | null;
  points: {
    at: string;
    us: { value: number } | null;
    cn: { value: number } | null;
    lagMonths: number | null;
  }[];
}

/** Observed frontier training compute per bloc and the observed ECI gap at each quarter end since 2022Q3. */
export async function loadBacktestObservations(): Promise<BacktestObservations> {
  const at = BACKTEST_QUARTERS.map(quarterEndDate);
  const [compute, eci] = await Promise.all([
    getJson<GapPoints>("gap", { metric: "compute", at: at.join(",") }),
    getJson<GapPoints>("gap", { metric: "eci", at: at.join(",") }),
  ]);
  const frontier: BacktestObservations["frontier"] = [];
  const gap: BacktestObservations["gap"] = [];
  // Quarters after the dataset's last observation are left out: the frontier there is not observed yet.
  const last = (g: GapPoints) => g.to ?? "9999-12-31";
  compute.points.forEach((p, i) => {
    const q = BACKTEST_QUARTERS[i]!;
    if (p.at > last(compute)) return;
    if (p.us) frontier.push({ bloc: "US", quarter: q, value: p.us.value });
    if (p.cn) frontier.push({ bloc: "CN", quarter: q, value: p.cn.value });
  });
  eci.points.forEach((p, i) => {
    if (p.at > last(eci) || p.lagMonths === null) return;
    gap.push({ quarter: BACKTEST_QUARTERS[i]!, value: p.lagMonths });
  });
  return { frontier, gap };
}
