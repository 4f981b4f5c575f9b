import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = dirname(fileURLToPath(import.meta.url));

// The dashboard builds into dist/web/, which `chokepoint serve` serves beside /api/v1.
// In dev, /api is proxied to a running server (CHOKEPOINT_API, default http://127.0.0.1:8080).
export default defineConfig({
  root: here,
  base: "./",
  plugins: [react()],
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
