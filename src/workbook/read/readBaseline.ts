/**
 * The planned AT (baseline, AT-värde) of one row: a number, planning text read by the range
 * policy of RULES.md ("84–89", "46 (ev. 48)"), or the decision's value where the table has
 * none; "I.U" is an error with the previous year's plan as a suggestion, never applied.
 */
import Decimal from "decimal.js";
import { parsePlanningValue } from "../../domain/planningValue";
import type { PlanningReading, RangePolicy } from "../../domain/planningValue";
import type { RegionDef } from "../../domain/regions";
import type { RuleSet, Text } from "../../domain/ruleSet";
import type { RegionInput } from "../../domain/types";
import { parseNumberText, showCell, isBlank } from "../cellValues";
import { expectedHeader, fieldLabel } from "../headers";
import type { HeaderYears } from "../headers";
import type { IssueSink } from "./messages";
import { badCountText, num, POLICY_WORDS } from "./messages";
import { cellAt } from "./grid";

interface RowContext {
  sink: IssueSink;
  regionCol: number;
}

/** "(förslag: 199, planerat 2023)" from the rule set's previous planned year, if it has one. */
function suggestionText(ruleSet: RuleSet, code: string, policy: RangePolicy): Text {
  const prev = ruleSet.inputs.baseline?.previous?.[code];
  if (!prev) return { sv: "", en: "" };
  const r = parsePlanningValue(prev, policy);
  if (r.kind !== "number" && r.kind !== "range" && r.kind !== "annotation")
    return { sv: "", en: "" };
  const v = num(r.value);
  const raw = r.kind === "number" ? null : prev;
  const y = ruleSet.year - 1;
  return {
    sv: ` (förslag: ${v.sv}${raw ? ` ur "${raw}"` : ""}, planerat ${y})`,
    en: ` (suggestion: ${v.en}${raw ? ` from "${raw}"` : ""}, planned for ${y})`,
  };
}

/** What a planning reading says, for its notice: "läses som 86,5 (mittpunkten)". */
function readingText(raw: string, r: PlanningReading): Text | null {
  if (r.kind === "range") {
    const v = num(r.value);
    return {
      sv: `"${raw}" läses som ${v.sv} (${POLICY_WORDS[r.policy].sv})`,
      en: `"${raw}" is read as ${v.en} (${POLICY_WORDS[r.policy].en})`,
    };
  }
  if (r.kind === "annotation") {
    const v = num(r.value);
    return {
      sv: `"${raw}" läses som ${v.sv} ("ev." är en möjlighet, ingen plan)`,
      en: `"${raw}" is read as ${v.en} ("ev." is a possibility, not a plan)`,
    };
  }
  return null;
}

/** The planned AT (baseline) of one row, from the cell or the decision's default. */
export function readBaseline(
  ruleSet: RuleSet,
  region: RegionDef,
  row: number,
  col: number | undefined,
  useDefaults: boolean,
  input: RegionInput,
  years: HeaderYears,
  policy: RangePolicy,
  ctx: RowContext,
): void {
  const label = fieldLabel("baseline", years);
  const rname = region.name;
  const spec = ruleSet.inputs.baseline!;
  const def = spec.defaults?.[region.code];
  const cellPos = col !== undefined ? { row, col } : { row, col: ctx.regionCol };

  const useDefault = (why: "blank" | "column"): void => {
    if (def === undefined) {
      if (spec.required) {
        ctx.sink.add(
          "error",
          "baseline.blank",
          {
            sv: `${label.sv} saknas — ange ett värde`,
            en: `${label.en} is missing — enter a value`,
          },
          cellPos,
          rname,
        );
      }
      input.baseline = null;
      return;
    }
    const r = parsePlanningValue(def, policy);
    if (r.kind === "noData" || r.kind === "invalid") {
      const sugg = suggestionText(ruleSet, region.code, policy);
      ctx.sink.add(
        "error",
        "baseline.noData",
        why === "blank"
          ? {
              sv: `${label.sv} saknas och beslutet anger "${def}" (inga uppgifter) — ange ett värde${sugg.sv}`,
              en: `${label.en} is missing and the decision says "${def}" (no data) — enter a value${sugg.en}`,
            }
          : {
              sv: `beslutet anger "${def}" (inga uppgifter) för ${rname} — lägg till kolumnen "${expectedHeader("baseline", years).sv}" och ange ett värde${sugg.sv}`,
              en: `the decision says "${def}" (no data) for ${rname} — add the column "${expectedHeader("baseline", years).en}" and enter a value${sugg.en}`,
            },
        cellPos,
        rname,
      );
      input.baseline = null;
      return;
    }
    input.baseline = r.value;
    const reading = readingText(def, r);
    if (why === "blank") {
      ctx.sink.add(
        "warning",
        "baseline.default",
        {
          sv: `tom cell: beslutets värde för ${label.sv} används, ${reading ? reading.sv : num(r.value).sv}`,
          en: `blank cell: the decision's value for ${label.en} is used, ${reading ? reading.en : num(r.value).en}`,
        },
        cellPos,
        rname,
        { affectsAmounts: true },
      );
    } else if (reading) {
      ctx.sink.add(
        "notice",
        `planning.${r.kind}`,
        {
          sv: `beslutets värde: ${reading.sv}`,
          en: `the decision's value: ${reading.en}`,
        },
        cellPos,
        rname,
      );
    }
  };

  if (col === undefined) {
    if (useDefaults) useDefault("column");
    return;
  }
  const v = cellAt(ctx.sink.sheet, row, col);
  if (isBlank(v)) {
    useDefault("blank");
    return;
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 0) {
      ctx.sink.add(
        "error",
        "count.negative",
        badCountText("negative", showCell(v), label, false),
        cellPos,
        rname,
      );
      return;
    }
    input.baseline = new Decimal(v).toString();
    const def = spec.defaults?.[region.code];
    const fromRange = def !== undefined && parsePlanningValue(def, policy).kind === "range";
    if (!new Decimal(v).isInteger() && !fromRange) {
      ctx.sink.add(
        "warning",
        "baseline.decimals",
        {
          sv: `${label.sv} ${num(v).sv} har decimaler, men beslutet anger heltal — kontrollera värdet`,
          en: `${label.en} ${num(v).en} has decimals, but the decision gives whole numbers — check the value`,
        },
        cellPos,
        rname,
        { affectsAmounts: true },
      );
    }
    return;
  }
  if (typeof v !== "string") {
    const reason =
      v === null || typeof v === "boolean"
        ? "text"
        : "error" in v
          ? "error"
          : "formula" in v
            ? "uncalculated"
            : "date";
    ctx.sink.add(
      "error",
      `count.${reason}`,
      badCountText(reason, showCell(v), label, false),
      cellPos,
      rname,
    );
    return;
  }
  const text = v.trim();
  let r = parsePlanningValue(text, policy);
  if (r.kind === "invalid") {
    // "1 250" or "−3": a number as people write it, or a negative one.
    const d = parseNumberText(text);
    if (d && !d.isNeg()) r = { kind: "number", value: d.toString() };
    else if (d) {
      ctx.sink.add(
        "error",
        "count.negative",
        badCountText("negative", num(d), label, false),
        cellPos,
        rname,
      );
      return;
    }
  }
  if (r.kind === "noData") {
    ctx.sink.add(
      "error",
      "baseline.noData",
      {
        sv: `"${text}" är inget antal — ange ${label.sv}${suggestionText(ruleSet, region.code, policy).sv}`,
        en: `"${text}" is not a number — enter ${label.en}${suggestionText(ruleSet, region.code, policy).en}`,
      },
      cellPos,
      rname,
    );
    return;
  }
  if (r.kind === "invalid") {
    ctx.sink.add(
      "error",
      "count.text",
      {
        sv: `"${text}" är inget antal — ange ${label.sv} som ett tal, ett intervall ("84–89") eller ett tal med anmärkning ("46 (ev. 48)")`,
        en: `"${text}" is not a number — enter ${label.en} as a number, a range ("84–89") or a number with a note ("46 (ev. 48)")`,
      },
      cellPos,
      rname,
    );
    return;
  }
  input.baseline = r.value;
  const reading = readingText(text, r);
  if (reading) ctx.sink.add("notice", `planning.${r.kind}`, reading, cellPos, rname);
}
