/**
 * The README's first steps run as written: the examples/ files exist and work, and `gap --at` past the newest data
 * warns how stale the data is on that date.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { captureCli } from "../support/cli.js";
import { ROOT } from "./browser.js";

const dir = mkdtempSync(join(tmpdir(), "chokepoint-first-steps-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("first steps", () => {
  it("classifies examples/my-chips.csv: on 2025-06-01 the H20 row needs a licence though it is not 3A090", async () => {
    const r = await captureCli(
      ["classify", "--file", join(ROOT, "examples", "my-chips.csv"), "--date", "2025-06-01", "--json"],
      { cwd: ROOT },
    );
    expect(r.code, r.stderr).toBe(0);
    // A JSON array, one entry per data row (row = line number in the file).
    const out = JSON.parse(r.stdout) as {
      row: number;
      result?: { classification: string; licenseRequired: boolean };
    }[];
    expect(out).toHaveLength(5);
    // Row order as in the file: H100, H20, A800, L20, Ascend 910B.
    expect(out[0]!.result).toMatchObject({ classification: "3A090.a", licenseRequired: true });
    expect(out[1]!.result).toMatchObject({ classification: "not-3A090", licenseRequired: true });
    expect(out[3]!.result).toMatchObject({ classification: "not-3A090", licenseRequired: false });
  });

  it("imports examples/epoch-eci-sample.csv (rows Epoch already has: nothing new)", async () => {
    const r = await captureCli(
      ["data", "import-epoch", join(ROOT, "examples", "epoch-eci-sample.csv"), "--db", join(dir, "a.db")],
      { cwd: ROOT },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("8 rows read");
  });

  it("warns when gap --at is past the newest release, naming the gap in days", async () => {
    const past = await captureCli(
      ["gap", "--metric", "eci", "--at", "2099-01-01", "--db", join(dir, "b.db")],
      { cwd: ROOT },
    );
    expect(past.code, past.stderr).toBe(0);
    expect(past.stderr).toMatch(
      /warning: --at 2099-01-01 is \d+ days after the newest eci release in .* \(\d{4}-\d{2}-\d{2}\)/,
    );
    expect(past.stdout).toContain("not only up to --at");
    const inside = await captureCli(
      ["gap", "--metric", "eci", "--at", "2025-01-31", "--db", join(dir, "b.db")],
      {
        cwd: ROOT,
      },
    );
    expect(inside.stderr).not.toContain("warning");
  });
});
