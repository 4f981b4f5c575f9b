/**
 * The dashboard's two languages. English text is the key (gettext style): `t("Chips")` answers the Chinese from
 * the shared table (src/engine/format/i18n-zh.ts, also the CLI's) when the page is in Chinese, the English otherwise; `{name}` placeholders are filled from `vars`. A unit test
 * reads every `t("…")` in web/src and checks that ZH has it, so no string ships untranslated.
 *
 * The language comes from `?lang=zh-CN` (before the hash) or `lang=zh-CN` among the hash's parameters; switching
 * reloads the page with the other value, so the whole page (and Plot's charts) is drawn in one language.
 */
import { fillVars, translate, type Vars } from "../../src/engine/format/i18n.js";
import { type Lang, parseLang } from "../../src/engine/format/number.js";

export type { Lang };

function fromLocation(): { lang: Lang; bad: string | null } {
  if (typeof window === "undefined") return { lang: "en", bad: null };
  const search = new URLSearchParams(window.location.search).get("lang");
  const hash = window.location.hash;
  const q = hash.indexOf("?");
  const inHash = q < 0 ? null : new URLSearchParams(hash.slice(q + 1)).get("lang");
  const given = search ?? inHash;
  if (given === null) return { lang: "en", bad: null };
  const lang = parseLang(given);
  return lang ? { lang, bad: null } : { lang: "en", bad: given };
}

const found = fromLocation();
/** The page's language, fixed for the page's life. */
export const LANG: Lang = found.lang;
/** A `lang` value in the URL that is not one of ours (shown as an error; English is used). */
export const BAD_LANG: string | null = found.bad;

export type { Vars };

/** Keys that are data codes (rule statuses) rather than English: their English words. */
const EN: Record<string, string> = {
  "in-force": "in force",
  "pending-compliance": "in effect, compliance pending",
  "not-enforced": "not enforced",
};

/** The text in the page's language. */
export function t(en: string, vars?: Vars): string {
  return tIn(LANG, en, vars);
}

/** The text in a given language (for exports and tests). */
export function tIn(lang: Lang, en: string, vars?: Vars): string {
  return lang === "zh-CN" ? translate(lang, en, vars) : fillVars(EN[en] ?? en, vars);
}

/** The URL of this page in the other language (the search part carries `lang`; the hash is kept). */
export function switchUrl(to: Lang): string {
  const u = new URL(window.location.href);
  if (to === "en") u.searchParams.delete("lang");
  else u.searchParams.set("lang", to);
  const q = u.hash.indexOf("?");
  if (q >= 0) {
    const p = new URLSearchParams(u.hash.slice(q + 1));
    p.delete("lang");
    const rest = p.toString();
    u.hash = u.hash.slice(0, q) + (rest ? `?${rest}` : "");
  }
  return u.toString();
}

// Chinese names of Chinese vendors and product lines, as the firms write them (华为昇腾, 寒武纪思元, 海光 DCU …).
const VENDOR_ZH: Record<string, string> = {
  Huawei: "华为",
  Cambricon: "寒武纪",
  Kunlunxin: "昆仑芯",
  "Alibaba T-Head": "阿里巴巴平头哥",
  Biren: "壁仞科技",
  Hygon: "海光",
  "Iluvatar CoreX": "天数智芯",
  MetaX: "沐曦",
  "Moore Threads": "摩尔线程",
  NVIDIA: "英伟达",
  Intel: "英特尔",
  Google: "谷歌",
  Microsoft: "微软",
  AWS: "亚马逊云科技",
};
const PRODUCT_ZH: [RegExp, string][] = [
  [/\bAscend\b/g, "昇腾"],
  [/\bSiyuan\b/g, "思元"],
  [/^MLU(\d+)/, "思元 $1 · MLU$1"],
  [/\bKunlun\b/g, "昆仑"],
  [/\bHanguang\b/g, "含光"],
  [/\bShensuan\b/g, "深算"],
  [/\bTiangai\b/g, "天垓"],
  [/\bZhikai\b/g, "智铠"],
];

/** A vendor's name in the page's language. */
export function vendorName(vendor: string, lang: Lang = LANG): string {
  return lang === "zh-CN" ? (VENDOR_ZH[vendor] ?? vendor) : vendor;
}

/** A chip's product name in the page's language: 昇腾 910B, 思元 590, 海光 DCU 深算一号 stay recognisable. */
export function chipName(name: string, lang: Lang = LANG): string {
  if (lang !== "zh-CN") return name;
  let s = name;
  for (const [re, to] of PRODUCT_ZH) s = s.replace(re, to);
  return s;
}
