import type { SimInputs } from "../../../src/engine/sim/inputs.js";
import type { Scenario } from "../../../src/engine/sim/scenario.js";
import type { Summary } from "../../../src/engine/sim/summary.js";
import type { Controls } from "./controls.js";

/** What the worker keeps: each built-in scenario, validated, with the inputs its adapter computed. */
export interface SimInit {
  bases: Record<string, { scenario: Scenario; inputs: SimInputs }>;
}

export interface SimRequest {
  runs: { name: string; controls: Controls }[];
  draws: number;
  seed: number;
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
  quarters: string[];
  series: Record<string, Summary>;
  probabilities: Record<string, number>;
}

export interface SimResponse {
  runs: SimRunResult[];
  tornado: TornadoBar[] | null;
  /** Per-run compute time in the worker, ms. */
  runMs: number[];
}
