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
import type { Dist } from "./distributions.js";
import { paramRng, type Rng } from "./prng.js";
import type { Scenario } from "./scenario.js";

/**
 * An equally weighted posterior sample (from `chokepoint calibrate`): `size` particles, and per parameter the
 * segments it was calibrated with, each with the particle values. Particle k of every parameter belongs to the
 * same prior draw, so reading one index across parameters keeps their joint distribution.
 */
export interface PosteriorParticles {
  size: number;
  params: Record<string, { from: number; dist: Dist; values: ArrayLike<number> }[]>;
}

/** Name of the stream that picks particle indices (not a parameter name, so it never collides with one). */
export const POSTERIOR_STREAM = "posterior:particle";

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

/**
 * The uncertain parameters of a scenario a posterior lacks (names only; a fixed value needs no posterior). A scenario segment that differs from the
 * posterior's (another `from` or distribution) is a deliberate scenario choice, drawn from the scenario; a whole
 * parameter missing means the posterior was made for another model or scenario family.
 */
export function uncoveredParams(s: Scenario, posterior: PosteriorParticles): string[] {
  return Object.entries(s.params)
    .filter(([name, def]) => !posterior.params[name] && def.segments.some((g) => g.dist.dist !== "point"))
    .map(([name]) => name);
}

/**
 * With a posterior, each draw d takes particle i(d) = ⌊u_d · size⌋ from one stream seeded by (seed,
 * POSTERIOR_STREAM) shared by all parameters: every segment the posterior covers (same `from`, same distribution)
 * takes that particle's value, so the joint posterior is kept, and the same seed gives the same particles in every
 * scenario (common random numbers). Other segments are drawn from the scenario as without a posterior.
 */
export function makeSampler(s: Scenario, seed: number, posterior?: PosteriorParticles): Sampler {
  const prior = makePriorSampler(s, seed);
  if (!posterior) return prior;
  const pick = paramRng(seed, POSTERIOR_STREAM);
  let buf = new Float64Array(0);
  // Per parameter and scenario segment: the posterior's values for it, or null (drawn from the scenario).
  const matched = new Map<string, (ArrayLike<number> | null)[]>();
  for (const [name, def] of Object.entries(s.params)) {
    const post = posterior.params[name];
    matched.set(
      name,
      def.segments.map((g) => {
        const hit = post?.find((p) => p.from === g.from && JSON.stringify(p.dist) === JSON.stringify(g.dist));
        return hit ? hit.values : null;
      }),
    );
  }
  return {
    next(D) {
      const cols = { ...prior.next(D) };
      if (buf.length !== D) buf = new Float64Array(D);
      pick.fill(buf);
      const idx = new Int32Array(D);
      for (let d = 0; d < D; d++) idx[d] = Math.min(posterior.size - 1, Math.floor(buf[d]! * posterior.size));
      for (const [name, segs] of matched) {
        if (!segs.some((v) => v)) continue;
        const key = name as keyof typeof cols;
        cols[key] = cols[key].map((col, k) => {
          const values = segs[k];
          if (!values) return col;
          const out = new Float64Array(D);
          for (let d = 0; d < D; d++) out[d] = values[idx[d]!]!;
          return out;
        });
      }
      return cols;
    },
  };
}

function makePriorSampler(s: Scenario, seed: number): Sampler {
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
