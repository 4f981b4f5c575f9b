/**
 * The Scenarios page's first answer, asked of the server while the page's own simulator (a Web Worker) starts.
 *
 * A fresh worker needs about a second before its first answer (its 240 KB script, then runs while V8 is still
 * optimising the model), while the server has the same engine warm. POST /simulate with the page's scenarios,
 * draws and seed, summarising only the gap, gives the very numbers the worker will give (same runScenario, same
 * seed, same data), so the headline and the gap chart can be drawn from it; the worker's answer replaces it.
 * Only for runs the server can reproduce: built-in scenarios without slider changes, switched-off events or a
 * calibrated posterior.
 */
import { postJson } from "./api.js";
import { loadScenarioList } from "./sim-data.js";
import type { Summary } from "../../src/engine/sim/summary.js";
import type { SimRunResult } from "./worker/sim-types.js";

/** The variables the first answer needs: the headline and the gap chart read only the gap. */
export const FIRST_VARIABLES = ["gapMonths"] as const;

interface SimulateReply {
  result: {
    scenario: string;
    quarters: string[];
    series: Record<string, Summary>;
    probabilities: Record<string, number>;
  };
}

const asked = new Map<string, Promise<SimRunResult[]>>();
const answered = new Map<string, SimRunResult[]>();

const keyOf = (names: readonly string[], draws: number, seed: number) => JSON.stringify([names, draws, seed]);

/** The server's runs for these settings if they have already arrived (so the page's first render can draw them). */
export function peekServerFirst(
  names: readonly string[],
  draws: number,
  seed: number,
): SimRunResult[] | undefined {
  return answered.get(keyOf(names, draws, seed));
}

/**
 * The server's runs of `names` (in that order) at `draws` and `seed`, gap only. Memoised per settings, so the
 * entry script can ask before the page's code has arrived and the page takes the same promise.
 */
export function serverFirstRuns(
  names: readonly string[],
  draws: number,
  seed: number,
): Promise<SimRunResult[]> {
  const key = keyOf(names, draws, seed);
  let p = asked.get(key);
  if (!p) {
    // Only names the server lists: a link's unknown name is the page's to report, not a failed request.
    p = loadScenarioList().then((list) => {
      const known = new Set(list.map((s) => s.name));
      const unknown = names.filter((n) => !known.has(n));
      if (unknown.length) throw new Error(`not built-in scenarios: ${unknown.join(", ")}`);
      return Promise.all(
        names.map((name) =>
          postJson<SimulateReply>("simulate", {
            scenario: name,
            draws,
            seed,
            variables: FIRST_VARIABLES,
          }).then(
            (r): SimRunResult => ({
              name,
              key: `server:${key}:${name}`,
              quarters: r.result.quarters,
              series: r.result.series,
              probabilities: r.result.probabilities,
            }),
          ),
        ),
      );
    });
    p.then(
      (runs) => answered.set(key, runs),
      () => asked.delete(key),
    );
    asked.set(key, p);
  }
  return p;
}
