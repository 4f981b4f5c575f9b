import * as Plot from "@observablehq/plot";
import { useCallback, useMemo } from "react";
import { formatDate } from "../../../src/engine/format/number.js";
import { asList, getJsonPrefetched, prefetchedJson } from "../api.js";
import { DataTable, Sources } from "../charts/data-table.js";
import { PlotFigure } from "../charts/plot-figure.js";
import { LANG, t } from "../i18n.js";
import { LinkIssues } from "../link-issues.js";
import type { EventRow } from "../types.js";
import { LinkReader } from "../url-state.js";
import { useLoad } from "../use-api.js";

/** Event types in words a reader knows (data/events.csv's type column). */
const TYPE_LABEL: Record<string, string> = {
  rule: "US rule (Federal Register)",
  "is-informed": "US letter to a firm (is-informed)",
  "entity-list": "US Entity List addition",
  licence: "US licence decision",
  legal: "Court or legal finding",
  market: "Market event",
  stockpiling: "Stockpiling report",
  "china-guidance": "Chinese government measure",
};
const typeLabel = (type: string) => t(TYPE_LABEL[type] ?? type);
/** The event's title in the page's language: a Chinese measure's own title on the Chinese page. */
const titleOf = (e: EventRow) => (LANG === "zh-CN" && e.titleZh ? e.titleZh : e.title);

/** Okabe–Ito plus black and grey: eight hues told apart with common colour-vision deficiencies. */
const TYPE_COLORS = ["#0072B2", "#56B4E9", "#009E73", "#E69F00", "#D55E00", "#CC79A7", "#000000", "#8a8a8a"];

/** Timeline: every dated policy and market event with its source, newest first. */
export function TimelinePage({
  params,
  setParams,
}: {
  params: URLSearchParams;
  setParams: (p: URLSearchParams) => void;
}) {
  const loaded = useLoad(
    async () => asList<EventRow>(await getJsonPrefetched("events"), "events"),
    [],
    () => {
      const body = prefetchedJson("events");
      return body === undefined ? undefined : asList<EventRow>(body, "events");
    },
  );
  const events = loaded.state === "ok" ? loaded.value : [];
  const types = useMemo(() => [...new Set(events.map((e) => e.type))].sort(), [events]);
  const { type, issues } = useMemo(() => {
    const r = new LinkReader(params);
    const type = r.oneOf(
      "type",
      loaded.state === "ok" ? ["all", ...types] : [params.get("type") ?? "all"],
      "all",
    );
    return { type, issues: r.issues };
  }, [params, types, loaded.state]);
  const shown = useMemo(
    () => events.filter((e) => type === "all" || e.type === type).sort((a, b) => (a.date < b.date ? 1 : -1)),
    [events, type],
  );
  const options = useCallback(
    (width: number): Plot.PlotOptions => ({
      height: Math.max(180, 40 * Math.max(1, types.length) + 60),
      marginLeft: width < 500 ? 150 : 230,
      x: { type: "utc", label: null, grid: true, inset: 10 },
      // On a phone the type names are cut to fit the margin (the table below gives them in full).
      y: {
        label: null,
        domain: types,
        tickFormat: (ty: string) => fitLabel(typeLabel(ty), width < 500 ? 140 : 220),
      },
      color: { domain: types, range: TYPE_COLORS },
      marks: [
        Plot.dot(
          shown.map((e) => ({ ...e, when: new Date(`${e.date}T00:00:00Z`) })),
          {
            x: "when",
            y: "type",
            fill: "type",
            stroke: "white",
            r: 6,
            tip: true,
            title: (e: EventRow) => `${formatDate(e.date, LANG)} — ${titleOf(e)}`,
          },
        ),
      ],
    }),
    [shown, types],
  );
  if (loaded.state === "loading") return <p className="status">{t("Loading events…")}</p>;
  if (loaded.state === "error")
    return <p className="error">{t("Could not load events: {m}", { m: loaded.message })}</p>;
  const us = events.filter((e) => e.bloc === "US").length;
  const cn = events.filter((e) => e.bloc === "CN").length;
  const sorted = [...events].sort((a, b) => (a.date < b.date ? -1 : 1));
  const latest = sorted.at(-1);
  const answer = t(
    "{n} dated events from {first} to {last}: {us} US measures and {cn} Chinese ones. The latest: {latestDate}, {latestTitle}.",
    {
      n: events.length,
      first: formatDate(sorted[0]?.date, LANG),
      last: formatDate(latest?.date, LANG),
      us,
      cn,
      latestDate: formatDate(latest?.date, LANG),
      latestTitle: latest ? titleOf(latest) : "—",
    },
  );
  return (
    <section>
      <h2>{t("Timeline of export controls and market events")}</h2>
      <LinkIssues issues={issues} />
      <p className="answer" data-testid="timeline-answer">
        {answer}
      </p>
      <div className="controls">
        <label>
          {t("Event type")}
          <select
            value={type}
            name="type"
            onChange={(e) => {
              const p = new URLSearchParams();
              if (e.target.value !== "all") p.set("type", e.target.value);
              setParams(p);
            }}
          >
            <option value="all">
              {t("all")} ({events.length})
            </option>
            {types.map((ty) => (
              <option key={ty} value={ty}>
                {typeLabel(ty)} ({events.filter((e) => e.type === ty).length})
              </option>
            ))}
          </select>
        </label>
      </div>
      <PlotFigure
        id="timeline"
        title={t("Events by type")}
        summary={answer}
        settings={`type=${type}`}
        source={t(
          "Source: data/events.csv — each event cites its primary source (Federal Register, SEC filings, MOFCOM, court records).",
        )}
        options={options}
        rows={() =>
          shown.map((e) => ({
            date: e.date,
            type: e.type,
            title: e.title,
            title_zh: e.titleZh ?? "",
            bloc: e.bloc,
            source: srcText(e),
          }))
        }
        version={`${type}-${shown.length}`}
      />
      <DataTable
        id="events"
        caption={t("Events, newest first")}
        rows={shown}
        columns={[
          {
            key: "date",
            label: t("Date"),
            value: (e) => e.date,
            render: (e) => <span className="nowrap">{e.date}</span>,
          },
          { key: "type", label: t("Type"), value: (e) => typeLabel(e.type) },
          {
            key: "title",
            label: t("Event"),
            value: (e) => titleOf(e),
            // On the English page a Chinese measure also shows its own title, as issued.
            render: (e) =>
              LANG !== "zh-CN" && e.titleZh ? (
                <>
                  {e.title}
                  <br />
                  <span lang="zh-CN" className="muted">
                    {e.titleZh}
                  </span>
                </>
              ) : (
                titleOf(e)
              ),
          },
          { key: "detail", label: t("Detail"), value: (e) => e.detail },
          { key: "bloc", label: t("Bloc"), value: (e) => e.bloc },
          { key: "confidence", label: t("Confidence"), value: (e) => e.confidence },
          {
            key: "source",
            label: t("Source"),
            value: srcText,
            render: (e) => <Sources sources={srcList(e)} />,
          },
        ]}
      />
    </section>
  );
}

function srcList(e: EventRow): string[] {
  if (e.sources) return e.sources;
  if (Array.isArray(e.source)) return e.source;
  return e.source ? e.source.split(" | ") : [];
}
const srcText = (e: EventRow) => srcList(e).join(" | ");

/** The label cut with "…" to about `px` pixels at the axis font (CJK characters count double). */
function fitLabel(label: string, px: number): string {
  let w = 0;
  let out = "";
  for (const ch of label) {
    const cw = ch.charCodeAt(0) > 0x2e80 ? 11 : 6;
    if (w + cw > px - 8) return `${out}…`;
    w += cw;
    out += ch;
  }
  return out;
}
