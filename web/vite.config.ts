import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The first page most visitors open is Chips (the default route). Its chunk and everything that chunk imports
 * statically (Observable Plot, the shared hooks) are only discovered when the entry script has run; listing them
 * as <link rel="modulepreload"> in index.html lets the browser fetch and compile them while it is still running
 * the entry. Pages other than Chips use the same chart chunk, so the preload is not wasted there either.
 * The API answers in `fetches` (relative URLs) are preloaded after the code: they are small and needed only when
 * the code has run, and the browser opens at most six connections to the server at once.
 */
function preloadFirstPage(page: string, fetches: string[]): Plugin {
  return {
    name: "chokepoint-preload-first-page",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((c) => c.type === "chunk");
        const first = chunks.find((c) => c.facadeModuleId?.endsWith(page));
        if (!first) throw new Error(`preloadFirstPage: no chunk for ${page}`);
        // The entry (a <script>) and its static imports (Vite preloads those itself) are not listed again.
        const entry = new Set(chunks.filter((c) => c.isEntry).flatMap((c) => [c.fileName, ...c.imports]));
        // The page chunk plus its static imports, minus the entry's.
        const files = new Map<string, number>();
        const visit = (name: string) => {
          if (entry.has(name) || files.has(name)) return;
          const c = bundle[name];
          if (c?.type !== "chunk") return;
          files.set(name, c.code.length);
          for (const dep of c.imports) visit(dep);
        };
        visit(first.fileName);
        // Largest first: it takes longest to arrive and to compile.
        const code = [...files].sort((a, b) => b[1] - a[1]).map(([f]) => f);
        return [
          ...code.map((f) => ({
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: "", href: `./${f}` },
            injectTo: "head" as const,
          })),
          ...fetches.map((href) => ({
            tag: "link",
            attrs: { rel: "preload", as: "fetch", crossorigin: "", href },
            injectTo: "head" as const,
          })),
        ];
      },
    },
  };
}

// The dashboard builds into dist/web/, which `chokepoint serve` serves beside /api/v1.
// In dev, /api is proxied to a running server (CHOKEPOINT_API, default http://127.0.0.1:8080).
export default defineConfig({
  root: here,
  base: "./",
  // main.tsx takes the catalogue and the rule list on every page (Chips, Data and Scenarios use them).
  plugins: [react(), preloadFirstPage("/web/src/pages/chips.tsx", ["./api/v1/chips", "./api/v1/rules"])],
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
