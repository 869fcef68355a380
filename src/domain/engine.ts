/**
 * The allocation engine: a year's rule set (data) applied to the regions' figures, exactly, with
 * an explanation of every krona. Pure: no Office, no DOM, no files. The vocabulary — measures,
 * block kinds, leftover policies, caps — lives in vocabulary/; this file runs a rule set's blocks
 * through it and assembles the result.
 */
import type { RoundingMethod } from "./apportion";
import { applyInterpretations, resolveSettings } from "./interpretations";
import type { BlockDef, RuleSet, Text } from "./ruleSet";
import type {
  AllocationResult,
  BlockResult,
  EngineNotice,
  RegionInput,
  RegionResult,
  Settings,
} from "./types";
import type { BlockRun } from "./vocabulary/blockRun";
import { newRun, setTrace } from "./vocabulary/blockRun";
import { blockMeasure, computeRule } from "./vocabulary/blocks";
import { checkCondition } from "./vocabulary/conditions";
import { cat, kr, t, withoutTexts } from "./vocabulary/exact";
import { measureOf } from "./vocabulary/measures";
import type { Row } from "./vocabulary/rows";
import { buildRows, InputError, rowWithAt } from "./vocabulary/rows";

export { SettingsError } from "./interpretations";
export { InputError };

interface BlockOutcome {
  result: BlockResult;
  run: BlockRun;
}

/** Who takes part: every condition must hold; the first that fails is the trace's reason. */
function eligibility(run: BlockRun, rows: Row[]): void {
  for (const row of rows) {
    if (!row.present) {
      setTrace(
        run,
        row,
        t("finns inte i tabellen: deltar inte", "not in the table: takes no part"),
      );
      continue;
    }
    let reason: Text | null = null;
    for (const c of run.block.eligible) if ((reason = checkCondition(row, c, run.ruleSet))) break;
    if (reason) setTrace(run, row, cat(t("deltar inte: ", "not eligible: "), reason));
    else run.eligible.push(row);
  }
}

function toNumber(x: bigint): number {
  const n = Number(x);
  if (!Number.isSafeInteger(n)) throw new InputError("amount", `Amount ${x} is too large`);
  return n;
}

function computeBlock(
  block: BlockDef,
  rows: Row[],
  ruleSet: RuleSet,
  method: RoundingMethod,
): BlockOutcome {
  const run = newRun(block, ruleSet, rows, method);
  eligibility(run, rows);
  const outcome = computeRule(run, block);
  const distributed = outcome.rulePaid + outcome.leftoverPaid;
  if (run.roundingDifference !== 0n) {
    run.notices.push({
      severity: "warning",
      block: block.id,
      code: "rounding.difference",
      message: cat(
        block.name,
        t(
          ": avrundning av varje andel för sig ger en skillnad på ",
          ": rounding each share on its own gives a difference of ",
        ),
        kr(run.roundingDifference),
        t(" mot summan som delades", " against the sum that was split"),
      ),
    });
  }
  const own = blockMeasure(block);
  const result: BlockResult = {
    id: block.id,
    name: block.name,
    kind: block.ladder ? "ladder" : block.split.kind,
    budget: toNumber(run.budget),
    ladder: toNumber(outcome.rulePaid),
    leftover: toNumber(outcome.leftoverPaid),
    distributed: toNumber(distributed),
    undistributed: toNumber(run.budget - distributed - run.roundingDifference),
    roundingDifference: toNumber(run.roundingDifference),
    overflow: outcome.overflow,
    eligibleCount: run.eligible.length,
    qualifiedCount: outcome.qualifiedCount,
    explanation: outcome.explanation,
  };
  if (own) result.measure = { name: own, label: measureOf(ruleSet, own).label };
  return { result, run };
}

function regionResult(row: Row, blocks: BlockDef[], outcomes: BlockOutcome[]): RegionResult {
  const blockAmounts: Record<string, number> = {};
  const measures: Record<string, string | null> = {};
  const steps: Record<string, number | null> = {};
  const trace: Record<string, Text> = {};
  let total = 0n;
  outcomes.forEach(({ run, result }, i) => {
    const id = blocks[i].id;
    const a = run.amounts[row.index];
    total += a;
    blockAmounts[id] = Number(a);
    if (result.measure) {
      measures[id] = run.measures[row.index];
      steps[id] = run.steps[row.index];
    }
    trace[id] = run.trace[row.index] ?? t("", "");
  });
  return {
    code: row.def.code,
    region: row.def.name,
    blocks: blockAmounts,
    total: Number(total),
    measures,
    steps,
    trace,
  };
}

/** What every allocation under one rule set and one choice of settings shares. */
interface Prepared {
  method: RoundingMethod;
  blocks: BlockDef[];
  inForce: AllocationResult["interpretations"];
}

function prepare(ruleSet: RuleSet, settings: Settings): Prepared {
  const { values, inForce } = resolveSettings(ruleSet, settings);
  return {
    method: values.rounding as RoundingMethod,
    blocks: applyInterpretations(ruleSet, values),
    inForce,
  };
}

function computeBlocks(ruleSet: RuleSet, p: Prepared, rows: Row[]): BlockOutcome[] {
  return p.blocks.map((b) => computeBlock(b, rows, ruleSet, p.method));
}

/**
 * Allocates a year's grant. `inputs` holds the regions present in the table (any order); regions
 * absent take part in nothing but are listed with 0. Throws SettingsError for an unknown
 * interpretation and InputError for figures no reader should have let through.
 */
export function allocate(
  ruleSet: RuleSet,
  inputs: readonly RegionInput[],
  settings: Settings = {},
): AllocationResult {
  const prepared = prepare(ruleSet, settings);
  const rows = buildRows(ruleSet, inputs);
  const blocks = prepared.blocks;
  const outcomes = computeBlocks(ruleSet, prepared, rows);
  const notices: EngineNotice[] = outcomes.flatMap((o) => o.run.notices);
  return {
    year: ruleSet.year,
    title: ruleSet.title,
    reference: ruleSet.reference,
    sources: ruleSet.sources,
    budget: ruleSet.budget,
    regions: rows.map((row) => regionResult(row, blocks, outcomes)),
    blocks: outcomes.map((o) => o.result),
    interpretations: prepared.inForce,
    notices,
  };
}

/** A region's amounts in an allocation: what bulk what-if reads of a RegionResult. */
export type RegionAmounts = Pick<RegionResult, "code" | "region" | "blocks" | "total" | "steps">;

/**
 * Bulk what-if: many allocations of one table, each with one region's AT changed, of which only
 * the amounts are read (the marginal table: 21 regions × 26 counts). The same engine as
 * `allocate` — the same blocks, kinds and rounding — with three things done once instead of per
 * allocation: the settings resolved, the other regions' rows built (their measures are computed
 * once and kept), and no texts (traces, explanations, notices; see withoutTexts). Every amount
 * equals `allocate` on the edited inputs (test/whatif/fastPath.test.ts).
 */
export class AtVariations {
  private readonly prepared: Prepared;
  private readonly rows: Row[];

  constructor(
    private readonly ruleSet: RuleSet,
    inputs: readonly RegionInput[],
    settings: Settings = {},
  ) {
    this.prepared = prepare(ruleSet, settings);
    this.rows = buildRows(ruleSet, inputs);
  }

  /** Region `code`'s amounts with its AT set to `at` (null: not reported), all else equal. */
  regionAt(code: string, at: number | null): RegionAmounts {
    const i = this.rows.findIndex((r) => r.def.code === code);
    if (i < 0 || !this.rows[i].present) {
      throw new InputError("region.unknown", `Region ${code} is not in the table`);
    }
    const rows = this.rows.slice();
    rows[i] = rowWithAt(this.rows[i], at);
    const outcomes = withoutTexts(() => computeBlocks(this.ruleSet, this.prepared, rows));
    return regionAmounts(rows[i], this.prepared.blocks, outcomes);
  }
}

function regionAmounts(row: Row, blocks: BlockDef[], outcomes: BlockOutcome[]): RegionAmounts {
  const amounts: Record<string, number> = {};
  const steps: Record<string, number | null> = {};
  let total = 0n;
  outcomes.forEach(({ run, result }, i) => {
    const id = blocks[i].id;
    const a = run.amounts[row.index];
    total += a;
    amounts[id] = Number(a);
    if (result.measure) steps[id] = run.steps[row.index];
  });
  return { code: row.def.code, region: row.def.name, blocks: amounts, total: Number(total), steps };
}
