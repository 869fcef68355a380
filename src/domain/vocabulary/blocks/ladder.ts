/**
 * A ladder (prestationstrappa): a region reaches the highest step whose threshold its measure
 * meets and gets that step's amount only — steps are not cumulative (anvisningar 2022, S2022/00882: "Tilldelningen
 * sker inte kumulativt"; S2024/00586 bilaga 1: "utbetalas totalt"). Payouts over the budget are
 * scaled down pro rata (RULES.md 2024, overflow); the rest goes by the leftover policy.
 */
import { rational } from "../../apportion";
import type { Ladder, LadderStep } from "../../ruleSet";
import type { BlockRun, KindOutcome } from "../blockRun";
import { room, setTrace, split } from "../blockRun";
import type { MeasureValue } from "../exact";
import { cat, kr, mvOfNumber, mvString, num, sum, t, textsLeftOut } from "../exact";
import { parseLeftover } from "../leftovers";
import { describeMeasure, measureOf, measureValue } from "../measures";
import { arr, fail, finite, join, obj, whole } from "../parse";
import type { Row } from "../rows";
import type { BlockKind } from "./shared";
import { CAP_MARK, shareLeftover } from "./shared";

function parseSteps(v: unknown, path: string): LadderStep[] {
  const steps = arr(v, path, true).map((s, i) => {
    const p = join(path, i);
    const so = obj(s, p, ["threshold", "amount"]);
    const threshold = finite(so.threshold, join(p, "threshold"));
    if (threshold <= 0) {
      fail(
        join(p, "threshold"),
        "tröskeln måste vara större än 0 (under första steget får regionen inget)",
        "the threshold must be above 0 (below the first step a region gets nothing)",
      );
    }
    return { threshold, amount: whole(so.amount, join(p, "amount"), 1) };
  });
  for (let i = 1; i < steps.length; i++) {
    const p = join(path, i);
    if (steps[i].threshold <= steps[i - 1].threshold) {
      fail(
        join(p, "threshold"),
        "trösklarna måste öka steg för steg",
        "thresholds must rise step by step",
      );
    }
    if (steps[i].amount < steps[i - 1].amount) {
      fail(
        join(p, "amount"),
        "beloppen får inte minska uppför trappan (ett högre steg ger minst lika mycket)",
        "amounts must not fall up the ladder (a higher step pays at least as much)",
      );
    }
  }
  return steps;
}

export const ladderKind: BlockKind<Ladder> = {
  parse(o, path, ctx) {
    obj(o, path, ["measure", "steps", "leftover"]);
    const measure = ctx.measure(o.measure, join(path, "measure"));
    return {
      measure,
      steps: parseSteps(o.steps, join(path, "steps")),
      leftover: parseLeftover(o.leftover, join(path, "leftover"), {
        ...ctx,
        blockMeasure: measure,
      }),
    };
  },
  measures(d) {
    const l = d.leftover;
    return [
      d.measure,
      ...(l.policy === "proportional" ? [l.weight] : l.policy === "top" && l.by ? [l.by] : []),
    ];
  },
  blockMeasure: (d) => d.measure,
  compute(run: BlockRun, ladder: Ladder): KindOutcome {
    const m = measureOf(run.ruleSet, ladder.measure);
    const payouts: bigint[] = [];
    const reached: (number | null)[] = [];
    const values: (MeasureValue | null)[] = [];
    const thresholds = ladder.steps.map((s) => mvOfNumber(s.threshold));
    const texts = !textsLeftOut();
    for (const row of run.eligible) {
      const v = measureValue(row, m);
      values.push(v);
      run.measures[row.index] = v && texts ? mvString(v) : null;
      let step: LadderStep | null = null;
      if (v) {
        // v ≥ threshold, by cross-multiplication (both denominators are positive).
        for (let k = 0; k < thresholds.length; k++)
          if (v.num * thresholds[k].den >= thresholds[k].num * v.den) step = ladder.steps[k];
      }
      let pay = step ? BigInt(step.amount) : 0n;
      const r = room(run, row);
      if (r !== null && pay > r) pay = r;
      payouts.push(pay);
      reached.push(step ? step.threshold : null);
      run.steps[row.index] = step ? step.threshold : null;
    }
    const qualified = run.eligible.filter((_, i) => reached[i] !== null);
    const asked = sum(payouts);
    const overflow = asked > run.budget;
    let paid = payouts;
    if (overflow) {
      paid =
        split(
          run,
          run.budget,
          run.eligible,
          payouts.map((p) => rational(p)),
        )?.shares ?? payouts.map(() => 0n);
      run.notices.push({
        severity: "warning",
        block: run.block.id,
        code: "ladder.overflow",
        message: cat(
          run.block.name,
          t(": trappans belopp ", ": ladder payouts of "),
          kr(asked),
          t(" överstiger budgeten ", " exceed the budget of "),
          kr(run.budget),
          t(" och har skalats ned i proportion", " and were scaled down pro rata"),
        ),
      });
    }
    traceSteps(run, ladder, reached, payouts, paid, overflow);
    const ladderPaid = sum(paid);
    // Under overflow the payouts were scaled to the whole budget: there is no leftover, whatever
    // half-up rounding left over (that is a rounding difference, never shared out).
    const left = overflow ? 0n : run.budget - ladderPaid;
    const leftover = shareLeftover(run, left, ladder.leftover, qualified, m);
    return {
      rulePaid: ladderPaid,
      leftoverPaid: leftover.paid,
      overflow,
      qualifiedCount: qualified.length,
      explanation: cat(
        t(
          `trappan: ${qualified.length} av ${run.eligible.length} regioner nådde ett steg, `,
          `ladder: ${qualified.length} of ${run.eligible.length} regions reached a step, `,
        ),
        kr(ladderPaid),
        overflow ? t(" (nedskalat pro rata)", " (scaled down pro rata)") : t("", ""),
        leftover.text,
      ),
    };
  },
};

function traceSteps(
  run: BlockRun,
  ladder: Ladder,
  reached: (number | null)[],
  asked: bigint[],
  paid: bigint[],
  overflow: boolean,
): void {
  if (textsLeftOut()) {
    run.eligible.forEach((row, i) => (run.amounts[row.index] = paid[i]));
    return;
  }
  const m = measureOf(run.ruleSet, ladder.measure);
  const belowFirst = cat(
    t(" → under första steget (", " → below the first step ("),
    num(ladder.steps[0].threshold),
    t(") → 0 kr", ") → 0 kr"),
  );
  const stepText = new Map(
    ladder.steps.map((st) => [
      st.threshold,
      cat(t(" → steg ", " → step "), num(st.threshold), " → ", kr(st.amount)),
    ]),
  );
  run.eligible.forEach((row: Row, i) => {
    const head = describeMeasure(row, m);
    let body = reached[i] === null ? belowFirst : stepText.get(reached[i]!)!;
    const step = ladder.steps.find((s) => s.threshold === reached[i]);
    if (step && asked[i] < BigInt(step.amount)) body = cat(body, CAP_MARK, ": ", kr(asked[i]));
    if (reached[i] !== null && overflow)
      body = cat(body, t(", nedskalat till ", ", scaled down to "), kr(paid[i]));
    run.amounts[row.index] = paid[i];
    setTrace(run, row, cat(head, body));
  });
}
