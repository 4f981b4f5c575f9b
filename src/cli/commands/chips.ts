import { loadChips } from "../../data/chips.js";
import { loadRuleset } from "../../data/rules.js";
import { classificationCaveats } from "../../engine/chips/caveats.js";
import { h100e, pd, tpp, tppIsLowerBound } from "../../engine/chips/metrics.js";
import { formatProvenance } from "../../engine/provenance.js";
import { evaluate } from "../../engine/rules/evaluate.js";
import { isoDate, parse, today } from "../args.js";
import { type CliIo, CliFailure, type Command, UsageError } from "../command.js";
import { fmt, json, table } from "../format.js";
import { langFlag, translator } from "../lang.js";

const USAGE = `chokepoint chips — list the chip catalogue (data/chips.csv) with derived TPP, PD and H100e

Usage: chokepoint chips [--date YYYY-MM-DD] [--show-sources] [--lang en|zh-CN] [--json]

The "licence to CN" column is the rule engine's answer for a China-headquartered buyer in China on --date
(default today); run chokepoint classify --chip <id> to see why.

"grade" is how far a row can be trusted: primary (datasheet, rule text, filing), dataset (Epoch AI row),
secondary (press, analyst), estimate (method in notes), roadmap (announced, not shipped). A "*" after the class
means the answer rests on a weaker figure or a TPP that is only a lower bound ("≥"); --show-sources lists why,
with every row's per-field grades and sources. --lang zh-CN gives the headers and summary in Simplified Chinese
(--json keeps its English keys).
`;

export const chipsCommand: Command = {
  name: "chips",
  summary: "List the chip catalogue with TPP, PD, H100e and today's licence status for China",
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values: v, positionals } = parse(
      argv,
      {
        json: { type: "boolean" },
        date: { type: "string" },
        "show-sources": { type: "boolean" },
        lang: { type: "string" },
      },
      false,
    );
    const lang = langFlag(v.lang as string | undefined);
    const tr = translator(lang);
    if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const date = isoDate("date", v.date) ?? today();
    let chips: ReturnType<typeof loadChips>;
    try {
      chips = loadChips();
    } catch (err) {
      throw new CliFailure(`cannot load the chip catalogue: ${(err as Error).message}`);
    }
    const ruleset = loadRuleset();
    const rows = chips.map((c) => {
      const t = tpp(c);
      const r = evaluate(c, { date, destination: "CN" }, ruleset);
      return {
        chip: c,
        tpp: t.tpp,
        tppLowerBound: tppIsLowerBound(c),
        tppPrecision: t.precision,
        pd: pd(t.tpp, c.dieAreaMm2),
        h100e: h100e(c),
        china: {
          date,
          classification: r.classification,
          licenseRequired: r.licenseRequired,
          reviewPolicy: r.reviewPolicy,
        },
        caveats: classificationCaveats(c),
      };
    });
    if (v.json) {
      io.stdout(json(rows.map(({ chip, ...rest }) => ({ ...chip, ...rest }))));
      return 0;
    }
    io.stdout(
      table(
        [
          "id",
          tr("vendor"),
          tr("released"),
          tr("DC"),
          tr("origin"),
          tr("grade"),
          "TPP",
          "PD",
          "H100e",
          tr("mem GB/s"),
          tr("I/O GB/s"),
          tr("class {date}", { date }),
          tr("licence to CN"),
        ],
        rows.map((r) => [
          r.chip.id,
          r.chip.vendor,
          r.chip.releaseDate,
          r.chip.datacenter === null ? "?" : r.chip.datacenter ? tr("yes") : tr("no"),
          r.chip.origin,
          r.chip.provenance?.grade ?? "",
          r.tppLowerBound ? `≥${fmt(r.tpp)}` : fmt(r.tpp),
          fmt(r.pd),
          fmt(r.h100e, 3),
          fmt(r.chip.memoryBandwidthGBps),
          fmt(r.chip.ioBandwidthGBps),
          `${r.china.classification}${r.caveats.length ? "*" : ""}`,
          r.china.licenseRequired === null ? tr("unknown") : r.china.licenseRequired ? tr("yes") : tr("no"),
        ]),
      ),
    );
    io.stdout(
      `${tr("{n} chips. TPP = dense TOPS × bit length (max over precisions); H100e = TPP / 15,832.", { n: rows.length })}\n`,
    );
    const flagged = rows.filter((r) => r.caveats.length);
    if (flagged.length)
      io.stdout(
        `* ${flagged.length} classifications rest on a weaker figure or a lower-bound TPP${v["show-sources"] ? " (listed below)" : "; --show-sources lists them"}.\n`,
      );
    if (v["show-sources"]) {
      io.stdout("\nSources and grades (row grade; field=grade exceptions):\n");
      for (const r of rows) {
        io.stdout(
          `\n${r.chip.id} — ${r.chip.provenance ? formatProvenance(r.chip.provenance) : "no grade"}\n`,
        );
        for (const c of r.caveats) io.stdout(`  * ${c.message}\n`);
        for (const s of r.chip.sources) io.stdout(`  ${s}\n`);
      }
    }
    return 0;
  },
};
