import { type CliIo, CliFailure, type Command, UsageError } from "./command.js";
import { commands } from "./commands/index.js";
import { InputFileError } from "../data/read-input.js";
import { StoreFault, toStoreFault } from "../store/faults.js";
import { ForeignDatabaseError, lastStorePath } from "../store/index.js";

const VERSION = "0.1.0";

function help(): string {
  const w = Math.max(...commands.map((c) => c.name.length));
  return [
    "chokepoint — the US–China AI race under export controls, quantified",
    "",
    "Usage: chokepoint <command> [options]   (every command takes --json and --help)",
    "Human output in Simplified Chinese: --lang zh-CN on every command (--json stays English).",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    "",
    "Exit codes: 0 ok, 1 failure, 2 bad usage or input.",
    "",
  ].join("\n");
}

/** Runs one CLI invocation in-process and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(help());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const cmd: Command | undefined = commands.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(`chokepoint: unknown command ${JSON.stringify(name)}; run chokepoint --help\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(cmd.usage.endsWith("\n") ? cmd.usage : `${cmd.usage}\n`);
    return 0;
  }
  const wantsJson = rest.includes("--json");
  try {
    return await cmd.run(rest, io);
  } catch (caught) {
    // A storage fault is one line naming the database file (exit 1), whichever command met it.
    const err = toStoreFault(caught, lastStorePath() ?? "(store)") ?? caught;
    if (err instanceof StoreFault) {
      if (wantsJson)
        io.stdout(`${JSON.stringify({ error: { code: err.code, message: err.message } }, null, 2)}\n`);
      else io.stderr(`chokepoint ${name}: ${err.code}: ${err.message}\n`);
      return 1;
    }
    const usage =
      err instanceof UsageError || err instanceof InputFileError || err instanceof ForeignDatabaseError;
    const code = usage ? 2 : 1;
    const message = err instanceof Error ? err.message : String(err);
    if (wantsJson) {
      const field = err instanceof UsageError || err instanceof InputFileError ? err.field : undefined;
      io.stdout(
        `${JSON.stringify({ error: { code: code === 2 ? "bad_input" : "failure", message, ...(field ? { field } : {}) } }, null, 2)}\n`,
      );
    } else {
      io.stderr(`chokepoint ${name}: ${message}\n`);
    }
    if (!usage && !(err instanceof CliFailure) && io.env.CHOKEPOINT_DEBUG) {
      io.stderr(`${(err as Error).stack ?? ""}\n`);
    }
    return code;
  }
}

/** The process adapter: real stdout/stderr, exit code from runCli. */
export async function main(): Promise<void> {
  // A closed pipe (`chokepoint chips | head`) is a normal end of output, not a crash.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
  // Ctrl-C: say so instead of vanishing with exit 130. A command that handles SIGINT itself (serve stops cleanly)
  // keeps doing so; SQLite rolls back a write the signal cut short.
  const command = process.argv[2] ?? "";
  process.on("SIGINT", () => {
    if (process.listenerCount("SIGINT") > 1) return;
    process.stderr.write(`\nchokepoint ${command}: interrupted (SIGINT); stopped before finishing\n`);
    process.exit(130);
  });
  const code = await runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
  });
  // A Ctrl-C that arrived during synchronous work (a long simulation) is only dispatched when the event loop turns:
  // give it that turn (a timer, so the loop polls its signal pipe) before exiting, so it still says "interrupted"
  // and exits 130 instead of vanishing with 0.
  await new Promise((resolve) => setTimeout(resolve, 20));
  process.exitCode = code;
}
