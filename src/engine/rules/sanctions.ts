import { z } from "zod";
import { isIsoDate } from "../units/quarters.js";
import type { ReviewPolicy } from "./schema.js";

/**
 * Embargoes and sanctions (15 CFR part 746): country-wide licence requirements that apply whatever the item's
 * 3A090 classification and override the exceptions the country-group layer would allow. Data: data/sanctions.json.
 */

const date = z.string().refine(isIsoDate, { message: "must be a date YYYY-MM-DD" });
const policy = z.enum(["presumption-of-denial", "case-by-case", "presumption-of-approval"]);
const standing = z.enum(["codified", "not-enforced", "is-informed-only", "guidance", "secondary-source"]);

const policySpan = z.object({
  from: date,
  policy,
  paragraph: z.string().min(1),
  citation: z.string().min(1),
  note: z.string().optional(),
});

const programme = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, "must be kebab-case"),
  title: z.string().min(1),
  /** ISO2 destination; `regions` narrows it to named regions (the covered regions of Ukraine). */
  destination: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code in capitals"),
  regions: z.array(z.string().regex(/^[a-z-]+$/)).default([]),
  from: date,
  to: date.optional(),
  /** "ccl": items on the Commerce Control List; "all-subject": every item subject to the EAR (food/medicine aside). */
  items: z.enum(["ccl", "all-subject"]),
  paragraph: z.string().min(1),
  citation: z.string().min(1),
  pin: z.string().optional(),
  standing,
  policies: z.array(policySpan).min(1),
  /** The exception section: only the exceptions it lists may be used. */
  exceptionsParagraph: z.string().min(1),
  /** Which of the engine's advanced-computing exceptions (NAC, ACA, HBM, LPP, AIA) that list includes. */
  allowsExceptions: z.array(z.enum(["NAC", "ACA", "HBM", "LPP", "AIA"])).default([]),
  exceptionsNote: z.string().min(1),
  sources: z.array(z.string()).min(1),
  uncertain: z.array(z.string()).default([]),
});

export const sanctionsFileSchema = z.object({
  $schema: z.string().optional(),
  $comment: z.string().optional(),
  asOf: date,
  programmes: z.array(programme).min(1),
  notes: z.array(z.string()).default([]),
});

export type SanctionsFile = z.infer<typeof sanctionsFileSchema>;

/** data/items.json: 4A090 computers and the .z paragraphs (kept here beside the other non-3A090 layer data). */
export const itemsFileSchema = z.object({
  $comment: z.string().optional(),
  asOf: date,
  computers: z
    .array(
      z.object({
        eccn: z.enum(["4A090.a", "4A090.b"]),
        holds: z.enum(["3A090.a", "3A090.b"]),
        text: z.string().min(1),
        paragraph: z.string().min(1),
        citation: z.string().min(1),
        standing: standing.optional(),
        source: z.string().min(1),
      }),
    )
    .min(1),
  zParagraphs: z
    .array(
      z.object({
        eccn: z.string().regex(/^\d[A-E]\d{3}\.z$/, "must look like 5A992.z"),
        base: z.string().regex(/^\d[A-E]\d{3}$/, "must look like 5A992"),
        /** First day the paragraph was in the CCL. */
        from: date,
        citation: z.string().min(1),
        covers: z.string().min(1),
        standing: standing.default("secondary-source"),
        source: z.string().min(1),
      }),
    )
    .default([]),
  /** Software (xD) and technology (xE) entries for 3A090/4A090-level items and the .z items. */
  softwareTechnology: z
    .array(
      z.object({
        eccn: z.string().regex(/^\d[DE]\d{3}$/, "must be a software or technology ECCN such as 3E001"),
        kind: z.enum(["software", "technology"]),
        /** How the item is listed when it relates to a 3A090-level item (5D002 → 5D002.z). */
        listed: z.string().regex(/^\d[DE]\d{3}(\.z)?$/, "must look like 3E001 or 5D002.z"),
        /** Whether it covers software/technology for a plain 3A090 IC or 4A090 computer (no alsoEccn). */
        standalone: z.boolean(),
        /** The .z bases (alsoEccn values) it also covers. */
        alsoEccn: z.array(z.string().regex(/^\d[A-E]\d{3}$/, "must look like 5A992")),
        from: date,
        covers: z.string().min(1),
        citation: z.string().min(1),
        standing: standing.default("secondary-source"),
        source: z.string().min(1),
      }),
    )
    .default([])
    .refine((l) => l.every((e) => e.standalone || e.alsoEccn.length > 0), {
      message: "an entry that is not standalone must name the alsoEccn bases it covers",
    }),
  notes: z.array(z.string()).default([]),
});
export type ItemsFile = z.infer<typeof itemsFileSchema>;
export type SanctionsProgramme = z.infer<typeof programme>;

/** Programmes indexed by destination for a constant-time lookup per classification. */
export interface SanctionsIndex {
  file: SanctionsFile;
  byDestination: Map<string, SanctionsProgramme[]>;
  /** Every region name a programme knows, for input validation. */
  regions: Set<string>;
}

export function indexSanctions(file: SanctionsFile): SanctionsIndex {
  const byDestination = new Map<string, SanctionsProgramme[]>();
  const regions = new Set<string>();
  for (const p of file.programmes) {
    byDestination.set(p.destination, [...(byDestination.get(p.destination) ?? []), p]);
    for (const r of p.regions) regions.add(r);
  }
  return { file, byDestination, regions };
}

/** The programmes that reach a destination (and region) on a date. */
export function sanctionsFor(
  index: SanctionsIndex,
  destination: string,
  region: string | undefined,
  date: string,
): SanctionsProgramme[] {
  const list = index.byDestination.get(destination);
  if (!list) return [];
  const out: SanctionsProgramme[] = [];
  for (const p of list) {
    if (date < p.from || (p.to !== undefined && date > p.to)) continue;
    if (p.regions.length > 0 && (region === undefined || !p.regions.includes(region))) continue;
    out.push(p);
  }
  return out;
}

/** The licence review policy a programme states on a date (the latest span starting on or before it). */
export function programmePolicy(
  p: SanctionsProgramme,
  date: string,
): { policy: ReviewPolicy; paragraph: string; citation: string; note?: string } {
  let cur = p.policies[0]!;
  for (const s of p.policies) if (s.from <= date) cur = s;
  return cur;
}
