/**
 * log10 for the model's inner loop, in plain arithmetic so V8 inlines it: Math.log10 is a call into C++, took about
 * a quarter of the kernel's time, and a call in a loop forces every live value out of registers. The argument is
 * reduced with a 1,024-entry table and finished with a short Taylor series; the error is a few units in the last
 * place (tested against Math.log10). Outside its fast range (non-finite, x below the smallest normal double, or a
 * big-endian machine) it returns Math.log10, so it is never wrong, only sometimes not fast. A fast exp was tried the
 * same way and was slower than Math.exp, so the kernel keeps Math.exp outside its main loops.
 */

const TABLE_BITS = 10;
const N = 1 << TABLE_BITS;
const LN2 = Math.LN2;
const LOG10E = Math.LOG10E;

// log: x = 2^e · m, m ∈ [1, 2); m is compared with the left edge c_i = 1 + i/1024 of its table cell,
// r = m / c_i − 1 ∈ [0, 2^-10). The first cell's edge is 1 itself, so log10(1) is exactly 0.
/** Per cell, 1/c_i and ln c_i side by side (one array, so one bounds check and base per lookup). */
const CELL = new Float64Array(2 * N);
for (let i = 0; i < N; i++) {
  const c = 1 + i / N;
  CELL[2 * i] = 1 / c;
  CELL[2 * i + 1] = Math.log(c);
}
/** 2^(1023 − k) for a biased exponent k, so x · SCALE[k] lands in [1, 2) exactly. */
const SCALE = new Float64Array(2047);
for (let k = 1; k < 2047; k++) SCALE[k] = 2 ** (1023 - k);

const bits = new Float64Array(1);
const hiWord = new Uint32Array(bits.buffer, 4, 1);
/** The high word is the second on little-endian machines (all that run this); elsewhere Math.log10 is used. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** log10(x) by table and series, for little-endian machines; the guard uses literals (no global lookups). */
function tableLog10(x: number): number {
  if (!(x >= 2.2250738585072014e-308 && x <= 1.7976931348623157e308)) return Math.log10(x);
  bits[0] = x;
  const hi = hiWord[0]!;
  const k = hi >>> 20;
  const i = (hi >>> (20 - TABLE_BITS)) & (N - 1);
  const m = x * SCALE[k]!;
  // m · (1/c) − 1 loses no bits that matter: 0 ≤ r < 2^-10 and the product is rounded once.
  const r = m * CELL[2 * i]! - 1;
  // ln(1 + r) to r^5 (the next term is below 2^-60 · r / 6).
  const lnr = r - r * r * (0.5 - r * (1 / 3 - r * (0.25 - r * 0.2)));
  return ((k - 1023) * LN2 + CELL[2 * i + 1]! + lnr) * LOG10E;
}

/** log10(x), to a few ulp. */
export const fastLog10: (x: number) => number = LITTLE_ENDIAN ? tableLog10 : Math.log10;
