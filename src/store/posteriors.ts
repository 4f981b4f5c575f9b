/**
 * Calibrated posteriors: content-addressed and immutable. The id is the SHA-256 of the canonical JSON of
 * everything that decides the particles (scenario name, vintage date, seed, prior draws, method, observations and
 * the particle values themselves), so calibrating twice with the same inputs stores one row.
 */
import type Database from "better-sqlite3";
import type { Dist } from "../engine/sim/distributions.js";
import type { PosteriorParticles } from "../engine/sim/sample.js";
import { contentHash } from "./saved.js";

export const POSTERIOR_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS posteriors (
  id TEXT PRIMARY KEY CHECK (length(id) = 64),
  scenario TEXT NOT NULL,
  as_of TEXT NOT NULL,
  seed INTEGER NOT NULL,
  prior_draws INTEGER NOT NULL,
  ess REAL NOT NULL,
  meta_json TEXT NOT NULL,
  particles_json TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER IF NOT EXISTS posteriors_no_update BEFORE UPDATE ON posteriors
  BEGIN SELECT RAISE(ABORT, 'posteriors are immutable'); END;
CREATE TRIGGER IF NOT EXISTS posteriors_no_delete BEFORE DELETE ON posteriors
  BEGIN SELECT RAISE(ABORT, 'posteriors are immutable'); END;
`;

/** What a saved posterior says about itself (all but the particles). */
export interface PosteriorMeta {
  scenario: string;
  asOf: string;
  seed: number;
  priorDraws: number;
  ess: number;
  method: string;
  /** The observations the likelihood used: series, quarter, value in the series' space, σ. */
  observations: { series: string; quarter: string; y: number; sigma: number }[];
}

export interface SavedPosterior {
  id: string;
  meta: PosteriorMeta;
  particles: PosteriorParticles;
  createdAt: string;
}

interface JsonParticles {
  size: number;
  params: Record<string, { from: number; dist: Dist; values: number[] }[]>;
}

function toJson(p: PosteriorParticles): JsonParticles {
  const params: JsonParticles["params"] = {};
  for (const [name, segs] of Object.entries(p.params))
    params[name] = segs.map((g) => ({ from: g.from, dist: g.dist, values: Array.from(g.values) }));
  return { size: p.size, params };
}

/** The content id of a posterior (64 hex digits). */
export function posteriorId(meta: PosteriorMeta, particles: PosteriorParticles): string {
  return contentHash({ meta, particles: toJson(particles) });
}

/** Saves (or finds the identical) posterior and returns its id. */
export function savePosterior(
  db: Database.Database,
  meta: PosteriorMeta,
  particles: PosteriorParticles,
  now = new Date(),
): string {
  const id = posteriorId(meta, particles);
  db.prepare(
    `INSERT OR IGNORE INTO posteriors (id, scenario, as_of, seed, prior_draws, ess, meta_json, particles_json, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    meta.scenario,
    meta.asOf,
    meta.seed,
    meta.priorDraws,
    meta.ess,
    JSON.stringify(meta),
    JSON.stringify(toJson(particles)),
    now.toISOString(),
  );
  return id;
}

interface Row {
  id: string;
  meta_json: string;
  particles_json: string;
  created_at: string;
}

function fromRow(r: Row): SavedPosterior {
  const j = JSON.parse(r.particles_json) as JsonParticles;
  return { id: r.id, meta: JSON.parse(r.meta_json) as PosteriorMeta, particles: j, createdAt: r.created_at };
}

/** A posterior by id, or the most recently saved one for "latest"; null when there is none. */
export function getPosterior(db: Database.Database, ref: string): SavedPosterior | null {
  const row =
    ref === "latest"
      ? (db
          .prepare(
            "SELECT id, meta_json, particles_json, created_at FROM posteriors ORDER BY created_at DESC, rowid DESC LIMIT 1",
          )
          .get() as Row | undefined)
      : (db
          .prepare("SELECT id, meta_json, particles_json, created_at FROM posteriors WHERE id = ?")
          .get(ref) as Row | undefined);
  return row ? fromRow(row) : null;
}

/** Saved posteriors, newest first, without their particles. */
export function listPosteriors(
  db: Database.Database,
): { id: string; meta: PosteriorMeta; createdAt: string }[] {
  return (
    db
      .prepare("SELECT id, meta_json, created_at FROM posteriors ORDER BY created_at DESC, rowid DESC")
      .all() as {
      id: string;
      meta_json: string;
      created_at: string;
    }[]
  ).map((r) => ({ id: r.id, meta: JSON.parse(r.meta_json) as PosteriorMeta, createdAt: r.created_at }));
}
