/**
 * The rule set in use in words (blocks, budgets, who takes part, ladders as small tables, caps,
 * leftover, interpretations), and "Jämför med…": what another rule set on offer does otherwise
 * (diffRuleSets). Folded away until asked for: RuleSetFold.tsx holds the fold, and this body is
 * in the panels' chunk (lazyPanels.tsx), loaded after the first paint.
 */
import { useState } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { diffRuleSets } from "../domain/diffRuleSets";
import { formatKr } from "../domain/format";
import { interpretationsFor } from "../domain/interpretations";
import type { BlockDef, Condition, Lang, RuleSet } from "../domain/ruleSet";
import { measureOf } from "../domain/vocabulary/measures";
import { leftoverTextOf } from "../domain/vocabulary/describe";
import type { RuleSetOption } from "./allocationState";
import type { Strings } from "./i18n";
import { optionLabel } from "./RuleSetPicker";
import { Caption, SelectField } from "./ui";

const useStyles = makeStyles({
  block: { margin: `${tokens.spacingVerticalXS} 0 0` },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  table: { borderCollapse: "collapse", fontVariantNumeric: "tabular-nums" },
  cell: { padding: `0 ${tokens.spacingHorizontalS}`, textAlign: "end" },
});

const W = {
  sv: {
    budget: "budget",
    takesPart: "Deltar",
    everyone: "alla regioner",
    split: "Delning",
    ladder: "Trappa",
    threshold: "Från",
    amount: "Belopp",
    cap: "Tak",
    perRegion: (kr: string) => `${kr} per region`,
    byRegion: (n: number) => `eget tak för ${n} regioner`,
    leftover: "Kvarstående",
    interpretations: "Tolkningar",
    defaultIs: (v: string) => `standard: ${v}`,
    compare: "Jämför med…",
    compareNone: "(välj regler)",
    same: "Samma regler.",
    equal: "lika delar",
    by: (m: string) => `efter ${m}`,
    perUnit: (r: string) => `belopp per enhet: ${r}`,
  },
  en: {
    budget: "budget",
    takesPart: "Takes part",
    everyone: "every region",
    split: "Split",
    ladder: "Ladder",
    threshold: "From",
    amount: "Amount",
    cap: "Cap",
    perRegion: (kr: string) => `${kr} per region`,
    byRegion: (n: number) => `own cap for ${n} regions`,
    leftover: "Leftover",
    interpretations: "Interpretations",
    defaultIs: (v: string) => `default: ${v}`,
    compare: "Compare with…",
    compareNone: "(choose rules)",
    same: "The same rules.",
    equal: "equal shares",
    by: (m: string) => `by ${m}`,
    perUnit: (r: string) => `amount per unit: ${r}`,
  },
};

function label(rs: RuleSet, m: string, lang: Lang): string {
  try {
    return measureOf(rs, m).label[lang];
  } catch {
    return m;
  }
}

function conditionText(rs: RuleSet, c: Condition, lang: Lang): string {
  if ("reported" in c)
    return lang === "sv" ? `har ${c.reported} rapporterat` : `${c.reported} reported`;
  if ("group" in c) {
    const g = rs.groups?.[c.group];
    return g ? g.name[lang] : c.group;
  }
  return `${label(rs, c.measure, lang)} ≥ ${c.atLeast}`;
}

function BlockView({ rs, block, lang }: { rs: RuleSet; block: BlockDef; lang: Lang }) {
  const styles = useStyles();
  const w = W[lang];
  const leftover = leftoverTextOf(rs, block);
  const split = block.split;
  return (
    <div className={styles.block} data-testid={`rules-${block.id}`}>
      <Caption as="p">
        <strong>{block.name[lang]}</strong> — {w.budget} {formatKr(block.budget, lang)}
      </Caption>
      <ul className={styles.list}>
        <li>
          <Caption>
            {w.takesPart}:{" "}
            {block.eligible.length === 0
              ? w.everyone
              : block.eligible.map((c) => conditionText(rs, c, lang)).join(", ")}
          </Caption>
        </li>
        {split && (
          <li>
            <Caption>
              {w.split}:{" "}
              {split.kind === "equal"
                ? w.equal
                : split.kind === "proportional"
                  ? w.by(label(rs, split.weight, lang))
                  : w.perUnit(
                      split.rates
                        .map((r) => `${formatKr(r.amount, lang)} / ${label(rs, r.measure, lang)}`)
                        .join(", "),
                    )}
            </Caption>
          </li>
        )}
        {block.ladder && (
          <li>
            <Caption>
              {w.ladder} ({label(rs, block.ladder.measure, lang)}):
            </Caption>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th className={styles.cell}>{w.threshold}</th>
                  <th className={styles.cell}>{w.amount}</th>
                </tr>
              </thead>
              <tbody>
                {block.ladder.steps.map((s, i) => (
                  <tr key={i}>
                    <td className={styles.cell}>{s.threshold}</td>
                    <td className={styles.cell}>{formatKr(s.amount, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        )}
        {block.cap && (
          <li>
            <Caption>
              {w.cap}:{" "}
              {"perRegion" in block.cap
                ? w.perRegion(formatKr(block.cap.perRegion, lang))
                : w.byRegion(Object.keys(block.cap.byRegion).length)}
            </Caption>
          </li>
        )}
        {leftover && (
          <li>
            <Caption>
              {w.leftover}: {leftover[lang]}
            </Caption>
          </li>
        )}
      </ul>
    </div>
  );
}

export interface RuleSetViewProps {
  ruleSet: RuleSet;
  options: readonly RuleSetOption[];
  selectedId: string;
  lang: Lang;
  t: Strings;
}

/** What the fold shows once opened. */
export function RuleSetBody({ ruleSet, options, selectedId, lang, t }: RuleSetViewProps) {
  const styles = useStyles();
  const w = W[lang];
  const [otherId, setOtherId] = useState("");
  const other = options.find((o) => o.id === otherId && o.id !== selectedId);
  const diff = other ? diffRuleSets(ruleSet, other.ruleSet) : null;
  const choices = interpretationsFor(ruleSet);
  return (
    <>
      {ruleSet.blocks.map((b) => (
        <BlockView key={b.id} rs={ruleSet} block={b} lang={lang} />
      ))}
      {choices.length > 0 && (
        <div className={styles.block}>
          <Caption as="p">
            <strong>{w.interpretations}</strong>
          </Caption>
          <ul className={styles.list}>
            {choices.map((c) => (
              <li key={c.key}>
                {/* The descriptions stand in the interpretations' own panel: the keys here. */}
                <Caption>
                  {c.key}: {c.options.map((o) => o.value).join(" / ")} ({w.defaultIs(c.default)})
                </Caption>
              </li>
            ))}
          </ul>
        </div>
      )}
      <SelectField label={w.compare} value={otherId} onChange={setOtherId}>
        <option value="">{w.compareNone}</option>
        {options
          .filter((o) => o.id !== selectedId)
          .map((o) => (
            <option key={o.id} value={o.id}>
              {optionLabel(o, t, lang)}
            </option>
          ))}
      </SelectField>
      {diff && (
        <ul className={styles.list} data-testid="rules-diff">
          {diff.length === 0 ? (
            <li>{w.same}</li>
          ) : (
            diff.map((line, i) => <li key={i}>{line[lang]}</li>)
          )}
        </ul>
      )}
    </>
  );
}
