/**
 * A classification's answer in words, one line, for the dashboard's classifier and Chips plane and for
 * `chokepoint classify` (the same sentence in both, in English or Chinese): the status and the deciding test with the
 * numbers it compared. Reads the fields evaluate() returns (and POST /classify answers). Pure.
 */
import { translate } from "./i18n.js";
import { formatValue, type Lang } from "./number.js";

/** The parts of an evaluation the sentence reads (the API's JSON and the engine's Evaluation both fit). */
export interface VerdictReason {
  ruleId: string;
  paragraph?: string;
  test: string;
  values?: unknown;
  passed?: boolean | null;
}
export interface VerdictInput {
  destination: string;
  rules?: { id: string }[];
  classification: string;
  licenseRequired: boolean | null;
  reviewPolicy?: string | null;
  reasons?: VerdictReason[];
}

/** A chip's standing for one export on one date. */
export type Status = "denial" | "case" | "free" | "unknown";

export function statusOf(r: Pick<VerdictInput, "licenseRequired" | "reviewPolicy">): Status {
  if (r.licenseRequired === null) return "unknown";
  if (!r.licenseRequired) return "free";
  return r.reviewPolicy === "case-by-case" || r.reviewPolicy === "presumption-of-approval"
    ? "case"
    : "denial";
}

export function statusLabel(s: Status, lang: Lang): string {
  const en: Record<Status, string> = {
    denial: "licence required (presumption of denial)",
    case: "licence required (case-by-case review)",
    free: "no licence required",
    unknown: "indeterminate (an input is missing)",
  };
  return translate(lang, en[s]);
}

const SCOPE = /scope|headquarters rule|destination treatment/i;

/** The reason behind a result in one line, in words and the numbers the deciding test compared. */
export function oneLineReason(r: VerdictInput, lang: Lang): string {
  const reasons = r.reasons ?? [];
  const tr = (en: string, vars?: Record<string, string | number>) => translate(lang, en, vars);
  if (r.licenseRequired === null) {
    const missing = new Set<string>();
    for (const x of reasons)
      if (x.passed === null)
        for (const [k, v] of Object.entries(x.values ?? {})) if (v === null) missing.add(k);
    const list = [...missing].join(", ") || tr("a figure the tests need");
    return tr(
      "Indeterminate: the tests need {list}, which is not known for this chip, so no answer is guessed.",
      { list },
    );
  }
  // The deciding test: one of the dated rule versions' own tests (not the scope checks, nor the general EAR
  // layers such as "export from the United States"), preferring the one that gave the classification.
  const versions = new Set((r.rules ?? []).map((x) => x.id));
  const candidates = reasons.filter(
    (x) => x.passed === true && versions.has(x.ruleId) && !SCOPE.test(`${x.paragraph ?? ""} ${x.test}`),
  );
  const deciding = candidates.find((x) => (x.paragraph ?? "").includes(r.classification)) ?? candidates[0];
  const policy = r.reviewPolicy ? tr(policyText(r.reviewPolicy)) : null;
  if (r.licenseRequired) {
    const why = deciding ? describeReason(deciding, lang) : tr("a licence requirement applies");
    return policy
      ? tr("Licence required: {why}; review policy: {policy}.", { why, policy })
      : tr("Licence required: {why}.", { why });
  }
  if (r.classification.startsWith("3A090"))
    return tr("No licence required: {cls}, but {dest} is outside every licence requirement in force.", {
      cls: r.classification,
      dest: r.destination,
    });
  const closest = reasons.find((x) => x.passed === false && /3A090\.a/.test(x.paragraph ?? ""));
  return closest
    ? tr(
        "No licence required: below the 3A090 thresholds ({test}; here {values}) and no other test applies.",
        {
          test: closest.test,
          values: formatValue(closest.values, lang),
        },
      )
    : tr("No licence required: no test in force catches this chip.");
}

function policyText(p: string): string {
  return p === "presumption-of-denial"
    ? "presumption of denial"
    : p === "case-by-case"
      ? "case-by-case"
      : p === "presumption-of-approval"
        ? "presumption of approval"
        : p;
}

export function describeReason(x: VerdictReason, lang: Lang): string {
  const vals = x.values && typeof x.values === "object" ? formatValue(x.values, lang) : "";
  return `${x.ruleId} ${x.paragraph}: ${x.test}${vals ? ` (${vals})` : ""}`;
}
