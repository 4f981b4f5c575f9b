import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { loadScenario, parseSetArg, prepareRun } from "../../data/scenarios.js";
import { toExportCsv } from "../../data/csv.js";
import {
  CHANNELS,
  DEFAULT_MAX_DRAWS,
  type Outputs,
  VARIABLES,
  type Variable,
  formatIssues,
  quarterRange,
  runScenario,
  type SimResult,
  type Summary,
} from "../../engine/sim/index.js";
import { formatNumber, type Lang } from "../../engine/format/number.js";
import { langFlag, translator } from "../lang.js";
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

/** `--set param=value` flags as scenario overrides; throws a UsageError naming the parameter on bad input. */
export function overridesFromFlags(set: readonly string[] | undefined): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const arg of set ?? []) {
    const r = parseSetArg(arg);
    if (!r.ok) throw new UsageError(formatIssues(r.issues), r.issues[0]?.path);
    overrides[r.value[0]] = r.value[1];
  }
  return overrides;
}

/** `--scenario` (default history) with its `--set` overrides, loaded; throws a UsageError on bad input. */
export function scenarioFromFlags(io: CliIo, v: { scenario?: string; set?: string[] }) {
  const overrides = overridesFromFlags(v.set);
  const loaded = loadScenario(v.scenario ?? "history", {
    cwd: io.cwd,
    ...(Object.keys(overrides).length ? { overrides } : {}),
  });
  if (!loaded.ok) throw new UsageError(formatIssues(loaded.issues), loaded.issues[0]?.path);
  return loaded.value;
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
  const overrides = overridesFromFlags(v.set);
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

function humanReport(r: SimResult, lang: Lang = "en"): string {
  const tr = translator(lang);
  /** Counts of H100e through the project's one formatter: grouped digits, powers of ten from 10⁹. */
  const count = (x: number | undefined) => formatNumber(x, { lang });
  const fmtL = (x: number | null | undefined, digits: number) => fmt(x, digits, lang);
  const idx = r.quarters
    .map((q, i) => [q, i] as const)
    .filter(([q], i) => YEAR_END.test(q) || i === r.quarters.length - 1);
  const s = r.series;
  const lines: string[] = [];
  lines.push(
    `${tr("Scenario {name} — {draws} draws, seed {seed}, {from}–{to}", {
      name: r.scenario,
      draws: formatNumber(r.draws, { lang }),
      seed: r.seed,
      from: r.quarters[0]!,
      to: r.quarters.at(-1)!,
    })}\n`,
  );
  const last = idx.at(-1)!;
  lines.push(
    `${tr(
      "In {quarter} China's best model trails the US's by a median {p50} months (90% band {p5} to {p95}) of capability (ECI), with US accessible compute {ratio}× China's.",
      {
        quarter: last[0],
        p50: fmtL(s.gapMonths.p50[last[1]], 1),
        p5: fmtL(s.gapMonths.p5[last[1]], 1),
        p95: fmtL(s.gapMonths.p95[last[1]], 1),
        ratio: fmtL(s.computeRatio.p50[last[1]], 3),
      },
    )}\n`,
  );
  lines.push(
    tr(
      "Gap in months (how long ago the US frontier first reached China's current ECI; negative: China ahead), stocks in H100e (dense 8-bit ÷ 1,979) and largest training runs (median, 90% band):",
    ),
  );
  lines.push(
    table(
      [
        tr("quarter"),
        tr("gap p50"),
        tr("gap p5–p95"),
        tr("CN stock H100e"),
        tr("US stock H100e"),
        tr("CN frontier FLOP"),
        tr("US frontier FLOP"),
      ],
      idx.map(([q, i]) => [
        q,
        fmtL(s.gapMonths.p50[i], 1),
        `${fmtL(s.gapMonths.p5[i], 1)} – ${fmtL(s.gapMonths.p95[i], 1)}`,
        count(s.cnStockH100e.p50[i]),
        count(s.usStockH100e.p50[i]),
        fmtL(s.cnFrontierFlop.p50[i], 2),
        fmtL(s.usFrontierFlop.p50[i], 2),
      ]),
    ),
  );
  const censored = idx.filter(([, i]) => (s.gapCensored?.mean[i] ?? 0) > 0);
  if (censored.length)
    lines.push(
      `Censored: in ${censored.map(([q, i]) => `${q} (${fmt(100 * s.gapCensored.mean[i]!, 1)}% of draws)`).join(", ")} the lag ran off the start of the record; those draws report the bound.\n`,
    );
  lines.push(
    tr(
      "World output and where it went, H100e per quarter (median; US + RoW + China legal + stockpile = world in every draw):",
    ),
  );
  lines.push(
    table(
      [tr("quarter"), tr("world"), tr("US"), tr("RoW (incl. smuggled)"), tr("CN legal"), tr("CN stockpile")],
      idx.map(([q, i]) => [
        q,
        count(s.worldOutputH100e.p50[i]),
        count(s.usInflowH100e.p50[i]),
        count(s.rowInflowH100e.p50[i]),
        count(s.legalH100e.p50[i]),
        count(s.stockpileH100e.p50[i]),
      ]),
    ),
  );
  lines.push(
    tr(
      "China's channels, H100e per quarter (median; remote = rented capacity available that quarter, not an inflow):",
    ),
  );
  lines.push(
    table(
      [tr("quarter"), ...CHANNELS.map((c) => tr(c.replace("H100e", "")))],
      idx.map(([q, i]) => [q, ...CHANNELS.map((c) => count(s[c].p50[i]))]),
    ),
  );
  const probs = Object.entries(r.probabilities);
  if (probs.length) {
    lines.push(tr("Probabilities:"));
    lines.push(
      table(
        [tr("condition"), "P"],
        probs.map(([k, v]) => [k, fmtL(v, 3)]),
      ),
    );
  }
  if (r.counterfactualRatio) {
    const c = r.counterfactualRatio;
    lines.push(
      tr("Effect of controls: ratio to {against} with common random numbers (median, 90% band):", {
        against: c.against,
      }),
    );
    lines.push(
      table(
        [tr("quarter"), tr("CN accessible compute"), tr("CN frontier FLOP"), tr("gap change (months)")],
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
  put("series.csv", toExportCsv(["variable", "quarter", ...stats], rows));
  put(
    "probabilities.csv",
    toExportCsv(
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
    put("counterfactual.csv", toExportCsv(["against", "variable", "quarter", ...stats], crows));
  }
  return files;
}

/**
 * Parses --vars: "all" or a comma-separated list of output variables; throws a UsageError naming the bad one.
 */
export function parseVars(text: string | undefined): Variable[] {
  if (text === undefined || text === "all") return [...VARIABLES];
  const names = text.split(",").map((v) => v.trim());
  for (const v of names)
    if (!(VARIABLES as readonly string[]).includes(v))
      throw new UsageError(`invalid --vars: "${v}" (known: all, ${VARIABLES.join(", ")})`, "vars");
  return names as Variable[];
}

/** Writes `draw,quarter,<vars>` rows for one chunk of raw outputs, six significant digits. */
function drawRows(
  out: Readonly<Outputs>,
  D: number,
  first: number,
  quarters: readonly string[],
  vars: readonly Variable[],
) {
  const lines: string[] = [];
  for (let d = 0; d < D; d++)
    for (const [q, quarter] of quarters.entries())
      lines.push(`${first + d},${quarter},${vars.map((v) => round6(out[v][q * D + d]!)).join(",")}`);
  return `${lines.join("\n")}\n`;
}

export const simulateCommand: Command = {
  name: "simulate",
  summary: "Monte Carlo of both blocs' compute, frontier training and the gap under a policy scenario",
  usage: `chokepoint simulate --scenario NAME|FILE [--draws N] [--seed N] [--horizon 2032Q4]
                    [--set param=value]... [--condition TEXT]... [--max-draws N]
                    [--no-counterfactual] [--posterior ID|latest] [--db FILE] [--lang en|zh-CN]
                    [--json] [--csv DIR]
                    [--export-draws FILE.csv [--vars all|a,b,...]]

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
  --lang zh-CN                        headline, table titles and headers in Simplified Chinese (--json and
                                      the CSV files keep their English keys)
  --csv DIR                           also write series.csv, probabilities.csv, counterfactual.csv
  --export-draws FILE.csv             also write every draw-quarter: columns draw,quarter,<variables>
  --vars all|a,b,...                  which variables --export-draws writes (default all; units in
                                      docs/model.md: H100e = dense 8-bit ÷ 1,979, FLOP, ECI, months)
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
      "export-draws": { type: "string" },
      vars: { type: "string" },
      lang: { type: "string" },
    });
    const lang = langFlag(values.lang);
    if (values.vars !== undefined && values["export-draws"] === undefined)
      throw new UsageError("--vars needs --export-draws FILE.csv", "vars");
    const exportVars = parseVars(values.vars);
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
    const quarters = quarterRange(prep.scenario.start, prep.scenario.horizon);
    let fd: number | null = null;
    const exportFile = values["export-draws"] ? resolve(io.cwd, values["export-draws"]) : null;
    if (exportFile) {
      try {
        fd = openSync(exportFile, "w");
        writeSync(fd, `draw,quarter,${exportVars.join(",")}\n`);
      } catch (err) {
        throw new CliFailure(
          `cannot write --export-draws ${values["export-draws"]}: ${(err as Error).message}`,
        );
      }
    }
    const bar = progressBar(io, "simulating", !values.json);
    const r = runScenario(prep.scenario, prep.inputs, {
      ...(draws !== undefined ? { draws } : {}),
      ...(seed !== undefined ? { seed } : {}),
      maxDraws,
      conditions: values.condition ?? [],
      ...(prep.counterfactual ? { counterfactual: prep.counterfactual } : {}),
      ...(posterior ? { posterior: posterior.particles } : {}),
      onProgress: (f) => bar.update(f),
      ...(fd !== null
        ? {
            onChunk: (o: Readonly<Outputs>, D: number, first: number) =>
              writeSync(fd!, drawRows(o, D, first, quarters, exportVars)),
          }
        : {}),
    });
    bar.done();
    if (fd !== null) {
      closeSync(fd);
      if (!values.json) io.stderr(`wrote ${exportFile}\n`);
    }
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
      ? `${translator(lang)("Parameters from posterior {id}… (calibrated on data to {asOf}, ESS {ess}).", {
          id: posterior.id.slice(0, 12),
          asOf: posterior.meta.asOf,
          ess: Math.round(posterior.meta.ess),
        })}\n`
      : "";
    io.stdout(values.json ? json(out) : `${from}${humanReport(r.value, lang)}\n`);
    return 0;
  },
};
