/**
 * What the simulator needs from outside, as plain data: the adapter (CLI, server, web worker) computes these from
 * the rule engine, the chip catalogue and the observed model data; tests build them by hand.
 */
export interface LegalPoint {
  quarter: string;
  /** Best chip a CN-headquartered buyer may import without a licence in that quarter (null: none). */
  chipId: string | null;
  /** Its H100-equivalents per unit (TPP ÷ 15,832); 0 when nothing is legal. */
  h100e: number;
  /**
   * H100e per unit of the best chip on sale with no export rules at all. Caps what China can get of foreign chips
   * through legal imports, stockpiling and smuggling together (assumption: controls never raise demand).
   */
  freeH100e: number;
}

export interface SimInputs {
  /** One entry per simulated quarter, from the scenario's start to its horizon. */
  legal: LegalPoint[];
  /** H100e per unit of every chip a licence event names. */
  chipH100e: Record<string, number>;
  /**
   * Observed US frontier training compute (running maximum, FLOP) in quarters before the start, ascending; lets
   * the gap reach back before the simulated period. May be empty.
   */
  usHistory: { quarter: string; flop: number }[];
}
