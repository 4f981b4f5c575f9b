/** Every route of the API, in the order the OpenAPI document lists them. */
import type { ApiLimits } from "../limits.js";
import type { RouteSpec } from "../route.js";
import type { ApiServices } from "../services.js";
import { chipRoutes } from "./chips.js";
import { inputsCache } from "../sim.js";
import { analysisRoutes } from "./analysis.js";
import { briefRoutes } from "./brief.js";
import { calibrateRoutes } from "./calibrate.js";
import { classifyRoutes } from "./classify.js";
import { countryGroupRoutes } from "./country-groups.js";
import { datasetRoutes } from "./datasets.js";
import { eventRoutes } from "./events.js";
import { freshnessRoutes } from "./freshness.js";
import { gapRoutes } from "./gap.js";
import { healthRoutes } from "./health.js";
import { modelRoutes } from "./models.js";
import { ruleRoutes } from "./rules.js";
import { scenarioRoutes } from "./scenarios.js";
import { screenRoutes } from "./screen.js";
import { simulationFitRoutes } from "./simulation-fit.js";

export function apiRoutes(services: ApiServices, limits: ApiLimits): RouteSpec[] {
  // One simulator-input cache shared by simulate, sensitivity and backtest.
  const inputs = inputsCache(services);
  return [
    ...healthRoutes(services, limits),
    ...chipRoutes(services, limits),
    ...classifyRoutes(services, limits),
    ...screenRoutes(services, limits),
    ...ruleRoutes(services, limits),
    ...countryGroupRoutes(services, limits),
    ...eventRoutes(services, limits),
    ...gapRoutes(services, limits),
    ...scenarioRoutes(services, limits, inputs),
    ...analysisRoutes(services, limits, inputs),
    ...briefRoutes(services, limits, inputs),
    ...calibrateRoutes(services, limits),
    // Before datasetRoutes so /datasets/freshness is never read as a dataset version.
    ...freshnessRoutes(services, limits),
    ...datasetRoutes(services, limits),
    ...modelRoutes(services, limits),
    ...simulationFitRoutes(services, limits),
  ];
}
