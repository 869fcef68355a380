/**
 * The few rule-set values a rule sheet writes as words in one cell, both ways: conditions
 * ("rapporterat at; grupp godNiva; expansion ≥ 1"), a leftover policy ("proportionell
 * kvalificerade atPer100k", "topp kvalificerade 3 lika efter expansion minst 1"), a split kind
 * and a cap ("30000000" per region, or "01=161000000; 09=5000000"). Swedish words are written;
 * Swedish and English are read. A cell that does not parse is named by the reader.
 */
import type { Cap, Condition, LeftoverPolicy } from "../../domain/ruleSet";

export class CellTextError extends Error {
  constructor(
    readonly sv: string,
    readonly en: string,
  ) {
    super(en);
  }
}

const bad = (sv: string, en: string): never => {
  throw new CellTextError(sv, en);
};

const words = (s: string): string[] => s.trim().split(/\s+/).filter(Boolean);

const AMONG: Record<string, "qualified" | "eligible"> = {
  kvalificerade: "qualified",
  qualified: "qualified",
  deltagande: "eligible",
  eligible: "eligible",
};
const AMONG_SV = { qualified: "kvalificerade", eligible: "deltagande" } as const;

export const SPLIT_WORDS: Record<string, "equal" | "proportional" | "perUnit" | "ladder"> = {
  lika: "equal",
  equal: "equal",
  proportionell: "proportional",
  proportional: "proportional",
  "per-enhet": "perUnit",
  perunit: "perUnit",
  trappa: "ladder",
  ladder: "ladder",
};
export const SPLIT_SV = {
  equal: "lika",
  proportional: "proportionell",
  perUnit: "per-enhet",
  ladder: "trappa",
} as const;

export function conditionsText(cs: Condition[]): string {
  return cs
    .map((c) =>
      "reported" in c
        ? `rapporterat ${c.reported}`
        : "group" in c
          ? `grupp ${c.group}`
          : `${c.measure} ≥ ${c.atLeast}`,
    )
    .join("; ");
}

export function parseConditions(text: string): Condition[] {
  return text
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const w = words(p);
      if ((w[0] === "rapporterat" || w[0] === "reported") && w.length === 2)
        return { reported: w[1] };
      if ((w[0] === "grupp" || w[0] === "group") && w.length === 2) return { group: w[1] };
      const m = /^([A-Za-z][A-Za-z0-9_-]*)\s*(≥|>=)\s*(-?\d+(?:[.,]\d+)?)$/.exec(p);
      if (m) return { measure: m[1], atLeast: Number(m[3].replace(",", ".")) };
      return bad(
        `"${p}" är inget villkor — skriv "rapporterat at", "grupp godNiva" eller "expansion ≥ 1", åtskilda med ;`,
        `"${p}" is not a condition — write "reported at", "group godNiva" or "expansion >= 1", separated by ;`,
      );
    });
}

export function leftoverText(p: LeftoverPolicy): string {
  switch (p.policy) {
    case "undistributed":
      return "fördelas-inte";
    case "equal":
      return `lika ${AMONG_SV[p.among]}`;
    case "proportional":
      return `proportionell ${AMONG_SV[p.among]} ${p.weight}`;
    case "top":
      return [
        "topp",
        AMONG_SV[p.among],
        String(p.k),
        p.split === "equal" ? "lika" : "efter-mått",
        ...(p.by ? ["efter", p.by] : []),
        ...(p.minMeasure !== undefined ? ["minst", String(p.minMeasure)] : []),
      ].join(" ");
  }
}

/** A leftover policy as the rule-set JSON writes it (validated by parseRuleSet afterwards). */
export function parseLeftoverText(text: string): Record<string, unknown> {
  const w = words(text.toLowerCase() === text ? text : text);
  const head = (w[0] ?? "").toLowerCase();
  const among = (x: string | undefined) =>
    AMONG[(x ?? "").toLowerCase()] ??
    bad(
      `"${x ?? ""}" — skriv kvalificerade eller deltagande`,
      `"${x ?? ""}" — write qualified or eligible`,
    );
  if (head === "fördelas-inte" || head === "undistributed") return { policy: "undistributed" };
  if (head === "lika" || head === "equal") return { policy: "equal", among: among(w[1]) };
  if (head === "proportionell" || head === "proportional") {
    if (!w[2])
      bad(
        'proportionell behöver ett mått: "proportionell kvalificerade atPer100k"',
        'proportional needs a measure: "proportional qualified atPer100k"',
      );
    return { policy: "proportional", among: among(w[1]), weight: w[2] };
  }
  if (head === "topp" || head === "top") {
    const k = Number(w[2]);
    if (!Number.isInteger(k))
      bad(`"${w[2] ?? ""}" är inget antal regioner`, `"${w[2] ?? ""}" is no number of regions`);
    const split = (w[3] ?? "").toLowerCase();
    const out: Record<string, unknown> = {
      policy: "top",
      among: among(w[1]),
      k,
      split:
        split === "lika" || split === "equal"
          ? "equal"
          : split === "efter-mått" || split === "measure"
            ? "measure"
            : bad(
                `"${w[3] ?? ""}" — skriv lika eller efter-mått`,
                `"${w[3] ?? ""}" — write equal or measure`,
              ),
    };
    for (let i = 4; i < w.length; i += 2) {
      const key = w[i].toLowerCase();
      if (key === "efter" || key === "by") out.by = w[i + 1];
      else if (key === "minst" || key === "min")
        out.minMeasure = Number((w[i + 1] ?? "").replace(",", "."));
      else
        bad(
          `"${w[i]}" förstås inte — skriv "efter MÅTT" eller "minst TAL"`,
          `"${w[i]}" is not understood — write "by MEASURE" or "min NUMBER"`,
        );
    }
    return out;
  }
  return bad(
    `"${text}" är ingen regel för kvarstående medel — skriv t.ex. "proportionell kvalificerade atPer100k", "lika deltagande", "topp kvalificerade 3 lika" eller "fördelas-inte"`,
    `"${text}" is no leftover rule — write e.g. "proportional qualified atPer100k", "equal eligible", "top qualified 3 equal" or "undistributed"`,
  );
}

export function capText(cap: Cap | undefined): string | number | null {
  if (!cap) return null;
  if ("perRegion" in cap) return cap.perRegion;
  return Object.entries(cap.byRegion)
    .map(([code, amount]) => `${code}=${amount}`)
    .join("; ");
}

export function parseCap(v: unknown): Record<string, unknown> {
  if (typeof v === "number") return { perRegion: v };
  const text = String(v).trim();
  if (/^\d+$/.test(text.replace(/[\s\u00a0]/g, "")))
    return { perRegion: Number(text.replace(/[\s\u00a0]/g, "")) };
  const byRegion: Record<string, number> = {};
  for (const part of text
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([^=\s]+)\s*=\s*([\d\s\u00a0]+)$/.exec(part);
    if (!m)
      bad(
        `"${part}" — skriv ett tak för alla regioner (30000000) eller per kod: "01=161000000; 09=5000000"`,
        `"${part}" — write one cap for all (30000000) or per code: "01=161000000; 09=5000000"`,
      );
    byRegion[m![1]] = Number(m![2].replace(/[\s\u00a0]/g, ""));
  }
  return { byRegion };
}
