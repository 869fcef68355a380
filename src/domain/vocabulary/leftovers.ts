/**
 * Leftover policies: what a block does with the money its rule (a ladder, rates per unit) did
 * not pay out. One entry per policy, each with its parser, its explanation and who takes the
 * leftover with what weight. Adding a policy is adding an entry to LEFTOVER_KINDS.
 */
import { compareCodes } from "../regions";
import { rational, type Rational } from "../apportion";
import type { LeftoverPolicy, Text } from "../ruleSet";
import type { MeasureValue } from "./exact";
import { cat, mvCompare, mvOfNumber, mvWeight, numMV, t } from "./exact";
import type { Measure } from "./measures";
import { describeMeasure, measureValue } from "./measures";
import type { Obj } from "./parse";
import { fail, finite, join, obj, oneOf, whole } from "./parse";
import type { Row } from "./rows";

export interface Takers {
  rows: Row[];
  weights: Rational[];
  why(row: Row, i: number): Text;
}

export interface LeftoverContext {
  eligible: Row[];
  /** The regions the rule paid (a ladder step reached, units above zero). */
  qualified: Row[];
  /** The block's own measure (the ladder's, the rate's), the default for `top`. */
  blockMeasure: Measure | null;
  measure(name: string): Measure;
}

export interface ParseContext {
  /** Validates a measure name (throws with the path where unknown). */
  measure(name: unknown, path: string): string;
  /** Whether a (validated) measure is always whole. */
  isWhole(name: string): boolean;
  /** The block's own measure, if it has one (for `top` without `by`). */
  blockMeasure?: string;
}

interface LeftoverKind<P extends LeftoverPolicy> {
  policy: P["policy"];
  parse(o: Obj, path: string, ctx: ParseContext): P;
  describe(p: P, ctx: { label(name: string | undefined): Text }): Text;
  takers(p: P, ctx: LeftoverContext): Takers;
}

const among = (o: Obj, path: string) =>
  oneOf(o.among, join(path, "among"), ["qualified", "eligible"] as const);
const poolOf = (p: { among: "qualified" | "eligible" }, ctx: LeftoverContext) =>
  p.among === "qualified" ? ctx.qualified : ctx.eligible;
const whom = (p: { among: "qualified" | "eligible" }): Text =>
  p.among === "qualified"
    ? t("de kvalificerade", "the qualified")
    : t("de deltagande", "the eligible");

type Of<K extends LeftoverPolicy["policy"]> = Extract<LeftoverPolicy, { policy: K }>;

const undistributed: LeftoverKind<Of<"undistributed">> = {
  policy: "undistributed",
  parse(o, path) {
    obj(o, path, ["policy"]);
    return { policy: "undistributed" };
  },
  describe: () => t("fördelas inte", "is not shared"),
  takers: () => ({ rows: [], weights: [], why: () => t("", "") }),
};

const equal: LeftoverKind<Of<"equal">> = {
  policy: "equal",
  parse(o, path) {
    obj(o, path, ["policy", "among"]);
    return { policy: "equal", among: among(o, path) };
  },
  describe: (p) => cat(t("delas lika mellan ", "shared equally among "), whom(p)),
  takers(p, ctx) {
    const pool = poolOf(p, ctx);
    return {
      rows: pool,
      weights: pool.map(() => rational(1n)),
      why: () => t("lika andel av kvarstående medel", "equal share of the leftover"),
    };
  },
};

const proportional: LeftoverKind<Of<"proportional">> = {
  policy: "proportional",
  parse(o, path, ctx) {
    obj(o, path, ["policy", "among", "weight"]);
    return {
      policy: "proportional",
      among: among(o, path),
      weight: ctx.measure(o.weight, join(path, "weight")),
    };
  },
  describe: (p, ctx) =>
    cat(t("delas mellan ", "shared among "), whom(p), t(" utifrån ", " by "), ctx.label(p.weight)),
  takers(p, ctx) {
    const pool = poolOf(p, ctx);
    const m = ctx.measure(p.weight);
    const values = pool.map((row) => measureValue(row, m));
    return {
      rows: pool,
      weights: values.map(mvWeight),
      why: (row) =>
        cat(
          t("andel av kvarstående medel utifrån ", "share of the leftover by "),
          describeMeasure(row, m),
        ),
    };
  },
};

/**
 * The k largest values of a measure, and every region tied with the k-th (Socialstyrelsens anvisningar 2022, block 3:
 * "de tre regioner som utökat med flest antal AT-tjänster"; block 2: "den region eller de
 * regioner"); kömiljarden 2025: "de fem regioner som har flest operationer per invånare".
 */
const top: LeftoverKind<Of<"top">> = {
  policy: "top",
  parse(o, path, ctx) {
    obj(o, path, ["policy", "among", "k", "by", "minMeasure", "split"]);
    const p: Of<"top"> = {
      policy: "top",
      among: among(o, path),
      k: whole(o.k, join(path, "k"), 1),
      split: oneOf(o.split, join(path, "split"), ["equal", "measure"] as const),
    };
    if (o.by !== undefined) p.by = ctx.measure(o.by, join(path, "by"));
    else if (!ctx.blockMeasure) {
      fail(
        join(path, "by"),
        'behövs: blocket har inget eget mått att rangordna efter (t.ex. "by": "atPer100k")',
        'is needed: the block has no measure of its own to rank by (e.g. "by": "atPer100k")',
      );
    }
    if (o.minMeasure !== undefined) p.minMeasure = finite(o.minMeasure, join(path, "minMeasure"));
    return p;
  },
  describe(p, ctx) {
    const by = ctx.label(p.by);
    return cat(
      p.k === 1
        ? cat(
            t("till den region som har störst ", "to the region with the largest "),
            by,
            t(" (lika vid delad förstaplats)", " (shared on a tie)"),
          )
        : cat(
            t(`till de ${p.k} med störst `, `to the ${p.k} with the largest `),
            by,
            t(`, och alla lika med den ${p.k}:e`, `, and all tied with the ${p.k}th`),
          ),
      p.split === "equal"
        ? t(", lika delning", ", split equally")
        : cat(t(", i proportion till ", ", in proportion to "), by),
    );
  },
  takers(p, ctx) {
    const m = p.by ? ctx.measure(p.by) : ctx.blockMeasure!;
    const ranked = poolOf(p, ctx)
      .map((row) => ({ row, v: measureValue(row, m) }))
      .filter(
        (x): x is { row: Row; v: MeasureValue } =>
          x.v !== null &&
          (p.minMeasure === undefined || mvCompare(x.v, mvOfNumber(p.minMeasure)) >= 0),
      )
      .sort((a, b) => mvCompare(b.v, a.v) || compareCodes(a.row.def.code, b.row.def.code));
    let chosen = ranked;
    if (ranked.length > p.k) {
      const kth = ranked[p.k - 1].v;
      chosen = ranked.filter((x) => mvCompare(x.v, kth) >= 0);
    }
    // Tie-break order of apportion is the list order: county code.
    chosen.sort((a, b) => compareCodes(a.row.def.code, b.row.def.code));
    return {
      rows: chosen.map((x) => x.row),
      weights: chosen.map((x) => (p.split === "equal" ? rational(1n) : mvWeight(x.v))),
      why(_row, i) {
        const value = cat(m.label, " ", numMV(chosen[i].v));
        if (chosen.length === 1)
          return cat(
            t("störst ", "the largest "),
            value,
            t(" → hela kvarstående medel", " → the whole leftover"),
          );
        return cat(
          t(
            `en av de ${chosen.length} med störst `,
            `one of the ${chosen.length} with the largest `,
          ),
          m.label,
          " (",
          numMV(chosen[i].v),
          ")",
          p.split === "equal"
            ? t(", lika andel av kvarstående medel", ", an equal share of the leftover")
            : cat(
                t(", andel av kvarstående medel utifrån ", ", a share of the leftover by "),
                m.label,
              ),
        );
      },
    };
  },
};

const LEFTOVER_KINDS = { undistributed, equal, proportional, top } as const;

export function parseLeftover(v: unknown, path: string, ctx: ParseContext): LeftoverPolicy {
  const o = obj(v, path);
  const policy = oneOf(
    o.policy,
    join(path, "policy"),
    Object.keys(LEFTOVER_KINDS) as (keyof typeof LEFTOVER_KINDS)[],
  );
  return LEFTOVER_KINDS[policy].parse(o, path, ctx);
}

/** The registry's entry for a policy, its type kept (the one place that dispatches on it). */
function run<R>(
  p: LeftoverPolicy,
  f: { [K in LeftoverPolicy["policy"]]: (k: LeftoverKind<Of<K>>, p: Of<K>) => R },
): R {
  switch (p.policy) {
    case "undistributed":
      return f.undistributed(undistributed, p);
    case "equal":
      return f.equal(equal, p);
    case "proportional":
      return f.proportional(proportional, p);
    case "top":
      return f.top(top, p);
  }
}

export function describeLeftover(
  p: LeftoverPolicy,
  label: (name: string | undefined) => Text,
): Text {
  const ctx = { label };
  return run(p, {
    undistributed: (k, q) => k.describe(q, ctx),
    equal: (k, q) => k.describe(q, ctx),
    proportional: (k, q) => k.describe(q, ctx),
    top: (k, q) => k.describe(q, ctx),
  });
}

export function leftoverTakers(p: LeftoverPolicy, ctx: LeftoverContext): Takers {
  return run(p, {
    undistributed: (k, q) => k.takers(q, ctx),
    equal: (k, q) => k.takers(q, ctx),
    proportional: (k, q) => k.takers(q, ctx),
    top: (k, q) => k.takers(q, ctx),
  });
}
