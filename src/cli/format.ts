/** Plain-text tables and number formatting shared by every command's human output (numbers: src/engine/format). */
import { formatFixed, type Lang, scientific } from "../engine/format/number.js";

// Right-aligned: plain numbers ("15,832", "-0.5", "37%") and powers of ten ("1.62 × 10²⁵").
const NUMERIC = /^[-−]?[\d,.]+(e[+-]?\d+| × 10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?%?$|^10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+$/;

export function table(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = rows.map((r) =>
    r.map((c) => (c === null || c === undefined ? "—" : typeof c === "number" ? fmt(c) : String(c))),
  );
  const widths = headers.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i] ?? ""))));
  const pad = (c: string, w: number, left: boolean) => {
    const fill = " ".repeat(Math.max(0, w - width(c)));
    return left ? fill + c : c + fill;
  };
  const line = (r: string[]) =>
    r
      .map((c, i) => pad(c, widths[i]!, NUMERIC.test(c)))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...cells.map(line)].join("\n") + "\n";
}

/** Display width in a terminal: CJK ideographs and full-width forms take two columns. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}

/**
 * 15832 → "15,832"; 5.9234 → "5.92" (at most `digits` decimals); 1.62e25 → "1.62 × 10²⁵"; null → "—".
 * The same Intl formatter as the dashboard (src/engine/format/number.ts), so both show a figure alike.
 */
export function fmt(n: number | null | undefined, digits = 2, lang: Lang = "en"): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  const a = Math.abs(n);
  if (a >= 1e9 || (a > 0 && a < 1e-3)) return scientific(n, digits + 1, lang);
  if (Number.isInteger(n)) return formatFixed(n, 0, lang);
  const s = formatFixed(n, digits, lang);
  // Drop trailing zeros of the decimals ("2.50" → "2.5") but keep at least the integer part.
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}
