#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build:node` (run automatically by `npm ci` via `prepare`).
// Ctrl-C while the CLI is still loading says so too (main() installs the handler for the rest of the run).
const early = () => {
  process.stderr.write("\nchokepoint: interrupted (SIGINT) while starting\n");
  process.exit(130);
};
process.on("SIGINT", early);
const { main } = await import("../dist/cli/main.js");
process.off("SIGINT", early);

await main();
