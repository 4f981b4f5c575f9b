import { num, parse } from "../args.js";
import { StoreFault } from "../../store/faults.js";
import { type Command, CliFailure, UsageError } from "../command.js";
import { langFlag, translator } from "../lang.js";
import { startServer } from "../../server/start.js";
import { resolveDbPath } from "../../store/index.js";

const usage = `Usage: chokepoint serve [--port 8080] [--host 127.0.0.1] [--db FILE] [--lang en|zh-CN] [--json]

Starts the HTTP API (under /api/v1, described by /api/v1/openapi.json) and the dashboard (when built with
npm run build:web), with the bundled data loaded into the embedded database. Prints the URL and serves until
interrupted (Ctrl-C).

Options:
  --port N     TCP port (default $PORT, else 8080; 0 picks a free port)
  --host H     interface to bind (default 127.0.0.1, this machine only; 0.0.0.0 exposes it to the network)
  --db FILE    SQLite store (default $CHOKEPOINT_DB, else ~/.chokepoint/chokepoint.db; :memory: keeps nothing)
  --lang zh-CN these lines in Simplified Chinese, with the dashboard's Chinese address (?lang=zh-CN)
  --json       print {"url": …} as JSON instead of a sentence
`;

/** Resolves when the server should stop: on SIGINT or SIGTERM. Tests replace it to stop the server themselves. */
export const serveHooks = {
  waitForStop: (): Promise<void> =>
    new Promise<void>((done) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        done();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    }),
};

export const serveCommand: Command = {
  name: "serve",
  summary: "Start the HTTP API and dashboard (prints the URL)",
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      port: { type: "string" },
      host: { type: "string" },
      db: { type: "string" },
      json: { type: "boolean" },
      lang: { type: "string" },
    });
    const lang = langFlag(values.lang);
    const tr = translator(lang);
    if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    // --port, else the PORT environment variable (so `PORT=3000 npm start` works), else 8080.
    const envPort = io.env.PORT !== undefined && io.env.PORT !== "" ? io.env.PORT : undefined;
    const port =
      num("port", values.port, { min: 0, max: 65535, integer: true }) ?? envPortNumber(envPort) ?? 8080;
    const host = values.host ?? "127.0.0.1";
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await startServer({
        port,
        host,
        db: values.db === ":memory:" ? ":memory:" : resolveDbPath(values.db, io.env, io.cwd),
        log: (m) => io.stderr(`${m}\n`),
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (/already in use/.test(message) && port > 0) {
        const next = port < 65535 ? port + 1 : 8081;
        throw new CliFailure(
          `port ${port} is already in use (another Chokepoint or another program is listening there). ` +
            `Start on another port: npm start -- --port ${next}  (or PORT=${next} npm start, or chokepoint serve --port ${next})`,
        );
      }
      if (err instanceof StoreFault) throw err;
      throw new CliFailure(message);
    }
    if (values.json)
      io.stdout(
        `${JSON.stringify({ url: server.url, api: `${server.url}api/v1`, db: server.store.path })}\n`,
      );
    else {
      io.stdout(
        lang === "zh-CN"
          ? `${tr("Chokepoint is running at {url} (dashboard in Chinese: {url}?lang=zh-CN)", { url: server.url })}\n`
          : `Chokepoint is running at ${server.url}\n`,
      );
      io.stdout(
        `  ${tr("API: {api} (OpenAPI: {openapi})  store: {store}", {
          api: `${server.url}api/v1`,
          openapi: `${server.url}api/v1/openapi.json`,
          store: server.store.path,
        })}\n`,
      );
      if (host !== "127.0.0.1" && host !== "localhost" && host !== "::1")
        io.stderr(
          `${tr("warning: listening on {host}, reachable from other machines; the API has no authentication", { host })}\n`,
        );
      io.stdout(`${tr("Press Ctrl-C to stop.")}\n`);
    }
    await serveHooks.waitForStop();
    await server.close();
    return 0;
  },
};

/** The PORT environment variable as a port number; a bad value is a usage error naming the variable. */
function envPortNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || n > 65535)
    throw new UsageError(
      `invalid PORT environment variable: ${JSON.stringify(value)} (must be a whole number 0–65535)`,
      "PORT",
    );
  return n;
}
