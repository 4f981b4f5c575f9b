/**
 * The observed-model record shared by data/models.csv, the store and the gap engine.
 * CSV column names are the snake_case forms in the comments; null means unknown, never guessed.
 */
import type { Provenance } from "../provenance.js";

export type Bloc = "US" | "CN" | "joint" | "other";
export type Accessibility = "open-weights" | "api" | "unreleased";
export type Metric = "eci" | "gpqa" | "arena" | "compute";
export const METRICS: readonly Metric[] = ["eci", "gpqa", "arena", "compute"];

export interface ModelRecord {
  id: string; // id — slug of name, suffixed with the release date when one name has several dated releases
  name: string; // name — Epoch's model name (ECI "Model name" or the models database "Model")
  organization: string; // organization — as Epoch lists it; several organisations separated by ","
  bloc: Bloc; // bloc — by developer headquarters (Epoch "Country"); joint = US and China both listed
  countries: string; // countries — Epoch's country field verbatim
  releaseDate: string; // release_date — YYYY-MM-DD
  accessibility: Accessibility | null; // accessibility
  trainingComputeFlop: number | null; // training_compute_flop
  computeMethod: string | null; // compute_method — Epoch's estimation method
  computeConfidence: string | null; // compute_confidence — Epoch's confidence label
  hardware: string | null; // hardware — training hardware
  hardwareQuantity: number | null; // hardware_quantity
  eci: number | null; // eci — best ECI score over the variants
  gpqaDiamond: number | null; // gpqa_diamond — accuracy 0..1
  arenaElo: number | null; // arena_elo — latest Arena rating of any variant id
  variants: string[]; // variants — variant ids separated by ";" in the CSV
  source: string; // source — Epoch file(s) and row model name(s)
  /** provenance — `dataset`, or `unverified` when Epoch flags the row, plus field exceptions (src/engine/provenance.ts). */
  provenance?: Provenance;
  /**
   * restriction — why the row is left out of the capability frontiers (ECI, GPQA, Arena) by default: not generally
   * available, or a score not comparable with the others; null/absent = counted. `includeRestricted` adds it back.
   */
  restriction?: string | null;
  /** bloc_basis — how `bloc` was decided: "countries", or the override (data/bloc-overrides.csv) that applied. */
  blocBasis?: string;
}

/** One dated observation of a metric, the unit the frontier is built from. */
export interface Observation {
  name: string;
  organization: string;
  bloc: Bloc;
  date: string; // YYYY-MM-DD
  value: number;
  openWeights: boolean | null;
  /** Why this observation is left out of the frontiers unless restricted rows are asked for; absent = counted. */
  restricted?: string | null;
  /** Caveats shown with the value wherever it sets a frontier: "unverified" (Epoch's flag), "speculative" (compute). */
  flags?: readonly string[];
  /** The model row's provenance, carried to the frontier cells it sets. */
  provenance?: Provenance;
}

/** One snapshot of a lab's Arena rating (data/arena-elo.csv). */
export interface ArenaRow {
  lab: string; // lab — Arena's lab label
  bloc: Bloc; // bloc — by the lab's headquarters
  series: "highest" | "latest"; // series — Arena's "highest" (best model so far) or "latest" chart
  date: string; // date — YYYY-MM-DD of the leaderboard snapshot
  model: string; // model — Arena model id
  rating: number; // rating — Arena (Bradley–Terry) Elo
}
