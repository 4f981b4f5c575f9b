/**
 * Human labels of the simulator's outputs and parameters, in the page's language: one table, built from the
 * engine's own metadata (VARIABLE_INFO, PARAMS), so the Scenarios page follows the engine when it changes.
 */
import { formatQuarter, type Lang } from "../../src/engine/format/number.js";
import { VARIABLE_INFO, type Variable } from "../../src/engine/sim/model.js";
import { PARAMS, type ParamName } from "../../src/engine/sim/params.js";
import { tIn } from "./i18n.js";

export function variableLabel(v: string, lang: Lang): string {
  const info = (VARIABLE_INFO as Record<string, { label: string; unit: string } | undefined>)[v];
  return info ? tIn(lang, info.label) : v;
}

export function variableUnit(v: string, lang: Lang): string {
  const info = (VARIABLE_INFO as Record<string, { label: string; unit: string } | undefined>)[v];
  return info ? tIn(lang, info.unit) : "";
}

export function paramLabel(p: string, lang: Lang): string {
  const spec = (PARAMS as Record<string, { label: string } | undefined>)[p];
  return spec ? tIn(lang, spec.label) : p;
}

export function paramUnit(p: ParamName, lang: Lang): string {
  return tIn(lang, PARAMS[p].unit);
}

/** "gapMonths@2028Q4<6" → "Gap (China behind the US) in 2028 Q4 < 6 months"; unknown forms come back unchanged. */
export function conditionText(cond: string, lang: Lang): string {
  const m = /^(\w+)@(\d{4}Q[1-4])\s*(<=|>=|<|>)\s*(-?[\d.eE+]+)$/.exec(cond);
  if (!m) return cond;
  const [, v, q, op, x] = m;
  const unit = variableUnit(v!, lang);
  return tIn(lang, "{variable} in {quarter} {op} {value} {unit}", {
    variable: variableLabel(v!, lang),
    quarter: formatQuarter(q!, lang),
    op: op!.replace("<=", "≤").replace(">=", "≥"),
    value: x!,
    unit,
  }).trim();
}

export const ALL_VARIABLES = Object.keys(VARIABLE_INFO) as Variable[];
