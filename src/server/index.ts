/**
 * The HTTP server: `createApp(deps)` builds the Hono app (JSON API under /api/v1 plus the built dashboard) with
 * its dependencies injected, so tests call `app.request()`; `startServer(opts)` opens the store, loads the bundled
 * data and listens (127.0.0.1 by default). Node only; the engine never imports this folder.
 */
export { type AppDeps, CONTENT_SECURITY_POLICY, createApp } from "./app.js";
export { ApiError, type ErrorBody } from "./errors.js";
export { type ApiLimits, DEFAULT_LIMITS, resolveLimits } from "./limits.js";
export { openApiDocument } from "./openapi.js";
export { type ApiServices, createServices } from "./services.js";
export { type RunningServer, type StartOptions, startServer } from "./start.js";
