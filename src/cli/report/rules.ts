import { loadChips } from "../../data/chips.js";
import { loadRuleset } from "../../data/rules.js";
import { activeRules } from "../../engine/rules/evaluate.js";
import { bestLegalChip } from "../../engine/rules/legal.js";
import { statusAt } from "../../engine/rules/ruleset.js";
import { fmt, width } from "../format.js";
import { translator } from "../lang.js";
import type { ReportSectionFn } from "./section.js";

/** Rules in force for a China-headquartered buyer in China on the report date, and the best chip it may buy. */
export const rulesSection: ReportSectionFn = async (ctx) => {
  const lang = ctx.lang ?? "en";
  const tr = translator(lang);
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
    tr("Rules applying to exports to China on {date}:", { date: ctx.date }),
    // Padded by terminal cells, so Chinese statuses (two cells a character) line up too.
    ...listed.map((r) => {
      const status = tr(r.status ?? "");
      return `  ${r.id.padEnd(22)} ${status}${" ".repeat(Math.max(1, 19 - width(status)))}${r.citation}`;
    }),
    chipsError
      ? tr("Best chip a Chinese buyer may import without a licence: unknown ({error})", { error: chipsError })
      : best
        ? tr("Best chip a Chinese buyer may import without a licence: {name} ({id}), {h100e} H100e", {
            name: best.name,
            id: best.chipId,
            h100e: fmt(best.h100e, 3, lang),
          })
        : tr(
            "Best chip a Chinese buyer may import without a licence: none in the catalogue (US-origin datacenter chips only)",
          ),
  ];
  return {
    title: "Export controls",
    heading: tr("Export controls"),
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
