/**
 * Formula calculation for the fake Excel, through fast-formula-parser (MIT): what the
 * summary's checks need (SUM, SUMPRODUCT, COUNTIF, IF, AND, IFERROR, arithmetic, comparisons,
 * `&`, references and ranges on any sheet, quoted sheet names, array constants). A formula
 * referring to another formula's cell gets that one calculated first; a cycle is #REF!.
 * A function the library lacks, or a formula it cannot parse, is #NAME? — never a value.
 */
import FormulaParser from "fast-formula-parser";

export type CalcValue = number | string | boolean | null | { error: string };

/** What the calculation reads: a cell's formula (with its "="), or its value; zero-based. */
export interface CalcSource {
  formula(sheet: string, row: number, col: number): string | undefined;
  value(sheet: string, row: number, col: number): CalcValue;
  /** The last used row and column of a sheet (ranges such as A:A are cut there); null if no such sheet. */
  bounds(sheet: string): { rows: number; cols: number } | null;
}

const key = (sheet: string, row: number, col: number): string =>
  `${sheet.toLowerCase()}\u0000${row}\u0000${col}`;

/** Calculates the formula cells given, each once; returns their values by sheet/row/col. */
export function calculate(
  cells: readonly { sheet: string; row: number; col: number }[],
  source: CalcSource,
): Map<string, CalcValue> {
  const done = new Map<string, CalcValue>();
  const running = new Set<string>();

  const toParser = (v: CalcValue): unknown =>
    v !== null && typeof v === "object" ? new FormulaParser.FormulaError(v.error) : v;

  const read = (sheet: string, row: number, col: number): unknown => {
    if (!source.bounds(sheet)) return new FormulaParser.FormulaError("#REF!");
    return source.formula(sheet, row, col) !== undefined
      ? toParser(evaluate(sheet, row, col))
      : toParser(source.value(sheet, row, col));
  };

  // The parser is not re-entrant: a formula met while parsing another is parsed by a parser
  // of its own, one per depth of nesting.
  const parsers: FormulaParser[] = [];
  const parserAt = (depth: number): FormulaParser =>
    (parsers[depth] ??= new FormulaParser({
      onCell: (ref) => read(ref.sheet, ref.row - 1, ref.col - 1),
      onRange: (ref) => {
        const b = source.bounds(ref.sheet);
        if (!b) throw new FormulaParser.FormulaError("#REF!");
        const out: unknown[][] = [];
        const lastRow = Math.min(ref.to.row, Math.max(b.rows, ref.from.row));
        const lastCol = Math.min(ref.to.col, Math.max(b.cols, ref.from.col));
        for (let r = ref.from.row; r <= lastRow; r++) {
          const line: unknown[] = [];
          for (let c = ref.from.col; c <= lastCol; c++) line.push(read(ref.sheet, r - 1, c - 1));
          out.push(line);
        }
        return out;
      },
    }));

  function evaluate(sheet: string, row: number, col: number): CalcValue {
    const k = key(sheet, row, col);
    const hit = done.get(k);
    if (hit !== undefined) return hit;
    if (running.has(k)) return { error: "#REF!" };
    running.add(k);
    const parser = parserAt(running.size - 1);
    let value: CalcValue;
    try {
      const formula = source.formula(sheet, row, col) ?? "";
      value = fromParser(
        parser.parse(formula.replace(/^=/, ""), { sheet, row: row + 1, col: col + 1 }),
      );
    } catch (err) {
      value =
        err instanceof FormulaParser.FormulaError ? { error: err.error } : { error: "#NAME?" };
    }
    running.delete(k);
    done.set(k, value);
    return value;
  }

  for (const c of cells) evaluate(c.sheet, c.row, c.col);
  return done;
}

export function calcKey(sheet: string, row: number, col: number): string {
  return key(sheet, row, col);
}

function fromParser(v: unknown): CalcValue {
  if (v instanceof FormulaParser.FormulaError) return { error: v.error };
  if (Array.isArray(v)) return fromParser(Array.isArray(v[0]) ? v[0][0] : v[0]);
  if (v === null || v === undefined) return 0;
  if (typeof v === "number") return Number.isFinite(v) ? v : { error: "#NUM!" };
  if (typeof v === "string" || typeof v === "boolean") return v;
  return { error: "#VALUE!" };
}
