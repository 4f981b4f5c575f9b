import { z } from "zod";
import { EVENT_TYPES } from "../../data/events.js";
import { ApiError } from "../errors.js";
import type { ApiLimits } from "../limits.js";
import { route } from "../route.js";
import { isoDate } from "../schemas.js";
import type { ApiServices } from "../services.js";

const eventsQuery = z.strictObject({
  from: isoDate.optional().describe("first date (inclusive)"),
  to: isoDate.optional().describe("last date (inclusive)"),
  type: z.enum(EVENT_TYPES).optional(),
  bloc: z.string().max(5).optional().describe("acting government or market: ISO2 code or multi"),
});

export function eventRoutes(services: ApiServices, _limits: ApiLimits) {
  return [
    route({
      method: "get",
      path: "/events",
      operationId: "listEvents",
      summary: "Dated policy and market events with their sources (the timeline)",
      tag: "events",
      query: eventsQuery,
      handler: ({ query }) => {
        if (query.from && query.to && query.from > query.to)
          throw new ApiError(
            400,
            "bad_input",
            `invalid from: ${query.from} (must not be after to ${query.to})`,
            "from",
          );
        const events = services
          .events()
          .filter(
            (e) =>
              (!query.from || e.date >= query.from) &&
              (!query.to || e.date <= query.to) &&
              (!query.type || e.type === query.type) &&
              (!query.bloc || e.bloc === query.bloc.toUpperCase() || e.bloc === query.bloc),
          );
        return { count: events.length, events };
      },
    }),
  ];
}
