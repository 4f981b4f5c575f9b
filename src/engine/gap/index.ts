/**
 * Observed gap engine (pure; runs in Node and in a Web Worker). DESIGN §4.
 *
 * For the simulator's backtest (observations from `modelObservations(models, "compute" | "eci")`):
 *   observedFrontierByQuarter(observations, bloc: "US" | "CN", quarters: string[], filter?) → (number | null)[]
 *     frontier value (e.g. training FLOP) at the last day of each quarter "2024Q3"; null before the bloc's first model.
 *   observedGapByQuarter(observations, quarters: string[], filter?) → (number | null)[]
 *     lag in months (30.44-day) at each quarter end; positive = China behind, negative = China ahead.
 *   modelObservations(models: ModelRecord[], metric: Metric) → Observation[]
 * Load models with `loadModels()` from src/data/models.ts (Node) or `parseModelsCsv(text)` (anywhere).
 *
 * Lag on day t: if US_F(t) ≥ CN_F(t), t − min{s : US_F(s) ≥ CN_F(t)}; otherwise −(t − min{s : CN_F(s) ≥ US_F(t)}).
 */
export * from "./dates.js";
export * from "./frontier.js";
export * from "./lag.js";
export * from "./observations.js";
export * from "./types.js";
