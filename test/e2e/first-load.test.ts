/**
 * First load of the dashboard (issue 5: ≤ 1 s on loopback). What makes it fast must not make it wrong: the chip
 * plane's first drawing is the whole picture (every placeable catalogue chip and the rule's regions, from the real
 * API), each answer the page needs is fetched once (index.html's preloads are taken, not fetched twice), and pages
 * that do not draw the plane leave no preload unused.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserMissing, type Dashboard, ROOT, startDashboard, watchErrors } from "./browser.js";

const missing = browserMissing();
if (missing) console.warn(`skipping browser tests: ${missing}`);

interface Draw {
  version: string | null;
  circles: number;
  regions: number;
}

describe.skipIf(missing !== null)("dashboard first load", { timeout: 120_000 }, () => {
  let dash: Dashboard;
  let context: BrowserContext;

  beforeAll(async () => {
    dash = await startDashboard("chokepoint-first-load-");
    // A fresh context per test file: cold HTTP cache, as for a first visit.
    context = await dash.browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Records every drawing of a chart: its data version, its dots and its shaded region polygons.
    await context.addInitScript(() => {
      const w = window as unknown as { __draws: Draw[] };
      w.__draws = [];
      new MutationObserver((records) => {
        for (const r of records) {
          const host = r.target as Element;
          if (!host.classList?.contains("plot-host")) continue;
          for (const n of r.addedNodes) {
            if (!(n instanceof Element)) continue;
            w.__draws.push({
              version: host.closest("figure")?.getAttribute("data-version") ?? null,
              circles: n.querySelectorAll("g.chip-dots > *").length,
              regions: n.querySelectorAll('g[aria-label="regions"] path').length,
            });
          }
        }
      }).observe(document, { childList: true, subtree: true });
    });
  });

  afterAll(async () => {
    await context?.close();
    await dash?.close();
  });

  it("draws the chip plane once, complete, fetching each API answer once", async () => {
    // Independent count: chips the API places on the plane (TPP and performance density both known).
    const api = (await (await fetch(`${dash.url}api/v1/chips`)).json()) as {
      chips: { datacenter: boolean | null; metrics?: { tpp: number | null; pd: number | null } }[];
    };
    // The default view shows datacenter chips (all but those marked non-datacenter).
    const placeable = api.chips.filter(
      (c) => c.datacenter !== false && (c.metrics?.tpp ?? 0) > 0 && c.metrics?.pd != null,
    ).length;
    expect(placeable).toBeGreaterThan(20);

    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${dash.url}#/chips`);
    await page.locator('figure[data-chart^="chip-regime-"] .plot-host svg').waitFor({ timeout: 60_000 });
    // Let anything that would redraw the plane (a late answer, a resize) happen before counting.
    await page.waitForTimeout(1500);
    const draws = await page.evaluate(() => (window as unknown as { __draws: Draw[] }).__draws);
    const plane = draws.filter((d) => d.version !== null && /\|(true|false)\|\d+\|\d+$/.test(d.version));
    expect(plane.length, JSON.stringify(draws)).toBe(1);
    const first = plane[0]!;
    // data-version is `${date}|${destination}|${buyer HQ}|${datacenter}|${chips placed}|${region polygons}`.
    const m = /^(\d{4}-\d{2}-\d{2})\|CN\|CN\|(true|false)\|(\d+)\|(\d+)$/.exec(first.version ?? "");
    expect(m).not.toBeNull();
    expect(Number(m![3])).toBe(placeable);
    expect(first.circles).toBe(placeable);
    expect(Number(m![4])).toBeGreaterThan(0);
    expect(first.regions).toBe(Number(m![4]));
    // Every dot has its status on the first drawing: the classification of every chip came first.
    const answer = await page.locator('[data-testid="chips-answer"]').textContent();
    expect(answer).toMatch(/need a licence/);

    // The catalogue, the rule list and the regions were each fetched once: the preloads were used.
    const apiCalls = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((r) => new URL(r.name).pathname)
        .filter((p) => p.startsWith("/api/")),
    );
    const count = (p: string) => apiCalls.filter((x) => x === p).length;
    expect(count("/api/v1/chips")).toBe(1);
    expect(count("/api/v1/rules")).toBe(1);
    expect(count("/api/v1/classify/batch")).toBe(1);
    expect(apiCalls.filter((x) => /^\/api\/v1\/rules\/[^/]+\/regions$/.test(x)).length).toBe(1);
    // The rest of the page (classifier, rule diff) follows the plane.
    await page.locator('[data-testid="classifier"]').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("preloads the Chips page's code from index.html", () => {
    const html = readFileSync(join(ROOT, "dist", "web", "index.html"), "utf8");
    const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\.\/assets\/([^"]+)"/g)].map(
      (x) => x[1],
    );
    expect(preloaded.some((f) => /^chips-.*\.js$/.test(f ?? ""))).toBe(true);
    // …and the shared chart chunk it imports (Observable Plot; Vite names it after one of its modules).
    const chart = preloaded.find(
      (f) =>
        !/^chips-/.test(f ?? "") &&
        /observablehq|plot/i.test(readFileSync(join(ROOT, "dist", "web", "assets", f!), "utf8")),
    );
    expect(chart, preloaded.join(", ")).toBeTruthy();
    // Each chunk is preloaded once (the entry's own imports by Vite, the page's by the plugin).
    expect(new Set(preloaded).size).toBe(preloaded.length);
    // The entry is a <script>, not also a preload.
    expect(preloaded.some((f) => /^index-.*\.js$/.test(f ?? ""))).toBe(false);
  });

  it("leaves no preloaded answer unused on a page other than Chips", async () => {
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on("console", (msg) => {
      if (/preload/i.test(msg.text())) warnings.push(msg.text());
    });
    await page.goto(`${dash.url}#/gap`);
    await page
      .locator('figure[data-chart^="gap-frontier-"] .plot-host svg')
      .first()
      .waitFor({ timeout: 60_000 });
    // Chromium warns about a preload not used within 3 s of the load event.
    await page.waitForTimeout(4000);
    expect(warnings).toEqual([]);
    await page.close();
  });
});
