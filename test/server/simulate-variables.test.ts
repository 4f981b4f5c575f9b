// POST /simulate with `variables`: only those series, the very numbers of the full run (same seed), and a refusal
// naming the field for an unknown variable. The dashboard's first Scenarios answer depends on this equality.
import { afterAll, describe, expect, it } from "vitest";
import { loadModels } from "../../src/data/models.js";
import { expectError, jsonOf, post, testApp } from "./helpers.js";

// biome-ignore lint/suspicious/noExplicitAny: response JSON, checked field by field
type Json = Record<string, any>;

describe("POST /simulate variables", () => {
  const sim = testApp({ models: loadModels() });
  afterAll(() => sim.close());

  it("summarises only the variables asked for, with the full run's numbers and probabilities", async () => {
    const body = { scenario: "status-quo", draws: 400, seed: 20221007 };
    const full = await jsonOf<Json>(await post(sim.app, "/simulate", body));
    const gap = await jsonOf<Json>(await post(sim.app, "/simulate", { ...body, variables: ["gapMonths"] }));
    expect(Object.keys(gap.result.series)).toEqual(["gapMonths"]);
    expect(gap.result.series.gapMonths).toEqual(full.result.series.gapMonths);
    // The scenario's named conditions (gapMonths@2028Q4<6, <12) are still answered.
    expect(gap.result.probabilities).toEqual(full.result.probabilities);
    expect(Object.keys(gap.result.probabilities)).toContain("gapMonths@2028Q4<6");
    // Asked again (the answer kept by the server): the same numbers; another seed: other numbers.
    const again = await jsonOf<Json>(await post(sim.app, "/simulate", { ...body, variables: ["gapMonths"] }));
    expect(again.result).toEqual(gap.result);
    const other = await jsonOf<Json>(
      await post(sim.app, "/simulate", { ...body, seed: 1, variables: ["gapMonths"] }),
    );
    expect(other.result.series.gapMonths.p50).not.toEqual(gap.result.series.gapMonths.p50);
  });

  it("refuses an unknown variable and an empty list, naming the field", async () => {
    const e = await expectError(
      await post(sim.app, "/simulate", { scenario: "status-quo", draws: 100, variables: ["gapMonth"] }),
      400,
      "bad_input",
    );
    expect(e.field).toMatch(/^variables/);
    expect(e.message).toContain("gapMonth");
    await expectError(
      await post(sim.app, "/simulate", { scenario: "status-quo", draws: 100, variables: [] }),
      400,
      "bad_input",
    );
  });
});
