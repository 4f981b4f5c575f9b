import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { createLogger, defineConfig } from "vite";

const here = dirname(fileURLToPath(import.meta.url));

// The simulation worker bundles the pure functions of src/data/scenarios.ts (buildInputs, the CLI's adapter); its
// Node-only loaders and their node:* imports are tree-shaken away. Vite warns once per such import; those notices,
// and only those, are dropped so a real warning stands out.
const logger = createLogger();
const warn = logger.warn.bind(logger);
logger.warn = (msg, opts) => {
  if (
    /Module "node:\w+" has been externalized for browser compatibility, imported by ".*\/src\/data\//.test(
      msg,
    )
  )
    return;
  warn(msg, opts);
};

// The dashboard builds into dist/web/, which `chokepoint serve` serves beside /api/v1.
// In dev, /api is proxied to a running server (CHOKEPOINT_API, default http://127.0.0.1:8080).
export default defineConfig({
  root: here,
  base: "./",
  plugins: [react()],
  customLogger: logger,
  build: {
    outDir: resolve(here, "../dist/web"),
    emptyOutDir: true,
    target: "es2022",
    // The shell must not need inline scripts: no modulepreload polyfill snippet, assets as files not data: URLs.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
  },
  worker: { format: "es" },
  server: {
    proxy: { "/api": process.env.CHOKEPOINT_API ?? "http://127.0.0.1:8080" },
    fs: { allow: [resolve(here, "..")] },
  },
});
