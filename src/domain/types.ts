/** The engine's inputs and result. Amounts are whole kronor. */
import type { Text } from "./ruleSet";

/** One region's figures, as read from a workbook row. */
export interface RegionInput {
  /** Region code of the rule set's region list ("01" … "25" for Sweden). */
  code: string;
  /** AT count of the year, whole ≥ 0; null = the region did not report. */
  at: number | null;
  /** Inhabitants, whole > 0; needed where a block uses AT per 100 000. */
  population?: number | null;
  /** Planned AT (AT-värde / planeringsunderlag), already read from text: may be x.5. */
  baseline?: string | number | null;
  /** AT already rewarded by an earlier grant (2024: the 2023 grant); default 0. */
  rewarded?: number | null;
  /** Forecast submitted (2025). */
  forecast?: boolean | null;
  /** Group id overriding the rule set's membership (2022: "godNiva", "underGodNiva"). */
  group?: string | null;
  /** Count inputs the rule set declares (e.g. "st"), whole ≥ 0; null = not reported. */
  counts?: Record<string, number | null>;
}

/** Interpretation settings by key, e.g. { rounding: "half-up", "block1-2022": "rate" }. */
export type Settings = Record<string, string>;

export interface InterpretationInForce {
  key: string;
  value: string;
  /** True where the value is the project's default. */
  isDefault: boolean;
  description: Text;
}

export interface RegionResult {
  code: string;
  region: string;
  /** Whole kronor per block id. */
  blocks: Record<string, number>;
  total: number;
  /** The ladder measure per ladder block (decimal string), null where it has none. */
  measures: Record<string, string | null>;
  /** The ladder step reached per ladder block (threshold), null where none. */
  steps: Record<string, number | null>;
  /** Why each block paid what it paid, in words and numbers. */
  trace: Record<string, Text>;
}

export interface BlockResult {
  id: string;
  name: Text;
  /** The block's rule: a ladder or a split kind ("equal", "proportional", "perUnit"). */
  kind: string;
  /** The block's own measure (a ladder's, a rate's), with its label, where it has one. */
  measure?: { name: string; label: Text };
  budget: number;
  /** What the block's rule paid before any leftover: ladder steps, or rates per unit (after pro-rata scaling on overflow). */
  ladder: number;
  /** What was shared after the ladder; for a block without a ladder, everything it paid. */
  leftover: number;
  distributed: number;
  /** Not paid out (nobody eligible or qualified): budget − distributed − roundingDifference, ≥ 0. */
  undistributed: number;
  /**
   * Half-up rounding only (RULES.md): what splitting paid less (+) or more (−) than the sums it
   * split, shown and flagged, never handed on as leftover. 0 under the largest remainder.
   */
  roundingDifference: number;
  /** Ladder payouts exceeded the budget and were scaled down pro rata. */
  overflow: boolean;
  /** Regions that took part (eligible) and that reached a ladder step. */
  eligibleCount: number;
  qualifiedCount: number;
  /** One line that explains the block as a whole. */
  explanation: Text;
}

export interface EngineNotice {
  severity: "warning" | "notice";
  block?: string;
  code?: string;
  message: Text;
}

export interface AllocationResult {
  year: number;
  title: Text;
  reference: string;
  /** The decision and instructions the rule set cites, for the summary sheet. */
  sources: string[];
  budget: number;
  /** Every region of the rule set, in code order; absent regions get 0 everywhere. */
  regions: RegionResult[];
  blocks: BlockResult[];
  interpretations: InterpretationInForce[];
  notices: EngineNotice[];
}
