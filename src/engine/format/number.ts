/**
 * One number and date formatter for every reader-facing surface: the dashboard, the CLI's tables and sentences,
 * and CSV exports. Built on Intl (Node 20 ships full ICU; browsers have it), so English and Simplified Chinese
 * differ only in the locale passed. Pure: no node:* or DOM imports.
 */

export type Lang = "en" | "zh-CN";
export const LANGS: readonly Lang[] = ["en", "zh-CN"];

/** Parses a user-given language tag (`--lang`, `?lang=`); null when it is not one we translate. */
export function parseLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase();
  if (t === "en" || t.startsWith("en-")) return "en";
  if (t === "zh" || t === "zh-cn" || t === "zh-hans" || t === "zh-hans-cn") return "zh-CN";
  return null;
}

// en-US grouping for numbers; dates in day-month-year order (en-GB) so "1 Jun 2025" is unambiguous everywhere.
const NUMBER_LOCALE: Record<Lang, string> = { en: "en-US", "zh-CN": "zh-CN" };
const DATE_LOCALE: Record<Lang, string> = { en: "en-GB", "zh-CN": "zh-CN" };

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(NUMBER_LOCALE[lang], opts);
    if (cache.size > 200) cache.clear();
    cache.set(key, f);
  }
  return f;
}

const SUPERSCRIPT: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "-": "⁻",
};

export interface NumberOptions {
  lang?: Lang;
  /** Significant digits kept for values below 10^digits (larger values are shown as whole numbers). Default 3. */
  digits?: number;
  /**
   * Chinese readers' own large-number units (万 = 10⁴, 亿 = 10⁸) for 10,000 ≤ |v| < 10¹²; English keeps grouped
   * digits. For headlines and chart labels, not for tables where digits should line up.
   */
  compact?: boolean;
}

/** At or above this magnitude numbers are written in powers of ten (training compute in FLOP, say). */
const SCIENTIFIC_FROM = 1e9;
/** Below this (and above zero) too: 0.000012 reads better as 1.2 × 10⁻⁵. */
const SCIENTIFIC_BELOW = 1e-3;

/**
 * A number for people: 15832 → "15,832"; 2.909090909090909 → "2.91"; 1.62e25 → "1.62 × 10²⁵";
 * null, undefined, NaN → "—". With `compact` in Chinese: 948806 → "94.9万", 1.62e9 → "16.2亿".
 */
export function formatNumber(v: number | null | undefined, opts: NumberOptions = {}): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "—";
  const lang = opts.lang ?? "en";
  const digits = opts.digits ?? 3;
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  const a = Math.abs(v);
  if (v === 0) return "0";
  if (opts.compact && lang === "zh-CN" && a >= 1e4 && a < 1e12)
    return nf(lang, { notation: "compact", maximumSignificantDigits: digits }).format(v);
  if (a >= SCIENTIFIC_FROM || a < SCIENTIFIC_BELOW) return scientific(v, digits, lang);
  if (a >= 10 ** digits) return nf(lang, { maximumFractionDigits: 0 }).format(v);
  return nf(lang, { maximumSignificantDigits: digits }).format(v);
}

/** 1.62e25 → "1.62 × 10²⁵" (mantissa to `digits` significant digits, trailing zeros dropped). */
export function scientific(v: number, digits = 3, lang: Lang = "en"): string {
  if (v === 0) return "0";
  let exp = Math.floor(Math.log10(Math.abs(v)));
  let mant = v / 10 ** exp;
  // Rounding may carry the mantissa to 10 (9.999 → 10.0): renormalise.
  if (Math.abs(Number(mant.toPrecision(digits))) >= 10) {
    exp += 1;
    mant = v / 10 ** exp;
  }
  const m = nf(lang, { maximumSignificantDigits: digits }).format(mant);
  const e = String(exp)
    .split("")
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join("");
  return m === "1" ? `10${e}` : `${m} × 10${e}`;
}

/** Whole numbers with grouping: 948806 → "948,806" (zh-CN: "948,806" too; use compact for 万). */
export function formatInteger(v: number | null | undefined, lang: Lang = "en"): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return nf(lang, { maximumFractionDigits: 0 }).format(v);
}

/** A fixed number of decimals: formatFixed(14.236, 1) → "14.2". */
export function formatFixed(v: number | null | undefined, decimals: number, lang: Lang = "en"): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return nf(lang, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v);
}

/** A probability in [0, 1] as a percentage: 0.372 → "37%"; below 1% (and above 0) → "<1%"; above 99% → ">99%". */
export function formatPercent(p: number | null | undefined, lang: Lang = "en"): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  if (p > 0 && p < 0.01) return lang === "zh-CN" ? "<1%" : "<1%";
  if (p < 1 && p > 0.99) return ">99%";
  return nf(lang, { style: "percent", maximumFractionDigits: 0 }).format(p);
}

/** Months with one decimal and the unit in words: 14.24 → "14.2 months" / "14.2 个月"; 1 → "1.0 month". */
export function formatMonths(v: number | null | undefined, lang: Lang = "en", decimals = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const n = formatFixed(v, decimals, lang);
  if (lang === "zh-CN") return `${n} 个月`;
  return `${n} ${Math.abs(v) === 1 ? "month" : "months"}`;
}

/** A quantity with its unit: formatQuantity(1.6e25, "FLOP") → "1.6 × 10²⁵ FLOP". */
export function formatQuantity(v: number | null | undefined, unit: string, opts: NumberOptions = {}): string {
  const n = formatNumber(v, opts);
  if (n === "—" || !unit) return n;
  return `${n} ${unit}`;
}

const dateCache = new Map<string, Intl.DateTimeFormat>();
function df(lang: Lang, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = dateCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(DATE_LOCALE[lang], { timeZone: "UTC", ...opts });
    dateCache.set(key, f);
  }
  return f;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date (YYYY-MM-DD, read as a UTC day) in words: "1 Jun 2025" / "2025年6月1日". "month" style drops
 * the day ("Jun 2025" / "2025年6月"). Text that is not an ISO date comes back unchanged; empty → "—".
 */
export function formatDate(
  iso: string | null | undefined,
  lang: Lang = "en",
  style: "day" | "month" = "day",
): string {
  if (!iso) return "—";
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(d.getTime())) return iso;
  return style === "month"
    ? df(lang, { year: "numeric", month: "short" }).format(d)
    : df(lang, { year: "numeric", month: "short", day: "numeric" }).format(d);
}

const ZH_QUARTER = ["一", "二", "三", "四"];

/** "2028Q4" → "2028 Q4" / "2028年第四季度"; anything else unchanged. */
export function formatQuarter(q: string, lang: Lang = "en"): string {
  const m = /^(\d{4})Q([1-4])$/.exec(q);
  if (!m) return q;
  return lang === "zh-CN" ? `${m[1]}年第${ZH_QUARTER[Number(m[2]) - 1]}季度` : `${m[1]} Q${m[2]}`;
}

/**
 * A number for a CSV cell: at most 6 significant digits, no grouping, exponent form for very large or small
 * values (spreadsheets read "1.62e+25"), so exports never carry 16-digit binary-rounding tails.
 */
export function csvNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "";
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  return String(Number(v.toPrecision(6)));
}

/**
 * A value of unknown shape for a table cell, never raw JSON: numbers through formatNumber, booleans as yes/no,
 * arrays joined, objects as "key = value; …" pairs (one level; deeper values summarised).
 */
export function formatValue(v: unknown, lang: Lang = "en"): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "number") return formatNumber(v, { lang });
  if (typeof v === "boolean") return lang === "zh-CN" ? (v ? "是" : "否") : v ? "yes" : "no";
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map((x) => formatValue(x, lang)).join(", ");
  if (typeof v === "object") {
    return Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .map(
        ([k, x]) =>
          `${k} = ${typeof x === "object" && x !== null && !Array.isArray(x) ? "…" : formatValue(x, lang)}`,
      )
      .join("; ");
  }
  return String(v);
}
