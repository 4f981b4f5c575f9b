/**
 * The simulator's parameters (model v2, docs/model.md): name, unit, domain, and whether a scenario may vary it over
 * time (piecewise by date). Defaults and their citations live in data/scenarios/history.yaml, not here.
 *
 * H100e in the simulator is Epoch AI's compute-accounting unit: one H100 SXM's dense 8-bit rate, 1,979 TOPS
 * (see chips/compute-equivalent.ts). The rule engine's TPP-based H100e is a different unit and is not used here.
 */
export interface ParamSpec {
  unit: string;
  min: number;
  max: number;
  /** True when the model reads the parameter every quarter, so a piecewise-by-date value makes sense. */
  timeVarying: boolean;
  summary: string;
  /** A human label for tables and charts. */
  label: string;
}

export const PARAMS = {
  // ── World supply and its allocation ────────────────────────────────────────────────────────────────────────────
  worldOutputShock: {
    unit: "standard normal",
    min: -6,
    max: 6,
    timeVarying: false,
    label: "World output: position within Epoch's band",
    summary:
      "where a draw's world output sits within Epoch's 5–95% band, the same in every observed quarter (0 = median, ±1.645 = the band's edges)",
  },
  worldGrowthPerYear: {
    unit: "×/year",
    min: 0.5,
    max: 20,
    timeVarying: true,
    label: "World output growth after the data",
    summary: "growth of world AI-accelerator output (H100e per quarter) after Epoch's newest quarter",
  },
  cnDemandShare: {
    unit: "fraction of world output",
    min: 0,
    max: 0.5,
    timeVarying: false,
    label: "China's demand share",
    summary:
      "share of world accelerator output (H100e) Chinese buyers would purchase with no export controls",
  },
  usShareExCn: {
    unit: "fraction",
    min: 0,
    max: 1,
    timeVarying: true,
    label: "US share of non-Chinese purchases",
    summary: "share of the output not sold to China that US-headquartered owners buy (the rest goes to RoW)",
  },
  // ── China's foreign-chip channels ──────────────────────────────────────────────────────────────────────────────
  stockpileMultiplier: {
    unit: "×",
    min: 1,
    max: 20,
    timeVarying: false,
    label: "Stockpiling before a rule bites",
    summary:
      "purchase rate of a soon-to-be-controlled chip between a rule's announcement and effect, relative to normal",
  },
  smuggleShareOfUnmet: {
    unit: "fraction",
    min: 0,
    max: 1,
    timeVarying: true,
    label: "Smuggled share of unmet demand",
    summary:
      "share of China's unmet foreign-chip demand (H100e) that reaches it through diversion, before the capacity bound",
  },
  smuggleCapacityH100e: {
    unit: "H100e/quarter in 2024Q1",
    min: 0,
    max: 1e12,
    timeVarying: false,
    label: "Smuggling network capacity",
    summary: "most H100e the diversion networks can move in a quarter, at 2024Q1",
  },
  smuggleCapacityGrowthPerYear: {
    unit: "×/year",
    min: 0.1,
    max: 20,
    timeVarying: false,
    label: "Smuggling capacity growth",
    summary: "growth of that capacity",
  },
  remoteShareOfRow: {
    unit: "fraction of RoW stock",
    min: 0,
    max: 1,
    timeVarying: true,
    label: "Offshore capacity rented by China",
    summary:
      "share of the rest of the world's accelerator stock that Chinese developers rent (remote access)",
  },
  // ── Domestic production ────────────────────────────────────────────────────────────────────────────────────────
  domesticCapacityChipsPerQuarter: {
    unit: "chip starts/quarter in 2022Q3",
    min: 0,
    max: 1e12,
    timeVarying: false,
    label: "Domestic logic capacity",
    summary: "Ascend-class accelerator starts per quarter at SMIC at the start (before yield)",
  },
  domesticGrowthPerYear: {
    unit: "×/year",
    min: 0.1,
    max: 20,
    timeVarying: false,
    label: "Domestic capacity growth",
    summary: "growth of that capacity; equipment controls multiply the capacity (never raise it)",
  },
  domesticYield: {
    unit: "fraction",
    min: 0,
    max: 1,
    timeVarying: true,
    label: "Domestic yield",
    summary: "good chips per chip started",
  },
  domesticH100ePerChip: {
    unit: "H100e/chip (8-bit)",
    min: 0,
    max: 10,
    timeVarying: true,
    label: "H100e per domestic chip",
    summary: "dense 8-bit rate of one domestic accelerator ÷ 1,979",
  },
  dieBankChips: {
    unit: "chips",
    min: 0,
    max: 1e12,
    timeVarying: false,
    label: "TSMC-made die bank",
    summary:
      "accelerators' worth of TSMC-made logic dies that reached Huawei, available from 2024Q1 and used up once",
  },
  dieBankDrawPerQuarter: {
    unit: "chips/quarter",
    min: 0,
    max: 1e12,
    timeVarying: false,
    label: "Die bank assembly rate",
    summary: "most chips per quarter packaged from the die bank",
  },
  hbmStockpileStacks: {
    unit: "HBM stacks",
    min: 0,
    max: 1e12,
    timeVarying: false,
    label: "HBM stockpile",
    summary: "HBM stacks China held when HBM was controlled (used up once)",
  },
  domesticHbmStacksPerQuarter: {
    unit: "stacks/quarter in 2025Q1",
    min: 0,
    max: 1e12,
    timeVarying: false,
    label: "Domestic HBM output",
    summary: "Chinese-made HBM stacks per quarter at 2025Q1",
  },
  domesticHbmGrowthPerYear: {
    unit: "×/year",
    min: 0.1,
    max: 20,
    timeVarying: false,
    label: "Domestic HBM growth",
    summary: "growth of domestic HBM output",
  },
  hbmStacksPerChip: {
    unit: "stacks/chip",
    min: 0.1,
    max: 64,
    timeVarying: false,
    label: "HBM stacks per domestic chip",
    summary: "HBM stacks one domestic accelerator needs",
  },
  // ── Stocks ─────────────────────────────────────────────────────────────────────────────────────────────────────
  usInitialStockH100e: {
    unit: "H100e",
    min: 0,
    max: 1e9,
    timeVarying: false,
    label: "US stock at the start",
    summary: "US-headquartered owners' AI-accelerator stock at the start",
  },
  cnInitialStockH100e: {
    unit: "H100e",
    min: 0,
    max: 1e9,
    timeVarying: false,
    label: "China's stock at the start",
    summary: "China-headquartered owners' AI-accelerator stock at the start",
  },
  rowInitialStockH100e: {
    unit: "H100e",
    min: 0,
    max: 1e9,
    timeVarying: false,
    label: "Rest of world's stock at the start",
    summary: "other owners' AI-accelerator stock at the start",
  },
  chipLifetimeYears: {
    unit: "years",
    min: 0.25,
    max: 50,
    timeVarying: false,
    label: "Accelerator lifetime",
    summary: "useful life of an accelerator; δ = 1 / (4 × lifetime) per quarter",
  },
  // ── Frontier training compute ──────────────────────────────────────────────────────────────────────────────────
  usConcentration: {
    unit: "fraction",
    min: 0,
    max: 1,
    timeVarying: false,
    label: "US share in the largest run",
    summary: "share of US accessible compute in the largest training run at the start",
  },
  cnConcentration: {
    unit: "fraction",
    min: 0,
    max: 1,
    timeVarying: false,
    label: "China's share in the largest run",
    summary: "share of China's accessible compute in the largest training run at the start",
  },
  concentrationGrowthPerYear: {
    unit: "×/year",
    min: 0.1,
    max: 20,
    timeVarying: false,
    label: "Growth of the largest run's share",
    summary: "growth of both shares (bigger clusters), each capped at 1",
  },
  utilisation: {
    unit: "fraction",
    min: 0,
    max: 1,
    timeVarying: true,
    label: "Training utilisation (MFU)",
    summary: "model FLOP utilisation of a frontier run",
  },
  trainingDays: {
    unit: "days",
    min: 0,
    max: 3650,
    timeVarying: false,
    label: "Training run length",
    summary: "length of a frontier training run",
  },
  peakFlopPerH100e: {
    unit: "FLOP/s",
    min: 0,
    max: 1e17,
    timeVarying: false,
    label: "Training FLOP/s per H100e",
    summary: "dense BF16 peak of one H100e (the rate a training run's FLOP count is measured at)",
  },
  // ── Capability (ECI) ───────────────────────────────────────────────────────────────────────────────────────────
  catchUpPersistenceYears: {
    unit: "years",
    min: 0,
    max: 20,
    timeVarying: false,
    label: "How long China's catch-up continues",
    summary:
      "time constant over which China's measured efficiency catch-up fades after the newest Chinese model in the fit (0 = stops there)",
  },
  eciFitShock1: {
    unit: "standard normal",
    min: -6,
    max: 6,
    timeVarying: false,
    label: "ECI fit uncertainty (1)",
    summary:
      "first of three independent normals that place a draw's ECI-on-compute-and-date coefficients within their fitted covariance",
  },
  eciFitShock2: {
    unit: "standard normal",
    min: -6,
    max: 6,
    timeVarying: false,
    label: "ECI fit uncertainty (2)",
    summary: "second of the three",
  },
  eciFitShock3: {
    unit: "standard normal",
    min: -6,
    max: 6,
    timeVarying: false,
    label: "ECI fit uncertainty (3)",
    summary: "third of the three",
  },
  cnFitShock1: {
    unit: "standard normal",
    min: -6,
    max: 6,
    timeVarying: false,
    label: "China offset uncertainty (1)",
    summary:
      "first of two independent normals that place a draw's China offset and catch-up within their fitted covariance",
  },
  cnFitShock2: {
    unit: "standard normal",
    min: -6,
    max: 6,
    timeVarying: false,
    label: "China offset uncertainty (2)",
    summary: "second of the two",
  },
} as const satisfies Record<string, ParamSpec>;

export type ParamName = keyof typeof PARAMS;
export const PARAM_NAMES = Object.keys(PARAMS) as ParamName[];

export function isParamName(name: string): name is ParamName {
  return Object.hasOwn(PARAMS, name);
}
