/**
 * Kontrollera / `npm run verify`: is this workbook still right? Recomputes from the workbook as
 * it stands, changes nothing, and says in plain words: (1) whether the written amounts still
 * follow the rules for the current inputs, (2) which inputs changed since the run, (3) which of
 * the add-in's own cells were edited by hand, (4) whether the rule set and the interpretations
 * are the ones of the run. Every finding names its cell, with both values, where it has one.
 */
import { ruleSetFingerprint } from "../domain/fingerprint";
import { formatNumber } from "../domain/format";
import type { RuleSet, Text } from "../domain/ruleSet";
import type { Settings } from "../domain/types";
import { parseA1, toA1 } from "../workbook/a1";
import { planWrite } from "../workbook/planWrite";
import { cellText } from "../workbook/provenance";
import { workbookCell } from "../workbook/read/grid";
import type { CellValue, Issue, WorkbookGrid } from "../workbook/types";
import { readAndAllocate } from "./pipeline";

export type FindingKind = "amount" | "input" | "ownEdit" | "rules" | "settings" | "inputErrors";

export interface Finding {
  kind: FindingKind;
  sheet?: string;
  cell?: string;
  /** The value recorded or expected, and the value now, as shown. */
  was?: string;
  now?: string;
  message: Text;
}

export type Verification =
  | { kind: "notWritten"; message: Text }
  | { kind: "checked"; holds: boolean; findings: Finding[]; issues: Issue[] };

function valueAt(grid: WorkbookGrid, sheet: string, a1: string): CellValue {
  const { row, col } = parseA1(a1);
  return workbookCell(grid, sheet, row, col);
}

function shown(v: CellValue | string | number | null | undefined): string {
  if (v === null || v === undefined) return "(tom)";
  if (typeof v === "number") return formatNumber(v, "sv");
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "SANT" : "FALSKT";
  return "error" in v ? v.error : "date" in v ? v.date : `=${v.formula}`;
}

function shownText(text: string): string {
  try {
    return shown(JSON.parse(text) as CellValue);
  } catch {
    return text;
  }
}

const sameNumber = (a: CellValue, b: number | null): boolean =>
  b === null ? a === null || a === "" : a === b;

/**
 * The add-in's own cells that hold something else than it wrote (hand corrections): a re-run
 * would replace them, so the pane asks first and the command line wants --replace-edits.
 */
export function handEdits(grid: WorkbookGrid): Finding[] {
  const record = grid.owned;
  const cells = record?.provenance?.written.cells;
  if (!record || !cells) return [];
  const out: Finding[] = [];
  for (const [a1, was] of Object.entries(cells)) {
    const now = valueAt(grid, record.sheet, a1);
    if (!sameNumber(now, was)) {
      out.push({
        kind: "ownEdit",
        sheet: record.sheet,
        cell: a1,
        was: shown(was),
        now: shown(now),
        message: {
          sv: `tilläggets cell är ändrad för hand: ${shown(was)} → ${shown(now)}`,
          en: `the add-in's cell was edited by hand: ${shown(was)} → ${shown(now)}`,
        },
      });
    }
  }
  return out;
}

/**
 * Checks a workbook the add-in (or `--out`) wrote against `ruleSet`. `settings` defaults to the
 * interpretations recorded at the run; passing others checks what they would give.
 */
export function verifyWorkbook(
  grid: WorkbookGrid,
  ruleSet: RuleSet,
  settings?: Settings,
): Verification {
  const record = grid.owned;
  const prov = record?.provenance;
  if (!record || !prov) {
    return {
      kind: "notWritten",
      message: {
        sv: "arbetsboken är inte skriven av AT-fördelning (eller av en version som inte sparade vad den läste) — det finns inget att kontrollera mot",
        en: "the workbook was not written by AT-fördelning (or by a version that did not record what it read) — there is nothing to check against",
      },
    };
  }
  const findings: Finding[] = [];
  const used = settings ?? prov.settings;
  if (ruleSetFingerprint(ruleSet) !== prov.ruleSet.fingerprint) {
    findings.push({
      kind: "rules",
      was: prov.ruleSet.fingerprint.slice(0, 12),
      now: ruleSetFingerprint(ruleSet).slice(0, 12),
      message: {
        sv: `regelverket är inte det som användes (${prov.ruleSet.reference}, fingeravtryck ${prov.ruleSet.fingerprint.slice(0, 12)}…; nu ${ruleSetFingerprint(ruleSet).slice(0, 12)}…)`,
        en: `the rule set is not the one used (${prov.ruleSet.reference}, fingerprint ${prov.ruleSet.fingerprint.slice(0, 12)}…; now ${ruleSetFingerprint(ruleSet).slice(0, 12)}…)`,
      },
    });
  }
  for (const [key, value] of Object.entries(used)) {
    const was = prov.settings[key];
    if (was !== undefined && was !== value) {
      findings.push({
        kind: "settings",
        was,
        now: value,
        message: {
          sv: `tolkningen ${key} var ${was} vid beräkningen, nu ${value}`,
          en: `the interpretation ${key} was ${was} at the run, now ${value}`,
        },
      });
    }
  }
  // (2) Inputs changed since the run, cell by cell where the record has them.
  for (const [a1, was] of Object.entries(prov.inputs.cells ?? {})) {
    const now = cellText(valueAt(grid, record.sheet, a1));
    if (now !== was) {
      findings.push({
        kind: "input",
        sheet: record.sheet,
        cell: a1,
        was: shownText(was),
        now: shownText(now),
        message: {
          sv: `indata ändrat sedan beräkningen: ${shownText(was)} → ${shownText(now)}`,
          en: `input changed since the run: ${shownText(was)} → ${shownText(now)}`,
        },
      });
    }
  }
  // (3) The add-in's own cells edited by hand.
  findings.push(...handEdits(grid));
  // (1) Do the amounts standing in the workbook follow the rules for the inputs standing there?
  const outcome = readAndAllocate(grid, ruleSet, used, { sheet: record.sheet });
  if (!outcome.result || !outcome.read) {
    const n = outcome.issues.filter((i) => i.severity === "error").length;
    findings.push({
      kind: "inputErrors",
      message: {
        sv: `indata har ${n} fel nu — beloppen kan inte räknas om (se felen)`,
        en: `the inputs now have ${n} error(s) — the amounts cannot be recomputed (see the errors)`,
      },
    });
    return { kind: "checked", holds: false, findings, issues: outcome.issues };
  }
  const plan = planWrite({
    workbook: grid,
    read: outcome.read,
    result: outcome.result,
    issues: outcome.issues,
    lang: "sv",
    now: new Date(0),
    sourceName: "",
  });
  plan.columns.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (typeof cell.value !== "number") return;
      const sheetRow = plan.columns.headerRow + 1 + r;
      const col = plan.columns.firstCol + c;
      const now = workbookCell(grid, plan.columns.sheet, sheetRow, col);
      if (now !== cell.value) {
        const a1 = toA1(sheetRow, col);
        findings.push({
          kind: "amount",
          sheet: plan.columns.sheet,
          cell: a1,
          was: shown(now),
          now: shown(cell.value),
          message: {
            sv: `beloppet följer inte reglerna för indata som de står nu: ${shown(now)} i cellen, reglerna ger ${shown(cell.value)}`,
            en: `the amount does not follow the rules for the inputs as they stand: ${shown(now)} in the cell, the rules give ${shown(cell.value)}`,
          },
        });
      }
    }),
  );
  return { kind: "checked", holds: findings.length === 0, findings, issues: outcome.issues };
}
