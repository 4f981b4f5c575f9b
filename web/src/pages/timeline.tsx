import * as Plot from "@observablehq/plot";
import { useCallback, useMemo, useState } from "react";
import { asList, getJson } from "../api.js";
import { DataTable, Sources } from "../charts/data-table.js";
import { PlotFigure } from "../charts/plot-figure.js";
import type { EventRow } from "../types.js";
import { useLoad } from "../use-api.js";

/** Timeline: every dated policy and market event with its source. */
export function TimelinePage() {
  const loaded = useLoad(async () => asList<EventRow>(await getJson("events"), "events"), []);
  const [type, setType] = useState("all");
  const events = loaded.state === "ok" ? loaded.value : [];
  const types = useMemo(() => [...new Set(events.map((e) => e.type))].sort(), [events]);
  const shown = useMemo(
    () => events.filter((e) => type === "all" || e.type === type).sort((a, b) => (a.date < b.date ? -1 : 1)),
    [events, type],
  );
  const options = useCallback(
    (width: number): Plot.PlotOptions => ({
      height: Math.max(160, 36 * Math.max(1, types.length) + 60),
      marginLeft: width < 500 ? 90 : 120,
      x: { type: "utc", label: null, grid: true, inset: 10 },
      y: { label: null, domain: types },
      color: { domain: types, scheme: "tableau10" },
      marks: [
        Plot.dot(
          shown.map((e) => ({ ...e, when: new Date(`${e.date}T00:00:00Z`) })),
          {
            x: "when",
            y: "type",
            fill: "type",
            r: 5,
            tip: true,
            title: (e: EventRow) => `${e.date} — ${e.title}`,
          },
        ),
      ],
    }),
    [shown, types],
  );
  if (loaded.state === "loading") return <p className="status">Loading events…</p>;
  if (loaded.state === "error") return <p className="error">Could not load events: {loaded.message}</p>;
  return (
    <section>
      <h2>Timeline of export controls and market events</h2>
      <div className="controls">
        <label>
          Event type
          <select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="all">all ({events.length})</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </div>
      <PlotFigure
        id="timeline"
        title="Events by type"
        options={options}
        rows={() =>
          shown.map((e) => ({ date: e.date, type: e.type, title: e.title, bloc: e.bloc, source: srcText(e) }))
        }
        version={`${type}-${shown.length}`}
      />
      <DataTable
        id="events"
        rows={shown}
        columns={[
          { key: "date", label: "Date", value: (e) => e.date },
          { key: "type", label: "Type", value: (e) => e.type },
          { key: "title", label: "Event", value: (e) => e.title },
          { key: "detail", label: "Detail", value: (e) => e.detail },
          { key: "bloc", label: "Bloc", value: (e) => e.bloc },
          { key: "confidence", label: "Confidence", value: (e) => e.confidence },
          { key: "source", label: "Source", value: srcText, render: (e) => <Sources sources={srcList(e)} /> },
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
