import { describe, expect, it } from "vitest";
import { cslLists, parseCsl, policyOf } from "../../src/data/csl.js";

// The JSON the trade.gov API/download returns: { results: [ { name, source, alt_names: [...], ... } ] }.
const json = JSON.stringify({
  total: 2,
  results: [
    {
      _id: "x1",
      source: "Entity List (EL) - Bureau of Industry and Security",
      entity_number: null,
      name: "Qilin Quantum Devices Co., Ltd.",
      alt_names: ["Qilin QD", "麒麟量子器件有限公司"],
      federal_register_notice: "90 FR 1234",
      start_date: "2025-02-01",
      license_requirement: "For all items subject to the EAR.",
      license_policy: "Presumption of denial.",
      source_list_url: "https://www.bis.gov/entity-list",
    },
    {
      _id: "x2",
      source: "Specially Designated Nationals (SDN) - Treasury Department",
      name: "Northwind Shipping LLC",
    },
  ],
});

describe("Consolidated Screening List parser (src/data/csl.ts)", () => {
  it("reads the published JSON shape, aliases from arrays, and splits the Entity List part", () => {
    const entries = parseCsl(json, "json", "consolidated.json");
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      name: "Qilin Quantum Devices Co., Ltd.",
      aliases: ["Qilin QD", "麒麟量子器件有限公司"],
      policy: "presumption-of-denial",
      citation: "90 FR 1234",
      effective: "2025-02-01",
    });
    const [el, other] = cslLists(entries, { version: 3, asOf: "2026-11-01", file: "consolidated.json" });
    expect(el!.licensing).toBe("entity-list");
    expect(el!.entries.map((e) => e.name)).toEqual(["Qilin Quantum Devices Co., Ltd."]);
    expect(other!.entries.map((e) => e.name)).toEqual(["Northwind Shipping LLC"]);
  });
  it("names the entry of a bad JSON record and the missing field", () => {
    const bad = JSON.stringify({ results: [{ name: "A", source: "SDN" }, { name: "B" }] });
    expect(() => parseCsl(bad, "json", "c.json")).toThrow(/c\.json entry 2: missing field\(s\) source/);
    expect(() => parseCsl("{", "json", "c.json")).toThrow(/c\.json: not valid JSON/);
    expect(() => parseCsl('{"rows": []}', "json", "c.json")).toThrow(/expected a JSON array of entries/);
  });
  it("maps the list's policy words to the engine's policies, and leaves others unknown", () => {
    expect(policyOf("Presumption of denial.")).toBe("presumption-of-denial");
    expect(policyOf("Case-by-case review for items not subject to a policy")).toBe("case-by-case");
    expect(policyOf("See §744.21(e)")).toBeNull();
  });
});
