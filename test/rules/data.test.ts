import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readRuleFiles } from "../../src/data/rules.js";
import { dataPath } from "../../src/data/paths.js";
import { evaluate } from "../../src/engine/rules/evaluate.js";
import { buildRuleset, statusAt } from "../../src/engine/rules/ruleset.js";
import { ruleFileSchema } from "../../src/engine/rules/schema.js";
import { readJsonFile, ruleset } from "./helpers.js";

const groups = { file: "data/country-groups.json", json: readJsonFile(dataPath("country-groups.json")) };

describe("rule data", () => {
  it("has the six rule versions with citations", () => {
    expect(ruleset.rules.map((r) => r.id)).toEqual([
      "2022-10-07",
      "2023-10-17",
      "2024-12-02",
      "2025-01-15-diffusion",
      "2025-04-bandwidth",
      "2026-01-15",
    ]);
    for (const r of ruleset.rules) expect(r.sources.length).toBeGreaterThan(0);
  });
  it("records both Diffusion dates", () => {
    const d = ruleset.rules.find((r) => r.id === "2025-01-15-diffusion")!;
    expect(d.complianceDate).toBe("2025-05-15");
    expect(statusAt(d, "2025-05-12")).toBe("pending-compliance");
    expect(statusAt(d, "2025-05-13")).toBe("not-enforced");
  });
  it("the JSON Schema file is in sync with the zod schema", () => {
    const generated = z.toJSONSchema(ruleFileSchema, { io: "input", unrepresentable: "any" }) as Record<
      string,
      unknown
    >;
    const file = JSON.parse(readFileSync(dataPath("rules", "rule.schema.json"), "utf8"));
    delete file.title;
    delete file.description;
    expect(file).toEqual(JSON.parse(JSON.stringify(generated)));
  });
  it("a bad rule file fails naming file and field", () => {
    const files = readRuleFiles();
    const bad = structuredClone(files[1]!) as {
      file: string;
      json: { criteria: { note2: { tppBelow: unknown } }[] };
    };
    bad.json.criteria[0]!.note2.tppBelow = -1;
    expect(() => buildRuleset([bad], groups)).toThrow(
      /data\/rules\/2023-10-17.json: invalid criteria.0.note2.tppBelow/,
    );
  });
  it("an unknown country group is refused", () => {
    const files = readRuleFiles();
    const bad = structuredClone(files[0]!) as {
      file: string;
      json: { criteria: { licence: { destinationGroups: string[] } }[] };
    };
    bad.json.criteria[0]!.licence.destinationGroups = ["D:9"];
    expect(() => buildRuleset([bad], groups)).toThrow(/unknown country group "D:9"/);
  });
});

describe("over the real catalogue (when data/chips.csv exists)", () => {
  it.runIf(existsSync(dataPath("chips.csv")))(
    "every catalogue chip evaluates on every rule date without throwing",
    async () => {
      const { loadChips } = await import("../../src/data/chips.js");
      const chips = loadChips();
      expect(chips.length).toBeGreaterThan(0);
      for (const date of ["2022-10-06", "2023-06-01", "2024-06-01", "2025-06-01", "2026-03-01"])
        for (const chip of chips) {
          const r = evaluate(chip, { date, destination: "CN" }, ruleset);
          if (r.classification === "indeterminate")
            expect(r.reasons.some((x) => x.passed === null)).toBe(true);
        }
    },
  );
});
