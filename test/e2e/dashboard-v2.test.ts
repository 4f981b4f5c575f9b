/**
 * Dashboard v2 in Chromium: every page answers in words first, in English and in Simplified Chinese, at 1280 and
 * 390 px (screenshots in test-artifacts/ for a reader to judge); axe-core finds no serious or critical violation;
 * the Chips page shows the real regime on a date; links with bad values say so and fall back; exports carry
 * their title, source and the CC BY credit.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  artifactPath,
  browserMissing,
  type Dashboard,
  ROOT,
  startDashboard,
  watchErrors,
} from "./browser.js";

const missing = browserMissing();
if (missing) console.warn(`skipping browser tests: ${missing}`);

const AXE = readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");

/** Each page with the element holding its answer. */
const PAGES = [
  { hash: "#/chips", answer: '[data-testid="chips-answer"]', chart: 'figure[data-chart^="chip-regime-"]' },
  { hash: "#/gap", answer: '[data-testid="gap-summary"]', chart: 'figure[data-chart^="gap-frontier-"]' },
  { hash: "#/timeline", answer: '[data-testid="timeline-answer"]', chart: 'figure[data-chart="timeline"]' },
  { hash: "#/scenarios", answer: '[data-testid="sim-answer"]', chart: 'figure[data-chart="sim-gap"]' },
  { hash: "#/data", answer: '[data-testid="data-answer"]', chart: 'div[data-table="chips"]' },
] as const;

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

async function axe(page: Page): Promise<AxeResult["violations"]> {
  // Evaluated through the DevTools protocol, which the page's CSP (script-src 'self') does not govern.
  await page.evaluate(AXE);
  const r = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({
      resultTypes: ["violations"],
    }),
  )) as AxeResult;
  return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

async function answerText(page: Page, selector: string): Promise<string> {
  const el = page.locator(selector);
  await el.waitFor({ timeout: 60_000 });
  await expect
    .poll(async () => (await el.textContent())?.length ?? 0, { timeout: 60_000 })
    .toBeGreaterThan(40);
  return (await el.textContent()) ?? "";
}

describe.skipIf(missing !== null)("dashboard v2", { timeout: 240_000 }, () => {
  let dash: Dashboard;
  let context: BrowserContext;

  beforeAll(async () => {
    dash = await startDashboard("chokepoint-v2-");
    context = dash.context;
  });
  afterAll(async () => {
    await dash?.close();
  });

  for (const lang of ["en", "zh-CN"] as const)
    for (const width of [1280, 390])
      it(`every page answers first, in ${lang} at ${width} px, with no serious axe violation`, async () => {
        const ctx = await dash.browser.newContext({ viewport: { width, height: 900 } });
        const page = await ctx.newPage();
        const errors = watchErrors(page);
        for (const p of PAGES) {
          await page.goto(`${dash.url}${lang === "en" ? "" : "?lang=zh-CN"}${p.hash}`);
          const text = await answerText(page, p.answer);
          await page.locator(p.chart).first().waitFor({ timeout: 60_000 });
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
          if (lang === "zh-CN") {
            // Chinese prose, not English with Chinese dates.
            expect(text).toMatch(/[\u4e00-\u9fff]{6}/);
            // (The Timeline's answer quotes an event title, which is data and stays in its source's language.)
            if (p.hash !== "#/timeline") expect(text).not.toMatch(/\b(the|and|need|licence)\b/);
          } else expect(text).not.toMatch(/[\u4e00-\u9fff]/);
          // The answer comes before the first chart.
          const order = await page.evaluate(
            ([a, c]) => {
              const x = document.querySelector(a!);
              const y = document.querySelector(c!);
              return x && y ? x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
            },
            [p.answer, p.chart],
          );
          expect(order, `${p.hash}: answer before chart`).toBeTruthy();
          await page.waitForTimeout(300);
          await page.screenshot({
            path: artifactPath(`v2-${p.hash.slice(2)}-${lang}-${width}.png`),
            fullPage: width > 400,
          });
          const bad = await axe(page);
          expect(
            bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes[0]?.target.join(" ")})`),
            `${p.hash} ${lang} ${width}`,
          ).toEqual([]);
          // Nothing wider than the screen on a phone.
          if (width < 400) {
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
            expect(overflow, `${p.hash} scroll width`).toBeLessThanOrEqual(width + 1);
          }
        }
        expect(errors).toEqual([]);
        await ctx.close();
      });

  it("Chips: the H20 needs no licence for China on 2024-06-01 and needs one on 2025-06-01 (bandwidth trigger)", async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${dash.url}#/chips?date=2024-06-01`);
    const before = await answerText(page, '[data-testid="chips-answer"]');
    expect(before).toContain("On 1 Jun 2024");
    expect(before).toMatch(/No licence: [^.]*H20/);
    await page.goto(`${dash.url}#/chips?date=2025-06-01`);
    await expect
      .poll(() => page.locator('[data-testid="chips-answer"]').textContent(), { timeout: 30_000 })
      .toMatch(/^On 1 Jun 2025.*Licence: [^.]*H20/);
    const after = (await page.locator('[data-testid="chips-answer"]').textContent()) ?? "";
    expect(after).toContain("2025-04-bandwidth");
    // Every placed chip is a dot coloured by its status; the legend counts add up to the dots.
    const fig = page.locator('figure[data-chart^="chip-regime-2025-06-01"]');
    await fig.locator(".plot-host svg").waitFor();
    const dots = await fig.locator("g.chip-dots > *").count();
    const legend = await page.locator("ul.legend li").allTextContents();
    const counted = legend.slice(0, 4).reduce((s, l) => s + Number(/\((\d+)\)\s*$/.exec(l)?.[1] ?? 0), 0);
    expect(dots).toBeGreaterThan(20);
    expect(counted).toBe(dots);
    // The H20 is ringed: a licence from a test other than the TPP × density regions.
    expect(await fig.locator("g.ringed > *").count()).toBeGreaterThan(0);

    // The classifier answers for the page's context in one line, with no contradictory badge.
    const form = page.locator('[data-testid="classifier"]');
    await form.locator('select[name="chip"]').selectOption("nvidia-h20");
    const result = form.locator('[data-testid="classify-result"]');
    await expect
      .poll(() => result.locator('[data-testid="reason"]').textContent(), { timeout: 30_000 })
      .toContain("an is-informed letter, 15 CFR 744.23(b)");
    expect(await result.locator('[data-testid="licence"]').textContent()).toMatch(/^licence required/);
    expect(await result.locator(".badge").count()).toBe(1);
    // The shipment layers: an exporter BIS never informed is not bound by the 2025-04 letters (15 CFR 744.23(b)).
    await form.locator('select[name="informed"]').selectOption("no");
    await expect
      .poll(() => result.locator('[data-testid="licence"]').textContent(), { timeout: 30_000 })
      .toBe("no licence required");
    // A buyer on the Entity List (Huawei) needs a licence whatever the chip, presumed denied.
    await form.locator('select[name="informed"]').selectOption("");
    await form.locator('input[name="buyer"]').fill("Huawei Technologies");
    await expect
      .poll(() => result.locator('[data-testid="licence"]').textContent(), { timeout: 30_000 })
      .toBe("licence required (presumption of denial)");
    await form.locator('input[name="buyer"]').fill("");
    // Specs: a negative die area is refused in the page, naming the field and the value.
    await form.locator('select[name="mode"]').selectOption("specs");
    await form.locator('input[name="fp8Tflops"]').fill("1000");
    await form.locator('input[name="dieAreaMm2"]').fill("-5");
    await form.getByRole("button", { name: "Classify" }).click();
    await expect
      .poll(() => form.locator('p.error[role="alert"]').textContent())
      .toContain("Die area (mm²): -5");
    expect(await result.count()).toBe(0);
    // A valid spec: FP8 1,000 TFLOPS dense → TPP 8,000 ≥ 4,800 → 3A090.a, licence for China.
    await form.locator('input[name="dieAreaMm2"]').fill("800");
    await form.getByRole("button", { name: "Classify" }).click();
    await expect
      .poll(() => result.locator('[data-testid="classification"]').textContent())
      .toContain("3A090.a");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("links with bad values show an error and the defaults; Chips and Gap keep their state in the link", async () => {
    const page = await context.newPage();
    await page.goto(`${dash.url}#/chips?date=2019-01-01&dest=ZZ`);
    const issues = page.locator('[data-testid="link-issues"]');
    await issues.waitFor({ timeout: 30_000 });
    expect(await issues.textContent()).toContain("date=2019-01-01");
    expect(await issues.textContent()).toContain("dest=ZZ");
    await answerText(page, '[data-testid="chips-answer"]');

    await page.goto(`${dash.url}#/gap?metric=flops`);
    await page.locator('[data-testid="link-issues"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('select[name="metric"]').inputValue()).toBe("eci");
    await page.locator('select[name="metric"]').selectOption("compute");
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe("#/gap?metric=compute");
    await page.locator('figure[data-chart="gap-frontier-compute"]').waitFor();
    // Opened afresh, the link shows the same view.
    const again = await context.newPage();
    await again.goto(`${dash.url}#/gap?metric=compute`);
    await again.locator('figure[data-chart="gap-frontier-compute"] svg').first().waitFor({ timeout: 30_000 });
    await again.close();

    await page.goto(`${dash.url}?lang=xx#/data`);
    await page.locator('[data-testid="bad-lang"]').waitFor({ timeout: 30_000 });
    await page.close();
  });

  it("Scenarios: the headline states the 2028 Q4 gap with its band and the no-controls figure; a bad link falls back visibly", async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${dash.url}#/scenarios?s=nonexistent&m.smuggleShareOfUnmet=100`);
    const issues = page.locator('[data-testid="link-issues"]');
    await issues.waitFor({ timeout: 60_000 });
    // The multiplier is refused at once; the scenario name once the server's list has arrived.
    await expect.poll(() => issues.textContent(), { timeout: 60_000 }).toContain("s=nonexistent");
    expect(await issues.textContent()).toContain("m.smuggleShareOfUnmet=100");
    const answer = page.locator('[data-testid="sim-answer"]');
    await expect
      .poll(() => answer.textContent(), { timeout: 90_000 })
      .toMatch(/^Gap in 2028 Q4 under status-quo/);
    const text = (await answer.textContent()) ?? "";
    expect(text).toMatch(/China -?\d+\.\d months behind \(90% band -?\d+\.\d to -?\d+\.\d months\)/);
    expect(text).toMatch(/Chance the gap is under 6 months: \d+%/);
    expect(text).toMatch(/Without export controls: -?\d+\.\d months/);
    // Same seed, same numbers as the CLI and the API (POST /simulate runs the engine on the server).
    const api = (await (
      await fetch(`${dash.url}api/v1/simulate`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: "status-quo", draws: 10_000, seed: 20221007 }),
      })
    ).json()) as { result?: unknown } & Record<string, unknown>;
    const res = (api.result ?? api) as { quarters: string[]; series: { gapMonths: { p50: number[] } } };
    const median = res.series.gapMonths.p50[res.quarters.indexOf("2028Q4")]!;
    expect(text).toContain(`China ${median.toFixed(1)} months behind`);
    // The slider shows what runs: the refused ×100 is back at ×1, and the seed is the CLI's.
    expect(await page.locator("#slider-smuggleShareOfUnmet").inputValue()).toBe("20");
    expect(await page.locator('input[name="seed"]').inputValue()).toBe("20221007");
    // The Brief button opens the server's one-page brief of the scenario, in the page's language.
    const href = (await page.locator('[data-testid="brief-link"]').getAttribute("href")) ?? "";
    expect(href).toMatch(/^api\/v1\/brief\?scenario=status-quo&seed=20221007&draws=10000&lang=en$/);
    const brief = await fetch(new URL(href, dash.url));
    expect(brief.status).toBe(200);
    expect(brief.headers.get("content-type")).toMatch(/text\/html/);
    // The calibration engineer's rolling out-of-sample record, on request, in words and a table.
    await page.locator('[data-testid="rolling-backtest"] button').click();
    await expect
      .poll(() => page.locator('[data-testid="rolling-answer"]').textContent(), { timeout: 120_000 })
      .toMatch(/^At \d+ origins \(\d{4}Q\d to \d{4}Q\d\).*90% bands covered \d+%/);
    expect(await page.locator('div[data-table="rolling-backtest"] tbody tr').count()).toBeGreaterThan(2);
    // A change states its effect against the unmodified scenario.
    await page.goto(`${dash.url}#/scenarios?m.smuggleShareOfUnmet=4`);
    await expect
      .poll(() => answer.textContent(), { timeout: 90_000 })
      .toMatch(/Your changes move the median from -?\d+\.\d months to -?\d+\.\d months/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("Scenarios: the Calibrated option runs every scenario from a posterior calibrated on the observed data", async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${dash.url}#/scenarios`);
    const answer = page.locator('[data-testid="sim-answer"]');
    await expect
      .poll(() => answer.textContent(), { timeout: 90_000 })
      .toMatch(/^Gap in 2028 Q4 under status-quo/);
    // The page's own (worker) answer from the priors, not only the server's first answer drawn while it starts.
    await page.locator('[data-testid="sim-status"][data-busy="false"]').waitFor({ timeout: 120_000 });
    const prior = (await answer.textContent()) ?? "";
    // Ticking the option calibrates on the data up to the newest observation, then runs from that posterior.
    await page.locator('input[name="calibrated"]').click();
    const note = page.locator('[data-testid="calibrated-note"]');
    await note.waitFor({ timeout: 120_000 });
    expect(await note.textContent()).toMatch(
      /calibrated on data up to \d{4}-\d{2}-\d{2} \(effective sample size \d+/,
    );
    expect(await note.textContent()).toContain("still loses to a constant-gap forecast");
    // The headline is recomputed from the posterior's particles: a different distribution, the same kind of answer.
    // ("Running the scenario…" may show between the two answers.)
    await expect
      .poll(
        async () => {
          const now = (await answer.textContent()) ?? "";
          return now !== prior && /^Gap in 2028 Q4 under status-quo/.test(now);
        },
        { timeout: 120_000 },
      )
      .toBe(true);
    // The posterior is the one the API now serves as the newest.
    const latest = (await (await fetch(`${dash.url}api/v1/posteriors/latest`)).json()) as { id: string };
    expect(await note.textContent()).toContain(latest.id.slice(0, 12));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("Chips at 390 px: the controls fold into one line and the plane is on the first screen", async () => {
    for (const lang of ["en", "zh-CN"] as const) {
      const ctx = await dash.browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      await page.goto(`${dash.url}${lang === "en" ? "" : "?lang=zh-CN"}#/chips`);
      const plane = page.locator('figure[data-chart^="chip-regime-"] .plot-host svg');
      await plane.waitFor({ timeout: 60_000 });
      const context = page.locator('[data-testid="chips-context"]');
      // Folded: the summary names what is set; the slider is not shown until it is opened.
      expect(await context.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      expect(await context.locator("summary").textContent()).toMatch(
        lang === "en" ? /to CN · buyer HQ CN/ : /出口至 CN/,
      );
      expect(await page.locator('input[name="regime-day"]').isVisible()).toBe(false);
      // The plane starts within the first screen and at least half of it is on that screen.
      const box = (await plane.boundingBox())!;
      expect(box.y, lang).toBeLessThan(844 - box.height / 2);
      await page.screenshot({ path: artifactPath(`v2-chips-first-screen-${lang}-390.png`) });
      // Opened, the controls work: another date redraws the plane for that date.
      await context.locator("summary").click();
      await page.locator('input[name="regime-date"]').fill("2024-06-01");
      await page
        .locator('figure[data-chart="chip-regime-2024-06-01-CN-CN"] .plot-host svg')
        .waitFor({ timeout: 60_000 });
      expect(errors).toEqual([]);
      await ctx.close();
    }
    // On a wide screen the controls are open from the start.
    const page = await context.newPage();
    await page.goto(`${dash.url}#/chips`);
    await page.locator('figure[data-chart^="chip-regime-"] .plot-host svg').waitFor({ timeout: 60_000 });
    expect(await page.locator('input[name="regime-day"]').isVisible()).toBe(true);
    await page.close();
  });

  it("exports carry the title, settings, date, source line and Epoch's CC BY credit", async () => {
    const page = await context.newPage();
    await page.goto(`${dash.url}#/gap`);
    const fig = page.locator('figure[data-chart="gap-frontier-eci"]');
    await fig.locator(".plot-host svg").first().waitFor({ timeout: 60_000 });
    const [svg] = await Promise.all([
      page.waitForEvent("download"),
      fig.getByRole("button", { name: /SVG/ }).click(),
    ]);
    const text = readFileSync((await svg.path())!, "utf8");
    expect(text).toContain("Frontier by bloc");
    expect(text).toContain("metric=eci");
    expect(text).toMatch(/Exported \d{4}-\d{2}-\d{2}/);
    expect(text).toContain("CC BY 4.0");
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      fig.getByRole("button", { name: /CSV/ }).click(),
    ]);
    const rows = readFileSync((await csv.path())!, "utf8").split("\r\n");
    expect(rows[0]).toMatch(/^# Frontier by bloc/);
    expect(rows.some((r) => r.includes("CC BY 4.0"))).toBe(true);
    expect(rows.find((r) => !r.startsWith("#"))).toBe("bloc,date,value,model,organization");
    await page.close();
  });
});
