// The pure builder: chart geometry worked out by hand, and the page's text from hand-made data (no simulation).
import { describe, expect, it } from "vitest";
import { type BriefData, fanChart, logLinesChart, renderBrief } from "../../src/engine/brief/index.js";

const Q = ["2024Q1", "2024Q2", "2024Q3"];

describe("charts", () => {
  // Frame: 680 × 230, left 62, right 150, top 10, bottom 26 → plot x 62…530 (step 234), y 10…204 (194 px).
  it("places the fan's median where the scale puts it", () => {
    const svg = fanChart({
      quarters: Q,
      fan: { p5: [0, 0, 0], p25: [2, 2, 2], p50: [5, 5, 5], p75: [8, 8, 8], p95: [10, 10, 10] },
      labels: { median: "m", band50: "b50", band90: "b90", compare: "c" },
      title: "t",
      desc: "d",
      lang: "en",
    });
    // Domain 0…10 padded by 4% each side → −0.4…10.4; y(5) = 10 + (10.4 − 5) × 194 / 10.8 = 107.
    expect(svg).toContain('d="M62,107L296,107L530,107"');
    // y(0) = 10 + 10.4 × 194 / 10.8 = 196.8: the zero line.
    expect(svg).toContain('y1="196.8" x2="530" y2="196.8" class="zero"');
    expect(svg).not.toContain('stroke-dasharray="5 3"'); // no counterfactual line when none is given
  });

  it("draws channels on a log scale and breaks a line where a value is zero", () => {
    const svg = logLinesChart({
      quarters: Q,
      series: [
        { label: "a", values: [100, 1000, 10000], color: "#000" },
        { label: "b", values: [100, 0, 10000], color: "#111" },
      ],
      title: "t",
      desc: "d",
      lang: "en",
    });
    // Decades 10² … 10⁴ over 194 px: y(100) = 204, y(1000) = 107, y(10000) = 10.
    expect(svg).toContain('d="M62,204L296,107L530,10"');
    expect(svg).toContain('d="M62,204M530,10"');
    expect(svg).toContain(">10,000</text>");
  });
});

function data(over: Partial<BriefData> = {}): BriefData {
  const flat = (v: number) => [v, v, v];
  return {
    scenario: {
      name: "demo",
      description: "A <demo> scenario",
      lineage: ["demo"],
      events: [],
      params: [],
    },
    seed: 5,
    draws: 1234,
    quarters: Q,
    gap: { p5: flat(1.25), p25: flat(3), p50: flat(7.04), p75: flat(9), p95: flat(15.96), mean: flat(7) },
    counterfactual: null,
    channels: {
      legalH100e: flat(1e4),
      stockpileH100e: flat(0),
      smugglingH100e: flat(2e3),
      remoteH100e: flat(5e4),
      domesticH100e: flat(3e4),
    },
    headline: { quarter: "2024Q3", index: 2, p5: 1.25, p50: 7.04, p95: 15.96, pUnder6: 0.372, cfP50: null },
    observed: {
      date: "2026-04-08",
      lagMonths: 9.92,
      us: { model: "US-<model>", organization: "OpenAI", value: 158.24 },
      cn: { model: "Kimi K2.5", organization: "Moonshot", value: 148.02 },
    },
    bestLegal: null,
    rules: [],
    posterior: null,
    date: "2026-11-30",
    version: "9.9.9",
    datasetSource: "test",
    ...over,
  };
}

describe("renderBrief", () => {
  it("words the headline without a counterfactual, with the numbers rounded as written", () => {
    const html = renderBrief(data());
    // 7.04 → 7.0; 1.25 → 1.3 (half away from zero); 15.96 → 16.0; 0.372 → 37%.
    expect(html).toContain(
      '<p class="headline" id="headline">Gap in 2024 Q3: 7.0 months (90% band 1.3–16.0 months), chance under 6 months 37%.</p>',
    );
    expect(html).toContain(
      "US US-&lt;model&gt; (OpenAI) at ECI 158.2 vs China Kimi K2.5 (Moonshot) at ECI 148.0",
    );
    expect(html).toContain("none in the catalogue");
    expect(html).toContain("Scenario demo: A &lt;demo&gt; scenario");
    expect(html).toContain("No policy events");
  });

  it("writes Chinese firms' own names and Chinese numbers and dates in zh-CN", () => {
    const html = renderBrief(
      data({
        counterfactual: { name: "no-controls", gapP50: [1, 2, 3.06] },
        headline: {
          quarter: "2024Q3",
          index: 2,
          p5: 1.25,
          p50: 7.04,
          p95: 15.96,
          pUnder6: 0.372,
          cfP50: 3.06,
        },
        posterior: { id: "a".repeat(64), asOf: "2025-06-30", ess: 41.6 },
      }),
      { lang: "zh-CN" },
    );
    expect(html).toContain(
      "2024年第三季度差距：7.0 个月（90% 区间 1.3–16.0 个月），差距小于 6 个月的概率为 37%；若无管制则为 3.1 个月。",
    );
    expect(html).toContain("Kimi K2.5（月之暗面）");
    expect(html).toContain("2026年11月30日");
    expect(html).toContain("aaaaaaaaaaaa…（数据截至 2025年6月30日，有效样本量 42）");
  });
});
