import { classificationCaveats } from "../../engine/chips/caveats.js";
import { h100e, pd, tpp, tppIsLowerBound } from "../../engine/chips/metrics.js";
import type { Chip } from "../../engine/chips/types.js";
import { findChip } from "../../data/chips.js";
import { ApiError } from "../errors.js";
import type { ApiLimits } from "../limits.js";
import { route } from "../route.js";
import { chipListQuery, idParam } from "../schemas.js";
import type { ApiServices } from "../services.js";

/**
 * A catalogue chip with its derived metrics (TPP, PD, H100e), how TPP was computed, whether it is only a lower
 * bound, and the caveats of a classification that rests on a non-primary figure (`provenance` is the chip's own).
 */
export function withMetrics(chip: Chip) {
  const t = tpp(chip);
  return {
    ...chip,
    metrics: {
      tpp: t.tpp,
      tppFrom: t.precision,
      tppLowerBound: tppIsLowerBound(chip),
      pd: pd(t.tpp, chip.dieAreaMm2),
      h100e: h100e(chip),
    },
    caveats: classificationCaveats(chip),
  };
}

/** Finds a catalogue chip or throws a 404 naming close matches. */
export function requireChip(services: ApiServices, ref: string, field = "chip"): Chip {
  const found = findChip(services.chips(), ref);
  if ("chip" in found) return found.chip;
  const hint = found.suggestions.length ? `; did you mean ${found.suggestions.join(", ")}?` : "";
  throw new ApiError(404, "unknown_chip", `unknown chip ${JSON.stringify(ref)}${hint}`, field);
}

export function chipRoutes(services: ApiServices, _limits: ApiLimits) {
  return [
    route({
      method: "get",
      path: "/chips",
      operationId: "listChips",
      summary: "The chip catalogue with derived TPP, performance density and H100-equivalents",
      tag: "chips",
      query: chipListQuery,
      handler: ({ query }) => {
        const q = query.q?.toLowerCase();
        const chips = services
          .chips()
          .filter(
            (c) =>
              (!q ||
                c.id.includes(q) ||
                c.name.toLowerCase().includes(q) ||
                c.vendor.toLowerCase().includes(q)) &&
              (!query.vendor || c.vendor.toLowerCase() === query.vendor.toLowerCase()) &&
              (query.datacenter === undefined || c.datacenter === query.datacenter) &&
              (!query.country || c.country === query.country),
          );
        return { count: chips.length, chips: chips.map(withMetrics) };
      },
    }),
    route({
      method: "get",
      path: "/chips/:id",
      operationId: "getChip",
      summary: "One catalogue chip by id or name",
      tag: "chips",
      params: idParam,
      errors: { 404: "no chip with that id or name (the message suggests close ids)" },
      handler: ({ params }) => withMetrics(requireChip(services, params.id, "id")),
    }),
  ];
}
