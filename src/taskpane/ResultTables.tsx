/**
 * The preview of a read: amounts per region and block, and each block against its budget.
 * Plain HTML tables styled with Fluent's tokens: Fluent's Table adds nothing a static table
 * needs, and the bundle budget is tight.
 */
import { Fragment, useEffect, useId, useRef, useState, type RefObject } from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { pick, type Lang } from "../domain/ruleSet";
import type { AllocationResult, RegionResult } from "../domain/types";
import { formatInteger, type Strings } from "./i18n";
import { Caption, H2, LinkButton } from "./ui";

/** "Block 1 – Redovisa antal AT" → "Block 1": the pane is narrow; the full name is the title. */
export function blockColumnLabel(name: string): string {
  const cut = name.search(/\s[–—-]\s/);
  return cut > 0 ? name.slice(0, cut) : name;
}

/** Amounts are whole kronor as safe integers; summing them in `number` is exact. */
function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

const cell = {
  padding: `${tokens.spacingVerticalXXS} 3px`,
  borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  textAlign: "start" as const,
  verticalAlign: "top" as const,
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  scroll: {
    overflowX: "auto",
    maxWidth: "100%",
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  table: {
    minWidth: "100%",
    borderCollapse: "collapse",
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
  },
  th: { ...cell, fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap" },
  td: cell,
  num: { textAlign: "end", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
  sumRow: { fontWeight: tokens.fontWeightSemibold },
  // Narrow (a 320–350 px task pane): smaller type, no code column, and the region and the
  // total held in view at the edges while the block columns scroll between them.
  compact: {
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
    "& th, & td": { paddingLeft: "4px", paddingRight: "1px" },
    "& td:first-child, & th:first-child": { paddingLeft: 0 },
    "& td:last-child, & th:last-child": { paddingRight: 0 },
  },
  stickyStart: {
    position: "sticky",
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  stickyEnd: {
    position: "sticky",
    right: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  nowrap: { whiteSpace: "nowrap" },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  whyButton: { marginLeft: "4px", whiteSpace: "nowrap" },
  why: {
    ...cell,
    backgroundColor: tokens.colorNeutralBackground2,
    whiteSpace: "normal",
  },
  // Held at the scroll box's left edge and width: readable without scrolling sideways.
  whyBody: { position: "sticky", left: 0, boxSizing: "border-box", paddingRight: "4px" },
  whyList: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  whyBlock: { fontWeight: tokens.fontWeightSemibold },
});

export interface ResultProps {
  result: AllocationResult;
  lang: Lang;
  t: Strings;
}

/**
 * Rows the preview draws: a table of thousands of rows costs seconds of layout in a task pane
 * and helps nobody; the sum row and the workbook still cover every region.
 */
export const PREVIEW_ROWS = 200;

/** Below this width (px) the region table takes its compact form. */
export const NARROW_WIDTH = 420;

/**
 * The element's width, and whether it is narrower than `width`; 0 and false where
 * ResizeObserver is missing.
 */
function useNarrow(
  ref: RefObject<HTMLElement | null>,
  width: number,
): { narrow: boolean; clientWidth: number } {
  const [clientWidth, setClientWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const measure = () => setClientWidth(el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, width]);
  return { narrow: clientWidth > 0 && clientWidth < width, clientWidth };
}

/** A block's trace in parts ("…; …; summa …"), each a line of its own. */
export function traceLines(trace: string): string[] {
  return trace
    .split(/;\s+/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** "Varför?" opened for a region: per block, its amount and the engine's trace in words. */
function WhyDetail({
  region,
  result,
  lang,
  t,
  id,
  colSpan,
  width,
}: ResultProps & {
  region: RegionResult;
  id: string;
  colSpan: number;
  width: number;
}) {
  const styles = useStyles();
  const amount = (n: number) => formatInteger(n, lang);
  return (
    <tr id={id} data-testid="why">
      <td colSpan={colSpan} className={styles.why}>
        <div className={styles.whyBody} style={width > 0 ? { maxWidth: `${width}px` } : undefined}>
          <div>{t.whyHeading(region.region, amount(region.total))}</div>
          <ul className={styles.whyList}>
            {result.blocks.map((block) => {
              const trace = region.trace[block.id]?.[lang] ?? "";
              const lines = traceLines(trace);
              return (
                <li key={block.id} data-block={block.id}>
                  <span className={styles.whyBlock}>
                    {pick(block.name, lang)}: {amount(region.blocks[block.id] ?? 0)} kr
                  </span>
                  <ul className={styles.whyList}>
                    {lines.length > 0 ? (
                      lines.map((line, i) => <li key={i}>{line}</li>)
                    ) : (
                      <li>{t.whyNoTrace}</li>
                    )}
                  </ul>
                </li>
              );
            })}
          </ul>
        </div>
      </td>
    </tr>
  );
}

export function RegionTable({ result, lang, t }: ResultProps) {
  const styles = useStyles();
  const headingId = useId();
  const amount = (n: number) => formatInteger(n, lang);
  const scrollRef = useRef<HTMLDivElement>(null);
  const { narrow, clientWidth } = useNarrow(scrollRef, NARROW_WIDTH);
  // Regions whose "Varför?" is open, by code.
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (code: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(code)) next.add(code);
      return next;
    });
  const columns = result.blocks.length + (narrow ? 2 : 3);
  const th = styles.th;
  const thNum = mergeClasses(styles.th, styles.num);
  const td = styles.td;
  const tdNum = mergeClasses(styles.td, styles.num);
  const start = narrow ? styles.stickyStart : undefined;
  const end = narrow ? styles.stickyEnd : undefined;
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <H2 id={headingId}>{t.previewHeading}</H2>
      <Caption>{t.previewCaption}</Caption>
      {result.regions.length > PREVIEW_ROWS && (
        <Caption>{t.previewMore(PREVIEW_ROWS, result.regions.length)}</Caption>
      )}
      {/* Focusable, so keyboard users can scroll a table wider than the pane. */}
      <div
        ref={scrollRef}
        className={styles.scroll}
        tabIndex={0}
        role="group"
        aria-labelledby={headingId}
        data-narrow={narrow}
      >
        <table
          className={mergeClasses(styles.table, narrow && styles.compact)}
          aria-labelledby={headingId}
        >
          <thead>
            <tr>
              {!narrow && (
                <th scope="col" className={th}>
                  {t.colCode}
                </th>
              )}
              <th scope="col" className={mergeClasses(th, start)}>
                {t.colRegion}
              </th>
              {result.blocks.map((block) => (
                <th key={block.id} scope="col" className={thNum} title={pick(block.name, lang)}>
                  {blockColumnLabel(pick(block.name, lang))}
                </th>
              ))}
              <th scope="col" className={mergeClasses(thNum, end)}>
                {t.colTotal}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.regions.slice(0, PREVIEW_ROWS).map((region) => {
              const isOpen = open.has(region.code);
              const whyId = `${headingId}-why-${region.code}`;
              return (
                <Fragment key={region.code}>
                  <tr>
                    {!narrow && <td className={td}>{region.code}</td>}
                    <td className={mergeClasses(td, start)} title={`${t.colCode} ${region.code}`}>
                      {region.region}
                      <LinkButton
                        className={styles.whyButton}
                        aria-expanded={isOpen}
                        aria-controls={isOpen ? whyId : undefined}
                        aria-label={t.whyLabel(region.region)}
                        onClick={() => toggle(region.code)}
                      >
                        {t.why}
                      </LinkButton>
                    </td>
                    {result.blocks.map((block) => (
                      <td key={block.id} className={tdNum}>
                        {amount(region.blocks[block.id] ?? 0)}
                      </td>
                    ))}
                    <td className={mergeClasses(tdNum, end)}>{amount(region.total)}</td>
                  </tr>
                  {isOpen && (
                    <WhyDetail
                      region={region}
                      result={result}
                      lang={lang}
                      t={t}
                      id={whyId}
                      colSpan={columns}
                      width={clientWidth}
                    />
                  )}
                </Fragment>
              );
            })}
          </tbody>
          <tfoot>
            <tr className={styles.sumRow}>
              {!narrow && <td className={td} />}
              <td className={mergeClasses(td, start)}>{t.sumRow}</td>
              {result.blocks.map((block) => (
                <td key={block.id} className={tdNum}>
                  {amount(sum(result.regions.map((r) => r.blocks[block.id] ?? 0)))}
                </td>
              ))}
              <td className={mergeClasses(tdNum, end)}>
                {amount(sum(result.regions.map((r) => r.total)))}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

export function BlockTable({ result, lang, t }: ResultProps) {
  const styles = useStyles();
  const headingId = useId();
  const kr = (n: number) => formatInteger(n, lang);
  const th = styles.th;
  const thNum = mergeClasses(styles.th, styles.num);
  const td = styles.td;
  const tdNum = mergeClasses(styles.td, styles.num);
  const overflowed = result.blocks.filter((b) => b.overflow);
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <H2 id={headingId}>{t.blocksHeading}</H2>
      <Caption>{t.blocksCaption}</Caption>
      <div className={styles.scroll} tabIndex={0} role="group" aria-labelledby={headingId}>
        <table className={styles.table} aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col" className={th}>
                {t.colBlock}
              </th>
              <th scope="col" className={thNum}>
                {t.colBudget}
              </th>
              <th scope="col" className={thNum}>
                {t.colDistributed}
              </th>
              <th scope="col" className={thNum}>
                {t.colUndistributed}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.blocks.map((block) => (
              <tr key={block.id} data-block={block.id}>
                <td className={mergeClasses(td, styles.nowrap)} title={pick(block.name, lang)}>
                  {blockColumnLabel(pick(block.name, lang))}
                </td>
                <td className={tdNum}>{kr(block.budget)}</td>
                <td className={tdNum}>{kr(block.distributed)}</td>
                <td className={tdNum}>{kr(block.undistributed)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className={styles.sumRow}>
              <td className={td}>{t.allBlocks}</td>
              <td className={tdNum}>{kr(sum(result.blocks.map((b) => b.budget)))}</td>
              <td className={tdNum}>{kr(sum(result.blocks.map((b) => b.distributed)))}</td>
              <td className={tdNum}>{kr(sum(result.blocks.map((b) => b.undistributed)))}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {overflowed.map((block) => (
        <Caption key={block.id} className={styles.warning}>
          {t.overflowNote(pick(block.name, lang))}
        </Caption>
      ))}
    </section>
  );
}
