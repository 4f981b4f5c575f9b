import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { curate } from "../../src/data/curate-models.js";
import { dataPath, packageRoot } from "../../src/data/paths.js";

// The reference copies live outside the repository (../shared/data); on a clean clone without them this is skipped.
const shared = join(packageRoot(), "..", "shared", "data");
const present = existsSync(join(shared, "epoch", "epoch_capabilities_index.csv"));

describe.skipIf(!present)("curation is reproducible", () => {
  it("rebuilding from the Epoch and Arena copies gives the committed data/ files byte for byte", () => {
    const r = curate(shared);
    expect(r.modelsCsv).toBe(readFileSync(dataPath("models.csv"), "utf8"));
    expect(r.arenaCsv).toBe(readFileSync(dataPath("arena-elo.csv"), "utf8"));
  });
});
