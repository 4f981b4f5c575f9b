/**
 * Observed world AI-accelerator supply and NVIDIA's buyers per quarter, as curated from Epoch AI's chip counts into
 * data/chip-counts/ (MIT, "Epoch AI, AI chip counts (epoch.ai)"): the row types and the sums the simulator and its
 * calibration read. Pure. Every quantity is in H100e — the H100 SXM's dense 8-bit rate, 1,979 TOPS, Epoch's
 * convention — or in units (chips), as named.
 *
 * Calibration must read only data dated ≤ its vintage T, so every helper takes `asOf` (ISO date): a row whose
 * quarter ends after it is dropped before anything is summed.
 */
import { quarterEnd } from "../units/quarters.js";

export const CHIP_VENDORS = ["nvidia", "amd", "tpu", "trainium"] as const;
export type ChipVendor = (typeof CHIP_VENDORS)[number];

/**
 * How a world-output row's per-quarter band was derived (data/README.md explains each):
 * - `sum-of-chip-types`: NVIDIA, from Epoch's per-quarter per-chip-type rows; median, 5th and 95th percentile are the
 *   sums over the quarter's chip types (exact quantiles of the sum if chip types' errors are fully correlated).
 * - `first-quarter`: the vendor's first covered quarter, where Epoch's cumulative row is that quarter alone.
 * - `cumulative-difference`: median = difference of consecutive cumulative medians; 5th/95th percentile = that
 *   median × the cumulative row's p5/median and p95/median ratios (the running total's relative width).
 */
export const BAND_METHODS = ["sum-of-chip-types", "first-quarter", "cumulative-difference"] as const;
export type BandMethod = (typeof BAND_METHODS)[number];

/** One vendor's AI-accelerator output in one calendar quarter (data/chip-counts/world-output.csv). */
export interface WorldOutputRow {
  quarter: string; // "2024Q1"
  vendor: ChipVendor;
  h100eP5: number; // H100e, 5th percentile
  h100eMedian: number; // H100e
  h100eP95: number; // H100e, 95th percentile
  unitsMedian: number; // chips
  /** false when Epoch flags the quarter as incomplete (built from a fiscal quarter ending before the calendar one). */
  complete: boolean;
  method: BandMethod;
  source: string;
}

export const NVIDIA_OWNERS = ["Microsoft", "Meta", "Amazon", "Google", "Oracle", "China", "Other"] as const;
export type NvidiaOwner = (typeof NVIDIA_OWNERS)[number];
/** US = a US hyperscaler; CN = sold legally into China; mixed = every other buyer (any country, incl. the US). */
export type OwnerBloc = "US" | "CN" | "mixed";
export const OWNER_BLOC: Record<NvidiaOwner, OwnerBloc> = {
  Microsoft: "US",
  Meta: "US",
  Amazon: "US",
  Google: "US",
  Oracle: "US",
  China: "CN",
  Other: "mixed",
};

/**
 * How an owner row was derived: `epoch` = Epoch's per-owner estimate as published; `residual` = "Other", the NVIDIA
 * quarter total (sum of chip types) minus the named owners' medians. Epoch publishes no band for the residual, so its
 * percentiles are null (unknown), never guessed.
 */
export const OWNER_METHODS = ["epoch", "residual"] as const;
export type OwnerMethod = (typeof OWNER_METHODS)[number];

/** NVIDIA data-centre GPU sales in one quarter to one owner (data/chip-counts/nvidia-owners.csv). */
export interface OwnerRow {
  quarter: string;
  owner: NvidiaOwner;
  bloc: OwnerBloc;
  h100eP5: number | null; // H100e
  h100eMedian: number; // H100e
  h100eP95: number | null; // H100e
  unitsP5: number | null; // chips
  unitsMedian: number; // chips
  unitsP95: number | null; // chips
  complete: boolean;
  method: OwnerMethod;
  source: string;
}

export interface SupplyFilter {
  /** ISO date: drop every row whose quarter ends after it (a vintage; calibration at T reads only ≤ T). */
  asOf?: string;
  /** Drop quarters Epoch flags as incomplete (default false: keep them, flagged). */
  completeOnly?: boolean;
}

/** The rows a filter keeps, in their original order. */
export function filterSupplyRows<R extends { quarter: string; complete: boolean }>(
  rows: readonly R[],
  filter: SupplyFilter = {},
): R[] {
  const { asOf, completeOnly = false } = filter;
  return rows.filter(
    (r) => (asOf === undefined || quarterEnd(r.quarter) <= asOf) && (!completeOnly || r.complete),
  );
}

const byQuarter = (a: { quarter: string }, b: { quarter: string }) =>
  a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0;

export interface WorldOutputQuarter {
  quarter: string;
  /** Sum of the covered vendors' medians, H100e. */
  median: number;
  /**
   * Sums of the covered vendors' 5th / 95th percentiles, H100e: the exact band of the total if the vendors' errors
   * are fully correlated, and wider than the true band otherwise — a conservative (wide) band, stated as such.
   */
  p5: number;
  p95: number;
  unitsMedian: number; // chips
  /** Vendors with a row this quarter; a vendor not listed is not covered by Epoch (missing, not zero). */
  vendorsCovered: ChipVendor[];
  complete: boolean; // every covered vendor's row is complete
}

/** World output per quarter summed over vendors (see the band note on WorldOutputQuarter), sorted by quarter. */
export function worldOutputByQuarter(
  rows: readonly WorldOutputRow[],
  filter: SupplyFilter = {},
): WorldOutputQuarter[] {
  const out = new Map<string, WorldOutputQuarter>();
  for (const r of filterSupplyRows(rows, filter)) {
    let q = out.get(r.quarter);
    if (!q) {
      q = {
        quarter: r.quarter,
        median: 0,
        p5: 0,
        p95: 0,
        unitsMedian: 0,
        vendorsCovered: [],
        complete: true,
      };
      out.set(r.quarter, q);
    }
    if (q.vendorsCovered.includes(r.vendor))
      throw new Error(`world output: vendor ${r.vendor} appears twice in ${r.quarter}`);
    q.median += r.h100eMedian;
    q.p5 += r.h100eP5;
    q.p95 += r.h100eP95;
    q.unitsMedian += r.unitsMedian;
    q.vendorsCovered.push(r.vendor);
    q.complete &&= r.complete;
  }
  for (const q of out.values())
    q.vendorsCovered.sort((a, b) => CHIP_VENDORS.indexOf(a) - CHIP_VENDORS.indexOf(b));
  return [...out.values()].sort(byQuarter);
}

export interface ChinaLegalQuarter {
  quarter: string;
  median: number; // H100e
  p5: number; // H100e
  p95: number; // H100e
  unitsMedian: number; // chips
  complete: boolean;
}

/** Epoch's estimate of NVIDIA chips sold legally into China, per quarter, in H100e; sorted by quarter. */
export function chinaLegalByQuarter(
  rows: readonly OwnerRow[],
  filter: SupplyFilter = {},
): ChinaLegalQuarter[] {
  return filterSupplyRows(rows, filter)
    .filter((r) => r.owner === "China")
    .map((r) => ({
      quarter: r.quarter,
      median: r.h100eMedian,
      // Epoch publishes China's band; null would only come from a residual row, which China never is.
      p5: r.h100eP5 ?? Number.NaN,
      p95: r.h100eP95 ?? Number.NaN,
      unitsMedian: r.unitsMedian,
      complete: r.complete,
    }))
    .sort(byQuarter);
}

export interface UsShareQuarter {
  quarter: string;
  /** NVIDIA H100e sold that quarter, all owners (medians), H100e. */
  nvidiaTotal: number;
  /** Share owned by the five named US hyperscalers (counts none of "Other" as US), 0..1. */
  lower: number;
  /** Share if all of "Other" were US-owned (everything but China), 0..1. */
  upper: number;
}

/**
 * Share of NVIDIA's quarterly H100e bought by US owners, as bounds from the medians: "Other" is a mix of US and
 * non-US buyers (neoclouds, sovereigns, enterprises) that Epoch does not split, so the truth lies between.
 */
export function usOwnedShareByQuarter(
  rows: readonly OwnerRow[],
  filter: SupplyFilter = {},
): UsShareQuarter[] {
  const out = new Map<string, { us: number; cn: number; mixed: number }>();
  for (const r of filterSupplyRows(rows, filter)) {
    let q = out.get(r.quarter);
    if (!q) {
      q = { us: 0, cn: 0, mixed: 0 };
      out.set(r.quarter, q);
    }
    if (r.bloc === "US") q.us += r.h100eMedian;
    else if (r.bloc === "CN") q.cn += r.h100eMedian;
    else q.mixed += r.h100eMedian;
  }
  return [...out.entries()]
    .map(([quarter, { us, cn, mixed }]) => {
      const total = us + cn + mixed;
      return {
        quarter,
        nvidiaTotal: total,
        lower: total > 0 ? us / total : Number.NaN,
        upper: total > 0 ? (us + mixed) / total : Number.NaN,
      };
    })
    .sort(byQuarter);
}
