import { describe, expect, test } from "vitest";
import { loadModels } from "../../src/data/models.js";
import type { Bloc, ModelRecord } from "../../src/engine/gap/types.js";
import {
  cholesky,
  eciYears,
  fitEci,
  invertSmall,
  ols,
  predictCnEci,
  predictUsEci,
} from "../../src/engine/sim/eci-fit.js";

function model(
  id: string,
  bloc: Bloc,
  releaseDate: string,
  flop: number | null,
  eci: number | null,
  extra: Partial<ModelRecord> & { restriction?: string | null } = {},
): ModelRecord {
  return {
    id,
    name: id,
    organization: "",
    bloc,
    countries: "",
    releaseDate,
    accessibility: null,
    trainingComputeFlop: flop,
    computeMethod: null,
    computeConfidence: "Confident",
    hardware: null,
    hardwareQuantity: null,
    eci,
    gpqaDiamond: null,
    arenaElo: null,
    variants: [],
    source: "test",
    ...extra,
  };
}

const expectMatrix = (got: number[][], want: number[][]) => {
  expect(got).toHaveLength(want.length);
  for (const [i, row] of got.entries())
    for (const [j, v] of row.entries()) expect(v, `[${i}][${j}]`).toBeCloseTo(want[i]![j]!, 9);
};

describe("ols against hand calculations", () => {
  test("3 points, intercept and slope: (0,1), (1,2), (2,6)", () => {
    // XᵀX = [[3,3],[3,5]], det 6, Xᵀy = [9,14] → a = (5·9 − 3·14)/6 = 0.5, b = (−3·9 + 3·14)/6 = 2.5.
    // Residuals 0.5, −1, 0.5 → RSS 1.5, σ² = 1.5/(3−2) = 1.5, cov = 1.5/6·[[5,−3],[−3,3]]; TSS 14.
    const r = ols(
      [
        [1, 0],
        [1, 1],
        [1, 2],
      ],
      [1, 2, 6],
    );
    expect(r.coef[0]).toBeCloseTo(0.5, 12);
    expect(r.coef[1]).toBeCloseTo(2.5, 12);
    expect(r.rss).toBeCloseTo(1.5, 12);
    expect(r.sigma).toBeCloseTo(Math.sqrt(1.5), 12);
    expectMatrix(r.cov, [
      [1.25, -0.75],
      [-0.75, 0.75],
    ]);
    expect(r.r2).toBeCloseTo(1 - 1.5 / 14, 12);
  });

  test("4 points, 2×2 design in two regressors", () => {
    // y00 = 10, y10 = 14, y01 = 13, y11 = 19: b = ((14+19) − (10+13))/2 = 5, c = ((13+19) − (10+14))/2 = 4,
    // a = mean 14 − 5/2 − 4/2 = 9.5; residuals ±0.5 → RSS 1, σ² = 1/(4−3) = 1.
    // XᵀX = [[4,2,2],[2,2,1],[2,1,2]], det 4, inverse = [[3,−2,−2],[−2,4,0],[−2,0,4]]/4. TSS = 16+0+1+25 = 42.
    const r = ols(
      [
        [1, 0, 0],
        [1, 1, 0],
        [1, 0, 1],
        [1, 1, 1],
      ],
      [10, 14, 13, 19],
    );
    expect(r.coef.map((v) => Number(v.toFixed(10)))).toEqual([9.5, 5, 4]);
    expect(r.sigma).toBeCloseTo(1, 12);
    expectMatrix(r.cov, [
      [0.75, -0.5, -0.5],
      [-0.5, 1, 0],
      [-0.5, 0, 1],
    ]);
    expect(r.r2).toBeCloseTo(41 / 42, 12);
    expect(r.residuals.map((v) => Number(v.toFixed(10)))).toEqual([0.5, -0.5, -0.5, 0.5]);
  });

  test("too few points and collinear regressors are refused with a reason", () => {
    expect(() =>
      ols(
        [
          [1, 0],
          [1, 1],
        ],
        [1, 2],
      ),
    ).toThrow("2 observations for 2 coefficients");
    expect(() =>
      ols(
        [
          [1, 2],
          [1, 2],
          [1, 2],
        ],
        [1, 2, 3],
      ),
    ).toThrow("singular design matrix");
    expect(invertSmall([[2]])).toEqual([[0.5]]);
  });
});

describe("cholesky", () => {
  test("2×2 and 3×3 by hand", () => {
    // [[4,2],[2,3]]: l11 = 2, l21 = 2/2 = 1, l22 = √(3 − 1) = √2.
    expectMatrix(
      cholesky([
        [4, 2],
        [2, 3],
      ]),
      [
        [2, 0],
        [1, Math.SQRT2],
      ],
    );
    // l11 = 2; l21 = 12/2 = 6; l31 = −16/2 = −8; l22 = √(37 − 36) = 1; l32 = (−43 − (−8)(6))/1 = 5;
    // l33 = √(98 − 64 − 25) = 3.
    expectMatrix(
      cholesky([
        [4, 12, -16],
        [12, 37, -43],
        [-16, -43, 98],
      ]),
      [
        [2, 0, 0],
        [6, 1, 0],
        [-8, 5, 3],
      ],
    );
  });

  test("a matrix that is not positive definite is refused", () => {
    expect(() =>
      cholesky([
        [1, 2],
        [2, 1],
      ]),
    ).toThrow("not positive definite");
  });
});

// The 2×2 design again, as model rows: log10 C ∈ {24, 25} and t ∈ {0, 4} years (2023-01-01 and 2027-01-01,
// 1,461 days = 4 × 365.25). In those units b = 5, c = 4/4 = 1, a = 9.5 − 24·5 = −110.5.
const US = [
  model("us00", "US", "2023-01-01", 1e24, 10),
  model("us10", "US", "2023-01-01", 1e25, 14),
  model("us01", "US", "2027-01-01", 1e24, 13),
  model("us11", "US", "2027-01-01", 1e25, 19),
];
// US frontier: 14 on 2023-01-01, 19 from 2027-01-01. US-equation predictions 9.5, 14.5, 13.5, 18.5 → distances
// 4.5, −0.5, 5.5, 0.5. ECI chosen as prediction + (−2 + 0.5·distance) + e, e = (0.5, −0.5, −0.5, 0.5), which is
// orthogonal to [1, distance] (Σe = 0; 4.5·0.5 + 0.5·0.5 − 5.5·0.5 + 0.5·0.5 = 0), so δ = −2 and κ = 0.5 exactly.
const CN = [
  model("cn00", "CN", "2023-01-01", 1e24, 10.25),
  model("cn10", "CN", "2023-01-01", 1e25, 11.75),
  model("cn01", "CN", "2027-01-01", 1e24, 13.75),
  model("cn11", "CN", "2027-01-01", 1e25, 17.25),
];

describe("fitEci on a hand-worked example", () => {
  test("the date regressor is years since 2023-01-01 in 365.25-day years", () => {
    expect(eciYears("2023-01-01")).toBe(0);
    expect(eciYears("2027-01-01")).toBe(4);
  });

  test("US coefficients and covariance", () => {
    const f = fitEci([...US, ...CN]);
    expect(f.us.a).toBeCloseTo(-110.5, 8);
    expect(f.us.b).toBeCloseTo(5, 9);
    expect(f.us.c).toBeCloseTo(1, 9);
    expect(f.us.sigma).toBeCloseTo(1, 9);
    expect(f.us.n).toBe(4);
    expect(f.us.r2).toBeCloseTo(41 / 42, 9);
    expect(f.us.dateRange).toEqual({ from: "2023-01-01", to: "2027-01-01" });
    // (a, b, c) = M·(a0, b0, c0) with M = [[1,−24,0],[0,1,0],[0,0,1/4]] from the 0/1 design, so cov = M·C0·Mᵀ:
    // var a = 0.75 + 2·24·0.5 + 576 = 600.75; cov(a,b) = −0.5 − 24 = −24.5; cov(a,c) = −0.5/4 = −0.125;
    // var b = 1; cov(b,c) = 0; var c = 1/16.
    expectMatrix(
      f.us.cov.map((r) => r.map((v) => Number(v.toFixed(7)))),
      [
        [600.75, -24.5, -0.125],
        [-24.5, 1, 0],
        [-0.125, 0, 0.0625],
      ],
    );
  });

  test("China's offset δ and catch-up κ with their covariance", () => {
    const f = fitEci([...US, ...CN]);
    const cn = f.cn!;
    expect(cn.delta).toBeCloseTo(-2, 8);
    expect(cn.kappa).toBeCloseTo(0.5, 8);
    expect(cn.n).toBe(4);
    // RSS = 4·0.25 = 1, σ² = 1/(4−2) = 0.5; XᵀX = [[4, 10],[10, 51]] (Σd = 10, Σd² = 51), det 104.
    expect(cn.sigma).toBeCloseTo(Math.sqrt(0.5), 9);
    expectMatrix(cn.cov, [
      [(0.5 * 51) / 104, (-0.5 * 10) / 104],
      [(-0.5 * 10) / 104, (0.5 * 4) / 104],
    ]);
    expect(cn.computeMultiplier).toBeCloseTo(10 ** (-2 / 5), 9);
    // Residuals (0.75, −2.75, 0.25, −1.25): mean −0.75, deviations 1.5, −2, 1, −0.5 → sample SD √(7.5/3);
    // mean distance 10/4.
    expect(cn.meanResidual).toBeCloseTo(-0.75, 9);
    expect(cn.meanResidualSe).toBeCloseTo(Math.sqrt(7.5 / 3) / 2, 9);
    expect(cn.meanDistance).toBeCloseTo(2.5, 9);
    // The fitted equations reproduce the construction: cn01 = 13.5 + (−2 + 0.5·5.5) (its e = −0.5 aside).
    expect(predictUsEci(f.us, 1e24, "2027-01-01")).toBeCloseTo(13.5, 8);
    expect(predictCnEci(f.us, cn, 1e24, "2027-01-01", 19)).toBeCloseTo(14.25, 8);
  });

  test("trend form: δ at 2023-01-01 and κ in ECI points per year", () => {
    // Residuals from the US equation: (0.75, −2.75) at t = 0 and (0.25, −1.25) at t = 4 → means −1 and −0.5,
    // so δ = −1 and κ = 0.5/4 = 0.125. Deviations ±1.75, ±0.75 → RSS = 2·3.0625 + 2·0.5625 = 7.25, σ² = 7.25/2.
    // XᵀX = [[4, 8],[8, 32]], det 64, inverse = [[32, −8],[−8, 4]]/64.
    const cn = fitEci([...US, ...CN], { cnModel: "trend" }).cn!;
    expect(cn.model).toBe("trend");
    expect(cn.delta).toBeCloseTo(-1, 8);
    expect(cn.kappa).toBeCloseTo(0.125, 9);
    expect(cn.sigma).toBeCloseTo(Math.sqrt(3.625), 9);
    expectMatrix(cn.cov, [
      [(3.625 * 32) / 64, (-3.625 * 8) / 64],
      [(-3.625 * 8) / 64, (3.625 * 4) / 64],
    ]);
    expect(cn.tEnd).toBe(4);
    // Held at tEnd: a date 2 years past the newest Chinese model gets κ·4, not κ·6.
    const f = fitEci([...US, ...CN]);
    const at2029 = predictCnEci(f.us, cn, 1e24, "2029-01-01", 0);
    expect(at2029).toBeCloseTo(predictUsEci(f.us, 1e24, "2029-01-01") - 1 + 0.125 * 4, 8);
  });

  test("rows without ECI or compute, other blocs, restricted rows and duplicates are left out", () => {
    const base = fitEci([...US, ...CN]);
    const f = fitEci([
      ...US,
      ...CN,
      model("no-eci", "US", "2024-01-01", 1e25, null),
      model("no-flop", "CN", "2024-01-01", null, 50),
      model("eu", "other", "2024-01-01", 1e25, 90),
      model("held-back", "US", "2024-01-01", 1e26, 99, { restriction: "not generally available" }),
      { ...US[1]!, id: "us10-relisted", releaseDate: "2025-01-01" },
    ]);
    expect(f.us.a).toBeCloseTo(base.us.a, 9);
    expect(f.cn!.delta).toBeCloseTo(base.cn!.delta, 9);
    expect(f.excluded).toEqual([
      { id: "held-back", reason: "restricted: not generally available" },
      { id: "us10-relisted", reason: "duplicate of an earlier row" },
    ]);
  });

  test("cnSample frontier keeps only Chinese models that raised China's ECI frontier", () => {
    const f = fitEci([...US, ...CN, model("cn-small", "CN", "2027-01-02", 1e23, 5)], {
      cnSample: "frontier",
    });
    // Date order: cn00 10.25, cn10 11.75 (raise), cn01 13.75 (raise), cn11 17.25 (raise), cn-small 5 (no).
    expect(f.cn!.used).toEqual(["cn00", "cn10", "cn01", "cn11"]);
    expect(f.excluded.map((e) => e.id)).toEqual(["cn-small"]);
  });

  test("fewer than 4 US models is an error naming the count; fewer than 3 Chinese models gives cn null and why", () => {
    expect(() => fitEci(US.slice(0, 3))).toThrow(
      "fitEci: 3 US models with ECI and training compute (need ≥ 4)",
    );
    const f = fitEci([...US, ...CN.slice(0, 2)]);
    expect(f.cn).toBeNull();
    expect(f.cnReason).toBe("2 usable Chinese models (need ≥ 3)");
  });
});

describe("asOf: the fit reads only models released on or before T", () => {
  const later = [
    model("us-late", "US", "2027-06-01", 1e26, 40),
    model("cn-late", "CN", "2027-06-01", 1e25, 30),
  ];
  const T = "2027-01-01";

  test("changing a row released after T changes nothing; without asOf it does", () => {
    const a = fitEci([...US, ...CN, ...later], { asOf: T });
    const changed = later.map((m) => ({ ...m, eci: m.eci! + 50, trainingComputeFlop: 1e20 }));
    const b = fitEci([...US, ...CN, ...changed], { asOf: T });
    expect(b).toEqual(a);
    expect(a.us.n).toBe(4);
    expect(a.asOf).toBe(T);
    expect(fitEci([...US, ...CN, ...changed]).us.a).not.toBeCloseTo(a.us.a, 3);
  });

  test("a later US model cannot raise the frontier a Chinese model is measured against", () => {
    const withLate = fitEci([...US, ...CN, model("us-late-top", "US", "2027-01-02", null, 100)], { asOf: T });
    expect(withLate.cn!.kappa).toBeCloseTo(0.5, 8);
  });
});

describe("bundled models.csv", () => {
  const models = loadModels();
  const f = fitEci(models);

  test("US fit: more compute and later dates both raise ECI; dozens of rows from 2023 on", () => {
    expect(f.us.n).toBeGreaterThanOrEqual(40);
    expect(f.us.b).toBeGreaterThan(0);
    expect(f.us.c).toBeGreaterThan(0);
    expect(f.us.b / Math.sqrt(f.us.cov[1]![1]!)).toBeGreaterThan(3); // b is many standard errors from 0
    expect(f.us.dateRange.from >= "2023-01-01").toBe(true);
    expect(f.us.r2).toBeGreaterThan(0.5);
  });

  test("Grok 4 (5e26 FLOP, 2025-07-09) is predicted within 2σ of its observed ECI", () => {
    const grok = models.find((m) => m.name === "Grok 4")!;
    expect(grok.trainingComputeFlop).toBeCloseTo(5e26, -20);
    const pred = predictUsEci(f.us, 5e26, grok.releaseDate);
    expect(Math.abs(pred - grok.eci!)).toBeLessThan(2 * f.us.sigma);
  });

  test("an asOf before the newest rows uses fewer of them", () => {
    const early = fitEci(models, { asOf: "2024-12-31" });
    expect(early.us.n).toBeLessThan(f.us.n);
    expect(early.us.dateRange.to <= "2024-12-31").toBe(true);
    expect(early.cn!.dateRange.to <= "2024-12-31").toBe(true);
  });
});
