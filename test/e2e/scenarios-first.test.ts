/**
 * Scenarios' first answer (issue 14: first load ≤ 1 s). While the page's simulator (a Web Worker) starts, the
 * headline and gap chart come from the server's run of the same settings (POST /simulate, gap only). What makes it
 * fast must not make it wrong: the server's headline is word for word the one the worker then computes, it is asked
 * for the settings of the link only, and a link the server cannot reproduce (a slider moved) waits for the worker.
 */
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserMissing, type Dashboard, startDashboard, watchErrors } from "./browser.js";

const missing = browserMissing();
if (missing) console.warn(`skipping browser tests: ${missing}`);

interface Shown {
  answer: string;
  status: string;
  gapVersion: string | null;
}

describe.skipIf(missing !== null)("Scenarios first answer", { timeout: 180_000 }, () => {
  let dash: Dashboard;
  let context: BrowserContext;

  beforeAll(async () => {
    dash = await startDashboard("chokepoint-scenarios-first-");
    context = await dash.browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Records every answer sentence the page shows, with the status line and the gap chart's version beside it.
    await context.addInitScript(() => {
      const w = window as unknown as { __shown: Shown[] };
      w.__shown = [];
      new MutationObserver(() => {
        const answer = document.querySelector('[data-testid="sim-answer"]')?.textContent ?? "";
        if (!answer.startsWith("Gap in") || w.__shown.at(-1)?.answer === answer) return;
        w.__shown.push({
          answer,
          status: document.querySelector('[data-testid="sim-status"]')?.textContent ?? "",
          gapVersion:
            document.querySelector('figure[data-chart="sim-gap"]')?.getAttribute("data-version") ?? null,
        });
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    // The worker's script is held back, so the server's answer is certainly drawn before the worker's.
    await context.route(/sim\.worker-[^/]*\.js$/, async (route) => {
      await new Promise((r) => setTimeout(r, 2500));
      await route.continue();
    });
  });

  afterAll(async () => {
    await context?.close();
    await dash?.close();
  });

  it("draws the headline and gap chart from the server's run, word for word the worker's", async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    const asked: unknown[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/v1/simulate")) asked.push(r.postDataJSON());
    });
    await page.goto(`${dash.url}#/scenarios`);
    // The worker's whole answer: the status line names the CLI's seed and the sliders work.
    await page.locator('[data-testid="sim-status"][data-busy="false"]').waitFor({ timeout: 120_000 });
    const shown = await page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown);
    const final = (await page.locator('[data-testid="sim-answer"]').textContent()) ?? "";
    // The first sentence shown came from the server (gap chart version "s"), said so, and was never changed by the
    // worker's answer: one sentence throughout.
    expect(shown.length, JSON.stringify(shown)).toBe(1);
    expect(shown[0]!.gapVersion).toBe("s");
    expect(shown[0]!.status).toMatch(/as the server computed them/);
    expect(shown[0]!.answer).toBe(final);
    expect(final).toMatch(/^Gap in 2028 Q4 under status-quo: China -?\d+\.\d months behind/);
    expect(final).toMatch(/Without export controls: -?\d+\.\d months/);
    // Asked once per scenario the headline reads, at the page's draws and seed, gap only.
    expect(asked).toEqual([
      { scenario: "status-quo", draws: 10_000, seed: 20221007, variables: ["gapMonths"] },
      { scenario: "no-controls", draws: 10_000, seed: 20221007, variables: ["gapMonths"] },
    ]);
    // The worker's charts replaced the server's.
    expect(await page.locator('figure[data-chart="sim-gap"]').getAttribute("data-version")).not.toBe("s");
    await page.locator('figure[data-chart="sim-frontier"] .plot-host svg').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("Gap and Timeline: the entry script's early request is the one the page uses (each answer fetched once)", async () => {
    for (const [hash, answer, api] of [
      ["#/gap?metric=compute", "gap-summary", "/api/v1/gap"],
      ["#/timeline", "timeline-answer", "/api/v1/events"],
    ] as const) {
      const page = await context.newPage();
      const errors = watchErrors(page);
      const asked: string[] = [];
      page.on("request", (r) => {
        if (new URL(r.url()).pathname === api) asked.push(r.url());
      });
      await page.goto(`${dash.url}${hash}`);
      await expect
        .poll(async () => (await page.locator(`[data-testid="${answer}"]`).textContent())?.length ?? 0, {
          timeout: 60_000,
        })
        .toBeGreaterThan(40);
      // Let a second fetch (a page that ignored the early one) happen before counting.
      await page.waitForTimeout(500);
      expect(asked, hash).toHaveLength(1);
      if (api === "/api/v1/gap") expect(new URL(asked[0]!).searchParams.get("metric")).toBe("compute");
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("a slider move sends the worker one request (sent from the input event, not again after the link updates)", async () => {
    const page = await context.newPage();
    // Counts the page's run requests to the worker.
    await page.addInitScript(() => {
      const w = window as unknown as { __runs: number[] };
      w.__runs = [];
      const post = Worker.prototype.postMessage as (this: Worker, m: unknown, o?: unknown) => void;
      Worker.prototype.postMessage = function (this: Worker, m: unknown, o?: unknown) {
        const msg = m as { type?: string; request?: { draws: number } };
        if (msg?.type === "run" && msg.request) w.__runs.push(msg.request.draws);
        post.call(this, m, o);
      } as typeof Worker.prototype.postMessage;
    });
    await page.goto(`${dash.url}#/scenarios`);
    await page.locator('[data-testid="sim-status"][data-busy="false"]').waitFor({ timeout: 120_000 });
    const before = await page.evaluate(() => (window as unknown as { __runs: number[] }).__runs.length);
    await page.evaluate(() => {
      const slider = document.getElementById("slider-smuggleShareOfUnmet") as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(slider, "26");
      slider.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain("m.smuggleShareOfUnmet=");
    await page.locator('[data-testid="sim-status"][data-busy="false"]').waitFor({ timeout: 120_000 });
    const runs = await page.evaluate(() => (window as unknown as { __runs: number[] }).__runs);
    // One full run at the page's draws (a 1,000-draw preview may precede it when runs are slow here).
    expect(runs.slice(before).filter((d) => d === 10_000)).toHaveLength(1);
    expect(await page.locator('[data-testid="sim-answer"]').textContent()).toMatch(
      /Your changes move the median/,
    );
    await page.close();
  });

  it("asks the server nothing for a link it cannot reproduce (a slider moved)", async () => {
    const page = await context.newPage();
    const asked: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/v1/simulate")) asked.push(r.url());
    });
    await page.goto(`${dash.url}#/scenarios?m.smuggleShareOfUnmet=2`);
    await page.locator('[data-testid="sim-status"][data-busy="false"]').waitFor({ timeout: 120_000 });
    const answer = (await page.locator('[data-testid="sim-answer"]').textContent()) ?? "";
    expect(answer).toMatch(/Your changes move the median from/);
    expect(asked).toEqual([]);
    await page.close();
  });
});
