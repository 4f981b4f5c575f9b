import { z } from "zod";
import { API_VERSION_TEXT } from "../version.js";
import type { ApiLimits } from "../limits.js";
import { route } from "../route.js";
import type { ApiServices } from "../services.js";

const healthResponse = z.object({
  status: z.literal("ok"),
  version: z.string(),
  store: z.boolean().describe("whether saved scenarios and runs are available"),
  limits: z.record(z.string(), z.number()),
});

export function healthRoutes(services: ApiServices, limits: ApiLimits) {
  return [
    route({
      method: "get",
      path: "/health",
      operationId: "health",
      summary: "Liveness, version and the request limits in force",
      tag: "meta",
      response: healthResponse,
      handler: () => ({
        status: "ok",
        version: API_VERSION_TEXT,
        store: services.saved !== null,
        limits: { ...limits },
      }),
    }),
  ];
}
