import { RunScheduler } from "./scheduler.js";
import type { SimInit, SimRequest, SimResponse } from "./sim-types.js";

export type SimScheduler = RunScheduler<SimInit, SimRequest, SimResponse>;

let shared: SimScheduler | null = null;

/** The page-wide simulation worker (created on first use, kept across page switches so scenarios stay loaded). */
export function simScheduler(): SimScheduler {
  if (!shared) {
    const worker = new Worker(new URL("./sim.worker.ts", import.meta.url), {
      type: "module",
      name: "chokepoint-sim",
    });
    shared = new RunScheduler<SimInit, SimRequest, SimResponse>(worker);
  }
  return shared;
}
