import { afterAll, describe, expect, it } from "vitest";
import { storeCsl } from "../../src/store/csl.js";
import { tinyCatalogue } from "../server/fixtures.js";
import { expectError, jsonOf, post, testApp } from "../server/helpers.js";

const t = testApp({ chips: tinyCatalogue });
const { app } = t;
afterAll(() => t.close());

// biome-ignore lint/suspicious/noExplicitAny: response JSON, checked field by field by the assertions
type Json = Record<string, any>;

describe("POST /classify with the shipment fields", () => {
  it("a delivery inside the US to a China-headquartered buyer: not an export, no licence", async () => {
    const j = await jsonOf<Json>(
      await post(app, "/classify", {
        chip: "nvidia-h100-sxm",
        date: "2026-06-01",
        destination: "US",
        buyerHq: "CN",
      }),
    );
    expect(j.transaction).toMatchObject({ kind: "not-an-export", shipFrom: "US" });
    expect(j.licenseRequired).toBe(false);
  });
  it("Russia 2022-12-01: §746.8 licence, denial, sanctions listed", async () => {
    const j = await jsonOf<Json>(
      await post(app, "/classify", { chip: "nvidia-a100-sxm", date: "2022-12-01", destination: "RU" }),
    );
    expect(j.licenseRequired).toBe(true);
    expect(j.reviewPolicy).toBe("presumption-of-denial");
    expect(j.sanctions).toEqual(["russia"]);
  });
  it("an HBM stack: 3A090.c; License Exception HBM below 3.3 GB/s per mm² only", async () => {
    const lo = await jsonOf<Json>(
      await post(app, "/classify", { hbmStack: { bandwidthGBps: 320, areaMm2: 100 }, date: "2025-06-01" }),
    );
    expect(lo).toMatchObject({ classification: "3A090.c", exceptions: ["HBM"] });
    expect(lo.chip.from).toBe("hbm-stack");
    const hi = await jsonOf<Json>(
      await post(app, "/classify", { hbmStack: { bandwidthGBps: 330, areaMm2: 100 }, date: "2025-06-01" }),
    );
    expect(hi).toMatchObject({ classification: "3A090.c", exceptions: [] });
  });
  it("a buyer on the curated Entity List adds the listing's requirement; a reexport keeps denial", async () => {
    const j = await jsonOf<Json>(
      await post(app, "/classify", {
        chip: "nvidia-h100-sxm",
        date: "2026-02-01",
        destination: "CN",
        shipFrom: "SG",
        buyer: "Moore Threads Intelligent Technology (Beijing) Co., Ltd.",
      }),
    );
    expect(j.transaction.kind).toBe("reexport");
    expect(j.reviewPolicy).toBe("presumption-of-denial");
    expect(j.screening[0].result.hits[0].entryId).toBe("moore-threads");
  });
  it("bad input: 400 naming the field (unknown country, 10,000-character buyer, kind contradicting shipFrom)", async () => {
    await expectError(
      await post(app, "/classify", { chip: "nvidia-h100-sxm", shipFrom: "Q1" }),
      400,
      "bad_input",
      "shipFrom",
    );
    await expectError(
      await post(app, "/classify", { chip: "nvidia-h100-sxm", buyer: "z".repeat(10_000) }),
      400,
      "bad_input",
      "buyer",
    );
    await expectError(
      await post(app, "/classify", {
        chip: "nvidia-h100-sxm",
        shipFrom: "SG",
        destination: "CN",
        kind: "export",
      }),
      400,
      "bad_input",
      "kind",
    );
    await expectError(
      await post(app, "/classify", { chip: "nvidia-h100-sxm", destination: "UA", region: "kyiv" }),
      400,
      "bad_input",
      "region",
    );
  });
  it("a computer of eight H100s is 4A090.a; alsoEccn 5A992 lists a 3A090 item as 5A992.z", async () => {
    const j = await jsonOf<Json>(
      await post(app, "/classify", { chip: "nvidia-h100-sxm", computer: { units: 8 }, date: "2025-06-01" }),
    );
    expect(j.item).toMatchObject({ kind: "computer", eccn: "4A090.a", units: 8 });
    const z = await jsonOf<Json>(
      await post(app, "/classify", { chip: "nvidia-h100-sxm", alsoEccn: "5a992", date: "2025-06-01" }),
    );
    expect(z.item.eccn).toBe("5A992.z");
    await expectError(
      await post(app, "/classify", { chip: "nvidia-h100-sxm", computer: { units: 0 } }),
      400,
      "bad_input",
      "computer.units",
    );
  });
  it("batch rows take the shared shipment fields", async () => {
    const j = await jsonOf<Json>(
      await post(app, "/classify/batch", {
        date: "2022-12-01",
        destination: "RU",
        rows: [{ chip: "nvidia-a100-sxm" }, { chip: "nvidia-a100-sxm", destination: "DE" }],
      }),
    );
    expect(j.results[0].result.licenseRequired).toBe(true);
    expect(j.results[1].result.licenseRequired).toBe(false);
  });
});

describe("POST /screen", () => {
  it("hits, near misses and the lists checked", async () => {
    const j = await jsonOf<Json>(
      await post(app, "/screen", {
        names: ["华为技术有限公司", "Sofgo Technologies", "Acme"],
        date: "2026-01-01",
      }),
    );
    expect(j.results[0].hits[0].entryId).toBe("huawei");
    expect(j.results[1].hits).toEqual([]);
    expect(j.results[1].nearMisses[0].entryId).toBe("sophgo");
    expect(j.results[2].checked[0].entries).toBe(13);
    expect(j.results[2].caveat).toMatch(/No match is not clearance/);
  });
  it("checks the CSL imported into the server's store too", async () => {
    storeCsl(t.store, {
      label: "test",
      file: "consolidated.csv",
      asOf: "2026-11-01",
      entries: [
        {
          id: "entity-list-el:1",
          name: "Qilin Quantum Devices Co., Ltd.",
          aliases: [],
          country: null,
          licenceRequirement: "For all items subject to the EAR.",
          policy: "presumption-of-denial",
          policyText: "Presumption of denial.",
          citation: "90 FR 1234",
          effective: "2025-02-01",
          source: "https://example.gov",
          notes: "",
        },
      ],
    });
    const j = await jsonOf<Json>(await post(app, "/screen", { names: ["Qilin Quantum Devices"] }));
    expect(j.results[0].hits[0]).toMatchObject({
      name: "Qilin Quantum Devices Co., Ltd.",
      citation: "90 FR 1234",
    });
    expect(j.results[0].checked.map((c: Json) => c.asOf)).toContain("2026-11-01");
  });
  it("a 10,000-character name is a 400 naming it; no names is a 400", async () => {
    await expectError(
      await post(app, "/screen", { names: ["n".repeat(10_000)] }),
      400,
      "bad_input",
      "names[0]",
    );
    await expectError(await post(app, "/screen", { names: [] }), 400, "bad_input", "names");
  });
});

describe("GET /sanctions and /screen/lists", () => {
  it("serves the Part 746 programmes with their paragraphs and dates", async () => {
    const res = await app.request("/api/v1/sanctions");
    const j = await jsonOf<Json>(res);
    const ru = j.programmes.find((p: Json) => p.id === "russia");
    expect(ru).toMatchObject({
      destination: "RU",
      from: "2022-02-24",
      paragraph: "15 CFR 746.8(a)(1)",
      allowsExceptions: [],
    });
    expect(j.programmes.map((p: Json) => p.destination)).toEqual(
      expect.arrayContaining(["RU", "BY", "IR", "KP", "CU", "SY", "UA"]),
    );
  });
  it("lists the curated entries with citations, and the imported CSL by version and size", async () => {
    const j = await jsonOf<Json>(await app.request("/api/v1/screen/lists"));
    const curated = j.lists.find((l: Json) => l.id === "entity-list-curated");
    expect(curated.count).toBe(13);
    expect(curated.entries.find((e: Json) => e.id === "sophgo").citation).toMatch(/90 FR 4621/);
  });
});
