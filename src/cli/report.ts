/** What the command line prints: IO.md's JSON, or the readable report. */
import { formatKr } from "../domain/format";
import type { Lang, RuleSet } from "../domain/ruleSet";
import type { AllocationResult } from "../domain/types";
import type { ReadOutcome } from "../app/pipeline";
import { quoteSheet } from "../workbook/a1";
import { formatIssueLine, issueAddress } from "../workbook/issueText";
import type { Issue } from "../workbook/types";

/** The issue as IO.md's JSON shows it (plus its machine code). */
function jsonIssue(issue: Issue, lang: Lang) {
  return {
    severity: issue.severity,
    cell: issueAddress(issue),
    region: issue.region ?? null,
    message: issue.message[lang],
    code: issue.code,
  };
}

/** IO.md's JSON: year, regions, blocks, interpretations, issues; then a few extra fields. */
export function toJson(
  ruleSet: RuleSet,
  outcome: ReadOutcome,
  issues: Issue[],
  lang: Lang,
): Record<string, unknown> {
  const r = outcome.result;
  return {
    year: ruleSet.year,
    regions: (r?.regions ?? []).map((x) => ({
      code: x.code,
      region: x.region,
      blocks: x.blocks,
      total: x.total,
      // Ladder measures are counts, at most with a half from a range: exact as JSON numbers.
      measures: Object.fromEntries(
        Object.entries(x.measures).map(([k, v]) => [k, v === null ? null : Number(v)]),
      ),
      trace: Object.fromEntries(Object.entries(x.trace).map(([k, v]) => [k, v[lang]])),
    })),
    blocks: (r?.blocks ?? []).map((b) => ({
      id: b.id,
      budget: b.budget,
      ladder: b.ladder,
      leftover: b.leftover,
      distributed: b.distributed,
      undistributed: b.undistributed,
      overflow: b.overflow,
      name: b.name[lang],
      explanation: b.explanation[lang],
    })),
    interpretations: (r?.interpretations ?? []).map((i) => ({
      key: i.key,
      value: i.value,
      isDefault: i.isDefault,
      description: i.description[lang],
    })),
    issues: issues.map((i) => jsonIssue(i, lang)),
    ok: r !== null,
    reference: ruleSet.reference,
    read:
      outcome.read && outcome.read.range
        ? `${quoteSheet(outcome.read.sheet)}!${outcome.read.range}`
        : null,
  };
}

function pad(text: string, width: number, right: boolean): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** "Block 1 – Redovisa antal AT" → "Block 1": a column header that fits a terminal. */
function shortName(name: string): string {
  const i = name.search(/\s[–-]\s/);
  return i > 0 ? name.slice(0, i) : name;
}

/** The readable report: amounts per region and block, block totals, interpretations, issues. */
export function toText(
  ruleSet: RuleSet,
  outcome: ReadOutcome,
  issues: Issue[],
  lang: Lang,
): string {
  const T = (sv: string, en: string) => (lang === "sv" ? sv : en);
  const lines: string[] = [];
  lines.push(`${ruleSet.title[lang]} (${ruleSet.reference})`);
  if (outcome.read && outcome.read.range) {
    lines.push(
      `${T("Läst", "Read")}: ${quoteSheet(outcome.read.sheet)}!${outcome.read.range} (${outcome.read.inputs.length} ${T("regioner", "regions")})`,
    );
  }
  const r: AllocationResult | null = outcome.result;
  if (r) {
    lines.push("");
    const headers = [
      T("Kod", "Code"),
      "Region",
      ...r.blocks.map((b) => shortName(b.name[lang])),
      T("Summa", "Total"),
    ];
    const rows = r.regions.map((x) => [
      x.code,
      x.region,
      ...r.blocks.map((b) => formatKr(x.blocks[b.id] ?? 0, lang)),
      formatKr(x.total, lang),
    ]);
    const totalRow = [
      "",
      T("Summa", "Total"),
      ...r.blocks.map((b) => formatKr(b.distributed, lang)),
      formatKr(
        r.blocks.reduce((s, b) => s + b.distributed, 0),
        lang,
      ),
    ];
    const all = [headers, ...rows, totalRow];
    const widths = headers.map((_, c) => Math.max(...all.map((row) => row[c].length)));
    const fmt = (row: string[]) =>
      row
        .map((cell, c) => pad(cell, widths[c], c >= 2))
        .join("  ")
        .trimEnd();
    lines.push(fmt(headers));
    lines.push(widths.map((w) => "-".repeat(w)).join("  "));
    for (const row of rows) lines.push(fmt(row));
    lines.push(widths.map((w) => "-".repeat(w)).join("  "));
    lines.push(fmt(totalRow));
    lines.push("");
    lines.push(T("Block", "Blocks"));
    for (const b of r.blocks) {
      lines.push(`  ${b.name[lang]}`);
      lines.push(
        `    ${T("budget", "budget")} ${formatKr(b.budget, lang)}; ${T("trappsteg", "ladder")} ${formatKr(b.ladder, lang)}; ` +
          `${T("kvarstående", "leftover")} ${formatKr(b.leftover, lang)}; ${T("fördelat", "distributed")} ${formatKr(b.distributed, lang)}; ` +
          `${T("ej fördelat", "undistributed")} ${formatKr(b.undistributed, lang)}`,
      );
      if (b.overflow) {
        lines.push(
          `    ${T("OBS: trappstegen översteg budgeten och skalades ned pro rata", "NOTE: ladder payouts exceeded the budget and were scaled down pro rata")}`,
        );
      }
    }
    if (r.interpretations.length > 0) {
      lines.push("");
      lines.push(T("Tolkningar", "Interpretations"));
      for (const i of r.interpretations) {
        lines.push(
          `  ${i.key}=${i.value}${i.isDefault ? T(" (standard)", " (default)") : ""} — ${i.description[lang]}`,
        );
      }
    }
  }
  const groups: [Issue["severity"], string][] = [
    ["error", T("Fel", "Errors")],
    ["warning", T("Varningar", "Warnings")],
    ["notice", T("Noteringar", "Notices")],
  ];
  for (const [severity, title] of groups) {
    const list = issues.filter((i) => i.severity === severity);
    if (list.length === 0) continue;
    lines.push("");
    lines.push(`${title} (${list.length})`);
    for (const i of list) lines.push(`  ${formatIssueLine(i, lang)}`);
  }
  if (!r) {
    lines.push("");
    lines.push(
      T(
        "Indata har fel — ingenting har beräknats eller skrivits. Rätta cellerna ovan och kör igen.",
        "The input has errors — nothing was computed or written. Correct the cells above and run again.",
      ),
    );
  }
  return lines.join("\n") + "\n";
}
