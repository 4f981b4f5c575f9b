import { loadChips } from "../../data/chips.js";
import { loadRuleset } from "../../data/rules.js";
import { activeRules } from "../../engine/rules/evaluate.js";
import { bestLegalChip } from "../../engine/rules/legal.js";
import { statusAt } from "../../engine/rules/ruleset.js";
import { fmt } from "../format.js";
import type { ReportSectionFn } from "./section.js";

/** Rules in force for a China-headquartered buyer in China on the report date, and the best chip it may buy. */
export const rulesSection: ReportSectionFn = async (ctx) => {
  const ruleset = loadRuleset();
  const active = activeRules(ruleset, ctx.date);
  const listed = ruleset.rules
    .map((r) => ({ id: r.id, title: r.title, citation: r.citation, status: statusAt(r, ctx.date) }))
    .filter((r) => r.status !== null && r.status !== "superseded");
  let best: ReturnType<typeof bestLegalChip> = null;
  let chipsError: string | null = null;
  try {
    best = bestLegalChip(loadChips(), ruleset, { date: ctx.date, destination: "CN", buyerHq: "CN" });
  } catch (err) {
    chipsError = (err as Error).message;
  }
  const lines = [
    `Rules applying to exports to China on ${ctx.date}:`,
    ...listed.map((r) => `  ${r.id.padEnd(22)} ${r.status?.padEnd(18)} ${r.citation}`),
    chipsError
      ? `Best chip a Chinese buyer may import without a licence: unknown (${chipsError})`
      : best
        ? `Best chip a Chinese buyer may import without a licence: ${best.name} (${best.chipId}), ${fmt(best.h100e, 3)} H100e`
        : "Best chip a Chinese buyer may import without a licence: none in the catalogue (US-origin datacenter chips only)",
  ];
  return {
    title: "Export controls",
    lines,
    json: {
      date: ctx.date,
      destination: "CN",
      buyerHq: "CN",
      rules: listed,
      applied: active.map((r) => r.id),
      bestLegalChip: best,
      ...(chipsError ? { error: chipsError } : {}),
    },
  };
};
