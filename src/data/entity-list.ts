import type { PartyEntry, PartyList } from "../engine/rules/parties.js";
import { type CsvError, parseCsv } from "./csv.js";

/**
 * data/entity-list.csv: the Entity List entries (Supp. No. 4 to part 744) the project curates for the AI-chip supply
 * chain, each with its FR citation, effective date and licence review policy. Pure parser; the Node loader is in
 * rules.ts. Columns are checked by name, and a bad row names its line and column.
 */

export const ENTITY_LIST_COLUMNS = [
  "id",
  "name",
  "aliases",
  "name_zh",
  "country",
  "effective",
  "citation",
  "citation_standing",
  "licence_requirement",
  "policy",
  "policy_text",
  "source",
  "notes",
] as const;

const POLICIES = new Set(["presumption-of-denial", "case-by-case", "presumption-of-approval"]);
const STANDINGS = new Set(["codified", "secondary-source"]);

export function parseEntityList(text: string, file = "data/entity-list.csv", asOf = "2026-11-30"): PartyList {
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text);
  } catch (err) {
    throw new Error(`${file}: ${(err as CsvError).message}`);
  }
  const missing = ENTITY_LIST_COLUMNS.filter((c) => !table.header.includes(c));
  if (missing.length) throw new Error(`${file}: missing column(s) ${missing.join(", ")}`);
  const ids = new Set<string>();
  const entries: PartyEntry[] = table.rows.map(({ line, record: r }) => {
    const bad = (col: string, why: string) => new Error(`${file} line ${line}: invalid ${col}: ${why}`);
    if (!/^[a-z0-9-]+$/.test(r.id ?? "")) throw bad("id", `${JSON.stringify(r.id)} (must be kebab-case)`);
    if (ids.has(r.id!)) throw bad("id", `${r.id} appears twice`);
    ids.add(r.id!);
    if (!r.name) throw bad("name", "must not be empty");
    if (r.country && !/^[A-Z]{2}$/.test(r.country)) throw bad("country", JSON.stringify(r.country));
    if (r.effective && !/^\d{4}-\d{2}-\d{2}$/.test(r.effective))
      throw bad("effective", JSON.stringify(r.effective));
    if (!r.citation) throw bad("citation", "every entry needs its FR citation");
    if (!POLICIES.has(r.policy ?? "")) throw bad("policy", JSON.stringify(r.policy));
    if (!STANDINGS.has(r.citation_standing ?? ""))
      throw bad("citation_standing", `${JSON.stringify(r.citation_standing)} (codified or secondary-source)`);
    if (!r.source) throw bad("source", "must not be empty");
    const aliases = (r.aliases ?? "")
      .split("|")
      .map((a) => a.trim())
      .filter(Boolean);
    if (r.name_zh) aliases.push(r.name_zh);
    return {
      id: r.id!,
      name: r.name,
      aliases,
      country: r.country || null,
      licenceRequirement: r.licence_requirement ?? "",
      policy: r.policy as PartyEntry["policy"],
      policyText: r.policy_text || r.policy!,
      citation: r.citation,
      effective: r.effective || null,
      ...(r.citation_standing === "secondary-source" ? { standing: "secondary-source" as const } : {}),
      source: r.source,
      notes: r.notes ?? "",
    };
  });
  return {
    id: "entity-list-curated",
    title: "BIS Entity List (entries curated by Chokepoint for the AI-chip supply chain)",
    asOf,
    source: file,
    licensing: "entity-list",
    entries,
  };
}
