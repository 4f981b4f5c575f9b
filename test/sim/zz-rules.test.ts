import { test } from "vitest";
import { loadChips } from "../../src/data/chips.js";
import { loadRuleset } from "../../src/data/scenarios.js";
import { evaluate } from "../../src/engine/rules/evaluate.js";
test("x", () => {
  const rs = loadRuleset();
  const chips = loadChips();
  for (const id of ["amd-mi100", "google-tpu-v4", "intel-gaudi2", "nvidia-h20"]) {
    const c = chips.find((x) => x.id === id)!;
    for (const d of ["2022-12-15", "2024-06-15", "2025-06-15"]) {
      const e = evaluate(c, { date: d, destination: "CN", buyerHq: "CN" }, rs);
      console.log(id, d, e.classification, e.licenseRequired, e.rules.map((r) => r.id).join(" "));
    }
  }
});
