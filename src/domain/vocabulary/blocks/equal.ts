/** `{"kind": "equal"}`: the budget shared equally among the eligible regions. */
import { rational } from "../../apportion";
import type { Split } from "../../ruleSet";
import type { BlockRun, KindOutcome } from "../blockRun";
import { cat, kr, t } from "../exact";
import { obj } from "../parse";
import type { BlockKind } from "./shared";
import { book, nobodyNotice } from "./shared";

type Equal = Extract<Split, { kind: "equal" }>;

export const equalSplit: BlockKind<Equal> = {
  parse(o, path) {
    obj(o, path, ["kind"]);
    return { kind: "equal" };
  },
  measures: () => [],
  blockMeasure: () => null,
  compute(run: BlockRun): KindOutcome {
    const n = run.eligible.length;
    const head = cat(
      t("lika delning av ", "equal split of "),
      kr(run.budget),
      t(` mellan ${n} regioner`, ` between ${n} regions`),
    );
    const { paid, shares } = book(
      run,
      run.budget,
      run.eligible,
      run.eligible.map(() => rational(1n)),
      () => head,
    );
    if (!shares) nobodyNotice(run, run.budget);
    return {
      rulePaid: 0n,
      leftoverPaid: paid,
      overflow: false,
      qualifiedCount: n,
      explanation: cat(
        t("fördelat lika", "split equally"),
        t(` mellan ${n} regioner`, ` between ${n} regions`),
      ),
    };
  },
};
