#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build:node` (run automatically by `npm ci` via `prepare`).
import { main } from "../dist/cli/main.js";

await main();
