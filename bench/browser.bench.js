// Dashboard benchmark in Debian's Chromium (playwright-core, never a downloaded browser), against the real server
// and the built dashboard (dist/web): first load, slider → updated fan chart at 10,000 draws, and shipped JS size.
// Targets (DESIGN §7, issue 5): first load ≤ 1 s on loopback; slider → chart ≤ 100 ms; JS ≤ 350 KB gzipped.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const web = join(root, "dist", "web");
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
    const loads = [];
    for (let i = 0; i < 6; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      await page.goto(`${server.url}#/chips`);
      const t = await page.waitForFunction(
        () =>
          document.querySelector('figure[data-chart^="chip-plane-"] .plot-host svg') ? performance.now() : 0,
        undefined,
        { polling: "raf", timeout: 30_000 },
      );
      if (i > 0) loads.push(await t.jsonValue()); // the first run warms the server's caches
      await ctx.close();
    }
    console.log(
      `  first load (navigation → first chart, Chips page): median ${ms(median(loads))}, max ${ms(Math.max(...loads))} (target ≤ 1 s)`,
    );

    // Slider → updated fan chart: the page at 10,000 draws; each step sets a new slider value (no cached run) and
    // times from the input event to the frame after the gap chart redrew with the answering run.
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}#/scenarios?s=status-quo`);
    await page.locator('[data-testid="sim-status"][data-busy="false"]').waitFor({ timeout: 120_000 });
    const times = [];
    const firsts = [];
    const worker = [];
    const steps = [22, 18, 24, 16, 26, 14, 28, 12, 30, 10, 32, 8, 34, 6, 36, 4];
    for (const step of steps) {
      const r = await page.evaluate(async (value) => {
        const fig = document.querySelector('figure[data-chart="sim-gap"]');
        const slider = document.getElementById("slider-leakRate");
        const before = fig.getAttribute("data-version");
        const t0 = performance.now();
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
        setter.call(slider, String(value));
        slider.dispatchEvent(new Event("input", { bubbles: true }));
        // The page may answer first with a 1,000-draw preview (version "<id>p") when full runs are slow; the
        // figure that counts is the redraw with the full 10,000-draw run (version without "p").
        let first = Number.NaN;
        await new Promise((resolve) => {
          const check = () => {
            const v = fig.getAttribute("data-version");
            const drawn = fig.querySelector(".plot-host")?.dataset.rendered;
            if (v !== before && drawn === v && Number.isNaN(first)) first = performance.now() - t0;
            if (v !== before && drawn === v && !v.endsWith("p")) resolve();
            else requestAnimationFrame(check);
          };
          check();
        });
        await new Promise((r2) => requestAnimationFrame(() => r2()));
        return {
          ms: performance.now() - t0,
          first,
          worker: window.__chokepointSim?.lastWorkerMs ?? Number.NaN,
        };
      }, step);
      times.push(r.ms);
      firsts.push(r.first);
      worker.push(r.worker);
      await page.locator('[data-testid="sim-status"][data-busy="false"]').waitFor({ timeout: 120_000 });
    }
    console.log(
      `  slider → updated fan chart at 10,000 draws: median ${ms(median(times))}, p90 ${ms(pct(times, 0.9))} over ${times.length} changes (target ≤ 100 ms); worker compute median ${ms(median(worker))}; first redraw (preview when full runs are slow) median ${ms(median(firsts))}`,
    );
    // Every move in order, so the slow first moves after load (code still being optimised) are visible as such.
    console.log(
      `  slider moves in order (ms, full run drawn / worker): ${times.map((t, i) => `${t.toFixed(0)}/${worker[i].toFixed(0)}`).join(" ")}`,
    );
    await ctx.close();
  } finally {
    await browser.close();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
