/**
 * The simulated workbook on screen: sheet tabs, a name box and the cell content, and the cells
 * as a grid that only renders the rows in view (a table of 5 000 rows scrolls like 20). It
 * reads the fake Excel directly and re-renders on the store's signal, so it shows exactly what
 * the adapter wrote, and what the tests check. Cells are edited the way Excel takes typing.
 */
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type UIEvent,
} from "react";
import { Caption1, Checkbox, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { FakeCell, FakeChart, FakeExcel } from "../excel/fake";
import { hasContent } from "../excel/fake/model";
import type { Lang } from "../domain/ruleSet";
import { columnName, toA1 } from "../workbook/a1";
import { alignment, contentText, displayText } from "./cellFormat";
import { workbenchStrings, type WorkbenchStrings } from "./i18n";
import type { WorkbenchStore } from "./store";
import { cellKey } from "./xlsxModel";

export const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 24;
const ROW_HEADER_WIDTH = 52;
const DEFAULT_COL_WIDTH = 88;
/** Rows drawn above and below the visible ones, so a quick scroll shows no gap. */
const OVERSCAN = 8;
const MAX_RENDERED_COLS = 200;

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: 0,
    flexGrow: 1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  bar: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  nameBox: {
    width: "72px",
    flexShrink: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    padding: "3px 6px",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  content: {
    flexGrow: 1,
    minWidth: 0,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    padding: "3px 6px",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
  },
  scroller: {
    flexGrow: 1,
    minHeight: 0,
    overflow: "auto",
    position: "relative",
    outlineStyle: "none",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  table: {
    tableLayout: "fixed",
    borderCollapse: "separate",
    borderSpacing: 0,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
  },
  colHeader: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    height: `${HEADER_HEIGHT}px`,
    padding: 0,
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground3,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    textAlign: "center",
  },
  corner: { left: 0, zIndex: 3 },
  rowHeader: {
    position: "sticky",
    left: 0,
    zIndex: 1,
    padding: "0 4px",
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground3,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRight: `1px solid ${tokens.colorNeutralStroke1}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    textAlign: "center",
  },
  headerActive: {
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground3Selected,
  },
  cell: {
    height: `${ROW_HEIGHT - 1}px`,
    padding: "0 4px",
    overflow: "hidden",
    whiteSpace: "nowrap",
    textOverflow: "clip",
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    position: "relative",
    cursor: "cell",
  },
  tableHeader: { backgroundColor: "#dbe5f1", fontWeight: tokens.fontWeightSemibold },
  tableBand: { backgroundColor: "#f2f6fb" },
  bold: { fontWeight: tokens.fontWeightSemibold },
  formula: { fontStyle: "italic", color: tokens.colorPaletteRedForeground1 },
  error: { color: tokens.colorPaletteRedForeground1 },
  note: {
    "::after": {
      content: '""',
      position: "absolute",
      top: 0,
      right: 0,
      borderTop: `6px solid ${tokens.colorPaletteRedBorder2}`,
      borderLeft: "6px solid transparent",
    },
  },
  /** A text running on into empty cells to its right, as Excel draws it. */
  spill: { overflow: "visible", zIndex: 1 },
  // Clicks on the cells it runs over reach those cells, as in Excel.
  spillText: { display: "block", overflow: "hidden", textOverflow: "clip", pointerEvents: "none" },
  selected: {
    outline: `2px solid ${tokens.colorBrandStroke1}`,
    outlineOffset: "-2px",
    backgroundColor: tokens.colorBrandBackground2,
  },
  inRange: { backgroundColor: tokens.colorBrandBackground2 },
  editor: {
    position: "absolute",
    inset: 0,
    width: "100%",
    boxSizing: "border-box",
    border: `2px solid ${tokens.colorBrandStroke1}`,
    padding: "0 2px",
    font: "inherit",
    outlineStyle: "none",
  },
  tabs: {
    display: "flex",
    alignItems: "stretch",
    gap: "2px",
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    overflowX: "auto",
    minHeight: "32px",
  },
  tab: {
    border: "none",
    borderBottom: "3px solid transparent",
    background: "transparent",
    padding: `0 ${tokens.spacingHorizontalM}`,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    cursor: "pointer",
    whiteSpace: "nowrap",
    ":hover": { backgroundColor: tokens.colorNeutralBackground2Hover },
  },
  tabActive: {
    color: tokens.colorBrandForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorBrandStroke1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  tabHidden: { fontStyle: "italic", color: tokens.colorNeutralForeground3 },
  tabsEnd: { marginLeft: "auto", display: "flex", alignItems: "center" },
  charts: {
    maxHeight: "40%",
    overflow: "auto",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  chartRow: {
    display: "grid",
    gridTemplateColumns: "minmax(120px, 200px) 1fr minmax(110px, auto)",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    fontSize: tokens.fontSizeBase200,
  },
  chartBar: {
    height: "12px",
    backgroundColor: tokens.colorBrandBackground,
    borderRadius: tokens.borderRadiusSmall,
  },
  chartValue: { textAlign: "end", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
});

interface Selection {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

interface Editing {
  row: number;
  col: number;
  text: string;
}

export interface SheetViewProps {
  store: WorkbenchStore;
  lang: Lang;
  t: WorkbenchStrings;
}

/** The widths of the columns drawn, in pixels: as set (points), autofitted (from the texts), or the default. */
function columnWidths(fake: FakeExcel, sheetName: string, cols: number, lang: Lang): number[] {
  const sheet = fake.model.sheet(sheetName);
  const widths = Array.from({ length: cols }, () => DEFAULT_COL_WIDTH);
  if (!sheet) return widths;
  const longest = new Map<number, number>();
  if (sheet.autofitColumns.size > 0) {
    for (const [, c, cell] of sheet.entries()) {
      if (!sheet.autofitColumns.has(c)) continue;
      longest.set(c, Math.max(longest.get(c) ?? 0, displayText(cell, lang).length));
    }
  }
  for (let c = 0; c < cols; c++) {
    const points = sheet.columnWidths.get(c);
    if (points !== undefined) widths[c] = Math.max(24, Math.round((points * 4) / 3));
    else if (longest.has(c)) widths[c] = Math.min(360, Math.max(64, longest.get(c)! * 7 + 16));
  }
  return widths;
}

export function SheetView({ store, lang, t }: SheetViewProps) {
  const styles = useStyles();
  const version = useSyncExternalStore(store.subscribe, store.getVersion, store.getVersion);
  const { fake, extras, id } = store.workbook;
  const model = fake.model;
  const [showHidden, setShowHidden] = useState(false);
  /** A hidden sheet shown without activating it (Excel cannot activate one). */
  const [viewedHidden, setViewedHidden] = useState<string | null>(null);
  const [editing, setEditingState] = useState<Editing | null>(null);
  // The edit in progress, synchronously: Enter commits and moves focus, which blurs the editor,
  // whose blur must then not commit a second time.
  const editRef = useRef<Editing | null>(null);
  const setEditing = (edit: Editing | null) => {
    editRef.current = edit;
    setEditingState(edit);
  };
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [barText, setBarText] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const hiddenSheet = viewedHidden ? model.sheet(viewedHidden) : undefined;
  const sheet = hiddenSheet ?? model.active;
  const readOnly = sheet.visibility !== "Visible";
  const rawSelection = fake.selection();
  const selection: Selection | null =
    rawSelection && rawSelection !== "chart" && rawSelection.sheet === sheet.name && !readOnly
      ? (() => {
          const ref = model.selection as Exclude<typeof model.selection, "chart" | null>;
          return { top: ref.top, left: ref.left, rows: ref.rows, cols: ref.cols };
        })()
      : null;

  const used = model.usedRange(sheet, false);
  // The used rows and a margin, and at least enough to fill the view, as Excel shows.
  const rowCount = Math.max(
    40,
    Math.ceil(viewport / ROW_HEIGHT),
    (used ? used.top + used.rows : 0) + 20,
  );
  const colCount = Math.min(
    MAX_RENDERED_COLS,
    Math.max(12, (used ? used.left + used.cols : 0) + 3, selection ? selection.left + 2 : 0),
  );
  const widths = useMemo(
    () => columnWidths(fake, sheet.name, colCount, lang),
    // version: the widths follow every write (autofit, set widths, new texts).
    [fake, sheet.name, colCount, lang, version],
  );
  const totalWidth = ROW_HEADER_WIDTH + widths.reduce((a, b) => a + b, 0);

  const tables = model.tables.filter((tb) => tb.sheet === sheet);
  const tableRole = (r: number, c: number): "header" | "band" | null => {
    for (const tb of tables) {
      if (c < tb.left || c > tb.right || r < tb.top || r > tb.bottom) continue;
      if (r === tb.top) return "header";
      return (r - tb.top) % 2 === 1 ? "band" : null;
    }
    return null;
  };

  // Keep the viewport height current (the window and the pane may resize).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight || 600);
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A new workbook: back to its top, nothing half-typed.
  useEffect(() => {
    setEditing(null);
    setViewedHidden(null);
    scroller.current?.scrollTo?.({ top: 0, left: 0 });
    setScrollTop(0);
  }, [id]);

  // The selection moved (the task pane selected an issue's cell, say): bring it into view.
  // Keyed on the selection object, which the fake replaces on every select, not on writes.
  const widthsRef = useRef(widths);
  widthsRef.current = widths;
  const selectionRef = model.selection;
  const selTop = selection?.top ?? -1;
  const selLeft = selection?.left ?? -1;
  useEffect(() => {
    const el = scroller.current;
    if (!el || selTop < 0) return;
    const y = HEADER_HEIGHT + selTop * ROW_HEIGHT;
    if (y < el.scrollTop + HEADER_HEIGHT || y + ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, y - el.clientHeight / 3);
      setScrollTop(el.scrollTop);
    }
    const w = widthsRef.current;
    const x = ROW_HEADER_WIDTH + w.slice(0, selLeft).reduce((a, b) => a + b, 0);
    if (
      x < el.scrollLeft + ROW_HEADER_WIDTH ||
      x + (w[selLeft] ?? 0) > el.scrollLeft + el.clientWidth
    ) {
      el.scrollLeft = Math.max(0, x - ROW_HEADER_WIDTH);
    }
  }, [selectionRef, selTop, selLeft, sheet.name]);

  // The content field follows the selected cell until the user types into it.
  useEffect(() => setBarText(null), [selTop, selLeft, sheet.name, version]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);

  const onScroll = (event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop);

  const selectCell = (row: number, col: number) => {
    if (readOnly) return;
    store.select(sheet.name, toA1(row, col));
  };

  const commit = (move: { dr: number; dc: number } | null) => {
    const edit = editRef.current;
    if (!edit) return;
    setEditing(null);
    store.editCell(sheet.name, edit.row, edit.col, edit.text);
    if (move) {
      selectCell(Math.max(0, edit.row + move.dr), Math.max(0, edit.col + move.dc));
    }
    scroller.current?.focus({ preventScroll: true });
  };

  const onGridKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    if (event.key === "F6") {
      // As in Excel, F6 moves to the task pane; Tab stays in the grid.
      event.preventDefault();
      focusTaskPane();
      return;
    }
    if (event.key === "Tab") {
      // Tab moves between cells, never out of the grid (Excel's Tab); with no cell selected
      // (a chart selected, a hidden sheet shown) it selects A1, or does nothing.
      event.preventDefault();
      if (!selection && !readOnly) selectCell(0, 0);
      if (!selection) return;
    }
    if (readOnly || !selection) return;
    const { top, left } = selection;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Tab: [0, event.shiftKey ? -1 : 1],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      selectCell(Math.max(0, top + move[0]), Math.max(0, left + move[1]));
    } else if (event.key === "Enter" || event.key === "F2") {
      event.preventDefault();
      setEditing({ row: top, col: left, text: contentText(sheet.cell(top, left), lang) });
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      store.editCell(sheet.name, top, left, "");
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Typing replaces the cell's content, as in Excel.
      event.preventDefault();
      setEditing({ row: top, col: left, text: event.key });
    }
  };

  const selectedCell = selection ? sheet.cell(selection.top, selection.left) : undefined;
  const address = selection
    ? toA1(selection.top, selection.left) +
      (selection.rows > 1 || selection.cols > 1
        ? `:${toA1(selection.top + selection.rows - 1, selection.left + selection.cols - 1)}`
        : "")
    : "";

  const sheets = model.sheets.filter((s) => showHidden || s.visibility === "Visible");
  const charts = sheet.charts;

  const rows = [];
  for (let r = first; r < last; r++) {
    const cells = [];
    const rowActive =
      selection !== null && r >= selection.top && r < selection.top + selection.rows;
    for (let c = 0; c < colCount; c++) {
      const cell: FakeCell | undefined = sheet.cell(r, c);
      const isSel = selection !== null && r === selection.top && c === selection.left;
      const inRange =
        selection !== null &&
        r >= selection.top &&
        r < selection.top + selection.rows &&
        c >= selection.left &&
        c < selection.left + selection.cols;
      const role = cell || tables.length > 0 ? tableRole(r, c) : null;
      const note = extras.notes.get(cellKey(sheet.name, r, c));
      const isEditing = editing !== null && editing.row === r && editing.col === c;
      const a1 = toA1(r, c);
      const text = isEditing ? "" : displayText(cell, lang);
      // Text runs on over the empty cells to its right (up to the next one with content).
      let spill = 0;
      if (text !== "" && alignment(cell) === "start" && !hasContent(sheet.cell(r, c + 1))) {
        spill = widths[c] ?? DEFAULT_COL_WIDTH;
        for (let n = c + 1; n < colCount && !hasContent(sheet.cell(r, n)) && spill < 2000; n++) {
          spill += widths[n] ?? DEFAULT_COL_WIDTH;
        }
      }
      cells.push(
        <td
          key={c}
          role="gridcell"
          data-cell={a1}
          aria-selected={isSel ? true : undefined}
          title={cell?.formula !== undefined ? t.formulaTitle : note}
          className={mergeClasses(
            styles.cell,
            role === "header" && styles.tableHeader,
            role === "band" && styles.tableBand,
            cell?.bold && styles.bold,
            cell?.formula !== undefined && styles.formula,
            cell?.error !== undefined && styles.error,
            note !== undefined && styles.note,
            inRange && styles.inRange,
            isSel && styles.selected,
            spill > 0 && styles.spill,
          )}
          style={{ textAlign: alignment(cell) }}
          onMouseDown={(event) => {
            // An edit elsewhere is committed by its editor's blur.
            if (event.button !== 0 || isEditing) return;
            selectCell(r, c);
          }}
          onDoubleClick={() => {
            if (readOnly) return;
            setEditing({ row: r, col: c, text: contentText(cell, lang) });
          }}
        >
          {isEditing ? (
            <input
              className={styles.editor}
              aria-label={`${t.formulaBar} ${a1}`}
              autoFocus
              value={editing.text}
              onChange={(event) => setEditing({ ...editing, text: event.target.value })}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  commit({ dr: event.shiftKey ? -1 : 1, dc: 0 });
                } else if (event.key === "Tab") {
                  event.preventDefault();
                  commit({ dr: 0, dc: event.shiftKey ? -1 : 1 });
                } else if (event.key === "Escape") {
                  event.preventDefault();
                  setEditing(null);
                  scroller.current?.focus({ preventScroll: true });
                }
              }}
              onBlur={() => commit(null)}
            />
          ) : spill > 0 ? (
            <span className={styles.spillText} style={{ width: spill - 9 }}>
              {text}
            </span>
          ) : (
            text
          )}
        </td>,
      );
    }
    rows.push(
      <tr key={r} aria-rowindex={r + 2} style={{ height: ROW_HEIGHT }}>
        <th
          scope="row"
          className={mergeClasses(styles.rowHeader, rowActive && styles.headerActive)}
        >
          {r + 1}
        </th>
        {cells}
      </tr>,
    );
  }

  return (
    <section className={styles.root} aria-label={t.sheetGrid(sheet.name)} data-testid="sheet-view">
      <div className={styles.bar}>
        <input
          className={styles.nameBox}
          aria-label={t.nameBox}
          data-testid="name-box"
          readOnly
          value={address}
        />
        <input
          className={styles.content}
          aria-label={t.formulaBar}
          data-testid="formula-bar"
          title={t.editHint}
          disabled={!selection || readOnly}
          value={barText ?? contentText(selectedCell, lang)}
          onChange={(event) => setBarText(event.target.value)}
          onKeyDown={(event) => {
            if (!selection) return;
            if (event.key === "Enter") {
              event.preventDefault();
              const text = barText ?? contentText(selectedCell, lang);
              setBarText(null);
              store.editCell(sheet.name, selection.top, selection.left, text);
            } else if (event.key === "Tab") {
              // As in Excel: keep the text and move to the next cell, in the grid.
              event.preventDefault();
              if (barText !== null) {
                store.editCell(sheet.name, selection.top, selection.left, barText);
                setBarText(null);
              }
              selectCell(selection.top, Math.max(0, selection.left + (event.shiftKey ? -1 : 1)));
              scroller.current?.focus({ preventScroll: true });
            } else if (event.key === "Escape") {
              setBarText(null);
            }
          }}
        />
      </div>
      <div
        ref={scroller}
        className={styles.scroller}
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onGridKey}
        data-testid="grid-scroller"
      >
        <table
          role="grid"
          aria-label={t.sheetGrid(sheet.name)}
          aria-rowcount={rowCount + 1}
          aria-colcount={colCount + 1}
          aria-readonly={readOnly || undefined}
          className={styles.table}
          style={{ width: totalWidth }}
        >
          <colgroup>
            <col style={{ width: ROW_HEADER_WIDTH }} />
            {widths.map((w, c) => (
              <col key={c} style={{ width: w }} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <th className={mergeClasses(styles.colHeader, styles.corner)} />
              {widths.map((_, c) => (
                <th
                  key={c}
                  scope="col"
                  className={mergeClasses(
                    styles.colHeader,
                    selection !== null &&
                      c >= selection.left &&
                      c < selection.left + selection.cols &&
                      styles.headerActive,
                  )}
                >
                  {columnName(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 && <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }} />}
            {rows}
            {last < rowCount && (
              <tr aria-hidden="true" style={{ height: (rowCount - last) * ROW_HEIGHT }} />
            )}
          </tbody>
        </table>
      </div>
      {charts.length > 0 && (
        <details className={styles.charts} open>
          <summary>
            <Caption1>{t.charts(charts.length)}</Caption1>
          </summary>
          {charts.map((chart) => (
            <ChartView key={chart.id} fake={fake} sheet={sheet.name} chart={chart} lang={lang} />
          ))}
        </details>
      )}
      <div className={styles.tabs} role="tablist" aria-label={t.sheetTabs}>
        {sheets.map((s) => {
          const isActive = s === sheet;
          const hiddenLabel =
            s.visibility === "Hidden"
              ? t.hidden
              : s.visibility === "VeryHidden"
                ? t.veryHidden
                : null;
          return (
            <button
              key={s.id}
              type="button"
              role="tab"
              aria-selected={isActive}
              data-sheet={s.name}
              className={mergeClasses(
                styles.tab,
                isActive && styles.tabActive,
                hiddenLabel !== null && styles.tabHidden,
              )}
              onClick={() => {
                setEditing(null);
                if (s.visibility === "Visible") {
                  setViewedHidden(null);
                  if (model.active !== s) store.activate(s.name);
                } else {
                  setViewedHidden(s.name);
                }
              }}
            >
              {hiddenLabel ? `${s.name} (${hiddenLabel})` : s.name}
            </button>
          );
        })}
        <div className={styles.tabsEnd}>
          <Checkbox
            label={t.showHidden}
            checked={showHidden}
            onChange={(_, data) => {
              setShowHidden(data.checked === true);
              if (!data.checked) setViewedHidden(null);
            }}
          />
        </div>
      </div>
    </section>
  );
}

/** The task pane's first control, for F6. */
function focusTaskPane(): void {
  document
    .querySelector<HTMLElement>(
      '[data-testid="taskpane"] select, [data-testid="taskpane"] button, [data-testid="taskpane"] a',
    )
    ?.focus();
}

/** Bars drawn at most; the workbook's chart itself keeps every category. */
export const CHART_BARS = 50;

/** A chart the adapter added, drawn plainly: one bar per category of its first series. */
function ChartView({
  fake,
  sheet,
  chart,
  lang,
}: {
  fake: FakeExcel;
  sheet: string;
  chart: FakeChart;
  lang: Lang;
}) {
  const styles = useStyles();
  const series = chart.series[0];
  if (!series) return null;
  let values: unknown[] = [];
  let labels: unknown[] = [];
  try {
    values = fake.getValues(sheet, series.values).flat();
    labels = series.xValues ? fake.getValues(sheet, series.xValues).flat() : [];
  } catch {
    return null;
  }
  const numbers = values.map((v) => (typeof v === "number" ? v : 0));
  const max = numbers.reduce((a, b) => Math.max(a, b), 1);
  // Thousands of bars read as a smear: past CHART_BARS, the largest, and a line that says so.
  const all = numbers.map((n, i) => ({ n, i }));
  const bars =
    all.length > CHART_BARS
      ? [...all].sort((a, b) => b.n - a.n || a.i - b.i).slice(0, CHART_BARS)
      : all;
  const t = workbenchStrings(lang);
  const format = (n: number) =>
    displayText(
      { value: n, numberFormat: fake.getCell(sheet, series.values.split(":")[0])?.numberFormat },
      lang,
    );
  return (
    <figure style={{ margin: 0 }} data-testid="chart">
      <figcaption>
        <strong>{chart.title ?? chart.name}</strong>
      </figcaption>
      {bars.length < all.length && (
        <Caption1 data-testid="chart-note">{t.chartTop(bars.length, all.length)}</Caption1>
      )}
      {bars.map(({ n, i }) => (
        <div key={i} className={styles.chartRow}>
          <span>{labels[i] === undefined || labels[i] === null ? "" : String(labels[i])}</span>
          <div className={styles.chartBar} style={{ width: `${(Math.max(0, n) / max) * 100}%` }} />
          <span className={styles.chartValue}>{format(n)}</span>
        </div>
      ))}
    </figure>
  );
}
