/**
 * The rows of a located region table: skipped rows (blank, totals, subheadings) said so, each
 * region read field by field, duplicates refused, totals cross-checked.
 */
import type { RangePolicy } from "../../domain/planningValue";
import { compareCodes } from "../../domain/regions";
import type { RegionIndex } from "../../domain/regions";
import type { RuleSet } from "../../domain/ruleSet";
import type { RegionInput } from "../../domain/types";
import { formatNumber } from "../../domain/format";
import { toA1 } from "../a1";
import { isBlank, readCount, showCell } from "../cellValues";
import { fieldLabel } from "../headers";
import type { HeaderYears } from "../headers";
import type { CellValue, RegionTableRead } from "../types";
import { declaredInputs } from "../../domain/vocabulary/rows";
import { withYear } from "./chooseColumns";
import type { ChosenColumns } from "./chooseColumns";
import {
  readAt,
  readCode,
  readForecast,
  readGroup,
  readPopulation,
  readRegionName,
  readRewarded,
  subheadingOf,
} from "./fieldReaders";
import type { RowAt } from "./fieldReaders";
import { anyValueIn, cellAt } from "./grid";
import type { IssueSink } from "./messages";
import { badCountText, isTotalLabel } from "./messages";
import { readBaseline } from "./readBaseline";

export interface RowsRead {
  dataRows: RegionTableRead["dataRows"];
  inputs: RegionInput[];
  /** Sheet rows of regions read, by code. */
  rowOf: Map<string, number>;
}

export interface RowScope {
  headerRow: number;
  bottom: number;
  left: number;
  right: number;
}

export function readRows(
  sink: IssueSink,
  scope: RowScope,
  chosen: ChosenColumns,
  ruleSet: RuleSet,
  index: RegionIndex,
  years: HeaderYears,
  policy: RangePolicy,
): RowsRead {
  const { columns } = chosen;
  const regionCol = columns.region!;
  const inputCols = (Object.entries(columns) as [string, number][])
    .filter(([f]) => f !== "region" && f !== "code")
    .map(([, c]) => c);
  const out: RowsRead = { dataRows: [], inputs: [], rowOf: new Map() };
  const totalRows: number[] = [];

  for (let row = scope.headerRow + 1; row <= scope.bottom; row++) {
    const regionCell = cellAt(sink.sheet, row, regionCol);
    if (isBlank(regionCell)) {
      out.dataRows.push({ row, code: null });
      blankRegionRow(sink, row, regionCol, inputCols);
      continue;
    }
    if (typeof regionCell === "string" && isTotalLabel(regionCell)) {
      out.dataRows.push({ row, code: null });
      totalRows.push(row);
      sink.add(
        "notice",
        "row.totalSkipped",
        {
          sv: `raden "${regionCell.trim()}" är en summarad och hoppas över`,
          en: `the row "${regionCell.trim()}" is a total and is skipped`,
        },
        { row, col: regionCol },
      );
      continue;
    }
    const heading =
      typeof regionCell === "string" && !anyValueIn(sink.sheet, row, inputCols)
        ? subheadingOf(index, regionCell)
        : null;
    if (heading && typeof regionCell === "string") {
      out.dataRows.push({ row, code: null });
      const name = regionCell.trim();
      const like = heading.like;
      sink.add(
        like ? "warning" : "notice",
        "row.subheading",
        like
          ? {
              sv: `raden "${name}" har inga värden och läses som en mellanrubrik — om den är ${like.name}, skriv namnet rätt och fyll i värdena`,
              en: `the row "${name}" has no figures and is read as a subheading — if it is ${like.name}, correct the name and fill in the figures`,
            }
          : {
              sv: `raden "${name}" är en mellanrubrik och hoppas över`,
              en: `the row "${name}" is a subheading and is skipped`,
            },
        { row, col: regionCol },
      );
      continue;
    }
    const region = readRegionName(sink, index, row, regionCol, regionCell);
    if (!region) {
      out.dataRows.push({ row, code: null });
      continue;
    }
    const first = out.rowOf.get(region.code);
    if (first !== undefined) {
      out.dataRows.push({ row, code: null });
      sink.add(
        "error",
        "region.duplicate",
        {
          sv: `${region.name} finns redan på rad ${first + 1} (${toA1(first, regionCol)}) — varje region får bara finnas en gång`,
          en: `${region.name} is already on row ${first + 1} (${toA1(first, regionCol)}) — each region may appear only once`,
        },
        { row, col: regionCol },
        region.name,
      );
      continue;
    }
    out.rowOf.set(region.code, row);
    out.dataRows.push({ row, code: region.code });
    const r: RowAt = { row, region, input: { code: region.code, at: null } };
    readFields(sink, r, chosen, ruleSet, index, years, policy);
    out.inputs.push(r.input);
  }
  totalsCheck(sink, totalRows, columns, out.inputs, years);
  out.inputs.sort((a, b) => compareCodes(a.code, b.code));
  return out;
}

function readFields(
  sink: IssueSink,
  r: RowAt,
  chosen: ChosenColumns,
  ruleSet: RuleSet,
  index: RegionIndex,
  years: HeaderYears,
  policy: RangePolicy,
): void {
  const { columns } = chosen;
  const cell = (col: number) => cellAt(sink.sheet, r.row, col);
  if (columns.code !== undefined) readCode(sink, index, r, columns.code, cell(columns.code));
  if (columns.at !== undefined) readAt(sink, years, r, columns.at, cell(columns.at));
  if (columns.population !== undefined) {
    readPopulation(
      sink,
      years,
      chosen.needPopulation,
      r,
      columns.population,
      cell(columns.population),
    );
  }
  if (ruleSet.inputs.baseline) {
    readBaseline(
      ruleSet,
      r.region,
      r.row,
      columns.baseline,
      chosen.useBaselineDefaults,
      r.input,
      years,
      policy,
      {
        sink,
        regionCol: columns.region!,
      },
    );
  }
  if (ruleSet.inputs.rewarded && columns.rewarded !== undefined) {
    readRewarded(sink, years, r, columns.rewarded, cell(columns.rewarded));
  }
  if (ruleSet.inputs.forecast && columns.forecast !== undefined) {
    readForecast(sink, r, columns.forecast, cell(columns.forecast));
  }
  if (ruleSet.groups && columns.group !== undefined) {
    readGroup(sink, ruleSet, r, columns.group, cell(columns.group));
  }
  for (const name of declaredInputs(ruleSet)) {
    const col = columns[name];
    if (col !== undefined) readDeclared(sink, ruleSet, years, name, r, col, cell(col));
  }
  plausibility(sink, r, columns, years);
}

/** A count the rule set declares: whole ≥ 0, blank = not reported. */
function readDeclared(
  sink: IssueSink,
  ruleSet: RuleSet,
  years: HeaderYears,
  name: string,
  r: RowAt,
  col: number,
  v: CellValue,
): void {
  const spec = ruleSet.inputs[name]!;
  const label = {
    sv: withYear(spec.label!.sv, years.year),
    en: withYear(spec.label!.en, years.year),
  };
  const c = readCount(v);
  r.input.counts = r.input.counts ?? {};
  if (c.kind === "value") r.input.counts[name] = c.value;
  else if (c.kind === "blank") {
    r.input.counts[name] = null;
    sink.add(
      "notice",
      "input.notReported",
      {
        sv: `tom cell: ${r.region.name} har inte redovisat ${label.sv}`,
        en: `blank cell: ${r.region.name} did not report ${label.en}`,
      },
      { row: r.row, col },
      r.region.name,
    );
  } else {
    sink.add(
      "error",
      `count.${c.reason}`,
      badCountText(c.reason, c.shown, label, false),
      { row: r.row, col },
      r.region.name,
    );
  }
}

/** Impossible together: more AT posts than inhabitants. */
function plausibility(
  sink: IssueSink,
  r: RowAt,
  columns: RegionTableRead["columns"],
  years: HeaderYears,
): void {
  const { at, population } = r.input;
  if (typeof at === "number" && typeof population === "number" && at > population) {
    sink.add(
      "error",
      "at.abovePopulation",
      {
        sv: `${r.region.name} har fler AT ${years.year} (${formatNumber(at, "sv")}) än invånare (${formatNumber(population, "sv")}) — kontrollera kolumnerna`,
        en: `${r.region.name} has more AT posts ${years.year} (${formatNumber(at, "en")}) than inhabitants (${formatNumber(population, "en")}) — check the columns`,
      },
      { row: r.row, col: columns.at! },
      r.region.name,
    );
  }
}

/** A row without a region: skipped; where it holds figures, they are not read — a warning. */
function blankRegionRow(
  sink: IssueSink,
  row: number,
  regionCol: number,
  inputCols: number[],
): void {
  if (!anyValueIn(sink.sheet, row, inputCols)) return;
  const shown = inputCols
    .map((c) => cellAt(sink.sheet, row, c))
    .filter((v) => !isBlank(v))
    .slice(0, 3)
    .map((v) => showCell(v));
  sink.add(
    "warning",
    "row.blankRegion",
    {
      sv: `raden har värden (${shown.map((s) => s.sv).join(", ")}) men ingen region och läses inte — skriv regionens namn eller töm raden`,
      en: `the row has values (${shown.map((s) => s.en).join(", ")}) but no region and is not read — write the region's name or clear the row`,
    },
    { row, col: regionCol },
    undefined,
    { affectsAmounts: true },
  );
}

/** Total rows that do not add up point at a typing error somewhere. */
function totalsCheck(
  sink: IssueSink,
  totalRows: number[],
  columns: RegionTableRead["columns"],
  inputs: RegionInput[],
  years: HeaderYears,
): void {
  for (const row of totalRows) {
    for (const field of ["at", "population"] as const) {
      const col = columns[field];
      if (col === undefined) continue;
      const r = readCount(cellAt(sink.sheet, row, col));
      if (r.kind !== "value") continue;
      const values = inputs.map((i) => i[field]);
      if (values.some((x) => x === null || x === undefined)) continue;
      const sum = values.reduce<number>((s, x) => s + (x as number), 0);
      if (sum !== r.value) {
        const label = fieldLabel(field, years);
        sink.add(
          "warning",
          "total.mismatch",
          {
            sv: `summaraden anger ${formatNumber(r.value, "sv")} för ${label.sv}, men regionerna summerar till ${formatNumber(sum, "sv")}`,
            en: `the total row says ${formatNumber(r.value, "en")} for ${label.en}, but the regions add up to ${formatNumber(sum, "en")}`,
          },
          { row, col },
        );
      }
    }
  }
}
