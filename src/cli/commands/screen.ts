import { loadRuleset } from "../../data/rules.js";
import { PartyInputError, type ScreenResult, screenName } from "../../engine/rules/parties.js";
import { isoDate, parse, today } from "../args.js";
import { type CliIo, type Command, UsageError } from "../command.js";
import { json } from "../format.js";
import { cslIndexes } from "./data-csl.js";

const USAGE = `chokepoint screen — screen party names against restricted-party lists

Usage:
  chokepoint screen NAME... [--date YYYY-MM-DD] [--db FILE] [--json]

Each NAME (quote names with spaces) is compared with the Entity List entries the project curates
(data/entity-list.csv: Huawei, SMIC, Sophgo, Biren, Moore Threads, Inspur and others, each with its FR citation)
and with the Consolidated Screening List imported by \`chokepoint data import-csl\` (the newest imported version
in --db, default the project store), if any. Matching folds case, accents and full-width forms, drops legal-form
suffixes (Co., Ltd., Inc., 有限公司 …), ignores word splits and compares Chinese names as characters and as pinyin.
A hit scores ≥ 0.9; a near miss (≥ 0.7) is shown for a person to check. --date leaves out listings that took effect
later (default today).

The output names every list checked and its date. Screening is never complete: no hit is not clearance.
Exit code 0 whether or not a name hits; 2 on bad input (an empty name, one longer than 300 characters).
`;

const options = {
  date: { type: "string" },
  db: { type: "string" },
  json: { type: "boolean" },
} as const;

function human(r: ScreenResult): string {
  const lines = [
    `${JSON.stringify(r.query)} → ${r.hits.length ? `HIT: ${r.hits.length} listed part${r.hits.length === 1 ? "y" : "ies"}` : "no hit"}${r.nearMisses.length ? `, ${r.nearMisses.length} near miss${r.nearMisses.length === 1 ? "" : "es"}` : ""}   (compared as ${r.normalized})`,
  ];
  for (const h of [...r.hits, ...r.nearMisses]) {
    lines.push(
      `  ${h.verdict === "hit" ? "HIT " : "near"} ${h.score.toFixed(3)}  ${h.name}  [${h.listTitle}]${h.standing === "secondary-source" ? " [SECONDARY SOURCE]" : ""}`,
    );
    lines.push(
      `        matched on ${JSON.stringify(h.matchedOn)}; ${h.citation}${h.effective ? `, effective ${h.effective}` : ""}`,
    );
    lines.push(`        ${h.meaning}`);
  }
  lines.push(`  ${r.caveat}`);
  return lines.join("\n");
}

export const screenCommand: Command = {
  name: "screen",
  summary:
    "Screen party names against the curated Entity List entries and an imported Consolidated Screening List",
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values: v, positionals } = parse(argv, options, true);
    if (positionals.length === 0) throw new UsageError("give at least one name: chokepoint screen NAME...");
    const date = isoDate("date", v.date) ?? today();
    const indexes = [...loadRuleset().parties, ...cslIndexes(io, v.db)];
    const results: ScreenResult[] = [];
    for (const [i, name] of positionals.entries()) {
      try {
        results.push(
          screenName(name, indexes, { date, field: positionals.length > 1 ? `name ${i + 1}` : "name" }),
        );
      } catch (err) {
        if (err instanceof PartyInputError) throw new UsageError(err.message, err.field);
        throw err;
      }
    }
    if (v.json) io.stdout(json({ date, results }));
    else io.stdout(`Screening on ${date}\n\n${results.map(human).join("\n\n")}\n`);
    return 0;
  },
};
