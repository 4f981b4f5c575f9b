/** Chart exports: SVG and PNG of the rendered plot, CSV of the data behind it. All client-side, no inline script. */

export type CsvRow = Record<string, string | number | boolean | null | undefined>;

/** RFC 4180 CSV: header from the union of keys in first-seen order; quotes fields holding comma, quote or newline. */
export function toCsvText(rows: readonly CsvRow[]): string {
  const cols: string[] = [];
  const seen = new Set<string>();
  for (const r of rows)
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        cols.push(k);
      }
  const cell = (v: CsvRow[string]) => {
    if (v === null || v === undefined) return "";
    const s = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [cols.map((c) => cell(c)).join(",")];
  for (const r of rows) lines.push(cols.map((c) => cell(r[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
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

/**
 * Rasterises the SVG at 2× on a white background. Loading the SVG as an image needs `img-src blob:` in the page's CSP.
 */
export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const text = svgText(svg);
  const w = Number(svg.getAttribute("width")) || svg.getBoundingClientRect().width || 640;
  const h = Number(svg.getAttribute("height")) || svg.getBoundingClientRect().height || 400;
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
