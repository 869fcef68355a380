/** The ownership record as stored in the workbook (both hosts keep it in OWNERSHIP_SHEET!A1). */
import type { OwnershipRecord } from "./types";

/** The record stored in OWNERSHIP_SHEET!A1; a damaged one counts as none (nothing is ours). */
export function parseOwnership(text: unknown): OwnershipRecord | null {
  if (typeof text !== "string" || text === "") return null;
  try {
    const r = JSON.parse(text) as Partial<OwnershipRecord> | null;
    if (
      r &&
      r.version === 1 &&
      typeof r.sheet === "string" &&
      typeof r.columnsRange === "string" &&
      Array.isArray(r.headers) &&
      r.headers.every((h) => typeof h === "string") &&
      typeof r.summarySheet === "string"
    ) {
      if (r.annexSheet !== undefined && typeof r.annexSheet !== "string") delete r.annexSheet;
      // The formula cells are a list of A1 addresses; anything else there is dropped.
      const formulas = r.formulas;
      if (
        formulas !== undefined &&
        !(Array.isArray(formulas) && formulas.every((f) => typeof f === "string"))
      ) {
        const { formulas: _dropped, ...rest } = r;
        return rest as OwnershipRecord;
      }
      return r as OwnershipRecord;
    }
  } catch {
    // Not JSON: someone else's text in our sheet.
  }
  return null;
}
