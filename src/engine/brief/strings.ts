/**
 * The brief's fixed wording in English and Simplified Chinese. Placeholders {name} are filled by `t`; values are
 * already formatted (and escaped by the caller when they came from data).
 */
import type { Lang } from "../format/number.js";

const EN = {
  title: "Chokepoint brief: {scenario}",
  headline:
    "Gap in {quarter}: {p50} (90% band {p5}–{p95}), chance under 6 months {p}, against {cf} without controls.",
  headlineNoCf: "Gap in {quarter}: {p50} (90% band {p5}–{p95}), chance under 6 months {p}.",
  headlineGloss:
    "The gap is how many months earlier the US frontier model first reached China's best model's capability on the Epoch Capabilities Index; negative means China ahead. Medians of {draws} simulated draws, seed {seed}.",
  observedNow:
    "Observed gap now ({date}): {lag} — US {us} at ECI {usv} vs China {cn} at ECI {cnv} (Epoch Capabilities Index).",
  observedNone: "Observed gap now: not measurable (no US or Chinese model with an ECI score in the data).",
  bestLegal:
    "Best chip a Chinese buyer may import without a licence on {date}: {chip}, {h} H100e (TPP-based, rule engine).",
  bestLegalNone:
    "Best chip a Chinese buyer may import without a licence on {date}: none in the catalogue (US-origin data-centre chips).",
  fanTitle: "Gap in months, {scenario} (median, 50% and 90% bands) and {cf} (median)",
  fanTitleNoCf: "Gap in months, {scenario} (median, 50% and 90% bands)",
  fanAlt:
    "Fan chart of the simulated gap in months by quarter, {first} to {last}. In {quarter}: median {p50}, 90% band {p5} to {p95}.",
  channelsTitle:
    "China's compute by channel, H100e per quarter (median; log scale; H100e = dense 8-bit ÷ 1,979 TOPS; rented offshore = capacity available that quarter, not an inflow)",
  channelsAlt:
    "Line chart of China's five compute channels, median H100e per quarter, on a log scale. In {quarter}: {values}.",
  median: "median",
  band50: "50% band",
  band90: "90% band",
  cfMedian: "{cf} median",
  months: "months",
  legalH100e: "legal imports",
  stockpileH100e: "pre-rule stockpiling",
  smugglingH100e: "smuggling",
  remoteH100e: "rented offshore",
  domesticH100e: "domestic production",
  assumptions: "Assumptions",
  scenarioIs: "Scenario {scenario}: {description}",
  builtOn: "Built on: {lineage}.",
  events: "Policy events in the scenario",
  noEvents: "No policy events: no export controls on chips, equipment or HBM.",
  date: "date",
  type: "type",
  what: "what",
  citation: "citation",
  params:
    "Parameters (prior distributions; sources shortened, in full in the scenario file and docs/model.md)",
  param: "parameter",
  paramUnit: "parameter (unit)",
  unit: "unit",
  prior: "median (5–95%)",
  source: "source or assumption",
  changesFrom: "from {quarter}",
  validation: "Validation",
  usesPriors:
    "This run draws its parameters from the scenario's priors, not from a calibrated posterior. The out-of-sample scores (rolling-origin backtest) are in docs/validation.md; reproduce them with chokepoint backtest --rolling.",
  posteriorThere:
    "A calibrated posterior is in the store: {id} (data to {asOf}, effective sample size {ess}); run the scenario from it with chokepoint simulate --scenario {scenario} --posterior latest.",
  sources: "Sources and credits",
  epochCredit:
    "Epoch AI, “Epoch Capabilities Index”, “AI Models” (frontier, large-scale and notable models) and “Machine Learning Hardware”, published at epoch.ai/data under CC BY 4.0: {datasets}.",
  chipCountsCredit: "Epoch AI, “AI chip counts” (world accelerator output and NVIDIA's buyers), MIT licence.",
  rulesInForce: "US export rules for China in force on {date}:",
  generated:
    "Generated {date} by Chokepoint {version}; scenario {scenario}, seed {seed}, {draws} draws. Same inputs give the same file.",
  reproduce: "Reproduce: {command}",
  eventRule: "rule",
  eventLicence: "licence",
  eventEnforcement: "enforcement",
  "eventRemote-access": "remote access",
  eventEquipment: "equipment",
  eventHbm: "HBM",
  eventDemand: "demand",
  ruleEffective: "{rule} in force",
  ruleAnnounced: "announced {date}",
  licence: "licences for {chip}",
  licenceTo: "until {date}",
  cap: "cap {n} units per quarter",
  multiplier: "× {m}",
  statusFinal: "final",
  statusInterim: "interim final",
  quarter: "quarter",
};

export type StringKey = keyof typeof EN;

const ZH: Record<StringKey, string> = {
  title: "Chokepoint 简报：{scenario}",
  headline: "{quarter}差距：{p50}（90% 区间 {p5}–{p95}），差距小于 6 个月的概率为 {p}；若无管制则为 {cf}。",
  headlineNoCf: "{quarter}差距：{p50}（90% 区间 {p5}–{p95}），差距小于 6 个月的概率为 {p}。",
  headlineGloss:
    "差距指美国前沿模型早在多少个月前就已达到中国最佳模型当前的能力水平（以 Epoch 能力指数 ECI 衡量）；负值表示中国领先。数值为 {draws} 次模拟抽样的中位数，随机种子 {seed}。",
  observedNow:
    "当前观测差距（{date}）：{lag}——美国 {us}，ECI {usv}；中国 {cn}，ECI {cnv}（Epoch 能力指数）。",
  observedNone: "当前观测差距：无法测算（数据中没有带 ECI 分数的美国或中国模型）。",
  bestLegal: "{date}中国买家无需许可证即可进口的最强芯片：{chip}，{h} H100e（按 TPP 折算，规则引擎）。",
  bestLegalNone: "{date}中国买家无需许可证即可进口的最强芯片：目录中没有（仅计美国原产数据中心芯片）。",
  fanTitle: "差距（月），{scenario}（中位数、50% 与 90% 区间）及 {cf}（中位数）",
  fanTitleNoCf: "差距（月），{scenario}（中位数、50% 与 90% 区间）",
  fanAlt: "模拟差距按季度的扇形图，{first}至{last}。{quarter}：中位数 {p50}，90% 区间 {p5} 至 {p95}。",
  channelsTitle:
    "中国各渠道获得的算力，每季度 H100e（中位数；对数坐标；H100e = 稠密 8 位算力 ÷ 1,979 TOPS；境外租用指当季可用的租用算力，而非流入量）",
  channelsAlt: "中国五个算力渠道的折线图，每季度 H100e 中位数，对数坐标。{quarter}：{values}。",
  median: "中位数",
  band50: "50% 区间",
  band90: "90% 区间",
  cfMedian: "{cf} 中位数",
  months: "月",
  legalH100e: "合法进口",
  stockpileH100e: "规则前囤货",
  smugglingH100e: "走私",
  remoteH100e: "境外租用",
  domesticH100e: "国产",
  assumptions: "假设",
  scenarioIs: "情景 {scenario}：{description}",
  builtOn: "继承自：{lineage}。",
  events: "情景中的政策事件",
  noEvents: "无政策事件：对芯片、设备和高带宽内存均无出口管制。",
  date: "日期",
  type: "类型",
  what: "内容",
  citation: "出处",
  params: "参数（先验分布；来源为节选，全文见情景文件和 docs/model.md）",
  param: "参数",
  paramUnit: "参数（单位）",
  unit: "单位",
  prior: "中位数（5–95%）",
  source: "来源或假设",
  changesFrom: "自{quarter}起",
  validation: "验证",
  usesPriors:
    "本次运行的参数取自情景的先验分布，而非校准后的后验分布。样本外评分（滚动起点回测）见 docs/validation.md，可用 chokepoint backtest --rolling 复现。",
  posteriorThere:
    "数据库中已有校准后的后验分布：{id}（数据截至 {asOf}，有效样本量 {ess}）；可用 chokepoint simulate --scenario {scenario} --posterior latest 以其运行该情景。",
  sources: "来源与致谢",
  epochCredit:
    "Epoch AI，《Epoch 能力指数》《AI 模型》（前沿、大规模与知名模型）和《机器学习硬件》，发布于 epoch.ai/data，采用 CC BY 4.0 许可：{datasets}。",
  chipCountsCredit: "Epoch AI，《AI 芯片数量》（全球加速器产量及英伟达客户），MIT 许可。",
  rulesInForce: "{date}对中国生效的美国出口规则：",
  generated:
    "由 Chokepoint {version} 于 {date}生成；情景 {scenario}，随机种子 {seed}，{draws} 次抽样。输入相同，文件即相同。",
  reproduce: "复现：{command}",
  eventRule: "规则",
  eventLicence: "许可证",
  eventEnforcement: "执法",
  "eventRemote-access": "远程访问",
  eventEquipment: "设备",
  eventHbm: "高带宽内存",
  eventDemand: "需求",
  ruleEffective: "{rule} 生效",
  ruleAnnounced: "{date}公布",
  licence: "{chip} 的许可证",
  licenceTo: "至 {date}",
  cap: "每季度上限 {n} 颗",
  multiplier: "× {m}",
  statusFinal: "最终规则",
  statusInterim: "临时最终规则",
  quarter: "季度",
};

const TABLES: Record<Lang, Record<StringKey, string>> = { en: EN, "zh-CN": ZH };

/** The fixed string `key` in `lang` with {placeholders} replaced (unknown placeholders are left as written). */
export function t(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  return TABLES[lang][key].replace(/\{([a-zA-Z0-9]+)\}/g, (m, k: string) =>
    k in vars ? String(vars[k]) : m,
  );
}
