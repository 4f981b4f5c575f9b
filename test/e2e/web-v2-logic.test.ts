/**
 * The dashboard v2's pure logic, without a browser: every UI string has its Chinese, the Chips page reads the rule
 * engine's real answers correctly (status, one-line reason, the plane's rule), labels never overlap, and a link's
 * bad values are refused with the default in their place.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadChips } from "../../src/data/chips.js";
import { loadRuleset } from "../../src/data/rules.js";
import { evaluate } from "../../src/engine/rules/evaluate.js";
import {
  oneLineReason,
  placeLabels,
  planeRule,
  regimeSentence,
  ruleStatusOn,
  statusOf,
  tally,
} from "../../web/src/chips-regime.js";
import { toCsvText } from "../../web/src/charts/export.js";
import { chipName, tIn, vendorName } from "../../web/src/i18n.js";
import { ZH } from "../../src/engine/format/i18n-zh.js";
import type { ClassifyResult, RuleInfo } from "../../web/src/rules-data.js";
import { VARIABLE_INFO } from "../../src/engine/sim/model.js";
import { PARAMS } from "../../src/engine/sim/params.js";
import { gapAt, headline } from "../../web/src/scenario-headline.js";
import { scenarioLink } from "../../web/src/scenario-state.js";
import { conditionText } from "../../web/src/sim-labels.js";
import { LinkReader } from "../../web/src/url-state.js";
import { SLIDER_PARAMS } from "../../web/src/worker/controls.js";
import type { SimRunResult } from "../../web/src/worker/sim-types.js";
import { ROOT } from "./browser.js";

const ruleset = loadRuleset();
const chips = loadChips();
const chip = (id: string) => {
  const c = chips.find((x) => x.id === id);
  if (!c) throw new Error(`no chip ${id}`);
  return c;
};
const classify = (id: string, date: string, destination = "CN", buyerHq = destination) =>
  evaluate(chip(id), { date, destination, buyerHq }, ruleset) as unknown as ClassifyResult;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) && !f.includes("i18n-zh") ? [p] : [];
  });
}

describe("translations", () => {
  it("every t(), tr() and tIn() string in web/src has its Simplified Chinese", () => {
    const re = /(?:\bt\(|\btr\(|\btIn\(\s*[\w.]+\s*,)\s*"((?:[^"\\\n]|\\.)*)"/g;
    const keys = new Set<string>();
    for (const f of sources(join(ROOT, "web", "src")))
      for (const m of readFileSync(f, "utf8").matchAll(re)) keys.add(JSON.parse(`"${m[1]}"`));
    expect(keys.size).toBeGreaterThan(150);
    const missing = [...keys].filter((k) => !(k in ZH));
    expect(missing).toEqual([]);
  });

  it("translates strings the pages pass through t() indirectly (statuses, event types, link errors)", () => {
    for (const k of [
      "in-force",
      "not-enforced",
      "pending-compliance",
      "superseded",
      "suspended",
      "licence required (presumption of denial)",
      "licence required (case-by-case review)",
      "no licence required",
      "indeterminate (an input is missing)",
      "presumption of denial",
      "case-by-case",
      "US rule (Federal Register)",
      "Chinese government measure",
      "outside {min} … {max}",
      "not an ISO 3166 two-letter country code",
      "Dense FP4 TFLOPS",
      "Dense TF32 TFLOPS",
      "Dense FP64 TFLOPS",
    ])
      expect(ZH[k], k).toBeTruthy();
  });

  it("keeps every placeholder of the English in the Chinese", () => {
    for (const [en, zh] of Object.entries(ZH)) {
      const want = [...en.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const got = [...zh.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect([...new Set(got)], en).toEqual([...new Set(want)]);
    }
  });

  it("names Chinese chips and firms as they write them", () => {
    expect(chipName("Ascend 910B", "zh-CN")).toBe("昇腾 910B");
    expect(chipName("Siyuan 590 (MLU590)", "zh-CN")).toBe("思元 590 (MLU590)");
    expect(chipName("MLU370-X8", "zh-CN")).toBe("思元 370 · MLU370-X8");
    expect(chipName("DCU Shensuan-1 (Z100)", "zh-CN")).toBe("DCU 深算-1 (Z100)");
    expect(chipName("Ascend 910B", "en")).toBe("Ascend 910B");
    expect(vendorName("Hygon", "zh-CN")).toBe("海光");
    expect(vendorName("Cambricon", "zh-CN")).toBe("寒武纪");
    expect(vendorName("Huawei", "zh-CN")).toBe("华为");
    expect(tIn("zh-CN", "Chips")).toBe("芯片");
    expect(tIn("en", "{n} of {m}", { n: 2, m: 3 })).toBe("2 of 3");
  });
});

describe("the Chips page's reading of the engine", () => {
  it("H100 to China on 2024-01-01: licence, presumption of denial, decided by 3A090.a under 2023-10-17", () => {
    const r = classify("nvidia-h100-sxm", "2024-01-01");
    expect(statusOf(r)).toBe("denial");
    const line = oneLineReason(r, "en");
    // China is in the 3A090 licence scope of 88 FR 73458 (15 CFR 742.6(a)(6)(iii)); D:5: presumption of denial.
    expect(line).toMatch(
      /^Licence required by the 3A090\/4A090 licence, 15 CFR 742\.6\(a\)\(6\)\(iii\) \(88 FR 73458\): 3A090\.a item/,
    );
    expect(line).toContain("Review policy: presumption of denial");
    expect(line).not.toMatch(/\d\.\d{6,}/);
  });

  it("H20 to China: no licence on 2024-06-01 (below the thresholds), licence on 2025-06-01 (bandwidth trigger)", () => {
    const before = classify("nvidia-h20", "2024-06-01");
    expect(statusOf(before)).toBe("free");
    expect(oneLineReason(before, "en")).toMatch(/^No licence required: below the 3A090 thresholds/);
    const after = classify("nvidia-h20", "2025-06-01");
    expect(after.licenseRequired).toBe(true);
    expect(after.classification).toBe("not-3A090");
    expect(oneLineReason(after, "en")).toMatch(
      /^Licence required by an is-informed letter, 15 CFR 744\.23\(b\)/,
    );
  });

  it("H100 to Germany for a German buyer on 2025-06-01 needs no licence", () => {
    const r = classify("nvidia-h100-sxm", "2025-06-01", "DE");
    expect(statusOf(r)).toBe("free");
  });

  it("explains an indeterminate result by the missing input", () => {
    const noArea = {
      ...chip("nvidia-h20"),
      id: "x",
      dieAreaMm2: null,
      memoryBandwidthGBps: null,
      ioBandwidthGBps: null,
    };
    const r = evaluate(
      noArea,
      { date: "2024-06-01", destination: "CN" },
      ruleset,
    ) as unknown as ClassifyResult;
    if (r.licenseRequired === null)
      expect(oneLineReason(r, "en")).toMatch(/^Indeterminate: the tests need .*pd/);
    else expect(statusOf(r)).not.toBe("unknown");
  });

  it("picks the classification rule in force for the plane, whatever other rules are in force", () => {
    const rules: RuleInfo[] = ruleset.rules.map((r) => ({
      id: r.id,
      effective: r.effective,
      status: r.status,
      families: [...new Set(r.criteria.map((c) => c.family))],
    }));
    const inForce = (date: string) =>
      rules.filter((r) => ruleStatusOn(r, date) === "in-force").map((r) => r.id);
    expect(planeRule(rules, inForce("2023-01-01"))?.id).toBe("2022-10-07");
    expect(planeRule(rules, inForce("2025-06-01"))?.id).toBe("2023-10-17");
    // 2025-04-bandwidth and 2026-01-15 have no TPP × density tests of their own: they never take the plane.
    expect(planeRule(rules, inForce("2026-03-01"))?.id).toBe("2023-10-17");
    expect(ruleStatusOn(rules.find((r) => r.id === "2025-01-15-diffusion")!, "2025-06-01")).toBe(
      "not-enforced",
    );
  });

  it("counts statuses and states them in the sentence, in both languages", () => {
    const results = ["nvidia-h100-sxm", "nvidia-h20", "nvidia-rtx-4090"].map((id) =>
      classify(id, "2024-06-01"),
    );
    const t = tally(results.map((r) => ({ status: statusOf(r) })));
    expect(t.byStatus.denial + t.byStatus.case).toBe(2); // H100 and the RTX 4090 (TPP 5,285 ≥ 4,800)
    expect(t.byStatus.free).toBe(1); // H20 before April 2025
    const o = {
      date: "2024-06-01",
      destination: "CN",
      buyerHq: "CN",
      tally: t,
      licensed: ["H100"],
      free: ["H20"],
      rulesInForce: ["2023-10-17"],
    };
    expect(regimeSentence(o, "en")).toContain("On 1 Jun 2024, exporting to CN");
    expect(regimeSentence(o, "en")).toContain("2 of 3 catalogue chips need a licence");
    expect(regimeSentence(o, "zh-CN")).toContain("2024年6月1日");
    expect(regimeSentence(o, "zh-CN")).toContain("有 2 款需要许可证");
  });
});

describe("label placement", () => {
  it("never overlaps two labels and keeps every label inside the plot", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.integer({ min: 60, max: 700 }), y: fc.integer({ min: 20, max: 400 }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        (pts) => {
          const items = pts.map((p, i) => ({ id: String(i), x: p.x, y: p.y, text: `Chip ${i}` }));
          const bounds = { left: 56, right: 720, top: 16, bottom: 420 };
          const placed = placeLabels(items, pts, bounds);
          const boxes = placed.map((l) => {
            const w = l.text.length * 6;
            const x0 = l.anchor === "start" ? l.x + l.dx : l.x + l.dx - w;
            return { x0, x1: x0 + w, y0: l.y + l.dy - 5.5, y1: l.y + l.dy + 5.5 };
          });
          for (const b of boxes) {
            expect(b.x0).toBeGreaterThanOrEqual(bounds.left);
            expect(b.x1).toBeLessThanOrEqual(bounds.right);
          }
          for (let i = 0; i < boxes.length; i++)
            for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i]!;
              const b = boxes[j]!;
              expect(a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0).toBe(false);
            }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("labels a lone dot to its right", () => {
    const [l] = placeLabels([{ id: "a", x: 100, y: 100, text: "H100" }], [{ x: 100, y: 100 }], {
      left: 0,
      right: 500,
      top: 0,
      bottom: 500,
    });
    expect(l).toMatchObject({ anchor: "start", dx: 7, dy: 0 });
  });
});

describe("links", () => {
  it("refuses unknown and out-of-range values, naming them, and uses the defaults", () => {
    const r = new LinkReader(
      new URLSearchParams("date=2021-01-01&dest=ZZ&dc=maybe&metric=flops&seed=-4&draws=10000&chip=nope"),
    );
    expect(r.date("date", "2022-10-07", "2026-01-01", "2026-01-01")).toBe("2026-01-01");
    expect(r.country("dest", "CN")).toBe("CN");
    expect(r.flag("dc", true)).toBe(true);
    expect(r.oneOf("metric", ["eci", "compute"] as const, "eci")).toBe("eci");
    expect(r.number("seed", 0, 0xffffffff, 20221007, true)).toBe(20221007);
    expect(r.number("draws", 1000, 50000, 10000, true)).toBe(10000);
    expect(r.known("chip", ["nvidia-h20"], "nvidia-h20")).toBe("nvidia-h20");
    expect(r.issues.map((i) => `${i.param}=${i.value}`)).toEqual([
      "date=2021-01-01",
      "dest=ZZ",
      "dc=maybe",
      "metric=flops",
      "seed=-4",
      "chip=nope",
    ]);
    expect(r.issues[0]).toMatchObject({ why: "outside {min} … {max}", fallback: "2026-01-01" });
  });

  it("accepts good values silently", () => {
    const r = new LinkReader(new URLSearchParams("date=2025-06-01&dest=de&dc=0"));
    expect(r.date("date", "2022-10-07", "2026-01-01", "x")).toBe("2025-06-01");
    expect(r.country("dest", "CN")).toBe("DE");
    expect(r.flag("dc", true)).toBe(false);
    expect(r.issues).toEqual([]);
  });
});

describe("CSV exports", () => {
  it("carry the title, settings, date, source and credit, and defuse formula-like cells", () => {
    const text = toCsvText([{ chip: "=cmd()", tpp: 32 / 11 }], {
      title: "Chips",
      settings: "date=2025-06-01",
      source: "Source: test",
      credit: "Epoch AI, CC BY 4.0",
    });
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("# Chips");
    expect(lines[1]).toBe("# date=2025-06-01");
    expect(lines[2]).toMatch(/^# Exported \d{4}-\d{2}-\d{2}$/);
    expect(lines[3]).toBe("# Source: test");
    expect(lines[4]).toBe("# Epoch AI, CC BY 4.0");
    expect(lines[5]).toBe("chip,tpp");
    expect(lines[6]).toBe("'=cmd(),2.90909");
  });
});

describe("Scenarios page words", () => {
  it("translates every output's label and unit and every slider's label and unit from the engine's metadata", () => {
    for (const v of Object.values(VARIABLE_INFO)) {
      expect(ZH[v.label], v.label).toBeTruthy();
      expect(ZH[v.unit], v.unit).toBeTruthy();
    }
    for (const { name } of SLIDER_PARAMS) {
      expect(ZH[PARAMS[name].label], PARAMS[name].label).toBeTruthy();
      expect(ZH[PARAMS[name].unit], PARAMS[name].unit).toBeTruthy();
    }
  });

  it("writes conditions in words", () => {
    expect(conditionText("gapMonths@2028Q4<6", "en")).toBe("Gap (China behind the US) in 2028 Q4 < 6 months");
    expect(conditionText("gapMonths@2028Q4<6", "zh-CN")).toBe("2028年第四季度 差距（中国落后美国） < 6 个月");
    expect(conditionText("not a condition", "en")).toBe("not a condition");
  });

  it("states the headline from the summaries: median, 90% band, chance under 6 months, no-controls and the change", () => {
    const run = (name: string, p5: number, p50: number, p95: number, p6?: number): SimRunResult => ({
      name,
      key: `${name}-${p50}`,
      quarters: ["2028Q3", "2028Q4"],
      series: {
        gapMonths: {
          p5: [0, p5],
          p25: [0, p50 - 1],
          p50: [0, p50],
          p75: [0, p50 + 1],
          p95: [0, p95],
          mean: [0, p50],
        },
      },
      probabilities: p6 === undefined ? {} : { "gapMonths@2028Q4<6": p6 },
    });
    const now = gapAt(run("status-quo", 4.2, 11.5, 20.1, 0.13))!;
    expect(now).toEqual({ quarter: "2028Q4", p5: 4.2, p50: 11.5, p95: 20.1, pUnder6: 0.13 });
    const text = headline(
      {
        scenario: "status-quo",
        now,
        unmodified: gapAt(run("status-quo", 3, 9.25, 18)),
        noControls: gapAt(run("no-controls", 0, 2.5, 7)),
      },
      "en",
    );
    expect(text).toBe(
      "Gap in 2028 Q4 under status-quo: China 11.5 months behind (90% band 4.2 to 20.1 months). " +
        "Chance the gap is under 6 months: 13%. Without export controls: 2.5 months (90% band 0.0 to 7.0 months). " +
        "Your changes move the median from 9.3 months to 11.5 months (+2.3 months).",
    );
    // A run that ends before the headline quarter is read at its last quarter.
    expect(gapAt({ ...run("x", 1, 2, 3), quarters: ["2027Q1", "2027Q2"] })?.quarter).toBe("2027Q2");
  });

  it("refuses a multiplier outside ×0.25–×4 and an unknown parameter, and uses the CLI's seed", () => {
    const { state, issues } = scenarioLink(
      new URLSearchParams("m.smuggleShareOfUnmet=100&m.leakRate=2&seed=x"),
    );
    expect(state.controls.mults).toEqual({});
    expect(state.seed).toBe(20221007);
    expect(issues.map((i) => i.param).sort()).toEqual(["m.leakRate", "m.smuggleShareOfUnmet", "seed"]);
  });
});
