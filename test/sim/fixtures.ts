import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { SimInputs } from "../../src/engine/sim/inputs.js";
import { PARAM_NAMES } from "../../src/engine/sim/params.js";
import { quarterRange } from "../../src/engine/sim/quarters.js";
import { parseScenario, type Scenario } from "../../src/engine/sim/scenario.js";

/** The parameter block of data/scenarios/history.yaml (the simulator's cited defaults). */
export function historyParams(): Record<string, unknown> {
  const raw = parseYaml(
    readFileSync(new URL("../../data/scenarios/history.yaml", import.meta.url), "utf8"),
  ) as {
    params: Record<string, unknown>;
  };
  return raw.params;
}

/** Every parameter as a point value (for hand-worked examples), with overrides. */
export function pointParams(values: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of PARAM_NAMES) {
    if (!(n in values)) throw new Error(`fixture is missing ${n}`);
    out[n] = values[n]!;
  }
  return out;
}

export function scenario(raw: Record<string, unknown>): Scenario {
  const r = parseScenario({ name: "fixture", description: "test fixture", ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

/**
 * Hand-made inputs: the best licence-free chip is an H100 (1.0 H100e) until `ruleFrom`, then an H20-class part
 * (0.15); with no rules at all the best chip is 1.0 until 2025Q1 and 2.27 (B300-class) after.
 */
export function fixtureInputs(start: string, horizon: string, ruleFrom: string | null): SimInputs {
  const quarters = quarterRange(start, horizon);
  return {
    legal: quarters.map((q) => {
      const free = q >= "2025Q1" ? 2.27 : 1;
      const legal = ruleFrom !== null && q >= ruleFrom ? 0.15 : free;
      return { quarter: q, chipId: legal === 0.15 ? "h20" : "free", h100e: legal, freeH100e: free };
    }),
    chipH100e: { h200: 1, h20: 0.15 },
    usHistory: [
      { quarter: "2021Q4", flop: 2e24 },
      { quarter: "2022Q2", flop: 2.7e24 },
    ],
    world: fixtureWorld(),
    eci: FIXTURE_ECI,
  };
}

/**
 * Hand-made world output 2022Q1–2025Q4: 100,000 H100e in 2022Q1 doubling every four quarters (×2^(1/4) a quarter),
 * band p5 = median ÷ 1.5, p95 = median × 2.
 */
export function fixtureWorld(): SimInputs["world"] {
  return quarterRange("2022Q1", "2025Q4").map((quarter, k) => {
    const median = 100_000 * 2 ** (k / 4);
    return { quarter, median, p5: median / 1.5, p95: median * 2 };
  });
}

/**
 * A hand-made ECI fit: ECI = −100 + 9·log10(FLOP) + 9·(year − 2023); China's offset −8 + 6 per year up to 2026;
 * small diagonal uncertainty (standard errors 2, 0.1, 0.2; 1 and 0.5).
 */
export const FIXTURE_ECI: SimInputs["eci"] = {
  us: { mean: [-100, 9, 9], chol: [2, 0, 0, 0, 0.1, 0, 0, 0, 0.2] },
  cn: { mean: [-8, 6], chol: [1, 0, 0, 0.5], tEnd: 2026 },
  t0: 2023,
};
