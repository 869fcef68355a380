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

/** Input fields a region row may carry (besides the region itself). */
export type FieldName = "at" | "population" | "baseline" | "rewarded" | "forecast" | "group";

/**
 * Measures a block can use:
 * - `at`: the AT count of the year;
 * - `atPer100k`: AT / population × 100 000 (exact);
 * - `expansion`: AT − baseline − already rewarded (RULES.md, each year's "Expansion").
 */
export type MeasureName = "at" | "atPer100k" | "expansion";

/** One eligibility condition; a block's conditions must all hold. */
export type Condition =
  /** The field has a value: for `at` a reported count (0 counts), for `forecast` "yes". */
  | { reported: "at" | "forecast" }
  /** Member of a group (the rule set's list, or the workbook's explicit group column). */
  | { group: string }
  /** The measure is at least a threshold. */
  | { measure: MeasureName; atLeast: number };

export type Split = { kind: "equal" } | { kind: "proportional"; weight: MeasureName };

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
   * The k regions with the largest ladder measure, and every region tied with the k-th;
   * only measures ≥ minMeasure count. Split equally or in proportion to the measure.
   */
  | {
      policy: "top";
      among: LeftoverAmong;
      k: number;
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

export interface BlockDef {
  id: string;
  name: Text;
  budget: number;
  /** All must hold for a region to take part in the block. */
  eligible: Condition[];
  /** Exactly one of split and ladder. */
  split?: Split;
  ladder?: Ladder;
  /** Where in the source the block is defined (seed file, paragraph). */
  source?: string;
}

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
  set: Partial<Pick<BlockDef, "split" | "ladder" | "eligible">> & {
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
  inputs: Partial<Record<Exclude<FieldName, "at">, FieldSpec>> & { at: FieldSpec };
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
