import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gapSection } from "../../src/cli/report/gap.js";

const dir = mkdtempSync(join(tmpdir(), "chokepoint-gap-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("report: measured ECI gap", () => {
  it("overall and open-weight on a date, computed independently from the raw Epoch ECI file", async () => {
    const io = { stdout: () => {}, stderr: () => {}, env: { HOME: dir }, cwd: dir, isTTY: false };
    const s = await gapSection({ io, date: "2025-09-30", db: join(dir, "cp.db") });
    expect(s).not.toBeNull();
    const j = s!.json as {
      overall: { lagMonths: number };
      openWeights: { lagMonths: number; us: { model: string } };
    };
    // Overall: see golden-eci.test.ts, 167 days.
    expect(j.overall.lagMonths * 30.44).toBeCloseTo(167, 6);
    // Open weights only (ECI "Model accessibility" starting "Open weights"): best US gpt-oss-120b 140.156
    // (2025-08-05), best CN DeepSeek-V3.2-Exp 145.365 (2025-09-29); China first reached 140.156 with DeepSeek-R1
    // (May 2025) on 2025-05-28 → China ahead by 125 days.
    expect(j.openWeights.us.model).toBe("gpt-oss-120b");
    expect(j.openWeights.lagMonths * 30.44).toBeCloseTo(-125, 6);
    expect(s!.lines[1]).toContain("China ahead");
    // Restricted rows released by 2025-09-30 (data/models.csv): Llama 2-34B and Nemotron-4 15B, both Unreleased.
    expect(s!.lines[2]).toBe(
      "Left out (not generally available or score not comparable; gap --include-restricted counts them): Llama 2-34B (US, 105), Nemotron-4 15B (US, 107.3)",
    );
  });
});
