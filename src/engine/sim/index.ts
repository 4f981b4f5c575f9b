/**
 * The race simulator (DESIGN §5): scenario schema, seeded PRNG, distributions, the model, Monte Carlo summaries,
 * backtest scoring and sensitivity. Pure TypeScript — no Node, DOM or I/O — so the browser worker runs it too.
 */
export * from "./backtest.js";
export * from "./build-inputs.js";
export * from "./distributions.js";
export * from "./inputs.js";
export * from "./model.js";
export * from "./params.js";
export * from "./plan.js";
export * from "./prng.js";
export * from "./quarters.js";
export * from "./run.js";
export * from "./sample.js";
export * from "./scenario.js";
export * from "./sensitivity.js";
export * from "./summary.js";
