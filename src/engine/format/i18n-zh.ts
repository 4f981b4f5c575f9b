/**
 * Simplified Chinese for every dashboard string and the CLI's `--lang zh-CN` output, keyed by the English (see
 * i18n.ts here and web/src/i18n.ts). Terms follow the usage of
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
  "Licence required by {req}. Review policy: {policy}.": "需要许可证，依据：{req}。审查政策：{policy}。",
  "Licence required by {n} requirements: {list}. Review policy in force: {policy}.":
    "需要许可证，依据 {n} 项要求：{list}。适用的审查政策：{policy}。",
  "{label}, {paragraph} ({cite}){mark}: {test}; {policy}":
    "{label}，{paragraph}（{cite}）{mark}：{test}；{policy}",
  "review policy {policy} ({paragraph})": "审查政策 {policy}（{paragraph}）",
  "review policy {policy}": "审查政策 {policy}",
  "review policy not published": "审查政策未公布",
  "Part 746 sanctions": "第 746 部分制裁",
  "the Entity List": "实体清单",
  "the Affiliates rule": "关联方规则",
  "the 3A090/4A090 licence": "3A090/4A090 许可证要求",
  "the AI Diffusion rule": "AI 扩散规则",
  "an is-informed letter": "BIS“知情函”",
  "not enforced": "未执行",
  "is-informed only": "仅限收到知情函者",
  guidance: "指南",
  "secondary source": "二手来源",
  "No licence required: a delivery inside the United States is not an export (15 CFR 734.13(a)), whoever the buyer is or where it is headquartered; a later export by the buyer needs its own answer.":
    "无需许可证：在美国境内交付不构成出口（15 CFR 734.13(a)），无论买方是谁、总部位于何处；买方日后的出口需另行判定。",
  "No licence required: a shipment into the United States is not an export, reexport or transfer under the EAR (15 CFR 734.13(a)).":
    "无需许可证：运入美国的货物不属于 EAR 下的出口、再出口或境内转让（15 CFR 734.13(a)）。",
  "No licence required: the foreign-made item is not subject to the EAR (not a direct product under 15 CFR 734.9(h), US content not above the de minimis level of 15 CFR 734.4).":
    "无需许可证：该外国制造物项不受 EAR 管辖（不属于 15 CFR 734.9(h) 所指的直接产品，美国成分未超过 15 CFR 734.4 的最低限度）。",
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
  "Ships from (ISO2)": "发货地（ISO2）",
  "Buyer's name (screened against the Entity List)": "买方名称（对照实体清单筛查）",
  "Is-informed letter from BIS": "是否收到 BIS 知情函",
  unknown: "未知",
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

  // Scenarios page
  median: "中位数",
  months: "个月",
  share: "占比",
  "US (simulated)": "美国（模拟）",
  "China (simulated)": "中国（模拟）",
  "Backtest: the history scenario against what happened": "回测：history 情景与实际情况对照",
  "Largest training run: simulated bands (history) and observed frontier (dots)":
    "最大训练规模：模拟区间（history 情景）与实测前沿（圆点）",
  "Gap: simulated vs observed ECI gap (dots)": "差距：模拟值与实测 ECI 差距（圆点）",
  "history (simulated)": "history（模拟）",
  "median {value} {unit}": "中位数 {value} {unit}",
  "rule {id} takes effect": "规则 {id} 生效",
  "licences granted for {chip}": "{chip} 获发许可证",
  "{what} multiplied by {k}": "{what}乘以 {k}",
  "enforcement against smuggling": "打击走私的执法力度",
  "China's rented offshore capacity": "中国租用的境外算力",
  "chipmaking-equipment capacity": "芯片制造设备产能",
  "China's HBM supply": "中国的 HBM 供应",
  "China's demand": "中国的需求",
  "Chances of the scenarios' named conditions": "情景中各项命名条件成立的概率",
  Scenario: "情景",
  Condition: "条件",
  Chance: "概率",
  "Sensitivity: what moves the gap in {quarter}": "敏感性：哪些因素影响 {quarter} 的差距",
  "Compute the tornado (each parameter from its p10 to its p90, others at their medians)":
    "计算龙卷风图（每个参数从其第 10 百分位变到第 90 百分位，其余参数取中位数）",
  "What moves the gap in {quarter} most — {s}": "对 {quarter} 差距影响最大的因素——{s}",
  "blue: parameter at its p10 · orange: at its p90": "蓝色：参数取第 10 百分位 · 橙色：取第 90 百分位",
  "{s} without your changes": "{s}（未作调整）",
  "Gap in months (China behind the US in capability) — median, 50% and 90% bands":
    "差距（中国在能力上落后美国的月数）——中位数、50% 与 90% 区间",
  "Source: Chokepoint simulator v2 (seeded Monte Carlo), scenario files in data/scenarios/; Epoch AI data (CC BY 4.0).":
    "来源：Chokepoint 模拟器 v2（固定种子的蒙特卡洛），情景文件见 data/scenarios/；Epoch AI 数据（CC BY 4.0）。",
  "Largest training run (FLOP), log scale": "最大训练规模（FLOP），对数刻度",
  "China's compute by channel, {scenario}": "中国各渠道的算力，{scenario}",
  "Each channel's median ({unit}), log scale, with its 50% band":
    "各渠道的中位数（{unit}），对数刻度，附 50% 区间",
  "Share of each inflow channel in China's median new compute (rented capacity is not an inflow and is left out)":
    "各流入渠道在中国新增算力（中位数）中的占比（租用的境外算力不是流入，未计入）",
  "What do policy choices change? Live Monte Carlo": "政策选择会带来什么变化？实时蒙特卡洛模拟",
  "Running the scenario…": "正在运行情景…",
  "Could not load scenarios: {m}": "无法加载情景：{m}",
  "Scenario controls": "情景控制",
  Draws: "抽样次数",
  Seed: "随机种子",
  "Compare with (up to 2)": "对比（最多 2 个）",
  Reset: "重置",
  "Copy link": "复制链接",
  "A one-page printable brief of this scenario as defined (without the sliders' changes)":
    "本情景（按定义、不含滑块调整）的一页可打印简报",
  "Brief (printable)": "简报（可打印）",
  "Events in {s} ({n}; untick to switch off)": "{s} 中的事件（{n} 个；取消勾选即关闭）",
  "Running…": "运行中…",
  "Loading scenarios…": "正在加载情景…",
  "{n} draws per scenario, seed {seed} — a quick preview; the full {full} draws follow.":
    "每个情景 {n} 次抽样，种子 {seed}——快速预览；完整的 {full} 次抽样随后给出。",
  "{n} draws per scenario, seed {seed} (the CLI's default: chokepoint simulate gives the same numbers).":
    "每个情景 {n} 次抽样，种子 {seed}（与命令行默认值相同：chokepoint simulate 给出同样的数字）。",
  "Gap in {quarter} under {scenario}: China {p50} behind (90% band {p5} to {p95}).":
    "{scenario} 情景下 {quarter} 的差距：中国落后 {p50}（90% 区间 {p5} 至 {p95}）。",
  "Chance the gap is under 6 months: {p}.": "差距小于 6 个月的概率：{p}。",
  "Without export controls: {p50} (90% band {p5} to {p95}).":
    "若无出口管制：{p50}（90% 区间 {p5} 至 {p95}）。",
  "Your changes move the median from {before} to {after} ({delta}).":
    "你的调整使中位数从 {before} 变为 {after}（{delta}）。",
  "{variable} in {quarter} {op} {value} {unit}": "{quarter} {variable} {op} {value} {unit}",
  "more than two scenarios": "超过两个情景",
  "the first two": "前两个",

  "Rolling out-of-sample backtest (calibrated at each origin)": "滚动样本外回测（在每个起点重新校准）",
  "Running… (the server takes several seconds)": "运行中…（服务器需要数秒）",
  "Run the rolling backtest (5,000 prior draws)": "运行滚动回测（5,000 次先验抽样）",
  "At {k} origins ({first} to {last}), calibrated only on data before each, the model's 90% bands covered {c90} of the observed ECI-gap points (90% is the aim) and its CRPS was {crps} {unit} against {bcrps} for the best naive baseline, {bname} (lower is better).":
    "在 {k} 个起点（{first} 至 {last}），每次只用该起点之前的数据校准，模型的 90% 区间覆盖了 {c90} 的实测 ECI 差距点（目标为 90%），其 CRPS 为 {crps} {unit}，最佳朴素基准（{bname}）为 {bcrps}（越低越好）。",
  "Pooled scores per series: model against the best naive baseline": "各序列的汇总得分：模型与最佳朴素基准",
  Series: "序列",
  Unit: "单位",
  Points: "点数",
  "90% band coverage": "90% 区间覆盖率",
  "50% band coverage": "50% 区间覆盖率",
  "CRPS, model": "CRPS（模型）",
  "CRPS, best baseline": "CRPS（最佳基准）",
  "Best baseline": "最佳基准",
  "Effective sample sizes at the origins: {list} of {n} prior draws — few draws carry each posterior, so these scores are rough.":
    "各起点的有效样本量：{list}（共 {n} 次先验抽样）——每个后验只由少数抽样支撑，这些得分仅供粗略参考。",
  "constant (last value held)": "常数（保持最后一个值）",
  "persistence (last change held)": "持续（保持最后一次变化）",
  "linear trend": "线性趋势",
  "a published 7-month gap": "已发表的 7 个月差距",
  decades: "数量级（十倍）",

  // Simulator outputs and parameters (labels and units from the engine's VARIABLE_INFO and PARAMS)
  "Gap (China behind the US)": "差距（中国落后美国）",
  "Gap ran off the start of history": "差距超出历史数据起点",
  "share of draws": "抽样占比",
  "US frontier capability": "美国前沿能力",
  "China frontier capability": "中国前沿能力",
  "US largest training run": "美国最大训练规模",
  FLOP: "FLOP",
  "China largest training run": "中国最大训练规模",
  "World accelerator output": "全球加速器产量",
  "H100e (8-bit) per quarter": "H100 等效（8 位）/季度",
  "Bought by US owners": "美国买家购得",
  "Bought by the rest of the world (incl. chips later smuggled)": "其他国家和地区购得（含后来被走私的芯片）",
  "China: legal imports": "中国：合法进口",
  "China: stockpiling before a rule": "中国：规则生效前囤货",
  "China: smuggling": "中国：走私",
  "China: rented offshore capacity": "中国：租用境外算力",
  "H100e (8-bit) available that quarter": "当季可用的 H100 等效（8 位）",
  "China: domestic production": "中国：国产",
  "US stock": "美国存量",
  "H100e (8-bit)": "H100 等效（8 位）",
  "China stock (owned)": "中国存量（自有）",
  "Rest-of-world stock (before renting to China)": "其他国家和地区存量（出租给中国之前）",
  "China accessible compute (stock + rented)": "中国可用算力（存量 + 租用）",
  "US ÷ China accessible compute": "美国 ÷ 中国可用算力",
  "×": "倍",
  "Smuggled share of unmet demand": "未满足需求中被走私满足的比例",
  fraction: "比例",
  "Smuggling network capacity": "走私网络容量",
  "H100e/quarter in 2024Q1": "H100 等效/季度（2024 年第一季度）",
  "Offshore capacity rented by China": "中国租用的境外算力",
  "fraction of RoW stock": "占其他国家和地区存量的比例",
  "China's demand share": "中国需求占比",
  "fraction of world output": "占全球产量的比例",
  "Stockpiling before a rule bites": "规则生效前的囤货",
  "Domestic logic capacity": "国产逻辑芯片产能",
  "chip starts/quarter in 2022Q3": "芯片投片数/季度（2022 年第三季度）",
  "Domestic capacity growth": "国产产能增速",
  "×/year": "倍/年",
  "Domestic yield": "国产良率",
  "TSMC-made die bank": "台积电代工裸片储备",
  chips: "颗芯片",
  "HBM stockpile": "HBM 库存",
  "HBM stacks": "HBM 堆栈",
  "Domestic HBM output": "国产 HBM 产量",
  "stacks/quarter in 2025Q1": "堆栈/季度（2025 年第一季度）",
  "China's share in the largest run": "中国最大训练中的算力集中度",

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
  "Calibrated: draw the parameters from a posterior fitted to the observed data":
    "校准：从依据观测数据拟合的后验分布抽取参数",
  "Calibrating on the observed data…": "正在用观测数据校准……",
  "Could not load a posterior: {m}": "无法载入后验分布：{m}",
  "Parameters from posterior {id}, calibrated on data up to {asOf} (effective sample size {ess} of {n} prior draws). Out of sample the calibrated model still loses to a constant-gap forecast; see the rolling backtest below.":
    "参数取自后验分布 {id}，以截至 {asOf} 的数据校准（有效样本量 {ess}，先验抽样 {n} 次）。在样本外检验中，校准后的模型仍不如“差距保持不变”的朴素预测；详见下方的滚动回测。",
  "{n} draws per scenario, seed {seed}: the headline and gap chart as the server computed them (the same numbers); the page's own simulator is starting, then the other charts and the sliders follow.":
    "每个情景 {n} 次抽样，随机种子 {seed}：标题结论与差距图先取自服务器的计算（数字完全相同）；本页模拟器正在启动，其余图表和滑块随后可用。",
  // CLI --lang zh-CN (src/cli): classify, gap, simulate
  "{label} → {dest}, on {date}": "{label} → {dest}，日期 {date}",
  "{label} → {dest}, buyer headquartered in {hq}, on {date}":
    "{label} → {dest}，买方总部位于 {hq}，日期 {date}",
  Transaction: "交易类型",
  Classification: "物项分类",
  "Licence required": "是否需许可证",
  "Review policy": "审查政策",
  Sanctions: "制裁",
  Exceptions: "许可例外",
  "unknown (indeterminate)": "未知（无法判定）",
  "unknown (not published, or an input is missing)": "未知（未公布，或缺少输入）",
  "none for this destination": "对该目的地无制裁",
  "Memory bandwidth {mem} GB/s · I/O bandwidth {io} GB/s": "内存带宽 {mem} GB/s · I/O 带宽 {io} GB/s",
  "Rules on this date: {list}": "当日适用的规则：{list}",
  none: "无",
  "Reasons (✓ holds, ✗ does not, ? missing input):": "判定依据（✓ 成立，✗ 不成立，? 缺少输入）：",
  row: "行",
  classification: "分类",
  licence: "许可证",
  "review policy": "审查政策",
  "presumption-of-denial": "推定拒绝",
  "presumption-of-approval": "推定批准",
  "Gap on {metric}": "{metric} 指标上的差距",
  " (open-weight models only)": "（仅开放权重模型）",
  " excluding {list}": "（不含 {list}）",
  date: "日期",
  "US frontier": "美国前沿模型",
  "US value": "美国数值",
  "China frontier": "中国前沿模型",
  "CN value": "中国数值",
  "lag (months)": "滞后（月）",
  "reference model": "参照模型",
  "US/CN ratio": "美/中比值",
  "Lag {from} → {to}: mean {mean}, median {median}, min {min}, max {max}, latest {latest} months":
    "{from} → {to} 的滞后：平均 {mean}，中位数 {median}，最小 {min}，最大 {max}，最新 {latest} 个月",
  " (the whole series, not only up to --at; --to sets its end)":
    "（整个序列的统计，不只到 --at 为止；序列终点由 --to 设定）",
  "Reference model: the leader's first model at the trailer's current level (it fixes the lag).":
    "参照模型：领先方第一个达到落后方当前水平的模型（滞后由它确定）。",
  "Scenario {name} — {draws} draws, seed {seed}, {from}–{to}":
    "情景 {name}——{draws} 次抽样，随机种子 {seed}，{from}–{to}",
  "In {quarter} China's best model trails the US's by a median {p50} months (90% band {p5} to {p95}) of capability (ECI), with US accessible compute {ratio}× China's.":
    "{quarter}，中国最佳模型在能力（ECI）上落后美国，中位数为 {p50} 个月（90% 区间 {p5} 至 {p95}）；美国可用算力是中国的 {ratio} 倍。",
  "Gap in months (how long ago the US frontier first reached China's current ECI; negative: China ahead), stocks in H100e (dense 8-bit ÷ 1,979) and largest training runs (median, 90% band):":
    "差距（月：美国前沿首次达到中国当前 ECI 水平距今多久；负值表示中国领先）、存量（H100 等效，8 位稠密算力 ÷ 1,979）与最大训练规模（中位数，90% 区间）：",
  quarter: "季度",
  "gap p50": "差距 p50",
  "gap p5–p95": "差距 p5–p95",
  "CN stock H100e": "中国存量 H100e",
  "US stock H100e": "美国存量 H100e",
  "CN frontier FLOP": "中国最大训练 FLOP",
  "US frontier FLOP": "美国最大训练 FLOP",
  "World output and where it went, H100e per quarter (median; US + RoW + China legal + stockpile = world in every draw):":
    "全球产量及其去向，每季度 H100 等效（中位数；每次抽样中，美国 + 其他国家和地区 + 中国合法进口 + 中国囤货 = 全球产量）：",
  world: "全球",
  "RoW (incl. smuggled)": "其他国家和地区（含后被走私的）",
  "CN legal": "中国合法进口",
  "CN stockpile": "中国囤货",
  "China's channels, H100e per quarter (median; remote = rented capacity available that quarter, not an inflow):":
    "中国各渠道，每季度 H100 等效（中位数；“租用”为当季可用的租用算力，不是流入）：",
  legal: "合法进口",
  stockpile: "囤货",
  smuggling: "走私",
  remote: "租用",
  domestic: "国产",
  "Probabilities:": "概率：",
  condition: "条件",
  "Effect of controls: ratio to {against} with common random numbers (median, 90% band):":
    "管制的效果：与 {against} 之比，使用相同的随机数（中位数，90% 区间）：",
  "CN accessible compute": "中国可用算力",
  "gap change (months)": "差距变化（月）",
  "Parameters from posterior {id}… (calibrated on data to {asOf}, ESS {ess}).":
    "参数取自后验分布 {id}…（以截至 {asOf} 的数据校准，有效样本量 {ess}）。",
  // CLI classify: screening row
  Screening: "名单筛查",
  "— (no --buyer or --consignee given)": "—（未给出 --buyer 或 --consignee）",
  // CLI classify: the buyer's owners (--owned-by)
  Ownership: "买方股权",
  // Chips: the export context's folded controls
  "Date, destination and buyer: {date} · to {dest} · buyer HQ {hq}":
    "日期、目的地与买方：{date} · 出口至 {dest} · 买方总部 {hq}",
  // CLI report --lang zh-CN
  "Chokepoint report — {date}": "Chokepoint 报告——{date}",
  "Simulated gap in {quarter}": "{quarter} 的模拟差距",
  "gap {p50} months (90% band {p5}–{p95}), P(gap < 6 months) {p}":
    "差距 {p50} 个月（90% 区间 {p5}–{p95}），差距小于 6 个月的概率 {p}",
  "({draws} draws each, same seed; chokepoint simulate --scenario status-quo for more)":
    "（各 {draws} 次抽样，随机种子相同；更多结果见 chokepoint simulate --scenario status-quo）",
  "all models": "全部模型",
  "open-weight models": "开放权重模型",
  "ECI gap, {label}: not measurable (no US or Chinese model with an ECI score)":
    "ECI 差距（{label}）：无法测量（没有带 ECI 分数的美国或中国模型）",
  "ECI gap, {label}: {months} months": "ECI 差距（{label}）：{months} 个月",
  " (China ahead)": "（中国领先）",
  "US {us} {usValue} vs China {cn} {cnValue}": "美国 {us} {usValue}，中国 {cn} {cnValue}",
  "Measured on {date}{newest}; source: Epoch Capabilities Index (Epoch AI, CC BY 4.0), {source}":
    "测量日期 {date}{newest}；来源：Epoch 能力指数（Epoch AI，CC BY 4.0），{source}",
  " (newest release in the data)": "（数据中最新的发布日期）",
  "Observed gap (ECI)": "实测差距（ECI）",
  "Rules applying to exports to China on {date}:": "{date} 适用于对华出口的规则：",
  "Best chip a Chinese buyer may import without a licence: unknown ({error})":
    "中国买方无需许可证即可进口的最强芯片：未知（{error}）",
  "Best chip a Chinese buyer may import without a licence: {name} ({id}), {h100e} H100e":
    "中国买方无需许可证即可进口的最强芯片：{name}（{id}），{h100e} 个 H100 等效",
  "Best chip a Chinese buyer may import without a licence: none in the catalogue (US-origin datacenter chips only)":
    "中国买方无需许可证即可进口的最强芯片：目录中没有（仅计美国原产数据中心芯片）",
  "Export controls": "出口管制",
  // CLI report: left-out models
  "Left out (not generally available or score not comparable; gap --include-restricted counts them): {list}":
    "未计入（未普遍可用或分数不可比；gap --include-restricted 会计入）：{list}",
  // CLI chips --lang zh-CN
  vendor: "厂商",
  released: "发布日期",
  origin: "产地",
  grade: "可信等级",
  "mem GB/s": "内存 GB/s",
  "class {date}": "{date} 分类",
  "licence to CN": "对华是否需许可证",
  "{n} chips. TPP = dense TOPS × bit length (max over precisions); H100e = TPP / 15,832.":
    "共 {n} 款芯片。TPP = 稠密 TOPS × 位宽（取各精度最大值）；H100e = TPP / 15,832。",
  // CLI rules --lang zh-CN
  effective: "生效日期",
  "status {date}": "{date} 状态",
  criteria: "判定标准",
  citation: "出处",
  "not-yet-effective": "尚未生效",
  published: "发布日期",
  compliance: "合规日期",
  status: "状态",
  supersedes: "取代版本",
  amended: "修订",
  uncertain: "存疑",
  note: "备注",
  source: "来源",
  "licence unknown": "许可证要求未知",
  "licence, {policy}": "需许可证，{policy}",
  "policy unknown": "审查政策未知",
  "no licence": "无需许可证",
  "{n} chips change from {a} to {b} ({mode}, destination {dest}, buyer HQ {hq}):":
    "从 {a} 到 {b}，有 {n} 款芯片的状态发生变化（{mode}，目的地 {dest}，买方总部 {hq}）：",
  "each rule alone": "各规则单独适用",
  "regime on each rule's effective date": "按各规则生效当日的整体管制制度",
  name: "名称",
  "(none)": "（无）",
  "not-3A090": "非 3A090",
  indeterminate: "无法判定",
  uncontrolled: "不受管制",
  "{rule}, datacenter parts (view TPP 0–8000, PD 0–12):":
    "{rule}，数据中心芯片（视图范围 TPP 0–8000，PD 0–12）：",
  "{rule}, non-datacenter parts (view TPP 0–8000, PD 0–12):":
    "{rule}，非数据中心芯片（视图范围 TPP 0–8000，PD 0–12）：",
  "{rule}: a datacenter chip with {area} mm² stays uncontrolled at TPP {bound}":
    "{rule}：裸片面积 {area} mm² 的数据中心芯片，TPP {bound} 时不受管制",
  "{rule}: a non-datacenter chip with {area} mm² stays uncontrolled at TPP {bound}":
    "{rule}：裸片面积 {area} mm² 的非数据中心芯片，TPP {bound} 时不受管制",
  "{rule}: a datacenter chip with {area} mm² stays uncontrolled at any TPP (no TPP limit)":
    "{rule}：裸片面积 {area} mm² 的数据中心芯片，无论 TPP 多高都不受管制（没有 TPP 上限）",
  "{rule}: a non-datacenter chip with {area} mm² stays uncontrolled at any TPP (no TPP limit)":
    "{rule}：裸片面积 {area} mm² 的非数据中心芯片，无论 TPP 多高都不受管制（没有 TPP 上限）",
  "binding test: {test}": "起约束作用的测试：{test}",
  // CLI screen --lang zh-CN
  "Screening on {date}": "{date} 名单筛查",
  "HIT: {n} listed party": "命中：{n} 个受限方",
  "HIT: {n} listed parties": "命中：{n} 个受限方",
  "no hit": "未命中",
  ", {n} near miss": "，{n} 个疑似匹配",
  ", {n} near misses": "，{n} 个疑似匹配",
  "(compared as {form})": "（按 {form} 比对）",
  "HIT ": "命中",
  near: "疑似",
  "[SECONDARY SOURCE]": "[二手来源]",
  "matched on {form}; {citation}": "匹配依据 {form}；{citation}",
  ", effective {date}": "，{date} 生效",
  "possible match on {list}: not treated as a listed party — confirm the party's full name and address against the entry before shipping":
    "可能与 {list} 中的条目匹配：暂不视为受限方——发货前请对照该条目核实对方的全称和地址",
  "listed party: {requirement}; review policy {policy}; no license exception unless the entry says so (15 CFR 744.11, supp. no. 4 to part 744)":
    "受限方：{requirement}；审查政策：{policy}；除非条目另有说明，不得使用许可例外（15 CFR 744.11，第 744 部分补编第 4 号）",
  "listed on {list}: {requirement}": "列于 {list}：{requirement}",
  "see the list's source for the restriction": "限制内容见该名单的来源",
  "{title} ({n} entries, as of {date})": "{title}（{n} 条，截至 {date}）",
  "no list": "无名单",
  "checked {lists}. Not checked: any list not named here (import the Consolidated Screening List with `chokepoint data import-csl`), OFAC's 50% rule and the Entity List affiliates rule, end-use and end-user red flags. No match is not clearance.":
    "已筛查：{lists}。未筛查：此处未列出的任何名单（可用 `chokepoint data import-csl` 导入综合筛查名单）、OFAC 的 50% 规则、实体清单的关联方规则，以及最终用途和最终用户方面的风险信号。未匹配不等于放行。",
  // CLI backtest --lang zh-CN
  "Backtest of {scenario} — {draws} draws, seed {seed}, scored {from}–{to}":
    "{scenario} 情景回测——{draws} 次抽样，随机种子 {seed}，评分区间 {from}–{to}",
  "(quarters ending after a series' newest model in data/models.csv are left out)":
    "（晚于 data/models.csv 中该序列最新模型的季度不计入）",
  "observed series": "实测序列",
  "in 50% band": "落入 50% 区间",
  "in 90% band": "落入 90% 区间",
  "median |error|": "中位数 |误差|",
  "All: {n} observations, {c50} in the 50% band (ideal 50%), {c90} in the 90% band (ideal 90%).":
    "合计：{n} 个观测值，{c50} 落入 50% 区间（理想值 50%），{c90} 落入 90% 区间（理想值 90%）。",
  "Outside the 90% band:": "落在 90% 区间之外的观测值：",
  series: "序列",
  observed: "实测值",
  "No observation falls outside the 90% band.": "没有观测值落在 90% 区间之外。",
  "ECI points": "ECI 点",
  "{series}: no baseline": "{series}：没有基准",
  "{series}: the model's CRPS {model} {unit} beats the best baseline ({name}, {best} {unit}) by {pct}%":
    "{series}：模型的 CRPS 为 {model} {unit}，比最佳基准（{name}，{best} {unit}）低 {pct}%",
  "{series}: the model LOSES to {name} — CRPS {model} vs {best} {unit} ({pct}% worse)":
    "{series}：模型不敌{name}基准——CRPS {model} 对 {best} {unit}（高出 {pct}%）",
  constant: "常数",
  persistence: "持续",
  linearTrend: "线性趋势",
  published7: "已发表的 7 个月差距",
  "Rolling out-of-sample backtest of {scenario} — origins {origins}; {draws} prior draws each, seed {seed}; forecasts 1–8 quarters ahead scored against data to {last}.":
    "{scenario} 情景的滚动样本外回测——起点 {origins}；每个起点 {draws} 次先验抽样，随机种子 {seed}；向前 1–8 个季度的预测与截至 {last} 的数据对照评分。",
  "Pooled over origins and horizons (CRPS and bias in the series' unit; lower CRPS is better; ideal coverage 50% / 90%):":
    "按起点和预测步长汇总（CRPS 与偏差以该序列的单位计；CRPS 越低越好；理想覆盖率为 50% / 90%）：",
  forecast: "预测",
  "in 50%": "落入 50%",
  "in 90%": "落入 90%",
  bias: "偏差",
  "90% width": "90% 区间宽度",
  "model (posterior)": "模型（后验）",
  "PIT histogram of the model (10 bins, 0→1): {bins}": "模型的 PIT 直方图（10 个区间，0→1）：{bins}",
  "Origins:": "起点：",
  "{series} ({unit})": "{series}（单位：{unit}）",
  "forecast origin": "预测起点",
  "as of": "数据截至",
  observations: "观测数",
  "points scored": "评分点数",
  warning: "警告",
  "low ESS": "有效样本量低",
  "Consecutive quarters share information (step series), so read n as an upper bound on independent points.":
    "相邻季度包含共同的信息（阶梯序列），因此 n 应视为独立点数的上限。",
  // CLI calibrate --lang zh-CN
  "Calibrated {scenario} on {n} observations dated ≤ {asOf} by sequential Monte Carlo: {particles} particles, {stages} tempering stages (smallest stage ESS {minEss}), {distinct} distinct particles, last-stage move acceptance {acceptance}.":
    "已用序贯蒙特卡洛方法，以 {asOf} 及之前的 {n} 个观测值校准 {scenario}：{particles} 个粒子，{stages} 个回火阶段（各阶段最小有效样本量 {minEss}），{distinct} 个互不相同的粒子，最后一阶段移动接受率 {acceptance}。",
  "Calibrated {scenario} on {n} observations dated ≤ {asOf}: effective sample size {ess} of {draws} prior draws ({share}).":
    "已用 {asOf} 及之前的 {n} 个观测值校准 {scenario}：{draws} 次先验抽样的有效样本量为 {ess}（{share}）。",
  "Posterior {id} ({particles} particles, seed {seed}; {method}).":
    "后验分布 {id}（{particles} 个粒子，随机种子 {seed}；方法 {method}）。",
  "Run a scenario from it: chokepoint simulate --scenario status-quo --posterior {id}… (or latest)":
    "用它运行情景：chokepoint simulate --scenario status-quo --posterior {id}…（或 latest）",
  "Parameters the data narrowed most (median and 90% interval; width ratio = posterior ÷ prior 90% width):":
    "数据约束最强的参数（中位数与 90% 区间；宽度比 = 后验 90% 区间宽度 ÷ 先验 90% 区间宽度）：",
  parameter: "参数",
  prior: "先验",
  posterior: "后验",
  "width ratio": "宽度比",
  "importance sampling (prior as proposal), systematic resampling":
    "重要性抽样（以先验为提议分布），系统重抽样",
  "sequential Monte Carlo (adaptive likelihood tempering at ESS ≥ N/2, systematic resampling, {moves} pCN Metropolis moves per stage)":
    "序贯蒙特卡洛（在有效样本量 ≥ N/2 处自适应似然回火，系统重抽样，每阶段 {moves} 次 pCN Metropolis 移动）",
  "[segment {k}]": "[第 {k} 段]",
  "Not used: {list}": "未使用：{list}",
  // CLI sensitivity --lang zh-CN
  "Sensitivity of {output} under {scenario} on posterior {id}… (data to {asOf}) (all others at their medians: {base})":
    "{scenario} 情景下 {output} 的敏感性，基于后验分布 {id}…（数据截至 {asOf}）（其余参数均取中位数时：{base}）",
  "Sensitivity of {output} under {scenario} (all others at their medians: {base})":
    "{scenario} 情景下 {output} 的敏感性（其余参数均取中位数时：{base}）",
  "Tornado (parameter p10 → p90):": "龙卷风图（参数从 p10 变到 p90）：",
  "output at p10": "p10 时的输出",
  "output at p90": "p90 时的输出",
  swing: "变动幅度",
  "Sobol indices (N = {N}, {runs} runs, {B} bootstrap resamples, seed {seed}):":
    "Sobol 指数（N = {N}，共 {runs} 次运行，{B} 次自助重抽样，随机种子 {seed}）：",
  "first order": "一阶效应",
  "95% interval": "95% 区间",
  total: "总效应",
  // CLI data --lang zh-CN
  "{bad} of {n} curated files are invalid:": "{n} 个整理后的数据文件中有 {bad} 个无效：",
  "All {n} curated files are valid.": "全部 {n} 个整理后的数据文件均有效。",
  file: "文件",
  rows: "行数",
  ok: "正常",
  INVALID: "无效",
  "warning: {text} — see chokepoint data freshness": "警告：{text}——详见 chokepoint data freshness",
  "warning: {text}": "警告：{text}",
  "{file} is {days} days old on {date} ({basis} {asOf}; threshold {threshold} days)":
    "{file} 截至 {date} 已有 {days} 天（{basis} {asOf}；阈值 {threshold} 天）",
  "newest row": "最新一行",
  "{n} bundled data files on {date}: {k} past their threshold; oldest {file} at {days} days.":
    "{date}，共 {n} 个内置数据文件，其中 {k} 个已超过更新阈值；最旧的是 {file}，已有 {days} 天。",
  "{n} bundled data files on {date}: {k} past their threshold.":
    "{date}，共 {n} 个内置数据文件，其中 {k} 个已超过更新阈值。",
  "source date": "来源日期",
  "age (days)": "距今（天）",
  threshold: "阈值（天）",
  "(not recorded)": "（未记录）",
  never: "不过期",
  "unreadable: {error}": "无法读取：{error}",
  STALE: "已过期",
  undated: "无日期",
  "Age = days from the source's date (data/sources.csv, else the file's asOf, else its newest row) to the date.":
    "距今 = 从来源日期（取自 data/sources.csv；没有时取文件的 asOf，再没有时取其最新一行的日期）到所查日期的天数。",
  version: "版本",
  kind: "类型",
  created: "创建时间",
  models: "模型数",
  label: "标签",
  hash: "哈希",
  "{file}: Epoch {kind} export, {read} rows read, {skipped} skipped (no name or date)":
    "{file}：Epoch {kind} 导出文件，读取 {read} 行，跳过 {skipped} 行（缺少名称或日期）",
  "Nothing new: identical to stored version {v}": "没有新内容：与已存储的版本 {v} 完全相同",
  "Stored as dataset version {v} (on top of version {base})": "已存储为数据集版本 {v}（基于版本 {base}）",
  "Rows added: {added}   values revised: {revised}": "新增行数：{added}   修订数值：{revised}",
  added: "新增模型",
  bloc: "阵营",
  "… and {n} more added": "……另有 {n} 个新增",
  model: "模型",
  field: "字段",
  before: "修订前",
  after: "修订后",
  "… and {n} more revised": "……另有 {n} 处修订",
  "ECI gap on {date}: {before} → {after} months": "{date} 的 ECI 差距：{before} → {after} 个月",
  "Already stored as screening-list version {v}: {n} entries from {file} (as of {asOf}; {el} on the Entity List). `chokepoint screen` and `classify --buyer` now check it too.":
    "此前已存储为筛查名单版本 {v}：来自 {file} 的 {n} 个条目（截至 {asOf}；其中 {el} 个属于实体清单）。`chokepoint screen` 与 `classify --buyer` 现在也会对照它筛查。",
  "Stored as screening-list version {v}: {n} entries from {file} (as of {asOf}; {el} on the Entity List). `chokepoint screen` and `classify --buyer` now check it too.":
    "已存储为筛查名单版本 {v}：来自 {file} 的 {n} 个条目（截至 {asOf}；其中 {el} 个属于实体清单）。`chokepoint screen` 与 `classify --buyer` 现在也会对照它筛查。",
  // CLI serve --lang zh-CN
  "Chokepoint is running at {url} (dashboard in Chinese: {url}?lang=zh-CN)":
    "Chokepoint 已在 {url} 运行（中文仪表板：{url}?lang=zh-CN）",
  "API: {api} (OpenAPI: {openapi})  store: {store}": "API：{api}（OpenAPI：{openapi}）  数据库：{store}",
  "warning: listening on {host}, reachable from other machines; the API has no authentication":
    "警告：正在监听 {host}，其他机器也能访问；API 没有身份验证",
  "Press Ctrl-C to stop.": "按 Ctrl-C 停止。",
  // CLI gap and classify leftovers
  "Left out (--include-restricted counts them): {list}": "未计入（--include-restricted 会计入）：{list}",
  "not generally available": "未普遍可用",
  "score not comparable": "分数不可比",
  ", ": "、",
  "Restricted models are counted (--include-restricted).": "受限模型已计入（--include-restricted）。",
  "Caveat: {message}.": "注意：{message}。",
  // CLI calibrate warnings
  "sequential Monte Carlo moves accepted {pct}% in the last stage: the particles are mostly copies (raise --draws)":
    "最后一阶段序贯蒙特卡洛移动的接受率仅为 {pct}%：粒子大多是重复的副本（请增大 --draws）",
  "effective sample size {ess} of {draws} prior draws is below {min} or {share}% of the draws: the posterior rests on few prior draws (raise --draws, or the prior misses the data)":
    "{draws} 次先验抽样的有效样本量为 {ess}，低于 {min} 或抽样数的 {share}%：后验只由少数先验抽样支撑（请增大 --draws，或先验与数据不符）",
};
