import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  loadNvidiaOwners,
  loadWorldOutput,
  OWNER_COLUMNS,
  parseNvidiaOwnersCsv,
  parseWorldOutputCsv,
  WORLD_OUTPUT_COLUMNS,
  worldOutputToCsv,
} from "../../src/data/chip-counts.js";
import { parseCsv } from "../../src/data/csv.js";
import { curateChipCounts } from "../../src/data/curate-chip-counts.js";
import { dataPath, packageRoot } from "../../src/data/paths.js";
import { DataFileError } from "../../src/data/table.js";
import { captureCli } from "../support/cli.js";
import {
  chinaLegalByQuarter,
  filterSupplyRows,
  usOwnedShareByQuarter,
  worldOutputByQuarter,
} from "../../src/engine/sim/supply-data.js";

const worldCsv = (...rows: string[]) => `${[WORLD_OUTPUT_COLUMNS.join(","), ...rows].join("\n")}\n`;
const ownersCsv = (...rows: string[]) => `${[OWNER_COLUMNS.join(","), ...rows].join("\n")}\n`;
const W = "2024Q1,amd,40891,55200,74032,69134,true,first-quarter,Epoch";
const O = "2024Q1,China,CN,15963,20748,26991,106730,138719,180461,true,epoch,Epoch";

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    return (e as DataFileError).problems;
  }
  throw new Error("expected a DataFileError");
}

describe("world-output.csv parser", () => {
  test("parses a row into typed fields", () => {
    expect(parseWorldOutputCsv(worldCsv(W))).toEqual([
      {
        quarter: "2024Q1",
        vendor: "amd",
        h100eP5: 40891,
        h100eMedian: 55200,
        h100eP95: 74032,
        unitsMedian: 69134,
        complete: true,
        method: "first-quarter",
        source: "Epoch",
      },
    ]);
  });

  test("each bad field is named with its row and value", () => {
    const p = problems(() =>
      parseWorldOutputCsv(
        worldCsv(
          "2024Q5,amd,1,2,3,4,true,first-quarter,Epoch",
          "2024Q2,intel,1,2,3,4,true,first-quarter,Epoch",
          "2024Q3,amd,1,-2,3,4,true,first-quarter,Epoch",
          "2024Q4,amd,5,2,3,4,yes,guess,",
        ),
        "w.csv",
      ),
    );
    expect(p).toEqual([
      'w.csv row 2 (2024Q5 amd), field quarter: "2024Q5" is not a quarter like 2024Q1 (2000–2100)',
      'w.csv row 3 (2024Q2 intel), field vendor: "intel" is not one of nvidia, amd, tpu, trainium',
      "w.csv row 4 (2024Q3 amd), field h100e_median: -2 is negative (must be ≥ 0)",
      'w.csv row 5 (2024Q4 amd), field complete: "yes" is not one of true, false',
      'w.csv row 5 (2024Q4 amd), field method: "guess" is not one of sum-of-chip-types, first-quarter, cumulative-difference',
      "w.csv row 5 (2024Q4 amd), field source: is required but empty",
    ]);
  });

  test("a median outside its band, an empty median and a duplicate quarter-vendor are refused", () => {
    expect(
      problems(() => parseWorldOutputCsv(worldCsv("2024Q1,amd,5,2,3,4,true,first-quarter,E"), "w.csv")),
    ).toEqual([
      "w.csv row 2 (2024Q1 amd), field h100e_median: 2 is outside its band 5–3 (need p5 ≤ median ≤ p95)",
    ]);
    expect(
      problems(() => parseWorldOutputCsv(worldCsv("2024Q1,amd,1,,3,4,true,first-quarter,E"), "w.csv")),
    ).toEqual(["w.csv row 2 (2024Q1 amd), field h100e_median: is required but empty"]);
    expect(problems(() => parseWorldOutputCsv(worldCsv(W, W), "w.csv"))).toEqual([
      "w.csv row 3 (2024Q1 amd): duplicate of row 2",
    ]);
  });

  test("a missing column is named", () => {
    const text = W.split(",").slice(0, 8).join(",");
    const header = WORLD_OUTPUT_COLUMNS.slice(0, 8).join(",");
    expect(problems(() => parseWorldOutputCsv(`${header}\n${text}\n`, "w.csv"))).toEqual([
      "w.csv header: missing column(s) source",
    ]);
  });
});

describe("nvidia-owners.csv parser", () => {
  test("a residual row may have no band; an epoch row may not; bloc must match the owner", () => {
    const [other] = parseNvidiaOwnersCsv(ownersCsv("2024Q1,Other,mixed,,211416,,,500000,,true,residual,E"));
    expect(other).toMatchObject({
      owner: "Other",
      bloc: "mixed",
      h100eP5: null,
      h100eMedian: 211416,
      unitsP95: null,
    });
    const p = problems(() =>
      parseNvidiaOwnersCsv(
        ownersCsv(
          "2024Q1,China,US,15963,20748,26991,106730,138719,180461,true,epoch,E",
          "2024Q1,Meta,US,,20748,,,138719,,true,epoch,E",
          "2024Q1,Oracle,US,1,20748,,1,2,3,true,epoch,E",
          "2024Q1,Huawei,CN,1,2,3,1,2,3,true,epoch,E",
        ),
        "o.csv",
      ),
    );
    expect(p).toEqual([
      'o.csv row 2 (2024Q1 China), field bloc: "US" does not match owner China (must be CN)',
      "o.csv row 3 (2024Q1 Meta), field h100e_p5: is empty but method is epoch (Epoch gives bands)",
      "o.csv row 4 (2024Q1 Oracle), field h100e_median: band has only one of p5, p95 (give both or neither)",
      'o.csv row 5 (2024Q1 Huawei), field owner: "Huawei" is not one of Microsoft, Meta, Amazon, Google, Oracle, China, Other',
    ]);
    expect(problems(() => parseNvidiaOwnersCsv(ownersCsv(O, O), "o.csv"))).toEqual([
      "o.csv row 3 (2024Q1 China): duplicate of row 2",
    ]);
  });
});

describe("bundled chip counts", () => {
  const world = loadWorldOutput();
  const owners = loadNvidiaOwners();

  test("coverage: NVIDIA 2022Q1–2026Q1, TPU from 2023Q1, AMD and Trainium 2024Q1–2025Q4; 2026Q1 flagged incomplete", () => {
    const quarters = (v: string) => world.filter((r) => r.vendor === v).map((r) => r.quarter);
    expect(quarters("nvidia")).toHaveLength(17);
    expect(quarters("nvidia")[0]).toBe("2022Q1");
    expect(quarters("tpu")).toHaveLength(13);
    expect(quarters("tpu")[0]).toBe("2023Q1");
    expect(quarters("amd")).toEqual(quarters("trainium"));
    expect(quarters("amd")).toHaveLength(8);
    expect(world.filter((r) => !r.complete).map((r) => `${r.quarter} ${r.vendor}`)).toEqual([
      "2026Q1 nvidia",
      "2026Q1 tpu",
    ]);
    expect(owners).toHaveLength(17 * 7);
  });

  test("NVIDIA 2023Q3 is the sum of Epoch's A100, A800, H100 and H800 rows for that quarter", () => {
    // nvidia_calendar_quarter_chip_timelines.csv, Q3 2023 rows (H100e median / p5 / p95, units).
    const r = world.find((x) => x.quarter === "2023Q3" && x.vendor === "nvidia")!;
    expect(r.h100eMedian).toBe(17327 + 8987 + 260088 + 56333);
    expect(r.h100eP5).toBe(13354 + 6874 + 217897 + 45446);
    expect(r.h100eP95).toBe(22581 + 11658 + 306028 + 70105);
    expect(r.unitsMedian).toBe(54953 + 28505 + 260088 + 56333);
  });

  test("AMD 2024Q2 is the cumulative difference with the running total's relative band", () => {
    // amd_cumulative_totals.csv: through Q1 2024 median 55,200; through Q2 2024 139,882 / 173,975 / 215,297.
    const r = world.find((x) => x.quarter === "2024Q2" && x.vendor === "amd")!;
    expect(r.method).toBe("cumulative-difference");
    expect(r.h100eMedian).toBe(173975 - 55200); // 118,775
    expect(r.h100eP5).toBe(95499); // 118,775 × 139,882 / 173,975 = 95,499.3
    expect(r.h100eP95).toBe(146986); // 118,775 × 215,297 / 173,975 = 146,986.1
    expect(r.unitsMedian).toBe(167271 - 69134);
  });

  test("China's legal NVIDIA purchases match priors.md's quarterly medians and Epoch's cumulative total", () => {
    const cn = chinaLegalByQuarter(owners);
    const m = Object.fromEntries(cn.map((q) => [q.quarter, q.median]));
    // priors.md: 2023Q1 16.6k, Q2 40.3k, Q3 65.4k, Q4 22.7k; 2024Q1 20.7k, Q2 33.4k, Q3 40.7k, Q4 48.5k;
    // 2025Q1 54.1k, Q2 22.8k, Q3 2.6k, then 0.
    const priors: Record<string, number> = {
      "2023Q1": 16.6e3,
      "2023Q2": 40.3e3,
      "2023Q3": 65.4e3,
      "2023Q4": 22.7e3,
      "2024Q1": 20.7e3,
      "2024Q2": 33.4e3,
      "2024Q3": 40.7e3,
      "2024Q4": 48.5e3,
      "2025Q1": 54.1e3,
      "2025Q2": 22.8e3,
      "2025Q3": 2.6e3,
      "2025Q4": 0,
      "2026Q1": 0,
    };
    for (const [q, v] of Object.entries(priors)) expect(Math.abs(m[q]! - v), q).toBeLessThanOrEqual(50);
    const total = cn.reduce((s, q) => s + q.median, 0);
    expect(total).toBe(399739);
    // nvidia_owners_cumulative_totals.csv, China through Q1 2026: median 401,698 (sum of medians ≠ median of sum).
    expect(Math.abs(total - 401698) / 401698).toBeLessThan(0.01);
    expect(cn.find((q) => q.quarter === "2024Q1")).toMatchObject({ p5: 15963, p95: 26991 });
  });

  test("world output 2024Q1 sums all four vendors; 2022Q4 has NVIDIA only", () => {
    const w = worldOutputByQuarter(world);
    const q1 = w.find((q) => q.quarter === "2024Q1")!;
    expect(q1.vendorsCovered).toEqual(["nvidia", "amd", "tpu", "trainium"]);
    expect(q1.median).toBe(573000 + 55200 + 122396 + 32836);
    expect(q1.p5).toBe(478628 + 40891 + 94637 + 18425);
    expect(q1.p95).toBe(676789 + 74032 + 154346 + 62883);
    expect(w.find((q) => q.quarter === "2022Q4")!.vendorsCovered).toEqual(["nvidia"]);
    expect(w.at(-1)).toMatchObject({ quarter: "2026Q1", vendorsCovered: ["nvidia", "tpu"], complete: false });
    expect(worldOutputByQuarter(world, { completeOnly: true }).at(-1)!.quarter).toBe("2025Q4");
  });

  test("US share of NVIDIA output in 2022Q1 is bounded by the named hyperscalers and everything but China", () => {
    const s = usOwnedShareByQuarter(owners).find((q) => q.quarter === "2022Q1")!;
    // Microsoft 14,769 + Meta 7,759 + Amazon 5,639 + Google 5,700 + Oracle 1,606 = 35,473; China 9,414; total 66,883.
    expect(s.nvidiaTotal).toBe(66883);
    expect(s.lower).toBeCloseTo(35473 / 66883, 12);
    expect(s.upper).toBeCloseTo((66883 - 9414) / 66883, 12);
  });

  test("owners' rows add up to the NVIDIA total of world-output.csv each quarter", () => {
    for (const w of world.filter((r) => r.vendor === "nvidia")) {
      const sum = owners.filter((o) => o.quarter === w.quarter).reduce((s, o) => s + o.h100eMedian, 0);
      expect(sum, w.quarter).toBe(w.h100eMedian);
    }
  });
});

describe("asOf: only rows dated ≤ T", () => {
  const world = loadWorldOutput();
  const owners = loadNvidiaOwners();

  test("a quarter is kept from its last day on", () => {
    expect(worldOutputByQuarter(world, { asOf: "2024-03-31" }).at(-1)!.quarter).toBe("2024Q1");
    expect(worldOutputByQuarter(world, { asOf: "2024-03-30" }).at(-1)!.quarter).toBe("2023Q4");
    expect(chinaLegalByQuarter(owners, { asOf: "2023-06-30" }).map((q) => q.quarter)).toEqual([
      "2022Q1",
      "2022Q2",
      "2022Q3",
      "2022Q4",
      "2023Q1",
      "2023Q2",
    ]);
    expect(filterSupplyRows(owners, { asOf: "2021-12-31" })).toEqual([]);
  });

  test("changing any row after T changes nothing at T", () => {
    const T = "2024-09-30";
    const altered = world.map((r) => (r.quarter > "2024Q3" ? { ...r, h100eMedian: r.h100eMedian * 10 } : r));
    const alteredOwners = owners.map((r) => (r.quarter > "2024Q3" ? { ...r, h100eMedian: 0 } : r));
    expect(worldOutputByQuarter(altered, { asOf: T })).toEqual(worldOutputByQuarter(world, { asOf: T }));
    expect(chinaLegalByQuarter(alteredOwners, { asOf: T })).toEqual(chinaLegalByQuarter(owners, { asOf: T }));
    expect(usOwnedShareByQuarter(alteredOwners, { asOf: T })).toEqual(
      usOwnedShareByQuarter(owners, { asOf: T }),
    );
    // …and the alteration is visible without the filter, so the comparison above can fail.
    expect(worldOutputByQuarter(altered)).not.toEqual(worldOutputByQuarter(world));
  });
});

test("`chokepoint data validate` checks both chip-count files", async () => {
  const r = await captureCli(["data", "validate", "--json"]);
  const files = JSON.parse(r.stdout).files as { file: string; ok: boolean; rows: number }[];
  expect(files.filter((f) => f.file.startsWith("data/chip-counts/"))).toEqual([
    { file: "data/chip-counts/world-output.csv", ok: true, rows: 46, errors: [] },
    { file: "data/chip-counts/nvidia-owners.csv", ok: true, rows: 119, errors: [] },
  ]);
});

// The reference copy lives outside the repository (../shared/data); on a clean clone without it this is skipped.
const shared = join(packageRoot(), "..", "shared", "data");
const present = existsSync(join(shared, "epoch-chip-counts", "nvidia_cumulative_totals.csv"));

describe.skipIf(!present)("curation from Epoch's reference copy", () => {
  test("rebuilding gives the committed files byte for byte", () => {
    const r = curateChipCounts(shared);
    expect(r.worldCsv).toBe(readFileSync(dataPath("chip-counts", "world-output.csv"), "utf8"));
    expect(r.ownersCsv).toBe(readFileSync(dataPath("chip-counts", "nvidia-owners.csv"), "utf8"));
    expect(worldOutputToCsv(parseWorldOutputCsv(r.worldCsv))).toBe(r.worldCsv);
  });

  test("NVIDIA per-quarter sums agree with differences of Epoch's cumulative medians within 0.7%", () => {
    const cum = parseCsv(
      readFileSync(join(shared, "epoch-chip-counts", "nvidia_cumulative_totals.csv"), "utf8"),
    ).rows.map((r) => Number(r.record["Compute estimate in H100e (median)"]));
    const nv = loadWorldOutput().filter((r) => r.vendor === "nvidia");
    expect(nv).toHaveLength(cum.length);
    nv.forEach((r, i) => {
      const diff = cum[i]! - (i ? cum[i - 1]! : 0);
      expect(Math.abs(r.h100eMedian - diff) / diff, r.quarter).toBeLessThan(0.007);
    });
  });
});
