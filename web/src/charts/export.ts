/** Chart exports: SVG and PNG of the rendered plot, CSV of the data behind it. All client-side, no inline script. */

import { type CsvValue, toCsv } from "../../../src/engine/format/csv.js";

export type CsvRow = Record<string, CsvValue>;

/** The source line and credit every export carries unless a chart names its own source. */
export const DEFAULT_SOURCE =
  "Source: Chokepoint — US Federal Register rule texts, vendor datasheets, Epoch AI data; engine and data at the project repository.";
export const CREDIT =
  "Model and hardware data: Epoch AI, CC BY 4.0 (https://epoch.ai/data; creativecommons.org/licenses/by/4.0/).";

/** What every export carries so it stands on its own: title, settings, date, sources, the CC BY credit. */
export interface ExportMeta {
  title: string;
  /** The view's settings in words or key=value pairs (what a reader needs to reproduce it). */
  settings?: string;
  /** Where the numbers come from. */
  source: string;
  /** The licence credit Epoch AI's CC BY 4.0 requires, and the tool. */
  credit: string;
  /** The page's link (state in the hash), so the view can be opened again. */
  link?: string;
}

/** The lines heading a CSV export (as # comments) and an image export (as text). */
export function metaLines(m: ExportMeta, exported = new Date().toISOString().slice(0, 10)): string[] {
  return [
    m.title,
    ...(m.settings ? [m.settings] : []),
    `Exported ${exported}${m.link ? ` · ${m.link}` : ""}`,
    m.source,
    m.credit,
  ];
}

/**
 * RFC 4180 CSV through the shared writer (src/engine/format/csv.ts: six significant digits, formula-like text
 * defused), headed by the export's title, settings, date, source and credit as # comment lines.
 */
export function toCsvText(rows: readonly CsvRow[], meta?: ExportMeta): string {
  return toCsv(rows, meta ? metaLines(meta) : []);
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The chart's SVG as standalone text: namespaces set, and the page font made explicit so it renders the same elsewhere. */
export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  const { width, height } = svg.getBoundingClientRect();
  if (!clone.getAttribute("width") && width) clone.setAttribute("width", String(Math.round(width)));
  if (!clone.getAttribute("height") && height) clone.setAttribute("height", String(Math.round(height)));
  if (!clone.getAttribute("font-family")) clone.setAttribute("font-family", "system-ui, sans-serif");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);

/**
 * The chart's SVG with its title and settings above and the date, source and credit below, so a saved image says
 * what it shows and where it came from. The chart itself is nested unchanged.
 */
export function framedSvgText(svg: SVGSVGElement, meta: ExportMeta): string {
  const inner = svgText(svg).replace(/^<\?xml[^>]*>\s*/, "");
  const w = Number(svg.getAttribute("width")) || Math.round(svg.getBoundingClientRect().width) || 640;
  const h = Number(svg.getAttribute("height")) || Math.round(svg.getBoundingClientRect().height) || 400;
  const [title, ...rest] = metaLines(meta);
  const settings = meta.settings ? [rest.shift()!] : [];
  const foot = rest;
  const top = 28 + settings.length * 16;
  const total = top + h + 10 + foot.length * 15;
  const line = (y: number, text: string, size: number, weight = "normal", fill = "#1b1f24") =>
    `<text x="8" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}">${esc(text)}</text>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${total}" viewBox="0 0 ${w} ${total}" font-family="system-ui, sans-serif">`,
    `<rect width="${w}" height="${total}" fill="#fff"/>`,
    line(20, title!, 15, "600"),
    ...settings.map((s, i) => line(38 + i * 16, s, 12, "normal", "#5b6470")),
    `<g transform="translate(0 ${top})">${inner}</g>`,
    ...foot.map((s, i) => line(top + h + 20 + i * 15, s, 11, "normal", "#5b6470")),
    "</svg>",
  ].join("\n");
}

/**
 * Rasterises the SVG at 2× on a white background. Loading the SVG as an image needs `img-src blob:` in the page's CSP.
 */
export async function pngBlob(svg: SVGSVGElement, meta?: ExportMeta, scale = 2): Promise<Blob> {
  const text = meta ? framedSvgText(svg, meta) : svgText(svg);
  const size = /<svg[^>]*?width="(\d+(?:\.\d+)?)"[^>]*?height="(\d+(?:\.\d+)?)"/.exec(text);
  const w = Number(size?.[1]) || svg.getBoundingClientRect().width || 640;
  const h = Number(size?.[2]) || svg.getBoundingClientRect().height || 400;
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.decoding = "sync";
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () =>
        reject(new Error("the browser could not load the chart as an image (check img-src in the CSP)"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(w * scale);
    canvas.height = Math.ceil(h * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2D canvas context");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
