/**
 * Simulator inputs built inside the worker with the very adapter the CLI and the server use (buildInputs from
 * src/engine/sim/build-inputs.ts, pure TypeScript), so switching a rule event off
 * changes the legal-chip schedule exactly as `chokepoint simulate` would.
 *
 * Data: the rule versions and country groups are the package's own data/ JSON, bundled at build time (the same
 * files the server loads; they are reference data the ruleset builder validates); chips and the observed US
 * training-compute frontier come from the API.
 */
import type { Chip } from "../../../src/engine/chips/types.js";
import type { ModelRecord } from "../../../src/engine/gap/types.js";
import { buildRuleset, type Ruleset } from "../../../src/engine/rules/ruleset.js";
import type { EciFit, SimInputs } from "../../../src/engine/sim/inputs.js";
import type { WorldOutputRow } from "../../../src/engine/sim/supply-data.js";
import type { Scenario, ScenarioEvent } from "../../../src/engine/sim/scenario.js";
import { buildInputs } from "../../../src/engine/sim/build-inputs.js";

const ruleFiles = import.meta.glob("../../../data/rules/*.json", { eager: true, import: "default" });
const groupFiles = import.meta.glob("../../../data/country-groups.json", { eager: true, import: "default" });

let ruleset: Ruleset | null = null;

/** The full ruleset from the bundled rule files (sorted by name like the Node loader), built once. */
export function bundledRuleset(): Ruleset {
  if (ruleset) return ruleset;
  const files = Object.keys(ruleFiles)
    .filter((p) => !p.endsWith(".schema.json"))
    .sort()
    .map((p) => ({ file: `data/rules/${p.slice(p.lastIndexOf("/") + 1)}`, json: ruleFiles[p] }));
  const groups = Object.values(groupFiles)[0];
  ruleset = buildRuleset(files, { file: "data/country-groups.json", json: groups });
  return ruleset;
}

/** One step of the observed US training-compute frontier as /api/v1/gap?metric=compute reports it. */
export interface FrontierStep {
  date: string;
  value: number;
  model: string;
  organization: string;
}

/**
 * Model records standing for the US frontier steps: the running maximum over these equals the running maximum over
 * all US models, which is all the adapter reads from them (US history before the simulated start).
 */
export function frontierModels(steps: readonly FrontierStep[]): ModelRecord[] {
  return steps.map((s, i) => ({
    id: `us-frontier-${i}`,
    name: s.model,
    organization: s.organization,
    bloc: "US",
    countries: "",
    releaseDate: s.date,
    accessibility: null,
    trainingComputeFlop: s.value,
    computeMethod: null,
    computeConfidence: null,
    hardware: null,
    hardwareQuantity: null,
    eci: null,
    gpqaDiamond: null,
    arenaElo: null,
    variants: [],
    source: "Chokepoint API /gap?metric=compute (US frontier step)",
  }));
}

/** What GET /simulation/fit hands the worker: the ECI fit and Epoch's world output rows. */
export interface SimFit {
  eci: EciFit;
  worldOutput: WorldOutputRow[];
}

export class InputsBuilder {
  private cache = new Map<string, SimInputs>();
  constructor(
    private readonly chips: Chip[],
    private readonly models: ModelRecord[],
    private readonly fit: SimFit,
  ) {}

  /** Inputs for a scenario's period under the given events, cached by (start, horizon, events). */
  inputs(s: Pick<Scenario, "start" | "horizon">, events: readonly ScenarioEvent[]): SimInputs {
    const key = JSON.stringify([s.start, s.horizon, events]);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const r = buildInputs(s, events, {
      chips: this.chips,
      ruleset: bundledRuleset(),
      models: this.models,
      worldOutput: this.fit.worldOutput,
      eciFit: this.fit.eci,
    });
    if (!r.ok) throw new Error(r.issues.map((i) => `invalid ${i.path}: ${i.message}`).join("; "));
    this.cache.set(key, r.value);
    if (this.cache.size > 64) this.cache.delete(this.cache.keys().next().value!);
    return r.value;
  }
}
