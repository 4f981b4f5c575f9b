// The brief prints from Chromium to one or two A4 pages (skipped when Chromium is absent, as the e2e tests are).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { browserMissing, launch } from "../e2e/browser.js";
import { captureCli } from "../support/cli.js";

const missing = browserMissing();
const dir = mkdtempSync(join(tmpdir(), "chokepoint-brief-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ISO A4 is 595.28 × 841.89 pt; PDF page objects carry /MediaBox [0 0 w h]. */
function pages(pdf: Buffer): { count: number; boxes: number[][] } {
  const text = pdf.toString("latin1");
  const count = (text.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map(
    (m) => m.slice(1, 5).map(Number),
  );
  return { count, boxes };
}

describe.skipIf(missing !== null)("brief printed to PDF", () => {
  for (const lang of ["en", "zh-CN"])
    it(`fits one or two A4 pages (${lang})`, async () => {
      const out = join(dir, `brief-${lang}.html`);
      const r = await captureCli(
        [
          "brief",
          "--scenario",
          "status-quo",
          "--draws",
          "1000",
          "--date",
          "2026-11-30",
          "--lang",
          lang,
          "--out",
          out,
        ],
        { env: { CHOKEPOINT_DB: join(dir, "store.db") } },
      );
      expect(r.code).toBe(0);
      const browser = await launch();
      try {
        const page = await browser.newPage();
        const requests: string[] = [];
        page.on("request", (req) => requests.push(req.url()));
        await page.setContent(readFileSync(out, "utf8"), { waitUntil: "load" });
        const pdf = await page.pdf({ format: "A4", printBackground: true });
        const { count, boxes } = pages(pdf);
        expect(count).toBeGreaterThanOrEqual(1);
        expect(count).toBeLessThanOrEqual(2);
        for (const b of boxes) {
          // Chromium rounds A4 to 8.27 × 11.7 inches (595.92 × 842.4 pt): within 1.5 pt of ISO A4.
          expect(Math.abs(b[2]! - 595.28)).toBeLessThan(1.5);
          expect(Math.abs(b[3]! - 841.89)).toBeLessThan(1.5);
        }
        // Rendering the page asked the network for nothing.
        expect(requests).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 120_000);
});
