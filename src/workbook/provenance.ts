/**
 * What a run records about itself in the ownership record, so that a reviewer — or `npm run
 * verify` weeks later — can tell whether anything changed since: the program and its version,
 * the rule set's fingerprint, the interpretations in force, the input cells read (their values,
 * and a SHA-256 over them), and the values written into the add-in's own cells. Large tables
 * keep the fingerprints only (a cell holds at most 32 767 characters).
 */
import { canonicalJson, ruleSetFingerprint, sha256Hex } from "../domain/fingerprint";
import type { RuleSet } from "../domain/ruleSet";
import type { AllocationResult } from "../domain/types";
import packageJson from "../../package.json";
import { toA1 } from "./a1";
import { workbookCell } from "./read/grid";
import type { CellValue, ColumnsPlan, Provenance, RegionTableRead, WorkbookGrid } from "./types";

export const PROGRAM = `AT-fördelning ${packageJson.version}`;

/** Cells recorded one by one up to this many (inputs and written each); beyond, fingerprints only. */
export const MAX_RECORDED_CELLS = 1500;

/** A cell's value as one text: the same value, the same text. */
export function cellText(v: CellValue): string {
  return canonicalJson(v);
}

/** The input cells a read used: every column it read, on every region row. */
export function inputCells(grid: WorkbookGrid, read: RegionTableRead): [string, string][] {
  const cols = Object.values(read.columns)
    .filter((c): c is number => c !== undefined)
    .sort((a, b) => a - b);
  const out: [string, string][] = [];
  for (const d of read.dataRows) {
    if (d.code === null) continue;
    for (const c of cols)
      out.push([toA1(d.row, c), cellText(workbookCell(grid, read.sheet, d.row, c))]);
  }
  return out;
}

/** The cells a plan writes beside the table (data rows, not the headers), with their values. */
export function writtenCells(columns: ColumnsPlan): [string, number | null][] {
  const out: [string, number | null][] = [];
  columns.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      const v = cell.value;
      out.push([
        toA1(columns.headerRow + 1 + r, columns.firstCol + c),
        typeof v === "number" ? v : null,
      ]);
    }),
  );
  return out;
}

export function provenanceOf(
  grid: WorkbookGrid,
  read: RegionTableRead,
  result: AllocationResult,
  columns: ColumnsPlan,
  ruleSet: RuleSet | undefined,
): Provenance {
  const inputs = inputCells(grid, read);
  const written = writtenCells(columns);
  return {
    program: PROGRAM,
    ruleSet: {
      fingerprint: ruleSet ? ruleSetFingerprint(ruleSet) : "",
      reference: result.reference,
      title: result.title.sv,
    },
    settings: Object.fromEntries(result.interpretations.map((i) => [i.key, i.value])),
    inputs: {
      fingerprint: sha256Hex(canonicalJson(inputs)),
      ...(inputs.length <= MAX_RECORDED_CELLS ? { cells: Object.fromEntries(inputs) } : {}),
    },
    written: {
      fingerprint: sha256Hex(canonicalJson(written)),
      ...(written.length <= MAX_RECORDED_CELLS ? { cells: Object.fromEntries(written) } : {}),
    },
  };
}

/** The document custom property's name. */
export const DOCUMENT_PROPERTY = "AT-fördelning";
/**
 * Excel on Windows and Mac cut a custom property's value at 255 characters without a word
 * (CustomPropertyCollection.add): the value is kept within it, the decision's reference
 * shortened first, since the fingerprints are what a reviewer compares.
 */
export const MAX_PROPERTY_CHARS = 255;

/**
 * "2024; S2024/00586; regler sha256:…; indata sha256:…; AT-fördelning 0.1.0; 2025-03-14T10:22:05+01:00".
 */
export function documentPropertyOf(
  year: number,
  prov: Provenance,
  writtenAt: string,
): { name: string; value: string } {
  const compose = (reference: string): string =>
    `${year}; ${reference}; regler sha256:${prov.ruleSet.fingerprint}; indata sha256:${prov.inputs.fingerprint}; ${prov.program}; ${writtenAt}`;
  let value = compose(prov.ruleSet.reference);
  const over = value.length - MAX_PROPERTY_CHARS;
  if (over > 0) {
    const ref = prov.ruleSet.reference;
    value = compose(ref.slice(0, Math.max(0, ref.length - over - 1)) + "…");
  }
  return { name: DOCUMENT_PROPERTY, value: value.slice(0, MAX_PROPERTY_CHARS) };
}
