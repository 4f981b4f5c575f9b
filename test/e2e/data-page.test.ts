/**
 * End-to-end: the Data page's models and country-groups tables, served by the real server from the built
 * dashboard (dist/web) in Debian's Chromium. Expected rows are read from the committed data files:
 * data/models.csv has DeepSeek-V3 by DeepSeek (CN, released 2024-12-26, open weights, 3.4078e+24 FLOP,
 * no compute method, confidence Confident, ECI 133.18…), and five rows whose id contains "deepseek-v3" (V3, V3 Mar 2025, V3.1,
 * V3.2-Exp, V3.2); data/country-groups.json lists Tier3 as D:5 (24 codes) plus Macau.
 */
import { readFileSync } from "node:fs";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModels } from "../../src/data/models.js";
import { artifactPath, browserMissing, type Dashboard, startDashboard, watchErrors } from "./browser.js";

const missing = browserMissing();
if (missing) console.warn(`skipping browser tests: ${missing}`);

describe.skipIf(missing !== null)("Data page in Chromium", { timeout: 120_000 }, () => {
  let dash: Dashboard;
  let server: { url: string };
  let context: BrowserContext;

  beforeAll(async () => {
    dash = await startDashboard("chokepoint-e2e-data-");
    server = { url: dash.url };
    context = dash.context;
  });

  afterAll(async () => {
    await dash?.close();
  });

  it("shows DeepSeek-V3 with its organization, filters by text and bloc, and exports the rows shown", async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}#/data`);
    const table = page.locator('div[data-table="models"]');
    await table.locator("tbody tr").first().waitFor({ timeout: 60_000 });
    // Unfiltered: the first page of every curated row (counted independently from data/models.csv).
    const all = loadModels().length;
    await expect.poll(() => page.getByTestId("models-range").textContent()).toBe(`1–50 of ${all}`);

    await page.locator('input[name="model-filter"]').fill("DeepSeek-V3");
    await expect.poll(() => page.getByTestId("models-range").textContent()).toBe("1–5 of 5");
    const v3 = table
      .locator("tbody tr")
      .filter({ has: page.locator("td:first-child", { hasText: /^DeepSeek-V3$/ }) });
    const cells = await v3.locator("td").allTextContents();
    expect(cells.slice(0, 10)).toEqual([
      "DeepSeek-V3",
      "DeepSeek",
      "CN",
      "2024-12-26",
      "open-weights",
      "3.41 × 10²⁴",
      "—",
      "Confident",
      "133.2",
      "—",
    ]);
    expect(cells[10]).toContain("epoch_capabilities_index.csv: DeepSeek-V3");
    await expect.poll(() => page.locator("p.attribution").textContent()).toContain("CC BY 4.0");

    // The bloc filter combines with the text filter: no US model is called DeepSeek-V3.
    await page.locator('select[name="bloc"]').selectOption("US");
    await expect.poll(() => page.getByTestId("models-range").textContent()).toBe("0–0 of 0");
    await page.locator('select[name="bloc"]').selectOption("CN");
    await expect.poll(() => page.getByTestId("models-range").textContent()).toBe("1–5 of 5");

    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      table.getByRole("button", { name: /CSV/ }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe("models.csv");
    const allLines = readFileSync((await csv.path())!, "utf8")
      .trim()
      .split(/\r?\n/);
    // The export opens with its title, date, source and the CC BY credit as # comment lines, then the table.
    const comments = allLines.filter((l) => l.startsWith("#"));
    expect(comments.some((l) => l.includes("CC BY 4.0"))).toBe(true);
    const lines = allLines.filter((l) => !l.startsWith("#"));
    expect(lines[0]).toBe(
      "name,organization,bloc,release_date,accessibility,training_compute_flop,compute_method,compute_confidence,eci,arena_elo,source",
    );
    expect(lines).toHaveLength(6);
    expect(lines).toContain(
      "DeepSeek-V3,DeepSeek,CN,2024-12-26,open-weights,3.4078e+24,,Confident,133.181,," +
        "epoch_capabilities_index.csv: DeepSeek-V3; large_scale_ai_models.csv + notable_ai_models.csv: DeepSeek-V3",
    );

    // Country groups: Tier 3 = all of D:5 and Macau, 25 codes.
    const tier3 = page
      .locator('div[data-table="country-groups"] tbody tr')
      .filter({ has: page.locator("td:first-child", { hasText: /^Tier3$/ }) });
    const t3 = await tier3.locator("td").allTextContents();
    expect(t3[3]).toBe("all of D:5, all of Macau");
    expect(t3[4]).toBe("25");

    await page.screenshot({ path: artifactPath("page-data-models-1280.png"), fullPage: true });
    expect(await page.locator("p.error").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
