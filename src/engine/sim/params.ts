/**
 * The simulator's parameters: name, unit, domain, and whether a scenario may vary it over time (piecewise by
 * date). Defaults and their citations live in data/scenarios/history.yaml, not here.
 */
export interface ParamSpec {
  unit: string;
  min: number;
  max: number;
  /** True when the model reads the parameter every quarter, so a piecewise-by-date value makes sense. */
  timeVarying: boolean;
  summary: string;
}

const inf = Number.POSITIVE_INFINITY;

export const PARAMS = {
  usInitialStockH100e: {
    unit: "H100e",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "US-HQ developers' AI compute stock at the start",
  },
  cnInitialStockH100e: {
    unit: "H100e",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "CN-HQ developers' AI compute stock at the start",
  },
  globalProductionH100e: {
    unit: "H100e/quarter",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "world AI-accelerator output in the start quarter",
  },
  productionGrowthPerYear: {
    unit: "×/year",
    min: 0,
    max: inf,
    timeVarying: true,
    summary: "growth of world accelerator output (H100e)",
  },
  usShare: {
    unit: "fraction",
    min: 0,
    max: 1,
    timeVarying: true,
    summary: "share of world output going to US-HQ developers",
  },
  cnLegalUnitsPerQuarter: {
    unit: "chips/quarter",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "chips CN buyers import legally per quarter at the start (units_legal)",
  },
  legalUnitsGrowthPerYear: {
    unit: "×/year",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "growth of the legal import volume in units",
  },
  stockpileMultiplier: {
    unit: "×",
    min: 1,
    max: inf,
    timeVarying: false,
    summary: "purchase rate of soon-to-be-controlled chips before a rule bites, relative to normal",
  },
  leakRate: {
    unit: "fraction",
    min: 0,
    max: 1,
    timeVarying: true,
    summary: "share of world output of China-controlled chips smuggled or diverted to CN",
  },
  controlledShare: {
    unit: "fraction",
    min: 0,
    max: 1,
    timeVarying: true,
    summary: "share of world output (H100e) that is controlled for China once a rule is in force",
  },
  cloudShare: {
    unit: "fraction",
    min: 0,
    max: 1,
    timeVarying: true,
    summary: "share of offshore rentable capacity CN developers rent",
  },
  offshoreCapacityShare: {
    unit: "× US stock",
    min: 0,
    max: inf,
    timeVarying: true,
    summary: "rentable capacity outside US and CN, relative to the US stock",
  },
  domesticCapacityChipsPerQuarter: {
    unit: "chips/quarter",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "CN domestic AI-chip starts per quarter at the start (before yield)",
  },
  domesticGrowthPerYear: {
    unit: "×/year",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "growth of CN domestic capacity without new equipment controls",
  },
  domesticYield: {
    unit: "fraction",
    min: 0,
    max: 1,
    timeVarying: true,
    summary: "good chips per chip started",
  },
  domesticH100ePerChip: {
    unit: "H100e/chip",
    min: 0,
    max: inf,
    timeVarying: true,
    summary: "H100e of one domestic chip (Ascend-class)",
  },
  hbmCapChipsPerQuarter: {
    unit: "chips/quarter",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "domestic chips per quarter that available HBM supports once HBM is controlled",
  },
  hbmCapGrowthPerYear: {
    unit: "×/year",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "growth of that HBM supply (domestic HBM)",
  },
  chipLifetimeYears: {
    unit: "years",
    min: 0.25,
    max: inf,
    timeVarying: false,
    summary: "useful life of an accelerator; δ = 1 / (4 × lifetime) per quarter",
  },
  usConcentration: {
    unit: "fraction",
    min: 0,
    max: 1,
    timeVarying: false,
    summary: "share of US accessible compute in the largest training run at the start",
  },
  cnConcentration: {
    unit: "fraction",
    min: 0,
    max: 1,
    timeVarying: false,
    summary: "share of CN accessible compute in the largest training run at the start",
  },
  concentrationGrowthPerYear: {
    unit: "×/year",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "growth of that share (bigger clusters), capped at 1",
  },
  utilisation: {
    unit: "fraction",
    min: 0,
    max: 1,
    timeVarying: true,
    summary: "model FLOP utilisation of a frontier run",
  },
  trainingDays: {
    unit: "days",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "length of a frontier training run",
  },
  peakFlopPerH100e: {
    unit: "FLOP/s",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "dense BF16 peak of one H100e",
  },
  algoProgressPerYear: {
    unit: "×/year",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "algorithmic efficiency gain g_algo",
  },
  diffusionLagYears: {
    unit: "years",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "delay before US algorithmic advances reach CN developers",
  },
  cnEfficiencyFactor: {
    unit: "×",
    min: 0,
    max: inf,
    timeVarying: false,
    summary: "CN effective compute per FLOP relative to the lagged global frontier",
  },
} as const satisfies Record<string, ParamSpec>;

export type ParamName = keyof typeof PARAMS;
export const PARAM_NAMES = Object.keys(PARAMS) as ParamName[];

export function isParamName(name: string): name is ParamName {
  return Object.hasOwn(PARAMS, name);
}
