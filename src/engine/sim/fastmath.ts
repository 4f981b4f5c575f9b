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
// One array holds everything the routine reads, so an inlined call checks and loads one array, not four:
// per cell 1/c_i and ln c_i side by side, then 2^(1023 − k) per biased exponent k (x · that lands in [1, 2)
// exactly), then one slot through which x's bits are read.
const SCALE_AT = 2 * N;
const BITS_AT = SCALE_AT + 2048;
const TABLE = new Float64Array(BITS_AT + 1);
for (let i = 0; i < N; i++) {
  const c = 1 + i / N;
  TABLE[2 * i] = 1 / c;
  TABLE[2 * i + 1] = Math.log(c);
}
for (let k = 1; k < 2047; k++) TABLE[SCALE_AT + k] = 2 ** (1023 - k);
const WORDS = new Uint32Array(TABLE.buffer);
/** The high word of the bits slot (the second word on little-endian machines, all that run this). */
const HI_WORD = 2 * BITS_AT + 1;
/** Little-endian machines use the table; any other uses Math.log10. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** log10(x) by table and series; the guard uses literals (no global lookups). */
function tableLog10(x: number): number {
  if (!(x >= 2.2250738585072014e-308 && x <= 1.7976931348623157e308)) return Math.log10(x);
  TABLE[BITS_AT] = x;
  const hi = WORDS[HI_WORD]!;
  const k = hi >>> 20;
  const i = (hi >>> (20 - TABLE_BITS)) & (N - 1);
  // x · 2^-e · (1/c) − 1 loses no bits that matter: 0 ≤ r < 2^-10 and the product is rounded twice.
  const r = x * TABLE[SCALE_AT + k]! * TABLE[2 * i]! - 1;
  // ln(1 + r) to r^5 (the next term is below 2^-60 · r / 6).
  const lnr = r - r * r * (0.5 - r * (1 / 3 - r * (0.25 - r * 0.2)));
  return ((k - 1023) * LN2 + TABLE[2 * i + 1]! + lnr) * LOG10E;
}

/** log10(x), to a few ulp. */
export const fastLog10: (x: number) => number = LITTLE_ENDIAN ? tableLog10 : Math.log10;
