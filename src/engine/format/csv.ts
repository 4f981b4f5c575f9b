/**
 * CSV writing shared by the CLI's exports and the dashboard's: RFC 4180 quoting, numbers through csvNumber (no
 * 16-digit tails), and text that a spreadsheet would run as a formula (=, +, -, @, tab or CR first) prefixed with
 * an apostrophe (OWASP "CSV injection"). Pure: no node:* or DOM imports.
 */
import { csvNumber } from "./number.js";

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell, quoted when it holds a comma, quote or line break; formula-like text is defused with a leading '. */
export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return csvNumber(v);
  let s = typeof v === "boolean" ? (v ? "true" : "false") : v;
  // A signed number written as text ("-3.5") is data, not a formula; anything else starting so is defused.
  if (FORMULA_START.test(s) && !/^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of records as CSV text: header from the union of keys in first-seen order, CRLF line ends. */
export function toCsv(rows: readonly Record<string, CsvValue>[], preamble: readonly string[] = []): string {
  const cols: string[] = [];
  const seen = new Set<string>();
  for (const r of rows)
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        cols.push(k);
      }
  const lines = preamble.map((p) => `# ${p.replace(/[\r\n]+/g, " ")}`);
  lines.push(cols.map((c) => csvCell(c)).join(","));
  for (const r of rows) lines.push(cols.map((c) => csvCell(r[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
