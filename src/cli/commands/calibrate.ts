import { loadCalibrationData } from "../../data/calibration.js";
import { METHOD, SMC_METHOD } from "../../engine/calibrate/calibrate.js";
import { type CalibrationMethod, type CalibrationRun, runCalibration } from "../../engine/calibrate/index.js";
import { ESS_MIN, ESS_MIN_SHARE } from "../../engine/calibrate/importance.js";
import { SMC_MOVES } from "../../engine/calibrate/smc.js";
import { formatIssues } from "../../engine/sim/index.js";
import type { PosteriorParticles } from "../../engine/sim/sample.js";
import {
  getPosterior,
  type PosteriorMeta,
  type SavedPosterior,
  savePosterior,
} from "../../store/posteriors.js";
import { openStore, resolveDbPath } from "../../store/index.js";
import { isoDate, num, parse } from "../args.js";
import { type CliIo, type Command, UsageError } from "../command.js";
import { fmt, json, table } from "../format.js";
import { LANG_HELP, langFlag, translator } from "../lang.js";
import { round6, scenarioFromFlags } from "./simulate.js";

/** 100,000 prior draws: about 8 s on this machine (bench/calibrate.bench.js); ESS grows in proportion. */
export const DEFAULT_CALIBRATION_DRAWS = 100_000;
/** The API's and each rolling-backtest origin's default (a quicker answer; the ESS is reported either way). */
export const QUICK_CALIBRATION_DRAWS = 20_000;

/** What the store keeps about a calibration, numbers rounded to six significant digits (stable bytes). */
export function posteriorMeta(c: CalibrationRun): PosteriorMeta {
  return {
    scenario: c.scenario,
    asOf: c.asOf,
    seed: c.seed,
    priorDraws: c.priorDraws,
    ess: round6(c.ess),
    method: c.method,
    observations: c.observations.map((o) => ({
      series: o.series,
      quarter: o.quarter,
      y: round6(o.y),
      sigma: round6(o.sigma),
    })),
  };
}

/** The documented JSON of a calibration: { id, asOf, seed, priorDraws, ess, ... }. */
export function calibrationJson(id: string, c: CalibrationRun) {
  const q = (x: { mean: number; p5: number; p50: number; p95: number }) => ({
    mean: round6(x.mean),
    p5: round6(x.p5),
    p50: round6(x.p50),
    p95: round6(x.p95),
  });
  return {
    id,
    asOf: c.asOf,
    scenario: c.scenario,
    seed: c.seed,
    priorDraws: c.priorDraws,
    ess: round6(c.ess),
    essShare: round6(c.ess / c.priorDraws),
    warning: c.warning,
    method: c.method,
    logEvidence: round6(c.logEvidence),
    particles: c.posterior.size,
    observations: posteriorMeta(c).observations,
    skipped: c.skipped,
    ...(c.smc
      ? {
          smc: {
            stages: c.smc.stages,
            minEss: round6(c.smc.minEss),
            acceptance: round6(c.smc.acceptance),
            distinct: c.smc.distinct,
          },
        }
      : {}),
    parameters: c.summary.map((s) => ({
      name: s.name,
      segment: s.segment,
      prior: q(s.prior),
      posterior: q(s.posterior),
    })),
  };
}

/** Opens the store, runs `fn`, closes it. */
export function withPosteriorStore<T>(
  db: string | undefined,
  io: CliIo,
  fn: (s: ReturnType<typeof openStore>) => T,
): T {
  const store = openStore(resolveDbPath(db, io.env, io.cwd));
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** A saved posterior by id or "latest", or a UsageError naming the value. */
export function loadPosteriorRef(db: string | undefined, io: CliIo, ref: string): SavedPosterior {
  if (ref !== "latest" && !/^[0-9a-f]{64}$/.test(ref))
    throw new UsageError(
      `invalid --posterior: ${JSON.stringify(ref)} (must be a 64-hex-digit posterior id from \`chokepoint calibrate\`, or latest)`,
      "posterior",
    );
  const p = withPosteriorStore(db, io, (s) => getPosterior(s.db, ref));
  if (!p)
    throw new UsageError(
      ref === "latest"
        ? "invalid --posterior: latest (no posterior saved yet; run `chokepoint calibrate --as-of DATE` first)"
        : `invalid --posterior: ${ref} (no such posterior in the store)`,
      "posterior",
    );
  return p;
}

export type { PosteriorParticles };

/** --method is|smc (default is). */
export function calibrationMethod(v: string | undefined): CalibrationMethod {
  if (v === undefined || v === "is" || v === "smc") return v ?? "is";
  throw new UsageError(`invalid --method: ${JSON.stringify(v)} (must be is or smc)`, "method");
}

export const calibrateCommand: Command = {
  name: "calibrate",
  summary: "Weight prior draws by the observed series up to a date: a posterior that scenarios can run from",
  usage: `chokepoint calibrate --as-of YYYY-MM-DD [--scenario history] [--draws ${DEFAULT_CALIBRATION_DRAWS}] [--seed N]
                    [--particles 2000] [--method is|smc] [--set param=value]... [--db FILE]
                    [--lang en|zh-CN] [--json]

Importance sampling with the prior as proposal: --draws prior draws of the scenario's parameters are
run through the model and weighted by the likelihood of the observed half-year points dated on or
before --as-of (frontier training compute per bloc, the ECI gap; observation errors in
docs/validation.md). Reports the effective sample size ESS = (Σw)²/Σw² and warns below 200 or 1% of
the draws. The weighted draws are resampled (systematic) into --particles equally weighted
particles, saved content-hashed in the store. --method smc instead runs sequential Monte Carlo
(adaptive likelihood tempering, pCN Metropolis moves; slower, about 8 s for 5,000 particles, but it
keeps hundreds to thousands of distinct particles where importance sampling keeps tens); --draws is
then the particle count. Run any scenario from the posterior with
  chokepoint simulate --scenario status-quo --posterior <id>|latest
Only rows dated on or before --as-of are read (models released, chips released, events known by then).
The same inputs and seed give the same bytes. --json prints
{ id, asOf, scenario, seed, priorDraws, ess, essShare, warning, method, logEvidence, particles,
  observations, skipped, parameters: [{ name, segment, prior, posterior }] }.
${LANG_HELP}`,
  async run(argv, io) {
    const { values } = parse(argv, {
      "as-of": { type: "string" },
      scenario: { type: "string" },
      draws: { type: "string" },
      seed: { type: "string" },
      particles: { type: "string" },
      method: { type: "string" },
      set: { type: "string", multiple: true },
      db: { type: "string" },
      json: { type: "boolean" },
      lang: { type: "string" },
    });
    const tr = translator(langFlag(values.lang));
    const method = calibrationMethod(values.method);
    const asOf = isoDate("as-of", values["as-of"]);
    if (!asOf) throw new UsageError("missing --as-of (a date like 2025-06-30)", "as-of");
    const draws =
      num("draws", values.draws, { integer: true, min: 100, max: 1_000_000 }) ?? DEFAULT_CALIBRATION_DRAWS;
    const particles = num("particles", values.particles, { integer: true, min: 10, max: 100_000 });
    const scenario = scenarioFromFlags(io, values);
    const seed = num("seed", values.seed, { integer: true, min: 0, max: 0xffffffff }) ?? scenario.seed;
    const r = runCalibration(scenario, loadCalibrationData(scenario.start), {
      asOf,
      draws,
      seed,
      ...(particles !== undefined ? { particles } : {}),
      method,
    });
    if (!r.ok)
      throw new UsageError(
        formatIssues(r.issues).replace(/^invalid asOf/, "invalid --as-of"),
        r.issues[0]?.path === "asOf" ? "as-of" : r.issues[0]?.path,
      );
    const c = r.value;
    const id = withPosteriorStore(values.db, io, (s) => savePosterior(s.db, posteriorMeta(c), c.posterior));
    if (c.warning && !values.json) {
      // Worded here from the same figures as the engine's English, so that the Chinese has it too.
      const text = c.smc
        ? tr(
            "sequential Monte Carlo moves accepted {pct}% in the last stage: the particles are mostly copies (raise --draws)",
            { pct: (100 * c.smc.acceptance).toFixed(1) },
          )
        : tr(
            "effective sample size {ess} of {draws} prior draws is below {min} or {share}% of the draws: the posterior rests on few prior draws (raise --draws, or the prior misses the data)",
            { ess: c.ess.toFixed(1), draws: c.priorDraws, min: ESS_MIN, share: ESS_MIN_SHARE * 100 },
          );
      io.stderr(`${tr("warning: {text}", { text })}\n`);
    }
    if (values.json) {
      io.stdout(json(calibrationJson(id, c)));
      return 0;
    }
    const pct = (x: number) => `${fmt(x * 100, 1)}%`;
    const sig = (x: number) =>
      Number(x.toPrecision(3)).toLocaleString("en-US", { maximumSignificantDigits: 3 });
    const bands = (x: { p5: number; p50: number; p95: number }) =>
      `${sig(x.p50)} (${sig(x.p5)}–${sig(x.p95)})`;
    // Parameters the data narrowed most: posterior 90% width over the prior's.
    const moved = c.summary
      .map((s) => ({ s, shrink: (s.posterior.p95 - s.posterior.p5) / (s.prior.p95 - s.prior.p5) }))
      .filter((x) => Number.isFinite(x.shrink))
      .sort((a, b) => a.shrink - b.shrink)
      .slice(0, 12);
    const lines = [
      c.smc
        ? tr(
            "Calibrated {scenario} on {n} observations dated ≤ {asOf} by sequential Monte Carlo: {particles} particles, {stages} tempering stages (smallest stage ESS {minEss}), {distinct} distinct particles, last-stage move acceptance {acceptance}.",
            {
              scenario: c.scenario,
              n: c.observations.length,
              asOf: c.asOf,
              particles: c.priorDraws.toLocaleString("en-US"),
              stages: c.smc.stages,
              minEss: fmt(c.smc.minEss, 0),
              distinct: c.smc.distinct.toLocaleString("en-US"),
              acceptance: pct(c.smc.acceptance),
            },
          )
        : tr(
            "Calibrated {scenario} on {n} observations dated ≤ {asOf}: effective sample size {ess} of {draws} prior draws ({share}).",
            {
              scenario: c.scenario,
              n: c.observations.length,
              asOf: c.asOf,
              ess: fmt(c.ess, 0),
              draws: c.priorDraws.toLocaleString("en-US"),
              share: pct(c.ess / c.priorDraws),
            },
          ),
      tr("Posterior {id} ({particles} particles, seed {seed}; {method}).", {
        id,
        particles: c.posterior.size.toLocaleString("en-US"),
        seed: c.seed,
        // The engine's method names, worded here so that the Chinese has them too.
        method:
          c.method === METHOD
            ? tr("importance sampling (prior as proposal), systematic resampling")
            : c.method === SMC_METHOD
              ? tr(
                  "sequential Monte Carlo (adaptive likelihood tempering at ESS ≥ N/2, systematic resampling, {moves} pCN Metropolis moves per stage)",
                  { moves: SMC_MOVES },
                )
              : c.method,
      }),
      `${tr("Run a scenario from it: chokepoint simulate --scenario status-quo --posterior {id}… (or latest)", { id: id.slice(0, 12) })}\n`,
      tr(
        "Parameters the data narrowed most (median and 90% interval; width ratio = posterior ÷ prior 90% width):",
      ),
      table(
        [tr("parameter"), tr("prior"), tr("posterior"), tr("width ratio")],
        moved.map(({ s, shrink }) => [
          s.segment ? `${s.name} ${tr("[segment {k}]", { k: s.segment + 1 })}` : s.name,
          bands(s.prior),
          bands(s.posterior),
          fmt(shrink, 2),
        ]),
      ),
    ];
    if (c.skipped.length) lines.push(tr("Not used: {list}", { list: c.skipped.join("; ") }));
    io.stdout(`${lines.join("\n")}\n`);
    return 0;
  },
};
