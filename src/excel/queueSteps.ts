/**
 * Queues write steps on an Office.js request context: one batch, sent by the caller's sync.
 */
import { parseA1, toA1 } from "../workbook/a1";
import type { PageLayoutPlan } from "../workbook/types";
import { looksLikeFormula, type CellsStep, type ChartStep, type WriteStep } from "./writeSteps";

const CHART_TYPE = "BarClustered";

/**
 * A text written that Excel could take for a formula, with its valueTypes loaded in the same
 * batch, after the write: whether "@" kept it a text is known when the batch returns.
 */
export interface TextProbe {
  sheet: string;
  row: number;
  col: number;
  text: string;
  range: Excel.Range;
}

/** A cells step whose values are loaded back after it wrote them (CellsStep.verify). */
export interface ValuesProbe {
  step: CellsStep;
  range: Excel.Range;
}

/** What a batch loads back: texts that could be formulas, values to compare. */
export interface BatchProbes {
  texts: TextProbe[];
  values: ValuesProbe[];
}

export interface BatchOptions {
  /**
   * suspendApiCalculationUntilNextSync, as long as nothing written is a formula: with
   * formulas the suspension is dropped, and `calculate` recalculates at the end.
   */
  suspendCalculation: boolean;
  /** application.calculate(Recalculate) after the batch's steps. */
  calculate: boolean;
}

function queueCells(ws: Excel.Worksheet, step: CellsStep, probes: BatchProbes): void {
  const rows = step.values.length;
  const cols = step.values[0]?.length ?? 0;
  if (rows === 0 || cols === 0) return;
  const range = ws.getRangeByIndexes(step.top, step.left, rows, cols);
  // The format first: a string entered into a cell formatted "@" stays the text it is.
  range.numberFormat = step.formats;
  range.values = step.values;
  for (const f of step.formulas) {
    ws.getRangeByIndexes(step.top + f.row, step.left + f.col, 1, 1).formulas = [[f.formula]];
  }
  if (step.verify) {
    range.load("values");
    probes.values.push({ step, range });
  }
  if (step.resetBold) range.format.font.bold = false;
  for (const b of step.bold) {
    ws.getRangeByIndexes(step.top + b.row, step.left + b.col, 1, b.length).format.font.bold = true;
  }
  step.values.forEach((line, r) =>
    line.forEach((value, c) => {
      if (typeof value !== "string" || !looksLikeFormula(value)) return;
      const cell = ws.getRangeByIndexes(step.top + r, step.left + c, 1, 1);
      cell.load("valueTypes");
      probes.texts.push({
        sheet: step.sheet,
        row: step.top + r,
        col: step.left + c,
        text: value,
        range: cell,
      });
    }),
  );
}

function queueChart(ws: Excel.Worksheet, step: ChartStep): void {
  const spec = step.chart;
  const chart = ws.charts.add(CHART_TYPE, ws.getRange(spec.valuesRange), "Columns");
  chart.title.text = spec.title;
  chart.legend.visible = false;
  const series = chart.series.getItemAt(0);
  series.name = spec.seriesName;
  series.setXAxisValues(ws.getRange(spec.categoriesRange));
  // Bars run bottom-up by default; reversed, the regions read top-down in code order.
  chart.axes.categoryAxis.reversePlotOrder = true;
  const at = parseA1(spec.anchor);
  const end = toA1(
    at.row + Math.max(1, spec.heightRows) - 1,
    at.col + Math.max(1, spec.widthCols) - 1,
  );
  chart.setPosition(spec.anchor, end);
}

/** A4, the orientation, the print titles, one page wide, the header and the footer. */
function queuePageLayout(ws: Excel.Worksheet, layout: PageLayoutPlan): void {
  const pl = ws.pageLayout;
  pl.paperSize = "A4" as Excel.PaperType;
  pl.orientation = (
    layout.orientation === "landscape" ? "Landscape" : "Portrait"
  ) as Excel.PageOrientation;
  pl.setPrintTitleRows(`$${layout.titleRows.first + 1}:$${layout.titleRows.last + 1}`);
  pl.zoom = {
    horizontalFitToPages: layout.fitToPagesWide,
    verticalFitToPages: layout.fitToPagesTall,
  };
  const page = pl.headersFooters.defaultForAllPages;
  page.centerHeader = layout.centerHeader;
  page.centerFooter = layout.centerFooter;
}

/**
 * Queues one batch of steps on a context; sheet objects are kept for the run. Returns what
 * it loads back after writing: the texts that could be taken for formulas, the values to
 * compare.
 */
export function queueBatch(
  ctx: Excel.RequestContext,
  batch: WriteStep[],
  sheets: Map<string, Excel.Worksheet>,
  options: BatchOptions = { suspendCalculation: true, calculate: false },
): BatchProbes {
  const app = ctx.workbook.application;
  const probes: BatchProbes = { texts: [], values: [] };
  // Both last until the next sync only, so every batch asks again.
  if (options.suspendCalculation) app.suspendApiCalculationUntilNextSync();
  app.suspendScreenUpdatingUntilNextSync();
  const sheet = (name: string): Excel.Worksheet => {
    const key = name.toLowerCase();
    let ws = sheets.get(key);
    if (!ws) {
      ws = ctx.workbook.worksheets.getItem(name);
      sheets.set(key, ws);
    }
    return ws;
  };
  for (const step of batch) {
    switch (step.kind) {
      case "clear":
        sheet(step.sheet).getRange(step.address).clear("All");
        break;
      case "addTableColumns": {
        const columns = ctx.workbook.tables.getItem(step.table).columns;
        for (const name of step.names) columns.add(undefined, undefined, name);
        break;
      }
      case "cells":
        queueCells(sheet(step.sheet), step, probes);
        break;
      case "autofit":
        sheet(step.sheet)
          .getRangeByIndexes(step.top, step.left, step.rows, step.cols)
          .format.autofitColumns();
        break;
      case "deleteSheet":
        sheet(step.sheet).delete();
        sheets.delete(step.sheet.toLowerCase());
        break;
      case "addSheet": {
        const ws = ctx.workbook.worksheets.add(step.sheet);
        if (step.veryHidden) ws.visibility = "VeryHidden";
        sheets.set(step.sheet.toLowerCase(), ws);
        break;
      }
      case "widths": {
        const ws = sheet(step.sheet);
        // Neighbouring columns of one width in one call.
        for (let c = 0; c < step.points.length;) {
          let n = 1;
          while (c + n < step.points.length && step.points[c + n] === step.points[c]) n++;
          ws.getRangeByIndexes(0, c, 1, n).format.columnWidth = step.points[c];
          c += n;
        }
        break;
      }
      case "chart":
        queueChart(sheet(step.sheet), step);
        break;
      case "conditionalFormat": {
        const cf = sheet(step.sheet)
          .getRange(step.range)
          .conditionalFormats.add("CellValue" as Excel.ConditionalFormatType);
        cf.cellValue.format.font.color = step.fontColor;
        cf.cellValue.rule = {
          formula1: `="${step.equals.replace(/"/g, '""')}"`,
          operator: "EqualTo",
        };
        break;
      }
      case "activate":
        sheet(step.sheet).activate();
        break;
      case "pageLayout":
        queuePageLayout(sheet(step.sheet), step.layout);
        break;
      case "customProperty":
        // "Creates a new or sets an existing custom property": a re-run replaces ours.
        ctx.workbook.properties.custom.add(step.name, step.value);
        break;
    }
  }
  // Excel's own enum value (Excel.CalculationType.recalculate), as a string: no global needed.
  if (options.calculate) app.calculate("Recalculate" as Excel.CalculationType);
  return probes;
}
