import { z } from "zod";
import { isIsoDate } from "../units/quarters.js";
import { STANDINGS } from "./schema.js";

/**
 * The BIS Affiliates rule (90 FR 47201, §744.11(a)(1)): an unlisted foreign entity owned 50 % or more by listed
 * parties is restricted as they are. Data/affiliates-rule.json dates it, including its one-year suspension from
 * 2025-11-10. The engine cannot see ownership, so it only states on each date whether the rule binds.
 */
const date = z.string().refine(isIsoDate, { message: "must be a date YYYY-MM-DD" });

export const affiliatesRuleSchema = z.object({
  $comment: z.string().optional(),
  id: z.string().min(1),
  title: z.string().min(1),
  citation: z.string().min(1),
  pin: z.string().optional(),
  paragraph: z.string().min(1),
  ownershipAtLeastPercent: z.number().min(0).max(100),
  text: z.string().min(1),
  status: z
    .array(
      z.object({
        from: date,
        status: z.enum(["in-force", "suspended"]),
        citation: z.string().min(1),
        standing: z.enum(STANDINGS),
        note: z.string().optional(),
      }),
    )
    .min(1)
    .refine((s) => s.every((x, i) => i === 0 || s[i - 1]!.from < x.from), {
      message: "status entries must be in date order",
    }),
  sources: z.array(z.string().min(1)).min(1),
});
export type AffiliatesRule = z.infer<typeof affiliatesRuleSchema>;
export type AffiliatesSpan = AffiliatesRule["status"][number];

/** The span of the rule's history that covers `date` (null before the rule took effect). */
export function affiliatesStatusAt(rule: AffiliatesRule, date: string): AffiliatesSpan | null {
  let cur: AffiliatesSpan | null = null;
  for (const s of rule.status) if (s.from <= date) cur = s;
  return cur;
}
