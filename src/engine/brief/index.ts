// The one-page brief: computed from plain data (compute.ts), rendered as self-contained HTML with inline SVG.
export * from "./compute.js";
export * from "./escape.js";
export * from "./render.js";
export * from "./svg.js";
