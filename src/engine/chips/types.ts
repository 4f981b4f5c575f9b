import type { Provenance } from "../provenance.js";

/**
 * An accelerator as the catalogue (data/chips.csv) and the rule engine see it.
 * Every figure is the vendor's dense (non-sparse) number; null means unknown, never guessed.
 * CSV column names are the snake_case forms given in the comments.
 */
export interface Chip {
  id: string; // id — kebab-case, unique, e.g. "nvidia-h100-sxm"
  name: string; // name — marketing name, e.g. "H100 SXM5 80GB"
  vendor: string; // vendor — e.g. "NVIDIA", "Huawei"
  type: "gpu" | "asic" | "fpga" | "other"; // type
  releaseDate: string | null; // release_date — YYYY-MM-DD (first of month when only the month is known)
  datacenter: boolean | null; // datacenter — designed or marketed for data centers (Note 2 to 3A090)
  fp64Tflops: number | null; // fp64_tflops
  tf32Tflops: number | null; // tf32_tflops
  fp16Tflops: number | null; // fp16_tflops — dense FP16/BF16 tensor
  fp8Tflops: number | null; // fp8_tflops
  int8Tops: number | null; // int8_tops
  fp4Tflops: number | null; // fp4_tflops
  memoryGB: number | null; // memory_gb
  memoryBandwidthGBps: number | null; // memory_bw_gbps — DRAM/HBM bandwidth
  ioBandwidthGBps: number | null; // io_bw_gbps — aggregate bidirectional chip-to-chip I/O (NVLink etc.)
  dieAreaMm2: number | null; // die_area_mm2 — applicable die area: all logic dies, no HBM stacks
  transistorsBillion: number | null; // transistors_billion
  tdpW: number | null; // tdp_w
  hbm: boolean | null; // hbm — carries HBM
  origin: "US" | "foreign"; // origin — US-designed or foreign-designed
  country: string | null; // country — ISO2 of the designer's headquarters (US, CN, …)
  notes: string; // notes — caveats, conflicting figures, derivations
  sources: string[]; // sources — URLs / citations separated by " | " in the CSV
  /**
   * provenance — the row's grade and per-field exceptions (src/engine/provenance.ts), e.g.
   * `dataset; fp64_tflops=secondary`. Every catalogue row has one; chips a user describes have none.
   */
  provenance?: Provenance;
}

/** Per-precision dense throughput fields and the operand bit length the EAR multiplies them by. */
export const PRECISIONS = [
  { field: "fp64Tflops", column: "fp64_tflops", bits: 64 },
  { field: "tf32Tflops", column: "tf32_tflops", bits: 32 },
  { field: "fp16Tflops", column: "fp16_tflops", bits: 16 },
  { field: "fp8Tflops", column: "fp8_tflops", bits: 8 },
  { field: "int8Tops", column: "int8_tops", bits: 8 },
  { field: "fp4Tflops", column: "fp4_tflops", bits: 4 },
] as const satisfies readonly { field: keyof Chip; column: string; bits: number }[];

/** The CSV header of data/chips.csv, in order. */
export const CHIP_COLUMNS = [
  "id",
  "name",
  "vendor",
  "type",
  "release_date",
  "datacenter",
  "fp64_tflops",
  "tf32_tflops",
  "fp16_tflops",
  "fp8_tflops",
  "int8_tops",
  "fp4_tflops",
  "memory_gb",
  "memory_bw_gbps",
  "io_bw_gbps",
  "die_area_mm2",
  "transistors_billion",
  "tdp_w",
  "hbm",
  "origin",
  "country",
  "notes",
  "sources",
  "provenance",
] as const;
