// Chip schema and the metrics derived from it (TPP, PD, H100e).
export * from "./metrics.js";
export * from "./types.js";
