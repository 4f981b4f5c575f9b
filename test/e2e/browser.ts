/**
 * Browser test harness: Debian's Chromium driven by playwright-core (never a downloaded browser), the real server
 * on a free loopback port with a temporary database, serving the built dashboard from dist/web.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, type ConsoleMessage, chromium, type Page } from "playwright-core";

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
