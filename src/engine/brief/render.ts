/**
 * The brief as one self-contained HTML page: inline CSS with a print stylesheet (A4), inline SVG, no scripts and a
 * Content-Security-Policy that forbids loading anything, so it renders offline and prints from Chromium. Every
 * text taken from data is escaped. Same data and language → same bytes.
 */
import {
  formatDate,
  formatFixed,
  formatInteger,
  formatMonths,
  formatNumber,
  formatPercent,
  formatQuarter,
  type Lang,
} from "../format/number.js";
import { CHANNELS } from "../sim/model.js";
import type { ScenarioEvent } from "../sim/scenario.js";
import type { BriefData, BriefParam } from "./compute.js";
import { esc, safeUrl } from "./escape.js";
import { type StringKey, t } from "./strings.js";
import { fanChart, logLinesChart, PALETTE } from "./svg.js";

export interface RenderOptions {
  lang?: Lang;
  /** The command line that reproduces the page, shown in the footer. */
  command?: string;
}

const CHANNEL_STYLE: Record<(typeof CHANNELS)[number], { color: string; dash?: string }> = {
  legalH100e: { color: PALETTE.blue },
  stockpileH100e: { color: PALETTE.orange, dash: "6 2" },
  smugglingH100e: { color: PALETTE.vermillion, dash: "2 2" },
  remoteH100e: { color: PALETTE.purple, dash: "8 3 2 3" },
  domesticH100e: { color: PALETTE.green },
};

const STATUS_ZH: Record<string, string> = {
  "in-force": "生效",
  "pending-compliance": "合规过渡期",
  "not-enforced": "未执行",
  suspended: "暂停",
};

/**
 * Chinese developers' own names for the organisations Epoch lists in English (names as the firms write them; a
 * name not listed stays as Epoch spells it).
 */
const ORG_ZH: Record<string, string> = {
  Alibaba: "阿里巴巴",
  DeepSeek: "深度求索",
  "01.AI": "零一万物",
  Baichuan: "百川智能",
  Baidu: "百度",
  "Z.ai (Zhipu AI)": "智谱",
  Moonshot: "月之暗面",
  "Tsinghua University": "清华大学",
  "Peking University": "北京大学",
  Tencent: "腾讯",
  ByteDance: "字节跳动",
  Inspur: "浪潮",
  Huawei: "华为",
  MiniMax: "MiniMax（稀宇科技）",
  StepFun: "阶跃星辰",
  iFlytek: "科大讯飞",
  SenseTime: "商汤科技",
};

/** "Kimi K2.5 (Moonshot)" / "Kimi K2.5（月之暗面）". */
function modelWithOrg(m: { model: string; organization: string | null }, lang: Lang): string {
  if (!m.organization) return m.model;
  if (lang !== "zh-CN") return `${m.model} (${m.organization})`;
  const names = m.organization.split(",").map((o) => ORG_ZH[o.trim()] ?? o.trim());
  return `${m.model}（${names.join("、")}）`;
}

/** Long free text cut at a word boundary near `max` characters, for the compact tables. */
function clip(text: string, max: number): string {
  const s = text.replace(/\s+/g, " ").trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const sp = cut.lastIndexOf(" ");
  return `${cut.slice(0, sp > max * 0.6 ? sp : max)}…`;
}

/** Escaped text with every http(s) URL in it turned into a plain link. */
function linkify(text: string): string {
  const parts = text.split(/(https?:\/\/[^\s"'<>()]+[^\s"'<>().,;:])/);
  return parts
    .map((p, k) => {
      if (k % 2 === 0) return esc(p);
      const u = safeUrl(p);
      return u ? `<a href="${esc(u)}">${esc(p)}</a>` : esc(p);
    })
    .join("");
}

function eventDate(e: ScenarioEvent): string {
  return e.type === "rule" ? e.effective : e.type === "licence" ? e.from : e.date;
}

function eventWhat(e: ScenarioEvent, lang: Lang): string {
  const parts: string[] = [];
  if (e.type === "rule") {
    parts.push(t(lang, "ruleEffective", { rule: e.rule }));
    if (e.announced) parts.push(t(lang, "ruleAnnounced", { date: formatDate(e.announced, lang) }));
  } else if (e.type === "licence") {
    parts.push(t(lang, "licence", { chip: e.chip }));
    if (e.to) parts.push(t(lang, "licenceTo", { date: formatDate(e.to, lang) }));
    if (e.volumeCapUnitsPerQuarter !== undefined)
      parts.push(t(lang, "cap", { n: formatInteger(e.volumeCapUnitsPerQuarter, lang) }));
  } else parts.push(t(lang, "multiplier", { m: formatNumber(e.multiplier, { lang }) }));
  if (e.note) parts.push(clip(e.note, 60));
  return parts.join(lang === "zh-CN" ? "；" : "; ");
}

function eventType(e: ScenarioEvent, lang: Lang): string {
  const key = `event${e.type[0]!.toUpperCase()}${e.type.slice(1)}` as StringKey;
  return t(lang, key);
}

function prior(p: BriefParam, lang: Lang): string {
  return p.segments
    .map((s) => {
      const v =
        s.p5 === s.p95
          ? formatNumber(s.p50, { lang })
          : `${formatNumber(s.p50, { lang })} (${formatNumber(s.p5, { lang })}–${formatNumber(s.p95, { lang })})`;
      return s.from ? `${t(lang, "changesFrom", { quarter: formatQuarter(s.from, lang) })}: ${v}` : v;
    })
    .join("; ");
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:10pt/1.35 "Noto Sans","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:#111;background:#fff}
main{max-width:190mm;margin:0 auto;padding:8mm 6mm}
h1{font-size:14pt;margin:0 0 1mm}
h2{font-size:10.5pt;margin:3mm 0 1mm;border-bottom:1px solid #999}
h3{font-size:9pt;margin:2mm 0 1mm}
p{margin:0 0 1.5mm}
.meta{color:#444;font-size:8pt}
.headline{font-size:12pt;font-weight:600;margin:2mm 0 1mm}
.gloss{font-size:8.5pt;color:#333}
ul.now{margin:1mm 0 2mm;padding-left:5mm}
figure{margin:1mm 0 2mm;break-inside:avoid}
figcaption{font-size:8.5pt;font-weight:600;margin-bottom:.5mm}
svg{width:100%;height:auto;display:block;font-size:10px}
svg text{fill:#222}
svg .grid{stroke:#ddd;stroke-width:1}
svg .zero{stroke:#888;stroke-width:1}
svg .axis{stroke:#444;stroke-width:1}
svg .mark{stroke:#444;stroke-width:1;stroke-dasharray:1 3}
table{border-collapse:collapse;width:100%;font-size:7.5pt;margin-bottom:2mm}
th,td{border-bottom:1px solid #ddd;padding:.6mm 1.2mm;text-align:left;vertical-align:top}
th{background:#f0f0f0}
td.num{white-space:nowrap}
.small{font-size:7.5pt;color:#333}\n.unit{color:#555}\ntable.params,table.events{table-layout:fixed}
ul.sources{font-size:7.5pt;padding-left:5mm;margin:0}
a{color:#0b4f8a}
@page{size:A4;margin:10mm}
@media print{body{font-size:8.5pt}main{max-width:none;padding:0}.headline{font-size:11pt}figure svg{max-height:52mm}table{font-size:6.6pt;line-height:1.25}th,td{padding:.3mm 1mm}a{color:#111;text-decoration:none}}
`
  .trim()
  .replace(/\n/g, "");

function headlineVars(d: BriefData, lang: Lang) {
  const h = d.headline;
  return {
    quarter: formatQuarter(h.quarter, lang),
    p50: formatMonths(h.p50, lang),
    p5: formatFixed(h.p5, 1, lang),
    p95: formatMonths(h.p95, lang),
    p: formatPercent(h.pUnder6, lang),
    cf: formatMonths(h.cfP50, lang),
  };
}

/** The page's answer in one sentence (plain text): the gap, its band, the chance under 6 months, no controls. */
export function headlineText(d: BriefData, lang: Lang = "en"): string {
  return t(lang, d.counterfactual ? "headline" : "headlineNoCf", headlineVars(d, lang));
}

/** The brief page. */
export function renderBrief(d: BriefData, opts: RenderOptions = {}): string {
  const lang = opts.lang ?? "en";
  const h = d.headline;
  const q = formatQuarter(h.quarter, lang);
  const cfName = d.counterfactual?.name ?? "";
  const tx = (key: StringKey, vars: Record<string, string | number> = {}) => esc(t(lang, key, vars));
  const headVars = headlineVars(d, lang);
  const out: string[] = [];
  out.push(
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${tx("title", { scenario: d.scenario.name })}</title><style>${CSS}</style></head><body><main>`,
  );
  out.push(`<h1>${tx("title", { scenario: d.scenario.name })}</h1>`);
  out.push(
    `<p class="meta">${tx("generated", {
      date: formatDate(d.date, lang),
      version: d.version,
      scenario: d.scenario.name,
      seed: d.seed,
      draws: formatInteger(d.draws, lang),
    })}</p>`,
  );
  out.push(
    `<p class="headline" id="headline">${esc(headlineText(d, lang))}</p>`,
    `<p class="gloss">${tx("headlineGloss", { draws: formatInteger(d.draws, lang), seed: d.seed })}</p>`,
  );
  const obs = d.observed
    ? tx("observedNow", {
        date: formatDate(d.observed.date, lang),
        lag: formatMonths(d.observed.lagMonths, lang),
        us: modelWithOrg(d.observed.us, lang),
        usv: formatFixed(d.observed.us.value, 1, lang),
        cn: modelWithOrg(d.observed.cn, lang),
        cnv: formatFixed(d.observed.cn.value, 1, lang),
      })
    : tx("observedNone");
  const legal = d.bestLegal
    ? tx("bestLegal", {
        date: formatDate(d.date, lang),
        chip: d.bestLegal.name,
        h: formatNumber(d.bestLegal.h100e, { lang }),
      })
    : tx("bestLegalNone", { date: formatDate(d.date, lang) });
  out.push(`<ul class="now"><li id="observed">${obs}</li><li id="best-legal">${legal}</li></ul>`);

  const fanTitle = t(lang, d.counterfactual ? "fanTitle" : "fanTitleNoCf", {
    scenario: d.scenario.name,
    cf: cfName,
  });
  out.push(
    `<figure>`,
    `<figcaption>${esc(fanTitle)}</figcaption>`,
    fanChart({
      quarters: d.quarters,
      fan: d.gap,
      compare: d.counterfactual?.gapP50 ?? null,
      markIndex: h.index,
      labels: {
        median: t(lang, "median"),
        band50: t(lang, "band50"),
        band90: t(lang, "band90"),
        compare: t(lang, "cfMedian", { cf: cfName }),
      },
      title: fanTitle,
      desc: t(lang, "fanAlt", {
        first: formatQuarter(d.quarters[0]!, lang),
        last: formatQuarter(d.quarters.at(-1)!, lang),
        quarter: q,
        p50: headVars.p50,
        p5: headVars.p5,
        p95: headVars.p95,
      }),
      lang,
    }),
    `</figure>`,
  );
  const chTitle = t(lang, "channelsTitle");
  const sep = lang === "zh-CN" ? "，" : ", ";
  out.push(
    `<figure>`,
    `<figcaption>${esc(chTitle)}</figcaption>`,
    logLinesChart({
      quarters: d.quarters,
      series: CHANNELS.map((c) => ({ label: t(lang, c), values: d.channels[c], ...CHANNEL_STYLE[c] })),
      markIndex: h.index,
      title: chTitle,
      desc: t(lang, "channelsAlt", {
        quarter: q,
        values: CHANNELS.map(
          (c) => `${t(lang, c)} ${formatNumber(d.channels[c][h.index], { lang, compact: true })}`,
        ).join(sep),
      }),
      lang,
    }),
    `</figure>`,
  );

  out.push(`<h2>${tx("assumptions")}</h2>`);
  out.push(`<p>${tx("scenarioIs", { scenario: d.scenario.name, description: d.scenario.description })}</p>`);
  if (d.scenario.lineage.length > 1)
    out.push(`<p class="small">${tx("builtOn", { lineage: d.scenario.lineage.join(" → ") })}</p>`);
  out.push(`<h3>${tx("events")}</h3>`);
  if (d.scenario.events.length === 0) out.push(`<p class="small">${tx("noEvents")}</p>`);
  else {
    const events = [...d.scenario.events].sort((a, b) =>
      eventDate(a) < eventDate(b) ? -1 : eventDate(a) > eventDate(b) ? 1 : 0,
    );
    out.push(
      `<table class="events"><colgroup><col style="width:13%"><col style="width:9%"><col style="width:28%"><col></colgroup><thead><tr><th>${tx("date")}</th><th>${tx("type")}</th><th>${tx("what")}</th><th>${tx("citation")}</th></tr></thead><tbody>`,
    );
    for (const e of events)
      out.push(
        `<tr><td class="num">${esc(formatDate(eventDate(e), lang))}</td><td>${esc(eventType(e, lang))}</td><td>${esc(eventWhat(e, lang))}</td><td>${linkify(clip(e.citation, 95))}</td></tr>`,
      );
    out.push("</tbody></table>");
  }
  out.push(
    `<h3>${tx("params")}</h3><table class="params"><colgroup><col style="width:27%"><col style="width:21%"><col></colgroup><thead><tr><th>${tx("paramUnit")}</th><th>${tx("prior")}</th><th>${tx("source")}</th></tr></thead><tbody>`,
  );
  for (const p of d.scenario.params) {
    const src = [
      p.source,
      p.assumption
        ? p.assumption.startsWith("assumption")
          ? p.assumption
          : `assumption: ${p.assumption}`
        : null,
    ]
      .filter((x): x is string => !!x)
      .join(" ");
    out.push(
      `<tr><td>${esc(p.label)}${p.unit ? ` <span class="unit">${lang === "zh-CN" ? `（${esc(p.unit)}）` : `(${esc(p.unit)})`}</span>` : ""}</td><td>${esc(prior(p, lang))}</td><td>${linkify(clip(src, 72))}</td></tr>`,
    );
  }
  out.push("</tbody></table>");

  out.push(`<h2>${tx("validation")}</h2><p class="small" id="validation">${tx("usesPriors")}`);
  if (d.posterior)
    out.push(
      ` ${tx("posteriorThere", {
        id: `${d.posterior.id.slice(0, 12)}…`,
        asOf: formatDate(d.posterior.asOf, lang),
        ess: formatInteger(d.posterior.ess, lang),
        scenario: d.scenario.name,
      })}`,
    );
  out.push("</p>");

  out.push(`<h2>${tx("sources")}</h2><ul class="sources">`);
  out.push(
    `<li>${tx("epochCredit", { datasets: d.datasetSource })} <a href="https://epoch.ai/data">https://epoch.ai/data</a></li>`,
    `<li>${tx("chipCountsCredit")} <a href="https://github.com/epoch-research/ai-chip-counts">https://github.com/epoch-research/ai-chip-counts</a></li>`,
    `<li>${tx("rulesInForce", { date: formatDate(d.date, lang) })}<ul>`,
  );
  for (const r of d.rules) {
    const status = lang === "zh-CN" ? (STATUS_ZH[r.status] ?? r.status) : r.status;
    const cite = r.url ? `<a href="${esc(r.url)}">${esc(r.citation)}</a>` : esc(r.citation);
    out.push(`<li>${cite} — ${esc(clip(r.title, 110))} (${esc(status)})</li>`);
  }
  out.push("</ul></li>");
  if (opts.command) out.push(`<li>${tx("reproduce", { command: opts.command })}</li>`);
  out.push("</ul></main></body></html>\n");
  return out.join("");
}
