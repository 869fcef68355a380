/**
 * A static file server on 127.0.0.1 for a built directory (dist/ of the add-in's build), for
 * the end-to-end test that loads the real office.js. Only GET and HEAD; no path leaves the root.
 */
import { createServer } from "node:http";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { AddressInfo } from "node:net";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".css": "text/css",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
};

export interface Served {
  url: string;
  /** Paths requested, in order (to tell which office.js files the library loaded). */
  requests: string[];
  close(): Promise<void>;
}

export async function serveDirectory(dir: string): Promise<Served> {
  const root = path.resolve(dir);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
      requests.push(urlPath);
      const file = path.resolve(root, "." + urlPath);
      if (!file.startsWith(root + path.sep) || (req.method !== "GET" && req.method !== "HEAD")) {
        res.writeHead(404).end();
        return;
      }
      try {
        const body = await fs.readFile(file);
        res.writeHead(200, {
          "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
        });
        res.end(req.method === "HEAD" ? undefined : body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
