import { z } from "zod";
import { isIsoDate } from "../units/quarters.js";

/**
 * The shape of data/rules/*.json and data/country-groups.json, validated when a ruleset is built.
 * data/rules/rule.schema.json is generated from `ruleFileSchema` (test/rules/schema.test.ts checks they agree).
 */

const date = z.string().refine(isIsoDate, { message: "must be a date YYYY-MM-DD" });
const iso2 = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code in capitals");
const nonNeg = z.number().min(0);
const reviewPolicy = z.enum(["presumption-of-denial", "case-by-case", "presumption-of-approval"]);

export const STATUSES = [
  "in-force",
  "pending-compliance",
  "superseded",
  "not-enforced",
  "suspended",
] as const;

const statusEntry = z.object({
  from: date,
  status: z.enum(STATUSES),
  note: z.string().optional(),
  source: z.string().optional(),
});

/**
 * How a text binds: codified rule text; in the CFR but not enforced; binding only on parties BIS has informed;
 * agency guidance; or a reading that rests on a secondary source (law-firm or press summary).
 */
export const STANDINGS = [
  "codified",
  "not-enforced",
  "is-informed-only",
  "guidance",
  "secondary-source",
] as const;
const standing = z.enum(STANDINGS);

/** Where a text reference lives: the paragraph and the document that states it. */
const cited = {
  paragraph: z.string().min(1),
  citation: z.string().min(1),
  /** The Federal Register page (or page range) that put the paragraph in the CFR, when located. */
  pin: z.string().optional(),
  standing: standing.optional(),
};

/** A paragraph that moved on a date (the headquarters rule: §744.23(a)(3), then §742.6(a)(6)(iii)(A)). */
const datedParagraph = z.object({
  from: date.optional(),
  to: date.optional(),
  ...cited,
});

/** A destination named directly, optionally from a date (Macau joined the 2022 controls on 2023-01-17). */
const datedDestination = z.object({ code: iso2, from: date.optional(), source: z.string().optional() });

/** Country scope of a licence requirement. Group names refer to data/country-groups.json. */
const scope = z.object({
  destinations: z.array(datedDestination).default([]),
  destinationGroups: z.array(z.string()).default([]),
  excludeGroups: z.array(z.string()).default([]),
  /** A party headquartered in (or whose ultimate parent is in) one of these needs a licence anywhere. */
  headquartersGroups: z.array(z.string()).default([]),
  /** Where the headquarters requirement sits, by date (defaults to `paragraph`). */
  headquartersParagraphs: z.array(datedParagraph).default([]),
  ...cited,
});

const prong = z.object({
  test: z.string().min(1),
  paragraph: z.string().min(1),
  /** The FR page that printed this paragraph, or why it is not given ("pin not confirmed: …"). */
  pin: z.string().optional(),
  tppAtLeast: nonNeg.optional(),
  tppBelow: nonNeg.optional(),
  pdAtLeast: nonNeg.optional(),
  pdBelow: nonNeg.optional(),
});

const exceptionRule = z.object({
  id: z.enum(["NAC", "ACA", "HBM", "LPP", "AIA"]),
  from: date,
  to: date.optional(),
  /** who may use it: everyone in scope, only D:5/Macau(-headquartered) parties, or only the others (D:1/D:4). */
  parties: z.enum(["all", "d5-macau", "other"]),
  /** License Exception HBM (§740.25) covers only stacks below this memory bandwidth density. */
  densityBelowGBpsPerMm2: nonNeg.optional(),
  /** What the exporter must meet or do to use the exception, each in words (with its paragraph). */
  conditions: z.array(z.string()).default([]),
  /** How it is used: notifications, waiting periods, limits, reporting. */
  mechanics: z.array(z.string()).default([]),
  ...cited,
});

const perfIo = z.object({
  family: z.literal("perf_io"),
  eccn: z.literal("3A090.a"),
  perf: z.object({ atLeast: nonNeg, test: z.string(), ...cited }),
  io: z.object({ atLeastGBps: nonNeg, test: z.string(), ...cited }),
  licence: scope,
  reviewPolicy: z.object({ policy: reviewPolicy, ...cited }),
});

const tppPd = z.object({
  family: z.literal("tpp_pd"),
  classes: z.array(z.object({ eccn: z.enum(["3A090.a", "3A090.b"]), prongs: z.array(prong).min(1) })).min(1),
  note2: z.object({ tppBelow: nonNeg, test: z.string(), ...cited }),
  licence: scope,
  reviewPolicy: z.object({
    denialGroups: z.array(z.string()),
    denial: reviewPolicy,
    otherwise: reviewPolicy,
    ...cited,
  }),
  exceptions: z.array(exceptionRule).default([]),
});

const hbmDensity = z.object({
  family: z.literal("hbm_density"),
  eccn: z.literal("3A090.c"),
  densityAboveGBpsPerMm2: nonNeg,
  test: z.string(),
  coPackagedNote: z.string(),
  paragraph: z.string(),
  citation: z.string(),
  pin: z.string().optional(),
  licence: scope,
  reviewPolicy: z.object({ policy: reviewPolicy, ...cited }),
  exceptions: z.array(exceptionRule).default([]),
});

const bandwidthTrigger = z.object({
  family: z.literal("bandwidth_trigger"),
  memoryAtLeastGBps: nonNeg,
  ioAtLeastGBps: nonNeg,
  sumAtLeastGBps: nonNeg,
  test: z.string(),
  paragraph: z.string(),
  citation: z.string(),
  pin: z.string().optional(),
  licence: scope,
  /** null: the letters were not published and the review policy is not known. */
  reviewPolicy: reviewPolicy.nullable(),
  uncertain: z.string().optional(),
});

const caseByCase = z.object({
  family: z.literal("case_by_case"),
  destinations: z.array(iso2).min(1),
  /** Buyers headquartered here keep the case-by-case path… */
  headquartersAllowed: z.array(iso2),
  /** …while other buyers headquartered in these groups keep the presumption of denial. */
  deniedHeadquartersGroups: z.array(z.string()),
  tppBelow: nonNeg,
  dramBandwidthBelowGBps: nonNeg,
  test: z.string(),
  conditions: z.array(z.string()),
  /** Conditions read from secondary sources (law-firm or press summaries), shown marked as such. */
  secondaryConditions: z.array(z.object({ text: z.string(), source: z.string() })).default([]),
  /** Only exports from the United States get the case-by-case path (reexports and transfers keep denial). */
  exportsFromUsOnly: z.boolean().default(true),
  paragraph: z.string(),
  citation: z.string(),
  pin: z.string().optional(),
});

const tiers = z.object({
  family: z.literal("tiers"),
  eccns: z.array(z.enum(["3A090.a", "3A090.b"])).min(1),
  tier1Group: z.string(),
  tier3Group: z.string(),
  lppTppPerConsigneePerYear: nonNeg,
  countryCapTpp: nonNeg,
  tier2ReviewPolicy: reviewPolicy.nullable(),
  paragraph: z.string(),
  citation: z.string(),
  pin: z.string().optional(),
});

export const criterionSchema = z.discriminatedUnion("family", [
  perfIo,
  tppPd,
  hbmDensity,
  bandwidthTrigger,
  caseByCase,
  tiers,
]);

export const ruleFileSchema = z.object({
  $schema: z.string().optional(),
  id: z
    .string()
    .regex(/^\d{4}-\d{2}(-\d{2})?(-[a-z0-9-]+)?$/, "must look like 2023-10-17 or 2025-04-bandwidth"),
  title: z.string().min(1),
  kind: z.enum(["interim-final-rule", "final-rule", "is-informed-letters"]),
  citation: z.string().min(1),
  published: date,
  effective: date,
  /** When compliance became mandatory, if later than `effective`. */
  complianceDate: date.optional(),
  status: z.array(statusEntry).min(1),
  supersedes: z.array(z.string()).default([]),
  amendments: z
    .array(z.object({ date, citation: z.string(), summary: z.string(), source: z.string().optional() }))
    .default([]),
  criteria: z.array(criterionSchema).min(1),
  sources: z.array(z.string()).min(1),
  uncertain: z.array(z.string()).default([]),
  notes: z.array(z.string()).default([]),
});

const groupMember = z.union([iso2, z.object({ code: iso2, from: date.optional(), to: date.optional() })]);

export const countryGroupsSchema = z.object({
  $comment: z.string().optional(),
  asOf: date,
  aliases: z.array(z.object({ code: iso2, treatAs: iso2, from: date, note: z.string(), source: z.string() })),
  groups: z.record(
    z.string(),
    z.object({
      title: z.string(),
      source: z.string().min(1),
      validFrom: date,
      includes: z.array(z.string()).default([]),
      members: z.array(groupMember),
    }),
  ),
  notes: z.array(z.string()).default([]),
});

export type RuleFile = z.infer<typeof ruleFileSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type CountryGroupsFile = z.infer<typeof countryGroupsSchema>;
export type ReviewPolicy = z.infer<typeof reviewPolicy>;
export type RuleStatus = (typeof STATUSES)[number];
export type ExceptionRule = z.infer<typeof exceptionRule>;
export type Scope = z.infer<typeof scope>;
export type Prong = z.infer<typeof prong>;
export type Standing = (typeof STANDINGS)[number];
