import type { Chip } from "../../../src/engine/chips/types.js";
import type { PosteriorParticles } from "../../../src/engine/sim/sample.js";
import type { Summary } from "../../../src/engine/sim/summary.js";
import type { Controls } from "./controls.js";
import type { FrontierStep, SimFit } from "./sim-inputs.js";

/** What the worker is given once: built-in scenarios (raw, extends resolved), the chip catalogue, the US frontier. */
export interface SimInit {
  raws: Record<string, Record<string, unknown>>;
  chips?: Chip[];
  usFrontier?: FrontierStep[];
  fit?: SimFit;
  /** A calibrated posterior (GET /posteriors/latest): runs that name its id draw their parameters from it. */
  posterior?: { id: string; particles: PosteriorParticles };
}

export interface SimRequest {
  runs: { name: string; controls: Controls }[];
  /** Draw the parameters from the loaded posterior with this id (common random numbers kept); null: the priors. */
  posteriorId?: string | null;
  draws: number;
  seed: number;
  /**
   * Variables to summarise per run (default: all). Summaries cost more than the model, so the page asks only for
   * what it draws.
   */
  variables?: string[];
  /**
   * Variables to hand over first: the worker posts a partial answer holding only these for the last run it has
   * to compute (every other run complete), then the whole answer. The page draws its headline chart from it.
   */
  early?: string[];
  /** Also compute the tornado (p10 → p90 of each parameter, others at median) of this output for the first run. */
  tornado?: { variable: string; quarter: string } | null;
}

export interface TornadoBar {
  param: string;
  low: number; // output with the parameter at its p10
  high: number; // … at its p90
  base: number; // every parameter at its median
  p10: number;
  p90: number;
}

export interface SimRunResult {
  name: string;
  /** The run's full settings (scenario, controls, draws, seed, variables): equal keys mean equal numbers. */
  key: string;
  quarters: string[];
  series: Record<string, Summary>;
  probabilities: Record<string, number>;
}

export interface SimResponse {
  runs: SimRunResult[];
  tornado: TornadoBar[] | null;
  /** Per-run compute time in the worker, ms. */
  runMs: number[];
  /** Draws per run of this answer. */
  draws: number;
  /** True for the worker's first answer, computed while its code was still being optimised (slow, not typical). */
  cold: boolean;
}
