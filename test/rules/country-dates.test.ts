import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/rules/evaluate.js";
import { ruleset, spec } from "./helpers.js";

// H100 SXM: TPP 1979 × 8 = 15,832, PD 15,832 / 814 = 19.4 → 3A090.a under the 2023 rule.
const H100 = spec({
  id: "h100",
  fp8Tflops: 1979,
  dieAreaMm2: 814,
  ioBandwidthGBps: 900,
  memoryBandwidthGBps: 3350,
});

describe("country-group membership changes take effect on their dates", () => {
  // 89 FR 40369 (effective 2024-05-30): "Cyprus is no longer a Country Group D:5 country". Cyprus is also in A:6,
  // so before that date the 2023 rule's A:5/A:6 carve-out does not help a Cyprus-headquartered buyer (HQ rule on
  // D:5), and after it a Cyprus buyer in Cyprus needs no licence.
  it("Cyprus leaves D:5 on 2024-05-30", () => {
    const before = evaluate(H100, { date: "2024-05-01", destination: "CY", buyerHq: "CY" }, ruleset);
    const after = evaluate(H100, { date: "2024-06-01", destination: "CY", buyerHq: "CY" }, ruleset);
    expect(before.licenseRequired).toBe(true);
    expect(after.licenseRequired).toBe(false);
  });

  // Cambodia: removed from the ITAR §126.1 embargo list effective 2025-11-07 (so from D:5), but it stays in D:1,
  // where the 2023 rule still requires a licence, now under a presumption of approval instead of denial.
  it("Cambodia moves from denial to approval on 2025-11-07", () => {
    const before = evaluate(H100, { date: "2025-11-06", destination: "KH", buyerHq: "KH" }, ruleset);
    const after = evaluate(H100, { date: "2025-11-07", destination: "KH", buyerHq: "KH" }, ruleset);
    expect(before.licenseRequired).toBe(true);
    expect(before.reviewPolicy).toBe("presumption-of-denial");
    expect(after.licenseRequired).toBe(true);
    expect(after.reviewPolicy).toBe("presumption-of-approval");
  });

  // 84 FR 24018 (2019) added Venezuela to D:4, so the 2023 rule requires a licence for exports there.
  it("Venezuela (D:4) needs a licence under the 2023 rule", () => {
    const r = evaluate(H100, { date: "2024-01-15", destination: "VE", buyerHq: "VE" }, ruleset);
    expect(r.licenseRequired).toBe(true);
  });
});
