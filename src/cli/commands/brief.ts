import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadChips } from "../../data/chips.js";
import { loadRuleset } from "../../data/rules.js";
import { computeBrief, headlineText, renderBrief } from "../../engine/brief/index.js";
import { formatInteger } from "../../engine/format/number.js";
import { DEFAULT_MAX_DRAWS, formatIssues } from "../../engine/sim/index.js";
import { API_VERSION_TEXT } from "../../server/version.js";
import { DatasetInputError, loadDataset } from "../../store/datasets.js";
import { listPosteriors } from "../../store/posteriors.js";
import { isoDate, num, parse, today } from "../args.js";
import { CliFailure, type Command, UsageError } from "../command.js";
import { json } from "../format.js";
import { progressBar } from "../progress.js";
import { withPosteriorStore } from "./calibrate.js";
import { prepareFromFlags, round6 } from "./simulate.js";
import { langFlag } from "../lang.js";

const AGAINST = ["no-controls", "none"] as const;

export const briefCommand: Command = {
  name: "brief",
  summary:
    "One printable HTML page: headline gap, charts, assumptions, validation and sources for a scenario",
  usage: `chokepoint brief --scenario NAME|FILE --out FILE.html [--draws N] [--seed N] [--against no-controls|none]
                 [--lang en|zh-CN] [--date YYYY-MM-DD] [--db FILE] [--json]

Writes one self-contained page (inline CSS and SVG, no scripts, no external requests; prints to A4 from
a browser) with: the gap in 2028Q4 (median, 90% band, chance under 6 months) against the same run
without export controls (same seed and random numbers), a fan chart of the gap and a chart of China's
compute channels, the observed ECI gap and the best chip a Chinese buyer may import without a licence
on --date, the scenario's events and parameters with their sources, how the model was validated, and
sources and credits. Then prints the headline.

  --date YYYY-MM-DD   the page's date: rules, best legal chip and observed gap are read on it
                      (default today, UTC); the same inputs and date give a byte-identical file
  --against none      leave out the no-controls comparison
  --lang zh-CN        the page in Simplified Chinese (numbers and dates localised)

--json prints { out, scenario, seed, draws, date, lang, headline: { quarter, p5, p50, p95, pUnder6,
against, againstP50 }, observed, bestLegal } after writing the file (six significant digits).`,
  async run(argv, io) {
    const { values } = parse(argv, {
      scenario: { type: "string" },
      out: { type: "string" },
      draws: { type: "string" },
      seed: { type: "string" },
      against: { type: "string" },
      lang: { type: "string" },
      date: { type: "string" },
      db: { type: "string" },
      json: { type: "boolean" },
    });
    if (!values.out) throw new UsageError("missing --out FILE.html (where to write the brief)", "out");
    const lang = langFlag(values.lang);
    const against = values.against ?? "no-controls";
    if (!(AGAINST as readonly string[]).includes(against))
      throw new UsageError(
        `invalid --against: ${JSON.stringify(against)} (must be no-controls or none)`,
        "against",
      );
    const draws = num("draws", values.draws, { integer: true, min: 1, max: DEFAULT_MAX_DRAWS });
    const seed = num("seed", values.seed, { integer: true, min: 0, max: 0xffffffff });
    const date = isoDate("date", values.date) ?? today();
    const prep = prepareFromFlags(
      io,
      { ...(values.scenario ? { scenario: values.scenario } : {}) },
      null,
      against !== "none",
    );
    let data: ReturnType<typeof loadDataset>;
    try {
      data = loadDataset({ env: io.env, cwd: io.cwd, ...(values.db ? { db: values.db } : {}) });
    } catch (err) {
      if (err instanceof DatasetInputError) throw new UsageError(err.message, err.field);
      throw err;
    }
    const latest = withPosteriorStore(values.db, io, (s) => listPosteriors(s.db)[0] ?? null);
    const bar = progressBar(io, "simulating", !values.json);
    const r = computeBrief({
      scenario: prep.scenario,
      inputs: prep.inputs,
      counterfactual: prep.counterfactual,
      ...(draws !== undefined ? { draws } : {}),
      ...(seed !== undefined ? { seed } : {}),
      models: data.models,
      chips: loadChips(),
      ruleset: loadRuleset(),
      date,
      version: API_VERSION_TEXT,
      datasetSource:
        data.source === `dataset ${data.version}` ? `data/models.csv (${data.source})` : data.source,
      posterior: latest ? { id: latest.id, asOf: latest.meta.asOf, ess: latest.meta.ess } : null,
      onProgress: (f) => bar.update(f),
    });
    bar.done();
    if (!r.ok) throw new UsageError(formatIssues(r.issues), r.issues[0]?.path);
    const d = r.value;
    const command = [
      "chokepoint brief",
      `--scenario ${values.scenario}`,
      `--seed ${d.seed}`,
      `--draws ${d.draws}`,
      `--date ${date}`,
      ...(against === "none" ? ["--against none"] : []),
      ...(lang !== "en" ? [`--lang ${lang}`] : []),
      "--out brief.html",
    ].join(" ");
    const html = renderBrief(d, { lang, command });
    const file = resolve(io.cwd, values.out);
    try {
      writeFileSync(file, html);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new CliFailure(
        `cannot write --out ${values.out}: ${e.code ?? ""} ${e.message.replace(/^[A-Z]+: /, "")}`.replace(
          / {2,}/g,
          " ",
        ),
      );
    }
    const h = d.headline;
    if (values.json) {
      io.stdout(
        json({
          out: file,
          scenario: d.scenario.name,
          seed: d.seed,
          draws: d.draws,
          date,
          lang,
          headline: {
            quarter: h.quarter,
            p5: round6(h.p5),
            p50: round6(h.p50),
            p95: round6(h.p95),
            pUnder6: h.pUnder6,
            against: d.counterfactual?.name ?? null,
            againstP50: h.cfP50 === null ? null : round6(h.cfP50),
          },
          observed: d.observed && {
            ...d.observed,
            lagMonths: round6(d.observed.lagMonths),
            us: { ...d.observed.us, value: round6(d.observed.us.value) },
            cn: { ...d.observed.cn, value: round6(d.observed.cn.value) },
          },
          bestLegal: d.bestLegal && { ...d.bestLegal, h100e: round6(d.bestLegal.h100e) },
        }),
      );
      return 0;
    }
    const wrote =
      lang === "zh-CN"
        ? `已写入 ${file}（${Buffer.byteLength(html)} 字节；${formatInteger(d.draws, lang)} 次抽样，随机种子 ${d.seed}，日期 ${date}）。`
        : `Wrote ${file} (${Buffer.byteLength(html)} bytes; ${formatInteger(d.draws, lang)} draws, seed ${d.seed}, dated ${date}).`;
    io.stdout(`${d.scenario.name}: ${headlineText(d, lang)}\n${wrote}\n`);
    return 0;
  },
};
