/**
 * The first thing the page runs (its own small script, before the page's 600 kB are
 * evaluated): fetch the first workbook's content while the rest loads.
 */
import { parseQuery, sampleModelUrl } from "./samples";
import type { XlsxModel } from "./xlsxModel";

export const start = parseQuery(window.location.search);

export async function fetchModel(url: string): Promise<XlsxModel> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  return (await response.json()) as XlsxModel;
}

export const firstModel: Promise<XlsxModel | null> =
  start.sample === "empty"
    ? Promise.resolve(null)
    : fetchModel(sampleModelUrl(start.sample)).catch((error: unknown) => {
        // The page still opens, on an empty workbook; the menu can try again.
        console.error("Could not load the sample", error);
        return null;
      });
