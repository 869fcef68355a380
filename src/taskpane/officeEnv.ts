/**
 * What the pane takes from Office at start: language and theme. Pure functions of the values
 * Office.context gives, so they are tested without Office.
 */
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import type { Lang } from "../domain/ruleSet";

/** "sv-SE" → sv, "en-US"/"en-GB"/"en" → en, anything else → sv (the product's first language). */
export function langFromDisplayLanguage(displayLanguage: string | null | undefined): Lang {
  const tag = (displayLanguage ?? "").trim().toLowerCase();
  return tag === "en" || tag.startsWith("en-") ? "en" : "sv";
}

/** Parses "#rrggbb" or "#rgb"; null for anything else. */
function parseHexColor(color: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** A background is dark when its perceived brightness (ITU-R BT.601 weights) is below half. */
export function isDarkColor(color: string | null | undefined): boolean {
  const rgb = color ? parseHexColor(color) : null;
  if (!rgb) return false;
  const [r, g, b] = rgb;
  return (r * 299 + g * 587 + b * 114) / 1000 < 128;
}

/** Office's theme (dark body background → dark), light where Office does not say. */
export function themeFor(
  officeTheme: { bodyBackgroundColor?: string | null } | null | undefined,
): Theme {
  return isDarkColor(officeTheme?.bodyBackgroundColor) ? webDarkTheme : webLightTheme;
}

/** The workbook's file name from Office.context.document.url, or null where there is none. */
export function workbookNameFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const path = url.split(/[?#]/)[0];
  const last = path.split(/[\\/]/).filter(Boolean).pop();
  if (!last) return null;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
