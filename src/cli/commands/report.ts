import { isoDate, parse, today } from "../args.js";
import type { Command } from "../command.js";
import { json } from "../format.js";
import { langFlag, translator } from "../lang.js";
import { gapSection } from "../report/gap.js";
import { rulesSection } from "../report/rules.js";
import type { ReportSection } from "../report/section.js";
import { simSection } from "../report/sim.js";

export const reportCommand: Command = {
  name: "report",
  summary: "Headline: rules in force for China, best legal chip, measured gap, simulated gap",
  usage: `chokepoint report [--date YYYY-MM-DD] [--db FILE] [--lang en|zh-CN] [--json]

A short human-readable headline of where the race stands on a date (default: today):
the export-control rules in force for China and the best chip a Chinese buyer may legally get,
the measured gap on the Epoch Capabilities Index (overall and open-weight), and the simulated
gap in 2028 under status-quo versus no controls. --lang zh-CN writes the human report in Simplified Chinese
(--json keeps its English keys).`,
  async run(argv, io) {
    const { values } = parse(argv, {
      date: { type: "string" },
      db: { type: "string" },
      lang: { type: "string" },
      json: { type: "boolean" },
    });
    const lang = langFlag(values.lang);
    const date = isoDate("date", values.date) ?? today();
    const ctx = { io, date, lang, ...(values.db ? { db: values.db } : {}) };
    const sections: ReportSection[] = [];
    for (const fn of [rulesSection, gapSection, simSection]) {
      const s = await fn(ctx);
      if (s) sections.push(s);
    }
    if (values.json) {
      io.stdout(json({ date, sections: Object.fromEntries(sections.map((s) => [s.title, s.json])) }));
      return 0;
    }
    io.stdout(`${translator(lang)("Chokepoint report — {date}", { date })}\n\n`);
    for (const s of sections) io.stdout(`${s.heading}\n${s.lines.map((l) => `  ${l}`).join("\n")}\n\n`);
    return 0;
  },
};
