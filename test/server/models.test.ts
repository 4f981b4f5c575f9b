// GET /models and GET /country-groups in-process. Expected values were read from the committed data files by
// hand (python csv/json over data/models.csv and data/country-groups.json), not from the code under test:
// 607 model rows (442 US, 147 CN, 18 joint), 14 whose id, name or organization contains "deepseek"; rows
// ordered by release date then id start theseus (1950-07-02) and row 101 is gpt-1 (2018-06-01).
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { importDataset } from "../../src/store/index.js";
import { model } from "./fixtures.js";
import { expectError, jsonOf, post, testApp } from "./helpers.js";

// biome-ignore lint/suspicious/noExplicitAny: response JSON, checked field by field by the assertions
type Json = Record<string, any>;

const t = testApp();
const { app } = t;
afterAll(() => t.close());

const get = (path: string) => app.request(`/api/v1${path}`);

describe("GET /models (bundled dataset, version 1)", () => {
  it("pages the latest version with the attribution and the field sources", async () => {
    const body = await jsonOf<Json>(await get("/models"));
    expect(body.dataset).toMatchObject({ version: 1, kind: "bundled" });
    expect(body.attribution).toContain("Epoch AI");
    expect(body.attribution).toContain("CC BY 4.0");
    expect({ total: body.total, offset: body.offset, limit: body.limit, count: body.count }).toEqual({
      total: 607,
      offset: 0,
      limit: 100,
      count: 100,
    });
    expect(body.models).toHaveLength(100);
    expect(body.models[0].id).toBe("theseus");
    expect(body.models[0].releaseDate).toBe("1950-07-02");
    // Every field of a row is documented with where it comes from, and nothing else is.
    expect(Object.keys(body.fields).sort()).toEqual(Object.keys(body.models[0]).sort());
    expect(Object.keys(body.models[0])).toHaveLength(20);
  });

  it("returns DeepSeek-V3 with every field of its data/models.csv row", async () => {
    const body = await jsonOf<Json>(await get("/models?q=DeepSeek-V3&bloc=CN"));
    const v3 = body.models.find((m: Json) => m.id === "deepseek-v3");
    expect(v3).toEqual({
      id: "deepseek-v3",
      name: "DeepSeek-V3",
      organization: "DeepSeek",
      bloc: "CN",
      countries: "China",
      releaseDate: "2024-12-26",
      accessibility: "open-weights",
      trainingComputeFlop: 3.4078e24,
      computeMethod: null,
      computeConfidence: "Confident",
      hardware: "NVIDIA H800 SXM5",
      hardwareQuantity: 2048,
      eci: 133.18123534748986,
      gpqaDiamond: null,
      arenaElo: null,
      variants: ["DeepSeek-V3", "DeepSeek-V3-Base"],
      source:
        "epoch_capabilities_index.csv: DeepSeek-V3; large_scale_ai_models.csv + notable_ai_models.csv: DeepSeek-V3",
      provenance: { grade: "dataset", fields: {} },
      restriction: null,
      blocBasis: "countries",
    });
    // deepseek-v3, -v3-mar-2025, -v3.1, -v3.2-exp, -v3.2 all contain "deepseek-v3".
    expect(body.total).toBe(5);
  });

  it("filters by bloc and by text (case-insensitive, over id, name and organization)", async () => {
    const count = async (qs: string) => (await jsonOf<Json>(await get(`/models?${qs}`))).total;
    expect(await count("bloc=US")).toBe(442);
    expect(await count("bloc=CN")).toBe(147);
    expect(await count("bloc=joint")).toBe(18);
    expect(await count("bloc=other")).toBe(0);
    expect(await count("q=deepseek")).toBe(14);
    expect(await count("q=DEEPSEEK&bloc=US")).toBe(0);
    const cn = await jsonOf<Json>(await get("/models?bloc=CN&limit=1000"));
    expect(cn.count).toBe(147);
    expect(cn.models.every((m: Json) => m.bloc === "CN")).toBe(true);
  });

  it("pages cover every row exactly once, in order", async () => {
    const all = await jsonOf<Json>(await get("/models?limit=1000"));
    expect(all.count).toBe(607);
    const ids: string[] = [];
    for (let offset = 0; offset < 607; offset += 200) {
      const page = await jsonOf<Json>(await get(`/models?limit=200&offset=${offset}`));
      expect(page.count).toBe(Math.min(200, 607 - offset));
      ids.push(...page.models.map((m: Json) => m.id));
    }
    expect(ids).toEqual(all.models.map((m: Json) => m.id));
    const one = await jsonOf<Json>(await get("/models?offset=100&limit=1"));
    expect(one.models.map((m: Json) => [m.id, m.releaseDate])).toEqual([["gpt-1", "2018-06-01"]]);
    const past = await jsonOf<Json>(await get("/models?offset=700"));
    expect({ total: past.total, count: past.count }).toEqual({ total: 607, count: 0 });
  });

  it("answers bad input with 4xx JSON naming the field", async () => {
    await expectError(await get("/models?limit=-1"), 400, "bad_input", "limit");
    await expectError(await get("/models?limit=0"), 400, "bad_input", "limit");
    await expectError(await get("/models?limit=1001"), 400, "bad_input", "limit");
    await expectError(await get("/models?limit=ten"), 400, "bad_input", "limit");
    await expectError(await get("/models?offset=-5"), 400, "bad_input", "offset");
    await expectError(await get("/models?bloc=EU"), 400, "bad_input", "bloc");
    await expectError(await get("/models?dataset=0"), 400, "bad_input", "dataset");
    await expectError(await get("/models?dataset=abc"), 400, "bad_input", "dataset");
    await expectError(await get(`/models?q=${"x".repeat(101)}`), 400, "bad_input", "q");
    await expectError(await get("/models?colour=red"), 400, "bad_input");
    const err = await expectError(await get("/models?dataset=99"), 404, "unknown_dataset", "dataset");
    expect(err.message).toContain("99");
    await expectError(await post(app, "/models", {}), 405, "method_not_allowed");
  });

  it("is described in the OpenAPI document with its query parameters", async () => {
    const doc = await jsonOf<Json>(await get("/openapi.json"));
    const op = doc.paths["/api/v1/models"].get;
    expect(op.parameters.map((p: Json) => p.name).sort()).toEqual([
      "bloc",
      "dataset",
      "limit",
      "offset",
      "q",
    ]);
    expect(op.parameters.find((p: Json) => p.name === "bloc").schema.enum).toEqual([
      "US",
      "CN",
      "joint",
      "other",
    ]);
    expect(op.responses["404"]).toBeDefined();
    expect(op.responses["200"].content["application/json"].schema.properties.attribution).toBeDefined();
    expect(doc.paths["/api/v1/country-groups"].get.operationId).toBe("listCountryGroups");
  });
});

describe("GET /models across dataset versions", () => {
  const two = testApp();
  afterAll(() => two.close());
  // A hand-made second version: two rows only.
  const v2 = importDataset(two.store, {
    kind: "import",
    label: "hand-made v2",
    parent: 1,
    models: [
      model({ id: "us-x", bloc: "US", releaseDate: "2025-01-01" }),
      model({ id: "cn-y", bloc: "CN", releaseDate: "2025-02-01" }),
    ],
    arena: [],
  });

  it("defaults to the latest version and serves an older one on request", async () => {
    expect(v2).toEqual({ version: 2, existed: false });
    const latest = await jsonOf<Json>(await two.app.request("/api/v1/models"));
    expect(latest.dataset).toEqual({ version: 2, kind: "import", label: "hand-made v2" });
    expect(latest.models.map((m: Json) => m.id)).toEqual(["us-x", "cn-y"]);
    const first = await jsonOf<Json>(await two.app.request("/api/v1/models?dataset=1&limit=1"));
    expect(first.dataset.version).toBe(1);
    expect(first.total).toBe(607);
    await expectError(await two.app.request("/api/v1/models?dataset=3"), 404, "unknown_dataset");
  });
});

describe("GET /country-groups", () => {
  it("serves data/country-groups.json as the rule engine parsed it", async () => {
    const body = await jsonOf<Json>(await get("/country-groups"));
    expect(body.file).toBe("data/country-groups.json");
    expect(body.asOf).toBe("2026-11-29");
    const byName = new Map<string, Json>(body.groups.map((g: Json) => [g.name, g]));
    expect([...byName.keys()]).toEqual([
      "A:5",
      "A:6",
      "D:1",
      "D:4",
      "D:5",
      "E:1",
      "E:2",
      "Macau",
      "Tier1",
      "Tier3",
    ]);
    expect(body.count).toBe(10);
    // Member counts as listed in the file.
    const sizes = Object.fromEntries(body.groups.map((g: Json) => [g.name, g.members.length]));
    expect(sizes).toEqual({
      "A:5": 37,
      "A:6": 8,
      "D:1": 23,
      "D:4": 20,
      "D:5": 24,
      "E:1": 3,
      "E:2": 1,
      Macau: 1,
      Tier1: 19,
      Tier3: 0,
    });
    for (const g of body.groups) expect(g.source.length).toBeGreaterThan(0);
    expect(byName.get("Tier1")!.validFrom).toBe("2025-01-15");
    // Dated memberships: Nicaragua joined D:5 on 2024-03-15; Cyprus left it after 2024-05-29.
    const d5 = byName.get("D:5")!;
    expect(d5.members).toContainEqual({ code: "NI", from: "2024-03-15", to: null });
    expect(d5.members).toContainEqual({ code: "CY", from: null, to: "2024-05-29" });
    expect(d5.members).toContainEqual({ code: "CN", from: null, to: null });
    expect(body.aliases).toEqual([
      expect.objectContaining({ code: "HK", treatAs: "CN", from: "2020-06-30" }),
    ]);
  });

  it("expands included groups: Tier 3 is D:5 (24 codes) plus Macau", async () => {
    const body = await jsonOf<Json>(await get("/country-groups"));
    const tier3 = body.groups.find((g: Json) => g.name === "Tier3");
    expect(tier3.includes).toEqual(["D:5", "Macau"]);
    expect(tier3.resolvedMembers).toHaveLength(25);
    // Members inherit the valid-from date of the group that lists them unless they carry their own.
    expect(tier3.resolvedMembers).toContainEqual({ code: "MO", from: "2023-01-17", to: null });
    expect(tier3.resolvedMembers).toContainEqual({ code: "CY", from: "2022-01-01", to: "2024-05-29" });
    expect(tier3.resolvedMembers).toContainEqual({ code: "NI", from: "2024-03-15", to: null });
    const codes = tier3.resolvedMembers.map((m: Json) => m.code);
    expect(codes).toEqual([...codes].sort());
  });
});

describe("GET /models under random query strings", () => {
  it("never answers 5xx; a 200 page is consistent with its filters and bounds", async () => {
    const key = fc.constantFrom("bloc", "q", "limit", "offset", "dataset");
    const val = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        "-1",
        "0",
        "1",
        "7",
        "1000",
        "1001",
        "1e3",
        "528",
        "529",
        "US",
        "CN",
        "joint",
        "cn",
        "deep",
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, val), { maxLength: 4 }), async (pairs) => {
        const params = new URLSearchParams(pairs);
        const res = await get(`/models?${params.toString()}`);
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        const body = JSON.parse(text) as Json;
        if (res.status !== 200) {
          expect(typeof body.error.code).toBe("string");
          return;
        }
        // The last value of a repeated key is the one that counts.
        const limit = Number(params.getAll("limit").at(-1) ?? 100);
        const offset = Number(params.getAll("offset").at(-1) ?? 0);
        expect(body.limit).toBe(limit);
        expect(body.count).toBe(Math.min(limit, Math.max(0, body.total - offset)));
        expect(body.models).toHaveLength(body.count);
        const bloc = params.getAll("bloc").at(-1);
        if (bloc) for (const m of body.models) expect(m.bloc).toBe(bloc);
        expect(t.logged).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
