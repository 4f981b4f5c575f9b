import type { ReactNode } from "react";
import { formatNumber } from "../../../src/engine/format/number.js";
import { LANG, t } from "../i18n.js";
import { CREDIT, type CsvRow, DEFAULT_SOURCE, download, toCsvText } from "./export.js";

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
    const meta = {
      title: caption ?? id,
      source: t(DEFAULT_SOURCE),
      credit: t(CREDIT),
      link: window.location.href,
    };
    download(`${id}.csv`, new Blob([toCsvText(out, meta)], { type: "text/csv;charset=utf-8" }));
  };
  return (
    <div className="table-block" data-table={id}>
      {/* Focusable so a keyboard can scroll a wide table (axe: scrollable-region-focusable). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus */}
      <section className="table-wrap" tabIndex={0} aria-label={caption ?? id}>
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
                  <td key={c.key} className={c.numeric ? "num" : isDate(c.value(r)) ? "nowrap" : undefined}>
                    {c.render ? c.render(r) : fmtCell(c.value(r))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="exports">
        <button type="button" className="action" onClick={exportCsv}>
          {t("Export CSV")}
        </button>
      </div>
    </div>
  );
}

const isDate = (v: unknown) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

function fmtCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "number") return formatNumber(v, { lang: LANG, digits: 4 });
  if (typeof v === "boolean") return v ? t("yes") : t("no");
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

// Web addresses, and Federal Register citations ("88 FR 73458"), which link to the FR's own citation lookup.
const URL_RE = /https?:\/\/[^\s;,)]+|\b(\d{2,3}) FR (\d{1,6})\b/g;

function linkify(text: string) {
  const out: (string | ReactNode)[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const fr = m[1] !== undefined;
    const href = fr ? `https://www.federalregister.gov/citation/${m[1]}-FR-${m[2]}` : m[0];
    out.push(
      <a key={at} href={href} target="_blank" rel="noreferrer noopener">
        {fr ? m[0] : shortUrl(m[0])}
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
