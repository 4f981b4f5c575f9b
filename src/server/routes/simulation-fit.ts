import { z } from "zod";
import { eciFitInput } from "../../engine/sim/eci-input.js";
import { worldSeries } from "../../engine/sim/build-inputs.js";
import { ApiError } from "../errors.js";
import type { ApiLimits } from "../limits.js";
import { route } from "../route.js";
import type { ApiServices } from "../services.js";
import { bundledWorldOutput, modelsFor } from "../sim.js";

const fitQuery = z.strictObject({
  dataset: z.coerce.number().int().positive().optional().describe("dataset version (default: the latest)"),
});

/**
 * What the simulator reads besides the scenario: the ECI fit (coefficients, Cholesky factors and the regression
 * report) and Epoch's world output per quarter. The dashboard's worker builds its inputs from this.
 */
export function simulationFitRoutes(services: ApiServices, _limits: ApiLimits) {
  return [
    route({
      method: "get",
      path: "/simulation/fit",
      operationId: "simulationFit",
      summary: "The simulator's ECI fit and the observed world accelerator output it is anchored to",
      tag: "simulation",
      query: fitQuery,
      handler: ({ query }) => {
        const { models, version } = modelsFor(services, query.dataset);
        const fit = eciFitInput(models);
        if (!fit.ok) throw new ApiError(400, "bad_input", fit.message, "dataset");
        return {
          dataset: version,
          eci: fit.value,
          regression: fit.report,
          worldOutput: bundledWorldOutput(),
          world: worldSeries(bundledWorldOutput()),
          units: { eci: "Epoch Capabilities Index", world: "H100e (dense 8-bit ÷ 1,979) per quarter" },
        };
      },
    }),
  ];
}
