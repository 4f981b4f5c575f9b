import { runCli } from "../../src/cli/main.js";

/** Runs one `chokepoint` invocation in-process and captures what it printed and its exit code. */
export async function captureCli(
  argv: string[],
  opts: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    isTTY: false,
  });
  return { code, stdout, stderr };
}
