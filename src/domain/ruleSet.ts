/**
 * The rule-set format: one declarative file per year (src/domain/rules/YYYY.json).
 * A new year is a new file; nothing here names a year. See docs/rule-sets.md.
 */
import type { RegionDef } from "./regions";

/** A text in both of the product's languages. */
export interface Text {
  sv: string;
  en: string;
}

/** Input fields a region row may carry (besides the region itself) that the reader knows by name. */
export type FieldName = "at" | "population" | "baseline" | "rewarded" | "forecast" | "group";

/**
 * A measure a rule set refers to by name: a built-in (`at`, `population`, `atPer100k`,
 * `expansion`), any count input (built-in or declared, e.g. `st`), or a derived measure the
 * rule set declares under `measures` (see domain/vocabulary/measures.ts).
 */
export type MeasureName = string;

/** A derived measure, declared by the rule set (`"measures": {"stPer100k": {"per100k": "st"}}`). */
export type MeasureDef = (
  { per100k: MeasureName } | { difference: [MeasureName, MeasureName] } | { sum: MeasureName[] }
) & { label?: Text };

/** One eligibility condition; a block's conditions must all hold. */
export type Condition =
  /** The field has a value: for a count a reported one (0 counts), for `forecast` "yes". */
  | { reported: string }
  /** Member of a group (the rule set's list, or the workbook's explicit group column). */
  | { group: string }
  /** The measure is at least a threshold. */
  | { measure: MeasureName; atLeast: number };

export type Split =
  | { kind: "equal" }
  | { kind: "proportional"; weight: MeasureName }
  /**
   * Rates per unit of measures ("108 000 kr per höftledsoperation, 39 000 per diskbråck");
   * scaled down pro rata when the rates ask for more than the block has; what is not earned
   * goes by `leftover`. Written `{"measure", "amount"}` for one rate or `{"rates": [...]}`.
   */
  | {
      kind: "perUnit";
      /** One rate per measure: `{"measure": "hip", "amount": 108000}`; a region earns their sum. */
      rates: { measure: MeasureName; amount: number }[];
      leftover: LeftoverPolicy;
    };

/** A ceiling on what one region may receive from a block. */
export type Cap = { perRegion: number } | { byRegion: Record<string, number> };

export interface LadderStep {
  threshold: number;
  amount: number;
}

/** Which regions a leftover may go to. */
export type LeftoverAmong = "qualified" | "eligible";

export type LeftoverPolicy =
  /** Shared in proportion to a measure among the qualified (or eligible) regions. */
  | { policy: "proportional"; among: LeftoverAmong; weight: MeasureName }
  /** Shared equally among the qualified (or eligible) regions. */
  | { policy: "equal"; among: LeftoverAmong }
  /**
   * The k regions with the largest measure (`by`, default the block's own measure), and every
   * region tied with the k-th; only measures ≥ minMeasure count. Split equally or in proportion
   * to that measure.
   */
  | {
      policy: "top";
      among: LeftoverAmong;
      k: number;
      by?: MeasureName;
      minMeasure?: number;
      split: "equal" | "measure";
    }
  /** The leftover is not paid out. */
  | { policy: "undistributed" };

export interface Ladder {
  measure: MeasureName;
  /** Ascending thresholds; a region gets the amount of the highest step it reaches (not cumulative). */
  steps: LadderStep[];
  leftover: LeftoverPolicy;
}

interface BlockBase {
  id: string;
  name: Text;
  budget: number;
  /** All must hold for a region to take part in the block. */
  eligible: Condition[];
  /** Where in the source the block is defined, as a reviewer looks it up. */
  source?: string;
  /** What one region may receive at most from the block. */
  cap?: Cap;
}

/** The whole budget shared among the eligible regions by a split kind. */
export interface SplitBlockDef extends BlockBase {
  split: Split;
  ladder?: undefined;
}

/** A ladder of payouts on a measure, then the leftover by a policy. */
export interface LadderBlockDef extends BlockBase {
  ladder: Ladder;
  split?: undefined;
}

export type BlockDef = SplitBlockDef | LadderBlockDef;

export interface FieldSpec {
  required: boolean;
  /** Values as the source writes them, by region code (bilaga 2: "84–89", "I.U"). */
  defaults?: Record<string, string>;
  /** The previous planned year, offered as a suggestion where a default is "I.U". */
  previous?: Record<string, string>;
  /** The year the field refers to when it is not the rule set's year (rewarded: 2023). */
  year?: number;
  /** A missing optional numeric field takes this value (rewarded: 0). */
  defaultValue?: number;
  /**
   * A count input the rule set declares (any name but the built-in fields): how it is named in
   * messages and headers ({Y} is the year), and the header texts that name its column.
   */
  label?: Text;
  headers?: string[];
}

export interface GroupDef {
  name: Text;
  /** Other spellings accepted in a workbook's group column. */
  aliases?: string[];
  members: string[];
}

/** A patch an interpretation option applies to one block: top-level keys replaced. */
export interface BlockPatch {
  block: string;
  set: {
    split?: Split;
    ladder?: Ladder;
    eligible?: Condition[];
    leftover?: LeftoverPolicy;
  };
}

export interface InterpretationOption {
  description: Text;
  patches: BlockPatch[];
}

export interface InterpretationDef {
  key: string;
  description: Text;
  default: string;
  options: Record<string, InterpretationOption>;
}

export interface RuleSet {
  format: 1;
  year: number;
  title: Text;
  /** Diarienummer of the government decision, or the instructions' name. */
  reference: string;
  sources: string[];
  /** The total; must equal the sum of the blocks' budgets. */
  budget: number;
  /** Date the population figures are taken at (ISO). */
  populationDate?: string;
  /** The built-in fields it uses, and the count inputs it declares (with label and headers). */
  inputs: { at: FieldSpec } & Partial<Record<string, FieldSpec>>;
  /** Derived measures, by name. */
  measures?: Record<string, MeasureDef>;
  /** The rounding the decision prescribes (default largest-remainder); still an interpretation. */
  rounding?: "largest-remainder" | "half-up";
  groups?: Record<string, GroupDef>;
  /** Default: the 21 Swedish regions. A custom rule set may bring its own list. */
  regions?: RegionDef[];
  interpretations?: InterpretationDef[];
  blocks: BlockDef[];
}

export type Lang = "sv" | "en";

export function pick(text: Text, lang: Lang): string {
  return text[lang];
}
