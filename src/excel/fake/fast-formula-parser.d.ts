/** The part of fast-formula-parser (MIT, no types of its own) the fake's calculation uses. */
declare module "fast-formula-parser" {
  interface CellRef {
    sheet: string;
    /** 1-based. */
    row: number;
    col: number;
  }
  interface RangeRef {
    sheet: string;
    from: { row: number; col: number };
    to: { row: number; col: number };
  }
  class FormulaParser {
    constructor(config: {
      onCell: (ref: CellRef) => unknown;
      onRange: (ref: RangeRef) => unknown[][];
    });
    parse(formula: string, position: CellRef, allowReturnArray?: boolean): unknown;
    static FormulaError: {
      new (error: string, msg?: string): { readonly error: string };
    };
  }
  export = FormulaParser;
}
