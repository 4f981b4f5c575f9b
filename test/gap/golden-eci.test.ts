import { describe, expect, it } from "vitest";
import { loadModels } from "../../src/data/models.js";
import { frontierPair, gapAt, modelObservations } from "../../src/engine/gap/index.js";

/*
 * Expected values worked out independently: a 25-line Python script read the raw Epoch file
 * ../shared/data/epoch/epoch_capabilities_index.csv (not data/models.csv), kept rows with an ECI score and release
 * date whose Country is only "United States of America" (US) or only China/Hong Kong (CN), took each bloc's best
 * score released on or before t, and the earliest leader row at or above the trailer's value.
 *
 *   t           US frontier (released, ECI)               CN frontier (released, ECI)             reference           days  months
 *   2023-12-31  GPT-4 (Mar 2023) (2023-03-14, 126.168)    Yi-34B (2023-11-02, 117.901)            GPT-4 (Mar 2023)     292   9.5926
 *   2024-06-30  Claude 3.5 Sonnet (2024-06-20, 130.0)     Qwen2-72B (2024-06-07, 125.748)         GPT-4 (Mar 2023)     474  15.5716
 *   2025-01-31  o1 (2024-12-17, 142.966)                  DeepSeek-R1 (2025-01-20, 139.877)       o1 (2024-12-17)       45   1.4783
 *   2025-09-30  GPT-5 (2025-08-07, 150.0)                 DeepSeek-V3.2-Exp (2025-09-29, 145.365) o4-mini (2025-04-16) 167   5.4862
 *     (o3, 147.198, came out the same day as o4-mini, 146.344; the engine names the day's best, o3 — same date.)
 *   2026-03-31  GPT-5.4 Pro (2026-03-05, 158.243)         Kimi K2.5 (2026-01-27, 148.017)         o3-pro (2025-06-10)  294   9.6583
 */
const expected = [
  ["2023-12-31", "GPT-4 (Mar 2023)", 126.168, "Yi-34B", 117.901, "GPT-4 (Mar 2023)", 292],
  ["2024-06-30", "Claude 3.5 Sonnet", 130.0, "Qwen2-72B", 125.748, "GPT-4 (Mar 2023)", 474],
  ["2025-01-31", "o1", 142.966, "DeepSeek-R1", 139.877, "o1", 45],
  ["2025-09-30", "GPT-5", 150.0, "DeepSeek-V3.2-Exp", 145.365, "o3", 167],
  ["2026-03-31", "GPT-5.4 Pro", 158.243, "Kimi K2.5", 148.017, "o3-pro", 294],
] as const;

describe("golden: measured ECI gap on the bundled data", () => {
  const pair = frontierPair(modelObservations(loadModels(), "eci"));
  for (const [at, us, usv, cn, cnv, ref, days] of expected) {
    it(`${at}: ${us} vs ${cn}, ${days} days`, () => {
      const p = gapAt(pair, at);
      expect(p.us?.model).toBe(us);
      expect(p.us?.value).toBeCloseTo(usv, 3);
      expect(p.cn?.model).toBe(cn);
      expect(p.cn?.value).toBeCloseTo(cnv, 3);
      expect(p.reachedBy?.model).toBe(ref);
      expect(p.lagMonths! * 30.44).toBeCloseTo(days, 6);
    });
  }
});
