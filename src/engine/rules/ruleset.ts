import type { z } from "zod";
import {
  type CountryGroupsFile,
  type Criterion,
  countryGroupsSchema,
  type RuleFile,
  type RuleStatus,
  ruleFileSchema,
} from "./schema.js";
import { type AffiliatesRule, affiliatesRuleSchema } from "./affiliates.js";
import { indexParties, type PartyIndex, type PartyList } from "./parties.js";
import {
  type ItemsFile,
  indexSanctions,
  itemsFileSchema,
  type SanctionsIndex,
  sanctionsFileSchema,
} from "./sanctions.js";

/** A rule or group file failed validation; `file` and `field` say where. */
export class RuleDataError extends Error {
  override name = "RuleDataError";
  constructor(
    message: string,
    readonly file: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

interface Membership {
  from: string | null;
  to: string | null;
}

/** Country groups indexed for fast membership tests by date. */
export interface CountryGroups {
  file: CountryGroupsFile;
  /** group name → code → dated memberships */
  index: Map<string, Map<string, Membership[]>>;
  aliases: Map<string, { code: string; treatAs: string; from: string; note: string; source: string }>;
}

export interface RuleVersion extends RuleFile {
  /** Where it was loaded from, for messages. */
  file: string;
}

/** Everything evaluate() needs: validated rule versions (sorted by effective date) and country groups. */
export interface Ruleset {
  rules: RuleVersion[];
  groups: CountryGroups;
  /** Part 746 embargoes and sanctions; null when not loaded (the result then says the layer was not checked). */
  sanctions: SanctionsIndex | null;
  /** Restricted-party lists buyer and consignee names are screened against (curated Entity List, imported CSL). */
  parties: PartyIndex[];
  /** 4A090 computers and the .z paragraphs; null when not loaded. */
  items: ItemsFile | null;
  /** The Affiliates rule (50 % owned by listed parties) with its dated suspension; absent when not loaded. */
  affiliates?: AffiliatesRule | null;
}

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join(".");
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const first = r.error.issues[0]!;
  const field = issuePath(first);
  throw new RuleDataError(`${file}: invalid ${field || "(root)"}: ${first.message}`, file, field);
}

function buildGroups(file: CountryGroupsFile, name: string): CountryGroups {
  const index = new Map<string, Map<string, Membership[]>>();
  const resolve = (group: string, seen: Set<string>): Map<string, Membership[]> => {
    const have = index.get(group);
    if (have) return have;
    const g = file.groups[group];
    if (!g) throw new RuleDataError(`${name}: unknown country group ${JSON.stringify(group)}`, name, group);
    if (seen.has(group)) throw new RuleDataError(`${name}: group ${group} includes itself`, name, group);
    seen.add(group);
    const m = new Map<string, Membership[]>();
    for (const member of g.members) {
      const code = typeof member === "string" ? member : member.code;
      const from = typeof member === "string" ? null : (member.from ?? null);
      const to = typeof member === "string" ? null : (member.to ?? null);
      m.set(code, [...(m.get(code) ?? []), { from: from ?? g.validFrom, to }]);
    }
    for (const inc of g.includes) {
      for (const [code, spans] of resolve(inc, seen)) m.set(code, [...(m.get(code) ?? []), ...spans]);
    }
    index.set(group, m);
    return m;
  };
  for (const group of Object.keys(file.groups)) resolve(group, new Set());
  const aliases = new Map(file.aliases.map((a) => [a.code, a]));
  return { file, index, aliases };
}

/** Group names a criterion refers to, for a cross-reference check at build time. */
function groupRefs(c: Criterion): string[] {
  switch (c.family) {
    case "perf_io":
    case "hbm_density":
    case "bandwidth_trigger":
      return [...c.licence.destinationGroups, ...c.licence.excludeGroups, ...c.licence.headquartersGroups];
    case "tpp_pd":
      return [
        ...c.licence.destinationGroups,
        ...c.licence.excludeGroups,
        ...c.licence.headquartersGroups,
        ...c.reviewPolicy.denialGroups,
      ];
    case "case_by_case":
      return c.deniedHeadquartersGroups;
    case "tiers":
      return [c.tier1Group, c.tier3Group];
  }
}

/**
 * Builds a ruleset from parsed JSON (a pure function: the browser passes the same JSON it fetched).
 * Throws RuleDataError naming the file and field on any invalid value or dangling reference.
 */
export function buildRuleset(
  ruleFiles: { file: string; json: unknown }[],
  countryGroups: { file: string; json: unknown },
  layers: {
    sanctions?: { file: string; json: unknown };
    parties?: PartyList[];
    items?: { file: string; json: unknown };
    affiliates?: { file: string; json: unknown };
  } = {},
): Ruleset {
  const groupsFile = parseOrThrow(countryGroupsSchema, countryGroups.json, countryGroups.file);
  const groups = buildGroups(groupsFile, countryGroups.file);
  const rules: RuleVersion[] = ruleFiles.map(({ file, json }) => ({
    ...parseOrThrow(ruleFileSchema, json, file),
    file,
  }));
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new RuleDataError(`${r.file}: duplicate rule id ${r.id}`, r.file, "id");
    ids.add(r.id);
  }
  for (const r of rules) {
    for (const s of r.supersedes)
      if (!ids.has(s))
        throw new RuleDataError(
          `${r.file}: supersedes unknown rule ${JSON.stringify(s)}`,
          r.file,
          "supersedes",
        );
    for (const [i, c] of r.criteria.entries())
      for (const g of groupRefs(c))
        if (!groups.index.has(g))
          throw new RuleDataError(
            `${r.file}: criteria.${i} refers to unknown country group ${JSON.stringify(g)}`,
            r.file,
            `criteria.${i}`,
          );
    const dates = r.status.map((s) => s.from);
    if (dates.some((d, i) => i > 0 && d < dates[i - 1]!))
      throw new RuleDataError(`${r.file}: status entries must be in date order`, r.file, "status");
  }
  rules.sort((a, b) =>
    a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : a.id < b.id ? -1 : 1,
  );
  const sanctions = layers.sanctions
    ? indexSanctions(parseOrThrow(sanctionsFileSchema, layers.sanctions.json, layers.sanctions.file))
    : null;
  const items = layers.items ? parseOrThrow(itemsFileSchema, layers.items.json, layers.items.file) : null;
  const affiliates = layers.affiliates
    ? parseOrThrow(affiliatesRuleSchema, layers.affiliates.json, layers.affiliates.file)
    : null;
  return { rules, groups, sanctions, parties: (layers.parties ?? []).map(indexParties), items, affiliates };
}

/** The status of a rule version on a date, or null before it took effect. */
export function statusAt(rule: RuleFile, date: string): RuleStatus | null {
  if (date < rule.effective && date < rule.status[0]!.from) return null;
  let s: RuleStatus | null = null;
  for (const e of rule.status) if (e.from <= date) s = e.status;
  return s;
}

/** Whether `code` belongs to `group` on `date` (HK is resolved to CN by the caller). */
export function inGroup(groups: CountryGroups, group: string, code: string, date: string): boolean {
  const spans = groups.index.get(group)?.get(code);
  if (!spans) return false;
  for (const s of spans)
    if ((s.from === null || s.from <= date) && (s.to === null || date <= s.to)) return true;
  return false;
}

/** The code the EAR treats a destination as (Hong Kong → China), with the alias that applied. */
export function canonicalCountry(groups: CountryGroups, code: string, date: string) {
  const a = groups.aliases.get(code);
  if (a && a.from <= date) return { code: a.treatAs, alias: a };
  return { code, alias: null };
}

/** Finds a rule version by id, or null. */
export function findRule(ruleset: Ruleset, id: string): RuleVersion | null {
  return ruleset.rules.find((r) => r.id === id) ?? null;
}
