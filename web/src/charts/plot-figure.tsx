import type { PlotOptions } from "@observablehq/plot";
import { plot } from "@observablehq/plot";
import { type ReactNode, useLayoutEffect, useRef, useState } from "react";
import { t } from "../i18n.js";
import {
  CREDIT,
  type CsvRow,
  DEFAULT_SOURCE,
  download,
  type ExportMeta,
  framedSvgText,
  pngBlob,
  toCsvText,
} from "./export.js";

export interface PlotFigureProps {
  /** Stable id: used for the export file names and as the test hook (`figure[data-chart=id]`). */
  id: string;
  title: string;
  /** Builds the Plot options for a given width; called again on resize. */
  options: (width: number) => PlotOptions;
  /** The data behind the chart, one row per mark datum, for the CSV export. */
  rows: () => readonly CsvRow[];
  caption?: ReactNode;
  /** The chart's answer in one or two sentences: its text alternative, and the first line under an export's title. */
  summary?: string;
  /** The view's settings for exports (e.g. "date=2025-06-01 destination=CN"). */
  settings?: string;
  /** Where this chart's numbers come from (exports' source line); DEFAULT_SOURCE when absent. */
  source?: string;
  /** Bumped by the caller each time the data changes; exposed as data-version for tests and benchmarks. */
  version?: number | string;
  /**
   * True when `options` depends on nothing but `version` (and the width): the chart then redraws when the version
   * changes, not each time the caller rebuilds the options function. Otherwise every new `options` redraws it.
   */
  versioned?: boolean;
  maxWidth?: number;
  /** Charts of one group are drawn in the same task (see drawSoon): charts that always follow the same answer. */
  group?: string;
}

/**
 * Charts drawn in one go (the effects of one React commit) would hold the frame until the last is done. The first
 * chart of a task is drawn at once; the rest wait for tasks of their own, one chart each, so the browser can paint
 * the first (the one a slider move is about, placed first on the page) before drawing the others.
 * Charts that share a `group` are drawn in the same task instead (the first of them at once, the others of the same
 * commit with it; queued ones together in one later task): they are redrawn from the same answer, and one style,
 * layout and paint for all of them costs less than one per chart.
 */
const queue = new Map<object, { draw: () => void; group: string | undefined }>();
let drewThisTask = false;
/** The group being drawn in this task: later charts of the same group in this task are drawn at once too. */
let groupThisTask: string | undefined;
let flushing = false;
const channel = typeof MessageChannel === "undefined" ? null : new MessageChannel();
if (channel) channel.port1.onmessage = () => flushOne();

function nextTask(): void {
  if (channel) channel.port2.postMessage(null);
  else setTimeout(flushOne, 0);
}

function endOfTask(group: string | undefined): void {
  drewThisTask = true;
  groupThisTask = group;
  queueMicrotask(() => {
    drewThisTask = false;
    groupThisTask = undefined;
  });
}

function flushOne(): void {
  flushing = false;
  const next = queue.entries().next();
  if (next.done) return;
  const [key, first] = next.value;
  queue.delete(key);
  const group = first.group;
  endOfTask(group);
  first.draw();
  if (group !== undefined)
    for (const [k, item] of [...queue])
      if (item.group === group) {
        queue.delete(k);
        item.draw();
      }
  if (queue.size > 0) {
    flushing = true;
    nextTask();
  }
}

function drawSoon(key: object, draw: () => void, group: string | undefined): void {
  if ((!drewThisTask && queue.size === 0) || (group !== undefined && group === groupThisTask)) {
    if (!drewThisTask) endOfTask(group);
    draw();
    return;
  }
  queue.set(key, { draw, group });
  if (!flushing) {
    flushing = true;
    nextTask();
  }
}

/**
 * Plot writes a `<style>` element into every chart it draws (the same rules each time, scoped by its class). A
 * style element entering or leaving the page makes the browser match every element of the page again (measured
 * on Scenarios: replacing a chart cost ~5 ms of style and layout with it, ~2 ms without), and a slider move
 * replaces four charts. An inline SVG's style applies to the whole document anyway, so each distinct text is kept
 * once in <head> and taken out of the chart; exports put the chart's own back (exportable()).
 */
const hoisted = new Set<string>();
const ownStyles = new WeakMap<Element, string[]>();

function hoistStyles(node: Element): void {
  for (const el of node.querySelectorAll("style")) {
    const css = el.textContent ?? "";
    const owner = el.parentElement;
    if (!hoisted.has(css)) {
      hoisted.add(css);
      const shared = document.createElement("style");
      shared.dataset.plotStyle = "";
      shared.textContent = css;
      document.head.append(shared);
    }
    if (owner) ownStyles.set(owner, [...(ownStyles.get(owner) ?? []), css]);
    el.remove();
  }
}

/** A copy of a drawn chart's SVG with its own style rules back inside, as Plot made it (for SVG and PNG files). */
function exportable(svg: SVGSVGElement): SVGSVGElement {
  const css = ownStyles.get(svg);
  if (!css?.length) return svg;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  for (const text of [...css].reverse()) {
    const el = document.createElementNS("http://www.w3.org/2000/svg", "style");
    el.textContent = text;
    copy.prepend(el);
  }
  return copy;
}

/** One chart: renders Plot into a host div, resizes with its container, and offers PNG/SVG/CSV export buttons. */
export function PlotFigure({
  id,
  title,
  options,
  rows,
  caption,
  summary,
  settings,
  source,
  version,
  versioned = false,
  maxWidth = 1240,
  group,
}: PlotFigureProps) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(options);
  latest.current = options;
  // What a redraw follows: the options function itself, or only the version when the caller says it suffices.
  const trigger = versioned ? null : options;
  const [width, setWidth] = useState(0);
  const [err, setErr] = useState<string | null>(null);

  // Measured in a layout effect, so a new chart's first drawing happens in the same commit as its mount rather
  // than a frame later, when the ResizeObserver first reports.
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    setWidth(Math.floor(el.getBoundingClientRect().width));
    const ro = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry?.contentRect.width ?? 0);
      setWidth((old) => (Math.abs(old - w) > 4 ? w : old));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A layout effect, so the first chart of a commit is drawn before the browser paints that commit (a passive
  // effect may run only after a frame showing the new version label beside the old chart).
  // biome-ignore lint/correctness/useExhaustiveDependencies: trigger stands for options unless versioned
  useLayoutEffect(() => {
    const el = host.current;
    if (!el || width <= 0) return;
    const draw = () => {
      if (!el.isConnected) return;
      try {
        const w = Math.min(width, maxWidth);
        const node = plot({ ariaLabel: title, ...latest.current(w), width: w });
        hoistStyles(node);
        // Plot names its mark groups with aria-label; ARIA allows a name only on an element with a role, so
        // groups get role="group" and shapes lose a name they may not carry (axe: aria-prohibited-attr).
        for (const el of node.querySelectorAll("[aria-label]:not([role])"))
          if (el.tagName.toLowerCase() === "g") el.setAttribute("role", "group");
          else if (el.tagName.toLowerCase() !== "svg") el.removeAttribute("aria-label");
        el.replaceChildren(node);
        el.dataset.rendered = String(version ?? "");
        setErr(null);
      } catch (e) {
        setErr(e instanceof Error ? e.message : String(e));
      }
    };
    drawSoon(el, draw, group);
    return () => {
      if (queue.get(el)?.draw === draw) queue.delete(el);
    };
  }, [trigger, width, maxWidth, version, title, group]);

  const svg = (): SVGSVGElement | null => host.current?.querySelector("svg.plot, svg") ?? null;
  const meta = (): ExportMeta => ({
    title: summary ? `${title} — ${summary}` : title,
    ...(settings ? { settings } : {}),
    source: source ?? t(DEFAULT_SOURCE),
    credit: t(CREDIT),
    link: window.location.href,
  });
  const exportSvg = () => {
    const s = svg();
    if (s) download(`${id}.svg`, new Blob([framedSvgText(exportable(s), meta())], { type: "image/svg+xml" }));
  };
  const exportPng = async () => {
    const s = svg();
    if (!s) return;
    try {
      download(`${id}.png`, await pngBlob(exportable(s), meta()));
    } catch (e) {
      setErr(e instanceof Error ? e.message : String(e));
    }
  };
  const exportCsv = () =>
    download(`${id}.csv`, new Blob([toCsvText(rows(), meta())], { type: "text/csv;charset=utf-8" }));

  return (
    <figure className="chart" data-chart={id} data-version={version ?? ""}>
      <figcaption>{title}</figcaption>
      {summary && <p className="sr-only">{summary}</p>}
      <div className="plot-host" ref={host} />
      {caption && <div className="muted">{caption}</div>}
      {err && <div className="error">{t("Chart error: {m}", { m: err })}</div>}
      <div className="exports">
        <button type="button" onClick={exportPng} aria-label={t("Export {title} as PNG", { title })}>
          PNG
        </button>
        <button type="button" onClick={exportSvg} aria-label={t("Export {title} as SVG", { title })}>
          SVG
        </button>
        <button type="button" onClick={exportCsv} aria-label={t("Export {title} data as CSV", { title })}>
          CSV
        </button>
      </div>
    </figure>
  );
}
