// `--lang zh-CN` on the CLI's human output: the answer and labels come from the dashboard's string table
// (src/engine/format/i18n-zh.ts), --json stays English, a bad --lang is a usage error naming the flag, and every
// string the CLI passes to the translator has its Chinese.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasChinese } from "../../src/engine/format/i18n.js";
import { serveHooks } from "../../src/cli/commands/serve.js";
import { commands } from "../../src/cli/commands/index.js";
import { runCli } from "../../src/cli/main.js";
import { captureCli } from "../support/cli.js";

const run = (...argv: string[]) => captureCli(argv);

describe("chokepoint classify --lang zh-CN", () => {
  it("answers in Chinese first: the H100 needs a licence for China on 2025-06-01, presumption of denial", async () => {
    const r = await run("classify", "--chip", "nvidia-h100-sxm", "--date", "2025-06-01", "--lang", "zh-CN");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("NVIDIA H100 SXM5 80GB (nvidia-h100-sxm) → CN，日期 2025-06-01");
    // TPP = 1,979 dense FP8 TFLOPS (NVIDIA H100 SXM datasheet) × 8 bits = 15,832 ≥ 4,800 (3A090.a.1, 88 FR 73458);
    // China is in the 3A090 licence scope (15 CFR 742.6(a)(6)(iii)), reviewed under a presumption of denial
    // (15 CFR 742.6(b)(10)); its 3,350 GB/s of HBM also meets the 2025-04 letters' 1,400 GB/s (15 CFR 744.23(b)),
    // which publish no review policy: two requirements, the denial first.
    expect(lines[1]).toMatch(
      /^需要许可证，依据 2 项要求：\(1\) 3A090\/4A090 许可证要求，15 CFR 742\.6\(a\)\(6\)\(iii\)（88 FR 73458）：3A090\.a item; destination CN in D:1；审查政策 推定拒绝（15 CFR 742\.6\(b\)\(10\)）；\(2\) BIS“知情函”，15 CFR 744\.23\(b\) .*\(met: DRAM bandwidth ≥ 1400 GB\/s, sum ≥ 1700 GB\/s; applied as if the exporter was informed\).*审查政策未公布。适用的审查政策：推定拒绝。$/,
    );
    expect(r.stdout).toMatch(/^ {2}是否需许可证 +是$/m);
    expect(r.stdout).toMatch(/^ {2}物项分类 +3A090\.a$/m);
    // The English answer line says the same in English.
    const en = await run("classify", "--chip", "nvidia-h100-sxm", "--date", "2025-06-01");
    expect(en.stdout.split("\n")[1]).toMatch(
      /^Licence required by 2 requirements: \(1\) the 3A090\/4A090 licence, 15 CFR 742\.6\(a\)\(6\)\(iii\) \(88 FR 73458\): 3A090\.a item; destination CN in D:1; review policy presumption of denial \(15 CFR 742\.6\(b\)\(10\)\); \(2\) an is-informed letter, 15 CFR 744\.23\(b\) .*review policy not published\. Review policy in force: presumption of denial\.$/,
    );
  });

  it("the H20 before the 2025 bandwidth rule: no licence, below 3A090 (TPP 296 × 8 = 2,368 < 4,800)", async () => {
    const r = await run("classify", "--chip", "nvidia-h20", "--date", "2024-06-01", "--lang", "zh-CN");
    expect(r.stdout.split("\n")[1]).toBe(
      "无需许可证：低于 3A090 阈值（TPP ≥ 4800；本芯片 tpp = 2,368），且不触发其他任何测试。",
    );
  });

  it("--json keeps the English keys and values; a bad --lang exits 2 naming the flag", async () => {
    const zh = await run(
      "classify",
      "--chip",
      "nvidia-h20",
      "--date",
      "2024-06-01",
      "--lang",
      "zh-CN",
      "--json",
    );
    const en = await run("classify", "--chip", "nvidia-h20", "--date", "2024-06-01", "--json");
    expect(zh.stdout).toBe(en.stdout);
    const bad = await run("classify", "--chip", "nvidia-h20", "--lang", "fr");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid --lang: "fr" (must be en or zh-CN)');
  });
});

describe("gap and simulate --lang zh-CN", () => {
  it("gap: the headline, table headers and summary in Chinese, the same lag figures", async () => {
    const zh = await run("gap", "--lang", "zh-CN", "--to", "2025-06-30");
    const en = await run("gap", "--to", "2025-06-30");
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^eci 指标上的差距 — /);
    expect(zh.stdout).toContain("滞后（月）");
    const figures = (s: string) => [...s.matchAll(/-?\d+\.\d/g)].map((m) => m[0]);
    const zhSummary = zh.stdout.split("\n").find((l) => l.includes("的滞后：平均"))!;
    const enSummary = en.stdout.split("\n").find((l) => l.startsWith("Lag "))!;
    expect(figures(zhSummary)).toEqual(figures(enSummary));
  });

  it("gap: the left-out line names why in Chinese (Llama 2-34B was announced but never released)", async () => {
    const zh = await run("gap", "--lang", "zh-CN", "--to", "2025-06-30");
    const line = zh.stdout.split("\n").find((l) => l.startsWith("未计入（--include-restricted 会计入）："));
    expect(line).toContain("Llama 2-34B (US, 2023-07-18, 105: 未普遍可用)");
    const inc = await run("gap", "--lang", "zh-CN", "--to", "2025-06-30", "--include-restricted");
    expect(inc.stdout).toContain("\n受限模型已计入（--include-restricted）。\n");
  });

  it("simulate: the headline and channel table in Chinese; --json unchanged", async () => {
    const args = ["simulate", "--scenario", "status-quo", "--draws", "200", "--no-counterfactual"];
    const zh = await run(...args, "--lang", "zh-CN");
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^情景 status-quo——200 次抽样，随机种子 20221007，2022Q3–2030Q4/);
    expect(zh.stdout).toMatch(/2030Q4，中国最佳模型在能力（ECI）上落后美国，中位数为 -?\d+(\.\d)? 个月/);
    expect(zh.stdout).toMatch(/季度 +合法进口 +囤货 +走私 +租用 +国产/);
    const j1 = await run(...args, "--json", "--lang", "zh-CN");
    const j2 = await run(...args, "--json");
    expect(j1.stdout).toBe(j2.stdout);
  });
});

describe("chips --lang zh-CN", () => {
  it("the catalogue table's headers and summary in Chinese; --json unchanged", async () => {
    const zh = await run("chips", "--date", "2025-06-01", "--lang", "zh-CN");
    expect(zh.code).toBe(0);
    expect(zh.stdout.split("\n")[0]).toMatch(/^id +厂商 +发布日期 .*2025-06-01 分类 +对华是否需许可证$/);
    expect(zh.stdout).toMatch(/共 \d+ 款芯片。/);
    const j1 = await run("chips", "--date", "2025-06-01", "--lang", "zh-CN", "--json");
    const j2 = await run("chips", "--date", "2025-06-01", "--json");
    expect(j1.stdout).toBe(j2.stdout);
  });
});

describe("report --lang zh-CN", () => {
  it("headings and lines in Chinese; --json keeps the English section keys and the same figures", async () => {
    const zh = await run("report", "--date", "2025-06-01", "--lang", "zh-CN");
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^Chokepoint 报告——2025-06-01/);
    expect(zh.stdout).toContain("\n出口管制\n");
    expect(zh.stdout).toContain("2025-06-01 适用于对华出口的规则：");
    expect(zh.stdout).toContain("实测差距（ECI）");
    expect(zh.stdout).toContain("2028Q4 的模拟差距");
    const j1 = JSON.parse((await run("report", "--date", "2025-06-01", "--lang", "zh-CN", "--json")).stdout);
    const j2 = JSON.parse((await run("report", "--date", "2025-06-01", "--json")).stdout);
    expect(Object.keys(j1.sections)).toEqual([
      "Export controls",
      "Observed gap (ECI)",
      "Simulated gap in 2028Q4",
    ]);
    expect(j1).toEqual(j2);
  });
});

describe("rules --lang zh-CN", () => {
  it("max-tpp answers in Chinese: an 814 mm² datacenter die stays outside 3A090 below TPP 2,400 (2023 rule)", async () => {
    // 88 FR 73458, 3A090.b.1: 2400 ≤ TPP < 4800 and 1.6 ≤ PD < 5.92. At TPP 2,400, PD = 2400 / 814 = 2.95 ≥ 1.6, so
    // 2,400 is caught; below it 3A090.b.2 needs PD ≥ 3.2 (TPP ≥ 2,605) and 3A090.a TPP ≥ 4,800 or PD ≥ 5.92.
    const zh = await run("rules", "max-tpp", "2023-10-17", "--die-area", "814", "--lang", "zh-CN");
    expect(zh.code).toBe(0);
    expect(zh.stdout.split("\n")[0]).toBe(
      "2023-10-17：裸片面积 814 mm² 的数据中心芯片，TPP < 2,400 时不受管制",
    );
    expect(zh.stdout).toContain("起约束作用的测试：Supp. No. 1 to part 774, ECCN 3A090.b.1");
    const j1 = await run("rules", "max-tpp", "2023-10-17", "--die-area", "814", "--lang", "zh-CN", "--json");
    const j2 = await run("rules", "max-tpp", "2023-10-17", "--die-area", "814", "--json");
    expect(j1.stdout).toBe(j2.stdout);
    const bad = await run("rules", "list", "--lang", "de");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid --lang: "de" (must be en or zh-CN)');
  });

  it("list: on 2025-06-01 the 2023 rule is in force (effective 2023-11-17) and the 2022 one superseded by it", async () => {
    const zh = await run("rules", "list", "--date", "2025-06-01", "--lang", "zh-CN");
    expect(zh.stdout.split("\n")[0]).toMatch(/^id +生效日期 +2025-06-01 状态 +判定标准 +出处$/);
    expect(zh.stdout).toMatch(/^2022-10-07 +2022-10-07 +已被取代 +perf_io /m);
    expect(zh.stdout).toMatch(/^2023-10-17 +2023-11-17 +生效中 +tpp_pd /m);
  });
});

describe("screen --lang zh-CN", () => {
  it("Huawei hits the Entity List from 2019-05-16 (84 FR 22961), not the day before; --json unchanged", async () => {
    const name = "Huawei Technologies Co., Ltd.";
    const zh = await run("screen", name, "--date", "2025-06-01", "--lang", "zh-CN");
    expect(zh.code).toBe(0);
    const lines = zh.stdout.split("\n");
    expect(lines[0]).toBe("2025-06-01 名单筛查");
    expect(lines[2]).toMatch(/^"Huawei Technologies Co\., Ltd\." → 命中：1 个受限方 {3}（按 \S+ 比对）$/);
    expect(zh.stdout).toContain("，2019-05-16 生效");
    expect(zh.stdout).toContain("审查政策：推定拒绝；");
    expect(zh.stdout).toContain("未匹配不等于放行。");
    const before = await run("screen", name, "--date", "2019-05-15", "--lang", "zh-CN");
    expect(before.stdout.split("\n")[2]).toMatch(/ → 未命中 {3}（按 /);
    const j1 = await run("screen", name, "--date", "2025-06-01", "--lang", "zh-CN", "--json");
    const j2 = await run("screen", name, "--date", "2025-06-01", "--json");
    expect(j1.stdout).toBe(j2.stdout);
  });
});

describe("backtest, sensitivity and calibrate --lang zh-CN", () => {
  it("backtest: Chinese headline and headers; the total line counts the rows' observations", async () => {
    const zh = await run("backtest", "--draws", "300", "--lang", "zh-CN");
    expect(zh.code).toBe(0);
    const lines = zh.stdout.split("\n");
    // history.yaml's seed is 20221007; the default window is 2023Q1–2026Q4.
    expect(lines[0]).toBe("history 情景回测——300 次抽样，随机种子 20221007，评分区间 2023Q1–2026Q4");
    expect(lines[3]).toMatch(/^实测序列 +n +落入 50% 区间 +落入 90% 区间 +中位数 \|误差\|$/);
    const rows = lines.slice(5, lines.indexOf("", 5));
    const n = rows.reduce((a, r) => a + Number(r.split(/ +/)[1]), 0);
    expect(rows.length).toBe(3);
    expect(zh.stdout).toContain(`合计：${n} 个观测值，`);
    const j1 = await run("backtest", "--draws", "300", "--lang", "zh-CN", "--json");
    const j2 = await run("backtest", "--draws", "300", "--json");
    expect(j1.stdout).toBe(j2.stdout);
    expect(JSON.parse(j2.stdout).overall.n).toBe(n);
  });

  it("backtest --rolling: each series' verdict in Chinese, its percentage worked out from the --json CRPS", async () => {
    const args = ["backtest", "--rolling", "--draws", "200"];
    const zh = await run(...args, "--lang", "zh-CN");
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^history 情景的滚动样本外回测——起点 2024Q2, /);
    const j = JSON.parse((await run(...args, "--json")).stdout) as {
      series: Record<
        string,
        { pooled: { model: { crps: number }; baselines: Record<string, { crps: number }> } }
      >;
    };
    const gap = j.series.eciGap!.pooled;
    const best = Math.min(...Object.values(gap.baselines).map((b) => b.crps));
    const line = zh.stdout.split("\n").find((l) => l.startsWith("eciGap："))!;
    const pct =
      gap.model.crps <= best ? (1 - gap.model.crps / best) * 100 : (gap.model.crps / best - 1) * 100;
    expect(line).toContain(
      gap.model.crps <= best ? `低 ${Math.round(pct)}%` : `（高出 ${Math.round(pct)}%）`,
    );
    expect(zh.stdout).toContain("\neciGap（单位：个月）\n");
    expect(zh.stdout).toMatch(/^预测起点 +数据截至 +观测数 +ESS +评分点数 +警告$/m);
  });

  it("sensitivity: the Sobol line counts N·(k + 2) model runs for k parameters", async () => {
    const args = ["sensitivity", "--scenario", "status-quo", "--n", "32", "--bootstrap", "5"];
    const zh = await run(...args, "--lang", "zh-CN");
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(
      /^status-quo 情景下 gapMonths@2028Q4 的敏感性（其余参数均取中位数时：-?[\d.]+）$/m,
    );
    expect(zh.stdout).toMatch(/^参数 +p10 +p90 +p10 时的输出 +p90 时的输出 +变动幅度$/m);
    const j = JSON.parse((await run(...args, "--json")).stdout) as { sobol: { indices: unknown[] } };
    const k = j.sobol.indices.length;
    expect(zh.stdout).toContain(`Sobol 指数（N = 32，共 ${32 * (k + 2)} 次运行，5 次自助重抽样，随机种子 `);
  });

  it("calibrate: the ESS line in Chinese with the share ESS ÷ draws; --json unchanged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chokepoint-lang-"));
    const args = ["calibrate", "--as-of", "2025-06-30", "--draws", "300", "--db", join(dir, "s.db")];
    const zh = await run(...args, "--lang", "zh-CN");
    expect(zh.code).toBe(0);
    const j = JSON.parse((await run(...args, "--json")).stdout) as { ess: number; observations: unknown[] };
    const share = ((j.ess / 300) * 100).toFixed(1).replace(/\.0$/, "");
    expect(zh.stdout.split("\n")[0]).toBe(
      `已用 2025-06-30 及之前的 ${j.observations.length} 个观测值校准 history：300 次先验抽样的有效样本量为 ${Math.round(j.ess)}（${share}%）。`,
    );
    expect(zh.stdout).toContain("方法 重要性抽样（以先验为提议分布），系统重抽样）。");
    expect(zh.stdout).toMatch(/^参数 +先验 +后验 +宽度比$/m);
    // 300 draws weighted by the data keep far fewer than 200 effective draws: the warning says so (threshold from
    // the command's usage: below 200 or 1% of the draws).
    expect(j.ess).toBeLessThan(200);
    expect(zh.stderr).toContain(
      `警告：300 次先验抽样的有效样本量为 ${j.ess.toFixed(1)}，低于 200 或抽样数的 1%：`,
    );
    const j2 = await run(...args, "--json", "--lang", "zh-CN");
    expect(JSON.parse(j2.stdout)).toEqual(j);
  });
});

describe("data --lang zh-CN", () => {
  it("validate: the answer first, then the table; the Entity List's row count is its CSV's lines less the header", async () => {
    const zh = await run("data", "validate", "--lang", "zh-CN");
    expect(zh.code).toBe(0);
    const lines = zh.stdout.split("\n");
    const files = lines.slice(3).filter((l) => l.startsWith("data/"));
    expect(lines[0]).toBe(`全部 ${files.length} 个整理后的数据文件均有效。`);
    expect(lines[1]).toMatch(/^文件 +状态 +行数$/);
    const csvLines = readFileSync(join(import.meta.dirname, "../../data/entity-list.csv"), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "").length;
    expect(zh.stdout).toMatch(new RegExp(`^data/entity-list\\.csv +正常 +${csvLines - 1}$`, "m"));
    const j1 = await run("data", "validate", "--lang", "zh-CN", "--json");
    const j2 = await run("data", "validate", "--json");
    expect(j1.stdout).toBe(j2.stdout);
  });

  it("freshness: models.csv (source 2026-04-10) is 234 days old on 2026-11-30, past its 180-day threshold", async () => {
    const days = (Date.UTC(2026, 10, 30) - Date.UTC(2026, 3, 10)) / 86_400_000;
    expect(days).toBe(234);
    const zh = await run("data", "freshness", "--date", "2026-11-30", "--lang", "zh-CN");
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^2026-11-30，共 \d+ 个内置数据文件，其中 \d+ 个已超过更新阈值；最旧的是 /);
    expect(zh.stdout).toMatch(new RegExp(`^data/models\\.csv +\\S+ +2026-04-10 +${days} +180 +已过期$`, "m"));
    expect(zh.stdout).toContain(
      `警告：data/models.csv 截至 2026-11-30 已有 ${days} 天（来源 2026-04-10；阈值 180 天）`,
    );
    const bad = await run("data", "freshness", "--lang", "fr-FR");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid --lang: "fr-FR" (must be en or zh-CN)');
  });
});

describe("serve --lang zh-CN and the top-level help", () => {
  it("serve prints its address and the dashboard's Chinese address in Chinese", async () => {
    let stop = () => {};
    const original = serveHooks.waitForStop;
    serveHooks.waitForStop = () => new Promise<void>((done) => (stop = done));
    let out = "";
    const io = {
      stdout: (t: string) => (out += t),
      stderr: (t: string) => (out += t),
      env: {},
      cwd: process.cwd(),
      isTTY: false,
    };
    try {
      const exit = runCli(["serve", "--port", "0", "--db", ":memory:", "--lang", "zh-CN"], io);
      await expect.poll(() => out, { timeout: 20_000 }).toContain("按 Ctrl-C 停止。");
      const url = /^Chokepoint 已在 (http:\/\/127\.0\.0\.1:\d+\/) 运行/.exec(out)?.[1];
      expect(url).toBeDefined();
      expect(out.split("\n")[0]).toBe(`Chokepoint 已在 ${url} 运行（中文仪表板：${url}?lang=zh-CN）`);
      expect(out).toContain(`  API：${url}api/v1（OpenAPI：${url}api/v1/openapi.json）  数据库：`);
      stop();
      expect(await exit).toBe(0);
    } finally {
      serveHooks.waitForStop = original;
    }
  });

  it("chokepoint --help says every command takes --lang zh-CN, and every command's usage names it", async () => {
    const r = await run("--help");
    expect(r.stdout).toContain("--lang zh-CN on every command");
    for (const c of commands) expect(`${c.name}: ${c.usage}`).toMatch(/--lang/);
  });
});

describe("the CLI's strings", () => {
  it('every tr("…") literal under src/cli has its Chinese in the shared table', () => {
    const dir = join(import.meta.dirname, "../../src/cli");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const keys = new Set<string>();
    for (const f of files)
      for (const m of readFileSync(join(dir, f), "utf8").matchAll(/\btr\(\s*"((?:[^"\\]|\\.)*)"/g))
        keys.add(JSON.parse(`"${m[1]}"`) as string);
    expect(keys.size).toBeGreaterThan(40);
    expect([...keys].filter((k) => !hasChinese(k))).toEqual([]);
  });
});
