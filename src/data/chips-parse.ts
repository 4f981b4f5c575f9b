/**
 * The chip catalogue's schema and parser (pure — no Node imports, so the browser can use it too).
 * `loadChips()` in chips.ts adds the file read.
 */
import { z } from "zod";
import { CHIP_COLUMNS, type Chip } from "../engine/chips/types.js";
import { type Provenance, parseProvenance } from "../engine/provenance.js";
import {
  DataFileError,
  oneOf,
  optionalBoolean,
  optionalDate,
  optionalNonNegative,
  optionalText,
  parseTable,
  requiredText,
  sourceList,
} from "./table.js";

const chipId = z.string().transform((s, ctx) => {
  const t = s.trim();
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(t)) {
    ctx.addIssue({
      code: "custom",
      message:
        t === ""
          ? "is required but empty"
          : `${JSON.stringify(t)} is not kebab-case (a-z, 0-9, single hyphens)`,
    });
    return z.NEVER;
  }
  return t;
});

const country = z.string().transform((s, ctx): string | null => {
  const t = s.trim();
  if (t === "") return null;
  if (!/^[A-Z]{2}$/.test(t)) {
    ctx.addIssue({
      code: "custom",
      message: `${JSON.stringify(t)} is not an ISO 3166 alpha-2 code (e.g. US, CN)`,
    });
    return z.NEVER;
  }
  return t;
});

/** `grade; field=grade; …` with field names from the chips.csv header (required: every row says how far to trust it). */
const provenance = z.string().transform((s, ctx): Provenance => {
  const p = parseProvenance(s, CHIP_COLUMNS);
  if (p.ok) return p.value;
  ctx.addIssue({ code: "custom", message: p.message });
  return z.NEVER;
});

/** One CSV row of data/chips.csv, keyed by column, mapped to a Chip. */
export const chipRowSchema = z
  .object({
    id: chipId,
    name: requiredText,
    vendor: requiredText,
    type: oneOf(["gpu", "asic", "fpga", "other"] as const),
    release_date: optionalDate,
    datacenter: optionalBoolean,
    fp64_tflops: optionalNonNegative,
    tf32_tflops: optionalNonNegative,
    fp16_tflops: optionalNonNegative,
    fp8_tflops: optionalNonNegative,
    int8_tops: optionalNonNegative,
    fp4_tflops: optionalNonNegative,
    memory_gb: optionalNonNegative,
    memory_bw_gbps: optionalNonNegative,
    io_bw_gbps: optionalNonNegative,
    die_area_mm2: optionalNonNegative,
    transistors_billion: optionalNonNegative,
    tdp_w: optionalNonNegative,
    hbm: optionalBoolean,
    origin: oneOf(["US", "foreign"] as const),
    country,
    notes: optionalText,
    sources: sourceList,
    provenance,
  })
  .transform(
    (r): Chip => ({
      id: r.id,
      name: r.name,
      vendor: r.vendor,
      type: r.type,
      releaseDate: r.release_date,
      datacenter: r.datacenter,
      fp64Tflops: r.fp64_tflops,
      tf32Tflops: r.tf32_tflops,
      fp16Tflops: r.fp16_tflops,
      fp8Tflops: r.fp8_tflops,
      int8Tops: r.int8_tops,
      fp4Tflops: r.fp4_tflops,
      memoryGB: r.memory_gb,
      memoryBandwidthGBps: r.memory_bw_gbps,
      ioBandwidthGBps: r.io_bw_gbps,
      dieAreaMm2: r.die_area_mm2,
      transistorsBillion: r.transistors_billion,
      tdpW: r.tdp_w,
      hbm: r.hbm,
      origin: r.origin,
      country: r.country,
      notes: r.notes,
      sources: r.sources,
      provenance: r.provenance,
    }),
  );

/**
 * Parses the text of a chips CSV. Throws a DataFileError listing every problem, each as
 * `data/chips.csv row 12 (id nvidia-h20), field fp8_tflops: "abc" is not a number` (row = line in the file).
 */
export function parseChipsCsv(text: string, file = "data/chips.csv"): Chip[] {
  const rows = parseTable(text, file, CHIP_COLUMNS, chipRowSchema, (r) =>
    r.id?.trim() ? `id ${r.id.trim()}` : null,
  );
  const seen = new Map<string, number>();
  const problems: string[] = [];
  for (const { line, value } of rows) {
    const first = seen.get(value.id);
    if (first !== undefined)
      problems.push(`${file} row ${line} (id ${value.id}), field id: duplicate of row ${first}`);
    else seen.set(value.id, line);
  }
  if (problems.length) throw new DataFileError(file, problems);
  return rows.map((r) => r.value);
}

// ---- lookup -------------------------------------------------------------------------------------------------

/** Lower-case, alphanumerics only: "H100 SXM5 80GB" → "h100sxm580gb". */
function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** The id without its vendor segment, normalised: "nvidia-h20" → "h20", "huawei-ascend-910b" → "ascend910b". */
function idTail(id: string): string {
  return norm(id.slice(id.indexOf("-") + 1));
}

/** Levenshtein edit distance. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

export type FindChipResult = { chip: Chip } | { suggestions: string[] };

/**
 * Finds a chip by id or name, ignoring case (and, failing that, ignoring spaces and punctuation, with or without
 * the vendor: "nvidia h20", "H20", "NVIDIA-H20" all find nvidia-h20 — provided exactly one chip matches). When nothing matches exactly once, returns up to five
 * ids: chips whose id or name contains the query first, then the closest by edit distance.
 */
export function findChip(catalogue: readonly Chip[], query: string, maxSuggestions = 5): FindChipResult {
  const q = query.trim().toLowerCase();
  const exact = catalogue.find((c) => c.id === q) ?? catalogue.find((c) => c.name.toLowerCase() === q);
  if (exact) return { chip: exact };
  const nq = norm(q);
  const keys = (c: Chip) => [norm(c.id), idTail(c.id), norm(c.name), norm(`${c.vendor} ${c.name}`)];
  if (nq !== "") {
    const loose = catalogue.filter((c) => keys(c).includes(nq));
    if (loose.length === 1) return { chip: loose[0]! };
  }
  // Prefer chips with a word that starts with the query ("A100" → the A100 variants, not "MTIA 100").
  const words = (c: Chip) =>
    `${c.id} ${c.name}`
      .toLowerCase()
      .split(/[\s\-_/]+/)
      .map(norm);
  const wordHits = nq === "" ? [] : catalogue.filter((c) => words(c).some((w) => w.startsWith(nq)));
  const contains =
    wordHits.length > 0
      ? wordHits
      : nq === ""
        ? []
        : catalogue.filter((c) => norm(c.id).includes(nq) || norm(c.name).includes(nq));
  const scored = catalogue
    .map((c) => ({ id: c.id, d: Math.min(...keys(c).map((k) => editDistance(nq, k))) }))
    .filter((s) => s.d <= Math.max(2, Math.ceil(nq.length / 3)))
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id));
  const out: string[] = [];
  for (const c of contains.sort((a, b) => a.id.length - b.id.length || a.id.localeCompare(b.id)))
    if (!out.includes(c.id)) out.push(c.id);
  for (const s of scored) if (!out.includes(s.id)) out.push(s.id);
  return { suggestions: out.slice(0, maxSuggestions) };
}
