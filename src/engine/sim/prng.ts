/**
 * Seeded pseudo-random numbers: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state,
 * public domain), seeded through splitmix32 so nearby seeds give unrelated streams. Always passed as an argument.
 */
export interface Rng {
  /** Uniform in the open interval (0, 1): never exactly 0 or 1, so inverse CDFs stay finite. */
  next(): number;
  /**
   * Writes the next `end - start` values of next() into out[start, end), in order: the very doubles that many
   * next() calls would give, with the generator state held in locals for the whole loop.
   */
  fill(out: Float64Array, start?: number, end?: number): Float64Array;
  /** Advances the stream by n values without writing them (the same state as n calls of next()). */
  skip(n: number): void;
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

/** 2^-32: a 32-bit output t maps to (t + 0.5) / 2^32, strictly inside (0, 1). */
const INV_2_32 = 1 / 4294967296;

/**
 * sfc32 with its four 32-bit words in an Int32Array. Every step is the same integer arithmetic in next(), fill()
 * and skip(); fill() and skip() copy the words to int32 locals so the loop touches no memory but `out`.
 */
class Sfc32 implements Rng {
  private readonly s = new Int32Array(4);

  constructor(seed: number, stream: number) {
    const mix = splitmix32((seed >>> 0) ^ Math.imul(stream >>> 0, 0x9e3779b1));
    const s = this.s;
    s[0] = mix();
    s[1] = mix();
    s[2] = mix();
    s[3] = mix() | 1;
    this.skip(12);
  }

  next(): number {
    const s = this.s;
    const a = s[0]!;
    const b = s[1]!;
    const c = s[2]!;
    const d = s[3]!;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
    // (t >>> 0) + 0.5 is exact, and dividing by a power of two is the same double as multiplying by its inverse.
    return ((t >>> 0) + 0.5) * INV_2_32;
  }

  fill(out: Float64Array, start = 0, end = out.length): Float64Array {
    const s = this.s;
    let a = s[0]! | 0;
    let b = s[1]! | 0;
    let c = s[2]! | 0;
    let d = s[3]! | 0;
    for (let i = start; i < end; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      out[i] = ((t >>> 0) + 0.5) * INV_2_32;
    }
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    return out;
  }

  skip(n: number): void {
    const s = this.s;
    let a = s[0]! | 0;
    let b = s[1]! | 0;
    let c = s[2]! | 0;
    let d = s[3]! | 0;
    for (let i = 0; i < n; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
    }
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
  }
}

/** A fresh sfc32 generator. `makeRng(42).next()` is the same number on every platform. */
export function makeRng(seed: number, stream = 0): Rng {
  return new Sfc32(seed, stream);
}

/** The generator for one named parameter under a run seed: the same name and seed give the same stream. */
export function paramRng(seed: number, name: string): Rng {
  return makeRng(seed, hashString(name));
}

/** Fills `out` with uniforms in (0, 1). */
export function fillUniform(rng: Rng, out: Float64Array): Float64Array {
  return rng.fill(out);
}
