/** The dashboard's location: a page name plus query parameters, all in the URL hash so static serving needs no rewrites. */
export const PAGES = ["chips", "gap", "scenarios", "timeline", "data"] as const;
export type Page = (typeof PAGES)[number];

export interface Route {
  page: Page;
  params: URLSearchParams;
}

/** Parses `#/scenarios?s=status-quo&draws=10000` into a route; unknown pages fall back to chips. */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, "");
  const q = body.indexOf("?");
  const name = (q < 0 ? body : body.slice(0, q)).trim();
  const params = new URLSearchParams(q < 0 ? "" : body.slice(q + 1));
  const page = (PAGES as readonly string[]).includes(name) ? (name as Page) : "chips";
  return { page, params };
}

/** Inverse of parseHash, with parameters in a stable (sorted) order so equal states give equal links. */
export function formatHash(route: Route): string {
  const entries = [...route.params.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const qs = new URLSearchParams(entries).toString();
  return `#/${route.page}${qs ? `?${qs}` : ""}`;
}
