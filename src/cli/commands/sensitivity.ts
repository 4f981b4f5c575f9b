import {
  formatIssues,
  makePlan,
  parseOutputRef,
  sobol,
  tornado,
  uncoveredParams,
} from "../../engine/sim/index.js";
import { num, parse } from "../args.js";
import { type Command, UsageError } from "../command.js";
import { fmt, json, table } from "../format.js";
import { LANG_HELP, langFlag, translator } from "../lang.js";
import { progressBar } from "../progress.js";
import { loadPosteriorRef } from "./calibrate.js";
import { prepareFromFlags, round6 } from "./simulate.js";

export const sensitivityCommand: Command = {
  name: "sensitivity",
  summary: "Which parameters drive an output: tornado (p10→p90) and Sobol first-order / total indices",
  usage: `chokepoint sensitivity --scenario NAME|FILE [--output gapMonths@2028Q4] [--n 2048]
                    [--bootstrap 200] [--seed N] [--no-sobol] [--set param=value]... [--lang en|zh-CN] [--json]

Tornado: every uncertain parameter moved from its 10th to its 90th percentile with all others at
their medians; bars sorted by swing. Sobol: variance-based first-order (Saltelli 2010) and total
(Jansen 1999) indices from N base rows, N·(k + 2) model runs for k parameters, with 95% bootstrap
intervals. The output is any simulated variable at a quarter, e.g. cnStockH100e@2027Q4.
--posterior ID|latest: the same on a calibrated posterior (\`chokepoint calibrate\`): the tornado moves each
parameter between its posterior p10 and p90, Sobol samples the posterior's marginals (correlations between
parameters dropped) — which uncertainties remain after the data has spoken.
${LANG_HELP}`,
  async run(argv, io) {
    const { values } = parse(argv, {
      scenario: { type: "string" },
      output: { type: "string" },
      n: { type: "string" },
      bootstrap: { type: "string" },
      seed: { type: "string" },
      sobol: { type: "boolean", default: true },
      set: { type: "string", multiple: true },
      horizon: { type: "string" },
      json: { type: "boolean" },
      posterior: { type: "string" },
      db: { type: "string" },
      lang: { type: "string" },
    });
    const tr = translator(langFlag(values.lang));
    const N = num("n", values.n, { integer: true, min: 16, max: 65_536 }) ?? 2048;
    const B = num("bootstrap", values.bootstrap, { integer: true, min: 0, max: 10_000 }) ?? 200;
    const prep = prepareFromFlags(io, values, null, false);
    const seed = num("seed", values.seed, { integer: true, min: 0, max: 0xffffffff }) ?? prep.scenario.seed;
    const plan = makePlan(prep.scenario, prep.inputs);
    if (!plan.ok) throw new UsageError(formatIssues(plan.issues));
    const out = parseOutputRef(values.output ?? "gapMonths@2028Q4", plan.value);
    if (!out.ok)
      throw new UsageError(formatIssues(out.issues).replace("invalid output", "invalid --output"), "output");
    const posterior = values.posterior ? loadPosteriorRef(values.db, io, values.posterior) : null;
    if (posterior) {
      const missing = uncoveredParams(prep.scenario, posterior.particles);
      if (missing.length)
        throw new UsageError(
          `invalid --posterior ${posterior.id}: does not cover the scenario's parameters ${missing.join(", ")}`,
          "posterior",
        );
    }
    const t = tornado(plan.value, prep.scenario, out.value, undefined, posterior?.particles);
    const bar = progressBar(io, "sobol", !values.json);
    const s =
      values.sobol === false
        ? null
        : sobol(plan.value, prep.scenario, out.value, {
            N,
            seed,
            bootstrap: B,
            onProgress: (f) => bar.update(f),
            ...(posterior ? { posterior: posterior.particles } : {}),
          });
    bar.done();
    if (values.json) {
      const r = (o: object) =>
        Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "number" ? round6(v) : v]));
      io.stdout(
        json({
          scenario: prep.scenario.name,
          ...(posterior ? { posterior: { id: posterior.id, asOf: posterior.meta.asOf } } : {}),
          output: t.output,
          tornado: { base: round6(t.base), bars: t.bars.map(r) },
          sobol: s
            ? {
                N: s.N,
                bootstrap: s.bootstrap,
                seed,
                variance: round6(s.variance),
                indices: s.indices.map(r),
              }
            : null,
        }),
      );
      return 0;
    }
    const lines = [
      `${
        posterior
          ? tr(
              "Sensitivity of {output} under {scenario} on posterior {id}… (data to {asOf}) (all others at their medians: {base})",
              {
                output: t.output,
                scenario: prep.scenario.name,
                id: posterior.id.slice(0, 12),
                asOf: posterior.meta.asOf,
                base: fmt(t.base, 2),
              },
            )
          : tr("Sensitivity of {output} under {scenario} (all others at their medians: {base})", {
              output: t.output,
              scenario: prep.scenario.name,
              base: fmt(t.base, 2),
            })
      }\n`,
      tr("Tornado (parameter p10 → p90):"),
      table(
        [tr("parameter"), "p10", "p90", tr("output at p10"), tr("output at p90"), tr("swing")],
        t.bars.map((b) => [
          b.param,
          fmt(b.low, 3),
          fmt(b.high, 3),
          fmt(b.outputAtLow, 2),
          fmt(b.outputAtHigh, 2),
          fmt(b.swing, 2),
        ]),
      ),
    ];
    if (s) {
      lines.push(
        tr("Sobol indices (N = {N}, {runs} runs, {B} bootstrap resamples, seed {seed}):", {
          N: s.N,
          runs: s.N * (s.indices.length + 2),
          B: s.bootstrap,
          seed,
        }),
      );
      lines.push(
        table(
          [tr("parameter"), tr("first order"), tr("95% interval"), tr("total"), tr("95% interval")],
          s.indices.map((i) => [
            i.param,
            fmt(i.first, 3),
            `${fmt(i.firstLow, 3)} – ${fmt(i.firstHigh, 3)}`,
            fmt(i.total, 3),
            `${fmt(i.totalLow, 3)} – ${fmt(i.totalHigh, 3)}`,
          ]),
        ),
      );
    }
    io.stdout(lines.join("\n"));
    return 0;
  },
};
