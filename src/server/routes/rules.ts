import { z } from "zod";
import { diff, maxUncontrolledTpp, regions } from "../../engine/rules/design-space.js";
import { activeRules, RuleInputError } from "../../engine/rules/evaluate.js";
import { findRule, type RuleVersion, statusAt } from "../../engine/rules/ruleset.js";
import { ApiError } from "../errors.js";
import type { ApiLimits } from "../limits.js";
import { route } from "../route.js";
import { countryCode, isoDate, queryBool } from "../schemas.js";
import type { ApiServices } from "../services.js";

const ruleId = z.string().min(1).max(100);

/** A positive finite number in a query string. */
const queryPositive = (max: number) =>
  z
    .string()
    .max(32)
    .regex(/^\d+(\.\d+)?([eE][+-]?\d+)?$/, "must be a positive number")
    .transform(Number)
    .pipe(z.number().gt(0, "must be > 0").max(max));

const listQuery = z.strictObject({
  date: isoDate.optional().describe("also report which versions apply on this date"),
});
const diffQuery = z.strictObject({
  from: ruleId.describe("the earlier rule version id, e.g. 2022-10-07"),
  to: ruleId.describe("the later rule version id, e.g. 2023-10-17"),
  destination: countryCode.optional().describe("default CN"),
  buyerHq: countryCode.optional(),
  date: isoDate.optional().describe("evaluate both on this date (default each rule's effective date)"),
});
const regionsQuery = z.strictObject({
  datacenter: queryBool
    .optional()
    .describe("datacenter chip (default true); Note 2 exempts some non-datacenter chips"),
  tppMax: queryPositive(1e6).optional().describe("right edge of the view (default 8000)"),
  pdMax: queryPositive(1e4).optional().describe("top edge of the view (default 12)"),
});
const maxTppQuery = z.strictObject({
  dieArea: queryPositive(1e6).describe("applicable die area, mm²"),
  datacenter: queryBool.optional().describe("default true"),
  io: queryPositive(1e9).optional().describe("chip-to-chip I/O bandwidth, GB/s (matters for the 2022 rule)"),
});

function requireRule(services: ApiServices, id: string, field: string): RuleVersion {
  const rs = services.ruleset();
  const rule = findRule(rs, id);
  if (rule) return rule;
  throw new ApiError(
    404,
    "unknown_rule",
    `unknown rule version ${JSON.stringify(id)}; known: ${rs.rules.map((r) => r.id).join(", ")}`,
    field,
  );
}

function summary(rule: RuleVersion, date?: string) {
  return {
    id: rule.id,
    title: rule.title,
    kind: rule.kind,
    citation: rule.citation,
    published: rule.published,
    effective: rule.effective,
    status: rule.status,
    ...(date ? { statusOn: { date, status: statusAt(rule, date) } } : {}),
    families: rule.criteria.map((c) => c.family),
    supersedes: rule.supersedes,
  };
}

export function ruleRoutes(services: ApiServices, _limits: ApiLimits) {
  return [
    route({
      method: "get",
      path: "/rules",
      operationId: "listRules",
      summary: "Every rule version with its citation, dates and status history",
      tag: "rules",
      query: listQuery,
      handler: ({ query }) => {
        const rs = services.ruleset();
        return {
          rules: rs.rules.map((r) => summary(r, query.date)),
          ...(query.date
            ? { activeOn: { date: query.date, rules: activeRules(rs, query.date).map((r) => r.id) } }
            : {}),
        };
      },
    }),
    route({
      method: "get",
      path: "/rules/diff",
      operationId: "diffRules",
      summary:
        "Catalogue chips whose classification or licence requirement differs between two rule versions",
      tag: "rules",
      query: diffQuery,
      errors: { 404: "unknown rule version" },
      handler: ({ query }) => {
        const a = requireRule(services, query.from, "from");
        const b = requireRule(services, query.to, "to");
        const ctx = {
          destination: query.destination ?? "CN",
          ...(query.buyerHq ? { buyerHq: query.buyerHq } : {}),
          ...(query.date ? { date: query.date } : {}),
        };
        try {
          const rows = diff(a, b, services.chips(), services.ruleset(), ctx);
          return { from: a.id, to: b.id, ...ctx, count: rows.length, changes: rows };
        } catch (err) {
          if (err instanceof RuleInputError) throw new ApiError(400, "bad_input", err.message, err.field);
          throw err;
        }
      },
    }),
    route({
      method: "get",
      path: "/rules/:id",
      operationId: "getRule",
      summary: "One rule version: criteria, exceptions, status history, sources",
      tag: "rules",
      params: z.object({ id: ruleId }),
      errors: { 404: "unknown rule version" },
      handler: ({ params }) => requireRule(services, params.id, "id"),
    }),
    route({
      method: "get",
      path: "/rules/:id/regions",
      operationId: "ruleRegions",
      summary: "The TPP × performance-density plane split into 3A090.a / .b / uncontrolled polygons",
      tag: "rules",
      params: z.object({ id: ruleId }),
      query: regionsQuery,
      errors: { 404: "unknown rule version" },
      handler: ({ params, query }) => {
        const rule = requireRule(services, params.id, "id");
        const opts = {
          datacenter: query.datacenter ?? true,
          ...(query.tppMax ? { tppMax: query.tppMax } : {}),
          ...(query.pdMax ? { pdMax: query.pdMax } : {}),
        };
        return { rule: rule.id, ...opts, regions: regions(rule, opts) };
      },
    }),
    route({
      method: "get",
      path: "/rules/:id/max-tpp",
      operationId: "maxUncontrolledTpp",
      summary:
        "The largest TPP a chip of a given die area can have and stay uncontrolled under a rule version",
      description:
        "Under the 2023 rule a datacenter chip of 814 mm² tops out just under 2,400 (the H20 design point).",
      tag: "rules",
      params: z.object({ id: ruleId }),
      query: maxTppQuery,
      errors: { 404: "unknown rule version" },
      handler: ({ params, query }) => {
        const rule = requireRule(services, params.id, "id");
        const r = maxUncontrolledTpp(rule, {
          dieArea: query.dieArea,
          datacenter: query.datacenter ?? true,
          ...(query.io !== undefined ? { ioBandwidthGBps: query.io } : {}),
        });
        // JSON has no Infinity: an unbounded TPP is reported as null with the reason in `binding`.
        return { rule: rule.id, dieArea: query.dieArea, ...r, tpp: Number.isFinite(r.tpp) ? r.tpp : null };
      },
    }),
  ];
}
