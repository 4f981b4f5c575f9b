/** Builds the OpenAPI 3.1 document from the route table: the zod schemas that validate requests, turned into JSON Schema. */
import { z } from "zod";
import type { ApiLimits } from "./limits.js";
import type { RouteSpec } from "./route.js";

type Json = Record<string, unknown>;

const ERROR_SCHEMA: Json = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: {
          type: "string",
          description: "stable machine-readable code, e.g. bad_input, not_found, body_too_large",
        },
        message: { type: "string", description: "what was wrong, naming the field and the value" },
        field: { type: "string", description: "the request field at fault, when one is" },
      },
    },
  },
};

function jsonSchema(schema: z.ZodType): Json {
  const out = z.toJSONSchema(schema, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
  }) as Json;
  delete out.$schema;
  return out;
}

/** Path and query parameters: one OpenAPI parameter per top-level property of the object schema. */
function parameters(schema: z.ZodType | undefined, where: "path" | "query"): Json[] {
  if (!schema) return [];
  const js = jsonSchema(schema);
  const props = (js.properties ?? {}) as Record<string, Json>;
  const required = new Set((js.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function describeLimits(l: ApiLimits): string {
  return [
    "Limits (each refused with a 4xx JSON error naming the limit):",
    `- request body: ${l.maxBodyBytes} bytes (${l.maxImportBytes} for dataset imports) → 413 body_too_large`,
    `- draws per simulation or backtest: ≤ ${l.maxDraws} → 400 bad_input`,
    `- sensitivity base samples N: ≤ ${l.maxSensitivitySamples} → 400 bad_input`,
    `- simulation horizon: ≤ ${l.maxHorizonYear}Q4 → 400 bad_input`,
    `- events per scenario: ≤ ${l.maxScenarioEvents} → 400 bad_input`,
    `- chips per batch classification: ≤ ${l.maxBatchRows} → 400 bad_input`,
    `- computation time per request: ${l.maxRequestMs} ms → 422 time_limit`,
    `- JSON nesting depth: ≤ ${l.maxJsonDepth} → 400 too_deep`,
  ].join("\n");
}

/** The OpenAPI 3.1 document served at /api/v1/openapi.json. */
export function openApiDocument(routes: RouteSpec[], limits: ApiLimits, version: string): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const path = `/api/v1${r.path.replace(/:([A-Za-z_]\w*)/g, "{$1}")}`;
    const responses: Json = {
      "200": {
        description: "success",
        content: r.responseMedia
          ? { [r.responseMedia]: { schema: { type: "string" } } }
          : { "application/json": { schema: r.response ? jsonSchema(r.response) : { type: "object" } } },
      },
      "400": { description: "bad input: malformed JSON or a field out of range", content: errorContent() },
    };
    for (const [status, why] of Object.entries(r.errors ?? {})) {
      responses[status] = { description: why, content: errorContent() };
    }
    if (r.body) {
      responses["413"] = { description: "request body too large", content: errorContent() };
      responses["415"] = { description: "wrong Content-Type", content: errorContent() };
    }
    const op: Json = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      parameters: [...parameters(r.params, "path"), ...parameters(r.query, "query")],
      responses,
    };
    if (r.body) {
      const media = (r.bodyKind ?? "json") === "csv" ? "text/csv" : "application/json";
      op.requestBody = { required: true, content: { [media]: { schema: jsonSchema(r.body) } } };
    }
    paths[path] = { ...(paths[path] ?? {}), [r.method]: op };
  }
  paths["/api/v1/openapi.json"] = {
    get: {
      operationId: "openapi",
      summary: "This document",
      tags: ["meta"],
      responses: { "200": { description: "the OpenAPI 3.1 document", content: { "application/json": {} } } },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Chokepoint API",
      version,
      description: `The US–China AI race under export controls: chip rule engine, observed gap and Monte Carlo simulator.\n\n${describeLimits(limits)}`,
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "/" }],
    "x-limits": limits,
    paths,
    components: { schemas: { Error: ERROR_SCHEMA } },
  };
}

function errorContent(): Json {
  return { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
}
