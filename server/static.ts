import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { MiddlewareHandler } from "hono";

const contentTypes: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".pdf": "application/pdf",
};

/** Serves the built client files. Hashed files under /assets are cached for a year. */
export function serveStaticFiles(root: string): MiddlewareHandler {
  const base = path.resolve(root);
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    const requested = decodeURIComponent(c.req.path);
    const ext = path.extname(requested);
    if (!ext || !contentTypes[ext]) return next();
    const file = path.resolve(base, `.${requested}`);
    if (!file.startsWith(base + path.sep)) return next();
    try {
      const info = await stat(file);
      if (!info.isFile()) return next();
    } catch {
      return next();
    }
    const body = await readFile(file);
    c.header("content-type", contentTypes[ext]);
    c.header(
      "cache-control",
      requested.startsWith("/assets/")
        ? "public, max-age=31536000, immutable"
        : "public, max-age=3600",
    );
    return c.body(body);
  };
}
