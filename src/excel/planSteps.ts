/**
 * The steps of a write plan, in the order they run, given what the look before writing found
 * (which sheets exist, the table as it is now). Pure.
 */
import type { Text } from "../domain/ruleSet";
import { splitSheetAddress } from "../workbook/a1";
import { OWNERSHIP_SHEET, type WritePlan } from "../workbook/types";
import type { ApiSupport, Preflight } from "./look";
import { cellsStep, charsToPoints, type WriteStep } from "./writeSteps";

/** What of a plan the running Excel cannot do, said in the write's notices; the rest is written. */
export function unsupportedNotices(plan: WritePlan, supports: ApiSupport): Text[] {
  const out: Text[] = [];
  if (plan.annex && !supports("1.9")) {
    out.push({
      sv: `Den här Excel-versionen kan inte ställa in utskriften av bladet ${plan.annex.sheetName} (kräver ExcelApi 1.9): välj A4, anpassa till en sida bred och upprepa tabellens rubrikrad under Utskriftsformat.`,
      en: `This Excel cannot set up the printing of the sheet ${plan.annex.sheetName} (needs ExcelApi 1.9): choose A4, fit to one page wide and repeat the table's header row under Page Layout.`,
    });
  }
  if (plan.documentProperty && !supports("1.7")) {
    out.push({
      sv: `Den här Excel-versionen kan inte skriva dokumentegenskapen "${plan.documentProperty.name}" (kräver ExcelApi 1.7); fingeravtrycken står på sammanställningsbladet och i ägarposten.`,
      en: `This Excel cannot write the document property "${plan.documentProperty.name}" (needs ExcelApi 1.7); the fingerprints are on the summary sheet and in the ownership record.`,
    });
  }
  return out;
}

/**
 * The steps of a plan, in the order they run. The ownership record goes first: a write cut
 * short between batches then still names the cells it wrote, which are then ours to redo.
 * Parts the running Excel has no API for (`supports`) are left out; unsupportedNotices says so.
 */
export function planSteps(
  plan: WritePlan,
  pre: Preflight,
  supports: ApiSupport = () => true,
): WriteStep[] {
  const steps: WriteStep[] = [];
  const has = (name: string): boolean =>
    pre.sheetNames.some((n) => n.toLowerCase() === name.toLowerCase());

  if (!has(OWNERSHIP_SHEET))
    steps.push({ kind: "addSheet", sheet: OWNERSHIP_SHEET, veryHidden: true });
  steps.push(
    cellsStep(OWNERSHIP_SHEET, 0, 0, [[{ value: JSON.stringify(plan.ownership) }]], false),
  );

  for (const range of plan.clear) {
    const { sheet, address } = splitSheetAddress(range);
    steps.push({ kind: "clear", sheet: sheet ?? plan.columns.sheet, address });
  }

  const c = plan.columns;
  if (c.table && pre.table) {
    const right = pre.table.left + pre.table.columns.length - 1;
    const names = c.headers
      .map((h, i) => ({ name: String(h.value ?? ""), col: c.firstCol + i }))
      .filter((h) => h.col > right)
      .map((h) => h.name);
    if (names.length > 0) steps.push({ kind: "addTableColumns", table: c.table, names });
  }
  if (c.headers.length > 0) {
    steps.push(cellsStep(c.sheet, c.headerRow, c.firstCol, [c.headers, ...c.rows], true, true));
    steps.push({
      kind: "autofit",
      sheet: c.sheet,
      top: c.headerRow,
      left: c.firstCol,
      rows: c.rows.length + 1,
      cols: c.headers.length,
    });
  }

  const s = plan.summary;
  if (has(s.sheetName)) steps.push({ kind: "deleteSheet", sheet: s.sheetName });
  steps.push({ kind: "addSheet", sheet: s.sheetName, veryHidden: false });
  if (s.cells.length > 0) steps.push(cellsStep(s.sheetName, 0, 0, s.cells, false));
  if (s.columnWidths.length > 0) {
    steps.push({ kind: "widths", sheet: s.sheetName, points: s.columnWidths.map(charsToPoints) });
  }
  for (const f of s.conditionalFormats ?? []) {
    steps.push({ kind: "conditionalFormat", sheet: s.sheetName, ...f });
  }
  if (s.chart) steps.push({ kind: "chart", sheet: s.sheetName, chart: s.chart });

  // The decision annex, replaced whole like the summary (the planner and the host's check of
  // its A1 made sure a sheet of that name is ours), with its page layout in the same batch.
  const x = plan.annex;
  if (x) {
    if (has(x.sheetName)) steps.push({ kind: "deleteSheet", sheet: x.sheetName });
    steps.push({ kind: "addSheet", sheet: x.sheetName, veryHidden: false });
    if (x.cells.length > 0) steps.push(cellsStep(x.sheetName, 0, 0, x.cells, false));
    if (x.columnWidths.length > 0) {
      steps.push({ kind: "widths", sheet: x.sheetName, points: x.columnWidths.map(charsToPoints) });
    }
    for (const f of x.conditionalFormats ?? []) {
      steps.push({ kind: "conditionalFormat", sheet: x.sheetName, ...f });
    }
    if (supports("1.9"))
      steps.push({ kind: "pageLayout", sheet: x.sheetName, layout: x.pageLayout });
  }
  // In the last batch with the rest (no sync of its own): the fingerprint in File → Info.
  if (plan.documentProperty && supports("1.7")) {
    steps.push({ kind: "customProperty", ...plan.documentProperty });
  }
  return steps;
}
