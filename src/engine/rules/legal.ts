import { h100e } from "../chips/metrics.js";
import type { Chip } from "../chips/types.js";
import { quarterEnd } from "../units/quarters.js";
import { evaluate } from "./evaluate.js";
import type { Ruleset } from "./ruleset.js";

export interface LegalChip {
  chipId: string;
  name: string;
  h100e: number;
  /** True when the chip needs a licence but the caller's allowLicensed list let it through. */
  licensed: boolean;
}

/**
 * The highest-H100e catalogue chip released by `date` that a buyer may import without a licence (or whose id
 * is in `allowLicensed`). Only US-origin datacenter chips count: legal imports in the simulator are exports
 * under US rules to Chinese data centres — foreign-designed chips are either the domestic-production channel
 * (Chinese) or outside US licensing, and consumer cards are not a datacenter supply line. A chip whose licence
 * status is indeterminate (missing data) does not count as legal. Chips released more than `maxAgeYears`
 * (default 5) before the date are out of production and no longer a supply line, so they do not count either.
 * Returns null when none qualifies.
 */
export function bestLegalChip(
  catalogue: readonly Chip[],
  ruleset: Ruleset,
  opts: {
    date: string;
    destination?: string;
    buyerHq?: string;
    allowLicensed?: readonly string[];
    maxAgeYears?: number;
    /** The per-unit measure to rank by (default: TPP-based H100e); the simulator passes its 8-bit H100e. */
    measure?: (chip: Chip) => number | null;
  },
): LegalChip | null {
  const destination = opts.destination ?? "CN";
  const buyerHq = opts.buyerHq ?? destination;
  const allow = new Set(opts.allowLicensed ?? []);
  const oldest = `${Number(opts.date.slice(0, 4)) - (opts.maxAgeYears ?? 5)}${opts.date.slice(4)}`;
  let best: LegalChip | null = null;
  for (const chip of catalogue) {
    if (chip.origin !== "US" || chip.datacenter !== true) continue;
    if (chip.releaseDate === null || chip.releaseDate > opts.date || chip.releaseDate < oldest) continue;
    const e = (opts.measure ?? h100e)(chip);
    if (e === null || (best && e <= best.h100e)) continue;
    const licensed = allow.has(chip.id);
    if (
      !licensed &&
      evaluate(chip, { date: opts.date, destination, buyerHq }, ruleset).licenseRequired !== false
    )
      continue;
    best = { chipId: chip.id, name: chip.name, h100e: e, licensed };
  }
  return best;
}

/** bestLegalChip for a China-headquartered buyer in China at the end of each quarter. */
export function legalChipSchedule(
  catalogue: readonly Chip[],
  ruleset: Ruleset,
  quarters: readonly string[],
  opts: {
    allowLicensed?: readonly string[];
    destination?: string;
    buyerHq?: string;
    maxAgeYears?: number;
  } = {},
): { quarter: string; chipId: string | null; h100e: number }[] {
  return quarters.map((q) => {
    const best = bestLegalChip(catalogue, ruleset, { ...opts, date: quarterEnd(q) });
    return { quarter: q, chipId: best?.chipId ?? null, h100e: best?.h100e ?? 0 };
  });
}
