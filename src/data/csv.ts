/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, embedded newlines. Pure (no Node imports) so the
 * browser, the CLI and the importers parse the same way.
 */
import { csvCell } from "../engine/format/csv.js";

export interface CsvTable {
  header: string[];
  /** Data rows as records keyed by header; `line` is the 1-based physical line where the row starts. */
  rows: { line: number; record: Record<string, string> }[];
}

export class CsvError extends Error {
  override name = "CsvError";
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Splits CSV text into raw rows of fields, each with its starting line number. */
export function parseCsvRows(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const endRow = () => {
    fields.push(field);
    field = "";
    if (!(fields.length === 1 && fields[0] === "")) out.push({ line: rowLine, fields });
    fields = [];
  };
  for (; i < n; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== "") throw new CsvError("quote inside an unquoted field", line);
      inQuotes = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (inQuotes) throw new CsvError("unterminated quoted field", rowLine);
  if (field !== "" || fields.length > 0) endRow();
  return out;
}

/** Parses CSV with a header row; a row with the wrong number of fields is an error naming its line. */
export function parseCsv(text: string): CsvTable {
  const raw = parseCsvRows(text);
  const head = raw.shift();
  if (!head) throw new CsvError("empty file: no header row", 1);
  const header = head.fields.map((h) => h.trim());
  const rows = raw.map(({ line, fields }) => {
    if (fields.length !== header.length)
      throw new CsvError(`expected ${header.length} fields, found ${fields.length}`, line);
    const record: Record<string, string> = {};
    header.forEach((h, j) => {
      record[h] = fields[j]!;
    });
    return { line, record };
  });
  return { header, rows };
}

/** Quotes a field when it holds a comma, quote or newline. */
export function csvField(value: unknown): string {
  const s = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Serialises records to CSV with the given column order. */
export function toCsv(columns: readonly string[], records: Record<string, unknown>[]): string {
  const lines = [columns.map(csvField).join(",")];
  for (const r of records) lines.push(columns.map((c) => csvField(r[c])).join(","));
  return lines.join("\n") + "\n";
}

/**
 * CSV for files a person opens in a spreadsheet (CLI exports). Text goes through the engine's one escaping rule
 * (csvCell in src/engine/format/csv.ts: a cell starting with =, +, -, @, tab or CR that is not a number gets a
 * leading apostrophe, so `=HYPERLINK(…)` or `@SUM(1)` is shown, never run); numbers are written as before.
 * Curated data files keep toCsv: they are read back by parseCsv, which must see the text unchanged.
 */
export function toExportCsv(columns: readonly string[], records: Record<string, unknown>[]): string {
  const cell = (v: unknown) =>
    typeof v === "number" ? csvField(v) : csvCell(v === null || v === undefined ? null : String(v));
  const lines = [columns.map(cell).join(",")];
  for (const r of records) lines.push(columns.map((c) => cell(r[c])).join(","));
  return lines.join("\n") + "\n";
}
