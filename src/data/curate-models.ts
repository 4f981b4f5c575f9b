/**
 * Rebuilds data/models.csv and data/arena-elo.csv from the reference copies of Epoch AI's exports and the Arena
 * per-lab history. Run after a build:  node dist/data/curate-models.js [SHARED_DATA_DIR]
 * (default ../shared/data beside the package). The product never reads the shared copies; only data/.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ArenaRow, Bloc } from "../engine/gap/types.js";
import { collapseModels, type EpochModelRow, parseEpochCsv } from "./epoch.js";
import { applyModelPolicy, parseBlocOverridesCsv, parseModelOverridesCsv } from "./model-policy.js";
import { arenaToCsv, formatRowError, modelsToCsv } from "./models.js";
import { dataPath, packageRoot } from "./paths.js";

/** Arena lab labels → bloc by the developer's headquarters. */
export const ARENA_LAB_BLOC: Record<string, Bloc> = {
  OpenAI: "US", // San Francisco
  Google: "US", // Mountain View (Google DeepMind's parent)
  Anthropic: "US", // San Francisco
  xAI: "US", // Palo Alto
  Qwen: "CN", // Alibaba, Hangzhou
  "Moonshot (Kimi)": "CN", // Beijing
  GLM: "CN", // Zhipu AI (Z.ai), Beijing
  Mistral: "other", // Paris
};

const EPOCH_FILES = [
  "epoch_capabilities_index.csv",
  "frontier_ai_models.csv",
  "large_scale_ai_models.csv",
  "notable_ai_models.csv",
];

interface ArenaJson {
  [series: string]: Record<string, { date: string; model_name: string; rating: number }[]>;
}

/** Arena JSON (CHART_DATA_HIGHEST / CHART_DATA_LATEST per lab) → rows; an unknown lab is an error. */
export function arenaRowsFromJson(json: ArenaJson): ArenaRow[] {
  const rows: ArenaRow[] = [];
  for (const [key, series] of [
    ["CHART_DATA_HIGHEST", "highest"],
    ["CHART_DATA_LATEST", "latest"],
  ] as const) {
    for (const [lab, points] of Object.entries(json[key] ?? {})) {
      const bloc = ARENA_LAB_BLOC[lab];
      if (!bloc)
        throw new Error(`arena: unknown lab ${JSON.stringify(lab)} (add it to ARENA_LAB_BLOC with its HQ)`);
      for (const p of points)
        rows.push({
          lab,
          bloc,
          series,
          date: p.date,
          model: p.model_name,
          rating: Math.round(p.rating * 100) / 100,
        });
    }
  }
  return rows.sort((a, b) => (a.series + a.lab + a.date < b.series + b.lab + b.date ? -1 : 1));
}

/**
 * Builds the two curated files' text from the shared copies and the project's policy files
 * (data/bloc-overrides.csv, data/model-overrides.csv; see model-policy.ts). Pure apart from reading them.
 * An override that matches no row is an error: the override file must follow the data.
 */
export function curate(
  sharedDir: string,
  policyDir: string = dataPath("."),
): {
  modelsCsv: string;
  arenaCsv: string;
  models: number;
  arena: number;
  skipped: number;
} {
  const rows: EpochModelRow[] = [];
  let skipped = 0;
  for (const f of EPOCH_FILES) {
    const parsed = parseEpochCsv(readFileSync(join(sharedDir, "epoch", f), "utf8"), f);
    if (parsed.errors.length) throw new Error(parsed.errors.slice(0, 10).map(formatRowError).join("\n"));
    rows.push(...parsed.models);
    skipped += parsed.skipped.length;
  }
  const blocOverrides = parseBlocOverridesCsv(
    readFileSync(join(policyDir, "bloc-overrides.csv"), "utf8"),
    "data/bloc-overrides.csv",
  );
  const overrides = parseModelOverridesCsv(
    readFileSync(join(policyDir, "model-overrides.csv"), "utf8"),
    "data/model-overrides.csv",
  );
  const policy = applyModelPolicy(collapseModels(rows, { blocOverrides }), { overrides });
  if (policy.unmatched.length)
    throw new Error(
      `data/model-overrides.csv: no model row for ${policy.unmatched.map((o) => `${o.name} ${o.releaseDate}`).join(", ")}`,
    );
  const models = policy.models;
  const arena = arenaRowsFromJson(
    JSON.parse(readFileSync(join(sharedDir, "arena", "arena_elo_by_lab.json"), "utf8")) as ArenaJson,
  );
  // A model's Arena rating: the latest snapshot of any of its variant ids (Arena ids match Epoch's version ids).
  const latest = new Map<string, { date: string; rating: number }>();
  for (const r of arena) {
    const k = r.model.toLowerCase();
    const prev = latest.get(k);
    if (!prev || r.date >= prev.date) latest.set(k, { date: r.date, rating: r.rating });
  }
  for (const m of models) {
    let best: { date: string; rating: number } | undefined;
    for (const v of m.variants) {
      const hit = latest.get(v.toLowerCase());
      if (hit && (!best || hit.date > best.date)) best = hit;
    }
    if (best) m.arenaElo = best.rating;
  }
  return {
    modelsCsv: modelsToCsv(models),
    arenaCsv: arenaToCsv(arena),
    models: models.length,
    arena: arena.length,
    skipped,
  };
}

if (process.argv[1] && resolve(process.argv[1]).endsWith("curate-models.js")) {
  const dir = resolve(process.argv[2] ?? join(packageRoot(), "..", "shared", "data"));
  const r = curate(dir);
  writeFileSync(dataPath("models.csv"), r.modelsCsv);
  writeFileSync(dataPath("arena-elo.csv"), r.arenaCsv);
  console.log(
    `models.csv: ${r.models} models; arena-elo.csv: ${r.arena} snapshots; ${r.skipped} Epoch rows skipped`,
  );
}
