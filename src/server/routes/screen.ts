import { cslLists } from "../../data/csl.js";
import { indexParties, PartyInputError, type PartyIndex, screenName } from "../../engine/rules/parties.js";
import { latestCsl } from "../../store/csl.js";
import { ApiError } from "../errors.js";
import type { ApiLimits } from "../limits.js";
import { route } from "../route.js";
import { screenRequest } from "../schemas.js";
import type { ApiServices } from "../services.js";

const today = () => new Date().toISOString().slice(0, 10);

// The newest imported CSL version, indexed once per version (an import in another process shows up on the next
// request: the version number is read each time, the index only when it changed).
const cache = new WeakMap<object, { version: number; indexes: PartyIndex[] }>();

/** Indexes of the newest Consolidated Screening List imported into the server's store; none without a store. */
export function importedLists(services: ApiServices): PartyIndex[] {
  const store = services.store;
  if (!store) return [];
  const v = store.db.prepare("SELECT max(version) AS v FROM csl_versions").get() as { v: number | null };
  if (v.v === null) return [];
  const have = cache.get(store);
  if (have && have.version === v.v) return have.indexes;
  const latest = latestCsl(store)!;
  const indexes = cslLists(latest.entries, {
    version: latest.meta.version,
    asOf: latest.meta.asOf,
    file: latest.meta.file,
  })
    .filter((l) => l.entries.length > 0)
    .map(indexParties);
  cache.set(store, { version: v.v, indexes });
  return indexes;
}

export function screenRoutes(services: ApiServices, _limits: ApiLimits) {
  return [
    route({
      method: "get",
      path: "/sanctions",
      operationId: "listSanctions",
      summary: "The Part 746 embargo and sanctions programmes the rule engine applies (data/sanctions.json)",
      description:
        "Per programme: destination (and regions), start date, items reached, licence paragraph and citation, dated review " +
        "policies, the exception paragraph and which advanced-computing exceptions it allows (none), standing, sources.",
      tag: "rules",
      handler: () => {
        const s = services.ruleset().sanctions;
        return s
          ? {
              file: "data/sanctions.json",
              asOf: s.file.asOf,
              programmes: s.file.programmes,
              notes: s.file.notes,
            }
          : { file: null, asOf: null, programmes: [], notes: ["sanctions data not loaded"] };
      },
    }),
    route({
      method: "get",
      path: "/screen/lists",
      operationId: "listScreeningLists",
      summary: "The restricted-party lists names are screened against, with their dates and entries",
      description:
        "The curated Entity List entries (data/entity-list.csv) in full, and for an imported Consolidated Screening List " +
        "its version, date and size (its entries are screened, not listed here).",
      tag: "rules",
      handler: () => {
        const curated = services.ruleset().parties.map((p) => p.list);
        const imported = importedLists(services).map((p) => p.list);
        return {
          lists: [
            ...curated.map((l) => ({ ...l, count: l.entries.length })),
            ...imported.map(({ entries, ...l }) => ({ ...l, count: entries.length })),
          ],
        };
      },
    }),
    route({
      method: "post",
      path: "/screen",
      operationId: "screen",
      summary:
        "Screen party names against the curated Entity List entries and the imported Consolidated Screening List",
      description:
        "Fuzzy, transliteration-aware matching (case, accents, width, legal-form suffixes such as Co., Ltd. and 有限公司, " +
        "word splits, Chinese characters and pinyin). Each result lists hits (score ≥ 0.9) and near misses (≥ 0.7) with the " +
        "list, entry, citation and what the match means, and names every list checked with its date: screening is never " +
        "claimed complete.",
      tag: "rules",
      body: screenRequest,
      handler: ({ body }) => {
        const date = body.date ?? today();
        const indexes = [...services.ruleset().parties, ...importedLists(services)];
        try {
          return {
            date,
            results: body.names.map((n, i) => screenName(n, indexes, { date, field: `names[${i}]` })),
          };
        } catch (err) {
          if (err instanceof PartyInputError) throw new ApiError(400, "bad_input", err.message, err.field);
          throw err;
        }
      },
    }),
  ];
}
