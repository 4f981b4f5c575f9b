import { measureGap, type GapMeasure } from "../../engine/gap/lag.js";
import { type FrontierCell, frontierPair, frontierRatioAt, restrictedLeftOut } from "../../engine/gap/lag.js";
import { arenaObservations, modelObservations } from "../../engine/gap/observations.js";
import { METRICS, type Metric, type Observation } from "../../engine/gap/types.js";
import { DatasetInputError, loadDataset, parseDatasetFlag } from "../../store/datasets.js";
import { isoDate, parse } from "../args.js";
import { type Command, CliFailure, UsageError } from "../command.js";
import { fmt, json, table } from "../format.js";
import { langFlag, translator } from "../lang.js";

const USAGE = `chokepoint gap — how far behind China's best models are, measured on observed data

Usage: chokepoint gap [--metric eci|gpqa|arena|compute] [--open-weights] [--from DATE] [--to DATE]
                      [--at DATE ...] [--exclude ORG ...] [--include-restricted]
                      [--data FILE] [--dataset V] [--db FILE] [--lang en|zh-CN] [--json]

  --metric        eci (default), gpqa, arena (Arena Elo per-lab history) or compute (training FLOP)
  --lang zh-CN    headline, table headers and summary in Simplified Chinese (--json stays English)
  --open-weights  only models whose weights are published (not available for arena)
  --from, --to    window of the daily series and summary (default: first day both blocs have a model → newest release in the data)
  --at DATE       dates for the point table (repeatable; default --to)
  --exclude ORG   leave out an organisation (repeatable, case-insensitive)
  --include-restricted  count models left out of the headline by default: not generally available (e.g. Claude
                  Mythos Preview, Epoch "Unreleased") or with a score Epoch marks not comparable ("*")
  --data FILE     measure an Epoch-format CSV directly instead of the stored dataset
  --dataset V     stored dataset version (default latest; see chokepoint data versions)
  --db FILE       database file (default $CHOKEPOINT_DB or ~/.chokepoint/chokepoint.db)

Lag on day t = t − first day the US frontier reached China's frontier value at t, in months of 30.44 days;
negative when China leads (then measured the other way round). Ties count as reached.
A frontier model marked [unverified] carries Epoch's "Unverified" flag (kept, shown); [speculative] marks a
training-compute figure Epoch rates Speculative (e.g. imputed from benchmarks).`;

/** The kinds of restriction named in a reason ("not generally available", "score not comparable"). */
export function restrictionKinds(reason: string): string {
  const kinds = [...new Set(reason.match(/not generally available|score not comparable/g) ?? [])];
  return kinds.length ? kinds.join(", ") : reason;
}

/** " [unverified, speculative]" for a frontier cell with caveats, else "". */
export function flagNote(c: FrontierCell | null | undefined): string {
  return c?.flags?.length ? ` [${c.flags.join(", ")}]` : "";
}

/** Observations for a metric from the loaded dataset. */
export function observationsFor(
  metric: Metric,
  data: { models: Parameters<typeof modelObservations>[0]; arena: Parameters<typeof arenaObservations>[0] },
): Observation[] {
  return metric === "arena" ? arenaObservations(data.arena) : modelObservations(data.models, metric);
}

/** A small block chart of the lag over time: columns are equal slices of the series, rows are months. */
export function lagChart(series: GapMeasure["series"], width = 60, height = 8): string {
  if (series.length === 0) return "";
  const cols = Math.min(width, series.length);
  const vals: number[] = [];
  for (let c = 0; c < cols; c++) {
    const a = Math.floor((c * series.length) / cols);
    const b = Math.max(a + 1, Math.floor(((c + 1) * series.length) / cols));
    let s = 0;
    for (let i = a; i < b; i++) s += series[i]!.lagMonths;
    vals.push(s / (b - a));
  }
  const top = Math.max(0, ...vals);
  const bottom = Math.min(0, ...vals);
  const span = top - bottom || 1;
  const rowOf = (v: number) => Math.round(((top - v) / span) * (height - 1));
  const zero = rowOf(0);
  const lines: string[] = [];
  for (let r = 0; r < height; r++) {
    // Label each row with the lag it stands for; the row holding zero says 0 so the sign change is easy to read.
    const label = (r === zero ? "0" : fmt(top - (r * span) / (height - 1), 1)).padStart(6);
    let line = "";
    for (const v of vals) {
      const vr = rowOf(v);
      const filled = v >= 0 ? r >= vr && r <= zero : r <= vr && r >= zero;
      line += filled ? "█" : r === zero ? "─" : " ";
    }
    lines.push(`${label} │${line}`);
  }
  lines.push(`${" ".repeat(6)} └${"─".repeat(cols)}`);
  lines.push(
    `${" ".repeat(8)}${series[0]!.date}${" ".repeat(Math.max(1, cols - 20))}${series[series.length - 1]!.date}`,
  );
  return `${lines.join("\n")}\n`;
}

export const gapCommand: Command = {
  name: "gap",
  summary: "Measured US–China model gap in months (ECI, GPQA, Arena, compute), with the models that set it",
  usage: USAGE,
  async run(argv, io) {
    const { values: v, positionals } = parse(argv, {
      metric: { type: "string" },
      "open-weights": { type: "boolean" },
      from: { type: "string" },
      to: { type: "string" },
      at: { type: "string", multiple: true },
      exclude: { type: "string", multiple: true },
      "include-restricted": { type: "boolean" },
      data: { type: "string" },
      dataset: { type: "string" },
      db: { type: "string" },
      lang: { type: "string" },
      json: { type: "boolean" },
    });
    if (positionals.length) throw new UsageError(`unexpected argument: ${JSON.stringify(positionals[0])}`);
    const lang = langFlag(v.lang);
    const tr = translator(lang);
    const metric = (v.metric ?? "eci") as Metric;
    if (!METRICS.includes(metric))
      throw new UsageError(
        `invalid --metric: ${JSON.stringify(v.metric)} (must be ${METRICS.join(", ")})`,
        "metric",
      );
    const from = isoDate("from", v.from);
    // Default end: the newest release in the data, not today — a stale dataset would otherwise inflate the lag
    // by the days since its last model (both frontiers frozen while t advances).
    const to = isoDate("to", v.to);
    const at = (v.at ?? []).map((d) => isoDate("at", d)!);
    if (from && to && from > to) throw new UsageError(`invalid --from: ${from} (after --to ${to})`, "from");
    if (v.data && v.dataset) throw new UsageError("--data and --dataset cannot be combined", "data");
    if (metric === "arena" && v["open-weights"])
      throw new UsageError(
        "invalid --open-weights with --metric arena (the Arena history does not record openness)",
        "open-weights",
      );
    if (metric === "arena" && v.data)
      throw new UsageError(
        "invalid --metric arena with --data (Epoch CSVs carry no Arena history)",
        "metric",
      );
    let data: ReturnType<typeof loadDataset>;
    try {
      data = loadDataset({
        data: v.data,
        dataset: parseDatasetFlag(v.dataset),
        db: v.db,
        env: io.env,
        cwd: io.cwd,
      });
    } catch (err) {
      if (err instanceof DatasetInputError) throw new UsageError(err.message, err.field);
      throw err;
    }
    const obs = observationsFor(metric, data);
    const filter = {
      openWeightsOnly: Boolean(v["open-weights"]),
      excludeOrganizations: v.exclude ?? [],
      includeRestricted: Boolean(v["include-restricted"]),
    };
    const leftOut = restrictedLeftOut(obs, filter);
    const result = measureGap(obs, { ...filter, from, to, ...(at.length ? { at } : {}) });
    const pair = frontierPair(obs, filter);
    if (pair.us.days.length === 0 || pair.cn.days.length === 0)
      throw new CliFailure(
        `no ${pair.us.days.length === 0 ? "US" : "Chinese"} model has a ${metric} value in ${data.source}${filter.openWeightsOnly ? " with open weights" : ""}` +
          (metric === "gpqa"
            ? " (the bundled Epoch exports carry no GPQA Diamond column; import a file that does)"
            : ""),
      );
    // A date past the newest release measures the calendar, not the race: both frontiers are frozen there, so the
    // lag grows by a month a month. Say so, with how stale the data is on that date.
    const newestDate = obs.reduce<string | null>((m, o) => (m === null || o.date > m ? o.date : m), null);
    for (const d of at)
      if (newestDate && d > newestDate) {
        const days = Math.round(
          (Date.parse(`${d}T00:00:00Z`) - Date.parse(`${newestDate}T00:00:00Z`)) / 86_400_000,
        );
        io.stderr(
          `warning: --at ${d} is ${days} days after the newest ${metric} release in ${data.source} (${newestDate}); the lag there grows with the calendar, not with anything observed (import a newer Epoch download with chokepoint data import-epoch)\n`,
        );
      }
    if (v.json) {
      io.stdout(
        json({
          metric,
          points: result.points.map((p) => ({ at: p.at, us: p.us, cn: p.cn, lagMonths: p.lagMonths })),
          series: result.series,
          summary: result.summary,
          includeRestricted: filter.includeRestricted,
          leftOut,
        }),
      );
      return 0;
    }
    const valueFmt = (x: number | undefined) => (x === undefined ? "—" : fmt(x, 1, lang));
    io.stdout(
      `${tr("Gap on {metric}", { metric })}${filter.openWeightsOnly ? tr(" (open-weight models only)") : ""}${filter.excludeOrganizations.length ? tr(" excluding {list}", { list: filter.excludeOrganizations.join(", ") }) : ""} — ${data.source}\n\n`,
    );
    const headers = [
      tr("date"),
      tr("US frontier"),
      tr("US value"),
      tr("China frontier"),
      tr("CN value"),
      tr("lag (months)"),
      tr("reference model"),
    ];
    if (metric === "compute") headers.push(tr("US/CN ratio"));
    io.stdout(
      table(
        headers,
        result.points.map((p) => {
          const row: (string | number | null)[] = [
            p.at,
            p.us ? `${p.us.model} (${p.us.date})${flagNote(p.us)}` : null,
            valueFmt(p.us?.value),
            p.cn ? `${p.cn.model} (${p.cn.date})${flagNote(p.cn)}` : null,
            valueFmt(p.cn?.value),
            p.lagMonths === null ? null : fmt(p.lagMonths, 1, lang),
            p.reachedBy ? `${p.reachedBy.model} (${p.reachedBy.bloc}, ${p.reachedBy.date})` : null,
          ];
          if (metric === "compute") row.push(fmt(frontierRatioAt(pair, p.at), 1, lang));
          return row;
        }),
      ),
    );
    const s = result.summary;
    io.stdout(
      `\n${tr(
        "Lag {from} → {to}: mean {mean}, median {median}, min {min}, max {max}, latest {latest} months",
        {
          from: result.from ?? "?",
          to: result.to ?? "?",
          mean: fmt(s.mean, 1, lang),
          median: fmt(s.median, 1, lang),
          min: fmt(s.min, 1, lang),
          max: fmt(s.max, 1, lang),
          latest: fmt(s.latest, 1, lang),
        },
      )}${at.length ? tr(" (the whole series, not only up to --at; --to sets its end)") : ""}\n`,
    );
    io.stdout(
      `${tr("Reference model: the leader's first model at the trailer's current level (it fixes the lag).")}\n`,
    );
    if (leftOut.length)
      io.stdout(
        `${tr("Left out (--include-restricted counts them): {list}", {
          list: leftOut
            .map(
              (o) =>
                `${o.name} (${o.bloc}, ${o.date}, ${valueFmt(o.value)}: ${restrictionKinds(o.reason)
                  .split(", ")
                  .map((k) => tr(k))
                  .join(tr(", "))})`,
            )
            .join("; "),
        })}\n`,
      );
    else if (filter.includeRestricted)
      io.stdout(`${tr("Restricted models are counted (--include-restricted).")}\n`);
    io.stdout("\n");
    io.stdout(lagChart(result.series));
    return 0;
  },
};
