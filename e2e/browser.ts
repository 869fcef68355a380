/**
 * Chromium for the end-to-end tests and the benchmark: Debian's (/usr/bin/chromium, or
 * CHROMIUM_PATH), headless, with the flags a closed network needs (no component updates, no
 * background requests, no QUIC) and those a container needs (no sandbox, no GPU, /tmp instead
 * of a small /dev/shm). playwright-core's launch gives every browser a fresh temporary profile.
 */
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
}
