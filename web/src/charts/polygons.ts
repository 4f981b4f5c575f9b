import type { RenderFunction } from "@observablehq/plot";

export interface Polygon {
  fill: string;
  points: readonly (readonly [number, number])[];
  label?: string;
}

/**
 * A custom Plot mark drawing filled polygons in data coordinates through the plot's own x and y scales (so log
 * axes work). Colours go in presentation attributes, not style, so nothing here needs 'unsafe-inline'.
 */
export function polygonsMark(polys: readonly Polygon[], opacity = 0.5): RenderFunction {
  return (_index, scales, _values, _dims, context) => {
    const ns = "http://www.w3.org/2000/svg";
    const g = context.document.createElementNS(ns, "g");
    g.setAttribute("aria-label", "regions");
    const sx = scales.x;
    const sy = scales.y;
    if (!sx || !sy) return g;
    for (const p of polys) {
      if (p.points.length < 3) continue;
      const d =
        p.points
          .map(
            ([x, y], i) => `${i ? "L" : "M"}${(sx(x) as number).toFixed(2)},${(sy(y) as number).toFixed(2)}`,
          )
          .join("") + "Z";
      const path = context.document.createElementNS(ns, "path");
      path.setAttribute("d", d);
      path.setAttribute("fill", p.fill);
      path.setAttribute("fill-opacity", String(opacity));
      path.setAttribute("stroke", p.fill);
      if (p.label) {
        const t = context.document.createElementNS(ns, "title");
        t.textContent = p.label;
        path.append(t);
      }
      g.append(path);
    }
    return g;
  };
}
