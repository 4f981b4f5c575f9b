// The export-control rule engine: rule data schema, ruleset building, evaluate(), design-space queries,
// rule diffs and the best-legal-chip helpers the simulator uses. Pure TypeScript: runs in Node and in a worker.
export * from "./affiliates.js";
export * from "./countries.js";
export * from "./design-space.js";
export * from "./evaluate.js";
export * from "./legal.js";
export * from "./parties.js";
export * from "./ruleset.js";
export * from "./sanctions.js";
export * from "./schema.js";
