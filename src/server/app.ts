/**
 * The HTTP app: JSON API under /api/v1 plus the built dashboard. Dependencies are injected so tests call
 * `app.request()` with no open port, and nothing a request contains can produce a stack trace or a 500.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { StoreFault, toStoreFault } from "../store/faults.js";
import { ApiError, type ErrorStatus } from "./errors.js";
import { type ApiLimits, resolveLimits } from "./limits.js";
import { openApiDocument } from "./openapi.js";
import { mountRoutes, type RouteSpec } from "./route.js";
import { apiRoutes } from "./routes/index.js";
import type { ApiServices } from "./services.js";
import { staticFiles } from "./static.js";
import { API_VERSION_TEXT } from "./version.js";

/**
 * The dashboard's Content-Security-Policy: everything from this origin only, no inline or eval'd script.
 * Inline style is allowed because Observable Plot writes a <style> element into each chart; images may be
 * data:/blob: URLs because PNG export draws the chart's SVG through an Image.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS: [string, string][] = [
  ["Content-Security-Policy", CONTENT_SECURITY_POLICY],
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "no-referrer"],
  ["X-Frame-Options", "DENY"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Cross-Origin-Resource-Policy", "same-origin"],
];

export interface AppDeps {
  /** Engine-backed operations (chips, rules, gap, simulator, store). */
  services: ApiServices;
  limits?: Partial<ApiLimits>;
  /** Folder of the built dashboard (dist/web); null or missing serves the API only. */
  webRoot?: string | null;
  /**
   * Host header values accepted (host names without port). A server on loopback sets the loopback names so a
   * web page cannot reach it through DNS rebinding; null accepts any host.
   */
  allowedHosts?: string[] | null;
  /** Where unexpected (server-side) errors are logged; defaults to console.error. */
  log?: (message: string) => void;
}

function errorResponse(c: Context, err: ApiError): Response {
  return c.json(err.toBody(), err.status);
}

/** The host the request was addressed to: the Host header, else (in-process requests) the URL's host. */
function hostName(header: string | undefined, url: string): string {
  if (!header) return new URL(url).hostname.toLowerCase();
  const h = header.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.split(":")[0]!;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a state-changing request is refused as cross-site, or null to let it through. Browsers state where a request
 * comes from (Sec-Fetch-Site, Origin); a page on another site must never import data or save scenarios here, since
 * the default dataset it would change is what every later answer reads. Requests without either header (curl,
 * scripts, the CLI) are not from a browser page and pass.
 */
export function crossSiteRefusal(
  origin: string | undefined,
  fetchSite: string | undefined,
  url: string,
): string | null {
  const site = fetchSite?.trim().toLowerCase();
  if (site && site !== "same-origin" && site !== "none")
    return `cross-site write refused: Sec-Fetch-Site is ${JSON.stringify(site)}; only pages served by this server may change its data`;
  if (origin === undefined) return null;
  const own = new URL(url).origin;
  if (origin.trim().toLowerCase() !== own.toLowerCase())
    return `cross-site write refused: Origin ${JSON.stringify(origin.slice(0, 200))} is not this server (${own})`;
  return null;
}

function pathPattern(path: string): RegExp {
  const esc = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:[A-Za-z_]\w*/g, "[^/]+");
  return new RegExp(`^/api/v1${esc}/?$`);
}

/** Builds the Hono app from its dependencies. */
export function createApp(deps: AppDeps): Hono {
  const limits = resolveLimits(deps.limits);
  const log = deps.log ?? ((m: string) => console.error(m));
  const routes: RouteSpec[] = apiRoutes(deps.services, limits);
  const openapi = openApiDocument(routes, limits, API_VERSION_TEXT);
  const patterns = [
    ...routes.map((r) => ({ re: pathPattern(r.path), method: r.method.toUpperCase() })),
    { re: /^\/api\/v1\/openapi\.json$/, method: "GET" },
  ];
  const allowed = deps.allowedHosts ? new Set(deps.allowedHosts.map((h) => h.toLowerCase())) : null;
  const web = deps.webRoot ? staticFiles(deps.webRoot) : null;

  const app = new Hono();
  /** Set once a request met a damaged database file; every later write answers 503 store_corrupt. */
  let storeDamage: StoreFault | null = null;

  app.use("*", async (c, next) => {
    if (allowed && !allowed.has(hostName(c.req.header("host"), c.req.url))) {
      return errorResponse(
        c,
        new ApiError(400, "bad_host", "the Host header names a host this server does not answer for"),
      );
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      const refused = crossSiteRefusal(c.req.header("origin"), c.req.header("sec-fetch-site"), c.req.url);
      if (refused) return errorResponse(c, new ApiError(403, "cross_site", refused));
      if (storeDamage) return errorResponse(c, new ApiError(503, storeDamage.code, storeDamage.message));
    }
    // Set before the handler runs so they are part of the response it builds (setting them afterwards would
    // make the Node adapter copy the whole response).
    for (const [k, v] of SECURITY_HEADERS) c.header(k, v);
    if (c.req.path.startsWith("/api/")) c.header("Cache-Control", "no-store");
    await next();
  });

  const api = new Hono();
  mountRoutes(api, routes, limits);
  api.get("/openapi.json", (c) => c.json(openapi));
  app.route("/api/v1", api);

  app.get("*", async (c, next) => {
    if (!web || c.req.path.startsWith("/api/") || c.req.path === "/api") return next();
    const file = await web.get(c.req.path);
    if (!file) return next();
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": file.type,
      "Cache-Control": file.cacheControl,
    });
  });

  app.notFound((c) => {
    const path = c.req.path;
    const known = patterns.filter((p) => p.re.test(path));
    const method = c.req.method === "HEAD" ? "GET" : c.req.method;
    if (known.length > 0 && !known.some((k) => k.method === method)) {
      const allow = [...new Set(known.map((k) => k.method))].join(", ");
      c.header("Allow", allow);
      return errorResponse(
        c,
        new ApiError(405, "method_not_allowed", `${c.req.method} is not allowed on ${path}; use ${allow}`),
      );
    }
    if (!path.startsWith("/api/") && !web) {
      return errorResponse(
        c,
        new ApiError(
          404,
          "not_found",
          "the dashboard is not built here; run `npm run build:web` (the API is under /api/v1)",
        ),
      );
    }
    return errorResponse(
      c,
      new ApiError(404, "not_found", `no such endpoint: ${c.req.method} ${path.slice(0, 200)}`),
    );
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) {
      // A fault met on the compute thread arrives as an ApiError with the fault's code.
      if (err.code === "store_corrupt") storeDamage = new StoreFault("store_corrupt", err.message, "");
      return errorResponse(c, err);
    }
    const fault = toStoreFault(err, deps.services.store?.path ?? "(store)");
    if (fault) {
      // A damaged file stays damaged: later writes are refused up front instead of adding to it.
      if (fault.code === "store_corrupt") storeDamage = fault;
      log(`chokepoint server: ${fault.code} on ${c.req.method} ${c.req.path}: ${fault.message}`);
      return errorResponse(c, new ApiError(503, fault.code, fault.message));
    }
    if (err instanceof HTTPException) {
      const status = (err.status >= 400 && err.status < 500 ? err.status : 500) as ErrorStatus;
      return errorResponse(
        c,
        new ApiError(status, status === 413 ? "body_too_large" : "bad_request", err.message || "bad request"),
      );
    }
    log(
      `chokepoint server: unexpected error on ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return errorResponse(c, new ApiError(500, "internal", "internal error (logged on the server)"));
  });

  return app;
}
