import { loadRuleset } from "../../data/rules.js";
import {
  PartyInputError,
  type PartyList,
  type ScreenHit,
  type ScreenResult,
  screenName,
} from "../../engine/rules/parties.js";
import { isoDate, parse, today } from "../args.js";
import { type CliIo, type Command, UsageError } from "../command.js";
import { json } from "../format.js";
import { LANG_HELP, langFlag, type Tr, translator } from "../lang.js";
import { cslIndexes } from "./data-csl.js";

const USAGE = `chokepoint screen — screen party names against restricted-party lists

Usage:
  chokepoint screen NAME... [--date YYYY-MM-DD] [--db FILE] [--lang en|zh-CN] [--json]

${LANG_HELP}

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
  lang: { type: "string" },
} as const;

/**
 * The engine words a hit's meaning and the caveat in English; in Chinese they are rebuilt here from the same
 * structured fields (the list's licensing, the entry's requirement and policy, the lists checked).
 */
function meaningZh(tr: Tr, h: ScreenHit, list: PartyList | undefined): string {
  if (h.verdict === "near-miss")
    return tr(
      "possible match on {list}: not treated as a listed party — confirm the party's full name and address against the entry before shipping",
      { list: h.listTitle },
    );
  if (list?.licensing === "entity-list")
    return tr(
      "listed party: {requirement}; review policy {policy}; no license exception unless the entry says so (15 CFR 744.11, supp. no. 4 to part 744)",
      { requirement: h.licenceRequirement, policy: tr(h.policyText) },
    );
  return tr("listed on {list}: {requirement}", {
    list: h.listTitle,
    requirement: h.licenceRequirement || tr("see the list's source for the restriction"),
  });
}

function caveatZh(tr: Tr, r: ScreenResult): string {
  const checked = r.checked
    .map((c) => tr("{title} ({n} entries, as of {date})", { title: c.title, n: c.entries, date: c.asOf }))
    .join("；");
  return tr(
    "checked {lists}. Not checked: any list not named here (import the Consolidated Screening List with `chokepoint data import-csl`), OFAC's 50% rule and the Entity List affiliates rule, end-use and end-user red flags. No match is not clearance.",
    { lists: checked || tr("no list") },
  );
}

function human(r: ScreenResult, tr: Tr, zh: boolean, lists: Map<string, PartyList>): string {
  const found = r.hits.length
    ? tr(r.hits.length === 1 ? "HIT: {n} listed party" : "HIT: {n} listed parties", { n: r.hits.length })
    : tr("no hit");
  const near = r.nearMisses.length
    ? tr(r.nearMisses.length === 1 ? ", {n} near miss" : ", {n} near misses", { n: r.nearMisses.length })
    : "";
  const lines = [
    `${JSON.stringify(r.query)} → ${found}${near}   ${tr("(compared as {form})", { form: r.normalized })}`,
  ];
  for (const h of [...r.hits, ...r.nearMisses]) {
    lines.push(
      `  ${h.verdict === "hit" ? tr("HIT ") : tr("near")} ${h.score.toFixed(3)}  ${h.name}  [${h.listTitle}]${h.standing === "secondary-source" ? ` ${tr("[SECONDARY SOURCE]")}` : ""}`,
    );
    lines.push(
      `        ${tr("matched on {form}; {citation}", { form: JSON.stringify(h.matchedOn), citation: h.citation })}${h.effective ? tr(", effective {date}", { date: h.effective }) : ""}`,
    );
    lines.push(`        ${zh ? meaningZh(tr, h, lists.get(h.list)) : h.meaning}`);
  }
  lines.push(`  ${zh ? caveatZh(tr, r) : r.caveat}`);
  return lines.join("\n");
}

export const screenCommand: Command = {
  name: "screen",
  summary:
    "Screen party names against the curated Entity List entries and an imported Consolidated Screening List",
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values: v, positionals } = parse(argv, options, true);
    const lang = langFlag(v.lang);
    const tr = translator(lang);
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
    else {
      const lists = new Map(indexes.map((i) => [i.list.id, i.list]));
      const body = results.map((r) => human(r, tr, lang === "zh-CN", lists)).join("\n\n");
      io.stdout(`${tr("Screening on {date}", { date })}\n\n${body}\n`);
    }
    return 0;
  },
};
