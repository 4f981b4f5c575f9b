/**
 * Request limits of the HTTP API. Each is documented in docs/api.md and in the OpenAPI document, and each is
 * refused with a 4xx naming the limit (413 for body size, 422 for the others) rather than slowing the server down.
 */
export interface ApiLimits {
  /** Largest JSON request body, bytes. */
  maxBodyBytes: number;
  /** Largest dataset import body (an Epoch CSV), bytes. */
  maxImportBytes: number;
  /** Most Monte Carlo draws one simulate/backtest request may ask for. */
  maxDraws: number;
  /** Largest base sample size N for sensitivity (Sobol runs N × (k + 2) model evaluations). */
  maxSensitivitySamples: number;
  /** Latest horizon a simulation may run to, as a year (the quarter grid ends at its Q4). */
  maxHorizonYear: number;
  /** Most dated events one scenario may carry (each rule event re-evaluates the catalogue every month). */
  maxScenarioEvents: number;
  /** Most chips one batch classification may carry. */
  maxBatchRows: number;
  /** Wall-clock budget for one request's computation, milliseconds. */
  maxRequestMs: number;
  /** Deepest nesting of arrays and objects in a JSON body (deeper bodies only exhaust recursive code). */
  maxJsonDepth: number;
}

export const DEFAULT_LIMITS: ApiLimits = {
  maxBodyBytes: 1024 * 1024,
  maxImportBytes: 16 * 1024 * 1024,
  maxDraws: 200_000,
  maxSensitivitySamples: 8_192,
  maxHorizonYear: 2040,
  maxScenarioEvents: 200,
  maxBatchRows: 10_000,
  maxRequestMs: 30_000,
  maxJsonDepth: 32,
};

/** The limits merged with overrides (tests shrink them to exercise each refusal quickly). */
export function resolveLimits(overrides: Partial<ApiLimits> = {}): ApiLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
