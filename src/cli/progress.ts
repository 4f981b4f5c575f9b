/** A progress bar on stderr for long runs; silent when stderr is not a terminal or output is JSON. */
export function progressBar(
  io: { stderr: (t: string) => void; isTTY: boolean },
  label: string,
  enabled = true,
) {
  let last = -1;
  const on = enabled && io.isTTY;
  return {
    update(fraction: number) {
      if (!on) return;
      const pct = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
      if (pct === last) return;
      last = pct;
      const filled = Math.round(pct / 4);
      io.stderr(`\r${label} [${"█".repeat(filled)}${" ".repeat(25 - filled)}] ${pct}%`);
    },
    done() {
      if (on) io.stderr("\r\x1b[K");
    },
  };
}
