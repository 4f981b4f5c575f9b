import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gridDigests } from "./evaluation-grid.js";
import { ruleset } from "./helpers.js";

// The engine's memoised reasons (shared, frozen objects) must give the same JSON as the plain construction did:
// the fixture holds the digests of the grid's results as computed by the engine before memoisation (commit
// "rules: evaluation-grid digests" in git log). An intended change of output regenerates it:
//   CHOKEPOINT_UPDATE_DIGESTS=1 npx vitest run test/rules/evaluation-grid.test.ts
// and the commit says why the output changed.
const FIXTURE = new URL("./fixtures/evaluation-digests.json", import.meta.url);

describe("evaluate() over the catalogue × dates × destinations × contexts", () => {
  it("gives byte-identical JSON to the fixture (full and summary detail)", () => {
    const now = gridDigests(ruleset);
    if (process.env.CHOKEPOINT_UPDATE_DIGESTS === "1")
      writeFileSync(FIXTURE, `${JSON.stringify(now, null, 2)}\n`);
    expect(existsSync(FIXTURE), "fixture missing: see the comment at the top of this file").toBe(true);
    const want = JSON.parse(readFileSync(FIXTURE, "utf8")) as Record<string, string>;
    expect(Object.keys(now).length).toBeGreaterThan(2500);
    const differ = Object.keys(want).filter((k) => now[k] !== want[k]);
    expect(differ, `results differ for ${differ.length} (chip, date) cells`).toEqual([]);
    expect(Object.keys(now).sort()).toEqual(Object.keys(want).sort());
  }, 120_000);
});
