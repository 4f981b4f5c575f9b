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
import { normalQuantileInto, sampleInto, sampleLognormalZ } from "./distributions.js";
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
  /** The seed the cached prefix belongs to. */
  seed: number;
  rng: Rng;
  u: Float64Array;
  filled: number;
  /** normalQuantile(u[i]) for i < zFilled. */
  z: Float64Array | null;
  zFilled: number;
  /** The last column built per segment: a slider move changes one parameter, so the others are reused. */
  cols: ({ key: string; pos: number; col: Float64Array } | undefined)[];
}

/**
 * One entry per parameter name. A new seed restarts the entry's generator and forgets its prefix and columns, but
 * keeps the u and z buffers (never handed out: columns are always fresh arrays), so a new seed allocates nothing
 * but the columns it returns.
 */
const cache = new Map<string, Stream>();

function stream(seed: number, name: string): Stream {
  let s = cache.get(name);
  if (!s) {
    s = {
      seed,
      rng: paramRng(seed, name),
      u: new Float64Array(CACHED),
      filled: 0,
      z: null,
      zFilled: 0,
      cols: [],
    };
    cache.set(name, s);
  } else if (s.seed !== seed) {
    s.seed = seed;
    s.rng = paramRng(seed, name);
    s.filled = 0;
    s.zFilled = 0;
    s.cols = [];
  }
  return s;
}

/** Uniforms [pos, pos + D) of the stream, pos + D ≤ CACHED, generating any not yet cached. */
function cachedUniforms(s: Stream, pos: number, D: number): Float64Array {
  const end = pos + D;
  if (end > s.filled) {
    s.rng.fill(s.u, s.filled, end);
    s.filled = end;
  }
  return s.u.subarray(pos, end);
}

function cachedNormals(s: Stream, pos: number, D: number): Float64Array {
  const end = pos + D;
  if (!s.z) s.z = new Float64Array(CACHED);
  if (end > s.zFilled) {
    normalQuantileInto(s.u, s.z, s.zFilled, end);
    s.zFilled = end;
  }
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
            rng.skip(pos);
            own.set(name, rng);
          }
          rng.fill(u!);
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
