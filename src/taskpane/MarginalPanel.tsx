/**
 * What-if for one region (issue 10): what each AT post more or less gives (marginalTable), the
 * next ladder step, "how many AT for X kr" (goalSeek), and the table written as a sheet.
 */
import { useMemo, useState } from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { WorkbookHost } from "../app/host";
import { formatKr } from "../domain/format";
import type { Lang, RuleSet, Text } from "../domain/ruleSet";
import type { AllocationResult, RegionInput, Settings } from "../domain/types";
import {
  goalSeek,
  marginalTable,
  nextStep,
  RegionVariations,
  type GoalSeek,
  type MarginalTable,
} from "../domain/whatif/marginal";
import { planMarginalSheet } from "../workbook/planMarginal";
import { Notice } from "./Notice";
import { H2, SelectField } from "./ui";
import { errorDetail } from "./useAllocation";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
  table: { borderCollapse: "collapse", fontVariantNumeric: "tabular-nums" },
  cell: { padding: `0 ${tokens.spacingHorizontalS}`, textAlign: "end", whiteSpace: "nowrap" },
  today: { fontWeight: tokens.fontWeightSemibold },
});

const W = {
  sv: {
    heading: "Om regionen hade fler AT",
    region: "Region",
    none: "(välj region)",
    delta: "AT ±",
    at: "AT",
    total: "Totalt",
    perPost: "Per AT",
    goal: "Belopp att nå (kr)",
    seek: "Hur många AT krävs?",
    writeSheet: "Skriv marginaltabell",
    written: (sheet: string) => `Skrev tabellen på bladet ${sheet}.`,
    notKr: "Skriv ett belopp i hela kronor.",
  },
  en: {
    heading: "If the region had more AT posts",
    region: "Region",
    none: "(choose a region)",
    delta: "AT ±",
    at: "AT",
    total: "Total",
    perPost: "Per post",
    goal: "Amount to reach (kr)",
    seek: "How many AT posts?",
    writeSheet: "Write marginal table",
    written: (sheet: string) => `Wrote the table on the sheet ${sheet}.`,
    notKr: "Type an amount in whole kronor.",
  },
};

export interface MarginalPanelProps {
  host: WorkbookHost;
  ruleSet: RuleSet;
  inputs: readonly RegionInput[];
  result: AllocationResult;
  settings: Settings;
  lang: Lang;
  disabled: boolean;
}

type Computed =
  | { ok: true; table: MarginalTable; v: RegionVariations; next: Text | null }
  | { ok: false; text: string };

export function MarginalPanel(props: MarginalPanelProps) {
  const { host, ruleSet, inputs, result, settings, lang, disabled } = props;
  const styles = useStyles();
  const w = W[lang];
  const [code, setCode] = useState("");
  const [goalText, setGoalText] = useState("");
  const [goal, setGoal] = useState<GoalSeek | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const failText = (error: unknown) => {
    const d = errorDetail(error);
    return "sentence" in d ? d.sentence[lang] : d.message;
  };

  const computed: Computed | null = useMemo(() => {
    if (!code || !inputs.some((i) => i.code === code)) return null;
    try {
      const v = new RegionVariations(ruleSet, inputs, code, settings, result);
      const table = marginalTable(ruleSet, inputs, code, { settings }, v);
      const next = table.next ?? nextStep(ruleSet, v);
      return { ok: true, table, v, next: next ? next.text : null };
    } catch (error) {
      return { ok: false, text: failText(error) };
    }
    // failText depends on lang only.
  }, [code, ruleSet, inputs, settings, result, lang]);

  const seek = () => {
    if (!computed?.ok) return;
    const kr = Number(goalText.replace(/[\s\u00a0]/g, ""));
    if (!/^\d+$/.test(goalText.replace(/[\s\u00a0]/g, "")) || !Number.isSafeInteger(kr)) {
      setNote({ ok: false, text: w.notKr });
      return;
    }
    try {
      setGoal(goalSeek(computed.v, kr));
      setNote(null);
    } catch (error) {
      setNote({ ok: false, text: failText(error) });
    }
  };

  const writeSheet = async () => {
    if (!computed?.ok) return;
    try {
      const plan = planMarginalSheet({
        table: computed.table,
        year: result.year,
        blocks: result.blocks,
        lang,
        ...(goal ? { goal } : {}),
      });
      const sheet = await host.insertSheet(plan);
      setNote({ ok: true, text: w.written(sheet) });
    } catch (error) {
      setNote({ ok: false, text: failText(error) });
    }
  };

  return (
    <section className={styles.root} aria-label={w.heading} data-testid="marginal">
      <H2>{w.heading}</H2>
      <SelectField
        label={w.region}
        value={code}
        onChange={(c) => {
          setCode(c);
          setGoal(null);
          setNote(null);
        }}
      >
        <option value="">{w.none}</option>
        {result.regions.map((r) => (
          <option key={r.code} value={r.code}>
            {r.region}
          </option>
        ))}
      </SelectField>
      {computed && !computed.ok && <Notice intent="error">{computed.text}</Notice>}
      {computed?.ok && (
        <>
          {computed.next && <p data-testid="marginal-next">{computed.next[lang]}</p>}
          <table className={styles.table} aria-label={w.heading}>
            <thead>
              <tr>
                <th className={styles.cell}>{w.delta}</th>
                <th className={styles.cell}>{w.at}</th>
                <th className={styles.cell}>{w.total}</th>
                <th className={styles.cell}>{w.perPost}</th>
              </tr>
            </thead>
            <tbody>
              {computed.table.steps.map((s) => (
                <tr key={s.delta} className={s.delta === 0 ? styles.today : undefined}>
                  <td className={styles.cell}>{s.delta > 0 ? `+${s.delta}` : s.delta}</td>
                  <td className={styles.cell}>{s.at}</td>
                  <td className={styles.cell}>{formatKr(s.total, lang)}</td>
                  <td className={styles.cell}>
                    {s.perPost === null ? "" : formatKr(s.perPost, lang)}
                    {s.newStep ? " ▲" : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className={styles.row}>
            <input
              aria-label={w.goal}
              placeholder={w.goal}
              inputMode="numeric"
              value={goalText}
              onChange={(e) => setGoalText(e.target.value)}
            />
            <Button size="small" disabled={disabled} onClick={seek}>
              {w.seek}
            </Button>
            <Button size="small" disabled={disabled} onClick={() => void writeSheet()}>
              {w.writeSheet}
            </Button>
          </div>
          {goal && <p data-testid="marginal-goal">{goal.text[lang]}</p>}
        </>
      )}
      {note && <Notice intent={note.ok ? "success" : "error"}>{note.text}</Notice>}
    </section>
  );
}
