/**
 * What the simulator needs from outside, as plain data: the adapter (CLI, server, web worker) computes these from
 * the rule engine, the chip catalogue, Epoch's chip counts and the observed model data; tests build them by hand.
 * Every H100e here is the compute-accounting unit: dense 8-bit rate ÷ 1,979 (chips/compute-equivalent.ts).
 */
export interface LegalPoint {
  quarter: string;
  /** Best chip a CN-headquartered buyer may import without a licence in that quarter (null: none). */
  chipId: string | null;
  /** Its H100e per unit (8-bit); 0 when nothing is legal. Averaged over the quarter's months. */
  h100e: number;
  /** H100e per unit of the best chip on sale with no export rules at all (the frontier chip China would buy). */
  freeH100e: number;
}

/** One quarter of observed world AI-accelerator output, H100e per quarter, with its 5–95% band. */
export interface WorldPoint {
  quarter: string;
  median: number;
  p5: number;
  p95: number;
}

/**
 * The ECI fit the draws sample from (docs/model.md §10): ECI = a + b·log10(FLOP) + c·(year − t0) for US models;
 * Chinese models sit δ + κ·(min(year, tEnd) − t0) above that equation at their own compute and date — an offset
 * (China's efficiency per FLOP relative to the US) and its catch-up per year, held at its last observed value
 * after tEnd (the newest Chinese model in the fit), not extrapolated. `chol` are lower-triangular Cholesky factors
 * of the coefficients' covariance, row-major.
 */
export interface EciFit {
  us: { mean: [number, number, number]; chol: number[] };
  cn: { mean: [number, number]; chol: number[]; tEnd: number };
  /** Decimal year the date regressor is measured from (2023 = 2023-01-01). */
  t0: number;
}

export interface SimInputs {
  /** One entry per simulated quarter, from the scenario's start to its horizon. */
  legal: LegalPoint[];
  /** H100e per unit (8-bit) of every chip a licence event names. */
  chipH100e: Record<string, number>;
  /**
   * Observed US frontier training compute (running maximum, FLOP) in quarters before the start, ascending; lets
   * the gap reach back before the simulated period. May be empty.
   */
  usHistory: { quarter: string; flop: number }[];
  /** Epoch's world output per quarter, ascending, covering at least the start quarter. */
  world: WorldPoint[];
  eci: EciFit;
}
