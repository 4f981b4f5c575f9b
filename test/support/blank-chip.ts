import type { Chip } from "../../src/engine/chips/types.js";

/** A US datacenter GPU with every figure unknown, overridden by `p`; the base of every test chip. */
export function blankChip(p: Partial<Chip> = {}): Chip {
  return {
    id: "test-chip",
    name: "Test chip",
    vendor: "Test",
    type: "gpu",
    releaseDate: null,
    datacenter: true,
    fp64Tflops: null,
    tf32Tflops: null,
    fp16Tflops: null,
    fp8Tflops: null,
    int8Tops: null,
    fp4Tflops: null,
    memoryGB: null,
    memoryBandwidthGBps: null,
    ioBandwidthGBps: null,
    dieAreaMm2: null,
    transistorsBillion: null,
    tdpW: null,
    hbm: null,
    origin: "US",
    country: "US",
    notes: "",
    sources: [],
    ...p,
  };
}
