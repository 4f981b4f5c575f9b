// A grid of evaluate() calls over the whole chip catalogue: every date on which a rule, amendment, exception or
// group membership changes (and the day before), destinations from each country-group family and every sanctions
// programme, and context variants that reach every layer (headquarters, reexports, in-country transfers, in-US
// deliveries, screened buyers, Part 746 regions, foreign-made items, 4A090 computers, .z items, HBM stacks).
// The results are reduced to one SHA-256 digest per (chip, date) so that a fixture taken from one version of the
// engine can check that another gives byte-identical JSON (key order included) in full and summary detail.
import { createHash } from "node:crypto";
import { loadChips } from "../../src/data/chips.js";
import type { EvalChip, EvalContext } from "../../src/engine/rules/evaluate.js";
import { tryEvaluate } from "../../src/engine/rules/evaluate.js";
import type { Ruleset } from "../../src/engine/rules/ruleset.js";

/** Rule, amendment and membership dates in data/ (effective days and the day before), plus dates between them. */
export const GRID_DATES = [
  "2022-02-23",
  "2022-02-24",
  "2022-10-06",
  "2022-10-07",
  "2023-06-01",
  "2023-11-16",
  "2023-11-17",
  "2024-04-03",
  "2024-04-04",
  "2024-05-29",
  "2024-05-30",
  "2024-12-01",
  "2024-12-02",
  "2025-01-12",
  "2025-01-13",
  "2025-01-15",
  "2025-04-15",
  "2025-05-13",
  "2025-09-02",
  "2025-11-07",
  "2026-01-14",
  "2026-01-15",
  "2026-06-01",
] as const;

/** CN/HK/MO (D:5, alias, Macau), D:1-only, D:4-only, A:5, A:6 carve-outs, Tier 3, every Part 746 programme, the US. */
export const GRID_DESTINATIONS = [
  "CN",
  "HK",
  "MO",
  "VN",
  "SA",
  "AE",
  "DE",
  "IL",
  "SG",
  "MY",
  "IN",
  "CY",
  "KH",
  "NI",
  "RU",
  "BY",
  "IR",
  "KP",
  "CU",
  "SY",
  "UA",
  "US",
] as const;

/** Context variants; one is applied per (chip, date, destination) in rotation, besides the plain export. */
const VARIANTS: ((dest: string) => Partial<EvalContext>)[] = [
  () => ({ buyerHq: "CN" }),
  () => ({ shipFrom: "SG" }),
  (d) => ({ shipFrom: d === "US" ? "DE" : d }),
  () => ({ buyer: "Huawei Technologies Co., Ltd.", consignee: "Acme Compute GmbH" }),
  () => ({ buyer: "Sofgo Technologies", buyerHq: "MO" }),
  () => ({ buyer: "上海壁仞智能科技有限公司" }),
  (d) => (d === "UA" ? { region: "crimea" } : { buyerHq: "RU" }),
  () => ({ informed: false, endUse: "training cluster" }),
  () => ({ foreignDirectProduct: true, shipFrom: "TW" }),
  () => ({ usContentPercent: 12, foreignDirectProduct: false, shipFrom: "KR" }),
  () => ({ usContentPercent: 30, shipFrom: "JP" }),
  (d) => (d === "UA" ? { region: "donetsk" } : { buyerHq: "MO" }),
];

/** Item variants applied to the catalogue chip in rotation (most cases use the chip as listed). */
const ITEMS: ((c: EvalChip) => EvalChip)[] = [
  (c) => c,
  (c) => ({ ...c, computer: { units: 8 } }),
  (c) => c,
  (c) => ({ ...c, alsoEccn: "5A992" }),
  (c) => c,
  (c) => ({ ...c, dieAreaMm2: null }),
  (c) => ({ ...c, datacenter: null as unknown as boolean }),
  (c) => ({ ...c, ioBandwidthGBps: null, memoryBandwidthGBps: null }),
];

/** HBM stacks on both sides of 3.3 GB/s/mm² and of the 2 GB/s/mm² 3A090.c line. */
const STACKS: EvalChip[] = [
  { bandwidthGBps: 819, areaMm2: 121 },
  { bandwidthGBps: 1229, areaMm2: 121 },
  { bandwidthGBps: 399, areaMm2: 121 },
  { bandwidthGBps: 242, areaMm2: 121 },
  { bandwidthGBps: 2000, areaMm2: 110 },
].map((s, i) => ({ id: `hbm-stack-${i}`, hbm: true, hbmStack: s }) as unknown as EvalChip);

/** Chips given only by a stated TPP (the API's tpp field), around the thresholds. */
const BY_TPP: EvalChip[] = [1599, 1600, 2399, 2400, 4799, 4800, 5000].map(
  (t) => ({ id: `tpp-${t}`, tppGiven: t, dieAreaMm2: 500, datacenter: true }) as unknown as EvalChip,
);

export function gridChips(): EvalChip[] {
  return [...(loadChips() as EvalChip[]), ...STACKS, ...BY_TPP];
}

/**
 * Digest per "chipId date" of every result (or error) on the grid, as JSON: full detail for the plain export and
 * for one rotating variant, summary detail for the plain export.
 */
export function gridDigests(
  ruleset: Ruleset,
  replacer?: (key: string, value: unknown) => unknown,
): Record<string, string> {
  const out: Record<string, string> = {};
  let k = 0;
  for (const chip of gridChips()) {
    for (const date of GRID_DATES) {
      const h = createHash("sha256");
      for (const dest of GRID_DESTINATIONS) {
        const base: EvalContext = { date, destination: dest };
        const item = ITEMS[k % ITEMS.length]!(chip);
        const variant = { ...base, ...VARIANTS[k % VARIANTS.length]!(dest) };
        k++;
        for (const [c, ctx, detail] of [
          [chip, base, "full"],
          [item, variant, "full"],
          [chip, base, "summary"],
        ] as const) {
          h.update(JSON.stringify(tryEvaluate(c, ctx, ruleset, { detail }), replacer));
          h.update("\n");
        }
      }
      out[`${chip.id} ${date}`] = h.digest("hex").slice(0, 16);
    }
  }
  return out;
}
