/** The sample workbooks the page offers (examples/*.xlsx, copied beside the page) and its URL query. */
import type { Lang } from "../domain/ruleSet";

export const SAMPLE_YEARS: readonly number[] = [2022, 2024, 2025];
export const DEFAULT_SAMPLE = 2024;

export type SampleChoice = number | "empty";

export function sampleFileName(year: number): string {
  return `regioner-${year}.xlsx`;
}

/** The sample's content as plain data (XlsxModel), made at build time (webpack.workbench.js). */
export function sampleModelUrl(year: number): string {
  return `samples/regioner-${year}.json`;
}

/** `?sample=2022|2024|2025|empty&lang=sv|en`; anything else gives the 2024 sample in Swedish. */
/** The task pane's width in Excel is the user's to drag: 320–350 px is usual, 380 the default here. */
export const PANE_WIDTHS = { min: 280, default: 380, max: 800 };

export function parseQuery(search: string): { sample: SampleChoice; lang: Lang; pane: number } {
  const params = new URLSearchParams(search);
  const lang: Lang = params.get("lang") === "en" ? "en" : "sv";
  const raw = params.get("sample");
  const year = Number(raw);
  const sample: SampleChoice =
    raw === "empty" ? "empty" : SAMPLE_YEARS.includes(year) ? year : DEFAULT_SAMPLE;
  const width = Math.round(Number(params.get("pane")));
  const pane =
    Number.isFinite(width) && width >= PANE_WIDTHS.min && width <= PANE_WIDTHS.max
      ? width
      : PANE_WIDTHS.default;
  return { sample, lang, pane };
}
