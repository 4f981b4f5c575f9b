import { loadCalibrationData } from "../../data/calibration.js";
import { type PooledScore, type RollingReport, runRolling } from "../../engine/calibrate/index.js";
import { formatIssues } from "../../engine/sim/index.js";
import { num } from "../args.js";
import type { CliIo } from "../command.js";
import { UsageError } from "../command.js";
import { fmt, json, table } from "../format.js";
import { type Tr, translator } from "../lang.js";
import { calibrationMethod, QUICK_CALIBRATION_DRAWS } from "./calibrate.js";
import { round6, scenarioFromFlags } from "./simulate.js";

const QUARTER = /^\d{4}Q[1-4]$/;

function pooledJson(p: PooledScore) {
  return {
    n: p.n,
    crps: round6(p.crps),
    coverage50: round6(p.coverage50),
    coverage90: round6(p.coverage90),
    bias: round6(p.bias),
    width90: round6(p.width90),
    pit: p.pit,
  };
}

/** The documented JSON of a rolling backtest. */
export function rollingJson(r: RollingReport & { lastObserved: string }) {
  const rp = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "number" ? round6(v) : v]));
  return {
    method: r.method,
    seed: r.seed,
    priorDraws: r.priorDraws,
    lastObserved: r.lastObserved,
    origins: r.origins.map((o) => ({ ...o, ess: round6(o.ess) })),
    series: Object.fromEntries(
      r.pooled.map((s) => [
        s.series,
        {
          unit: s.unit,
          pooled: {
            model: pooledJson(s.model),
            baselines: Object.fromEntries(Object.entries(s.baselines).map(([k, v]) => [k, pooledJson(v)])),
          },
        },
      ]),
    ),
    points: r.points.map((p) => ({
      origin: p.origin,
      series: p.series,
      quarter: p.quarter,
      h: p.h,
      observed: round6(p.observed),
      model: rp({ ...p.model }),
      baselines: Object.fromEntries(Object.entries(p.baselines).map(([k, v]) => [k, rp({ ...v })])),
    })),
  };
}

/** Plain-language verdict per series: the model against the best baseline by CRPS. */
export function verdicts(r: RollingReport, tr: Tr = translator("en")): string[] {
  return r.pooled.map((s) => {
    const best = Object.entries(s.baselines).sort((a, b) => a[1].crps - b[1].crps)[0];
    if (!best) return tr("{series}: no baseline", { series: s.series });
    const [name, b] = best;
    const ratio = s.model.crps / b.crps;
    const vars = {
      series: s.series,
      name: tr(name),
      model: fmt(s.model.crps, 3),
      best: fmt(b.crps, 3),
      unit: tr(s.unit),
    };
    return ratio <= 1
      ? tr(
          "{series}: the model's CRPS {model} {unit} beats the best baseline ({name}, {best} {unit}) by {pct}%",
          { ...vars, pct: fmt((1 - ratio) * 100, 0) },
        )
      : tr("{series}: the model LOSES to {name} — CRPS {model} vs {best} {unit} ({pct}% worse)", {
          ...vars,
          pct: fmt((ratio - 1) * 100, 0),
        });
  });
}

export async function rollingBacktestCli(
  values: {
    scenario?: string;
    draws?: string;
    seed?: string;
    set?: string[];
    json?: boolean;
    "first-origin"?: string;
    "last-origin"?: string;
    method?: string;
  },
  io: CliIo,
  tr: Tr = translator("en"),
): Promise<number> {
  for (const flag of ["first-origin", "last-origin"] as const) {
    const v = values[flag];
    if (v !== undefined && !QUARTER.test(v))
      throw new UsageError(`invalid --${flag}: ${JSON.stringify(v)} (must be a quarter like 2024Q2)`, flag);
  }
  const draws =
    num("draws", values.draws, { integer: true, min: 100, max: 1_000_000 }) ?? QUICK_CALIBRATION_DRAWS;
  const scenario = scenarioFromFlags(io, values);
  const seed = num("seed", values.seed, { integer: true, min: 0, max: 0xffffffff }) ?? scenario.seed;
  const r = runRolling(scenario, loadCalibrationData(scenario.start), {
    draws,
    seed,
    ...(values["first-origin"] ? { first: values["first-origin"] } : {}),
    ...(values["last-origin"] ? { last: values["last-origin"] } : {}),
    method: calibrationMethod(values.method),
  });
  if (!r.ok) throw new UsageError(formatIssues(r.issues), r.issues[0]?.path);
  const rep = r.value;
  if (values.json) {
    io.stdout(json(rollingJson(rep)));
    return 0;
  }
  const pct = (x: number) => (Number.isNaN(x) ? "—" : `${Math.round(x * 100)}%`);
  const lines = [
    tr(
      "Rolling out-of-sample backtest of {scenario} — origins {origins}; {draws} prior draws each, seed {seed}; forecasts 1–8 quarters ahead scored against data to {last}.",
      {
        scenario: scenario.name,
        origins: rep.origins.map((o) => o.origin).join(", "),
        draws: draws.toLocaleString("en-US"),
        seed,
        last: rep.lastObserved,
      },
    ),
    "",
    ...verdicts(rep, tr),
    "",
    tr(
      "Pooled over origins and horizons (CRPS and bias in the series' unit; lower CRPS is better; ideal coverage 50% / 90%):",
    ),
  ];
  for (const s of rep.pooled) {
    const row = (name: string, p: PooledScore) => [
      name,
      p.n,
      fmt(p.crps, 3),
      pct(p.coverage50),
      pct(p.coverage90),
      fmt(p.bias, 2),
      fmt(p.width90, 2),
    ];
    lines.push(`\n${tr("{series} ({unit})", { series: s.series, unit: tr(s.unit) })}`);
    lines.push(
      table(
        [tr("forecast"), "n", "CRPS", tr("in 50%"), tr("in 90%"), tr("bias"), tr("90% width")],
        [
          row(tr("model (posterior)"), s.model),
          ...Object.entries(s.baselines).map(([k, v]) => row(tr(k), v)),
        ],
      ),
    );
    lines.push(tr("PIT histogram of the model (10 bins, 0→1): {bins}", { bins: s.model.pit.join(" ") }));
  }
  lines.push(`\n${tr("Origins:")}`);
  lines.push(
    table(
      [tr("forecast origin"), tr("as of"), tr("observations"), "ESS", tr("points scored"), tr("warning")],
      rep.origins.map((o) => [
        o.origin,
        o.asOf,
        o.observations,
        fmt(o.ess, 0),
        o.scored,
        o.warning ? tr("low ESS") : "",
      ]),
    ),
  );
  lines.push(
    tr(
      "Consecutive quarters share information (step series), so read n as an upper bound on independent points.",
    ),
  );
  io.stdout(`${lines.join("\n")}\n`);
  return 0;
}
