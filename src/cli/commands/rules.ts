import { loadChips } from "../../data/chips.js";
import { loadRuleset } from "../../data/rules.js";
import { isIso2 } from "../../engine/rules/countries.js";
import { diff, maxUncontrolledTpp, regions } from "../../engine/rules/design-space.js";
import { findRule, type RuleVersion, type Ruleset, statusAt } from "../../engine/rules/ruleset.js";
import { isoDate, num, parse, today } from "../args.js";
import { type CliIo, CliFailure, type Command, UsageError } from "../command.js";
import { fmt, json, table } from "../format.js";

const USAGE = `chokepoint rules — the export-control rule versions in data/rules/

Usage:
  chokepoint rules list [--date YYYY-MM-DD] [--json]
  chokepoint rules show <id> [--json]
  chokepoint rules diff <a> <b> [--alone] [--dest ISO2] [--hq ISO2] [--json]   chips whose status changes
  chokepoint rules regions <id> [--datacenter | --no-datacenter] [--json]   TPP × PD polygons per class
  chokepoint rules max-tpp <id> --die-area MM2 [--datacenter | --no-datacenter] [--json]

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
            ["id", "effective", `status ${date}`, "criteria", "citation"],
            rows.map((r) => [r.id, r.effective, r.statusOnDate, r.families.join(", "), r.citation]),
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
          `  citation   ${r.citation}`,
          `  published  ${r.published}   effective ${r.effective}${r.complianceDate ? `   compliance ${r.complianceDate}` : ""}`,
          `  status     ${r.status.map((s) => `${s.from} ${s.status}${s.note ? ` (${s.note})` : ""}`).join("; ")}`,
          `  supersedes ${r.supersedes.join(", ") || "—"}`,
          `  criteria   ${families(r)}`,
          ...r.amendments.map((m) => `  amended    ${m.date} ${m.citation}: ${m.summary}`),
          ...r.uncertain.map((u) => `  uncertain  ${u}`),
          ...r.notes.map((n) => `  note       ${n}`),
          ...r.sources.map((s) => `  source     ${s}`),
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
            ? "licence unknown"
            : x.licenseRequired
              ? `licence, ${x.reviewPolicy ?? "policy unknown"}`
              : "no licence";
        out(
          `${rows.length} chips change from ${ra.id} to ${rb.id} (${mode === "alone" ? "each rule alone" : "regime on each rule's effective date"}, destination ${destination}, buyer HQ ${buyerHq}):\n` +
            table(
              ["id", "name", ra.id, rb.id],
              rows.map((r) => [
                r.chipId,
                r.name,
                `${r.before.classification}, ${lic(r.before)}`,
                `${r.after.classification}, ${lic(r.after)}`,
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
              `${g.classification}:\n` +
              (g.polygons.length
                ? g.polygons
                    .map((p) => {
                      const xs = p.map((q) => q[0]);
                      const ys = p.map((q) => q[1]);
                      return `  TPP [${fmt(Math.min(...xs))}, ${fmt(Math.max(...xs))})  ×  PD [${fmt(Math.min(...ys))}, ${fmt(Math.max(...ys))})`;
                    })
                    .join("\n")
                : "  (none)"),
          )
          .join("\n");
        out(
          `${r.id}, ${datacenter ? "datacenter" : "non-datacenter"} parts (view TPP 0–8000, PD 0–12):\n${human}\n`,
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
        const bound = Number.isFinite(m.tpp) ? `${m.inclusive ? "≤" : "<"} ${fmt(m.tpp, 4)}` : "no TPP limit";
        out(
          `${r.id}: a ${datacenter ? "datacenter" : "non-datacenter"} chip with ${fmt(dieArea)} mm² stays uncontrolled at TPP ${bound}\n  binding test: ${m.binding}\n`,
          {
            rule: r.id,
            dieArea,
            datacenter,
            tpp: Number.isFinite(m.tpp) ? m.tpp : null,
            inclusive: m.inclusive,
            binding: m.binding,
          },
        );
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
