// The headline policy and the model curation rules of data v2. Expected values were worked out by hand from
// data/models.csv with python's csv module (not with the code under test):
// - on 2026-04-08 the best US ECI among unrestricted rows is GPT-5.4 Pro (158.243…, Epoch "Unverified"); with
//   restricted rows it is Claude Mythos (161, Epoch display name "Claude Mythos (Apr 7)*", Project Glasswing only);
// - China's best is Kimi K2.5 (148.0167…); the US first reached it with o3-pro on 2025-06-10, 302 days earlier,
//   so the lag is 302 / 30.44 = 9.921 months either way;
// - restricted US/CN rows with an ECI score: Llama 2-34B (Unreleased), Nemotron-4 15B (Unreleased), Claude Mythos;
// - the compute frontiers at 2025-12-31 are Grok 4 (5e26) and GLM-4-Plus (3.6e25), both rated Speculative.
import { afterAll, describe, expect, it } from "vitest";
import { collapseModels, type EpochModelRow } from "../../src/data/epoch.js";
import {
  applyModelPolicy,
  blocFromOrganizations,
  parseBlocOverridesCsv,
  parseModelOverridesCsv,
} from "../../src/data/model-policy.js";
import { loadModels } from "../../src/data/models.js";
import { measureGap, modelObservations, restrictedLeftOut } from "../../src/engine/gap/index.js";
import { jsonOf, testApp } from "../server/helpers.js";
import { captureCli } from "../support/cli.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// biome-ignore lint/suspicious/noExplicitAny: response JSON, checked field by field by the assertions
type Json = Record<string, any>;

const models = loadModels();
const eci = modelObservations(models, "eci");
const AT = "2026-04-08";
const LAG = 302 / 30.44;

describe("headline policy on the bundled data", () => {
  it("leaves Claude Mythos out of the US ECI frontier by default and names what it left out", () => {
    const p = measureGap(eci, { at: [AT], from: AT, to: AT }).points[0]!;
    expect(p.us?.model).toBe("GPT-5.4 Pro");
    expect(p.us?.value).toBeCloseTo(158.2434, 3);
    // Epoch's "Unverified" alone is not a reason to leave a model out: it is kept and flagged.
    expect(p.us?.flags).toEqual(["unverified"]);
    expect(p.cn?.model).toBe("Kimi K2.5");
    expect(p.lagMonths).toBeCloseTo(LAG, 6);
    expect(restrictedLeftOut(eci).map((o) => o.name)).toEqual([
      "Llama 2-34B",
      "Nemotron-4 15B",
      "Claude Mythos",
    ]);
    const mythos = restrictedLeftOut(eci).find((o) => o.name === "Claude Mythos")!;
    expect(mythos.reason).toContain("score not comparable");
    expect(mythos.reason).toContain("not generally available");
  });

  it("counts restricted rows when asked", () => {
    const p = measureGap(eci, { at: [AT], from: AT, to: AT, includeRestricted: true }).points[0]!;
    expect(p.us?.model).toBe("Claude Mythos");
    expect(p.us?.value).toBe(161);
    expect(restrictedLeftOut(eci, { includeRestricted: true })).toEqual([]);
  });

  it("marks speculative compute figures where they set the compute frontier", () => {
    const p = measureGap(modelObservations(models, "compute"), { at: ["2025-12-31"] }).points[0]!;
    expect([p.us?.model, p.us?.flags]).toEqual(["Grok 4", ["speculative"]]);
    expect([p.cn?.model, p.cn?.flags]).toEqual(["GLM-4-Plus", ["speculative"]]);
    const glm = models.find((m) => m.id === "glm-4-plus")!;
    expect(glm.computeConfidence).toBe("Speculative");
    expect(glm.provenance).toEqual({ grade: "dataset", fields: { training_compute_flop: "estimate" } });
  });

  it("applies the curation decisions: one Llama 4 Maverick row, MSRA as US, open weights for DeepSeek-V3.2 and GLM-5", () => {
    expect(models.filter((m) => m.name === "Llama 4 Maverick").map((m) => [m.id, m.releaseDate])).toEqual([
      ["llama-4-maverick", "2025-04-05"],
    ]);
    const maverick = models.find((m) => m.id === "llama-4-maverick")!;
    expect(maverick.variants).toContain("chutes/Llama-4-Maverick-17B-128E-Instruct");
    const swin = models.find((m) => m.id === "swin-transformer-v2-swinv2-g")!;
    expect([swin.bloc, swin.countries]).toEqual(["US", "China"]);
    expect(swin.blocBasis).toBe("override: Microsoft Research Asia → US");
    for (const id of ["deepseek-v3.2", "glm-5"]) {
      const m = models.find((x) => x.id === id)!;
      expect(m.accessibility).toBe("open-weights");
      expect(m.provenance).toEqual({ grade: "unverified", fields: { accessibility: "primary" } });
    }
  });
});

describe("model policy units", () => {
  const overrides = parseBlocOverridesCsv(
    "organization,bloc,reason,source\nLab Asia,US,parent in the US,https://example.org/lab\n",
  );

  it("maps organisations one by one when Epoch lists one country each, with overrides", () => {
    expect(blocFromOrganizations("Lab Asia", "China", overrides)).toEqual({
      bloc: "US",
      basis: "override: Lab Asia → US",
    });
    expect(blocFromOrganizations("Tsinghua University,Lab Asia", "China,China", overrides).bloc).toBe(
      "joint",
    );
    expect(blocFromOrganizations("Lab Asia", "China", []).bloc).toBe("CN");
    // Counts differ and not every organisation is overridden: the country list decides.
    expect(blocFromOrganizations("Lab Asia,Other", "China", overrides)).toEqual({
      bloc: "CN",
      basis: "countries",
    });
  });

  it("refuses bad override rows naming the field", () => {
    expect(() =>
      parseBlocOverridesCsv("organization,bloc,reason,source\nLab,EU,why,src\n", "bo.csv"),
    ).toThrow(/bo\.csv row 2 \(organization Lab\), field bloc: "EU" is not one of US, CN, other/);
    expect(() =>
      parseModelOverridesCsv(
        "name,release_date,field,value,grade,reason,source\nM,2025-01-01,accessibility,public,primary,why,src\n",
        "mo.csv",
      ),
    ).toThrow(/mo\.csv row 2 \(M 2025-01-01\), field value: "public" is not an accessibility/);
    expect(() =>
      parseModelOverridesCsv(
        "name,release_date,field,value,grade,reason,source\nM,2025-01-01,restriction,x,sure,why,src\n",
        "mo.csv",
      ),
    ).toThrow(/field grade: "sure" is not a provenance grade/);
  });

  const row = (over: Partial<EpochModelRow>): EpochModelRow => ({
    kind: "eci",
    line: 2,
    name: "M",
    variant: "m",
    organization: "Lab",
    countries: "United States of America",
    date: "2025-01-01",
    accessibility: "api",
    eci: 140,
    compute: null,
    computeMethod: null,
    confidence: null,
    hardware: null,
    hardwareQuantity: null,
    ...over,
  });

  it("joins a host's re-run within 31 days of the release, keeps a later one separate", () => {
    const joined = collapseModels([row({}), row({ variant: "host/m", date: "2025-01-31", eci: 141 })]);
    expect(joined.map((m) => [m.releaseDate, m.eci, m.variants])).toEqual([
      ["2025-01-01", 141, ["m", "host/m"]],
    ]);
    const apart = collapseModels([row({}), row({ variant: "host/m", date: "2025-02-02" })]);
    expect(apart.map((m) => m.releaseDate)).toEqual(["2025-01-01", "2025-02-02"]);
  });

  it("flags Unverified rows and restricts '*' scores, Unreleased rows and overridden ones", () => {
    const collapsed = collapseModels([
      row({ confidence: "Unverified", displayName: "M (high)*" }),
      row({ name: "N", variant: "n", accessibility: "unreleased" }),
      row({ name: "P", variant: "p" }),
    ]);
    const mo = parseModelOverridesCsv(
      "name,release_date,field,value,grade,reason,source\nP,2025-01-01,restriction,not generally available,secondary,partners only,https://example.org/p\n",
    );
    const { models: out, unmatched } = applyModelPolicy(collapsed, { overrides: mo });
    expect(unmatched).toEqual([]);
    const by = new Map(out.map((m) => [m.name, m]));
    expect(by.get("M")!.provenance!.grade).toBe("unverified");
    expect(by.get("M")!.restriction).toMatch(/^score not comparable/);
    expect(by.get("N")!.restriction).toMatch(/^not generally available: Epoch lists the model as Unreleased/);
    expect(by.get("P")!.restriction).toBe("not generally available: partners only (https://example.org/p)");
    expect(by.get("P")!.provenance).toEqual({ grade: "dataset", fields: { restriction: "secondary" } });
    // Restricted rows leave the capability frontier, not the compute frontier.
    const withCompute = out.map((m) => ({ ...m, trainingComputeFlop: 1e24 }));
    expect(modelObservations(withCompute, "eci").filter((o) => o.restricted).length).toBe(3);
    expect(modelObservations(withCompute, "compute").filter((o) => o.restricted).length).toBe(0);
  });
});

describe("CLI and API", () => {
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-headline-"));
  const t = testApp();
  afterAll(() => {
    t.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const cli = (...argv: string[]) =>
    captureCli(["gap", "--db", join(dir, "cp.db"), "--at", AT, "--from", AT, "--to", AT, ...argv], {
      env: { HOME: dir },
      cwd: dir,
    });

  it("gap --json carries the left-out rows and the frontier's flags; --include-restricted adds Mythos", async () => {
    const def = JSON.parse((await cli("--json")).stdout);
    expect(def.points[0].us).toMatchObject({ model: "GPT-5.4 Pro", flags: ["unverified"] });
    expect(def.points[0].us.provenance).toEqual({ grade: "unverified", fields: {} });
    expect(def.points[0].cn.provenance).toEqual({ grade: "unverified", fields: {} });
    expect(def.includeRestricted).toBe(false);
    expect(def.leftOut.map((o: { name: string }) => o.name)).toEqual([
      "Llama 2-34B",
      "Nemotron-4 15B",
      "Claude Mythos",
    ]);
    const inc = JSON.parse((await cli("--json", "--include-restricted")).stdout);
    expect(inc.points[0].us.model).toBe("Claude Mythos");
    expect(inc.leftOut).toEqual([]);
    expect(inc.points[0].lagMonths).toBeCloseTo(LAG, 6);
  });

  it("the human output says which rows were left out", async () => {
    const r = await cli();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("GPT-5.4 Pro (2026-03-05) [unverified]");
    expect(r.stdout).toContain(
      "Left out (--include-restricted counts them): Llama 2-34B (US, 2023-07-18, 105: not generally available)",
    );
    expect(r.stdout).toContain(
      "Claude Mythos (US, 2026-04-07, 161: score not comparable, not generally available)",
    );
  });

  it("GET /gap leaves Mythos out unless includeRestricted=true", async () => {
    const def = await jsonOf<Json>(await t.app.request(`/api/v1/gap?at=${AT}`));
    expect(def.points[0].us.model).toBe("GPT-5.4 Pro");
    expect(def.leftOut.map((o: { name: string }) => o.name)).toContain("Claude Mythos");
    expect(def.filter.includeRestricted).toBe(false);
    const inc = await jsonOf<Json>(await t.app.request(`/api/v1/gap?at=${AT}&includeRestricted=true`));
    expect(inc.points[0].us.model).toBe("Claude Mythos");
    expect(inc.leftOut).toEqual([]);
    expect(inc.frontiers.US.at(-1)).toMatchObject({ model: "Claude Mythos", flags: ["unverified"] });
  });
});
