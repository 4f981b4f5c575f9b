// Reader-facing formatting shared by the dashboard, the CLI and CSV exports (pure TypeScript).
export * from "./csv.js";
export * from "./number.js";
