import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PartyList } from "../engine/rules/parties.js";
import { buildRuleset, RuleDataError, type Ruleset } from "../engine/rules/ruleset.js";
import { parseEntityList } from "./entity-list.js";
import { dataPath } from "./paths.js";

/** The curated Entity List entries (data/entity-list.csv); a bad row names its line and column. */
export function loadEntityList(): PartyList {
  const file = "data/entity-list.csv";
  let text: string;
  try {
    text = readFileSync(dataPath("entity-list.csv"), "utf8");
  } catch (err) {
    throw new RuleDataError(
      `${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
      file,
    );
  }
  try {
    return parseEntityList(text, file);
  } catch (err) {
    throw new RuleDataError((err as Error).message, file);
  }
}

/** Node loader for data/rules/*.json and data/country-groups.json; the engine does the validation. */

function readJson(path: string, display: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new RuleDataError(
      `${display}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
      display,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new RuleDataError(`${display}: invalid JSON (${(err as Error).message})`, display);
  }
}

/** The rule-file JSON texts as { file, json } pairs, in file-name order. */
export function readRuleFiles(dir: string = dataPath("rules")): { file: string; json: unknown }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && f !== "rule.schema.json")
    .sort()
    .map((f) => ({ file: `data/rules/${f}`, json: readJson(join(dir, f), `data/rules/${f}`) }));
}

let cached: Ruleset | null = null;

/** Loads and validates every rule version and the country groups (cached per process). */
export function loadRuleset(opts: { rulesDir?: string; groupsFile?: string } = {}): Ruleset {
  const useCache = opts.rulesDir === undefined && opts.groupsFile === undefined;
  if (useCache && cached) return cached;
  const groupsPath = opts.groupsFile ?? dataPath("country-groups.json");
  const rs = buildRuleset(
    readRuleFiles(opts.rulesDir),
    { file: "data/country-groups.json", json: readJson(groupsPath, "data/country-groups.json") },
    {
      sanctions: {
        file: "data/sanctions.json",
        json: readJson(dataPath("sanctions.json"), "data/sanctions.json"),
      },
      parties: [loadEntityList()],
      items: { file: "data/items.json", json: readJson(dataPath("items.json"), "data/items.json") },
      affiliates: {
        file: "data/affiliates-rule.json",
        json: readJson(dataPath("affiliates-rule.json"), "data/affiliates-rule.json"),
      },
    },
  );
  if (useCache) cached = rs;
  return rs;
}
