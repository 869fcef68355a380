/**
 * A tiny static server for the built workbench (dist-workbench/), on 127.0.0.1 only: plain
 * http, no certificate, no dependency. `npm start` builds the workbench and runs this; the
 * end-to-end tests and the benchmark start it on a free port of their own.
 *
 *   tsx scripts/serve-workbench.ts [--port 3100] [--dir dist-workbench]
 *
 * The port is the first free one from 3100 (or PORT, or --port); --port 0 takes any free port.
 */
import { createReadStream, promises as fs } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";

export const DEFAULT_PORT = 3100;
const HOST = "127.0.0.1";
/** How many ports after the first to try before giving up. */
const PORT_TRIES = 20;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** The directory served (default dist-workbench/ of the project). */
  dir?: string;
  /** The first port tried; 0 for any free port. */
  port?: number;
}

/** The file a request path names inside `root`, or null where it would leave it. */
export function resolveRequestPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const relative = decoded.replace(/^\/+/, "") || "index.html";
  const full = path.resolve(root, relative.endsWith("/") ? `${relative}index.html` : relative);
  const base = path.resolve(root);
  return full === base || full.startsWith(base + path.sep) ? full : null;
}

function handler(root: string) {
  return async (
    req: import("node:http").IncomingMessage,
    res: import("node:http").ServerResponse,
  ): Promise<void> => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    const file = resolveRequestPath(root, req.url ?? "/");
    if (!file) {
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end("Bad request\n");
      return;
    }
    let stat;
    try {
      stat = await fs.stat(file);
      if (stat.isDirectory()) {
        res.writeHead(301, { Location: `${(req.url ?? "/").split("?")[0]}/` }).end();
        return;
      }
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
    res.writeHead(200, {
      "Content-Type": type,
      "Content-Length": stat.size,
      // Hashed bundles may be cached; the page itself and the samples never are.
      "Cache-Control": /\.[0-9a-f]{8}\.js$/.test(file) ? "max-age=31536000, immutable" : "no-store",
      "X-Content-Type-Options": "nosniff",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, HOST);
  });
}

/** Serves `dir` on the first free port from `port`; resolves once it listens. */
export async function serveWorkbench(options: ServeOptions = {}): Promise<StaticServer> {
  const root = path.resolve(options.dir ?? path.join(__dirname, "..", "dist-workbench"));
  try {
    await fs.access(path.join(root, "index.html"));
  } catch {
    throw new Error(
      `${path.join(root, "index.html")} is missing: run "npm run build:workbench" first`,
    );
  }
  const first = options.port ?? DEFAULT_PORT;
  const tries = first === 0 ? 1 : PORT_TRIES;
  let lastError: unknown;
  for (let i = 0; i < tries; i++) {
    const server = createServer((req, res) => {
      handler(root)(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    try {
      const port = await listen(server, first === 0 ? 0 : first + i);
      return {
        url: `http://${HOST}:${port}/`,
        port,
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      };
    } catch (error) {
      lastError = error;
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    }
  }
  throw new Error(`No free port from ${first} to ${first + tries - 1}: ${String(lastError)}`);
}

function argValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${flag}=`));
  return eq?.slice(flag.length + 1);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const portText = argValue(argv, "--port") ?? process.env.PORT;
  const port = portText !== undefined ? Number(portText) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Not a port: ${portText}`);
  }
  const server = await serveWorkbench({ dir: argValue(argv, "--dir"), port });
  process.stdout.write(
    [
      "",
      "  AT-fördelning – arbetsbänk / workbench",
      `  ${server.url}`,
      "",
      "  Aktivitetsfönstret mot en simulerad arbetsbok; ingen Excel behövs. Ctrl+C avslutar.",
      "  The task pane against a simulated workbook; no Excel needed. Ctrl+C stops.",
      "",
    ].join("\n") + "\n",
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
