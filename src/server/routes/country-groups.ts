import type { ApiLimits } from "../limits.js";
import { route } from "../route.js";
import { countryGroupsResponse } from "../schemas.js";
import type { ApiServices } from "../services.js";

interface MemberOut {
  code: string;
  from: string | null;
  to: string | null;
}

const byCode = (a: MemberOut, b: MemberOut) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : (a.from ?? "").localeCompare(b.from ?? "");

export function countryGroupRoutes(services: ApiServices, _limits: ApiLimits) {
  return [
    route({
      method: "get",
      path: "/country-groups",
      operationId: "listCountryGroups",
      summary:
        "The EAR country groups and AI Diffusion tiers the rule engine uses, with members, dates and sources",
      description:
        "Parsed data/country-groups.json exactly as the rule engine loads it. `members` are the codes the group " +
        "lists itself (`from`/`to` only when a member joined or left inside the modelled period); " +
        "`resolvedMembers` adds the members of included groups; each is dated from the valid-from date of the " +
        "group that lists it unless the member carries its own dates.",
      tag: "rules",
      response: countryGroupsResponse,
      handler: () => {
        const { file, index } = services.ruleset().groups;
        const groups = Object.entries(file.groups).map(([name, g]) => {
          const members: MemberOut[] = g.members.map((m) =>
            typeof m === "string"
              ? { code: m, from: null, to: null }
              : { code: m.code, from: m.from ?? null, to: m.to ?? null },
          );
          const resolved: MemberOut[] = [];
          for (const [code, spans] of index.get(name) ?? [])
            for (const s of spans) resolved.push({ code, from: s.from, to: s.to });
          return {
            name,
            title: g.title,
            validFrom: g.validFrom,
            source: g.source,
            includes: g.includes,
            members,
            resolvedMembers: resolved.sort(byCode),
          };
        });
        return {
          file: "data/country-groups.json",
          asOf: file.asOf,
          count: groups.length,
          groups,
          aliases: file.aliases,
          notes: file.notes,
        };
      },
    }),
  ];
}
