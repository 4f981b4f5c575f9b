import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseSetArg, prepareRun } from "../../data/scenarios.js";
import { toCsv } from "../../data/csv.js";
import {
  CHANNELS,
  DEFAULT_MAX_DRAWS,
  formatIssues,
  runScenario,
  type SimResult,
  type Summary,
} from "../../engine/sim/index.js";
import { num, parse } from "../args.js";
import { CliFailure, type CliIo, type Command, UsageError } from "../command.js";
import { fmt, json, table } from "../format.js";
import { progressBar } from "../progress.js";
import { loadPosteriorRef } from "./calibrate.js";

/** Six significant digits: stable across platforms' last-bit differences in exp/log, and readable. */
export function round6(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}

function roundSummary(s: Summary): Summary {
  return {
    p5: s.p5.map(round6),
    p25: s.p25.map(round6),
    p50: s.p50.map(round6),
    p75: s.p75.map(round6),
    p95: s.p95.map(round6),
    mean: s.mean.map(round6),
  };
}

/** The documented JSON shape of a run, numbers rounded to six significant digits. */
export function resultJson(r: SimResult) {
  const series = Object.fromEntries(Object.entries(r.series).map(([k, v]) => [k, roundSummary(v)]));
  let counterfactualRatio: Record<string, unknown> | null = null;
  if (r.counterfactualRatio) {
    const { against, ...rest } = r.counterfactualRatio;
    counterfactualRatio = {
      against,
      ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, roundSummary(v as Summary)])),
    };
  }
  return {
    scenario: r.scenario,
    seed: r.seed,
    draws: r.draws,
    quarters: r.quarters,
    series,
    probabilities: Object.fromEntries(Object.entries(r.probabilities).map(([k, v]) => [k, round6(v)])),
    counterfactualRatio,
  };
}

/** Shared flags of simulate / backtest / sensitivity turned into a prepared run; throws UsageError on bad input. */
export function prepareFromFlags(
  io: CliIo,
  v: { scenario?: string; set?: string[]; horizon?: string },
  fallback: string | null,
  counterfactual = true,
) {
  const name = v.scenario ?? fallback;
  if (!name) throw new UsageError("missing --scenario (a built-in name or a YAML file)", "scenario");
  const overrides: Record<string, unknown> = {};
  for (const arg of v.set ?? []) {
    const r = parseSetArg(arg);
    if (!r.ok) throw new UsageError(formatIssues(r.issues), r.issues[0]?.path);
    overrides[r.value[0]] = r.value[1];
  }
  const prepared = prepareRun(name, {
    cwd: io.cwd,
    counterfactual,
    ...(Object.keys(overrides).length ? { overrides } : {}),
    ...(v.horizon ? { horizon: v.horizon } : {}),
  });
  if (!prepared.ok) throw new UsageError(formatIssues(prepared.issues), prepared.issues[0]?.path);
  return prepared.value;
}

const YEAR_END = /Q4$/;

/** Counts of H100e: whole numbers with separators below a million, 3 significant digits in e-notation above. */
function count(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return "—";
  return Math.abs(x) >= 1e6 ? x.toExponential(2) : Math.round(x).toLocaleString("en-US");
}

function humanReport(r: SimResult): string {
  const idx = r.quarters
    .map((q, i) => [q, i] as const)
    .filter(([q], i) => YEAR_END.test(q) || i === r.quarters.length - 1);
  const s = r.series;
  const lines: string[] = [];
  lines.push(
    `Scenario ${r.scenario} — ${r.draws.toLocaleString("en-US")} draws, seed ${r.seed}, ${r.quarters[0]}–${r.quarters.at(-1)}\n`,
  );
  lines.push(
    "Gap in months (US effective frontier ahead of China's), stocks and frontier training compute (median, 90% band):",
  );
  lines.push(
    table(
      [
        "quarter",
        "gap p50",
        "gap p5–p95",
        "CN stock H100e",
        "US stock H100e",
        "CN frontier FLOP",
        "US frontier FLOP",
      ],
      idx.map(([q, i]) => [
        q,
        fmt(s.gapMonths.p50[i], 1),
        `${fmt(s.gapMonths.p5[i], 1)} – ${fmt(s.gapMonths.p95[i], 1)}`,
        count(s.cnStockH100e.p50[i]),
        count(s.usStockH100e.p50[i]),
        fmt(s.cnFrontierFlop.p50[i], 2),
        fmt(s.usFrontierFlop.p50[i], 2),
      ]),
    ),
  );
  lines.push("China's inflows by channel, H100e per quarter (mean over draws):");
  lines.push(
    table(
      ["quarter", ...CHANNELS.map((c) => c.replace("H100e", ""))],
      idx.map(([q, i]) => [q, ...CHANNELS.map((c) => count(s[c].mean[i]))]),
    ),
  );
  const probs = Object.entries(r.probabilities);
  if (probs.length) {
    lines.push("Probabilities:");
    lines.push(
      table(
        ["condition", "P"],
        probs.map(([k, v]) => [k, fmt(v, 3)]),
      ),
    );
  }
  if (r.counterfactualRatio) {
    const c = r.counterfactualRatio;
    lines.push(`Effect of controls: ratio to ${c.against} with common random numbers (median, 90% band):`);
    lines.push(
      table(
        ["quarter", "CN accessible compute", "CN frontier FLOP", "gap change (months)"],
        idx.map(([q, i]) => [
          q,
          `${fmt(c.cnAccessibleH100e.p50[i], 3)} (${fmt(c.cnAccessibleH100e.p5[i], 3)}–${fmt(c.cnAccessibleH100e.p95[i], 3)})`,
          `${fmt(c.cnFrontierFlop.p50[i], 3)} (${fmt(c.cnFrontierFlop.p5[i], 3)}–${fmt(c.cnFrontierFlop.p95[i], 3)})`,
          `${fmt(c.gapMonthsDifference.p50[i], 1)} (${fmt(c.gapMonthsDifference.p5[i], 1)}–${fmt(c.gapMonthsDifference.p95[i], 1)})`,
        ]),
      ),
    );
  }
  return lines.join("\n");
}

function writeCsv(dir: string, r: ReturnType<typeof resultJson>): string[] {
  mkdirSync(dir, { recursive: true });
  const stats = ["p5", "p25", "p50", "p75", "p95", "mean"] as const;
  const rows: Record<string, unknown>[] = [];
  for (const [variable, sum] of Object.entries(r.series))
    for (const [i, quarter] of r.quarters.entries())
      rows.push({ variable, quarter, ...Object.fromEntries(stats.map((k) => [k, sum[k][i]])) });
  const files: string[] = [];
  const put = (name: string, text: string) => {
    const f = resolve(dir, name);
    writeFileSync(f, text);
    files.push(f);
  };
  put("series.csv", toCsv(["variable", "quarter", ...stats], rows));
  put(
    "probabilities.csv",
    toCsv(
      ["condition", "probability"],
      Object.entries(r.probabilities).map(([condition, probability]) => ({ condition, probability })),
    ),
  );
  if (r.counterfactualRatio) {
    const { against, ...rest } = r.counterfactualRatio as { against: string } & Record<string, Summary>;
    const crows: Record<string, unknown>[] = [];
    for (const [variable, sum] of Object.entries(rest))
      for (const [i, quarter] of r.quarters.entries())
        crows.push({ against, variable, quarter, ...Object.fromEntries(stats.map((k) => [k, sum[k][i]])) });
    put("counterfactual.csv", toCsv(["against", "variable", "quarter", ...stats], crows));
  }
  return files;
}

export const simulateCommand: Command = {
  name: "simulate",
  summary: "Monte Carlo of both blocs' compute, frontier training and the gap under a policy scenario",
  usage: `chokepoint simulate --scenario NAME|FILE [--draws N] [--seed N] [--horizon 2032Q4]
                    [--set param=value]... [--condition TEXT]... [--max-draws N]
                    [--no-counterfactual] [--posterior ID|latest] [--db FILE] [--json] [--csv DIR]

Runs a scenario (built-in: history, no-controls, rules-2022-only, status-quo, tighten, loosen,
full-enforcement; or your own YAML file, which may 'extends: status-quo') and prints, per quarter,
the gap in months, both blocs' stocks and frontier training compute, China's inflows by channel,
the probabilities of the scenario's conditions, and the ratio to no-controls computed with the same
random numbers.

  --set leakRate=0.01                 fix a parameter (a number), or give a distribution in YAML:
  --set 'leakRate={dist: uniform, min: 0, max: 0.02}'
  --condition 'gapMonths@2028Q4<6'    add a probability to report (variable@quarter op value)
  --draws N                           default: the scenario's (10,000); capped at --max-draws
                                      (default ${DEFAULT_MAX_DRAWS.toLocaleString("en-US")}); above 10,000, quantiles are
                                      averaged over 10,000-draw chunks (means and probabilities exact)
  --csv DIR                           also write series.csv, probabilities.csv, counterfactual.csv
  --posterior ID|latest               draw the parameters from a calibrated posterior (\`chokepoint
                                      calibrate\`) instead of the scenario's priors; the seed picks the
                                      same particles in every scenario (common random numbers); a
                                      segment the scenario changes is drawn from the scenario

The same scenario, seed and draws give byte-identical output. --json prints
{ scenario, seed, draws, quarters, series: { <variable>: { p5, p25, p50, p75, p95, mean } },
  probabilities, counterfactualRatio }.`,
  async run(argv, io) {
    const { values } = parse(argv, {
      scenario: { type: "string" },
      draws: { type: "string" },
      seed: { type: "string" },
      horizon: { type: "string" },
      set: { type: "string", multiple: true },
      condition: { type: "string", multiple: true },
      "max-draws": { type: "string" },
      counterfactual: { type: "boolean", default: true },
      json: { type: "boolean" },
      csv: { type: "string" },
      posterior: { type: "string" },
      db: { type: "string" },
    });
    const maxDraws = num("max-draws", values["max-draws"], { integer: true, min: 1 }) ?? DEFAULT_MAX_DRAWS;
    const draws = num("draws", values.draws, { integer: true, min: 1 });
    if (draws !== undefined && draws > maxDraws)
      throw new UsageError(
        `invalid --draws: ${draws} (must be ≤ ${maxDraws}, the draw cap; raise it with --max-draws if you have the memory and time)`,
        "draws",
      );
    const seed = num("seed", values.seed, { integer: true, min: 0, max: 0xffffffff });
    const prep = prepareFromFlags(io, values, null, values.counterfactual !== false);
    const posterior = values.posterior ? loadPosteriorRef(values.db, io, values.posterior) : null;
    const bar = progressBar(io, "simulating", !values.json);
    const r = runScenario(prep.scenario, prep.inputs, {
      ...(draws !== undefined ? { draws } : {}),
      ...(seed !== undefined ? { seed } : {}),
      maxDraws,
      conditions: values.condition ?? [],
      ...(prep.counterfactual ? { counterfactual: prep.counterfactual } : {}),
      ...(posterior ? { posterior: posterior.particles } : {}),
      onProgress: (f) => bar.update(f),
    });
    bar.done();
    if (!r.ok)
      throw new UsageError(
        formatIssues(r.issues).replace(/^invalid posterior/, `invalid --posterior ${posterior?.id ?? ""}`),
        r.issues[0]?.path,
      );
    const out = posterior
      ? { ...resultJson(r.value), posterior: { id: posterior.id, asOf: posterior.meta.asOf } }
      : resultJson(r.value);
    if (values.csv) {
      try {
        const files = writeCsv(resolve(io.cwd, values.csv), out);
        if (!values.json) io.stderr(`wrote ${files.join(", ")}\n`);
      } catch (err) {
        throw new CliFailure(`cannot write --csv ${values.csv}: ${(err as Error).message}`);
      }
    }
    const from = posterior
      ? `Parameters from posterior ${posterior.id.slice(0, 12)}… (calibrated on data to ${posterior.meta.asOf}, ESS ${Math.round(posterior.meta.ess)}).\n`
      : "";
    io.stdout(values.json ? json(out) : `${from}${humanReport(r.value)}\n`);
    return 0;
  },
};
