import { loadModels } from "../../data/models.js";
import { observedSeries } from "../../data/scenarios.js";
import { formatIssues, runScenario, scoreBacktest } from "../../engine/sim/index.js";
import { num, parse } from "../args.js";
import { type Command, UsageError } from "../command.js";
import { fmt, json, table } from "../format.js";
import { LANG_HELP, langFlag, translator } from "../lang.js";
import { progressBar } from "../progress.js";
import { rollingBacktestCli } from "./backtest-rolling.js";
import { prepareFromFlags, round6 } from "./simulate.js";

const QUARTER = /^\d{4}Q[1-4]$/;

export const backtestCommand: Command = {
  name: "backtest",
  summary: "Score the simulator's 2023–2026 bands against observed frontier compute and the observed ECI gap",
  usage: `chokepoint backtest [--scenario history] [--draws N] [--seed N] [--from 2023Q1] [--to 2026Q4]
                    [--set param=value]... [--lang en|zh-CN] [--json]
chokepoint backtest --rolling [--scenario history] [--draws 20000] [--seed N]
                    [--first-origin 2024Q2] [--last-origin QUARTER] [--method is|smc] [--lang en|zh-CN] [--json]

${LANG_HELP}

--rolling: out of sample. At origins every half-year from 2024Q2 to the last observed quarter, the
scenario is calibrated on what was known at the origin (importance sampling, as \`calibrate\`),
forecast 1–8 quarters ahead, and scored against what followed: CRPS, 50% and 90% coverage, PIT
histogram, bias (median − observed) and mean 90% width, per series (eciGap in months; frontier
FLOP per bloc in decades), beside naive baselines fitted to the same vintage: constant (mean so
far), persistence (last value), linear trend, and for the gap the published ~7 months. --json
prints { method, seed, priorDraws, lastObserved, origins, series: { <name>: { unit, pooled: {
model: { crps, coverage50, coverage90, bias, width90, pit }, baselines: { <name>: {...} } } } },
points }.

Without --rolling (in-sample):

Runs a scenario from its start (history: 2022Q3) and scores each quarter from --from to --to against
the observed series computed from data/models.csv: frontier training compute per bloc (running
maximum of released models' FLOP) and the gap on the Epoch Capabilities Index in months. Reports the
share of observations inside the 50% (p25–p75) and 90% (p5–p95) bands, the median error of the
median (decades of FLOP; months of gap), and every observation outside the 90% band. Quarters ending
after a series' newest model are left out (a running maximum past the data's end says nothing).
Consecutive quarters of a step series are not independent: read coverage as a calibration check.`,
  async run(argv, io) {
    const { values } = parse(argv, {
      scenario: { type: "string" },
      draws: { type: "string" },
      seed: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      set: { type: "string", multiple: true },
      json: { type: "boolean" },
      rolling: { type: "boolean" },
      "first-origin": { type: "string" },
      "last-origin": { type: "string" },
      method: { type: "string" },
      lang: { type: "string" },
    });
    const tr = translator(langFlag(values.lang));
    if (values.rolling) return rollingBacktestCli(values, io, tr);
    const from = values.from ?? "2023Q1";
    const to = values.to ?? "2026Q4";
    for (const [flag, v] of [
      ["from", from],
      ["to", to],
    ] as const)
      if (!QUARTER.test(v))
        throw new UsageError(`invalid --${flag}: ${JSON.stringify(v)} (must be a quarter like 2023Q1)`, flag);
    const draws = num("draws", values.draws, { integer: true, min: 1, max: 1_000_000 });
    const seed = num("seed", values.seed, { integer: true, min: 0, max: 0xffffffff });
    const prep = prepareFromFlags(io, values, "history", false);
    const bar = progressBar(io, "backtesting", !values.json);
    const r = runScenario(prep.scenario, prep.inputs, {
      ...(draws !== undefined ? { draws } : {}),
      ...(seed !== undefined ? { seed } : {}),
      onProgress: (f) => bar.update(f),
    });
    bar.done();
    if (!r.ok) throw new UsageError(formatIssues(r.issues), r.issues[0]?.path);
    const obs = observedSeries(loadModels(), r.value.quarters);
    const rep = scoreBacktest(r.value, obs, from, to);
    if (values.json) {
      const roundPoint = (p: (typeof rep.points)[number]) =>
        Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === "number" ? round6(v) : v]));
      io.stdout(
        json({
          scenario: r.value.scenario,
          seed: r.value.seed,
          draws: r.value.draws,
          window: rep.window,
          scores: rep.scores.map((s) => ({
            ...s,
            coverage50: round6(s.coverage50),
            coverage90: round6(s.coverage90),
            medianAbsError: round6(s.medianAbsError),
          })),
          overall: {
            ...rep.overall,
            coverage50: round6(rep.overall.coverage50),
            coverage90: round6(rep.overall.coverage90),
          },
          outside90: rep.outside90.map(roundPoint),
          points: rep.points.map(roundPoint),
        }),
      );
      return 0;
    }
    const pct = (x: number) => (Number.isNaN(x) ? "—" : `${Math.round(x * 100)}%`);
    const lines = [
      tr("Backtest of {scenario} — {draws} draws, seed {seed}, scored {from}–{to}", {
        scenario: r.value.scenario,
        draws: r.value.draws.toLocaleString("en-US"),
        seed: r.value.seed,
        from,
        to,
      }),
      `${tr("(quarters ending after a series' newest model in data/models.csv are left out)")}\n`,
      table(
        [tr("observed series"), "n", tr("in 50% band"), tr("in 90% band"), tr("median |error|")],
        rep.scores.map((s) => [
          s.variable,
          s.n,
          pct(s.coverage50),
          pct(s.coverage90),
          `${fmt(s.medianAbsError, 2)} ${tr(s.unit)}`,
        ]),
      ),
      `${tr("All: {n} observations, {c50} in the 50% band (ideal 50%), {c90} in the 90% band (ideal 90%).", {
        n: rep.overall.n,
        c50: pct(rep.overall.coverage50),
        c90: pct(rep.overall.coverage90),
      })}\n`,
    ];
    if (rep.outside90.length) {
      lines.push(tr("Outside the 90% band:"));
      lines.push(
        table(
          [tr("series"), tr("quarter"), tr("observed"), "p5", "p50", "p95"],
          rep.outside90.map((p) => [
            p.variable,
            p.quarter,
            fmt(p.observed, 2),
            fmt(p.p5, 2),
            fmt(p.p50, 2),
            fmt(p.p95, 2),
          ]),
        ),
      );
    } else lines.push(`${tr("No observation falls outside the 90% band.")}\n`);
    io.stdout(lines.join("\n"));
    return 0;
  },
};
