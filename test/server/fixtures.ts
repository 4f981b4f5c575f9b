// Test catalogue: three real chips with figures from their vendors' datasheets, used where the full
// data/chips.csv is not needed.
import type { Chip } from "../../src/engine/chips/types.js";
import type { ModelRecord } from "../../src/engine/gap/types.js";
import { blankChip } from "../support/blank-chip.js";

function chip(p: Partial<Chip> & Pick<Chip, "id" | "name" | "vendor">): Chip {
  return blankChip({ hbm: true, sources: ["test fixture"], ...p });
}

export const tinyCatalogue: Chip[] = [
  // NVIDIA H100 SXM datasheet: 989 dense BF16 TFLOPS, 1,979 dense FP8 TFLOPS, 3.35 TB/s HBM3, 900 GB/s NVLink; 814 mm².
  chip({
    id: "nvidia-h100-sxm",
    name: "H100 SXM",
    vendor: "NVIDIA",
    releaseDate: "2022-09-01",
    fp16Tflops: 989,
    fp8Tflops: 1979,
    memoryBandwidthGBps: 3350,
    ioBandwidthGBps: 900,
    dieAreaMm2: 814,
  }),
  // NVIDIA A100 SXM datasheet: 312 dense BF16 TFLOPS, 624 dense INT8 TOPS, 2,039 GB/s, 600 GB/s NVLink; 826 mm².
  chip({
    id: "nvidia-a100-sxm",
    name: "A100 SXM 80GB",
    vendor: "NVIDIA",
    releaseDate: "2020-05-01",
    fp16Tflops: 312,
    int8Tops: 624,
    memoryBandwidthGBps: 2039,
    ioBandwidthGBps: 600,
    dieAreaMm2: 826,
  }),
  // Huawei Ascend 910B: 320 FP16 TFLOPS (vendor figure as reported); die area not published — left null.
  chip({
    id: "huawei-ascend-910b",
    name: "Ascend 910B",
    vendor: "Huawei",
    type: "asic",
    fp16Tflops: 320,
    origin: "foreign",
    country: "CN",
  }),
];

/** A model row for hand-made gap datasets; only the fields the gap engine reads matter. */
export function model(
  p: Partial<ModelRecord> & Pick<ModelRecord, "id" | "bloc" | "releaseDate">,
): ModelRecord {
  return {
    name: p.id,
    organization: p.bloc === "US" ? "US Lab" : "CN Lab",
    countries: p.bloc === "US" ? "United States of America" : "China",
    accessibility: "api",
    trainingComputeFlop: null,
    computeMethod: null,
    computeConfidence: null,
    hardware: null,
    hardwareQuantity: null,
    eci: null,
    gpqaDiamond: null,
    arenaElo: null,
    variants: [],
    source: "test fixture",
    ...p,
  };
}
