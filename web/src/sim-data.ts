/** API readers for the Scenarios page: built-in scenarios with their simulator inputs, and backtest observations. */
import type { SimInputs } from "../../src/engine/sim/inputs.js";
import type { Scenario } from "../../src/engine/sim/scenario.js";
import { asList, getJson } from "./api.js";

export interface ScenarioInfo {
  name: string;
  description?: string;
}

export interface SimBases {
  list: ScenarioInfo[];
  bases: Record<string, { scenario: Scenario; inputs: SimInputs }>;
}

const cache = new Map<string, Promise<{ scenario: Scenario; inputs: SimInputs }>>();
let listCache: Promise<ScenarioInfo[]> | null = null;

/**
 * The built-in scenario list plus, for each wanted name, the validated scenario and the inputs the server's adapter
 * computed for it (legal-chip schedule from the rule engine and catalogue, observed US history). Fetched once each.
 */
export async function loadSimBases(names: readonly string[]): Promise<SimBases> {
  listCache ??= getJson("scenarios").then((b) => asList<ScenarioInfo>(b, "scenarios"));
  const list = await listCache.catch((e) => {
    listCache = null;
    throw e;
  });
  const known = new Set(list.map((s) => s.name));
  const bases: SimBases["bases"] = {};
  await Promise.all(
    names
      .filter((n) => known.has(n))
      .map(async (n) => {
        let p = cache.get(n);
        if (!p) {
          p = getJson<{ scenario: Scenario; inputs: SimInputs }>(`scenarios/${encodeURIComponent(n)}/inputs`);
          cache.set(n, p);
          p.catch(() => cache.delete(n));
        }
        bases[n] = await p;
      }),
  );
  return { list, bases };
}

export interface BacktestObservations {
  frontier: { bloc: "US" | "CN"; quarter: string; value: number }[];
  gap: { quarter: string; value: number }[];
}

const BACKTEST_QUARTERS = ((): string[] => {
  const out: string[] = [];
  for (let y = 2022; y <= 2026; y++) for (let q = 1; q <= 4; q++) if (y > 2022 || q >= 3) out.push(`${y}Q${q}`);
  return out;
})();

function quarterEndDate(q: string): string {
  const y = Number(q.slice(0, 4));
  const k = Number(q.slice(5));
  return new Date(Date.UTC(y, k * 3, 0)).toISOString().slice(0, 10);
}

interface GapPoints {
  to: string | null;
  points: { at: string; us: { value: number } | null; cn: { value: number } | null; lagMonths: number | null }[];
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
