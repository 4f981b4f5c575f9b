// Dashboard benchmark in Debian's Chromium (playwright-core, never a downloaded browser), against the real server
// and the built dashboard (dist/web): first load, slider → updated fan chart at 10,000 draws, and shipped JS size.
// Targets (DESIGN §7, issue 5): first load ≤ 1 s on loopback; slider → chart ≤ 100 ms; JS ≤ 350 KB gzipped.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// CHOKEPOINT_BENCH_WEB: another build of the dashboard (e.g. a copy of dist/web from before a change), for A/B runs.
const web = process.env.CHOKEPOINT_BENCH_WEB ?? join(root, "dist", "web");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const ms = (v) => `${v.toFixed(0)} ms`;

function jsFiles(dir) {
  const out = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...jsFiles(p));
    else if (f.endsWith(".js")) out.push(p);
  }
  return out;
}

/** Total JavaScript the dashboard ships (every .js under dist/web, the worker included), gzipped at level 9. */
function shippedJs() {
  let raw = 0;
  let gz = 0;
  const files = [];
  for (const f of jsFiles(web)) {
    const buf = readFileSync(f);
    const g = gzipSync(buf, { level: 9 }).length;
    raw += buf.length;
    gz += g;
    files.push(`${f.slice(web.length + 1)} ${(g / 1024).toFixed(1)} KB`);
  }
  return { raw, gz, files };
}

export default async function browserBench() {
  if (!existsSync(join(web, "index.html"))) {
    console.log("  skipped: dist/web is missing (npm run build:web)");
    return;
  }
  console.log(
    `  (load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")} on this machine while measuring)`,
  );
  const js = shippedJs();
  console.log(
    `  shipped JS: ${(js.gz / 1024).toFixed(1)} KB gzipped (${(js.raw / 1024).toFixed(0)} KB raw; target ≤ 350 KB) — ${js.files.join(", ")}`,
  );
  if (!existsSync(chromiumPath)) {
    console.log(`  browser figures skipped: no Chromium at ${chromiumPath} (apt-get install -y chromium)`);
    return;
  }
  const { chromium } = await import("playwright-core");
  const { startServer } = await import("../dist/server/start.js");
  const tmp = mkdtempSync(join(tmpdir(), "chokepoint-bench-"));
  const server = await startServer({ port: 0, db: join(tmp, "bench.db"), webRoot: web, log: () => {} });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ARGS, headless: true });
  try {
    // First load: a fresh context each time (cold HTTP cache), from navigation start to the first chart drawn.
    // First load: the time (from navigation start, performance.now() in the page) at which the first chip-regime
    // chart enters the DOM, and the next animation frame after it, recorded by a MutationObserver the page gets
    // before any of its own script runs (polling from outside would add its own delay).
    const inserted = [];
    const loads = [];
    for (let i = 0; i < 6; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await ctx.addInitScript(() => {
        const obs = new MutationObserver(() => {
          if (
            window.__firstChart ||
            !document.querySelector('figure[data-chart^="chip-regime-"] .plot-host svg')
          )
            return;
          window.__firstChart = performance.now();
          obs.disconnect();
          requestAnimationFrame(() => {
            window.__firstChartFrame = performance.now();
          });
        });
        obs.observe(document, { childList: true, subtree: true });
      });
      const page = await ctx.newPage();
      await page.goto(`${server.url}#/chips`, { waitUntil: "commit" });
      await page.waitForFunction(() => window.__firstChartFrame !== undefined, undefined, {
        timeout: 30_000,
      });
      const t = await page.evaluate(() => [window.__firstChart, window.__firstChartFrame]);
      if (i > 0) {
        // the first run warms the server's caches
        inserted.push(t[0]);
        loads.push(t[1]);
      }
      await ctx.close();
    }
    console.log(
      `  first load (navigation → first chart, Chips page, next frame after it is in the page): median ${ms(median(loads))}, max ${ms(Math.max(...loads))} (target ≤ 1 s); in the DOM at median ${ms(median(inserted))}`,
    );

    // Every other page: navigation → its answer sentence in the page (the sentence is computed from the same data
    // as its first chart, which is drawn in the same commit).
    const ANSWERS = {
      gap: '[data-testid="gap-summary"]',
      timeline: '[data-testid="timeline-answer"]',
      data: '[data-testid="data-answer"]',
      scenarios: '[data-testid="sim-answer"]',
    };
    for (const [name, selector] of Object.entries(ANSWERS)) {
      const times = [];
      for (let i = 0; i < 4; i++) {
        const c = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        await c.addInitScript((sel) => {
          const obs = new MutationObserver(() => {
            const el = document.querySelector(sel);
            // Scenarios shows "Running the scenario…" until its first whole answer.
            if (window.__answer || !el || (el.textContent ?? "").length < 60) return;
            window.__answer = performance.now();
            obs.disconnect();
          });
          obs.observe(document, { childList: true, subtree: true, characterData: true });
        }, selector);
        const p = await c.newPage();
        await p.goto(`${server.url}#/${name}`, { waitUntil: "commit" });
        await p.waitForFunction(() => window.__answer !== undefined, undefined, { timeout: 60_000 });
        if (i > 0) times.push(await p.evaluate(() => window.__answer));
        await c.close();
      }
      console.log(
        `  first load of ${name} (navigation → its answer in words): median ${ms(median(times))}, max ${ms(Math.max(...times))} (target ≤ 1 s)`,
      );
    }

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const loadBefore = loadavg()[0];
    await page.goto(`${server.url}#/scenarios?s=status-quo`);
    await page.locator('[data-testid="sim-status"][data-busy="false"]').waitFor({ timeout: 120_000 });
    const times = [];
    const firsts = [];
    const alls = [];
    const worker = [];
    const steps = [22, 18, 24, 16, 26, 14, 28, 12, 30, 10, 32, 8, 34, 6, 36, 4];
    for (const step of steps) {
      const r = await page.evaluate(async (value) => {
        const gap = document.querySelector('figure[data-chart="sim-gap"]');
        const figs = [
          ...document.querySelectorAll(
            'figure[data-chart="sim-gap"], figure[data-chart="sim-frontier"], figure[data-chart^="sim-channels-"]',
          ),
        ];
        const slider = document.getElementById("slider-smuggleShareOfUnmet");
        const before = gap.getAttribute("data-version");
        const t0 = performance.now();
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
        setter.call(slider, String(value));
        slider.dispatchEvent(new Event("input", { bubbles: true }));
        // Times from the input event to: the gap chart's first redraw (a preview if full runs are slow), the gap
        // chart drawn from the full run, and every simulation chart drawn from the full run.
        const drawn = (f) => {
          const v = f.getAttribute("data-version");
          return v !== before && f.querySelector(".plot-host")?.dataset.rendered === v ? v : null;
        };
        let first = Number.NaN;
        let full = Number.NaN;
        await new Promise((resolve) => {
          const check = () => {
            const now = performance.now() - t0;
            const v = drawn(gap);
            if (v && Number.isNaN(first)) first = now;
            if (v && !v.endsWith("p") && Number.isNaN(full)) full = now;
            if (!Number.isNaN(full) && figs.every((f) => drawn(f) === v)) resolve();
            else requestAnimationFrame(check);
          };
          check();
        });
        // One more frame: the time until the browser has painted it.
        await new Promise((r2) => requestAnimationFrame(() => r2()));
        return {
          gap: full,
          all: performance.now() - t0,
          first,
          worker: window.__chokepointSim?.lastWorkerMs ?? Number.NaN,
        };
      }, step);
      await page.locator('[data-testid="sim-status"][data-busy="false"]').waitFor({ timeout: 120_000 });
      times.push(r.gap);
      alls.push(r.all);
      firsts.push(r.first);
      worker.push(await page.evaluate(() => window.__chokepointSim?.lastWorkerMs ?? Number.NaN));
    }
    console.log(
      `  slider → updated gap fan chart at 10,000 draws: median ${ms(median(times))}, p90 ${ms(pct(times, 0.9))} over ${times.length} changes (target ≤ 100 ms); first redraw (preview when full runs are slow) median ${ms(median(firsts))}`,
    );
    console.log(
      `  slider → all four simulation charts updated (gap, frontier, channel medians, channel shares) and painted: median ${ms(median(alls))}, p90 ${ms(pct(alls, 0.9))}; worker compute for the whole answer median ${ms(median(worker))}`,
    );
    console.log(
      `  (1-minute load average ${loadBefore.toFixed(1)} before the slider moves, ${loadavg()[0].toFixed(1)} after)`,
    );
    console.log(
      `  slider moves in order (ms, gap chart / all charts / worker): ${times.map((t, i) => `${t.toFixed(0)}/${alls[i].toFixed(0)}/${worker[i].toFixed(0)}`).join(" ")}`,
    );
    await ctx.close();
  } finally {
    await browser.close();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
