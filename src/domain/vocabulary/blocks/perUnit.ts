/**
 * `{"kind": "perUnit", "measure": M, "amount": A, "leftover": …}` or `{"kind": "perUnit",
 * "rates": [{"measure": M, "amount": A}, …], …}`: A kronor per unit of a whole measure
 * ("108 000 kr per höftledsoperation", kömiljarden S2025/00401); a region earns the sum of its
 * rates. When they ask for more than the block has, every payout is scaled down pro rata
 * (largest remainder) and flagged; what the rates do not earn goes by the leftover policy.
 */
import { rational } from "../../apportion";
import type { Split, Text } from "../../ruleSet";
import type { BlockRun, KindOutcome } from "../blockRun";
import { room, setTrace, split } from "../blockRun";
import { cat, kr, mvString, sum, t, textsLeftOut } from "../exact";
import { parseLeftover } from "../leftovers";
import { describeMeasure, measureOf, measureValue } from "../measures";
import type { Obj } from "../parse";
import { arr, fail, join, obj, whole } from "../parse";
import type { ParseContext } from "../leftovers";
import type { Row } from "../rows";
import type { BlockKind } from "./shared";
import { CAP_MARK, shareLeftover } from "./shared";

type PerUnit = Extract<Split, { kind: "perUnit" }>;

function parseRate(o: Obj, path: string, ctx: ParseContext): { measure: string; amount: number } {
  const measure = ctx.measure(o.measure, join(path, "measure"));
  if (!ctx.isWhole(measure)) {
    fail(
      join(path, "measure"),
      `ersättning per enhet kräver ett mått i hela enheter ("${measure}" är det inte)`,
      `a rate per unit needs a measure in whole units ("${measure}" is not one)`,
    );
  }
  return { measure, amount: whole(o.amount, join(path, "amount"), 1) };
}

export const perUnitSplit: BlockKind<PerUnit> = {
  parse(o, path, ctx) {
    obj(o, path, ["kind", "measure", "amount", "rates", "leftover"]);
    if ((o.rates === undefined) === (o.measure === undefined)) {
      fail(
        path,
        'behöver antingen "measure" och "amount" eller "rates"',
        'needs either "measure" and "amount" or "rates"',
      );
    }
    const rates =
      o.rates === undefined
        ? [parseRate(o, path, ctx)]
        : arr(o.rates, join(path, "rates"), true).map((r, i) => {
            const p = join(join(path, "rates"), i);
            return parseRate(obj(r, p, ["measure", "amount"]), p, ctx);
          });
    const own = rates.length === 1 ? rates[0].measure : undefined;
    const leftover =
      o.leftover === undefined
        ? { policy: "undistributed" as const }
        : parseLeftover(o.leftover, join(path, "leftover"), { ...ctx, blockMeasure: own });
    return { kind: "perUnit", rates, leftover };
  },
  measures(d) {
    const l = d.leftover;
    return [
      ...d.rates.map((r) => r.measure),
      ...(l.policy === "proportional" ? [l.weight] : l.policy === "top" && l.by ? [l.by] : []),
    ];
  },
  blockMeasure: (d) => (d.rates.length === 1 ? d.rates[0].measure : null),
  compute(run: BlockRun, d): KindOutcome {
    const rates = d.rates.map((r) => ({
      m: measureOf(run.ruleSet, r.measure),
      rate: BigInt(r.amount),
    }));
    const full = run.eligible.map((row) => earnedBy(row, rates));
    const earned = run.eligible.map((row, i) => {
      const r = room(run, row);
      return r !== null && full[i] > r ? r : full[i];
    });
    if (rates.length === 1) {
      for (const row of run.eligible) {
        const v = measureValue(row, rates[0].m);
        run.measures[row.index] = v && !textsLeftOut() ? mvString(v) : null;
      }
    }
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
    run.eligible.forEach((row, i) => {
      run.amounts[row.index] = paid[i];
      if (textsLeftOut()) return;
      const parts = rates.map(({ m, rate }) => cat(describeMeasure(row, m), " × ", kr(rate)));
      let body = cat(...parts.flatMap((p, k) => [k ? " + " : "", p]), " = ", kr(full[i]));
      if (earned[i] < full[i]) body = cat(body, CAP_MARK, ": ", kr(earned[i]));
      if (overflow) body = cat(body, t(", nedskalat till ", ", scaled down to "), kr(paid[i]));
      setTrace(run, row, body);
    });
    const rulePaid = sum(paid);
    const qualified = run.eligible.filter((_, i) => earned[i] > 0n);
    const own = rates.length === 1 ? rates[0].m : null;
    const leftover = shareLeftover(
      run,
      overflow ? 0n : run.budget - rulePaid,
      d.leftover,
      qualified,
      own,
    );
    const rateText: Text = cat(
      ...rates.flatMap(({ m, rate }, k) => [k ? ", " : "", kr(rate), t(" per ", " per "), m.label]),
    );
    return {
      rulePaid,
      leftoverPaid: leftover.paid,
      overflow,
      qualifiedCount: qualified.length,
      explanation: cat(
        rateText,
        t(`: ${qualified.length} regioner, `, `: ${qualified.length} regions, `),
        kr(rulePaid),
        overflow ? t(" (nedskalat pro rata)", " (scaled down pro rata)") : t("", ""),
        leftover.text,
      ),
    };
  },
};

/** What a region's units earn at the rates (negative values earn nothing). */
function earnedBy(row: Row, rates: { m: ReturnType<typeof measureOf>; rate: bigint }[]): bigint {
  let e = 0n;
  for (const { m, rate } of rates) {
    const v = measureValue(row, m);
    if (v && v.num > 0n) e += (v.num / v.den) * rate;
  }
  return e;
}
