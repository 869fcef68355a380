/** `{"kind": "proportional", "weight": M}`: the budget shared in proportion to a measure. */
import type { Split } from "../../ruleSet";
import type { BlockRun, KindOutcome } from "../blockRun";
import { cat, mvWeight, t } from "../exact";
import { describeMeasure, measureOf, measureValue } from "../measures";
import { join, obj } from "../parse";
import type { BlockKind } from "./shared";
import { book, nobodyNotice } from "./shared";

type Proportional = Extract<Split, { kind: "proportional" }>;

export const proportionalSplit: BlockKind<Proportional> = {
  parse(o, path, ctx) {
    obj(o, path, ["kind", "weight"]);
    return { kind: "proportional", weight: ctx.measure(o.weight, join(path, "weight")) };
  },
  measures: (d) => [d.weight],
  blockMeasure: () => null,
  compute(run: BlockRun, d): KindOutcome {
    const m = measureOf(run.ruleSet, d.weight);
    const weights = run.eligible.map((row) => mvWeight(measureValue(row, m)));
    const { paid, shares } = book(run, run.budget, run.eligible, weights, (row) =>
      cat(t("andel utifrån ", "share by "), describeMeasure(row, m)),
    );
    if (!shares) nobodyNotice(run, run.budget);
    const n = run.eligible.length;
    return {
      rulePaid: 0n,
      leftoverPaid: paid,
      overflow: false,
      qualifiedCount: n,
      explanation: cat(
        t("fördelat utifrån ", "split by "),
        m.label,
        t(` mellan ${n} regioner`, ` between ${n} regions`),
      ),
    };
  },
};
