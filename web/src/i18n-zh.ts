/**
 * Simplified Chinese for every dashboard string, keyed by the English (see i18n.ts). Terms follow the usage of
 * Chinese-language reporting on US export controls: 出口管制, 许可证, 推定拒绝 (presumption of denial), 逐案审查
 * (case-by-case review), 实体清单 (Entity List), 《联邦公报》 (Federal Register), 总处理性能 (TPP), 性能密度 (PD).
 */
export const ZH: Record<string, string> = {
  // Shell
  Chips: "芯片",
  Gap: "差距",
  Scenarios: "情景",
  Timeline: "时间线",
  Data: "数据",
  "The US–China AI race under chip export controls — rules, compute, the observed gap, and what policy changes.":
    "芯片出口管制下的中美 AI 竞赛——规则、算力、实测差距，以及政策变化的影响。",
  "This link's lang={value} is not a language of this dashboard (en, zh-CN); showing English.":
    "链接中的 lang={value} 不是本仪表板支持的语言（en、zh-CN），现以英文显示。",
  "Dashboard pages": "仪表板页面",
  Pages: "页面",
  "Loading…": "加载中…",
  "Model and hardware data derived from Epoch AI (CC BY 4.0). Rule texts: US Federal Register. Every figure links its source; the same engine runs in the CLI, the API and this page.":
    "模型与硬件数据源自 Epoch AI（CC BY 4.0 许可）。规则原文：美国《联邦公报》。每个数字均链接其来源；命令行、API 与本页面使用同一引擎。",
  "Export CSV": "导出 CSV",
  yes: "是",
  no: "否",
  "Chart error: {m}": "图表出错：{m}",
  "Export {title} as PNG": "将“{title}”导出为 PNG",
  "Export {title} as SVG": "将“{title}”导出为 SVG",
  "Export {title} data as CSV": "将“{title}”的数据导出为 CSV",
  "Source: Chokepoint — US Federal Register rule texts, vendor datasheets, Epoch AI data; engine and data at the project repository.":
    "来源：Chokepoint——美国《联邦公报》规则原文、厂商数据手册、Epoch AI 数据；引擎与数据见项目代码库。",
  "Model and hardware data: Epoch AI, CC BY 4.0 (https://epoch.ai/data; creativecommons.org/licenses/by/4.0/).":
    "模型与硬件数据：Epoch AI，CC BY 4.0 许可（https://epoch.ai/data；creativecommons.org/licenses/by/4.0/）。",

  // Link validation
  "This link's {param}={value} is not valid ({why}); showing {fallback} instead.":
    "链接中的 {param}={value} 无效（{why}），现改为显示 {fallback}。",
  "not one of {list}": "不在可选值 {list} 之中",
  "not a date YYYY-MM-DD": "不是 YYYY-MM-DD 格式的日期",
  "outside {min} … {max}": "超出 {min} … {max} 的范围",
  "not an ISO 3166 two-letter country code": "不是 ISO 3166 两字母国家/地区代码",
  "not a whole number": "不是整数",
  "not a number": "不是数字",
  "not 1 or 0": "不是 1 或 0",
  "not a known id": "不是已知的编号",

  // Licence status and reasons
  "licence required (presumption of denial)": "需要许可证（推定拒绝）",
  "licence required (case-by-case review)": "需要许可证（逐案审查）",
  "no licence required": "无需许可证",
  "indeterminate (an input is missing)": "无法判定（缺少输入数据）",
  "presumption of denial": "推定拒绝",
  "case-by-case": "逐案审查",
  "presumption of approval": "推定批准",
  "a figure the tests need": "判定所需的某项指标",
  "Indeterminate: the tests need {list}, which is not known for this chip, so no answer is guessed.":
    "无法判定：相关测试需要 {list}，而该芯片的这项数据未知，因此不作推测。",
  "a licence requirement applies": "适用一项许可证要求",
  "Licence required: {why}; review policy: {policy}.": "需要许可证：{why}；审查政策：{policy}。",
  "Licence required: {why}.": "需要许可证：{why}。",
  "No licence required: {cls}, but {dest} is outside every licence requirement in force.":
    "无需许可证：属于 {cls}，但 {dest} 不在任何现行许可证要求的范围内。",
  "No licence required: below the 3A090 thresholds ({test}; here {values}) and no other test applies.":
    "无需许可证：低于 3A090 阈值（{test}；本芯片 {values}），且不触发其他任何测试。",
  "No licence required: no test in force catches this chip.":
    "无需许可证：现行规则中没有任何测试涵盖该芯片。",
  "On {date}, exporting to {dest} for a buyer headquartered in {hq}: {need} of {total} catalogue chips need a licence ({denial} presumed denied, {caseN} reviewed case by case), {free} need none and {unknown} cannot be decided from the data. Licence: {licensed}. No licence: {freeList}. Rules in force: {rules}.":
    "{date}，出口至 {dest}、买方总部位于 {hq}：目录中 {total} 款芯片里有 {need} 款需要许可证（{denial} 款推定拒绝，{caseN} 款逐案审查），{free} 款无需许可证，{unknown} 款因数据不足无法判定。需要许可证：{licensed}。无需许可证：{freeList}。现行规则：{rules}。",
  "…": "…",

  // Rule statuses
  "in-force": "生效中",
  "pending-compliance": "已生效、尚待合规",
  superseded: "已被取代",
  "not-enforced": "暂不执行",
  suspended: "已暂停",

  // Classifier
  '{field}: "{value}" is not a number.': "{field}：“{value}”不是数字。",
  "{field}: {value} must be {bound}.": "{field}：{value} 必须 {bound}。",
  "Give at least one dense performance figure (FP64 … FP4, INT8) or the TPP: without it no test can be decided.":
    "请至少填写一项稠密算力指标（FP64 … FP4、INT8）或直接填写 TPP：否则任何测试都无法判定。",
  "Classify one chip": "单款芯片分类",
  "For {date}, destination {dest}, buyer headquartered in {hq} (set above).":
    "日期 {date}，目的地 {dest}，买方总部位于 {hq}（在上方设置）。",
  Classifier: "分类器",
  Input: "输入方式",
  "catalogue chip": "目录中的芯片",
  specifications: "自填规格",
  Chip: "芯片",
  "datacenter chip": "数据中心芯片",
  "Classifying…": "分类中…",
  Classify: "分类",
  "ECCN classification: {cls}": "ECCN 分类：{cls}",
  "licence exceptions: {list}": "许可证例外：{list}",
  "rules on this date: {list}": "当日规则：{list}",
  "Every test applied, with its paragraph and citation": "所有适用的测试，附条款与出处",
  Rule: "规则",
  Paragraph: "条款",
  Test: "测试",
  Values: "数值",
  Holds: "是否成立",
  "input missing": "缺少输入",
  Citation: "出处",
  "Dense FP64 TFLOPS": "稠密 FP64 TFLOPS",
  "Dense TF32 TFLOPS": "稠密 TF32 TFLOPS",
  "Dense FP16 TFLOPS": "稠密 FP16 TFLOPS",
  "Dense FP8 TFLOPS": "稠密 FP8 TFLOPS",
  "Dense INT8 TOPS": "稠密 INT8 TOPS",
  "Dense FP4 TFLOPS": "稠密 FP4 TFLOPS",
  "TPP (if known directly)": "TPP（如已知可直接填写）",
  "Die area (mm²)": "裸片面积（mm²）",
  "Memory bandwidth (GB/s)": "显存带宽（GB/s）",
  "I/O bandwidth (GB/s)": "I/O 带宽（GB/s）",

  // Rule diff
  "What changed between two rule versions": "两个规则版本之间的变化",
  From: "从",
  To: "到",
  "Comparing…": "比较中…",
  "No catalogue chip changes status between these versions (for a China-headquartered buyer in China).":
    "在这两个版本之间，目录中没有芯片的管制状态发生变化（以总部位于中国、在中国的买方计）。",
  "The {n} chips, before and after": "这 {n} 款芯片变化前后的状态",
  "{n} catalogue chips change status from {a} to {b}.": "从 {a} 到 {b}，目录中有 {n} 款芯片的状态发生变化。",

  // Chips page
  "Total processing performance (TPP) →": "总处理性能（TPP）→",
  "↑ Performance density (TPP per mm² of die)": "↑ 性能密度（每平方毫米裸片的 TPP）",
  "Could not load chips: {m}": "无法加载芯片数据：{m}",
  "Could not load rules: {m}": "无法加载规则：{m}",
  "Which chips need a licence, and why?": "哪些芯片需要许可证？为什么？",
  "Classifying every catalogue chip…": "正在对目录中的每款芯片分类…",
  "Export context": "出口情形",
  Date: "日期",
  "…or type a date": "…或输入日期",
  Destination: "目的地",
  "Buyer headquarters": "买方总部所在地",
  "Datacenter chips (uncheck for gaming and other non-datacenter chips)":
    "数据中心芯片（取消勾选则显示游戏卡等非数据中心芯片）",
  Legend: "图例",
  "ringed: licence required by a test other than the TPP × density regions (e.g. the bandwidth trigger)":
    "带圈：由 TPP × 密度区域以外的测试（如带宽触发条件）要求许可证",
  "Licence status of every catalogue chip on {date}, to {dest}, buyer HQ {hq}":
    "{date} 目录芯片的许可证状态（目的地 {dest}，买方总部 {hq}）",
  "Shaded: the TPP × density regions of {rule} ({cite}), the classification rule in force — red 3A090.a, amber 3A090.b, green outside 3A090.":
    "底色：现行分类规则 {rule}（{cite}）划定的 TPP × 密度区域——红色为 3A090.a，琥珀色为 3A090.b，绿色为 3A090 之外。",
  "No TPP × density rule is in force on this date.": "该日期没有生效中的 TPP × 密度规则。",
  "{rule} requires a licence for {n} of these chips.": "{rule} 要求其中 {n} 款芯片申领许可证。",
  "{rule} is {status} on this date and does not apply.": "{rule} 在该日期处于“{status}”状态，不适用。",
  "Chips without a known die area cannot be placed (their density is unknown). Hover a dot for its figures and reason.":
    "裸片面积未知的芯片无法标注（其性能密度未知）。将鼠标悬停在点上可查看数据与理由。",
  "Table: every chip on the plane with its status and reason": "表格：图中每款芯片的状态与理由",
  Vendor: "厂商",
  Density: "密度",
  Status: "状态",
  Reason: "理由",

  // Data page
  "Curated data and sources": "整理后的数据与来源",
  "Chokepoint holds {rules} rule versions ({inForce} in force today, the newest effective {newest}), {chips} chips with a source for every figure ({placed} with a known die area), and the model datasets below. Unknown values are left empty, never guessed.":
    "Chokepoint 收录 {rules} 个规则版本（今日生效 {inForce} 个，最新一版 {newest} 生效）、{chips} 款芯片（每个数字都有来源，其中 {placed} 款裸片面积已知），以及下方的模型数据集。未知数值一律留空，从不推测。",
  "Loading the curated tables…": "正在加载数据表…",
  "Sources: Federal Register rule texts, vendor datasheets, Epoch AI's public datasets. Model and hardware data derived from Epoch AI are used under CC BY 4.0:":
    "来源：《联邦公报》规则原文、厂商数据手册、Epoch AI 公开数据集。源自 Epoch AI 的模型与硬件数据依 CC BY 4.0 许可使用：",
  "Rule versions": "规则版本",
  Id: "编号",
  Title: "标题",
  Published: "发布日期",
  Effective: "生效日期",
  "Chip catalogue": "芯片目录",
  Release: "发布",
  TPP: "TPP",
  "Die mm²": "裸片 mm²",
  "Mem GB/s": "显存 GB/s",
  "I/O GB/s": "I/O GB/s",
  DC: "数据中心",
  Sources: "来源",
  "Model dataset versions": "模型数据集版本",
  Version: "版本",
  Kind: "类型",
  Contents: "内容",
  Models: "模型",
  "Arena rows": "Arena 行数",
  Loaded: "载入时间",
  "Content hash": "内容哈希",
  "The Gap page measures the latest version; `chokepoint data import-epoch` adds newer Epoch downloads as new versions without touching the curated files. The models behind every frontier step are listed on the Gap page.":
    "“差距”页使用最新版本；`chokepoint data import-epoch` 可将更新的 Epoch 下载文件作为新版本导入，不改动整理好的文件。每一级前沿所对应的模型列在“差距”页。",
  "dataset version {v}": "数据集版本 {v}",
  "Model filters": "模型筛选",
  Bloc: "阵营",
  all: "全部",
  "Name or organization": "名称或机构",
  "e.g. DeepSeek": "例如 DeepSeek",
  "loading…": "加载中…",
  "{first}–{last} of {total}": "第 {first}–{last} 条，共 {total} 条",
  Previous: "上一页",
  Next: "下一页",
  "Page {page} of {pages}; Export CSV saves the rows shown.":
    "第 {page} 页，共 {pages} 页；“导出 CSV”保存当前显示的行。",
  Model: "模型",
  Organization: "机构",
  Released: "发布日期",
  Access: "开放方式",
  "Compute FLOP": "训练算力 FLOP",
  "Compute method": "算力估算方法",
  Confidence: "可信度",
  ECI: "ECI",
  "Arena Elo": "Arena Elo 评分",
  Source: "来源",
  "from {d}": "自 {d} 起",
  "until {d}": "至 {d} 止",
  "Country groups": "国家组",
  "{file}, as of {date}": "{file}，截至 {date}",
  Group: "组别",
  "Valid from": "生效日期",
  Members: "成员",
  "all of {g}": "{g} 全部成员",
  Codes: "代码数",
  "{code} is treated as {as} from {from}: {note}": "自 {from} 起 {code} 按 {as} 处理：{note}",
  "{status} from {date}": "{date} 起{status}",

  "How current the data is": "数据的时效",
  "All {n} bundled data files are within their stated refresh interval.":
    "全部 {n} 个内置数据文件都在其规定的更新周期之内。",
  "{k} of {n} bundled data files are older than their stated refresh interval: {list}.":
    "{n} 个内置数据文件中有 {k} 个已超过规定的更新周期：{list}。",
  "Data files by age": "按时效列出的数据文件",
  File: "文件",
  "Newest dated row": "最新一行的日期",
  "Source as of": "来源截至",
  "Age (days)": "距今（天）",
  "Refresh after (days)": "更新周期（天）",
  Stale: "已过期",

  // Gap page
  "Epoch Capabilities Index (ECI)": "Epoch 能力指数（ECI）",
  "GPQA Diamond accuracy": "GPQA Diamond 准确率",
  "Training compute (FLOP)": "训练算力（FLOP）",
  US: "美国",
  China: "中国",
  Chinese: "中国",
  "China behind (months)": "中国落后（月）",
  "On {to}, China's best model by {metric} ({cn}) matches what the US had reached by {reached} ({us}): China is {lag} behind. Over {from} to {to} the lag averaged {mean} (median {median}, range {min} to {max}).":
    "截至 {to}，按{metric}计中国最好的模型（{cn}）相当于美国在 {reached} 已达到的水平（{us}）：中国落后 {lag}。在 {from} 至 {to} 期间，平均落后 {mean}（中位数 {median}，范围 {min} 至 {max}）。",
  "Frontier by bloc": "两大阵营的前沿",
  "open weights": "开放权重",
  "How far behind is China? The observed gap": "中国落后多少？实测差距",
  "The newest model in this dataset was released on {date}, {days} days ago; the gap after that date is not measured. Import a newer Epoch download with `chokepoint data import-epoch`.":
    "本数据集中最新的模型发布于 {date}，距今 {days} 天；此后的差距未被测量。可用 `chokepoint data import-epoch` 导入更新的 Epoch 数据。",
  "Gap options": "差距选项",
  Metric: "指标",
  "Open-weight models only": "仅开放权重模型",
  "Dataset version {v} · {n} observations with this metric · {from} to {to}":
    "数据集版本 {v} · 该指标共 {n} 条观测 · {from} 至 {to}",
  "Measuring…": "测量中…",
  "Could not measure the gap: {m}": "无法测量差距：{m}",
  "No {bloc} model in this dataset has a {metric} value{open}, so there is no gap to measure here.":
    "本数据集中没有{bloc}模型具有{metric}数值{open}，因此无法测量差距。",
  " and open weights (Arena ratings do not record openness)": "且为开放权重（Arena 评分不记录是否开放）",
  "Source: Epoch AI models data (CC BY 4.0), frontier = running maximum of released models; Chokepoint gap engine.":
    "来源：Epoch AI 模型数据（CC BY 4.0），前沿 = 已发布模型的累计最大值；Chokepoint 差距引擎。",
  "Running maximum of released models' values. Dots mark the model that set each step (hover for details).":
    "已发布模型数值的累计最大值。圆点标出创下每一级的模型（悬停查看详情）。",
  "Lag over time (months; negative = China ahead)": "滞后随时间变化（月；负值表示中国领先）",
  "Lag on day t = t − first day the US frontier reached China's frontier value on t (30.44-day months), weekly.":
    "第 t 天的滞后 = t − 美国前沿首次达到中国在 t 日前沿水平的日期（每月按 30.44 天计），按周取值。",
  "Models that set each step": "创下每一级前沿的模型",
  "Model data: Epoch AI, CC BY 4.0 (epoch.ai/data). Joint US–China models count for neither bloc.":
    "模型数据：Epoch AI，CC BY 4.0（epoch.ai/data）。中美联合开发的模型不计入任何一方。",

  // Timeline
  "Loading events…": "正在加载事件…",
  "Could not load events: {m}": "无法加载事件：{m}",
  "{n} dated events from {first} to {last}: {us} US measures and {cn} Chinese ones. The latest: {latestDate}, {latestTitle}.":
    "自 {first} 至 {last} 共 {n} 个有日期的事件：美方措施 {us} 项，中方措施 {cn} 项。最新一项：{latestDate}，{latestTitle}。",
  "Timeline of export controls and market events": "出口管制与市场事件时间线",
  "Event type": "事件类型",
  "Events by type": "按类型划分的事件",
  "Source: data/events.csv — each event cites its primary source (Federal Register, SEC filings, MOFCOM, court records).":
    "来源：data/events.csv——每个事件均引用其原始出处（《联邦公报》、美国证交会文件、商务部公告、法院记录）。",
  "Events, newest first": "事件（最新在前）",
  Type: "类型",
  Event: "事件",
  Detail: "详情",
  "US rule (Federal Register)": "美国规则（《联邦公报》）",
  "US letter to a firm (is-informed)": "美国致企业的知情函（is-informed）",
  "US Entity List addition": "美国实体清单新增",
  "US licence decision": "美国许可证决定",
  "Court or legal finding": "法院或法律认定",
  "Market event": "市场事件",
  "Stockpiling report": "囤货报道",
  "Chinese government measure": "中国政府措施",
};
