import type { PlotOptions } from "@observablehq/plot";
import { plot } from "@observablehq/plot";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { type CsvRow, download, pngBlob, svgText, toCsvText } from "./export.js";

export interface PlotFigureProps {
  /** Stable id: used for the export file names and as the test hook (`figure[data-chart=id]`). */
  id: string;
  title: string;
  /** Builds the Plot options for a given width; called again on resize. */
  options: (width: number) => PlotOptions;
  /** The data behind the chart, one row per mark datum, for the CSV export. */
  rows: () => readonly CsvRow[];
  caption?: ReactNode;
  /** Bumped by the caller each time the data changes; exposed as data-version for tests and benchmarks. */
  version?: number | string;
  maxWidth?: number;
}

/** One chart: renders Plot into a host div, resizes with its container, and offers PNG/SVG/CSV export buttons. */
export function PlotFigure({ id, title, options, rows, caption, version, maxWidth = 1240 }: PlotFigureProps) {
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [err, setErr] = useState<string | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry?.contentRect.width ?? 0);
      setWidth((old) => (Math.abs(old - w) > 4 ? w : old));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = host.current;
    if (!el || width <= 0) return;
    try {
      const node = plot({
        ariaLabel: title,
        ...options(Math.min(width, maxWidth)),
        width: Math.min(width, maxWidth),
      });
      el.replaceChildren(node);
      el.dataset.rendered = String(version ?? "");
      setErr(null);
    } catch (e) {
      setErr(e instanceof Error ? e.message : String(e));
    }
  }, [options, width, maxWidth, version, title]);

  const svg = (): SVGSVGElement | null => host.current?.querySelector("svg.plot, svg") ?? null;
  const exportSvg = () => {
    const s = svg();
    if (s) download(`${id}.svg`, new Blob([svgText(s)], { type: "image/svg+xml" }));
  };
  const exportPng = async () => {
    const s = svg();
    if (!s) return;
    try {
      download(`${id}.png`, await pngBlob(s));
    } catch (e) {
      setErr(e instanceof Error ? e.message : String(e));
    }
  };
  const exportCsv = () => download(`${id}.csv`, new Blob([toCsvText(rows())], { type: "text/csv" }));

  return (
    <figure className="chart" data-chart={id} data-version={version ?? ""}>
      <figcaption>{title}</figcaption>
      <div className="plot-host" ref={host} />
      {caption && <div className="muted">{caption}</div>}
      {err && <div className="error">Chart error: {err}</div>}
      <div className="exports">
        <button type="button" onClick={exportPng} aria-label={`Export ${title} as PNG`}>
          PNG
        </button>
        <button type="button" onClick={exportSvg} aria-label={`Export ${title} as SVG`}>
          SVG
        </button>
        <button type="button" onClick={exportCsv} aria-label={`Export ${title} data as CSV`}>
          CSV
        </button>
      </div>
    </figure>
  );
}
