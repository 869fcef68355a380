/**
 * Before the end-to-end tests: the built workbench served on a free port of 127.0.0.1 (its URL
 * in WORKBENCH_URL for the tests), and a clear word where the build or Chromium is missing.
 */
import { existsSync } from "node:fs";
import { serveWorkbench, type StaticServer } from "../scripts/serve-workbench";
import { chromiumPath } from "./browser";

/** Where globalTeardown finds the server (both run in jest's parent process). */
const holder = globalThis as { __workbenchServer?: StaticServer };

export default async function globalSetup(): Promise<void> {
  const chromium = chromiumPath();
  if (!existsSync(chromium)) {
    throw new Error(
      `Chromium is not at ${chromium}: apt-get install -y chromium, or set CHROMIUM_PATH`,
    );
  }
  // Port 0: any free port, so a running `npm start` (port 3100) does not get in the way.
  const server = await serveWorkbench({ port: 0 });
  holder.__workbenchServer = server;
  process.env.WORKBENCH_URL = server.url;
}
