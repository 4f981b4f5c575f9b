import { type Chip, PRECISIONS } from "./types.js";

/**
 * TPP of the project's H100-equivalent convention: H100 SXM, 1,979 dense FP8 TFLOPS × 8 bits = 15,832.
 * h100e(chip) = TPP(chip) / 15,832 — a ratio of peak dense throughput at the chip's best precision, not of
 * measured training speed; memory bandwidth and interconnect are deliberately left out so the unit stays one
 * number traceable to a datasheet.
 */
export const H100_SXM_TPP = 15_832;

export type PrecisionField = (typeof PRECISIONS)[number]["field"];

/** The specs the rule engine needs; a full catalogue `Chip` satisfies it. */
export type ChipSpecs = Pick<Chip, PrecisionField> &
  Partial<
    Pick<Chip, "dieAreaMm2" | "datacenter" | "memoryBandwidthGBps" | "ioBandwidthGBps" | "hbm" | "origin">
  >;

export interface TppResult {
  /** max over precisions of dense TOPS × bit length; null when no precision figure is known. */
  tpp: number | null;
  /** Which precision produced the maximum, e.g. "fp8Tflops". */
  precision: PrecisionField | null;
  bits: number | null;
  /** The dense figure that produced it, in TOPS/TFLOPS. */
  tops: number | null;
}

/**
 * Total processing performance (88 FR 73458, 3A090 Technical Note): dense TOPS × operand bit length, the
 * maximum over the precisions the chip supports. Sparse figures must never be passed in.
 * Example: H100 SXM, 1,979 FP8 TFLOPS → 15,832.
 */
export function tpp(chip: ChipSpecs): TppResult {
  let best: TppResult = { tpp: null, precision: null, bits: null, tops: null };
  for (const p of PRECISIONS) {
    const v = chip[p.field];
    if (v === null || v === undefined) continue;
    const t = v * p.bits;
    if (best.tpp === null || t > best.tpp) best = { tpp: t, precision: p.field, bits: p.bits, tops: v };
  }
  return best;
}

/** Performance density = TPP / applicable die area (mm²); null when either is unknown or the area is not > 0. */
export function pd(tppValue: number | null, dieAreaMm2: number | null | undefined): number | null {
  if (tppValue === null || dieAreaMm2 === null || dieAreaMm2 === undefined || !(dieAreaMm2 > 0)) return null;
  return tppValue / dieAreaMm2;
}

/** H100-equivalents of one chip by the project convention TPP / 15,832; null when TPP is unknown. */
export function h100e(chip: ChipSpecs): number | null {
  const t = tpp(chip).tpp;
  return t === null ? null : t / H100_SXM_TPP;
}

/**
 * True when the TPP rests only on a 32- or 64-bit figure: no 16-bit-or-narrower figure is known. Every accelerator
 * in the catalogue computes at 16 bits or less, so a missing narrow figure is unknown, not absent, and the true TPP
 * may be far higher (A10G: 63 from FP64 alone). A classification resting on such a TPP is not settled.
 */
export function tppIsLowerBound(chip: ChipSpecs): boolean {
  const known = (v: number | null | undefined) => v !== null && v !== undefined;
  if (tpp(chip).tpp === null) return false;
  return !(known(chip.fp16Tflops) || known(chip.fp8Tflops) || known(chip.int8Tops) || known(chip.fp4Tflops));
}
