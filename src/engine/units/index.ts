// Units shared by the engine: dates ↔ quarters, and the chip metrics TPP, PD and H100e (defined in chips/).
export { H100_SXM_TPP, h100e, pd, tpp } from "../chips/metrics.js";
export * from "./quarters.js";
