/** After the end-to-end tests: the server stops. */
import type { StaticServer } from "../scripts/serve-workbench";

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __workbenchServer?: StaticServer };
  await holder.__workbenchServer?.close();
  holder.__workbenchServer = undefined;
}
