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
export function parseQuery(search: string): { sample: SampleChoice; lang: Lang } {
  const params = new URLSearchParams(search);
  const lang: Lang = params.get("lang") === "en" ? "en" : "sv";
  const raw = params.get("sample");
  const year = Number(raw);
  const sample: SampleChoice =
    raw === "empty" ? "empty" : SAMPLE_YEARS.includes(year) ? year : DEFAULT_SAMPLE;
  return { sample, lang };
}
