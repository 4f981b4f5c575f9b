// The one-page brief: headline numbers against an independent `simulate` run, determinism, escaping, no external
// requests, the Chinese page, and bad input.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { esc, linearTicks } from "../../src/engine/brief/index.js";
import { captureCli } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "chokepoint-brief-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { CHOKEPOINT_DB: join(dir, "store.db") };
const SEED = "20221007";
const DRAWS = "1000";
const DATE = "2026-11-30";

async function brief(out: string, ...extra: string[]) {
  return captureCli(
    [
      "brief",
      "--scenario",
      "status-quo",
      "--seed",
      SEED,
      "--draws",
      DRAWS,
      "--date",
      DATE,
      "--out",
      out,
      ...extra,
    ],
    { env, cwd: dir },
  );
}

/** The visible text of an HTML fragment (tags dropped, the five entities the page uses decoded). */
function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

describe("chokepoint brief", () => {
  it("states the same headline numbers as simulate --json for the same scenario, seed and draws", async () => {
    const out = join(dir, "a.html");
    const r = await brief(out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const html = readFileSync(out, "utf8");
    // Independent path: the simulate command on the scenario, and on no-controls itself (which shares history's
    // parameters, so the same seed gives the same draws as the brief's counterfactual).
    const sim = JSON.parse(
      (
        await captureCli(
          ["simulate", "--scenario", "status-quo", "--seed", SEED, "--draws", DRAWS, "--json"],
          { env },
        )
      ).stdout,
    );
    const nc = JSON.parse(
      (
        await captureCli(
          ["simulate", "--scenario", "no-controls", "--seed", SEED, "--draws", DRAWS, "--json"],
          { env },
        )
      ).stdout,
    );
    const i = sim.quarters.indexOf("2028Q4");
    expect(i).toBeGreaterThan(0);
    const g = sim.series.gapMonths;
    const p = sim.probabilities["gapMonths@2028Q4<6"];
    const cf = nc.series.gapMonths.p50[i];
    const pct = p > 0 && p < 0.01 ? "<1%" : `${Math.round(p * 100)}%`;
    const want = `Gap in 2028 Q4: ${g.p50[i].toFixed(1)} months (90% band ${g.p5[i].toFixed(1)}–${g.p95[i].toFixed(1)} months), chance under 6 months ${pct}, against ${cf.toFixed(1)} months without controls.`;
    const headline = /<p class="headline" id="headline">(.*?)<\/p>/.exec(html)![1]!;
    expect(text(headline)).toBe(want);
    // The human output answers first with the same sentence's numbers.
    expect(r.stdout.split("\n")[0]).toContain(`${g.p50[i].toFixed(1)} months`);
    // --json carries the numbers to six significant digits, as simulate --json does.
    const j = JSON.parse((await brief(join(dir, "a2.html"), "--json")).stdout);
    expect(j.headline.quarter).toBe("2028Q4");
    expect(j.headline.p50).toBe(g.p50[i]);
    expect(j.headline.p5).toBe(g.p5[i]);
    expect(j.headline.p95).toBe(g.p95[i]);
    expect(j.headline.pUnder6).toBe(p);
    expect(j.headline.againstP50).toBe(cf);
    // The observed gap and the best legal chip are those `chokepoint report` gives on the same date.
    const rep = JSON.parse((await captureCli(["report", "--date", DATE, "--json"], { env })).stdout);
    const gapNow = rep.sections["Observed gap (ECI)"];
    expect(j.observed.date).toBe(gapNow.date);
    expect(j.observed.lagMonths).toBeCloseTo(gapNow.overall.lagMonths, 4);
    expect(j.observed.cn.model).toBe(gapNow.overall.cn.model);
    expect(j.bestLegal.chipId).toBe(rep.sections["Export controls"].bestLegalChip.chipId);
    expect(html).toContain(`${rep.sections["Export controls"].bestLegalChip.name},`);
    // And the page says plainly that the run uses priors, pointing to the out-of-sample scores.
    expect(html).toContain("docs/validation.md");
    expect(html).toMatch(/priors/);
    // Credits: Epoch CC BY and the chip counts' MIT licence, and the rules' Federal Register citations.
    expect(html).toContain("CC BY 4.0");
    expect(html).toContain("AI chip counts");
    expect(html).toContain("87 FR 62186");
    expect(html).toContain("91 FR 1684");
  }, 120_000);

  it("writes byte-identical files for the same inputs, and a different file for another seed", async () => {
    await brief(join(dir, "b1.html"));
    await brief(join(dir, "b2.html"));
    const a = readFileSync(join(dir, "b1.html"));
    expect(a.equals(readFileSync(join(dir, "b2.html")))).toBe(true);
    await captureCli(
      [
        "brief",
        "--scenario",
        "status-quo",
        "--seed",
        "7",
        "--draws",
        DRAWS,
        "--date",
        DATE,
        "--out",
        "b3.html",
      ],
      { env, cwd: dir },
    );
    expect(a.equals(readFileSync(join(dir, "b3.html")))).toBe(false);
  }, 120_000);

  it("escapes every inserted text: a scenario with markup in its description and citations comes out inert", async () => {
    const file = join(dir, "evil.yaml");
    writeFileSync(
      file,
      [
        "name: evil",
        "extends: status-quo",
        "description: \"<script>alert('x')</script> & <b>bold</b>\"",
        "events:",
        "  - type: demand",
        "    date: 2027-01-01",
        "    multiplier: 1.1",
        '    citation: "assumption: <img src=x onerror=alert(1)> \\"quoted\\""',
        '    note: "<iframe src=https://evil.example/></iframe>"',
      ].join("\n"),
    );
    const out = join(dir, "evil.html");
    const r = await captureCli(
      ["brief", "--scenario", file, "--draws", "200", "--date", DATE, "--out", out],
      { env, cwd: dir },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).not.toMatch(/<script|<img|<iframe|<b>|onerror=alert\(1\)>/i);
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;");
  }, 120_000);

  it("loads nothing: no scripts, no src/url(), only <a href> links and the SVG namespace mention http", async () => {
    const html = readFileSync(join(dir, "a.html"), "utf8");
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
    expect(html).not.toMatch(/<script|<link|<iframe|<img|<object|<embed|\bsrc=|url\(|@import/i);
    const tags = html.match(/<[^>]*https?:[^>]*>/g) ?? [];
    for (const tag of tags)
      expect(tag).toMatch(
        /^<a href="https?:\/\/[^"]+">$|^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"|^<meta http-equiv/,
      );
    expect(tags.some((t) => t.startsWith("<a href="))).toBe(true);
    // Two charts drawn inline, each with a text alternative.
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html.match(/<desc>/g)).toHaveLength(2);
  });

  it("writes the page in Chinese with --lang zh-CN", async () => {
    const out = join(dir, "zh.html");
    const r = await brief(out, "--lang", "zh-CN");
    expect(r.code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toContain('<html lang="zh-CN">');
    // The terminal answer is in Chinese too, the same sentence as the page's headline.
    expect(r.stdout).toMatch(/^status-quo: 2028年第四季度差距：-?\d+\.\d 个月/);
    expect(r.stdout).toContain("已写入");
    expect(html).toMatch(/2028年第四季度差距：-?\d+\.\d 个月（90% 区间/);
    expect(html).toContain("2026年11月30日");
    expect(html).toContain("国产");
    expect(html).not.toContain("Gap in");
  }, 120_000);

  it("refuses bad input with one clear line and exit 2, an unwritable --out with exit 1", async () => {
    const unknown = await captureCli(["brief", "--scenario", "nonexistent", "--out", "x.html"], {
      env,
      cwd: dir,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("nonexistent");
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const lang = await captureCli(["brief", "--scenario", "status-quo", "--out", "x.html", "--lang", "fr"], {
      env,
      cwd: dir,
    });
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('invalid --lang: "fr"');
    const against = await captureCli(
      ["brief", "--scenario", "status-quo", "--out", "x.html", "--against", "tighten"],
      { env, cwd: dir },
    );
    expect(against.code).toBe(2);
    expect(against.stderr).toContain('invalid --against: "tighten"');
    const noOut = await captureCli(["brief", "--scenario", "status-quo"], { env, cwd: dir });
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("--out");
    const draws = await captureCli(["brief", "--scenario", "status-quo", "--out", "x.html", "--draws", "0"], {
      env,
      cwd: dir,
    });
    expect(draws.code).toBe(2);
    expect(draws.stderr).toContain('invalid --draws: "0"');
    const bad = await captureCli(
      [
        "brief",
        "--scenario",
        "status-quo",
        "--draws",
        "100",
        "--out",
        join(dir, "no", "such", "dir", "b.html"),
      ],
      { env, cwd: dir },
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cannot write --out .*ENOENT/);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  }, 120_000);
});

describe("brief building blocks", () => {
  it("escapes the five HTML-special characters", () => {
    expect(esc(`<a href="x" onclick='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("picks round axis ticks at 1, 2 or 5 × 10^k", () => {
    // (30 − (−4)) / 5 = 6.8 → step 10: 0, 10, 20, 30.
    expect(linearTicks(-4, 30, 5)).toEqual([0, 10, 20, 30]);
    // 0.9 / 5 = 0.18 → step 0.2.
    expect(linearTicks(0.05, 0.95, 5)).toEqual([0.2, 0.4, 0.6, 0.8]);
  });
});
