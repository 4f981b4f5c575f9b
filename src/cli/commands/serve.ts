import { num, parse } from "../args.js";
import { type Command, CliFailure, UsageError } from "../command.js";
import { startServer } from "../../server/start.js";
import { resolveDbPath } from "../../store/index.js";

const usage = `Usage: chokepoint serve [--port 8080] [--host 127.0.0.1] [--db FILE] [--json]

Starts the HTTP API (under /api/v1, described by /api/v1/openapi.json) and the dashboard (when built with
npm run build:web), with the bundled data loaded into the embedded database. Prints the URL and serves until
interrupted (Ctrl-C).

Options:
  --port N     TCP port (default 8080; 0 picks a free port)
  --host H     interface to bind (default 127.0.0.1, this machine only; 0.0.0.0 exposes it to the network)
  --db FILE    SQLite store (default $CHOKEPOINT_DB, else ~/.chokepoint/chokepoint.db; :memory: keeps nothing)
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
    });
    if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const port = num("port", values.port, { min: 0, max: 65535, integer: true }) ?? 8080;
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
      throw new CliFailure(err instanceof Error ? err.message : String(err));
    }
    if (values.json)
      io.stdout(
        `${JSON.stringify({ url: server.url, api: `${server.url}api/v1`, db: server.store.path })}\n`,
      );
    else {
      io.stdout(`Chokepoint is running at ${server.url}\n`);
      io.stdout(
        `  API: ${server.url}api/v1 (OpenAPI: ${server.url}api/v1/openapi.json)  store: ${server.store.path}\n`,
      );
      if (host !== "127.0.0.1" && host !== "localhost" && host !== "::1")
        io.stderr(
          `warning: listening on ${host}, reachable from other machines; the API has no authentication\n`,
        );
      io.stdout("Press Ctrl-C to stop.\n");
    }
    await serveHooks.waitForStop();
    await server.close();
    return 0;
  },
};
