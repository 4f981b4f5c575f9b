/**
 * `--lang en|zh-CN` for the commands' human output: headlines and table headers from the project's one string table
 * (src/engine/format/i18n-zh.ts, the dashboard's too). --json output keeps its English keys whatever the language.
 */
import { translate, type Vars } from "../engine/format/i18n.js";
import { type Lang, parseLang } from "../engine/format/number.js";
import { UsageError } from "./command.js";

export const LANG_HELP =
  "  --lang zh-CN        human output in Simplified Chinese (headlines, table headers; --json stays English)";

export function langFlag(value: string | undefined): Lang {
  if (value === undefined) return "en";
  const lang = parseLang(value);
  if (!lang) throw new UsageError(`invalid --lang: ${JSON.stringify(value)} (must be en or zh-CN)`, "lang");
  return lang;
}

export type Tr = (en: string, vars?: Vars) => string;

export function translator(lang: Lang): Tr {
  return (en, vars) => translate(lang, en, vars);
}
