/**
 * Compute accounting units for the simulator and the compute views. These are not the rule engine's TPP-based
 * H100e (chips/metrics.ts h100e): Epoch AI's chip counts, which the simulator is anchored to, count one H100e as
 * the H100 SXM's dense 8-bit rate (1,979 TOPS), so an FP4-rated part (B300: FP4 15,000 → TPP 60,000) is 2.27 H100e
 * here (FP8 4,500), not 3.79.
 */
import type { ChipSpecs } from "./metrics.js";

/** H100 SXM dense FP8 (= INT8) TOPS, NVIDIA H100 datasheet; Epoch AI chip counts' H100e convention. */
export const H100_DENSE_8BIT_TOPS = 1_979;
/** H100 SXM HBM3 bandwidth, GB/s (NVIDIA H100 datasheet). */
export const H100_MEMORY_BANDWIDTH_GBPS = 3_350;

export interface ComputeEquivalent {
  /** H100e by dense 8-bit rate; null when neither an 8-bit nor a 16-bit figure is known. */
  h100e: number | null;
  /**
   * "8-bit": max(FP8, INT8) dense ÷ 1,979. "16-bit×2": no 8-bit figure, so 2 × FP16 dense ÷ 1,979 — an estimate
   * (8-bit tensor paths run at twice the 16-bit rate on the H100, A100 and Ascend 910 families), labelled as such.
   */
  basis: "8-bit" | "16-bit×2" | null;
  /** Memory bandwidth ÷ the H100's 3,350 GB/s: the equivalent that matters for bandwidth-bound inference. */
  bandwidthH100e: number | null;
}

export function computeEquivalent(
  chip: ChipSpecs & { memoryBandwidthGBps?: number | null },
): ComputeEquivalent {
  const eight = Math.max(chip.fp8Tflops ?? -1, chip.int8Tops ?? -1);
  const bw = chip.memoryBandwidthGBps;
  const bandwidthH100e = bw !== null && bw !== undefined && bw > 0 ? bw / H100_MEMORY_BANDWIDTH_GBPS : null;
  if (eight > 0) return { h100e: eight / H100_DENSE_8BIT_TOPS, basis: "8-bit", bandwidthH100e };
  const sixteen = chip.fp16Tflops;
  if (sixteen !== null && sixteen !== undefined && sixteen > 0)
    return { h100e: (2 * sixteen) / H100_DENSE_8BIT_TOPS, basis: "16-bit×2", bandwidthH100e };
  return { h100e: null, basis: null, bandwidthH100e };
}

/** The 8-bit H100e alone (null when unknown). */
export function computeH100e(chip: ChipSpecs): number | null {
  return computeEquivalent(chip).h100e;
}
