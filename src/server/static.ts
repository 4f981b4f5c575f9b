/** Serves the built dashboard (dist/web) with a single-page-app fallback to index.html for client-side routes. */
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};

interface Cached {
  mtimeMs: number;
  body: Uint8Array;
}

export interface StaticFile {
  body: Uint8Array;
  type: string;
  cacheControl: string;
}

/** A file server rooted at `root`; `get(path)` returns null when nothing should be served for that path. */
export function staticFiles(root: string) {
  const base = resolve(root);
  const cache = new Map<string, Cached>();

  async function load(file: string): Promise<Uint8Array | null> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(file);
    } catch {
      return null;
    }
    if (!info.isFile()) return null;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs) return hit.body;
    const body = new Uint8Array(await readFile(file));
    cache.set(file, { mtimeMs: info.mtimeMs, body });
    return body;
  }

  function inside(urlPath: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (decoded.includes("\0")) return null;
    const file = resolve(base, `.${normalize(`/${decoded}`)}`);
    return file === base || file.startsWith(base + sep) ? file : null;
  }

  return {
    root: base,
    /** The file for a URL path; paths without an extension fall back to index.html (client-side routes). */
    async get(urlPath: string): Promise<StaticFile | null> {
      const file = inside(urlPath);
      if (file === null) return null;
      const direct = file === base ? null : await load(file);
      if (direct) {
        const ext = extname(file).toLowerCase();
        const hashed = file.startsWith(join(base, "assets") + sep);
        return {
          body: direct,
          type: TYPES[ext] ?? "application/octet-stream",
          cacheControl: hashed ? "public, max-age=31536000, immutable" : "no-cache",
        };
      }
      if (extname(file) !== "" && file !== base) return null;
      const index = await load(join(base, "index.html"));
      return index ? { body: index, type: TYPES[".html"]!, cacheControl: "no-cache" } : null;
    },
  };
}
