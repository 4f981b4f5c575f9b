import { describe, expect, it } from "vitest";
import { loadChips } from "../../src/data/chips.js";
import { loadRuleset } from "../../src/data/rules.js";
import { bestLegalChip, legalChipSchedule } from "../../src/engine/rules/index.js";

// Expected values worked out from the rule texts and the datasheet figures in data/chips.csv:
// - 2023Q2 (2022 rule only): H800 has NVLink 400 GB/s < 600, so it escapes 3A090 despite TPP 1979 × 8 = 15,832.
// - 2024Q2 (2023 rule): H20 TPP 296 × 8 = 2,368 < 2,400 and PD 2,368 / 814 = 2.91 < 3.2 → not 3A090.
// - 2025Q3 (2025-04 trigger): H20 memory bandwidth 4,000 GB/s ≥ 1,400 → licence; A10 (TPP 125 × 16 = 2,000,
//   PD 2,000 / 628 = 3.18 < 3.2; 600 GB/s memory, PCIe 64 GB/s) stays licence-free and beats L20 (TPP 1,913.6).
// - 2026Q2: the A10 (released 2021-04-12) is more than five years old at 2026-06-30 and drops out; L20 is next
//   (TPP 59.8 TF32 × 32 = 1,913.6, PD 3.14 < 3.2; 864 + 64 = 928 GB/s < 1,700).
describe("best legal chip for a Chinese buyer over the bundled catalogue", () => {
  const chips = loadChips();
  const rules = loadRuleset();
  const sched = legalChipSchedule(chips, rules, ["2023Q2", "2024Q2", "2025Q3", "2026Q2"]);

  it("follows the rules' history quarter by quarter", () => {
    expect(sched.map((s) => s.chipId)).toEqual(["nvidia-h800-sxm", "nvidia-h20", "nvidia-a10", "nvidia-l20"]);
    expect(sched[1]!.h100e).toBeCloseTo(2368 / 15832, 6);
  });

  it("lets a licensed chip through only when the caller allows it", () => {
    const licensed = bestLegalChip(chips, rules, { date: "2025-09-30", allowLicensed: ["nvidia-h20"] });
    expect(licensed).toMatchObject({ chipId: "nvidia-h20", licensed: true });
  });

  it("ignores chips older than maxAgeYears", () => {
    const withOld = bestLegalChip(chips, rules, { date: "2025-09-30", maxAgeYears: 100 });
    // V100S PCIe (2019): TPP 130 × 16 = 2,080 > A10's 2,000, PD 2,080 / 815 = 2.55, 1,130 + 32 GB/s < 1,700 →
    // licence-free; it wins only once the age limit is lifted.
    expect(withOld?.chipId).toBe("nvidia-v100s-pcie-32gb");
    expect(withOld?.h100e).toBeCloseTo(2080 / 15832, 6);
  });
});
