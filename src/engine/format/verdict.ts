/**
 * A classification's answer in words, one line, for the dashboard's classifier and Chips plane and for
 * `chokepoint classify` (the same sentence in both, in English or Chinese): the status and what decides it — for a
 * licence, every requirement that imposes one (Part 746, the Entity List, the Affiliates rule, the 3A090/4A090
 * scope, the bandwidth letters), strictest review policy first, each with its paragraph and citation; for no licence,
 * why not. Reads the fields evaluate() returns (and POST /classify answers). Pure.
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
/** One licence requirement as evaluate() lists it (Evaluation.requirements). */
export interface VerdictRequirement {
  kind: string;
  paragraph: string;
  citation: string;
  pin?: string;
  standing?: string;
  test: string;
  policy: string | null;
  policyParagraph: string | null;
}
export interface VerdictInput {
  destination: string;
  rules?: { id: string }[];
  classification: string;
  licenseRequired: boolean | null;
  reviewPolicy?: string | null;
  /** The requirements that impose the licence, in the engine's order (strictest policy first). */
  requirements?: VerdictRequirement[];
  transaction?: { kind: string; shipFrom: string; subjectToEar: boolean | null };
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
  const policy = r.reviewPolicy
    ? tr(policyText(r.reviewPolicy))
    : tr("unknown (not published, or an input is missing)");
  const reqs = r.requirements ?? [];
  if (r.licenseRequired && reqs.length === 1)
    return tr("Licence required by {req}. Review policy: {policy}.", {
      req: describeRequirement(reqs[0]!, lang),
      policy,
    });
  if (r.licenseRequired && reqs.length > 1)
    return tr("Licence required by {n} requirements: {list}. Review policy in force: {policy}.", {
      n: reqs.length,
      list: reqs
        .map((x, i) => `(${i + 1}) ${describeRequirement(x, lang)}`)
        .join(lang === "zh-CN" ? "；" : "; "),
      policy,
    });
  const t = r.transaction;
  if (r.licenseRequired === false && t?.kind === "not-an-export")
    return t.shipFrom === "US"
      ? tr(
          "No licence required: a delivery inside the United States is not an export (15 CFR 734.13(a)), whoever the buyer is or where it is headquartered; a later export by the buyer needs its own answer.",
        )
      : tr(
          "No licence required: a shipment into the United States is not an export, reexport or transfer under the EAR (15 CFR 734.13(a)).",
        );
  if (r.licenseRequired === false && t?.subjectToEar === false)
    return tr(
      "No licence required: the foreign-made item is not subject to the EAR (not a direct product under 15 CFR 734.9(h), US content not above the de minimis level of 15 CFR 734.4).",
    );
  // Results without a requirements list (older API replies): the deciding test, one of the dated rule versions' own tests (not the scope checks, nor the general EAR
  // layers such as "export from the United States"), preferring the one that gave the classification.
  const versions = new Set((r.rules ?? []).map((x) => x.id));
  const candidates = reasons.filter(
    (x) => x.passed === true && versions.has(x.ruleId) && !SCOPE.test(`${x.paragraph ?? ""} ${x.test}`),
  );
  const deciding = candidates.find((x) => (x.paragraph ?? "").includes(r.classification)) ?? candidates[0];
  if (r.licenseRequired) {
    const why = deciding ? describeReason(deciding, lang) : tr("a licence requirement applies");
    return r.reviewPolicy
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

const REQUIREMENT_LABEL: Record<string, string> = {
  sanctions: "Part 746 sanctions",
  "entity-list": "the Entity List",
  "affiliates-rule": "the Affiliates rule",
  "item-scope": "the 3A090/4A090 licence",
  "diffusion-tier": "the AI Diffusion rule",
  "is-informed": "an is-informed letter",
};

const STANDING_MARK: Record<string, string> = {
  "not-enforced": "not enforced",
  "is-informed-only": "is-informed only",
  guidance: "guidance",
  "secondary-source": "secondary source",
};

/** The Federal Register page for a one-line answer: the confirmed pin, else the citation's first element. */
export function shortCite(x: Pick<VerdictRequirement, "citation" | "pin">): string {
  if (x.pin && !/^not confirmed/.test(x.pin)) return x.pin;
  const cut = x.citation.indexOf("; ");
  return cut > 0 ? x.citation.slice(0, cut) : x.citation;
}

/** One requirement in words: what imposes it, what caught this shipment, its paragraph and FR cite, its policy. */
export function describeRequirement(x: VerdictRequirement, lang: Lang): string {
  const tr = (en: string, vars?: Record<string, string | number>) => translate(lang, en, vars);
  const label = tr(REQUIREMENT_LABEL[x.kind] ?? x.kind);
  const standing = x.standing && x.kind !== "is-informed" ? STANDING_MARK[x.standing] : undefined;
  const mark = standing ? ` [${tr(standing)}]` : "";
  const policy = x.policy
    ? x.policyParagraph
      ? tr("review policy {policy} ({paragraph})", {
          policy: tr(policyText(x.policy)),
          paragraph: x.policyParagraph,
        })
      : tr("review policy {policy}", { policy: tr(policyText(x.policy)) })
    : tr("review policy not published");
  return tr("{label}, {paragraph} ({cite}){mark}: {test}; {policy}", {
    label,
    paragraph: x.paragraph,
    cite: shortCite(x),
    mark,
    test: x.test,
    policy,
  });
}
