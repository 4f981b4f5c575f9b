/** The contract every `chokepoint` sub-command implements; commands are plain objects so tests run them in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when stderr is an interactive terminal: progress bars draw only then. */
  isTTY: boolean;
}

export interface Command {
  name: string;
  summary: string;
  /** Full help text printed by `chokepoint <name> --help`. */
  usage: string;
  /** Returns the process exit code: 0 ok, 1 failure, 2 bad usage or input. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Bad usage or bad input: exit code 2, message printed without a stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A failure that is not the user's fault (missing data, I/O): exit code 1. */
export class CliFailure extends Error {
  override name = "CliFailure";
}
