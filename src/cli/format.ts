/** Plain-text tables and number formatting shared by every command's human output. */
export function table(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? "—" : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (/^-?[\d,.]+(e[+-]?\d+)?%?$/.test(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...cells.map(line)].join("\n") + "\n";
}

/** 15832 → "15,832"; 5.9234 → "5.92"; null → "—". */
export function fmt(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  if (Math.abs(n) >= 1e6 || (Math.abs(n) > 0 && Math.abs(n) < 1e-3)) return n.toExponential(digits);
  return n.toLocaleString("en-US", { maximumFractionDigits: Number.isInteger(n) ? 0 : digits });
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}
