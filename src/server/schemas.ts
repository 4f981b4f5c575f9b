/**
 * Request schemas of the HTTP API (zod). The same objects validate requests and, through z.toJSONSchema,
 * describe them in the OpenAPI document. Query values arrive as strings, so query schemas parse text.
 */
import { z } from "zod";
import {
  type ChipSpec,
  readSpecValue,
  SPEC_FIELDS,
  type SpecField,
  type SpecKey,
  specJsonSchema,
} from "../engine/chips/spec.js";
import { isValidIsoDate } from "../data/table.js";
import { VARIABLES } from "../engine/sim/model.js";
import type { ApiLimits } from "./limits.js";

/** A calendar date YYYY-MM-DD that exists (2023-02-30 is refused), between 1950 and 2100. */
export const isoDate = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine(isValidIsoDate, "must be a date that exists")
  .refine((s) => s >= "1950-01-01" && s <= "2100-12-31", "must be between 1950-01-01 and 2100-12-31")
  .describe("date YYYY-MM-DD");

/** ISO 3166-1 alpha-2 country code, upper-cased (cn → CN). */
export const countryCode = z
  .string()
  .max(2)
  .regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 country code such as CN or US")
  .transform((s) => s.toUpperCase());

/** A chip id or name as the catalogue knows it (ids are kebab-case; names are matched loosely). */
export const chipRef = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters");

/** A quarter label YYYYQn. */
export const quarter = z.string().regex(/^\d{4}Q[1-4]$/, "must be a quarter such as 2030Q4");

/** Query booleans: true/false/1/0. */
export const queryBool = z
  .enum(["true", "false", "1", "0"], { message: "must be true or false" })
  .transform((s) => s === "true" || s === "1");

/** Query integers in a range. */
export function queryInt(min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d{1,16}$/, "must be an integer")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/**
 * One spec field as the API takes it: the shared reader (src/engine/chips/spec.ts) checks and normalises the
 * value, so the API and the CLI accept the same values with the same messages; the OpenAPI document shows the
 * JSON Schema the same table gives.
 */
function specFieldSchema(field: SpecField) {
  return z
    .unknown()
    .transform((value, ctx) => {
      const r = readSpecValue(field, value, "json");
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.reason, input: value });
        return z.NEVER;
      }
      return r.value;
    })
    .meta(specJsonSchema(field))
    .optional();
}

/**
 * A chip described by its specs (camelCase names of the catalogue's fields, plus `tpp`; dense figures only, never
 * sparse). Unknown fields are refused so a typo such as `fp8Tflop` is not silently ignored.
 */
export const chipSpecSchema = z.strictObject(
  Object.fromEntries(SPEC_FIELDS.map((f) => [f.key, specFieldSchema(f)])) as Record<
    SpecKey,
    ReturnType<typeof specFieldSchema>
  >,
) as unknown as z.ZodType<ChipSpec>;

/** GET /chips query. */
export const chipListQuery = z.strictObject({
  q: z.string().max(100).optional().describe("substring of id, name or vendor (case-insensitive)"),
  vendor: z.string().max(100).optional(),
  datacenter: queryBool.optional(),
  country: countryCode.optional(),
});

export const idParam = z.object({ id: z.string().min(1).max(200) });

/** Where and to whom: the export context of a classification. */
const contextFields = {
  date: isoDate.optional().describe("date of the export (default today, UTC)"),
  destination: countryCode.optional().describe("ISO2 destination (default CN); HK is treated as CN"),
  buyerHq: countryCode
    .optional()
    .describe("ISO2 headquarters of the buyer or its ultimate parent (default the destination)"),
  endUse: z
    .string()
    .max(500)
    .optional()
    .describe("free text; end-use controls are not modelled and the result says so"),
  shipFrom: countryCode
    .optional()
    .describe(
      "ISO2 country the item ships from (default US): from the US an export, between two foreign countries a reexport, within one a transfer (in-country); destination US is not an export",
    ),
  kind: z
    .enum(["export", "reexport", "in-country-transfer"])
    .optional()
    .describe("checked against shipFrom and destination; derived when omitted"),
  region: z
    .string()
    .max(40)
    .optional()
    .describe("a sanctioned region of the destination: crimea, sevastopol, donetsk, luhansk (UA)"),
  buyer: z
    .string()
    .max(300, "must be at most 300 characters")
    .optional()
    .describe("buyer's name, screened against the restricted-party lists"),
  consignee: z
    .string()
    .max(300, "must be at most 300 characters")
    .optional()
    .describe("consignee's name, screened against the restricted-party lists"),
  informed: z
    .boolean()
    .optional()
    .describe("whether BIS sent the exporter an is-informed letter (15 CFR 744.23(b)); unknown when omitted"),
  foreignDirectProduct: z
    .boolean()
    .optional()
    .describe("foreign-made item: a direct product of US technology or tools under 15 CFR 734.9(h)"),
  usContentPercent: z
    .number()
    .min(0)
    .max(100)
    .optional()
    .describe("foreign-made item: controlled US content, % of value (de minimis, 15 CFR 734.4)"),
  ownedBy: z
    .array(
      z.strictObject({
        name: z.string().max(300, "must be at most 300 characters").describe("owner's name, screened"),
        percent: z.number().min(0).max(100).describe("share of the buyer held, %"),
      }),
    )
    .min(1, "must list at least one owner")
    .max(20, "at most 20 owners")
    .optional()
    .describe(
      "the buyer's owners and their shares: screened against the Entity List; while the Affiliates rule (15 CFR 744.11(a)(1), 90 FR 47201) is in force, listed owners holding 50 % or more together make the buyer restricted as they are",
    ),
};

/** A standalone HBM stack (3A090.c): memory bandwidth density = bandwidth ÷ stack area. */
export const hbmStackSchema = z
  .strictObject({
    bandwidthGBps: z.number().min(0).max(1e9).describe("stack memory bandwidth, GB/s"),
    areaMm2: z.number().gt(0, "must be > 0").max(1e9).describe("stack (or package) area, mm²"),
  })
  .describe("an HBM stack instead of a chip: classified under 3A090.c");

/** POST /screen: names to screen against the restricted-party lists. */
export const screenRequest = z.strictObject({
  names: z
    .array(z.string().max(300, "must be at most 300 characters"))
    .min(1, "must hold at least one name")
    .max(100, "at most 100 names per request"),
  date: isoDate.optional().describe("leave out listings that took effect later (default today, UTC)"),
});

/** One chip to classify: a catalogue chip (`chip`), specs (`specs`), or a catalogue chip with some specs overridden. */
export const classifyItem = z
  .strictObject({
    chip: chipRef.optional().describe("catalogue id or name, e.g. nvidia-h20"),
    specs: chipSpecSchema.optional(),
    hbmStack: hbmStackSchema.optional(),
    computer: z
      .strictObject({ units: z.number().int().min(1).max(1_000_000).describe("chips inside") })
      .optional()
      .describe("the item is a computer holding `units` of the chip: classified under 4A090"),
    alsoEccn: z
      .string()
      .max(10)
      .regex(/^\d[A-Ea-e]\d{3}$/, "must be an ECCN such as 5A992")
      .transform((s) => s.toUpperCase())
      .optional()
      .describe(
        "the item is also described by this ECCN: a 3A090-level item is listed under its .z paragraph",
      ),
    softwareTech: z
      .string()
      .max(10)
      .regex(/^\d[Dd]\d{3}$|^\d[Ee]\d{3}$/, "must be a software or technology ECCN such as 3E001")
      .transform((s) => s.toUpperCase())
      .optional()
      .describe(
        "the item is software or technology of this ECCN (3D001, 3E001, 4D090, 4E001, 4D001, 5D002, 5D992, 5E002, 5E992) for the chip, computer or .z item described: it takes the hardware's licence answer",
      ),
    ...contextFields,
  })
  .refine((v) => v.chip !== undefined || v.specs !== undefined || v.hbmStack !== undefined, {
    message: "give a catalogue chip (chip), its specs (specs) or an HBM stack (hbmStack)",
    path: ["chip"],
  });
export type ClassifyItem = z.infer<typeof classifyItem>;

/** Batch classification: shared context, and rows that may override it. Rows are checked one by one. */
export function classifyBatchSchema(maxRows: number) {
  return z.strictObject({
    ...contextFields,
    rows: z
      .array(z.unknown())
      .min(1, "must hold at least one row")
      .max(maxRows, `at most ${maxRows} rows per request`)
      .describe("each row has the shape of a single classify request; a bad row gets its own error"),
  });
}

/** Comma-separated list in a query string, each item trimmed, empty items dropped. */
export function commaList<T extends z.ZodType<string, string>>(maxItems: number, item: T) {
  return z
    .string()
    .max(2000)
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter((x) => x !== ""),
    )
    .pipe(z.array(item).max(maxItems, `at most ${maxItems} items`));
}

/** A scenario: a built-in name, a saved id (64 hex digits), or an inline scenario object (YAML as JSON). */
export const scenarioRef = z
  .union([z.string().min(1).max(100), z.record(z.string(), z.unknown())])
  .describe(
    "built-in name (e.g. status-quo), saved scenario id, or a scenario object; `extends` may name a built-in",
  );

/** Parameter overrides: name → number or distribution object, applied after `extends`. */
export const overridesSchema = z
  .record(z.string().max(64), z.unknown())
  .refine((o) => Object.keys(o).length <= 64, "at most 64 overrides")
  .describe("parameter name → number or distribution object, e.g. { leakRate: { dist: point, value: 0 } }");

export const scenarioBody = z.strictObject({ scenario: scenarioRef, overrides: overridesSchema.optional() });

/** POST /simulate. */
export function simulateBody(limits: ApiLimits) {
  return z.strictObject({
    scenario: scenarioRef,
    overrides: overridesSchema.optional(),
    draws: z
      .number()
      .int()
      .min(1)
      .max(limits.maxDraws)
      .optional()
      .describe(`Monte Carlo draws (≤ ${limits.maxDraws}; default the scenario's)`),
    seed: z.number().int().min(0).max(4294967295).optional().describe("PRNG seed (default the scenario's)"),
    horizon: quarter.optional().describe(`last simulated quarter (≤ ${limits.maxHorizonYear}Q4)`),
    conditions: z
      .array(z.string().max(100))
      .max(20)
      .optional()
      .describe('extra conditions such as "gapMonths@2028Q4<6"'),
    counterfactual: z
      .string()
      .max(100)
      .optional()
      .describe("built-in scenario to compare against (e.g. no-controls)"),
    dataset: z.number().int().min(1).optional().describe("observed-data version (default the latest)"),
    save: z
      .boolean()
      .optional()
      .describe("store the scenario and the run; the same inputs return the same run id"),
    variables: z
      .array(z.enum(VARIABLES))
      .min(1)
      .max(VARIABLES.length)
      .optional()
      .describe("summarise only these variables (default all; fewer answer sooner, same numbers)"),
  });
}

/** POST /sensitivity. */
export function sensitivityBody(limits: ApiLimits) {
  return z.strictObject({
    scenario: scenarioRef,
    overrides: overridesSchema.optional(),
    horizon: quarter.optional(),
    output: z
      .string()
      .max(64)
      .optional()
      .describe("variable@quarter, e.g. gapMonths@2028Q4 (default gapMonths at the horizon)"),
    sobol: z.boolean().optional().describe("also compute Sobol indices (default true)"),
    N: z
      .number()
      .int()
      .min(16)
      .max(limits.maxSensitivitySamples)
      .optional()
      .describe(`Sobol base rows (16–${limits.maxSensitivitySamples}, default 1024); N·(k + 2) model runs`),
    bootstrap: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .optional()
      .describe("bootstrap resamples for the intervals (default 200)"),
    seed: z.number().int().min(0).max(4294967295).optional(),
    dataset: z.number().int().min(1).optional(),
  });
}

/** POST /backtest. */
export function backtestBody(limits: ApiLimits) {
  return z.strictObject({
    scenario: scenarioRef.optional().describe("default history"),
    overrides: overridesSchema.optional(),
    draws: z.number().int().min(1).max(limits.maxDraws).optional(),
    seed: z.number().int().min(0).max(4294967295).optional(),
    from: quarter.optional().describe("first scored quarter (default 2023Q1)"),
    to: quarter.optional().describe("last scored quarter (default 2026Q4)"),
    dataset: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("observed-data version to score against (default the latest)"),
  });
}

/** Largest page of GET /models (the bundled dataset has 607 rows, so a page of 1,000 holds it all). */
export const MAX_MODELS_PAGE = 1000;
/** Page size of GET /models when `limit` is not given. */
export const DEFAULT_MODELS_PAGE = 100;

/** GET /models query. */
export const modelListQuery = z.strictObject({
  dataset: queryInt(1, 1_000_000).optional().describe("dataset version (default the latest)"),
  bloc: z
    .enum(["US", "CN", "joint", "other"], { message: "must be one of US, CN, joint, other" })
    .optional()
    .describe("developer bloc: US, CN, joint (US and Chinese organisations both listed) or other"),
  q: z
    .string()
    .max(100, "must be at most 100 characters")
    .optional()
    .describe("substring of id, name or organization (case-insensitive)"),
  limit: queryInt(1, MAX_MODELS_PAGE)
    .optional()
    .describe(`rows per page, 1–${MAX_MODELS_PAGE} (default ${DEFAULT_MODELS_PAGE})`),
  offset: queryInt(0, 1_000_000).optional().describe("rows to skip before the page (default 0)"),
});

/** One curated model row (data/models.csv; null = unknown, never guessed). Documents GET /models. */
export const modelRecordSchema = z.object({
  id: z.string(),
  name: z.string().describe("Epoch's model name"),
  organization: z.string().describe("as Epoch lists it; several separated by commas"),
  bloc: z.enum(["US", "CN", "joint", "other"]),
  countries: z.string().describe("Epoch's country field verbatim"),
  releaseDate: z.string().describe("YYYY-MM-DD"),
  accessibility: z.enum(["open-weights", "api", "unreleased"]).nullable(),
  trainingComputeFlop: z.number().nullable(),
  computeMethod: z.string().nullable().describe("Epoch's training-compute estimation method"),
  computeConfidence: z.string().nullable().describe("Epoch's confidence label for the compute estimate"),
  hardware: z.string().nullable(),
  hardwareQuantity: z.number().nullable(),
  eci: z.number().nullable().describe("best Epoch Capabilities Index score over the variants"),
  gpqaDiamond: z.number().nullable(),
  arenaElo: z.number().nullable().describe("latest Arena rating of any variant id"),
  variants: z.array(z.string()),
  source: z.string().describe("Epoch file(s) and the row's model name there"),
  provenance: z
    .object({
      grade: z.enum(["primary", "dataset", "secondary", "estimate", "roadmap", "unverified"]),
      fields: z.record(z.string(), z.string()).describe("column → grade, where it differs from the row's"),
    })
    .optional()
    .describe("how far to trust the row: dataset, or unverified when Epoch flags it; per-field exceptions"),
  restriction: z
    .string()
    .nullable()
    .optional()
    .describe("why the row is left out of the capability frontiers by default; null = counted"),
  blocBasis: z
    .string()
    .optional()
    .describe("countries, or the data/bloc-overrides.csv entry that set the bloc"),
});

/** GET /models response. */
export const modelListResponse = z.object({
  dataset: z.object({ version: z.number().int(), kind: z.string(), label: z.string() }),
  attribution: z.string(),
  fields: z.record(z.string(), z.string()).describe("field → where its value comes from"),
  total: z.number().int().describe("rows matching the filters"),
  offset: z.number().int(),
  limit: z.number().int(),
  count: z.number().int().describe("rows in this page"),
  models: z.array(modelRecordSchema),
});

const groupMemberOut = z.object({
  code: z.string().describe("ISO 3166-1 alpha-2"),
  from: z.string().nullable().describe("first day of membership when it began inside the modelled period"),
  to: z.string().nullable().describe("last day of membership when it ended"),
});

/** GET /country-groups response. */
export const countryGroupsResponse = z.object({
  file: z.string(),
  asOf: z.string(),
  count: z.number().int(),
  groups: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      validFrom: z.string(),
      source: z.string(),
      includes: z.array(z.string()),
      members: z.array(groupMemberOut).describe("members listed in the group itself"),
      resolvedMembers: z.array(groupMemberOut).describe("members with included groups expanded"),
    }),
  ),
  aliases: z.array(
    z.object({
      code: z.string(),
      treatAs: z.string(),
      from: z.string(),
      note: z.string(),
      source: z.string(),
    }),
  ),
  notes: z.array(z.string()),
});
