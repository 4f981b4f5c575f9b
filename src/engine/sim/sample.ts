/**
 * Draws parameter columns for a scenario. Each parameter has its own PRNG stream (seed × name), so a draw's value
 * of one parameter does not depend on which other parameters exist; every piecewise segment of a parameter uses
 * the same uniform, so a draw that leaks a lot in 2023 also leaks a lot in 2027 (comonotone over time).
 *
 * The first CACHED draws of each stream (uniforms, and their standard-normal quantiles for lognormal parameters)
 * are kept for the most recent seed: they depend on nothing but the seed and the name, and a dashboard reruns the
 * same seed on every slider move. So is the last column built for each parameter segment, reused while its
 * distribution is unchanged. Values are the very doubles a fresh stream gives, so output is unchanged.
 */
import { normalQuantile, sampleInto, sampleLognormalZ } from "./distributions.js";
import type { ParamColumns } from "./model.js";
import { PARAM_NAMES, PARAMS } from "./params.js";
import { paramRng, type Rng } from "./prng.js";
import type { Scenario } from "./scenario.js";

export interface Sampler {
  /**
   * The next D draws of every parameter (continuing the streams, so chunks concatenate to one long run). The
   * columns may be shared with later calls for the same seed: treat them as read-only.
   */
  next(D: number): ParamColumns;
}

/** Draws per stream kept for the most recent seed (one run chunk). */
const CACHED = 10_000;

interface Stream {
  rng: Rng;
  u: Float64Array;
  filled: number;
  /** normalQuantile(u[i]) for i < zFilled. */
  z: Float64Array | null;
  zFilled: number;
  /** The last column built per segment: a slider move changes one parameter, so the others are reused. */
  cols: ({ key: string; pos: number; col: Float64Array } | undefined)[];
}

let cacheSeed = -1;
const cache = new Map<string, Stream>();

function stream(seed: number, name: string): Stream {
  if (seed !== cacheSeed) {
    cache.clear();
    cacheSeed = seed;
  }
  let s = cache.get(name);
  if (!s) {
    s = { rng: paramRng(seed, name), u: new Float64Array(CACHED), filled: 0, z: null, zFilled: 0, cols: [] };
    cache.set(name, s);
  }
  return s;
}

/** Uniforms [pos, pos + D) of the stream, pos + D ≤ CACHED, generating any not yet cached. */
function cachedUniforms(s: Stream, pos: number, D: number): Float64Array {
  const end = pos + D;
  for (let i = s.filled; i < end; i++) s.u[i] = s.rng.next();
  if (end > s.filled) s.filled = end;
  return s.u.subarray(pos, end);
}

function cachedNormals(s: Stream, pos: number, D: number): Float64Array {
  const end = pos + D;
  if (!s.z) s.z = new Float64Array(CACHED);
  for (let i = s.zFilled; i < end; i++) s.z[i] = normalQuantile(s.u[i]!);
  if (end > s.zFilled) s.zFilled = end;
  return s.z.subarray(pos, end);
}

export function makeSampler(s: Scenario, seed: number): Sampler {
  // Past the cached prefix each parameter continues on its own generator, advanced past the prefix once.
  const own = new Map<string, Rng>();
  let pos = 0;
  return {
    next(D) {
      const cols = {} as ParamColumns;
      const inCache = pos + D <= CACHED;
      const u = inCache ? null : new Float64Array(D);
      for (const name of PARAM_NAMES) {
        const { min, max } = PARAMS[name];
        const segs = s.params[name].segments;
        if (inCache) {
          const st = stream(seed, name);
          const uu = cachedUniforms(st, pos, D);
          const z = segs.some((g) => g.dist.dist === "lognormal") ? cachedNormals(st, pos, D) : null;
          cols[name] = segs.map((g, k) => {
            const key = JSON.stringify(g.dist);
            const hit = st.cols[k];
            if (hit && hit.key === key && hit.pos === pos && hit.col.length === D) return hit.col;
            const col =
              g.dist.dist === "lognormal" && z
                ? sampleLognormalZ(g.dist, z, new Float64Array(D), min, max)
                : sampleInto(g.dist, uu, new Float64Array(D), min, max);
            st.cols[k] = { key, pos, col };
            return col;
          });
        } else {
          let rng = own.get(name);
          if (!rng) {
            rng = paramRng(seed, name);
            for (let i = 0; i < pos; i++) rng.next();
            own.set(name, rng);
          }
          for (let i = 0; i < D; i++) u![i] = rng.next();
          cols[name] = columnsFromUniforms(s, name, u!);
        }
      }
      pos += D;
      return cols;
    },
  };
}

/** Turns uniforms into one column per segment of a parameter, clamped to its domain. */
export function columnsFromUniforms(s: Scenario, name: keyof typeof PARAMS, u: Float64Array): Float64Array[] {
  const { min, max } = PARAMS[name];
  return s.params[name].segments.map((seg) => sampleInto(seg.dist, u, new Float64Array(u.length), min, max));
}
