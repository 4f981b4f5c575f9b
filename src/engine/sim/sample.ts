/**
 * Draws parameter columns for a scenario. Each parameter has its own PRNG stream (seed × name), so a draw's value
 * of one parameter does not depend on which other parameters exist; every piecewise segment of a parameter uses
 * the same uniform, so a draw that leaks a lot in 2023 also leaks a lot in 2027 (comonotone over time).
 */
import { sampleInto } from "./distributions.js";
import type { ParamColumns } from "./model.js";
import { PARAM_NAMES, PARAMS } from "./params.js";
import { paramRng, type Rng } from "./prng.js";
import type { Scenario } from "./scenario.js";

export interface Sampler {
  /** The next D draws of every parameter (continuing the streams, so chunks concatenate to one long run). */
  next(D: number): ParamColumns;
}

export function makeSampler(s: Scenario, seed: number): Sampler {
  const rngs = new Map<string, Rng>(PARAM_NAMES.map((n) => [n, paramRng(seed, n)]));
  return {
    next(D) {
      const cols = {} as ParamColumns;
      const u = new Float64Array(D);
      for (const name of PARAM_NAMES) {
        const rng = rngs.get(name)!;
        for (let i = 0; i < D; i++) u[i] = rng.next();
        cols[name] = columnsFromUniforms(s, name, u);
      }
      return cols;
    },
  };
}

/** Turns uniforms into one column per segment of a parameter, clamped to its domain. */
export function columnsFromUniforms(s: Scenario, name: keyof typeof PARAMS, u: Float64Array): Float64Array[] {
  const { min, max } = PARAMS[name];
  return s.params[name].segments.map((seg) => sampleInto(seg.dist, u, new Float64Array(u.length), min, max));
}
