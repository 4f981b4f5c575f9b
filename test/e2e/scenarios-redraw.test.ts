/**
 * Slider → every Scenarios chart redrawn (issue 14, speed). What makes the redraw fast (the gap handed over
 * early, the frontier and channel charts drawn together in one task) must not change what is drawn: after a few
 * slider moves, every simulation chart shows the very numbers of the final position — its SVG markup is identical
 * to that of a fresh page opened on the same link — and all of them come from the same whole answer.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserMissing, type Dashboard, startDashboard, watchErrors } from "./browser.js";

const missing = browserMissing();
if (missing) console.warn(`skipping browser tests: ${missing}`);

const CHARTS: string[] = ["sim-gap", "sim-frontier", "sim-channels-log", "sim-channels-share"];

interface Drawn {
  /** data-version of each chart's figure and the version its host says it drew. */
  versions: Record<string, [string | null, string | null]>;
  svg: Record<string, string>;
  answer: string;
}

describe.skipIf(missing !== null)("Scenarios redraw after a slider move", { timeout: 180_000 }, () => {
  let dash: Dashboard;

  beforeAll(async () => {
    dash = await startDashboard("chokepoint-scenarios-redraw-");
  });

  afterAll(async () => {
    await dash?.close();
  });

  async function idle(page: Page): Promise<void> {
    await page.locator('[data-testid="sim-status"][data-busy="false"]').waitFor({ timeout: 60_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  async function drawn(page: Page): Promise<Drawn> {
    return page.evaluate((ids) => {
      const versions: Drawn["versions"] = {};
      const svg: Drawn["svg"] = {};
      for (const id of ids) {
        const fig = document.querySelector(`figure[data-chart="${id}"]`);
        const host = fig?.querySelector<HTMLElement>(".plot-host");
        versions[id] = [fig?.getAttribute("data-version") ?? null, host?.dataset.rendered ?? null];
        svg[id] = host?.innerHTML ?? "";
      }
      const answer = document.querySelector('[data-testid="sim-answer"]')?.textContent ?? "";
      return { versions, svg, answer };
    }, CHARTS);
  }

  /** Moves a slider as the browser does for a drag step: the value, then an input event. */
  async function slide(page: Page, id: string, step: number): Promise<void> {
    await page.evaluate(
      ([sel, value]) => {
        const slider = document.getElementById(sel as string) as HTMLInputElement;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
        setter.call(slider, String(value));
        slider.dispatchEvent(new Event("input", { bubbles: true }));
      },
      [id, step] as const,
    );
  }

  // Alone, and compared with another scenario (both then take the slider's change; the worker hands the frontier
  // chart over only once every shown scenario's frontier is summarised).
  it.each([
    ["status-quo alone", "#/scenarios?s=status-quo"],
    ["status-quo compared with no-controls", "#/scenarios?s=status-quo&cmp=no-controls"],
  ])(
    "%s: every chart shows the final position's numbers, the same as a fresh load of the link",
    async (_, hash) => {
      const page = await dash.context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${dash.url}${hash}`);
      await idle(page);
      const before = await drawn(page);
      // Two quick moves (the first may be coalesced away), then one more after the answer to the second.
      await slide(page, "slider-smuggleShareOfUnmet", 30);
      await slide(page, "slider-smuggleShareOfUnmet", 34);
      await idle(page);
      await slide(page, "slider-smuggleShareOfUnmet", 36);
      await idle(page);
      const after = await drawn(page);
      expect(page.url()).toMatch(/m\.smuggleShareOfUnmet=3\.03/); // step 36 of 40 on ×0.25 … ×4: 0.25·16^0.9

      // All four charts were redrawn from one and the same whole answer (not a preview, not the early gap alone).
      const v = after.versions["sim-gap"]![0];
      expect(v).toMatch(/^\d+$/);
      for (const id of CHARTS) expect(after.versions[id], id).toEqual([v, v]);
      expect(v).not.toBe(before.versions["sim-gap"]![0]);
      // More smuggling moves the gap, China's largest run and the smuggling channel; the US series stays as it was.
      for (const id of CHARTS) expect(after.svg[id], id).not.toBe(before.svg[id]);
      expect(after.answer).not.toBe(before.answer);

      // A fresh page on the same link: the same markup for every chart and the same sentence.
      const fresh = await dash.context.newPage();
      const errors2 = watchErrors(fresh);
      await fresh.goto(page.url());
      await idle(fresh);
      const again = await drawn(fresh);
      for (const id of CHARTS) expect(again.svg[id], id).toBe(after.svg[id]);
      expect(again.answer).toBe(after.answer);

      // And moving back to ×1 gives back the first page's charts exactly.
      await slide(page, "slider-smuggleShareOfUnmet", 20);
      await idle(page);
      const back = await drawn(page);
      for (const id of CHARTS) expect(back.svg[id], id).toBe(before.svg[id]);
      expect(back.answer).toBe(before.answer);

      expect(errors).toEqual([]);
      expect(errors2).toEqual([]);
      await page.close();
      await fresh.close();
    },
  );

  it("keeps Plot's style rules once in the page and puts them back into an exported SVG", async () => {
    const page = await dash.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${dash.url}#/scenarios?s=status-quo`);
    await idle(page);
    const counts = await page.evaluate(() => ({
      inCharts: document.querySelectorAll(".plot-host style").length,
      shared: [...document.querySelectorAll("head style[data-plot-style]")].map((e) => e.textContent ?? ""),
      charts: document.querySelectorAll(".plot-host svg").length,
    }));
    expect(counts.charts).toBeGreaterThanOrEqual(4);
    expect(counts.inCharts).toBe(0);
    // One shared copy of each distinct rule set (the charts' and the legends'), not one per chart.
    expect(counts.shared.length).toBeGreaterThan(0);
    expect(counts.shared.length).toBeLessThan(counts.charts);
    expect(new Set(counts.shared).size).toBe(counts.shared.length);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('figure[data-chart="sim-gap"] button', { hasText: "SVG" }).click(),
    ]);
    const text = readFileSync((await download.path())!, "utf8");
    const cls = /<svg class="(plot-[^"]+)"/.exec(text)?.[1];
    expect(cls).toBeDefined();
    expect(text).toContain("<style>");
    expect(text).toContain(`:where(.${cls})`);
    expect(counts.shared.some((css) => css.includes(`:where(.${cls})`))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
