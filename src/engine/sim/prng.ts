/**
 * Seeded pseudo-random numbers: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state,
 * public domain), seeded through splitmix32 so nearby seeds give unrelated streams. Always passed as an argument.
 */
export interface Rng {
  /** Uniform in the open interval (0, 1): never exactly 0 or 1, so inverse CDFs stay finite. */
  next(): number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a hash of a string, to derive one independent stream per parameter name. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A fresh sfc32 generator. `makeRng(42).next()` is the same number on every platform. */
export function makeRng(seed: number, stream = 0): Rng {
  const mix = splitmix32((seed >>> 0) ^ Math.imul(stream >>> 0, 0x9e3779b1));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix() | 1;
  const step = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) step();
  return { next: () => (step() + 0.5) / 4294967296 };
}

/** The generator for one named parameter under a run seed: the same name and seed give the same stream. */
export function paramRng(seed: number, name: string): Rng {
  return makeRng(seed, hashString(name));
}

/** Fills `out` with uniforms in (0, 1). */
export function fillUniform(rng: Rng, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = rng.next();
  return out;
}
