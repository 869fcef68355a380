/** Eligibility conditions: why a region takes part in a block, or the reason it does not. */
import type { Condition, RuleSet, Text } from "../ruleSet";
import { cat, mvCompare, mvOfNumber, num, t } from "./exact";
import { describeMeasure, measureOf, measureValue } from "./measures";
import type { Row } from "./rows";

/** Null when the condition holds; otherwise why not, for the trace. */
export function checkCondition(row: Row, c: Condition, ruleSet: RuleSet): Text | null {
  if ("reported" in c) {
    if (c.reported === "forecast") {
      return row.forecast ? null : t("lämnade ingen prognos", "submitted no forecast");
    }
    if (row.counts[c.reported] !== null && row.counts[c.reported] !== undefined) return null;
    const m = measureOf(ruleSet, c.reported);
    return c.reported === "at"
      ? t(`rapporterade inte AT ${ruleSet.year}`, `did not report AT ${ruleSet.year}`)
      : cat(t("rapporterade inte ", "did not report "), m.label);
  }
  if ("group" in c) {
    if (row.groups.has(c.group)) return null;
    const name = ruleSet.groups?.[c.group]?.name ?? t(c.group, c.group);
    return cat(t("ingår inte i gruppen ", "not in the group "), name);
  }
  const m = measureOf(ruleSet, c.measure);
  const v = measureValue(row, m);
  if (v === null) return cat(t("saknar värde för ", "has no value for "), m.label);
  if (mvCompare(v, mvOfNumber(c.atLeast)) < 0) {
    return cat(
      describeMeasure(row, m),
      t(", under kravet ", ", below the required "),
      num(c.atLeast),
    );
  }
  return null;
}
