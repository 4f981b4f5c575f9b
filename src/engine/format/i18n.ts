/**
 * The project's one string table for Simplified Chinese, shared by the dashboard (web/src/i18n.ts) and the CLI's
 * `--lang zh-CN`: English text is the key (gettext style), `{name}` placeholders are filled from `vars`. Pure.
 */
import { ZH } from "./i18n-zh.js";
import type { Lang } from "./number.js";

export type Vars = Record<string, string | number>;

export function fillVars(s: string, vars?: Vars): string {
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** `en` in `lang`: the table's Chinese for zh-CN (the English when a string has none), the English otherwise. */
export function translate(lang: Lang, en: string, vars?: Vars): string {
  return fillVars(lang === "zh-CN" ? (ZH[en] ?? en) : en, vars);
}

/** True when the table has a Chinese text for `en` (tests check every string the CLI and dashboard use). */
export function hasChinese(en: string): boolean {
  return Object.hasOwn(ZH, en);
}
