/**
 * End-to-end: the built dashboard (dist/web) served by the real server, driven in Debian's Chromium.
 * Each test checks behaviour a user sees — pages render, a chip classifies, a slider moves the fan chart, a CSV
 * downloads, a shared link redraws the same chart — and that no page logs an error (CSP violations included).
 */
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactPath, browserMissing, type Dashboard, startDashboard, watchErrors } from "./browser.js";

const missing = browserMissing();
if (missing) console.warn(`skipping browser tests: ${missing}`);

describe.skipIf(missing !== null)("dashboard in Chromium", { timeout: 180_000 }, () => {
  let dash: Dashboard;
  let server: { url: string };
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    dash = await startDashboard("chokepoint-e2e-");
    server = { url: dash.url };
    browser = dash.browser;
    context = dash.context;
  });

  afterAll(async () => {
    await dash?.close();
  });

  async function open(hash: string): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}${hash}`);
    return { page, errors };
  }

  /** The SVG markup of a chart once it has drawn for the given data version (or any version when omitted). */
  async function chartSvg(page: Page, id: string): Promise<string> {
    const fig = page.locator(`figure[data-chart="${id}"]`);
    await fig.locator(".plot-host svg").first().waitFor();
    return fig.locator(".plot-host").innerHTML();
  }

  /** Waits until the simulation has answered the latest request and the charts show it. */
  async function idle(page: Page): Promise<void> {
    await page.locator('[data-testid="sim-status"][data-busy="false"]').waitFor({ timeout: 60_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  it("opens every page without console errors and takes screenshots", async () => {
    const checks: [string, string][] = [
      ["#/chips", 'figure[data-chart^="chip-regime-"] .plot-host svg'],
      ["#/gap", 'figure[data-chart^="gap-frontier-"] .plot-host svg'],
      ["#/scenarios", 'figure[data-chart="sim-gap"] .plot-host svg'],
      ["#/timeline", 'figure[data-chart="timeline"] .plot-host svg'],
      ["#/data", 'div[data-table="chips"] tbody tr'],
    ];
    for (const [hash, selector] of checks) {
      const { page, errors } = await open(hash);
      await page.locator(selector).first().waitFor({ timeout: 60_000 });
      // Nothing on the page reports an error.
      expect(await page.locator("p.error, div.error").count(), `${hash} shows an error`).toBe(0);
      await page.screenshot({ path: artifactPath(`page-${hash.slice(2)}-1280.png`), fullPage: true });
      expect(errors, `${hash} logged errors`).toEqual([]);
      await page.close();
    }
  });

  it("works on a 390 px phone screen without horizontal scrolling", async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await phone.newPage();
    const errors = watchErrors(page);
    for (const hash of ["#/chips", "#/gap", "#/scenarios", "#/timeline", "#/data"]) {
      await page.goto(`${server.url}${hash}`);
      await page
        .locator("figure.chart .plot-host svg, div[data-table] tbody tr")
        .first()
        .waitFor({ timeout: 60_000 });
      // Measured against the phone's 390 px, not innerWidth: a mobile viewport widens to fit overflowing content.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - 390);
      expect(overflow, `${hash} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(1);
      await page.screenshot({ path: artifactPath(`page-${hash.slice(2)}-390.png`), fullPage: true });
    }
    expect(errors).toEqual([]);
    await phone.close();
  });

  it("switches the gap metric and the open-weight filter", async () => {
    const { page, errors } = await open("#/gap");
    await page.locator('figure[data-chart="gap-frontier-eci"] .plot-host svg').waitFor({ timeout: 60_000 });
    const eciSummary = await page.locator('[data-testid="gap-summary"]').textContent();
    await page.locator('select[name="metric"]').selectOption("compute");
    await page.locator('figure[data-chart="gap-frontier-compute"] .plot-host svg').waitFor();
    await page.locator('input[name="open-weights"]').check();
    await page.locator('figure[data-chart="gap-frontier-compute-open"] .plot-host svg').waitFor();
    // Both frontiers exist for open-weight training compute, so a lag is reported; it differs from the ECI one.
    await expect
      .poll(() => page.locator('[data-testid="gap-summary"]').textContent())
      .toMatch(/China is -?\d+\.\d months behind/);
    expect(await page.locator('[data-testid="gap-summary"]').textContent()).not.toBe(eciSummary);
    expect(await page.locator('[data-testid="dataset"]').textContent()).toMatch(/Dataset version \d+/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("reaches every tab by keyboard", async () => {
    const { page, errors } = await open("#/chips");
    await page.locator('[role="tab"][aria-selected="true"]').focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/gap");
    await page.keyboard.press("End");
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/data");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-data");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("classifies a catalogue chip and shows the reasons with citations", async () => {
    // H100 SXM to China on 2024-01-01: TPP 15,832 ≥ 4,800 makes it 3A090.a under the 2023 rule (88 FR 73458),
    // so a licence is required. The page's date, destination and the classifier's chip live in the link.
    const { page, errors } = await open("#/chips?date=2024-01-01&chip=nvidia-h100-sxm");
    const form = page.locator('[data-testid="classifier"]');
    const result = form.locator('[data-testid="classify-result"]');
    await result.waitFor({ timeout: 60_000 });
    expect(await form.locator('select[name="chip"]').inputValue()).toBe("nvidia-h100-sxm");
    expect(await result.locator('[data-testid="classification"]').textContent()).toContain(
      "ECCN classification: 3A090.a",
    );
    expect(await result.locator('[data-testid="licence"]').textContent()).toMatch(/^licence required/);
    // The answer names the requirement that imposes the licence: the 3A090 scope (15 CFR 742.6(a)(6)(iii)).
    expect(await result.locator('[data-testid="reason"]').textContent()).toContain(
      "the 3A090/4A090 licence, 15 CFR 742.6(a)(6)(iii) (88 FR 73458)",
    );
    expect(await result.locator("tbody tr").count()).toBeGreaterThan(0);
    expect(await result.textContent()).toMatch(/FR/);
    await page.screenshot({ path: artifactPath("classify-h100.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("drags a slider, redraws the fan chart, keeps the state in the URL and reloads to the same chart", async () => {
    const { page, errors } = await open("#/scenarios?s=status-quo");
    await idle(page);
    const before = await chartSvg(page, "sim-gap");
    const versionBefore = await page.locator('figure[data-chart="sim-gap"]').getAttribute("data-version");
    // Drag the smuggling-rate slider to the right end with the mouse, as a user would.
    const slider = page.locator("#slider-smuggleShareOfUnmet");
    const box = (await slider.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/m\.smuggleShareOfUnmet=/);
    const fig = page.locator('figure[data-chart="sim-gap"]');
    await expect.poll(() => fig.getAttribute("data-version")).not.toBe(versionBefore);
    // Wait for the run that answers the final slider position (the scheduler coalesces the drag).
    await idle(page);
    const after = await chartSvg(page, "sim-gap");
    expect(after).not.toBe(before);
    await page.screenshot({ path: artifactPath("scenarios-after-drag.png"), fullPage: true });

    // A second page opening the shared link draws exactly the same chart (same seed, same draws).
    const link = page.url();
    const frontierAfter = await chartSvg(page, "sim-frontier");
    const { page: again, errors: errors2 } = await open(link.slice(server.url.length));
    await idle(again);
    expect(await chartSvg(again, "sim-gap")).toBe(after);
    expect(await chartSvg(again, "sim-frontier")).toBe(frontierAfter);
    expect(await again.locator("#slider-smuggleShareOfUnmet").inputValue()).toBe(await slider.inputValue());
    await again.screenshot({ path: artifactPath("scenarios-shared-link.png"), fullPage: true });
    expect(errors).toEqual([]);
    expect(errors2).toEqual([]);
    await page.close();
    await again.close();
  });

  it("switches a rule event off (legal imports change) and compares scenarios side by side", async () => {
    const { page, errors } = await open("#/scenarios?s=status-quo");
    await idle(page);
    const legalBefore = await chartSvg(page, "sim-channels-log");
    await page.getByText(/^Events in status-quo/).click();
    // Without the 2023 rule the best licence-free chip between late 2023 and 2025 is a stronger one (A800/H800
    // class), so the legal-import channel must change; the worker rebuilds the legal-chip schedule to get it.
    await page.locator('input[name="event-rule-2023-10"]').uncheck();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/off=rule-2023-10/);
    await idle(page);
    expect(await chartSvg(page, "sim-channels-log")).not.toBe(legalBefore);

    await page.locator('input[name="compare-no-controls"]').check();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/cmp=no-controls/);
    await idle(page);
    const gap = page.locator('figure[data-chart="sim-gap"] .plot-host');
    await expect.poll(() => gap.textContent()).toContain("no-controls");
    expect(await gap.textContent()).toContain("status-quo");
    await page.screenshot({ path: artifactPath("scenarios-compare.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("exports a chart's data as CSV, and its SVG and PNG", async () => {
    const { page, errors } = await open("#/scenarios");
    const fig = page.locator('figure[data-chart="sim-gap"]');
    await fig.locator(".plot-host svg").waitFor();
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      fig.getByRole("button", { name: /CSV/ }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe("sim-gap.csv");
    const text = readFileSync((await csv.path())!, "utf8");
    // Comment lines first (title, settings, date, source, credit), then the table.
    expect(text).toMatch(/^# Gap in months/);
    const lines = text
      .trim()
      .split(/\r?\n/)
      .filter((l) => !l.startsWith("#"));
    expect(lines[0]).toBe("series,quarter,p5,p25,p50,p75,p95");
    // One row per simulated quarter of status-quo (2022Q3…2030Q4 = 34 quarters), quantiles in order.
    expect(lines.length - 1).toBe(34);
    for (const line of lines.slice(1)) {
      const [, , ...q] = line.split(",");
      const v = q.map(Number);
      for (let i = 1; i < v.length; i++) expect(v[i]!).toBeGreaterThanOrEqual(v[i - 1]!);
    }
    const [svg] = await Promise.all([
      page.waitForEvent("download"),
      fig.getByRole("button", { name: /SVG/ }).click(),
    ]);
    expect(svg.suggestedFilename()).toBe("sim-gap.svg");
    expect(readFileSync((await svg.path())!, "utf8")).toMatch(
      /^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    const [png] = await Promise.all([
      page.waitForEvent("download"),
      fig.getByRole("button", { name: /PNG/ }).click(),
    ]);
    expect(png.suggestedFilename()).toBe("sim-gap.png");
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join("")).toBe("PNG");
    expect(errors).toEqual([]);
    await page.close();
  });
});
