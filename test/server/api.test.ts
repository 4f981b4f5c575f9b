// Every endpoint in-process (app.request, no port), with values worked out by hand from the rule text and
// the datasheet figures in fixtures.ts, plus the 4xx paths: malformed JSON, wrong types, unknown ids, limits.
import { afterAll, describe, expect, it } from "vitest";
import { loadModels } from "../../src/data/models.js";
import { model, tinyCatalogue } from "./fixtures.js";
import { expectError, jsonOf, post, testApp } from "./helpers.js";

// Hand-made ECI dataset: US 100 on 2023-01-01, US 120 on 2024-01-01, CN 110 on 2024-07-01.
const models = [
  model({ id: "us-a", bloc: "US", releaseDate: "2023-01-01", eci: 100, trainingComputeFlop: 1e24 }),
  model({ id: "us-b", bloc: "US", releaseDate: "2024-01-01", eci: 120, trainingComputeFlop: 4e24 }),
  model({
    id: "cn-c",
    bloc: "CN",
    releaseDate: "2024-07-01",
    eci: 110,
    trainingComputeFlop: 1e24,
    accessibility: "open-weights",
  }),
];
const t = testApp({ chips: tinyCatalogue, models });
// The simulator fits ECI on compute and date from the model rows, which needs real data: the bundled models.
const simModels = loadModels();
const { app } = t;
afterAll(() => t.close());

// biome-ignore lint/suspicious/noExplicitAny: response JSON, checked field by field by the assertions
type Json = Record<string, any>;

describe("GET /health", () => {
  it("reports ok, the version and the limits", async () => {
    const body = await jsonOf<Json>(await app.request("/api/v1/health"));
    expect(body.status).toBe("ok");
    expect(body.store).toBe(true);
    expect(body.limits.maxDraws).toBe(200_000);
  });
});

describe("chips", () => {
  it("lists the catalogue with derived metrics and filters it", async () => {
    const all = await jsonOf<Json>(await app.request("/api/v1/chips"));
    expect(all.count).toBe(3);
    const nv = await jsonOf<Json>(await app.request("/api/v1/chips?vendor=nvidia"));
    expect(nv.chips.map((c: Json) => c.id)).toEqual(["nvidia-h100-sxm", "nvidia-a100-sxm"]);
    const cn = await jsonOf<Json>(await app.request("/api/v1/chips?country=cn"));
    expect(cn.chips.map((c: Json) => c.id)).toEqual(["huawei-ascend-910b"]);
  });

  it("shows one chip: H100 SXM has TPP 1979 × 8 = 15832, PD 15832 / 814, H100e 1", async () => {
    const h = await jsonOf<Json>(await app.request("/api/v1/chips/nvidia-h100-sxm"));
    expect(h.metrics.tpp).toBe(15832);
    expect(h.metrics.tppFrom).toBe("fp8Tflops");
    expect(h.metrics.pd).toBeCloseTo(15832 / 814, 10);
    expect(h.metrics.h100e).toBe(1);
    // A100: max(312 × 16, 624 × 8) = 4992.
    const a = await jsonOf<Json>(await app.request("/api/v1/chips/A100%20SXM%2080GB"));
    expect(a.metrics.tpp).toBe(4992);
  });

  it("answers an unknown chip with 404 and suggestions", async () => {
    const err = await expectError(await app.request("/api/v1/chips/nvidia-h100"), 404, "unknown_chip", "id");
    expect(err.message).toMatch(/nvidia-h100-sxm/);
  });
});

describe("POST /classify", () => {
  it("H100 to China on 2024-06-01: TPP 15832 ≥ 4800 → 3A090.a, licence required", async () => {
    const r = await jsonOf<Json>(
      await post(app, "/classify", { chip: "nvidia-h100-sxm", date: "2024-06-01", destination: "CN" }),
    );
    expect(r.classification).toBe("3A090.a");
    expect(r.licenseRequired).toBe(true);
    expect(r.buyerHq).toBe("CN");
    expect(r.chip).toEqual({ id: "nvidia-h100-sxm", name: "H100 SXM", from: "catalogue" });
    expect(r.reasons.length).toBeGreaterThan(0);
  });

  it("A100 to China on 2023-01-01 under the 2022 rule: 4992 ≥ 4800 and 600 GB/s ≥ 600 → 3A090.a", async () => {
    const r = await jsonOf<Json>(
      await post(app, "/classify", { chip: "nvidia-a100-sxm", date: "2023-01-01", destination: "cn" }),
    );
    expect(r.rules.map((x: Json) => x.id)).toContain("2022-10-07");
    expect(r.classification).toBe("3A090.a");
    expect(r.licenseRequired).toBe(true);
  });

  it("the same A100 to the Netherlands in 2024 needs no licence", async () => {
    const r = await jsonOf<Json>(
      await post(app, "/classify", { chip: "nvidia-a100-sxm", date: "2024-06-01", destination: "NL" }),
    );
    expect(r.licenseRequired).toBe(false);
  });

  it("classifies specs at the exact thresholds: TPP 4800.0 is .a; 4799.2 at PD 5.896 is .b", async () => {
    const at = await jsonOf<Json>(
      await post(app, "/classify", {
        specs: { fp8Tflops: 600, dieAreaMm2: 814, datacenter: true },
        date: "2024-06-01",
      }),
    );
    expect(at.metrics.tpp).toBe(4800);
    expect(at.classification).toBe("3A090.a");
    // 599.9 × 8 = 4799.2 < 4800; PD = 4799.2 / 814 = 5.8958 < 5.92 and ≥ 1.6, TPP ≥ 2400 → 3A090.b.1.
    const below = await jsonOf<Json>(
      await post(app, "/classify", {
        specs: { fp8Tflops: 599.9, dieAreaMm2: 814, datacenter: true },
        date: "2024-06-01",
      }),
    );
    expect(below.classification).toBe("3A090.b");
    expect(below.chip.from).toBe("specs");
  });

  it("overrides a catalogue chip's specs when both are given", async () => {
    const r = await jsonOf<Json>(
      await post(app, "/classify", {
        chip: "nvidia-h100-sxm",
        specs: { fp8Tflops: 296, fp16Tflops: 148 },
        date: "2024-06-01",
      }),
    );
    expect(r.chip.from).toBe("catalogue+specs");
    expect(r.metrics.tpp).toBe(2368); // 296 × 8
  });

  it("refuses bad input with 400 naming the field", async () => {
    await expectError(await post(app, "/classify", {}), 400, "bad_input", "chip");
    await expectError(
      await post(app, "/classify", { specs: { fp8Tflops: "lots" } }),
      400,
      "bad_input",
      "specs.fp8Tflops",
    );
    await expectError(
      await post(app, "/classify", { specs: { fp8Tflops: -1 } }),
      400,
      "bad_input",
      "specs.fp8Tflops",
    );
    await expectError(await post(app, "/classify", { specs: { fp8Tflop: 1 } }), 400, "bad_input");
    await expectError(
      await post(app, "/classify", { chip: "nvidia-h100-sxm", date: "2023-02-30" }),
      400,
      "bad_input",
      "date",
    );
    await expectError(
      await post(app, "/classify", { chip: "nvidia-h100-sxm", destination: "ZZ" }),
      400,
      "bad_input",
      "destination",
    );
    await expectError(await post(app, "/classify", { chip: "x".repeat(1000) }), 400, "bad_input", "chip");
    await expectError(await post(app, "/classify", [1, 2]), 400, "bad_input");
    await expectError(await post(app, "/classify", { chip: "no-such-chip" }), 404, "unknown_chip", "chip");
  });

  it("refuses bodies nested deeper than 32 levels before any code walks them", async () => {
    const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    for (const body of [`{"chip": ${deep(100_000)}}`, `{"specs": {"fp8Tflops": ${deep(40)}}}`]) {
      await expectError(await post(app, "/classify", body, { raw: true }), 400, "too_deep");
    }
    // 31 levels inside the object (32 with it) is within the limit and fails validation normally.
    await expectError(
      await post(app, "/classify", `{"chip": ${deep(31)}}`, { raw: true }),
      400,
      "bad_input",
      "chip",
    );
    await expectError(
      await post(
        app,
        "/simulate",
        `{"scenario": "history", "overrides": {"smuggleShareOfUnmet": ${deep(50_000)}}}`,
        {
          raw: true,
        },
      ),
      400,
      "too_deep",
    );
  });

  it("refuses malformed JSON, empty bodies and other media types", async () => {
    await expectError(await post(app, "/classify", '{"chip": ', { raw: true }), 400, "invalid_json");
    await expectError(await post(app, "/classify", "", { raw: true }), 400, "invalid_json");
    await expectError(
      await post(app, "/classify", "chip=h100", { raw: true, type: "application/x-www-form-urlencoded" }),
      415,
      "unsupported_media_type",
    );
  });
});

describe("POST /classify/batch", () => {
  it("classifies every good row and reports each bad row without stopping", async () => {
    const r = await jsonOf<Json>(
      await post(app, "/classify/batch", {
        date: "2024-06-01",
        destination: "CN",
        rows: [
          { chip: "nvidia-h100-sxm" },
          { chip: "no-such-chip" },
          { specs: { fp16Tflops: -1 } },
          5,
          { chip: "nvidia-a100-sxm", destination: "NL" },
        ],
      }),
    );
    expect(r.count).toBe(5);
    expect(r.ok).toBe(2);
    expect(r.failed).toBe(3);
    expect(r.results[0].result.classification).toBe("3A090.a");
    expect(r.results[1].error.field).toBe("rows[1].chip");
    expect(r.results[2].error.field).toBe("rows[2].specs.fp16Tflops");
    expect(r.results[3].ok).toBe(false);
    // Row 4 overrides the shared destination.
    expect(r.results[4].result.destination).toBe("NL");
    expect(r.results[4].result.licenseRequired).toBe(false);
  });

  it("refuses an empty batch", async () => {
    await expectError(await post(app, "/classify/batch", { rows: [] }), 400, "bad_input", "rows");
  });
});

describe("rules", () => {
  it("lists the rule versions with citations and which apply on a date", async () => {
    const r = await jsonOf<Json>(await app.request("/api/v1/rules?date=2024-06-01"));
    const ids = r.rules.map((x: Json) => x.id);
    expect(ids).toContain("2022-10-07");
    expect(ids).toContain("2023-10-17");
    expect(r.activeOn.rules).toContain("2023-10-17");
    expect(r.activeOn.rules).not.toContain("2022-10-07"); // superseded on 2023-11-17
  });

  it("shows one rule version", async () => {
    const r = await jsonOf<Json>(await app.request("/api/v1/rules/2023-10-17"));
    expect(r.citation).toMatch(/88 FR 73458/);
    await expectError(await app.request("/api/v1/rules/1999-01-01"), 404, "unknown_rule", "id");
  });

  it("max-tpp: an 814 mm² datacenter chip stays uncontrolled below 2400 under the 2023 rule", async () => {
    // Prong lower edges at 814 mm²: .a.1 4800; .a.2 max(1600, 5.92 × 814 = 4818.9); .b.1 max(2400, 1.6 × 814);
    // .b.2 max(1600, 3.2 × 814 = 2604.8) → the lowest reachable is 2400 (.b.1).
    const r = await jsonOf<Json>(await app.request("/api/v1/rules/2023-10-17/max-tpp?dieArea=814"));
    expect(r.tpp).toBe(2400);
    expect(r.inclusive).toBe(false);
    expect(r.binding).toMatch(/3A090\.b\.1/);
    await expectError(
      await app.request("/api/v1/rules/2023-10-17/max-tpp?dieArea=-5"),
      400,
      "bad_input",
      "dieArea",
    );
    await expectError(await app.request("/api/v1/rules/2023-10-17/max-tpp"), 400, "bad_input", "dieArea");
  });

  it("regions: .a, .b and uncontrolled polygons inside the requested view", async () => {
    const r = await jsonOf<Json>(await app.request("/api/v1/rules/2023-10-17/regions?tppMax=6000&pdMax=10"));
    expect(r.regions.map((x: Json) => x.classification).sort()).toEqual([
      "3A090.a",
      "3A090.b",
      "uncontrolled",
    ]);
    for (const region of r.regions)
      for (const poly of region.polygons)
        for (const [x, y] of poly) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(6000);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(10);
        }
  });

  it("diff: H100 and A100 are 3A090.a with a licence for China under both 2022 and 2023 rules", async () => {
    const r = await jsonOf<Json>(await app.request("/api/v1/rules/diff?from=2022-10-07&to=2023-10-17"));
    const changed = r.changes.map((c: Json) => c.chipId);
    expect(changed).not.toContain("nvidia-h100-sxm");
    expect(changed).not.toContain("nvidia-a100-sxm");
    await expectError(
      await app.request("/api/v1/rules/diff?from=2022-10-07&to=nope"),
      404,
      "unknown_rule",
      "to",
    );
    await expectError(await app.request("/api/v1/rules/diff?from=2022-10-07"), 400, "bad_input", "to");
  });
});

describe("GET /events", () => {
  it("filters the timeline by type and date", async () => {
    const r = await jsonOf<Json>(await app.request("/api/v1/events?type=rule&from=2023-01-01&to=2023-12-31"));
    expect(r.count).toBeGreaterThan(0);
    for (const e of r.events) {
      expect(e.type).toBe("rule");
      expect(e.date >= "2023-01-01" && e.date <= "2023-12-31").toBe(true);
      expect(e.sources.length).toBeGreaterThan(0);
    }
    await expectError(await app.request("/api/v1/events?type=rumour"), 400, "bad_input", "type");
    await expectError(
      await app.request("/api/v1/events?from=2024-01-01&to=2023-01-01"),
      400,
      "bad_input",
      "from",
    );
  });
});

describe("GET /gap", () => {
  it("lag on 2024-07-01 is 182 days / 30.44 = 5.98 months: the US reached 110 on 2024-01-01", async () => {
    const r = await jsonOf<Json>(await app.request("/api/v1/gap?metric=eci&at=2024-07-01"));
    expect(r.dataset).toBe(1);
    const p = r.points[0];
    expect(p.cn.model).toBe("cn-c");
    expect(p.reachedBy.model).toBe("us-b");
    expect(p.lagMonths).toBeCloseTo(182 / 30.44, 10);
    expect(r.frontiers.US.map((s: Json) => s.value)).toEqual([100, 120]);
    expect(r.frontiers.CN.map((s: Json) => s.model)).toEqual(["cn-c"]);
  });

  it("open-weights only drops the US (API) models, so no lag is defined", async () => {
    const r = await jsonOf<Json>(await app.request("/api/v1/gap?openWeights=true&at=2024-07-01"));
    expect(r.frontiers.US).toEqual([]);
    expect(r.points[0].lagMonths).toBeNull();
  });

  it("compute metric reports the US/CN frontier ratio: 4e24 / 1e24 = 4", async () => {
    const r = await jsonOf<Json>(await app.request("/api/v1/gap?metric=compute&at=2024-07-01"));
    expect(r.points[0].usToCnRatio).toBe(4);
  });

  it("refuses bad metrics, dates and unknown dataset versions", async () => {
    await expectError(await app.request("/api/v1/gap?metric=iq"), 400, "bad_input", "metric");
    await expectError(await app.request("/api/v1/gap?at=2024-13-01"), 400, "bad_input");
    await expectError(await app.request("/api/v1/gap?dataset=99"), 404, "unknown_dataset", "dataset");
    await expectError(await app.request("/api/v1/gap?dataset=abc"), 400, "bad_input", "dataset");
    // A 9,000-year daily series would be gigabytes of JSON: dates are bounded.
    await expectError(await app.request("/api/v1/gap?to=9999-12-31&step=1"), 400, "bad_input", "to");
  });
});

describe("datasets", () => {
  const header =
    "Model version,ECI Score,Release date,Organization,Country,Model accessibility,Training compute (FLOP),Confidence,Model name,Description,Display name";
  const csv = `${header}\ncn-d,130,2024-10-01,CN Lab,China,Open weights (unrestricted),,Unknown,cn-d,,\n`;

  it("imports an Epoch ECI export as a new version, once", async () => {
    const before = await jsonOf<Json>(await app.request("/api/v1/datasets"));
    expect(before.versions).toHaveLength(1);
    const res = await post(app, "/datasets/import?label=test", csv, { raw: true, type: "text/csv" });
    expect(res.status).toBe(201);
    const r = await jsonOf<Json>(res);
    expect(r.kind).toBe("eci");
    expect(r.version).toBe(2);
    expect(r.added.map((m: Json) => m.name)).toEqual(["cn-d"]);
    const again = await post(app, "/datasets/import", csv, { raw: true, type: "text/csv" });
    expect(again.status).toBe(200);
    expect((await jsonOf<Json>(again)).alreadyStored).toBe(true);
    // Version 2 has cn-d (130 on 2024-10-01) above the US best (120), so China leads on 2024-12-31 by the time
    // since China reached 120: −(2024-10-01 → 2024-12-31 = 91 days) / 30.44.
    const g = await jsonOf<Json>(await app.request("/api/v1/gap?at=2024-12-31"));
    expect(g.dataset).toBe(2);
    expect(g.points[0].lagMonths).toBeCloseTo(-91 / 30.44, 10);
    // Version 1 still answers as before: CN 110, reached by the US on 2024-01-01, 365 days earlier.
    const old = await jsonOf<Json>(await app.request("/api/v1/gap?at=2024-12-31&dataset=1"));
    expect(old.points[0].lagMonths).toBeCloseTo(365 / 30.44, 10);
  });

  it("refuses a CSV with bad rows (422, nothing stored) and non-CSV bodies (415)", async () => {
    const bad = `${header}\ncn-e,not-a-number,2024-10-01,CN Lab,China,,,Unknown,cn-e,,\n`;
    const err = await expectError(
      await post(app, "/datasets/import", bad, { raw: true, type: "text/csv" }),
      422,
      "bad_rows",
    );
    expect(err.message).toMatch(/ECI Score|not-a-number/);
    await expectError(await post(app, "/datasets/import", { csv }), 415, "unsupported_media_type");
    await expectError(
      await post(app, "/datasets/import", "a,b\n1,2\n", { raw: true, type: "text/csv" }),
      422,
      "bad_rows",
    );
  });
});

describe("scenarios", () => {
  it("lists the built-ins", async () => {
    const r = await jsonOf<Json>(await app.request("/api/v1/scenarios"));
    const names = r.scenarios.map((s: Json) => s.name);
    for (const n of ["history", "status-quo", "no-controls"]) expect(names).toContain(n);
  });

  it("shows a built-in with extends resolved", async () => {
    const r = await jsonOf<Json>(await app.request("/api/v1/scenarios/status-quo"));
    expect(r.source).toBe("builtin");
    expect(r.summary.lineage).toEqual(["status-quo", "history"]);
    expect(r.scenario.extends).toBeUndefined();
    expect(Object.keys(r.scenario.params).length).toBeGreaterThan(10);
    await expectError(await app.request("/api/v1/scenarios/not-a-scenario"), 404, "unknown_scenario");
    await expectError(await app.request(`/api/v1/scenarios/${"ab".repeat(32)}`), 404, "unknown_scenario");
  });

  it("validates: every problem listed with its field", async () => {
    const r = await jsonOf<Json>(
      await post(app, "/scenarios/validate", {
        scenario: { name: "mine", description: "d", extends: "history", params: { smuggleShareOfUnmet: -1 } },
      }),
    );
    expect(r.valid).toBe(false);
    expect(r.issues[0].field).toMatch(/^scenario\.params\.smuggleShareOfUnmet/);
    const ok = await jsonOf<Json>(
      await post(app, "/scenarios/validate", {
        scenario: "history",
        overrides: { smuggleShareOfUnmet: 0.01 },
      }),
    );
    expect(ok.valid).toBe(true);
    expect(ok.resolved.params.smuggleShareOfUnmet).toBe(0.01);
  });

  it("never reads files named by a request: extends may only name a built-in", async () => {
    const r = await jsonOf<Json>(
      await post(app, "/scenarios/validate", {
        scenario: { name: "x", description: "d", extends: "../../package.json" },
      }),
    );
    expect(r.valid).toBe(false);
    expect(r.issues[0].message).toMatch(/no such scenario/);
  });

  it("saves by content hash: same content → same id, 201 then 200; fetch it back", async () => {
    const mine = {
      name: "mine",
      description: "status quo with no smuggling",
      extends: "status-quo",
      params: { smuggleShareOfUnmet: 0 },
    };
    const first = await post(app, "/scenarios", { scenario: mine });
    expect(first.status).toBe(201);
    const a = await jsonOf<Json>(first);
    expect(a.id).toMatch(/^[0-9a-f]{64}$/);
    expect(first.headers.get("location")).toBe(`/api/v1/scenarios/${a.id}`);
    const second = await post(app, "/scenarios", {
      scenario: {
        params: { smuggleShareOfUnmet: 0 },
        extends: "status-quo",
        description: mine.description,
        name: "mine",
      },
    });
    expect(second.status).toBe(200);
    expect((await jsonOf<Json>(second)).id).toBe(a.id);
    const got = await jsonOf<Json>(await app.request(`/api/v1/scenarios/${a.id}`));
    expect(got.source).toBe("saved");
    expect(got.scenario.params.smuggleShareOfUnmet).toBe(0);
    await expectError(await post(app, "/scenarios", { scenario: { name: "Bad Name" } }), 400, "bad_input");
  });
});

describe("POST /simulate and runs", () => {
  // Scenarios name catalogue chips in their licence events, so the simulator runs on the real catalogue.
  const sim = testApp({ models: simModels });
  const app = sim.app;
  afterAll(() => sim.close());

  it("runs a built-in: 34 quarters 2022Q3–2030Q4, the draws asked for, same seed → same numbers", async () => {
    const body = { scenario: "status-quo", draws: 300, seed: 42 };
    const a = await jsonOf<Json>(await post(app, "/simulate", body));
    expect(a.result.draws).toBe(300);
    expect(a.result.seed).toBe(42);
    expect(a.result.quarters).toHaveLength(34);
    expect(a.result.quarters[0]).toBe("2022Q3");
    expect(a.result.quarters.at(-1)).toBe("2030Q4");
    const s = a.result.series.gapMonths;
    for (let q = 0; q < 34; q++) expect(s.p5[q]).toBeLessThanOrEqual(s.p95[q]);
    const b = await jsonOf<Json>(await post(app, "/simulate", body));
    expect(b.result).toEqual(a.result);
    const c = await jsonOf<Json>(await post(app, "/simulate", { ...body, seed: 43 }));
    expect(c.result.series.cnStockH100e.p50).not.toEqual(a.result.series.cnStockH100e.p50);
  });

  it("shortens the horizon on request and compares with a counterfactual", async () => {
    const r = await jsonOf<Json>(
      await post(app, "/simulate", {
        scenario: "status-quo",
        draws: 200,
        horizon: "2024Q4",
        counterfactual: "no-controls",
      }),
    );
    expect(r.result.quarters).toHaveLength(10); // 2022Q3 … 2024Q4
    expect(r.result.counterfactualRatio.against).toBe("no-controls");
  });

  it("saves a run: same scenario, seed and draws → same run id and the stored result", async () => {
    const body = { scenario: "history", draws: 200, seed: 7, save: true };
    const first = await jsonOf<Json>(await post(app, "/simulate", body));
    expect(first.runId).toMatch(/^[0-9a-f]{64}$/);
    expect(first.cached).toBe(false);
    const again = await jsonOf<Json>(await post(app, "/simulate", body));
    expect(again.cached).toBe(true);
    expect(again.runId).toBe(first.runId);
    expect(again.result).toEqual(first.result);
    const fetched = await jsonOf<Json>(await app.request(`/api/v1/runs/${first.runId}`));
    expect(fetched.result).toEqual(first.result);
    expect(fetched.seed).toBe(7);
    const other = await jsonOf<Json>(await post(app, "/simulate", { ...body, draws: 201 }));
    expect(other.runId).not.toBe(first.runId);
    await expectError(await app.request(`/api/v1/runs/${"0".repeat(64)}`), 404, "unknown_run", "id");
    await expectError(await app.request("/api/v1/runs/xyz"), 404, "unknown_run", "id");
  });

  it("refuses huge draw counts, far horizons, wrong types and unknown scenarios", async () => {
    await expectError(
      await post(app, "/simulate", { scenario: "history", draws: 1e9 }),
      400,
      "bad_input",
      "draws",
    );
    await expectError(
      await post(app, "/simulate", { scenario: "history", draws: 200_001 }),
      400,
      "bad_input",
      "draws",
    );
    await expectError(
      await post(app, "/simulate", { scenario: "history", draws: 2.5 }),
      400,
      "bad_input",
      "draws",
    );
    await expectError(
      await post(app, "/simulate", { scenario: "history", draws: "100" }),
      400,
      "bad_input",
      "draws",
    );
    await expectError(
      await post(app, "/simulate", { scenario: "history", horizon: "2045Q4", draws: 10 }),
      400,
      "bad_input",
      "scenario.horizon",
    );
    await expectError(
      await post(app, "/simulate", { scenario: "nope" }),
      404,
      "unknown_scenario",
      "scenario",
    );
    await expectError(
      await post(app, "/simulate", { scenario: "history", seed: -1 }),
      400,
      "bad_input",
      "seed",
    );
    await expectError(
      await post(app, "/simulate", { scenario: "history", draws: 10, conditions: ["nonsense"] }),
      400,
      "bad_input",
    );
    await expectError(
      await post(app, "/simulate", { scenario: "history", overrides: { smuggleShareOfUnmet: 7 }, draws: 10 }),
      400,
      "bad_input",
    );
  });
});

describe("POST /sensitivity and /backtest", () => {
  const sim = testApp({ models: simModels });
  const app = sim.app;
  afterAll(() => sim.close());

  it("tornado bars are sorted by swing = |output at p90 − output at p10|; Sobol has one index per moving parameter", async () => {
    const r = await jsonOf<Json>(
      await post(app, "/sensitivity", {
        scenario: "status-quo",
        output: "cnStockH100e@2027Q4",
        N: 32,
        bootstrap: 10,
      }),
    );
    expect(r.output).toBe("cnStockH100e@2027Q4");
    const bars = r.tornado.bars;
    expect(bars.length).toBeGreaterThan(3);
    for (const b of bars) {
      expect(b.swing).toBeCloseTo(Math.abs(b.outputAtHigh - b.outputAtLow), 6);
      expect(b.low).toBeLessThanOrEqual(b.high);
    }
    for (let i = 1; i < bars.length; i++) expect(bars[i - 1].swing).toBeGreaterThanOrEqual(bars[i].swing);
    expect(r.sobol.N).toBe(32);
    expect(r.sobol.indices.map((x: Json) => x.param).sort()).toEqual(bars.map((b: Json) => b.param).sort());
    const noSobol = await jsonOf<Json>(
      await post(app, "/sensitivity", { scenario: "status-quo", sobol: false }),
    );
    expect(noSobol.sobol).toBeNull();
    expect(noSobol.output).toBe("gapMonths@2030Q4"); // default: the gap at the horizon
  });

  it("refuses unknown outputs, quarters outside the run and oversized N", async () => {
    await expectError(
      await post(app, "/sensitivity", { scenario: "status-quo", output: "nope@2027Q4", sobol: false }),
      400,
      "bad_input",
      "output",
    );
    await expectError(
      await post(app, "/sensitivity", { scenario: "status-quo", output: "gapMonths@2035Q4", sobol: false }),
      400,
      "bad_input",
      "output",
    );
    await expectError(
      await post(app, "/sensitivity", { scenario: "status-quo", N: 1_000_000 }),
      400,
      "bad_input",
      "N",
    );
  });

  it("backtest: each point is in the 50% band exactly when p25 ≤ observed ≤ p75, and coverage counts them", async () => {
    const r = await jsonOf<Json>(await post(app, "/backtest", { draws: 300, seed: 1 }));
    expect(r.window).toEqual({ from: "2023Q1", to: "2026Q4" });
    expect(r.scenario.name).toBe("history");
    for (const p of r.points) {
      expect(p.in50).toBe(p.observed >= p.p25 && p.observed <= p.p75);
      expect(p.in90).toBe(p.observed >= p.p5 && p.observed <= p.p95);
      expect(p.quarter >= "2023Q1" && p.quarter <= "2026Q4").toBe(true);
    }
    for (const score of r.scores) {
      const mine = r.points.filter((p: Json) => p.variable === score.variable);
      expect(score.n).toBe(mine.length);
      if (mine.length)
        expect(score.coverage50).toBeCloseTo(mine.filter((p: Json) => p.in50).length / mine.length, 12);
    }
    expect(Object.keys(r.bands).sort()).toEqual(["cnFrontierFlop", "gapMonths", "usFrontierFlop"]);
    await expectError(
      await post(app, "/backtest", { from: "2026Q1", to: "2023Q1" }),
      400,
      "bad_input",
      "from",
    );
    await expectError(await post(app, "/backtest", { draws: 0 }), 400, "bad_input", "draws");
  });
});

describe("limits (small limits so each refusal is cheap)", () => {
  const small = testApp({
    models: simModels,
    limits: { maxBodyBytes: 2000, maxBatchRows: 2, maxDraws: 1000, maxHorizonYear: 2028, maxRequestMs: 1 },
  });
  afterAll(() => small.close());

  it("413 for a body over the limit, whatever its content", async () => {
    const big = JSON.stringify({ chip: "nvidia-h100-sxm", endUse: "x".repeat(5000) });
    await expectError(await post(small.app, "/classify", big, { raw: true }), 413, "body_too_large");
    await expectError(
      await post(small.app, "/classify", `{${" ".repeat(3000)}`, { raw: true }),
      413,
      "body_too_large",
    );
  });

  it("400 for too many batch rows, too many draws and a horizon past the limit", async () => {
    await expectError(
      await post(small.app, "/classify/batch", { rows: [{}, {}, {}] }),
      400,
      "bad_input",
      "rows",
    );
    await expectError(
      await post(small.app, "/simulate", { scenario: "history", draws: 1001 }),
      400,
      "bad_input",
      "draws",
    );
    // history's own default is 10,000 draws, over this server's 1,000.
    await expectError(await post(small.app, "/simulate", { scenario: "history" }), 400, "bad_input", "draws");
    await expectError(
      await post(small.app, "/simulate", { scenario: "status-quo", draws: 10 }),
      400,
      "bad_input",
      "scenario.horizon",
    );
  });

  it("400 for a scenario with more events than the limit", async () => {
    const event = { type: "enforcement", date: "2025-01-01", multiplier: 1, citation: "assumption: test" };
    const scenario = {
      name: "many",
      description: "d",
      extends: "history",
      events: Array.from({ length: 201 }, () => event),
    };
    const r = await jsonOf<Json>(await post(t.app, "/scenarios/validate", { scenario }));
    expect(r.valid).toBe(false);
    expect(r.issues[0].field).toBe("scenario.events");
    await expectError(
      await post(t.app, "/simulate", { scenario, draws: 10 }),
      400,
      "bad_input",
      "scenario.events",
    );
  });

  it("422 time_limit when a run outlasts the request time budget", async () => {
    await expectError(
      await post(small.app, "/simulate", { scenario: "history", draws: 1000 }),
      422,
      "time_limit",
    );
  });
});
