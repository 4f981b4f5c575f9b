import { loadChips } from "../../data/chips.js";
import { loadRuleset } from "../../data/rules.js";
import { isIso2 } from "../../engine/rules/countries.js";
import { diff, maxUncontrolledTpp, regions } from "../../engine/rules/design-space.js";
import { findRule, type RuleVersion, type Ruleset, statusAt } from "../../engine/rules/ruleset.js";
import { isoDate, num, parse, today } from "../args.js";
import { type CliIo, CliFailure, type Command, UsageError } from "../command.js";
import { fmt, json, table, width } from "../format.js";
import { LANG_HELP, langFlag, type Tr, translator } from "../lang.js";

const USAGE = `chokepoint rules — the export-control rule versions in data/rules/

Usage:
  chokepoint rules list [--date YYYY-MM-DD] [--json]
  chokepoint rules show <id> [--json]
  chokepoint rules diff <a> <b> [--alone] [--dest ISO2] [--hq ISO2] [--json]   chips whose status changes
  chokepoint rules regions <id> [--datacenter | --no-datacenter] [--json]   TPP × PD polygons per class
  chokepoint rules max-tpp <id> --die-area MM2 [--datacenter | --no-datacenter] [--json]

Every sub-command takes [--lang en|zh-CN]:
${LANG_HELP}

diff compares the regime as it stood when each rule took effect (each applied on top of what was then in
force); --alone applies each rule version by itself.
max-tpp: the largest TPP a chip of that applicable die area can have and stay outside 3A090
(e.g. 2023-10-17 with 814 mm², datacenter → just under 2,400: the H20 design point).
`;

const options = {
  json: { type: "boolean" },
  date: { type: "string" },
  dest: { type: "string" },
  hq: { type: "string" },
  datacenter: { type: "boolean" },
  alone: { type: "boolean" },
  "die-area": { type: "string" },
  lang: { type: "string" },
} as const;

function ruleOrUsage(ruleset: Ruleset, id: string | undefined, what: string): RuleVersion {
  if (id === undefined) throw new UsageError(`missing ${what}: a rule id (see chokepoint rules list)`, what);
  const r = findRule(ruleset, id);
  if (!r)
    throw new UsageError(
      `unknown rule ${JSON.stringify(id)}; known: ${ruleset.rules.map((x) => x.id).join(", ")}`,
      what,
    );
  return r;
}

function country(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const code = value.trim().toUpperCase();
  if (!isIso2(code))
    throw new UsageError(
      `invalid --${flag}: ${JSON.stringify(value)} (must be an ISO 3166-1 alpha-2 country code)`,
      flag,
    );
  return code;
}

/** A `rules show` label padded to ten terminal columns (CJK characters take two). */
function label(tr: Tr, en: string): string {
  const t = tr(en);
  return t + " ".repeat(Math.max(1, 11 - width(t)));
}

function families(r: RuleVersion): string {
  return r.criteria.map((c) => c.family).join(", ");
}

export const rulesCommand: Command = {
  name: "rules",
  summary: "List, show, diff and map the export-control rule versions",
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values: v, positionals } = parse(argv, options, true);
    const [sub, a, b, ...extra] = positionals;
    if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const tr = translator(langFlag(v.lang as string | undefined));
    const ruleset = loadRuleset();
    const out = (human: string, data: unknown) => io.stdout(v.json ? json(data) : human);
    switch (sub) {
      case "list": {
        const date = isoDate("date", v.date) ?? today();
        const rows = ruleset.rules.map((r) => ({
          id: r.id,
          title: r.title,
          citation: r.citation,
          effective: r.effective,
          families: r.criteria.map((c) => c.family),
          statusOnDate: statusAt(r, date) ?? "not-yet-effective",
        }));
        out(
          table(
            ["id", tr("effective"), tr("status {date}", { date }), tr("criteria"), tr("citation")],
            rows.map((r) => [r.id, r.effective, tr(r.statusOnDate), r.families.join(", "), r.citation]),
          ),
          { date, rules: rows },
        );
        return 0;
      }
      case "show": {
        const r = ruleOrUsage(ruleset, a, "id");
        const { file: _file, ...data } = r;
        const lines = [
          `${r.id}: ${r.title}`,
          `  ${label(tr, "citation")}${r.citation}`,
          `  ${label(tr, "published")}${r.published}   ${tr("effective")} ${r.effective}${r.complianceDate ? `   ${tr("compliance")} ${r.complianceDate}` : ""}`,
          `  ${label(tr, "status")}${r.status.map((s) => `${s.from} ${tr(s.status)}${s.note ? ` (${s.note})` : ""}`).join("; ")}`,
          `  ${label(tr, "supersedes")}${r.supersedes.join(", ") || "—"}`,
          `  ${label(tr, "criteria")}${families(r)}`,
          ...r.amendments.map((m) => `  ${label(tr, "amended")}${m.date} ${m.citation}: ${m.summary}`),
          ...r.uncertain.map((u) => `  ${label(tr, "uncertain")}${u}`),
          ...r.notes.map((n) => `  ${label(tr, "note")}${n}`),
          ...r.sources.map((s) => `  ${label(tr, "source")}${s}`),
          "",
        ];
        out(lines.join("\n"), data);
        return 0;
      }
      case "diff": {
        const ra = ruleOrUsage(ruleset, a, "a");
        const rb = ruleOrUsage(ruleset, b, "b");
        const destination = country("dest", v.dest) ?? "CN";
        const buyerHq = country("hq", v.hq) ?? destination;
        let chips: ReturnType<typeof loadChips>;
        try {
          chips = loadChips();
        } catch (err) {
          throw new CliFailure(`cannot load the chip catalogue: ${(err as Error).message}`);
        }
        const mode = v.alone ? "alone" : "regime";
        const rows = diff(ra, rb, chips, ruleset, { destination, buyerHq }, mode);
        const lic = (x: { licenseRequired: boolean | null; reviewPolicy: string | null }) =>
          x.licenseRequired === null
            ? tr("licence unknown")
            : x.licenseRequired
              ? tr("licence, {policy}", {
                  policy: x.reviewPolicy ? tr(x.reviewPolicy) : tr("policy unknown"),
                })
              : tr("no licence");
        out(
          `${tr("{n} chips change from {a} to {b} ({mode}, destination {dest}, buyer HQ {hq}):", {
            n: rows.length,
            a: ra.id,
            b: rb.id,
            mode: mode === "alone" ? tr("each rule alone") : tr("regime on each rule's effective date"),
            dest: destination,
            hq: buyerHq,
          })}\n` +
            table(
              ["id", tr("name"), ra.id, rb.id],
              rows.map((r) => [
                r.chipId,
                r.name,
                `${tr(r.before.classification)}, ${lic(r.before)}`,
                `${tr(r.after.classification)}, ${lic(r.after)}`,
              ]),
            ),
          { a: ra.id, b: rb.id, mode, destination, buyerHq, changed: rows },
        );
        return 0;
      }
      case "regions": {
        const r = ruleOrUsage(ruleset, a, "id");
        const datacenter = (v.datacenter as boolean | undefined) ?? true;
        const rs = regions(r, { datacenter });
        const human = rs
          .map(
            (g) =>
              `${tr(g.classification)}:\n` +
              (g.polygons.length
                ? g.polygons
                    .map((p) => {
                      const xs = p.map((q) => q[0]);
                      const ys = p.map((q) => q[1]);
                      return `  TPP [${fmt(Math.min(...xs))}, ${fmt(Math.max(...xs))})  ×  PD [${fmt(Math.min(...ys))}, ${fmt(Math.max(...ys))})`;
                    })
                    .join("\n")
                : `  ${tr("(none)")}`),
          )
          .join("\n");
        out(
          `${tr(
            datacenter
              ? "{rule}, datacenter parts (view TPP 0–8000, PD 0–12):"
              : "{rule}, non-datacenter parts (view TPP 0–8000, PD 0–12):",
            { rule: r.id },
          )}\n${human}\n`,
          {
            rule: r.id,
            datacenter,
            regions: rs,
          },
        );
        return 0;
      }
      case "max-tpp": {
        const r = ruleOrUsage(ruleset, a, "id");
        const dieArea = num("die-area", v["die-area"], { min: 0, exclusiveMin: true });
        if (dieArea === undefined) throw new UsageError("missing --die-area MM2", "die-area");
        const datacenter = (v.datacenter as boolean | undefined) ?? true;
        const m = maxUncontrolledTpp(r, { dieArea, datacenter });
        const vars = { rule: r.id, area: fmt(dieArea) };
        const answer = Number.isFinite(m.tpp)
          ? tr(
              datacenter
                ? "{rule}: a datacenter chip with {area} mm² stays uncontrolled at TPP {bound}"
                : "{rule}: a non-datacenter chip with {area} mm² stays uncontrolled at TPP {bound}",
              { ...vars, bound: `${m.inclusive ? "≤" : "<"} ${fmt(m.tpp, 4)}` },
            )
          : tr(
              datacenter
                ? "{rule}: a datacenter chip with {area} mm² stays uncontrolled at any TPP (no TPP limit)"
                : "{rule}: a non-datacenter chip with {area} mm² stays uncontrolled at any TPP (no TPP limit)",
              vars,
            );
        out(`${answer}\n  ${tr("binding test: {test}", { test: m.binding })}\n`, {
          rule: r.id,
          dieArea,
          datacenter,
          tpp: Number.isFinite(m.tpp) ? m.tpp : null,
          inclusive: m.inclusive,
          binding: m.binding,
        });
        return 0;
      }
      default:
        throw new UsageError(
          sub === undefined
            ? "missing sub-command: list, show, diff, regions or max-tpp"
            : `unknown sub-command ${JSON.stringify(sub)}: use list, show, diff, regions or max-tpp`,
        );
    }
  },
};
