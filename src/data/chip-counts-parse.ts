/**
 * Schemas, parsers and writers for data/chip-counts/ (Epoch AI's chip counts per quarter). Pure — no Node imports —
 * so the browser worker validates the same files; `loadWorldOutput()` / `loadNvidiaOwners()` in chip-counts.ts add
 * the file read.
 */
import { z } from "zod";
import {
  BAND_METHODS,
  CHIP_VENDORS,
  NVIDIA_OWNERS,
  OWNER_BLOC,
  OWNER_METHODS,
  type OwnerRow,
  type WorldOutputRow,
} from "../engine/sim/supply-data.js";
import { toCsv } from "./csv.js";
import { DataFileError, oneOf, optionalNonNegative, parseTable, requiredText } from "./table.js";

export const WORLD_OUTPUT_COLUMNS = [
  "quarter",
  "vendor",
  "h100e_p5",
  "h100e_median",
  "h100e_p95",
  "units_median",
  "complete",
  "method",
  "source",
] as const;

export const OWNER_COLUMNS = [
  "quarter",
  "owner",
  "bloc",
  "h100e_p5",
  "h100e_median",
  "h100e_p95",
  "units_p5",
  "units_median",
  "units_p95",
  "complete",
  "method",
  "source",
] as const;

const quarter = z.string().transform((s, ctx) => {
  const t = s.trim();
  const m = /^(\d{4})Q([1-4])$/.exec(t);
  if (!m || Number(m[1]) < 2000 || Number(m[1]) > 2100) {
    ctx.addIssue({
      code: "custom",
      message: `${JSON.stringify(t)} is not a quarter like 2024Q1 (2000–2100)`,
    });
    return z.NEVER;
  }
  return t;
});

const required = (n: number | null, ctx: z.RefinementCtx): number => {
  if (n === null) {
    ctx.addIssue({ code: "custom", message: "is required but empty" });
    return z.NEVER;
  }
  return n;
};
const requiredNonNegative = optionalNonNegative.transform(required);
const bool = oneOf(["true", "false"] as const).transform((s) => s === "true");

export const worldOutputRowSchema = z
  .object({
    quarter,
    vendor: oneOf(CHIP_VENDORS),
    h100e_p5: requiredNonNegative,
    h100e_median: requiredNonNegative,
    h100e_p95: requiredNonNegative,
    units_median: requiredNonNegative,
    complete: bool,
    method: oneOf(BAND_METHODS),
    source: requiredText,
  })
  .superRefine((r, ctx) => {
    if (!(r.h100e_p5 <= r.h100e_median && r.h100e_median <= r.h100e_p95))
      ctx.addIssue({
        code: "custom",
        path: ["h100e_median"],
        message: `${r.h100e_median} is outside its band ${r.h100e_p5}–${r.h100e_p95} (need p5 ≤ median ≤ p95)`,
      });
  })
  .transform(
    (r): WorldOutputRow => ({
      quarter: r.quarter,
      vendor: r.vendor,
      h100eP5: r.h100e_p5,
      h100eMedian: r.h100e_median,
      h100eP95: r.h100e_p95,
      unitsMedian: r.units_median,
      complete: r.complete,
      method: r.method,
      source: r.source,
    }),
  );

export const ownerRowSchema = z
  .object({
    quarter,
    owner: oneOf(NVIDIA_OWNERS),
    bloc: oneOf(["US", "CN", "mixed"] as const),
    h100e_p5: optionalNonNegative,
    h100e_median: requiredNonNegative,
    h100e_p95: optionalNonNegative,
    units_p5: optionalNonNegative,
    units_median: requiredNonNegative,
    units_p95: optionalNonNegative,
    complete: bool,
    method: oneOf(OWNER_METHODS),
    source: requiredText,
  })
  .superRefine((r, ctx) => {
    if (r.bloc !== OWNER_BLOC[r.owner])
      ctx.addIssue({
        code: "custom",
        path: ["bloc"],
        message: `"${r.bloc}" does not match owner ${r.owner} (must be ${OWNER_BLOC[r.owner]})`,
      });
    for (const [lo, mid, hi, name] of [
      [r.h100e_p5, r.h100e_median, r.h100e_p95, "h100e_median"],
      [r.units_p5, r.units_median, r.units_p95, "units_median"],
    ] as const) {
      if ((lo === null) !== (hi === null))
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: "band has only one of p5, p95 (give both or neither)",
        });
      else if (lo !== null && hi !== null && !(lo <= mid && mid <= hi))
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `${mid} is outside its band ${lo}–${hi} (need p5 ≤ median ≤ p95)`,
        });
    }
    if (r.method === "epoch" && (r.h100e_p5 === null || r.units_p5 === null))
      ctx.addIssue({
        code: "custom",
        path: ["h100e_p5"],
        message: "is empty but method is epoch (Epoch gives bands)",
      });
  })
  .transform(
    (r): OwnerRow => ({
      quarter: r.quarter,
      owner: r.owner,
      bloc: r.bloc,
      h100eP5: r.h100e_p5,
      h100eMedian: r.h100e_median,
      h100eP95: r.h100e_p95,
      unitsP5: r.units_p5,
      unitsMedian: r.units_median,
      unitsP95: r.units_p95,
      complete: r.complete,
      method: r.method,
      source: r.source,
    }),
  );

function rejectDuplicates<R>(rows: { line: number; value: R }[], key: (r: R) => string, file: string): R[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  for (const { line, value } of rows) {
    const k = key(value);
    const first = seen.get(k);
    if (first !== undefined) problems.push(`${file} row ${line} (${k}): duplicate of row ${first}`);
    else seen.set(k, line);
  }
  if (problems.length) throw new DataFileError(file, problems);
  return rows.map((r) => r.value);
}

/** Parses world-output.csv text; throws DataFileError naming file, row and field for every problem. */
export function parseWorldOutputCsv(
  text: string,
  file = "data/chip-counts/world-output.csv",
): WorldOutputRow[] {
  const rows = parseTable(text, file, WORLD_OUTPUT_COLUMNS, worldOutputRowSchema, (r) =>
    r.quarter && r.vendor ? `${r.quarter} ${r.vendor}` : null,
  );
  return rejectDuplicates(rows, (r) => `${r.quarter} ${r.vendor}`, file);
}

/** Parses nvidia-owners.csv text; throws DataFileError naming file, row and field for every problem. */
export function parseNvidiaOwnersCsv(text: string, file = "data/chip-counts/nvidia-owners.csv"): OwnerRow[] {
  const rows = parseTable(text, file, OWNER_COLUMNS, ownerRowSchema, (r) =>
    r.quarter && r.owner ? `${r.quarter} ${r.owner}` : null,
  );
  return rejectDuplicates(rows, (r) => `${r.quarter} ${r.owner}`, file);
}

const cell = (n: number | null) => (n === null ? "" : n);

export function worldOutputToCsv(rows: readonly WorldOutputRow[]): string {
  return toCsv(
    WORLD_OUTPUT_COLUMNS,
    rows.map((r) => ({
      quarter: r.quarter,
      vendor: r.vendor,
      h100e_p5: r.h100eP5,
      h100e_median: r.h100eMedian,
      h100e_p95: r.h100eP95,
      units_median: r.unitsMedian,
      complete: r.complete,
      method: r.method,
      source: r.source,
    })),
  );
}

export function ownersToCsv(rows: readonly OwnerRow[]): string {
  return toCsv(
    OWNER_COLUMNS,
    rows.map((r) => ({
      quarter: r.quarter,
      owner: r.owner,
      bloc: r.bloc,
      h100e_p5: cell(r.h100eP5),
      h100e_median: r.h100eMedian,
      h100e_p95: cell(r.h100eP95),
      units_p5: cell(r.unitsP5),
      units_median: r.unitsMedian,
      units_p95: cell(r.unitsP95),
      complete: r.complete,
      method: r.method,
      source: r.source,
    })),
  );
}
