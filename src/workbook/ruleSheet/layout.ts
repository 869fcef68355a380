/**
 * The rule sheet ("Regler"): a rule set laid out for people who have never seen JSON — the
 * grant's facts, then one small table per part (inputs, planning values, measures, groups,
 * regions, blocks, one per ladder, interpretations). Each table starts with its title in column
 * A and its header row below; a blank row ends it. Swedish labels are written; Swedish and
 * English are read. docs/rule-sheet.md shows it.
 */
export const RULE_SHEET_TITLE = {
  sv: "Regelverk för AT-fördelning",
  en: "Rule set for AT allocation",
};
export const RULE_SHEET_NAME = "Regler";

/** Facts of the grant, one per row: label in A, value in B (sources: one row each). */
export const FACTS = {
  format: { sv: "Format", en: "Format" },
  year: { sv: "År", en: "Year" },
  titleSv: { sv: "Titel (sv)", en: "Title (sv)" },
  titleEn: { sv: "Titel (en)", en: "Title (en)" },
  reference: { sv: "Diarienummer", en: "Reference" },
  source: { sv: "Källa", en: "Source" },
  populationDate: { sv: "Folkmängd per", en: "Population as of" },
  budget: { sv: "Total budget", en: "Total budget" },
  rounding: { sv: "Avrundning", en: "Rounding" },
} as const;

export const SECTIONS = {
  inputs: { sv: "Inmatningar", en: "Inputs" },
  planning: { sv: "Planeringsvärden", en: "Planning values" },
  measures: { sv: "Mått", en: "Measures" },
  groups: { sv: "Grupper", en: "Groups" },
  regions: { sv: "Regioner", en: "Regions" },
  blocks: { sv: "Block", en: "Blocks" },
  ladder: { sv: "Trappa", en: "Ladder" },
  interpretations: { sv: "Tolkningar", en: "Interpretations" },
} as const;

/** Column headers per table, in order. */
export const COLUMNS = {
  inputs: [
    ["name", "Namn", "Name"],
    ["required", "Krävs", "Required"],
    ["labelSv", "Etikett (sv)", "Label (sv)"],
    ["labelEn", "Etikett (en)", "Label (en)"],
    ["headers", "Rubriker", "Headers"],
    ["year", "Avser år", "Refers to year"],
    ["defaultValue", "Standardvärde", "Default value"],
  ],
  planning: [
    ["input", "Inmatning", "Input"],
    ["code", "Kod", "Code"],
    ["value", "Värde", "Value"],
    ["previous", "Föregående år", "Previous year"],
  ],
  measures: [
    ["name", "Namn", "Name"],
    ["kind", "Sort", "Kind"],
    ["of", "Av", "Of"],
    ["labelSv", "Etikett (sv)", "Label (sv)"],
    ["labelEn", "Etikett (en)", "Label (en)"],
  ],
  groups: [
    ["id", "Id", "Id"],
    ["nameSv", "Namn (sv)", "Name (sv)"],
    ["nameEn", "Namn (en)", "Name (en)"],
    ["aliases", "Andra namn", "Other names"],
    ["members", "Medlemmar", "Members"],
  ],
  regions: [
    ["code", "Kod", "Code"],
    ["name", "Namn", "Name"],
    ["aliases", "Andra namn", "Other names"],
  ],
  blocks: [
    ["id", "Id", "Id"],
    ["nameSv", "Namn (sv)", "Name (sv)"],
    ["nameEn", "Namn (en)", "Name (en)"],
    ["budget", "Budget", "Budget"],
    ["eligible", "Deltar", "Takes part"],
    ["split", "Delning", "Split"],
    ["measure", "Mått", "Measure"],
    ["amount", "Belopp per enhet", "Amount per unit"],
    ["leftover", "Kvarstående", "Leftover"],
    ["cap", "Tak", "Cap"],
    ["source", "Källa", "Source"],
  ],
  ladder: [
    ["threshold", "Tröskel", "Threshold"],
    ["amount", "Belopp", "Amount"],
  ],
  interpretations: [
    ["key", "Nyckel", "Key"],
    ["descSv", "Beskrivning (sv)", "Description (sv)"],
    ["descEn", "Beskrivning (en)", "Description (en)"],
    ["default", "Standard", "Default"],
    ["option", "Alternativ", "Option"],
    ["optSv", "Alternativ (sv)", "Option (sv)"],
    ["optEn", "Alternativ (en)", "Option (en)"],
    ["block", "Block", "Block"],
    ["eligible", "Deltar", "Takes part"],
    ["split", "Delning", "Split"],
    ["measure", "Mått", "Measure"],
    ["amount", "Belopp per enhet", "Amount per unit"],
    ["leftover", "Kvarstående", "Leftover"],
    ["ladder", "Trappa (JSON)", "Ladder (JSON)"],
  ],
} as const;

export type TableName = keyof typeof COLUMNS;
