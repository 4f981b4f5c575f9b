/** Starts the HTTP server: the store with the bundled data loaded, the API, and the built dashboard if present. */
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { packageRoot } from "../data/paths.js";
import { ensureBundled, openStore, resolveDbPath, type Store } from "../store/index.js";
import { SavedStore } from "../store/saved.js";
import { createApp } from "./app.js";
import { defaultCompute } from "./compute.js";
import { type ApiLimits, resolveLimits } from "./limits.js";
import { createServices } from "./services.js";

export interface StartOptions {
  /** TCP port; 0 picks a free one (the URL tells which). Default 8080. */
  port?: number;
  /** Interface to bind; default 127.0.0.1 (loopback only). */
  host?: string;
  /** SQLite file; default $CHOKEPOINT_DB or ~/.chokepoint/chokepoint.db. ":memory:" keeps nothing. */
  db?: string;
  /** Built dashboard folder; default dist/web of the package when it exists. */
  webRoot?: string | null;
  limits?: Partial<ApiLimits>;
  log?: (message: string) => void;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8080/ */
  url: string;
  port: number;
  app: Hono;
  store: Store;
  /** Dataset version the bundled data was loaded as. */
  datasetVersion: number;
  /** Stops accepting connections, ends open ones and closes the store. */
  close(): Promise<void>;
}

/** True for a loopback bind: localhost, ::1 and the whole 127.0.0.0/8 block (127.0.0.2 is loopback too). */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase();
  return h === "localhost" || h === "::1" || h === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The built dashboard folder of this package, or null when `npm run build:web` has not run. */
export function defaultWebRoot(): string | null {
  const dir = join(packageRoot(), "dist", "web");
  return existsSync(join(dir, "index.html")) ? dir : null;
}

/** The host to print in the URL: a wildcard bind is opened through loopback; IPv6 literals get brackets. */
function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/** Opens the store, loads the bundled data and listens; resolves once the port is bound. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? "127.0.0.1";
  const port = opts.port ?? 8080;
  const limits = resolveLimits(opts.limits);
  const store = openStore(opts.db === ":memory:" ? ":memory:" : resolveDbPath(opts.db));
  let datasetVersion: number;
  try {
    datasetVersion = ensureBundled(store);
  } catch (err) {
    store.close();
    throw err;
  }
  const services = createServices({ store, saved: new SavedStore(store.db), compute: defaultCompute() });
  const loopback = isLoopback(host);
  const app = createApp({
    services,
    limits,
    webRoot: opts.webRoot === undefined ? defaultWebRoot() : opts.webRoot,
    // On loopback only local names may address us, which defeats DNS-rebinding pages.
    allowedHosts: loopback ? ["127.0.0.1", "localhost", "[::1]", urlHost(host).toLowerCase()] : null,
    ...(opts.log ? { log: opts.log } : {}),
  });

  const server = await new Promise<ReturnType<typeof serve>>((done, fail) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => done(s));
    s.once("error", (err: NodeJS.ErrnoException) => {
      store.close();
      fail(
        err.code === "EADDRINUSE"
          ? new Error(`port ${port} on ${host} is already in use; pick another with --port`)
          : err.code === "EADDRNOTAVAIL"
            ? new Error(`cannot bind ${host}: no such local address`)
            : err,
      );
    });
  });
  const http = server as import("node:http").Server;
  // Requests Node's HTTP parser cannot read (bad request line, oversized headers) get a JSON error like every other
  // refusal, instead of Node's bare-text 400.
  http.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    const status =
      err.code === "HPE_HEADER_OVERFLOW" ? 431 : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    const reason =
      status === 431 ? "Request Header Fields Too Large" : status === 408 ? "Request Timeout" : "Bad Request";
    const body = JSON.stringify({
      error: {
        code: status === 431 ? "headers_too_large" : status === 408 ? "timeout" : "bad_request",
        message: `the HTTP request could not be parsed (${err.code ?? "parse error"})`,
      },
    });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  http.requestTimeout = limits.maxRequestMs + 5_000;
  http.headersTimeout = 10_000;
  const bound = (server.address() as AddressInfo).port;

  let closed: Promise<void> | null = null;
  return {
    url: `http://${urlHost(host)}:${bound}/`,
    port: bound,
    app,
    store,
    datasetVersion,
    close() {
      closed ??= new Promise<void>((done) => {
        http.close(() => {
          store.close();
          void services.compute.close().then(done, done);
        });
        http.closeAllConnections?.();
      });
      return closed;
    },
  };
}
