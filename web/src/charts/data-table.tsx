import type { ReactNode } from "react";
import { type CsvRow, download, toCsvText } from "./export.js";

export interface Column<T> {
  key: string;
  label: string;
  value: (row: T) => string | number | boolean | null | undefined;
  render?: (row: T) => ReactNode;
  numeric?: boolean;
}

/** A plain table with a CSV export of exactly the columns shown. */
export function DataTable<T>({
  id,
  rows,
  columns,
  caption,
}: {
  id: string;
  rows: readonly T[];
  columns: Column<T>[];
  caption?: string;
}) {
  const exportCsv = () => {
    const out: CsvRow[] = rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, c.value(r)])));
    download(`${id}.csv`, new Blob([toCsvText(out)], { type: "text/csv" }));
  };
  return (
    <div className="table-block" data-table={id}>
      <div className="table-wrap">
        <table className="data">
          {caption && <caption className="muted">{caption}</caption>}
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are static snapshots
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.key} className={c.numeric ? "num" : undefined}>
                    {c.render ? c.render(r) : fmtCell(c.value(r))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="exports">
        <button type="button" className="action" onClick={exportCsv}>
          Export CSV
        </button>
      </div>
    </div>
  );
}

function fmtCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "number")
    return Number.isInteger(v)
      ? v.toLocaleString("en-US")
      : v.toLocaleString("en-US", { maximumSignificantDigits: 4 });
  if (typeof v === "boolean") return v ? "yes" : "no";
  return v;
}

/** Renders `a | b | c` source lists, linking every URL inside each entry ("Reuters via X: https://…" too). */
export function Sources({ sources }: { sources: readonly string[] | string | null | undefined }) {
  const list = Array.isArray(sources) ? sources : typeof sources === "string" ? sources.split(" | ") : [];
  return (
    <>
      {list.filter(Boolean).map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: source order is stable
        <span key={i}>
          {i > 0 && "; "}
          {linkify(s)}
        </span>
      ))}
    </>
  );
}

const URL_RE = /https?:\/\/[^\s;,)]+/g;

function linkify(text: string) {
  const out: (string | ReactNode)[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    out.push(
      <a key={at} href={m[0]} target="_blank" rel="noreferrer noopener">
        {shortUrl(m[0])}
      </a>,
    );
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function shortUrl(u: string): string {
  try {
    const url = new URL(u);
    const path = url.pathname.length > 28 ? `${url.pathname.slice(0, 26)}…` : url.pathname;
    return url.host.replace(/^www\./, "") + path;
  } catch {
    return u;
  }
}
