/**
 * Browser test harness: Debian's Chromium driven by playwright-core (never a downloaded browser), the real server
 * on a free loopback port with a temporary database, serving the built dashboard from dist/web.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, type BrowserContext, type ConsoleMessage, chromium, type Page } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "../..");
export const ARTIFACTS = join(ROOT, "test-artifacts");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep Chromium quiet on a closed network. Playwright gives each launch a fresh temporary profile. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Why the browser tests cannot run here, or null when they can. With CI set a missing browser is a failure. */
export function browserMissing(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const why = `Chromium not found at ${CHROMIUM} (install Debian's: apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI) throw new Error(why);
  return why;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Collects console errors, page errors and failed requests, including CSP violations Chromium reports as errors. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`http ${r.status()}: ${r.url()}`);
  });
  page.on("requestfailed", (r) => {
    // Downloads of blob: URLs are aborted by design once saved.
    if (!r.url().startsWith("blob:"))
      errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ""}`);
  });
  return errors;
}

export interface Dashboard {
  url: string;
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * The real server on a free port with a temporary database, serving the built dashboard (dist/web — built here
 * when missing, as after a direct `vitest run test/e2e`), and a Chromium context at 1280 × 900 that accepts downloads.
 */
export async function startDashboard(prefix: string): Promise<Dashboard> {
  const web = join(ROOT, "dist", "web");
  if (!existsSync(join(web, "index.html"))) {
    const { build } = await import("vite");
    await build({ configFile: join(ROOT, "web", "vite.config.ts"), logLevel: "error" });
  }
  const tmp = tempDir(prefix);
  const { startServer } = await import("../../src/server/start.js");
  const server = await startServer({ port: 0, db: join(tmp.dir, "e2e.db"), webRoot: web });
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  return {
    url: server.url,
    browser,
    context,
    async close() {
      await context.close();
      await browser.close();
      await server.close();
      tmp.remove();
    },
  };
}
