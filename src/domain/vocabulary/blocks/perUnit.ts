/**
 * `{"kind": "perUnit", "measure": M, "amount": A, "leftover": …}`: A kronor per unit of a whole
 * measure ("108 000 kr per höftledsoperation", kömiljarden S2025/00401). When the rates ask for
 * more than the block has, every payout is scaled down pro rata (largest remainder) and flagged;
 * what the rates do not earn goes by the leftover policy.
 */
import { rational } from "../../apportion";
import type { Split } from "../../ruleSet";
import type { BlockRun, KindOutcome } from "../blockRun";
import { room, setTrace, split } from "../blockRun";
import { cat, kr, mvString, sum, t } from "../exact";
import { parseLeftover } from "../leftovers";
import { describeMeasure, measureOf, measureValue } from "../measures";
import { fail, join, obj, whole } from "../parse";
import type { BlockKind } from "./shared";
import { CAP_MARK, shareLeftover } from "./shared";

type PerUnit = Extract<Split, { kind: "perUnit" }>;

export const perUnitSplit: BlockKind<PerUnit> = {
  parse(o, path, ctx) {
    obj(o, path, ["kind", "measure", "amount", "leftover"]);
    const measure = ctx.measure(o.measure, join(path, "measure"));
    if (!ctx.isWhole(measure)) {
      fail(
        join(path, "measure"),
        `ersättning per enhet kräver ett mått i hela enheter ("${measure}" är det inte)`,
        `a rate per unit needs a measure in whole units ("${measure}" is not one)`,
      );
    }
    const leftover =
      o.leftover === undefined
        ? { policy: "undistributed" as const }
        : parseLeftover(o.leftover, join(path, "leftover"), { ...ctx, blockMeasure: measure });
    return { kind: "perUnit", measure, amount: whole(o.amount, join(path, "amount"), 1), leftover };
  },
  measures(d) {
    const l = d.leftover;
    return [
      d.measure,
      ...(l.policy === "proportional" ? [l.weight] : l.policy === "top" && l.by ? [l.by] : []),
    ];
  },
  blockMeasure: (d) => d.measure,
  compute(run: BlockRun, d): KindOutcome {
    const m = measureOf(run.ruleSet, d.measure);
    const rate = BigInt(d.amount);
    const earned = run.eligible.map((row) => {
      const v = measureValue(row, m);
      run.measures[row.index] = v ? mvString(v) : null;
      const units = v && v.num > 0n ? v.num / v.den : 0n;
      const e = units * rate;
      const r = room(run, row);
      return r !== null && e > r ? r : e;
    });
    const asked = sum(earned);
    const overflow = asked > run.budget;
    const paid = overflow
      ? (split(
          run,
          run.budget,
          run.eligible,
          earned.map((e) => rational(e)),
        )?.shares ?? earned.map(() => 0n))
      : earned;
    if (overflow) {
      run.notices.push({
        severity: "warning",
        block: run.block.id,
        code: "perUnit.overflow",
        message: cat(
          run.block.name,
          t(": ersättningen per enhet blir ", ": the rates per unit come to "),
          kr(asked),
          t(", mer än budgeten ", ", more than the budget of "),
          kr(run.budget),
          t(
            "; alla belopp har skalats ned i proportion",
            "; every payout was scaled down pro rata",
          ),
        ),
      });
    }
    const rateText = cat(" × ", kr(rate), t(" per enhet", " per unit"));
    run.eligible.forEach((row, i) => {
      let body = cat(describeMeasure(row, m), rateText, " = ", kr(earned[i]));
      const v = measureValue(row, m);
      const full = v && v.num > 0n ? (v.num / v.den) * rate : 0n;
      if (earned[i] < full) body = cat(body, CAP_MARK);
      if (overflow) body = cat(body, t(", nedskalat till ", ", scaled down to "), kr(paid[i]));
      run.amounts[row.index] = paid[i];
      setTrace(run, row, body);
    });
    const rulePaid = sum(paid);
    const qualified = run.eligible.filter((_, i) => earned[i] > 0n);
    const leftover = shareLeftover(
      run,
      overflow ? 0n : run.budget - rulePaid,
      d.leftover,
      qualified,
      m,
    );
    return {
      rulePaid,
      leftoverPaid: leftover.paid,
      overflow,
      qualifiedCount: qualified.length,
      explanation: cat(
        kr(rate),
        t(" per ", " per "),
        m.label,
        t(`: ${qualified.length} regioner, `, `: ${qualified.length} regions, `),
        kr(rulePaid),
        overflow ? t(" (nedskalat pro rata)", " (scaled down pro rata)") : t("", ""),
        leftover.text,
      ),
    };
  },
};
