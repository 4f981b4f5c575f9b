/**
 * Rebuilds data/chip-counts/world-output.csv and nvidia-owners.csv from the reference copy of Epoch AI's chip counts
 * (epoch-research/ai-chip-counts, MIT). Run after a build:  node dist/data/curate-chip-counts.js [SHARED_DATA_DIR]
 * (default ../shared/data beside the package). The product reads only data/chip-counts/.
 * How each per-quarter band is derived is documented in data/README.md and on BAND_METHODS.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  CHIP_VENDORS,
  type ChipVendor,
  NVIDIA_OWNERS,
  OWNER_BLOC,
  type OwnerRow,
  type WorldOutputRow,
} from "../engine/sim/supply-data.js";
import { worldOutputToCsv, ownersToCsv } from "./chip-counts-parse.js";
import { parseCsv } from "./csv.js";
import { dataPath, packageRoot } from "./paths.js";

export const EPOCH_CHIP_COUNTS_COMMIT = "d1b1bc311479ed385befa400e94533afc8b59fb7";
const CITE = `Epoch AI, AI chip counts (epoch-research/ai-chip-counts@${EPOCH_CHIP_COUNTS_COMMIT.slice(0, 7)}, MIT)`;

type Rec = Record<string, string>;

function read(dir: string, file: string): Rec[] {
  return parseCsv(readFileSync(join(dir, file), "utf8")).rows.map((r) => r.record);
}

/** Epoch's "3/31/2024" end date → "2024Q1"; an end date that is not a calendar quarter's last day is an error. */
function quarterOfEnd(mdy: string, file: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(mdy.trim());
  const ends: Record<string, string> = { "3/31": "Q1", "6/30": "Q2", "9/30": "Q3", "12/31": "Q4" };
  const q = m ? ends[`${Number(m[1])}/${Number(m[2])}`] : undefined;
  if (!m || !q) throw new Error(`${file}: end date ${JSON.stringify(mdy)} is not a calendar quarter's end`);
  return `${m[3]}${q}`;
}

function num(r: Rec, col: string, file: string): number {
  const v = Number((r[col] ?? "").trim());
  if ((r[col] ?? "").trim() === "" || !Number.isFinite(v))
    throw new Error(`${file}: ${r.Name}: column ${JSON.stringify(col)} is ${JSON.stringify(r[col])}`);
  return v;
}

const incomplete = (r: Rec) => /incomplete/i.test(`${r.Incomplete ?? ""} ${r.Notes ?? ""}`);

/** Per-quarter rows from one cumulative-totals file (columns differ between files, hence the names). */
function fromCumulative(
  dir: string,
  vendor: ChipVendor,
  file: string,
  cols: { p5: string; med: string; p95: string; units: string },
): WorldOutputRow[] {
  const rows = read(dir, file)
    .map((r) => ({ r, quarter: quarterOfEnd(r["End date"]!, file) }))
    .sort((a, b) => (a.quarter < b.quarter ? -1 : 1));
  const out: WorldOutputRow[] = [];
  let prevMed = 0;
  let prevUnits = 0;
  rows.forEach(({ r, quarter }, i) => {
    const cumMed = num(r, cols.med, file);
    const cumP5 = num(r, cols.p5, file);
    const cumP95 = num(r, cols.p95, file);
    const cumUnits = num(r, cols.units, file);
    const median = cumMed - prevMed;
    const first = i === 0;
    out.push({
      quarter,
      vendor,
      h100eP5: first ? cumP5 : Math.round((median * cumP5) / cumMed),
      h100eMedian: median,
      h100eP95: first ? cumP95 : Math.round((median * cumP95) / cumMed),
      unitsMedian: cumUnits - prevUnits,
      complete: !incomplete(r),
      method: first ? "first-quarter" : "cumulative-difference",
      source: `${CITE}: ${file}, ${first ? r.Name : `${rows[i - 1]!.r.Name} → ${r.Name}`}`,
    });
    prevMed = cumMed;
    prevUnits = cumUnits;
  });
  return out;
}

/** NVIDIA per quarter: sums over the quarter's chip-type rows. */
function nvidiaQuarters(dir: string): WorldOutputRow[] {
  const file = "nvidia_calendar_quarter_chip_timelines.csv";
  const byQ = new Map<string, WorldOutputRow & { chips: string[] }>();
  for (const r of read(dir, file)) {
    const quarter = quarterOfEnd(r["End date"]!, file);
    let q = byQ.get(quarter);
    if (!q) {
      q = {
        quarter,
        vendor: "nvidia",
        h100eP5: 0,
        h100eMedian: 0,
        h100eP95: 0,
        unitsMedian: 0,
        complete: true,
        method: "sum-of-chip-types",
        source: "",
        chips: [],
      };
      byQ.set(quarter, q);
    }
    q.h100eMedian += num(r, "Compute estimate in H100e (median)", file);
    q.h100eP5 += num(r, "H100e (5th percentile)", file);
    q.h100eP95 += num(r, "H100e (95th percentile)", file);
    q.unitsMedian += num(r, "Number of Units", file);
    q.complete &&= !incomplete(r);
    q.chips.push(r["Chip type"]!.trim());
  }
  return [...byQ.values()]
    .sort((a, b) => (a.quarter < b.quarter ? -1 : 1))
    .map(({ chips, ...q }) => ({ ...q, source: `${CITE}: ${file}, ${q.quarter} ${chips.join(" + ")}` }));
}

export function curateWorldOutput(dir: string): WorldOutputRow[] {
  const rows = [
    ...nvidiaQuarters(dir),
    ...fromCumulative(dir, "amd", "amd_cumulative_totals.csv", {
      p5: "Compute estimate in H100e (5th percentile)",
      med: "Compute estimate in H100e (median)",
      p95: "Compute estimate in H100e (95th percentile)",
      units: "Number of units (median)",
    }),
    ...fromCumulative(dir, "tpu", "tpu_cumulative_totals.csv", {
      p5: "Compute estimate in H100e (5th percentile)",
      med: "Compute estimate in H100e (median)",
      p95: "Compute estimate in H100e (95th percentile)",
      units: "Number of units (median)",
    }),
    ...fromCumulative(dir, "trainium", "trainium_cumulative_totals.csv", {
      p5: "H100e (5th percentile)",
      med: "Compute estimate in H100e (median)",
      p95: "H100e (95th percentile)",
      units: "Number of Units",
    }),
  ];
  const v = (x: ChipVendor) => CHIP_VENDORS.indexOf(x);
  return rows.sort((a, b) =>
    a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : v(a.vendor) - v(b.vendor),
  );
}

export function curateOwners(dir: string, world: readonly WorldOutputRow[]): OwnerRow[] {
  const file = "nvidia_owners_quarters.csv";
  const out: OwnerRow[] = [];
  for (const r of read(dir, file)) {
    const owner = r.Owner!.trim() as OwnerRow["owner"];
    if (!NVIDIA_OWNERS.includes(owner) || owner === "Other")
      throw new Error(`${file}: ${r.Name}: unknown owner ${JSON.stringify(r.Owner)}`);
    out.push({
      quarter: quarterOfEnd(r["End date"]!, file),
      owner,
      bloc: OWNER_BLOC[owner],
      h100eP5: num(r, "H100e (5th percentile)", file),
      h100eMedian: num(r, "Compute estimate in H100e (median)", file),
      h100eP95: num(r, "H100e (95th percentile)", file),
      unitsP5: num(r, "Number of Units (5th percentile)", file),
      unitsMedian: num(r, "Number of Units", file),
      unitsP95: num(r, "Number of Units (95th percentile)", file),
      complete: !incomplete(r),
      method: "epoch",
      source: `${CITE}: ${file}, ${r.Name}`,
    });
  }
  // "Other": the NVIDIA quarter total less the named owners (medians only; Epoch gives the residual no band).
  for (const w of world) {
    if (w.vendor !== "nvidia") continue;
    const named = out.filter((o) => o.quarter === w.quarter);
    if (named.length !== NVIDIA_OWNERS.length - 1)
      throw new Error(
        `${file}: ${w.quarter} has ${named.length} named owners, expected ${NVIDIA_OWNERS.length - 1}`,
      );
    const h100e = w.h100eMedian - named.reduce((s, o) => s + o.h100eMedian, 0);
    const units = w.unitsMedian - named.reduce((s, o) => s + o.unitsMedian, 0);
    if (h100e < 0 || units < 0) throw new Error(`${w.quarter}: named owners exceed the NVIDIA total`);
    out.push({
      quarter: w.quarter,
      owner: "Other",
      bloc: "mixed",
      h100eP5: null,
      h100eMedian: h100e,
      h100eP95: null,
      unitsP5: null,
      unitsMedian: units,
      unitsP95: null,
      complete: w.complete && named.every((o) => o.complete),
      method: "residual",
      source: `${CITE}: world-output.csv nvidia ${w.quarter} median less ${file} named owners' medians`,
    });
  }
  const o = (x: OwnerRow["owner"]) => NVIDIA_OWNERS.indexOf(x);
  return out.sort((a, b) =>
    a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : o(a.owner) - o(b.owner),
  );
}

/** Both curated files' text from the shared copy (pure apart from reading it). */
export function curateChipCounts(sharedDir: string): { worldCsv: string; ownersCsv: string } {
  const dir = join(sharedDir, "epoch-chip-counts");
  const world = curateWorldOutput(dir);
  return { worldCsv: worldOutputToCsv(world), ownersCsv: ownersToCsv(curateOwners(dir, world)) };
}

if (process.argv[1] && resolve(process.argv[1]).endsWith("curate-chip-counts.js")) {
  const dir = resolve(process.argv[2] ?? join(packageRoot(), "..", "shared", "data"));
  const r = curateChipCounts(dir);
  writeFileSync(dataPath("chip-counts", "world-output.csv"), r.worldCsv);
  writeFileSync(dataPath("chip-counts", "nvidia-owners.csv"), r.ownersCsv);
  console.log("data/chip-counts/world-output.csv and nvidia-owners.csv rebuilt");
}
