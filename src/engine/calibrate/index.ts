/**
 * Calibration and out-of-sample validation of the simulator: observation error models, importance sampling with
 * ESS checks and systematic resampling, proper scores (CRPS, coverage, PIT, bias, width), naive baselines, vintage
 * filtering and the rolling-origin driver. Pure: runs in Node and in a Web Worker.
 */
export * from "./baselines.js";
export * from "./calibrate.js";
export * from "./history.js";
export * from "./importance.js";
export * from "./observations.js";
export * from "./rolling.js";
export * from "./scores.js";
export * from "./vintage.js";
export * from "./prepare.js";
export * from "./driver.js";
export * from "./smc.js";
